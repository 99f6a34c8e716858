/**
 * The numbering's helpers: fillPlaces (issued documents back in their issued order, dated evidence in date
 * order) and the first and last numbers of a run of pages.
 */
import { describe, expect, it } from 'vitest';
import { formatLabelRange, labelEnds } from '../../../../shared/bundle/format';
import { fillPlaces } from '../../../../shared/bundle/numbering';
import { planBundle } from '../../../../shared/bundle/plan';
import type { PlanDocument } from '../../../../shared/bundle/types';
import { SEND_PACK } from '../../../../shared/rules/index';
import { planCase, planOptions } from '../../../helpers/plan';

describe('fillPlaces', () => {
  it('fills the places of the items that pass, in turn, and leaves the others where they are', () => {
    const isLetter = (x: string) => /[a-z]/.test(x);
    expect(fillPlaces(['c', '1', 'a', '2', 'b'], isLetter, ['a', 'b', 'c'])).toEqual([
      'a',
      '1',
      'b',
      '2',
      'c',
    ]);
    expect(fillPlaces(['1', '2'], isLetter, [])).toEqual(['1', '2']);
  });

  it('keeps an item whose place has no replacement left', () => {
    expect(fillPlaces(['x', 'y', 'z'], () => true, ['a'])).toEqual(['a', 'y', 'z']);
  });
});

describe('page ranges', () => {
  it('gives the first and last label of a run, or nothing for none', () => {
    expect(labelEnds(['B12', 'B13', 'B15'])).toEqual(['B12', 'B15']);
    expect(labelEnds(['7'])).toEqual(['7', '7']);
    expect(labelEnds([])).toBeNull();
    expect(formatLabelRange(['B12', 'B13', 'B15'])).toBe('B12–B15');
    expect(formatLabelRange(['7'])).toBe('7');
    expect(formatLabelRange([])).toBe('');
  });

  it('refuses a document without pages with a clear message, not an undefined page number', () => {
    const pageless: PlanDocument = {
      id: 1,
      section: 'A',
      title: 'Empty scan',
      documentDate: null,
      kind: 'other',
      pageCount: 0,
      sha256: 'a'.repeat(64),
      pageSizes: [],
      pagesWithoutText: [],
      included: true,
    };
    const plan = () =>
      planBundle(
        {
          pack: SEND_PACK,
          witnesses: [],
          documents: [pageless],
          planCase: planCase(),
        },
        planOptions({ lateInsertMode: 'sub-number', compiledDate: '2026-01-20' }),
      );
    expect(plan).toThrow('The document "Empty scan" has no pages, so it cannot go in the bundle.');
  });
});
