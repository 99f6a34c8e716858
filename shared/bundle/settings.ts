/** The settings a bundle is planned and built with, as the API accepts them, and their defaults. */
import { z } from 'zod';
import { IsoDate, NumberingStyle } from '../domain/case';
import { PageSettings } from './pageSettings';
import { LATE_INSERT_MODES } from './types';

export const BundleSettings = z.object({
  /** Continuous 1…N or per section A1…; defaults to the case's setting. */
  numbering: NumberingStyle.optional(),
  /** After an issued version: sub-number late documents (default) or renumber everything. */
  lateInsertMode: z.enum(LATE_INSERT_MODES).optional(),
  /** A divider page before each section. */
  dividers: z.boolean().optional(),
  /** The date on the cover (defaults to today). */
  compiledDate: IsoDate.optional(),
  /** Contents-of-plan appeal about the named school or college (section I) only. */
  placementOnly: z.boolean().optional(),
  /** Page settings for this build only; each defaults to the case's setting (pageSettings). */
  ...PageSettings.partial().shape,
  /**
   * Documents left out of this build only (the bundle screen offers it when one document stops a build:
   * shared/bundle/buildFailure.ts). Whether they are in the case's bundle is unchanged.
   */
  leaveOut: z.array(z.number().int().positive()).max(1000).optional(),
});
export type BundleSettings = z.infer<typeof BundleSettings>;

/**
 * What a case's bundles do with evidence pages until the user changes it: A4 throughout (the Practice
 * Direction and HMCTS guidance), landscape pages left landscape so they read left to right on screen,
 * and each document's own bookmarks kept.
 */
export const PAGE_SETTING_DEFAULTS: PageSettings = {
  normalisePages: true,
  landscapePages: 'keep',
  sourceBookmarks: true,
};

/** A case's stored page settings (possibly partial, or from an older version) with the defaults filled in. */
export function pageSettingsWithDefaults(stored: Partial<PageSettings> | null | undefined): PageSettings {
  const parsed = PageSettings.partial().safeParse(stored ?? {});
  return { ...PAGE_SETTING_DEFAULTS, ...(parsed.success ? parsed.data : {}) };
}

/**
 * What a setting left out means: one set of defaults for the bundle screen, the API and the CLI, so the
 * same case gives the same bundle whichever way it is built. Numbering defaults to the case's own style
 * and the cover date to today, which only the caller knows.
 */
export const BUNDLE_DEFAULTS = {
  lateInsertMode: 'sub-number',
  dividers: false,
  placementOnly: false,
} as const satisfies Required<Pick<BundleSettings, 'lateInsertMode' | 'dividers' | 'placementOnly'>>;

/** The settings a plan is made with. */
type ResolvedBundleSettings = Required<
  Pick<BundleSettings, 'numbering' | 'lateInsertMode' | 'dividers' | 'compiledDate' | 'placementOnly'>
> & { pageSettings: PageSettings };

/**
 * Every setting, with the defaults filled in. Page settings given for one build win over the case's
 * (context.casePages, itself filled in by pageSettingsWithDefaults); without a case, the defaults apply.
 */
export function resolveBundleSettings(
  settings: BundleSettings,
  context: { caseNumbering: NumberingStyle; today: string; casePages?: PageSettings },
): ResolvedBundleSettings {
  const pages = context.casePages ?? PAGE_SETTING_DEFAULTS;
  return {
    numbering: settings.numbering ?? context.caseNumbering,
    lateInsertMode: settings.lateInsertMode ?? BUNDLE_DEFAULTS.lateInsertMode,
    dividers: settings.dividers ?? BUNDLE_DEFAULTS.dividers,
    compiledDate: settings.compiledDate ?? context.today,
    placementOnly: settings.placementOnly ?? BUNDLE_DEFAULTS.placementOnly,
    pageSettings: {
      normalisePages: settings.normalisePages ?? pages.normalisePages,
      landscapePages: settings.landscapePages ?? pages.landscapePages,
      sourceBookmarks: settings.sourceBookmarks ?? pages.sourceBookmarks,
    },
  };
}
