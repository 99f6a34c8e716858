import { describe, expect, it } from 'vitest';
import {
  choosePage,
  describePageSelection,
  isPageKept,
  formatPageSelection,
  normalisePageSelection,
  pagesUsed,
  readPageNumber,
  readPageSelection,
} from '../../../../shared/domain/pageSelection';

describe('reading the pages a person typed', () => {
  it('takes ranges and single pages, in any order and with any dash, as the pages in order once each', () => {
    expect(readPageSelection('3-5, 9', 12)).toEqual({ ok: true, pages: [3, 4, 5, 9] });
    expect(readPageSelection('9; 3 – 5 and 4', 12)).toEqual({ ok: true, pages: [3, 4, 5, 9] });
    expect(readPageSelection('pages 3 to 5, page 9', 12)).toEqual({ ok: true, pages: [3, 4, 5, 9] });
    expect(readPageSelection('5-3', 12)).toEqual({ ok: true, pages: [3, 4, 5] });
    expect(readPageSelection('3—5', 12)).toEqual({ ok: true, pages: [3, 4, 5] });
  });

  it('reads pages without knowing how many the document has (the service checks them)', () => {
    expect(readPageSelection('5-3, 40', null)).toEqual({ ok: true, pages: [3, 4, 5, 40] });
    expect(readPageSelection('', null)).toEqual({ ok: true, pages: null });
  });

  it('reads nothing, or every page, as the whole document', () => {
    expect(readPageSelection('', 12)).toEqual({ ok: true, pages: null });
    expect(readPageSelection('  , ', 12)).toEqual({ ok: true, pages: null });
    expect(readPageSelection('1-12', 12)).toEqual({ ok: true, pages: null });
  });

  it('says what is wrong with pages the document does not have, and with what is not a page', () => {
    expect(readPageSelection('3-13', 12)).toEqual({
      ok: false,
      message: 'The document has 12 pages: there is no page 13.',
    });
    expect(readPageSelection('0-2', 12)).toEqual({ ok: false, message: 'Pages are numbered from 1.' });
    expect(readPageSelection('3-5 9', 12)).toEqual({
      ok: false,
      message: '“3-5 9” is not a page number or a range of pages, such as 3-10.',
    });
    expect(readPageSelection('first', 12)).toMatchObject({ ok: false });
    expect(readPageSelection('10001', null)).toEqual({
      ok: false,
      message: 'There is no page 10001: no document has more than 10,000 pages.',
    });
    expect(readPageSelection('2', 1)).toEqual({
      ok: false,
      message: 'The document has 1 page: there is no page 2.',
    });
  });
});

describe('writing pages down', () => {
  it('gives ranges of pages that follow on, and single pages alone', () => {
    expect(formatPageSelection([3, 4, 5, 9])).toBe('3–5, 9');
    expect(formatPageSelection([1, 3, 5, 6])).toBe('1, 3, 5–6');
    expect(formatPageSelection([7])).toBe('7');
    expect(describePageSelection([3, 4, 5, 9], 12)).toBe('pages 3–5, 9 of 12');
    expect(describePageSelection([7], 40)).toBe('page 7 of 40');
  });

  it('what it writes reads back as the same pages', () => {
    const pages = [1, 2, 4, 8, 9, 10, 30];
    expect(readPageSelection(formatPageSelection(pages), 30)).toEqual({ ok: true, pages });
  });

  it('keeps a selection in order once each, and counts its pages', () => {
    expect(normalisePageSelection([4, 2, 2, 3], 10)).toEqual([2, 3, 4]);
    expect(normalisePageSelection([2, 1, 3], 3)).toBeNull();
    expect(pagesUsed({ pageCount: 10, keptPages: [2, 3] })).toBe(2);
    expect(pagesUsed({ pageCount: 10, keptPages: null })).toBe(10);
  });
});

describe('choosing pages one at a time, from the preview', () => {
  it('leaves a page out of a whole document, and puts it back', () => {
    expect(choosePage(null, 3, 5, false)).toEqual({ ok: true, pages: [1, 2, 4, 5] });
    expect(choosePage([1, 2, 4, 5], 3, 5, true)).toEqual({ ok: true, pages: null });
    expect(choosePage([2, 4], 9, 12, true)).toEqual({ ok: true, pages: [2, 4, 9] });
    expect(choosePage([2, 4], 2, 12, true)).toEqual({ ok: true, pages: [2, 4] });
  });

  it('says which pages are in the bundle', () => {
    expect(isPageKept(null, 7)).toBe(true);
    expect(isPageKept([2, 4], 4)).toBe(true);
    expect(isPageKept([2, 4], 3)).toBe(false);
  });

  it('will not leave a document with no pages, and names the control that leaves it out', () => {
    expect(choosePage([4], 4, 12, false)).toEqual({
      ok: false,
      message:
        'Page 4 is the only page of this document in the bundle. To leave the whole document out, untick “In the bundle”.',
    });
  });

  it('refuses a page the document does not have', () => {
    expect(choosePage(null, 6, 5, false)).toEqual({
      ok: false,
      message: 'The document has 5 pages: there is no page 6.',
    });
    expect(choosePage(null, 0, 5, true).ok).toBe(false);
  });
});

describe('reading a page to go to', () => {
  it('takes a number, with or without the word page', () => {
    expect(readPageNumber(' 12 ', 40)).toEqual({ ok: true, page: 12 });
    expect(readPageNumber('page 3', 40)).toEqual({ ok: true, page: 3 });
    expect(readPageNumber('p. 40', 40)).toEqual({ ok: true, page: 40 });
  });

  it('says what is wrong with anything else', () => {
    expect(readPageNumber('', 40)).toEqual({ ok: false, message: 'Enter the number of the page to go to.' });
    expect(readPageNumber('3-5', 40)).toEqual({ ok: false, message: '“3-5” is not a page number.' });
    expect(readPageNumber('41', 40)).toEqual({
      ok: false,
      message: 'The file has 40 pages: there is no page 41.',
    });
    expect(readPageNumber('2', 1)).toEqual({
      ok: false,
      message: 'The file has 1 page: there is no page 2.',
    });
    expect(readPageNumber('0', 40)).toEqual({ ok: false, message: 'Pages are numbered from 1.' });
    expect(readPageNumber('1200', 1100)).toEqual({
      ok: false,
      message: 'The file has 1,100 pages: there is no page 1200.',
    });
  });
});
