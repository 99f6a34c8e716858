import { describe, expect, it } from 'vitest';
import {
  bundleTerms,
  notABundleReasons,
  verdictFor,
  type BundleSignals,
} from '../../../../../electron/services/checker/verdict';
import type { CheckFinding, CheckSummary } from '../../../../../shared/domain/checker';

/** A 60-page bundle with everything a bundle has; each case takes something away. */
const bundle: BundleSignals = {
  pageCount: 60,
  readablePages: 60,
  pagesWithText: 60,
  indexRows: 12,
  indexRowsResolved: 12,
  indexRowsWithRanges: 12,
  numberedPages: 58,
  numberedInOrder: 58,
  bookmarksToPages: 16,
  terms: ['bundle', 'tribunal', 'appeal'],
};

describe('is it a bundle at all?', () => {
  it('finds the words bundles use, and not generic ones alone', () => {
    expect(bundleTerms('HEARING BUNDLE — First-tier Tribunal (SEND)')).toEqual([
      'bundle',
      'tribunal',
      'hearing',
      'special educational needs',
    ]);
    expect(bundleTerms('Education, Health and Care Plan; local authority')).toEqual([
      'EHC plan',
      'local authority',
    ]);
    expect(bundleTerms('You can send us a form. Tax appeals are free.')).toEqual(['appeal']);
  });

  it('takes a broken bundle for a bundle', () => {
    expect(notABundleReasons(bundle)).toBeNull();
    // No index, no numbers, no bookmarks, but it calls itself a bundle: a bundle with errors.
    expect(
      notABundleReasons({
        ...bundle,
        indexRows: 0,
        indexRowsResolved: 0,
        numberedPages: 0,
        numberedInOrder: 0,
        bookmarksToPages: 0,
        terms: ['bundle'],
      }),
    ).toBeNull();
    // Words of a bundle with only some of its structure.
    expect(
      notABundleReasons({ ...bundle, indexRows: 0, indexRowsResolved: 0, terms: ['tribunal'] }),
    ).toBeNull();
    // No words at all, but an index that matches numbers running through it: a bundle from another court.
    expect(notABundleReasons({ ...bundle, terms: [] })).toBeNull();
  });

  it('says why a manual with a contents page is not a bundle', () => {
    const manual = {
      ...bundle,
      indexRows: 30,
      indexRowsResolved: 4,
      numberedPages: 20,
      numberedInOrder: 20,
      terms: ['appeal'],
    };
    expect(notABundleReasons(manual)).toEqual([
      'its first pages, title and bookmarks do not mention a tribunal or a bundle',
      'its contents list does not match the page numbers on its pages',
      'most of its pages carry no page number of a bundle',
    ]);
    // A manual numbered through, whose contents page matches its numbers: chapters start on a page, they
    // do not span a range of pages as a bundle's documents do.
    expect(
      notABundleReasons({
        ...manual,
        indexRowsResolved: 30,
        indexRowsWithRanges: 2,
        numberedPages: 60,
        numberedInOrder: 60,
      }),
    ).toEqual(['its first pages, title and bookmarks do not mention a tribunal or a bundle']);
    // Its own page numbers, restarting in each chapter.
    expect(notABundleReasons({ ...manual, numberedPages: 60, numberedInOrder: 12 })).toContain(
      'its page numbers do not run in order through the file (they restart, as a document’s own numbers do)',
    );
  });

  it('says a single letter is not a bundle, even one from the tribunal', () => {
    const letter = {
      ...bundle,
      pageCount: 2,
      readablePages: 2,
      pagesWithText: 2,
      indexRows: 0,
      indexRowsResolved: 0,
      numberedPages: 0,
      numberedInOrder: 0,
      bookmarksToPages: 0,
      terms: ['tribunal', 'appeal'],
    };
    expect(notABundleReasons(letter)).toEqual([
      'it has no index listing documents and the pages they are on',
      'most of its pages carry no page number of a bundle',
      'it has no bookmarks',
    ]);
  });

  it('does not judge a file it could not read, or one of pictures only', () => {
    const nothing = {
      ...bundle,
      indexRows: 0,
      indexRowsResolved: 0,
      numberedPages: 0,
      numberedInOrder: 0,
      bookmarksToPages: 0,
      terms: [],
    };
    expect(notABundleReasons({ ...nothing, readablePages: 0, pagesWithText: 0 })).toBeNull();
    expect(notABundleReasons({ ...nothing, pagesWithText: 10 })).toBeNull();
  });
});

describe('the verdict', () => {
  const summary = (error: number, opened = true) =>
    ({ opened, counts: { error, warning: 1, note: 0 } }) as CheckSummary;
  const finding = (code: CheckFinding['code'], details?: Record<string, unknown>): CheckFinding => ({
    code,
    severity: 'error',
    pages: [],
    message: 'x',
    details,
  });

  it('leads with the one answer that matters', () => {
    expect(verdictFor(summary(0), [])).toEqual({
      kind: 'no-errors',
      message: 'No errors found (1 warning, 0 notes).',
      reasons: [],
    });
    expect(verdictFor(summary(2), [finding('page-number-missing')]).message).toBe(
      'Not ready to send: 2 errors, 1 warning, 0 notes. Correct the errors, or explain them in a note to the tribunal.',
    );
    expect(verdictFor(summary(1, false), [finding('damaged')]).kind).toBe('not-opened');
    const reasons = ['it has no index listing documents and the pages they are on', 'it has no bookmarks'];
    expect(verdictFor(summary(1), [finding('not-a-bundle', { reasons })])).toEqual({
      kind: 'not-a-bundle',
      message:
        'This does not look like a hearing bundle, because it has no index listing documents and the pages they are on and it has no bookmarks.',
      reasons,
    });
  });
});
