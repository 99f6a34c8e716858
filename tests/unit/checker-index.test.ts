import { describe, expect, it } from 'vitest';
import { findIndex, groupLines, type PageTextInput } from '../../electron/services/checker/indexPages';
import { checkBookmarks, checkIndex, resolveEntries } from '../../electron/services/checker/navigation';
import type { BookmarkNode } from '../../electron/services/checker/destinations';
import { normaliseTitle } from '../../electron/services/checker/parts';
import type { TextItem } from '../../electron/services/pdf/pdfjs';

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

  it('finds no index in pages without one', () => {
    expect(findIndex([page(1, line(700, [60, 'Report']), line(680, [500, '12']))])).toBeNull();
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

  it('passes an index whose rows, links and bookmarks agree', () => {
    expect(checkIndex({ index: info, entries, links, bookmarks: goodBookmarks, isDivider })).toEqual([]);
    expect(checkBookmarks({ bookmarks: goodBookmarks, pageCount: 28, entries, isDivider })).toEqual([]);
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

  it('normalises titles for matching', () => {
    expect(normaliseTitle('A1 Decision letter (1–4)')).toBe('decision letter');
    expect(normaliseTitle('Section B: The EHC plan')).toBe('section b the ehc plan');
    expect(normaliseTitle("C3a Parent's statement (C12a–C12c)")).toBe('parent s statement');
  });
});
