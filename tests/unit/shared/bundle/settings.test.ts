/**
 * One set of bundle defaults (issue #16): the bundle screen starts from BUNDLE_DEFAULTS and the service and
 * `send-bundle build` fill what was not given with resolveBundleSettings, so the same case gives the same
 * bundle whichever way it is built.
 */
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_DEFAULTS,
  PAGE_SETTING_DEFAULTS,
  pageSettingsWithDefaults,
  resolveBundleSettings,
} from '../../../../shared/bundle/settings';

const context = { caseNumbering: 'section' as const, today: '2026-12-01' };

describe('bundle settings', () => {
  it('fills what was not given: the shared defaults, the case numbering, today, the case page settings', () => {
    const casePages = { normalisePages: false, landscapePages: 'rotate' as const, sourceBookmarks: true };
    expect(resolveBundleSettings({}, { ...context, casePages })).toEqual({
      numbering: 'section',
      lateInsertMode: BUNDLE_DEFAULTS.lateInsertMode,
      dividers: BUNDLE_DEFAULTS.dividers,
      compiledDate: '2026-12-01',
      placementOnly: BUNDLE_DEFAULTS.placementOnly,
      pageSettings: casePages,
    });
    expect(resolveBundleSettings({}, context).pageSettings).toEqual(PAGE_SETTING_DEFAULTS);
  });

  it('keeps what was given, page settings for one build over the case', () => {
    const resolved = resolveBundleSettings(
      {
        numbering: 'continuous',
        lateInsertMode: 'renumber',
        dividers: !BUNDLE_DEFAULTS.dividers,
        compiledDate: '2026-05-01',
        placementOnly: true,
        landscapePages: 'rotate',
      },
      { ...context, casePages: PAGE_SETTING_DEFAULTS },
    );
    expect(resolved).toEqual({
      numbering: 'continuous',
      lateInsertMode: 'renumber',
      dividers: !BUNDLE_DEFAULTS.dividers,
      compiledDate: '2026-05-01',
      placementOnly: true,
      pageSettings: { ...PAGE_SETTING_DEFAULTS, landscapePages: 'rotate' },
    });
  });

  it('takes a case page setting that is partial, missing or damaged as the defaults for what it lacks', () => {
    expect(pageSettingsWithDefaults({ sourceBookmarks: false })).toEqual({
      ...PAGE_SETTING_DEFAULTS,
      sourceBookmarks: false,
    });
    expect(pageSettingsWithDefaults(null)).toEqual(PAGE_SETTING_DEFAULTS);
    expect(pageSettingsWithDefaults({ landscapePages: 'sideways' } as never)).toEqual(PAGE_SETTING_DEFAULTS);
  });
});
