import { describe, expect, it } from 'vitest';
import { checkCoverage } from '../../../../../electron/services/checker/coverage';
import {
  findIndex,
  groupLines,
  isIndexHeading,
  type PageTextInput,
} from '../../../../../electron/services/checker/indexPages';
import { parsePrintedNumber } from '../../../../../electron/services/checker/pageNumbers';
import {
  checkBookmarks,
  checkIndex,
  documentStart,
  resolveEntries,
  sameDocument,
  type ResolvedEntry,
} from '../../../../../electron/services/checker/navigation';
import type { BookmarkNode } from '../../../../../electron/services/checker/destinations';
import { normaliseTitle } from '../../../../../electron/services/checker/parts';
import type { TextItem } from '../../../../../electron/services/pdf/pdfjs';

const W = 595.28;
const H = 841.89;

/** A line of text items at height `y` (from the bottom): [x, text] pairs. */
function line(y: number, ...parts: [number, string][]): TextItem[] {
  return parts.map(([x, text]) => ({ text, x, y, width: text.length * 5, height: 10 }));
}

function page(n: number, ...lines: TextItem[][]): PageTextInput {
  return { page: n, items: lines.flat(), width: W, height: H };
}

/** An index in another tool's style: dot leaders, "to" ranges, headings without ranges, a wrapped title. */
const foreignIndex = page(
  2,
  line(780, [60, 'INDEX TO THE HEARING BUNDLE']),
  line(750, [60, 'Tab'], [100, 'Document'], [380, 'Date'], [500, 'Pages']),
  line(720, [60, 'Section A – Appeal papers']),
  line(700, [60, '1.'], [100, 'Appeal form'], [380, '01/02/2026'], [500, 'A1 to A4']),
  line(684, [60, '2.'], [100, 'Decision letter of the local authority'], [380, '3 Jan 2026'], [500, 'A5-A6']),
  line(670, [100, 'about the EHC plan']),
  line(640, [60, 'Section B – The plan']),
  line(620, [60, '3.'], [100, 'EHC plan . . . . . . . . . .'], [500, 'B1–B20']),
  line(40, [540, 'ii']),
);

describe('finding and reading the index', () => {
  it('groups items into lines, top first, left to right', () => {
    const lines = groupLines([...line(100, [200, 'b'], [100, 'a']), ...line(300, [10, 'top'])]);
    expect(lines.map((l) => l.text)).toEqual(['top', 'a b']);
  });

  it("reads another tool's index: sections, tabs, dates, wrapped titles, dot leaders", () => {
    const info = findIndex([page(1, line(700, [60, 'Hearing bundle'])), foreignIndex])!;
    expect(info.pages).toEqual([2]);
    expect(info.entries.map((e) => [e.kind, e.section, e.tab, e.title, e.first, e.last])).toEqual([
      ['document', 'A', '1.', 'Appeal form', 'A1', 'A4'],
      ['document', 'A', '2.', 'Decision letter of the local authority about the EHC plan', 'A5', 'A6'],
      ['document', 'B', '3.', 'EHC plan', 'B1', 'B20'],
    ]);
  });

  it('follows the index onto the next page, and stops at the first document page', () => {
    const next = page(
      3,
      line(780, [60, 'Index (continued)']),
      line(700, [60, '4.'], [100, 'Witness statement'], [500, 'C1-C3']),
    );
    const document = page(
      4,
      line(700, [60, 'Dear parent, the total is']),
      line(680, [300, 'Table 1'], [500, '12']),
    );
    const info = findIndex([foreignIndex, next, document])!;
    expect(info.pages).toEqual([2, 3]);
    expect(info.entries.at(-1)).toMatchObject({
      title: 'Witness statement',
      first: 'C1',
      last: 'C3',
      section: 'B',
    });
  });

  it('stops at a page a row says a document starts on, however much it looks like rows', () => {
    // A timetable right after the index (pdflib-stuff_following_header.pdf as the bundle's first document):
    // every line ends in something like a page number, and they go up.
    const index = page(
      2,
      line(780, [60, 'Index']),
      line(700, [60, 'C1'], [100, 'Timetable for the week'], [500, '1']),
      line(684, [60, 'C2'], [100, 'School report'], [500, '2-5']),
    );
    const timetable = page(
      3,
      line(780, [60, 'Mandag 23.5'], [160, 'Tirsdag 24.5'], [260, 'Onsdag 25.5']),
      line(740, [60, '2MAR5 SMV'], [500, 'A128']),
      line(700, [60, '2DEDE KEV'], [500, 'A313']),
      line(660, [60, '2FY5 PAE'], [500, 'A314']),
    );
    expect(findIndex([index, timetable])!.pages).toEqual([2, 3]);
    const info = findIndex([index, { ...timetable, label: '1' }])!;
    expect(info.pages).toEqual([2]);
    expect(info.entries.map((e) => e.title)).toEqual(['Timetable for the week', 'School report']);
  });

  it('finds no index in pages without one', () => {
    expect(findIndex([page(1, line(700, [60, 'Report']), line(680, [500, '12']))])).toBeNull();
  });
});

describe("reading other tools' indexes", () => {
  const heading = (text: string) => ({ y: 780, height: 14, segments: [], text });

  it('knows an index heading in any case and the usual wordings', () => {
    for (const text of [
      'INDEX',
      'Index of documents',
      'INDEX OF DOCUMENTS',
      'Bundle index',
      'Hearing bundle index',
      'Contents',
      'TABLE OF CONTENTS',
      'Schedule of documents',
      'Index to the hearing bundle',
      'Index (continued)',
      'Schedule of documents (continued)',
      'INDEX - CONT’D',
    ])
      expect(isIndexHeading(heading(text), H), text).toBe(true);
    for (const text of ['Hearing bundle', 'Index of needs in the EHC plan section B', 'Decision letter'])
      expect(isIndexHeading(heading(text), H), text).toBe(false);
  });

  it('reads the usual ways of writing a range', () => {
    const ranges = [
      ['12-15', '12', '15'],
      ['12 – 15', '12', '15'],
      ['12 to 15', '12', '15'],
      ['pp. 12–15', '12', '15'],
      ['Pages 12-15', '12', '15'],
      ['p. 7', '7', '7'],
      ['A-1 to A-4', 'A1', 'A4'],
      ['A 1 - A 4', 'A1', 'A4'],
      ['A12-15', 'A12', 'A15'],
      ['8 - 8', '8', '8'],
      ['12A - 12C', '12a', '12c'],
      ['A/1 - A/4', 'A1', 'A4'],
      ['A/1-A/4', 'A1', 'A4'],
      ['A/12 to A/15', 'A12', 'A15'],
      ['pp. B/3–B/5', 'B3', 'B5'],
    ];
    const rows = ranges.map(([text], i) => line(700 - i * 16, [72, `Document ${i + 1}`], [450, text]));
    const info = findIndex([page(2, line(780, [72, 'Index']), ...rows)])!;
    expect(info.entries.map((e) => [e.first, e.last])).toEqual(ranges.map(([, a, b]) => [a, b]));
  });

  it('keeps a range as the index prints it, for quoting, beside the form it is compared in', () => {
    const ranges = [
      ['A/1 - A/4', 'A/1', 'A/4'],
      ['A-5 to A-6', 'A-5', 'A-6'],
      ['A/7-9', 'A/7', 'A/9'],
      ['pp. 12–15', '12', '15'],
      ['B 1', 'B 1', 'B 1'],
    ];
    const rows = ranges.map(([text], i) => line(700 - i * 16, [72, `Document ${i + 1}`], [450, text]));
    const info = findIndex([page(2, line(780, [72, 'Index']), ...rows)])!;
    expect(info.entries.map((e) => [e.printedFirst, e.printedLast])).toEqual(
      ranges.map(([, a, b]) => [a, b]),
    );
    expect(info.entries[2]).toMatchObject({ first: 'A7', last: 'A9' });
  });

  it("reads Word's contents: dot leaders, start pages only, a long title with its page on its last line", () => {
    const contents = page(
      2,
      line(780, [72, 'CONTENTS']),
      line(740, [72, 'Section A: Appeal papers . . . . . . . . . . . . . . . .'], [515, '3']),
      line(722, [72, 'Appeal form (SEND35) . . . . . . . . . . . . . . . . . .'], [515, '3']),
      line(704, [72, "Tribunal's registration letter and case management"]),
      line(690, [72, 'directions . . . . . . . . . . . . . . . . . . . . . . .'], [510, '10']),
      line(672, [72, 'Local authority response . . . . . . . . . . . . . . . .'], [510, '13']),
      // The page's own number, centred in the footer: not a row.
      line(35, [295, '2']),
    );
    const info = findIndex([contents])!;
    expect(info.entries.map((e) => [e.kind, e.title, e.first, e.startOnly])).toEqual([
      ['section', 'Section A: Appeal papers', '3', true],
      ['document', 'Appeal form (SEND35)', '3', true],
      ['document', "Tribunal's registration letter and case management directions", '10', true],
      ['document', 'Local authority response', '13', true],
    ]);
  });

  it("reads HMCTS's page counts (“5 pages”): documents follow the index and each other", () => {
    const info = findIndex([
      page(
        1,
        line(780, [280, 'Index']),
        line(740, [480, 'Total Pages']),
        line(700, [50, 'Appeal form'], [480, '4 pages']),
        line(680, [50, 'Decision letter'], [480, '1 page']),
        line(660, [50, 'Response'], [480, '3 pages']),
      ),
    ])!;
    expect(info.entries.map((e) => e.pageCount)).toEqual([4, 1, 3]);
    const numberOf = (p: number) => parsePrintedNumber(String(p));
    const resolved = resolveEntries(info, new Map(), { pageCount: 8, numberOf });
    expect(resolved.map((e) => [e.startPage, e.endPage, e.first, e.last])).toEqual([
      [2, 5, '2', '5'],
      [6, 6, '6', '6'],
      [7, null, '7', '9'],
    ]);
  });

  it("does not take the index page's own “Page 2 of 48” for a row", () => {
    const info = findIndex([
      page(
        2,
        line(780, [72, 'Index']),
        line(700, [72, 'Appeal form'], [470, '3 - 6']),
        line(684, [72, 'Decision letter'], [470, '7 - 8']),
        line(30, [480, 'Page 2 of 48']),
      ),
    ])!;
    expect(info.entries.map((e) => e.title)).toEqual(['Appeal form', 'Decision letter']);
  });

  it('leaves a row’s date out of its title, with the word “dated” before it', () => {
    const info = findIndex([
      page(
        2,
        line(780, [72, 'Index']),
        line(700, [72, 'Decision letter dated'], [380, '12 Jan 2026'], [470, '3 - 6']),
        line(684, [72, 'Report by Dr Obi, dated 4 March 2026'], [470, '7 - 8']),
        line(668, [72, 'Letter updated'], [470, '9']),
      ),
    ])!;
    expect(info.entries.map((e) => [e.title, e.date])).toEqual([
      ['Decision letter', '12 Jan 2026'],
      ['Report by Dr Obi', undefined],
      ['Letter updated', undefined],
    ]);
  });

  it('finds an index with no heading: a page that is mostly rows going up', () => {
    const rows = ['Appeal form', 'Decision letter', 'Mediation certificate', 'Response'].map((t, i) =>
      line(760 - i * 18, [72, `${t} . . . . . . . .`], [450, `pp. ${i * 3 + 2}–${i * 3 + 4}`]),
    );
    const info = findIndex([page(1, ...rows), page(2, line(700, [72, 'Appeal form']))])!;
    expect(info.pages).toEqual([1]);
    expect(info.entries).toHaveLength(4);
    // A document's page with a few numbers on it is not an index.
    expect(
      findIndex([page(3, line(700, [72, 'Total']), line(680, [72, 'Hours of support'], [450, '12']))]),
    ).toBeNull();
  });
});

describe('does the index account for every page?', () => {
  /** Pages 1–2 front matter, then pages numbered 1–12. */
  const numbers = ['', '', ...Array.from({ length: 12 }, (_, i) => String(i + 1))].map((l) =>
    l ? parsePrintedNumber(l) : null,
  );
  const labelToPage = new Map(numbers.flatMap((n, i) => (n ? [[n.label, i + 1] as [string, number]] : [])));
  const rowsOf = (...ranges: string[]) =>
    findIndex([
      page(
        2,
        line(780, [72, 'Index']),
        ...ranges.map((r, i) => line(700 - i * 16, [72, `Document ${i + 1}`], [450, r])),
      ),
    ])!;

  it('passes rows that cover every page once', () => {
    const index = rowsOf('1-4', '5-9', '10-12');
    expect(checkCoverage({ entries: resolveEntries(index, labelToPage), numbers })).toEqual([]);
  });

  it('reports pages no row holds, on the index page, naming the rows either side', () => {
    const index = rowsOf('1-4', '5-7', '10-12');
    const [f] = checkCoverage({ entries: resolveEntries(index, labelToPage), numbers });
    expect(f).toMatchObject({
      code: 'index-gap',
      severity: 'error',
      pages: [2],
      details: { labels: ['8', '9'], filePages: [10, 11], before: 'Document 2', after: 'Document 3' },
    });
    expect(f.message).toBe(
      'The index lists no document for the pages numbered “8” to “9” (pages 10–11 of the file): “Document 2” ends at “7”, and “Document 3” starts at “10”.',
    );
  });

  it('counts the pages of a row whose first number is printed on no page (a page stamped wrongly)', () => {
    // The page that should say "5" says "6": the pagination check reports it; the row "5-6" still holds "6".
    const misstamped = numbers.map((n) =>
      n?.kind === 'main' && n.number === 5 ? parsePrintedNumber('6') : n,
    );
    const labels = new Map<string, number>();
    misstamped.forEach((n, i) => {
      if (n && !labels.has(n.label)) labels.set(n.label, i + 1);
    });
    const index = rowsOf('1-2', '3-4', '5-6', '7-9', '10-12');
    const entries = resolveEntries(index, labels);
    expect(entries[2].startPage).toBeNull();
    expect(checkCoverage({ entries, numbers: misstamped })).toEqual([]);
  });

  it('reports pages after the last row', () => {
    const [f] = checkCoverage({ entries: resolveEntries(rowsOf('1-4', '5-10'), labelToPage), numbers });
    expect(f.details).toMatchObject({ labels: ['11', '12'], before: 'Document 2', after: null });
  });

  it('reports overlapping rows as an error', () => {
    const index = rowsOf('1-5', '5-12');
    const f = checkIndex({
      index,
      entries: resolveEntries(index, labelToPage),
      links: [],
      bookmarks: [],
      isDivider: () => false,
    });
    expect(f.find((x) => x.code === 'index-ranges-overlap')).toMatchObject({ severity: 'error', pages: [2] });
  });
});

describe('checking the index and bookmarks', () => {
  const info = findIndex([foreignIndex])!;
  // Printed numbers A1–A6 on pages 3–8, B1–B20 on pages 9–28.
  const labelToPage = new Map<string, number>();
  for (let i = 1; i <= 6; i++) labelToPage.set(`A${i}`, 2 + i);
  for (let i = 1; i <= 20; i++) labelToPage.set(`B${i}`, 8 + i);
  const entries = resolveEntries(info, labelToPage);
  const isDivider = () => false;
  const bookmark = (title: string, page: number | null, children: BookmarkNode[] = []): BookmarkNode => ({
    title,
    page,
    external: false,
    depth: 0,
    children,
  });
  const goodBookmarks = [
    bookmark('Section A', 3, [
      bookmark('Appeal form', 3),
      bookmark('Decision letter of the local authority about the EHC plan', 7),
    ]),
    bookmark('Section B', 9, [bookmark('EHC plan', 9)]),
  ];
  const links = entries.map((e) => ({
    page: 2,
    top: e.top + 2,
    bottom: e.bottom - 3,
    target: e.startPage,
    external: false,
  }));

  it('matches thousands of rows with their bookmarks, each title read once', () => {
    // A bundle of 12,000 one-page letters: each row looked through every bookmark, reading both titles
    // each time (about 300 million titles; a 2,000-document bundle's check spent 2 of its 5 s on it).
    const count = 12_000;
    const rows: ResolvedEntry[] = Array.from({ length: count }, (_, i) => ({
      kind: 'document',
      section: 'C',
      tab: null,
      title: `Letter ${i + 1} from the school (page ${i + 3})`,
      first: `C${i + 1}`,
      last: `C${i + 1}`,
      printedFirst: `C${i + 1}`,
      printedLast: `C${i + 1}`,
      startOnly: false,
      pageCount: null,
      page: 2,
      top: 700 - (i % 40) * 15,
      bottom: 690 - (i % 40) * 15,
      startPage: i + 3,
      endPage: i + 3,
    }));
    rows[count - 1].title = 'Notes of the annual review meeting';
    // Bookmarks as another tool writes them: the same titles but for the pages, the last one missing.
    const bookmarks = rows
      .slice(0, -1)
      .map((row) => bookmark(`${row.title.replace(/ \(page \d+\)$/, '')}`, row.startPage));
    const started = performance.now();
    const index = checkIndex({
      index: { ...info, entries: rows },
      entries: rows,
      links: [],
      bookmarks,
      isDivider,
    });
    const marks = checkBookmarks({ bookmarks, pageCount: count + 2, entries: rows, isDivider });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(index.filter((f) => f.code === 'index-entry-mismatch')).toEqual([]);
    expect(marks.map((f) => [f.code, f.pages])).toEqual([['bookmark-missing-for-document', [count + 2]]]);
  });

  it('passes an index whose rows, links and bookmarks agree', () => {
    expect(checkIndex({ index: info, entries, links, bookmarks: goodBookmarks, isDivider })).toEqual([]);
    expect(checkBookmarks({ bookmarks: goodBookmarks, pageCount: 28, entries, isDivider })).toEqual([]);
  });

  it('says an index on scans could not be read, rather than that there is none', () => {
    const [none] = checkIndex({ index: null, entries: [], links: [], bookmarks: [], isDivider });
    expect(none.message).toMatch(/^No index was found/);
    const [f] = checkIndex({
      index: null,
      entries: [],
      links: [],
      bookmarks: [],
      isDivider,
      frontPictures: [1, 2],
    });
    expect(f).toMatchObject({ code: 'index-missing', severity: 'error', pages: [1, 2] });
    expect(f.message).toMatch(/^No index could be read .*pages 1–2 are pictures with no text \(scans\)/);
  });

  it('reports a row whose first page is numbered nowhere', () => {
    const missing = resolveEntries(info, new Map([...labelToPage].filter(([k]) => k !== 'B1')));
    const f = checkIndex({ index: info, entries: missing, links: [], bookmarks: [], isDivider });
    expect(f.find((x) => x.code === 'index-entry-not-found')).toMatchObject({ pages: [2] });
  });

  it('reports a bookmark that disagrees with the index about where a document starts', () => {
    const wrong = [
      bookmark('Section A', 3, [
        bookmark('Appeal form', 3),
        bookmark('Decision letter of the local authority about the EHC plan', 8),
      ]),
    ];
    const [f] = checkIndex({ index: info, entries, links, bookmarks: wrong, isDivider });
    expect(f).toMatchObject({ code: 'index-entry-mismatch', pages: [7, 8] });
  });

  it('matches each link to its row by position', () => {
    const moved = links.map((l, i) => (i === 1 ? { ...l, target: 3 } : l));
    const [f] = checkIndex({ index: info, entries, links: moved, bookmarks: goodBookmarks, isDivider });
    expect(f).toMatchObject({ code: 'index-link-wrong-page', pages: [2] });
    expect(f.details).toMatchObject({ title: entries[1].title, target: 3, expected: 7 });
  });

  it('reports bookmarks going backwards, going nowhere, and documents without one', () => {
    const messy = [
      bookmark('Section B', 9, [bookmark('EHC plan', 9)]),
      bookmark('Appeal form', 3),
      bookmark('Lost', null),
    ];
    const codes = checkBookmarks({ bookmarks: messy, pageCount: 28, entries, isDivider }).map((f) => [
      f.code,
      f.pages,
    ]);
    expect(codes).toEqual([
      ['bookmark-broken', []],
      ['bookmarks-out-of-order', [3]],
      ['bookmark-missing-for-document', [7]],
    ]);
  });

  it("notes a document's own bookmarks out of order, and still errs when they leave the document", () => {
    // The EHC plan (pages 9–28) with its author's outline, which does not follow its pages.
    const plan = (...inside: BookmarkNode[]) => [
      bookmark('Section A', 3, [
        bookmark('Appeal form', 3),
        bookmark('Decision letter of the local authority about the EHC plan', 7),
      ]),
      bookmark('Section B', 9, [bookmark('EHC plan', 9, inside)]),
    ];
    const own = checkBookmarks({
      bookmarks: plan(bookmark('Part 2', 20), bookmark('Part 1', 12), bookmark('Annex', 25)),
      pageCount: 28,
      entries,
      isDivider,
    });
    expect(own.map((f) => [f.code, f.severity, f.pages])).toEqual([
      ['document-bookmarks-out-of-order', 'note', [12]],
    ]);
    expect(own[0].message).toBe(
      "The bookmarks inside “EHC plan” are not in page order, as the document's own outline has them: “Part 1” opens page 12, after “Part 2”, which opens page 20.",
    );
    // Back into another document: the bundle's own navigation is wrong.
    const leaving = checkBookmarks({
      bookmarks: plan(bookmark('Part 2', 20), bookmark('Back to the appeal form', 4)),
      pageCount: 28,
      entries,
      isDivider,
    });
    expect(leaving.map((f) => [f.code, f.severity, f.pages])).toEqual([
      ['bookmarks-out-of-order', 'error', [4]],
    ]);
  });

  it('reports rows whose page ranges overlap, by printed number', () => {
    const overlapping = page(
      2,
      line(780, [60, 'Index']),
      line(700, [60, 'A1'], [100, 'Appeal form'], [500, 'A1–A4']),
      line(684, [60, 'A2'], [100, 'Decision letter'], [500, 'A4–A6']),
    );
    const info2 = findIndex([overlapping])!;
    const f = checkIndex({
      index: info2,
      entries: resolveEntries(info2, labelToPage),
      links: [],
      bookmarks: [],
      isDivider,
    });
    expect(f.map((x) => [x.code, x.pages])).toEqual([
      ['index-ranges-overlap', [2]],
      ['index-links-missing', [2]],
    ]);
  });

  it('matches a row with a bookmark that says a little more, not with one about something else', () => {
    expect(sameDocument('Local authority response', '05 Local authority response 14 November 2025')).toBe(
      true,
    );
    expect(sameDocument('Appeal form (SEND35)', 'Appeal form (SEND35)')).toBe(true);
    expect(sameDocument('EHC plan', 'Decision letter of the local authority about the EHC plan')).toBe(false);
    expect(sameDocument('Witness statement of the SENCO', 'Witness statement of Grace Okafor')).toBe(false);
  });

  it('finds where a document starts by its own “Page k of n”', () => {
    const own = [null, { page: 1, of: 3 }, { page: 2, of: 3 }, { page: 3, of: 3 }, { page: 2, of: 4 }];
    expect(documentStart(own, 2)).toBe(2);
    expect(documentStart(own, 4)).toBe(2);
    // Page 5 says "2 of 4" but page 4 is not "1 of 4": no safe answer.
    expect(documentStart(own, 5)).toBeNull();
    expect(documentStart(own, 1)).toBeNull();
  });

  it('quotes the page numbers an index prints (“A/5”) where its rows disagree with the bundle', () => {
    // Printed A/1–A/6 on pages 3–8. The decision letter starts on A/4 (its own "Page 1 of 3" there), but
    // the index says A/5; the response's row gives A/9, which no page carries.
    const slashed = page(
      2,
      line(780, [60, 'Index']),
      line(700, [60, '1.'], [100, 'Appeal form'], [500, 'A/1 - A/3']),
      line(684, [60, '2.'], [100, 'Decision letter'], [500, 'A/5 - A/6']),
      line(668, [60, '3.'], [100, 'Response'], [500, 'A/9-A/10']),
    );
    const index = findIndex([slashed])!;
    const numbers = ['', '', ...Array.from({ length: 6 }, (_, i) => `A/${i + 1}`)].map((l) =>
      l ? parsePrintedNumber(l) : null,
    );
    const labels = new Map(numbers.flatMap((n, i) => (n ? [[n.label, i + 1] as [string, number]] : [])));
    const resolved = resolveEntries(index, labels);
    const own = [null, null, null, null, null, { page: 1, of: 3 }, { page: 2, of: 3 }, { page: 3, of: 3 }];
    const found = checkIndex({
      index,
      entries: resolved,
      links: [],
      bookmarks: [],
      isDivider,
      ownNumbers: own,
    });
    expect(found.find((f) => f.code === 'index-entry-not-found')?.message).toBe(
      'The index gives “Response” as starting on page “A/9”, but no page of the bundle is numbered “A/9”.',
    );
    expect(found.find((f) => f.code === 'index-entry-mismatch')?.message).toBe(
      'The index says “Decision letter” starts on the page numbered “A/5” (page 7 of the file), but that page is page 2 of 3 of a document that starts on page 6 of the file.',
    );
    // The details stay in the checker's form, for comparing.
    expect(found.find((f) => f.code === 'index-entry-mismatch')?.details).toMatchObject({ first: 'A5' });
    // (Coverage is judged when most rows are found: without the response's row.)
    const [gap] = checkCoverage({ entries: resolved.slice(0, 2), numbers });
    expect(gap.message).toBe(
      'The index lists no document for the page numbered “A/4” (page 6 of the file): “Appeal form” ends at “A/3”, and “Decision letter” starts at “A/5”.',
    );
    expect(gap.details).toMatchObject({ labels: ['A4'] });
    // A bookmark that disagrees, and a link to the wrong page, are told in the index's numbers too.
    const bookmarks = [bookmark('Decision letter', 6)];
    const byBookmark = checkIndex({ index, entries: resolved, links: [], bookmarks, isDivider });
    expect(byBookmark.find((f) => f.code === 'index-entry-mismatch')?.message).toBe(
      'The index says “Decision letter” starts on the page numbered “A/5” (page 7 of the file), but its bookmark opens page 6.',
    );
    const link = {
      page: 2,
      top: resolved[1].top + 2,
      bottom: resolved[1].bottom - 3,
      target: 6,
      external: false,
    };
    const byLink = checkIndex({ index, entries: resolved, links: [link], bookmarks: [], isDivider });
    expect(byLink.find((f) => f.code === 'index-link-wrong-page')?.message).toContain(
      'but the document starts on the page numbered “A/5” (page 7 of the file)',
    );
  });

  it('normalises titles for matching', () => {
    expect(normaliseTitle('A1 Decision letter (1–4)')).toBe('decision letter');
    expect(normaliseTitle('Section B: The EHC plan')).toBe('section b the ehc plan');
    expect(normaliseTitle("C3a Parent's statement (C12a–C12c)")).toBe('parent s statement');
  });
});
