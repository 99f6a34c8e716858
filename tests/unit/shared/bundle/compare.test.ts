/**
 * compareBundles on facts made in memory (the files are read elsewhere): pages aligned by content, gaps
 * paired by number, moved pages, numbering shifts, the anchor path for gaps too big for a full table, and
 * bookmarks to pages outside the file.
 */
import { describe, expect, it } from 'vitest';
import {
  alignPages,
  compareBundles,
  type CompareBookmark,
  type CompareFacts,
  type ComparePage,
} from '../../../../shared/bundle/compare';

function page(content: string, label: string | null): ComparePage {
  const m = label === null ? null : /^(\d+)([a-z]*)$/.exec(label);
  return {
    digest: `${content} numbered ${label ?? '-'}`,
    content,
    label,
    number: m ? { prefix: '', number: Number(m[1]), suffix: m[2] ?? '' } : null,
    words: `words of ${content}`,
  };
}

/** Pages numbered 1…n, each with its own content. */
const numbered = (n: number) => Array.from({ length: n }, (_, i) => page(`p${i + 1}`, String(i + 1)));

function facts(pages: ComparePage[], bookmarks: CompareBookmark[] = []): CompareFacts {
  return {
    fileName: 'bundle.pdf',
    fileSize: pages.length * 1000,
    pages,
    fingerprint: `F${pages.length}`,
    statedFingerprint: null,
    encryption: { encrypted: false },
    bookmarks,
    index: [],
  };
}

describe('compareBundles', () => {
  it('finds a copy the same as itself', () => {
    const yours = facts(numbered(12));
    const result = compareBundles(yours, yours);
    expect(result).toMatchObject({ same: true, identical: true, findings: [] });
    expect(result.pairs.every((p) => p.a === p.b && p.kind === 'same')).toBe(true);
  });

  it('notes, without calling the copies different, when one is encrypted to stop printing and the other is not', () => {
    const yours = facts(numbered(12));
    const theirs: CompareFacts = {
      ...yours,
      encryption: { encrypted: true, restrictions: { print: true, copy: true, annotate: false } },
    };
    const result = compareBundles(yours, theirs);
    expect(result).toMatchObject({ same: true, identical: true });
    expect(result.findings).toEqual([
      {
        code: 'encryption-differs',
        severity: 'note',
        message:
          'Yours is not encrypted; theirs is encrypted: it opens without a password but stops people printing it and copying its text. The pages are compared as they read; the tribunal should be sent a copy without encryption.',
        yours: [],
        theirs: [],
      },
    ]);
    expect(result.theirs.encryption).toEqual(theirs.encryption);
    // Encrypted alike: nothing to say.
    expect(compareBundles(theirs, theirs).findings).toEqual([]);
  });

  it('notes a copy that could be read only despite damage, in the verdict too, without calling the pages different', () => {
    const yours = facts(numbered(12));
    const theirs: CompareFacts = { ...yours, damage: 'the file does not point at its cross-reference table' };
    const result = compareBundles(yours, theirs);
    expect(result).toMatchObject({ same: true, identical: true });
    expect(result.verdict).toBe(
      'The two bundles are the same: all 12 pages are identical (content fingerprint F12). But theirs is damaged: see the note.',
    );
    expect(result.findings).toEqual([
      {
        code: 'file-damaged',
        severity: 'note',
        message:
          'Theirs is damaged (the file does not point at its cross-reference table). Its pages are compared as this app could read them; other readers may show it differently or not open it, and it may hold less than it did: ask for a new copy.',
        yours: [],
        theirs: [],
      },
    ]);
    expect(result.theirs.damage).toBe('the file does not point at its cross-reference table');
    expect(result.yours.damage).toBeNull();
    const both = compareBundles(theirs, theirs);
    expect(both.verdict).toMatch(/But yours and theirs are damaged: see the note\.$/);
    expect(both.findings.map((f) => f.message.slice(0, 17))).toEqual([
      'Yours is damaged ',
      'Theirs is damaged',
    ]);
    expect(both.findings[0].message).toMatch(/make it again from the case\.$/);
  });

  it('says where an inserted page goes and that the numbers after it are 1 higher', () => {
    const yours = numbered(30);
    const theirs = [
      ...yours.slice(0, 19),
      page('late letter', '20'),
      ...yours.slice(19).map((p, k) => page(p.content, String(21 + k))),
    ];
    const result = compareBundles(facts(yours), facts(theirs));
    const added = result.findings.filter((f) => f.code === 'pages-added');
    expect(added.map((f) => [f.theirs, f.message])).toEqual([
      [['20'], 'Their page 20 (“words of late letter”) is not in yours: it comes after your page 19.'],
    ]);
    const shift = result.findings.filter((f) => f.code === 'numbering-shift');
    expect(shift.map((f) => f.message)).toEqual([
      'The same pages carry other numbers: your page 20 is their page 21; from your page 20 on, their numbers are 1 higher.',
    ]);
    expect(result.counts).toMatchObject({ same: 19, renumbered: 11, onlyTheirs: 1, onlyYours: 0 });
  });

  it('pairs a page that says something different by its number, and names a moved page and its neighbour', () => {
    const yours = numbered(10);
    // Page 4 rewritten; pages 7 and 8 swapped.
    const theirs = [
      ...yours.slice(0, 3),
      page('rewritten', '4'),
      ...yours.slice(4, 6),
      ...yours.slice(7, 8),
      ...yours.slice(6, 7),
      ...yours.slice(8),
    ];
    const result = compareBundles(facts(yours), facts(theirs));
    const changed = result.findings.filter((f) => f.code === 'pages-changed');
    expect(changed.map((f) => [f.yours, f.theirs])).toEqual([[['4'], ['4']]]);
    // Each copy's words quoted as its own: the words of yours are not said to be what theirs says.
    expect(changed[0]?.message).toBe(
      'Page 4 says something different in theirs: yours begins “words of p4”, theirs “words of rewritten”.',
    );
    const moved = result.findings.filter((f) => f.code === 'pages-moved');
    expect(moved).toHaveLength(1);
    expect(moved[0]?.message).toMatch(/^Your page [78] /);
    expect(result.counts).toMatchObject({ changed: 1, moved: 1, onlyYours: 0, onlyTheirs: 0 });
  });

  it('names pages put in another order and numbered again as moved, not as the pages numbered so changed', () => {
    const yours = numbered(10);
    // Theirs has pages 4 and 7 of yours swapped, each numbered where it now is.
    const order = ['p1', 'p2', 'p3', 'p7', 'p5', 'p6', 'p4', 'p8', 'p9', 'p10'];
    const theirs = order.map((content, i) => page(content, String(i + 1)));
    const result = compareBundles(facts(yours), facts(theirs));
    // Before, each was paired with the page of the other's number in its place, "changed", and a 2,000-
    // document bundle reordered had 102 of its pages said to be in one copy only.
    expect(result.counts).toMatchObject({ changed: 0, moved: 2, onlyYours: 0, onlyTheirs: 0 });
    expect(result.findings.map((f) => f.code)).not.toContain('pages-changed');
  });

  it('aligns a gap too big for a full table on pages found once in each file', () => {
    // 2,200 × 2,200 pages between a changed first and last page: past the table's 4,000,000 cells.
    const n = 2200;
    const yours = numbered(n);
    const theirs = [page('new cover', '1'), ...yours.slice(1, n - 1), page('new last page', String(n))];
    const aligned = alignPages(
      yours.map((p) => p.content),
      theirs.map((p) => p.content),
    );
    expect(aligned).toHaveLength(n - 2);
    expect(aligned.every(([a, b]) => a === b)).toBe(true);
    const result = compareBundles(facts(yours), facts(theirs));
    expect(result.counts).toMatchObject({ same: n - 2, changed: 2, onlyYours: 0, onlyTheirs: 0 });
    expect(result.findings.filter((f) => f.code === 'pages-changed').map((f) => f.yours)).toEqual([
      ['1'],
      [String(n)],
    ]);
  });

  it('says a copy has no bookmarks, rather than listing every bookmark of the other as only in it', () => {
    const bookmarks: CompareBookmark[] = ['A', 'B', 'C'].map((title, i) => ({
      title,
      page: i * 3,
      leaf: true,
    }));
    const pages = numbered(9);
    const differ = (a: CompareFacts, b: CompareFacts) =>
      compareBundles(a, b).findings.filter((f) => f.code === 'bookmarks-differ');
    expect(differ(facts(pages, bookmarks), facts(pages)).map((f) => [f.message, f.lines])).toEqual([
      ['Theirs has no bookmarks; yours has 3 bookmarks.', undefined],
    ]);
    expect(differ(facts(pages), facts(pages, bookmarks)).map((f) => f.message)).toEqual([
      'Yours has no bookmarks; theirs has 3 bookmarks.',
    ]);
    expect(differ(facts(pages), facts(pages))).toEqual([]);
    // The verdict names what differs when no page does.
    expect(compareBundles(facts(pages, bookmarks), facts(pages)).verdict).toMatch(
      /^The two bundles differ in their bookmarks\. /,
    );
  });

  it('keeps a bookmark to a page outside the file from starting a document', () => {
    const bookmarks: CompareBookmark[] = [
      { title: 'First', page: 0, leaf: true },
      { title: 'Second', page: 5, leaf: true },
      { title: 'Nowhere', page: 50, leaf: true },
    ];
    const yours = numbered(10);
    const theirs = yours.filter((_, i) => i !== 7);
    const result = compareBundles(facts(yours, bookmarks), facts(theirs, bookmarks));
    const documents = result.findings.filter((f) => f.code.startsWith('document'));
    expect(documents.map((f) => [f.message, f.yours])).toEqual([
      ['“Second” is in both, but in theirs its page 8 is missing.', ['8']],
    ]);
  });

  it('compares copies of many alike in one pass: bookmarks of one title or page, documents all replaced', () => {
    // Each of these took time growing with the square of their number (the first, 23 s at 40,000): a group
    // copied as it grew and searched from its start, each document's end found in a copy of all after it,
    // each replaced document's twin looked for among every added one.
    const one = facts(numbered(10), [
      ...Array.from({ length: 60_000 }, (_, i) => ({ title: `Item ${i}`, page: 0, leaf: true })),
      ...Array.from({ length: 60_000 }, () => ({ title: 'Letter', page: 1, leaf: true })),
    ]);
    expect(compareBundles(one, one)).toMatchObject({ same: true, findings: [] });
    // Every page different, numbered differently, one more in theirs: every document replaced.
    const documents = (prefix: string, pages: number) =>
      facts(
        Array.from({ length: pages }, (_, i) => page(`${prefix}${i}`, `${prefix}${i + 1}`)),
        Array.from({ length: 10_000 }, (_, i) => ({ title: `Document ${i}`, page: i, leaf: true })),
      );
    const replaced = compareBundles(documents('y', 10_000), documents('t', 10_001));
    expect(replaced.findings.find((f) => f.code === 'documents-replaced')?.message).toBe(
      '“Document 0” (your page y1) is replaced in theirs by “Document 0” (their page t1).',
    );
  }, 20_000);
});
