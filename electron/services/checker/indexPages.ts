/**
 * Finding the bundle's index near the front and reading its rows, whoever made it: a heading in any case
 * and the usual wordings ("INDEX", "Index of documents", "Bundle index", "Contents", "Schedule of
 * documents", "… (continued)"), or no heading at all (a page that is mostly "title … page range" rows);
 * ranges written "12-15", "12 – 15", "A-1 to A-4", "A/1 - A/4", "pp. 12–15", "8 - 8" or a start page
 * only; dotted leaders, titles over several lines (the range on the first line, as tables have it, or on
 * the last, as Word's contents do), tab and date columns; the index pages' own page numbers are not rows.
 * Pure functions over text positions.
 */
import type { TextItem } from '../pdf/pdfjs';
import { normaliseRef, printedRef, readPrintedNumber, writtenLike, type Box } from './pageNumbers';

interface Line {
  /** Baseline, points from the bottom of the displayed page. */
  y: number;
  height: number;
  segments: TextItem[];
  text: string;
}

export interface IndexEntry {
  kind: 'section' | 'document';
  /** Section letter when the row or its heading names one. */
  section: string | null;
  tab: string | null;
  title: string;
  /** Printed page numbers as the index gives them, in the checker's form (A-1 → A1), for comparing. */
  first: string;
  last: string;
  /**
   * The same as the index prints them ("A-1", "A/1"), for quoting in findings; an end given as a number
   * alone ("A/12-15") is written as its start is ("A/15").
   */
  printedFirst: string;
  printedLast: string;
  /** The row's date column, as printed ("1 Mar 2022"), when it has one. */
  date?: string;
  /** The row gives where its document starts and no more (a contents list): it ends where the next starts. */
  startOnly: boolean;
  /**
   * The row gives how many pages its document has ("5 pages", as HMCTS's bundler writes by default), not
   * where it is: documents follow the index and each other in order. Its pages are then worked out.
   */
  pageCount: number | null;
  /** The index page (1-based) the row is on, and the vertical extent of its lines (y from the bottom). */
  page: number;
  top: number;
  bottom: number;
}

export interface IndexInfo {
  pages: number[];
  entries: IndexEntry[];
}

export interface PageTextInput {
  page: number;
  items: TextItem[];
  width: number;
  height: number;
  /** The page's own bundle number, as the number finder found it: not a row. */
  stamp?: Box | null;
  /** What that number reads, in the checker's form ("12", "B12"), when it is a bundle page number. */
  label?: string | null;
}

/** Groups text items into lines, top of the page first; items of a line left to right. */
export function groupLines(items: TextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const tolerance = Math.max(2, Math.min(item.height || 10, line?.height || 10) * 0.4);
    if (line && Math.abs(line.y - item.y) <= tolerance) {
      line.segments.push(item);
      line.height = Math.max(line.height, item.height);
    } else {
      lines.push({ y: item.y, height: item.height, segments: [item], text: '' });
    }
  }
  for (const line of lines) {
    line.segments.sort((a, b) => a.x - b.x);
    line.text = joinSegments(line.segments);
  }
  return lines;
}

function joinSegments(segments: TextItem[]): string {
  let text = '';
  let end = -Infinity;
  for (const s of segments) {
    const gap = s.x - end;
    text += text && gap > 0.5 ? ' ' : '';
    text += s.text;
    end = s.x + s.width;
  }
  return text.replace(/\s+/g, ' ').trim();
}

// Dashes, apostrophes and ellipses in these String.raw templates are \u escapes (the expression reads them
// as the characters): the command's bundles are pure ASCII, which a raw template cannot be made by escaping
// afterwards (scripts/asciiOutput.mjs).
const HEADING = new RegExp(
  String.raw`^(?:the\s+)?(?:(?:hearing|trial|tribunal|appeal|core|main|supplementary|agreed)\s+)?(?:bundle\s+)?` +
    String.raw`(?:index|contents|table\s+of\s+contents|schedule\s+of\s+documents|list\s+of\s+documents|index\s+of\s+documents|paginated\s+index)` +
    String.raw`(?:\s+(?:to|of|for)\s+(?:the\s+)?(?:hearing\s+|trial\s+|appeal\s+|core\s+)?bundle)?` +
    String.raw`(?:\s*[(:\u2013\u2014-].*|\s+cont(?:inued|['\u2019]?d)?\.?)?$`,
  'i',
);

/** Whether a line is an index heading: the usual wordings, in any case, high on the page. */
export function isIndexHeading(line: Line, pageHeight: number): boolean {
  return line.y >= pageHeight * 0.55 && line.text.length <= 80 && HEADING.test(line.text);
}

/** A page number as an index writes it: "12", "A12", "A 12", "A-12", "A/12", "12a", "12A", "HB000012". */
const REF = String.raw`(?:[A-Z]{1,2}[\s./-]?)?\d{1,6}[a-zA-Z]{0,2}|[A-Z]{3,6}[\s_-]?0\d{3,7}`;
const LEAD = String.raw`(?:pages?\s+|pp?\.\s*)?`;
const SEP = String.raw`\s*(?:-|\u2013|\u2014|to)\s*`;
const RANGE = new RegExp(String.raw`^${LEAD}(${REF})(?:${SEP}(${REF}))?$`);
const INLINE_RANGE = new RegExp(String.raw`[\s.\u2026]+${LEAD}(${REF})(?:${SEP}(${REF}))?$`);
const DATE =
  /^(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|undated|n\/?d|various)$/i;
const TRAILING_DATE =
  /\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})$/;
const TAB = /^(?:[A-Z]{1,2}\d{1,4}[a-z]{0,2}|\d{1,4}[.)]?|\(\d{1,4}\)|[A-Z][.)]?|tab\s+\d{1,4})$/i;
/** A section's own line: "Section A: Appeal papers", "PART B – …", "A. Appeal papers", "Tab C …". */
const SECTION = /^(?:section|part|tab)\s+([A-Z]{1,2})\b\s*[:.–—-]?\s*(.*)$/i;
const LETTERED_SECTION = /^([A-Z])(?:\.|\)|\s+[–—-])\s+(\S.*)$/;
/** A column header line: "Tab Document Date Pages", "No. | Description | Page". */
const COLUMN_WORDS =
  /^(?:tab|no\.?|number|item|#|document|documents|description|title|date|dated|pages?|page\s+no\.?|page\s+numbers?|total\s+pages|bundle\s+pages?|ref\.?)$/i;

interface Range {
  first: string;
  last: string;
  printedFirst: string;
  printedLast: string;
  single: boolean;
}

/**
 * "A12-15": the end takes the start's section letter, and is written as the start is ("A/12-15" → "A/15").
 */
function rangeOf(first: string, last: string | undefined): Range {
  const a = normaliseRef(first);
  let b = last ? normaliseRef(last) : a;
  const printedFirst = printedRef(first);
  let printedLast = last ? printedRef(last) : printedFirst;
  const prefix = /^[A-Z]+/.exec(a)?.[0];
  if (prefix && /^\d/.test(b)) {
    b = `${prefix}${b}`;
    const start = readPrintedNumber(first)?.number;
    const end = readPrintedNumber(printedLast)?.number;
    printedLast =
      start?.kind === 'main' && end?.kind === 'main' ? writtenLike(start, end.number, end.suffix) : b;
  }
  return { first: a, last: b, printedFirst, printedLast, single: last === undefined };
}

interface Split extends Range {
  count?: number;
  rest: TextItem[];
}

/** "5 pages", "1 page": a page count in place of a range. */
const COUNT = /^(\d{1,4})\s+pages?$/i;

/** The page range at the right-hand end of a line, and what is left of the line before it. */
function splitRange(line: Line, width: number): Split | null {
  // The last one to four segments (a range can be split over items), from the right half of the page.
  for (let take = 1; take <= Math.min(4, line.segments.length); take++) {
    const tail = line.segments.slice(-take);
    if (tail[0].x < width * 0.5) break;
    const text = joinSegments(tail);
    const match = RANGE.exec(text);
    if (match) return { ...rangeOf(match[1], match[2]), rest: line.segments.slice(0, -take) };
    const count = COUNT.exec(text);
    if (count && Number(count[1]) > 0)
      return {
        first: '',
        last: '',
        printedFirst: '',
        printedLast: '',
        single: false,
        count: Number(count[1]),
        rest: line.segments.slice(0, -take),
      };
  }
  // Or the end of one long segment ("Decision letter ........ 12-15").
  const last = line.segments[line.segments.length - 1];
  const inline = INLINE_RANGE.exec(last.text);
  if (inline && last.x + last.width >= width * 0.5 && inline.index > 0) {
    const head = last.text.slice(0, inline.index).replace(/[.…\s]+$/, '');
    return {
      ...rangeOf(inline[1], inline[2]),
      rest: [...line.segments.slice(0, -1), { ...last, text: head }],
    };
  }
  return null;
}

/** Dot leaders ("Decision letter . . . . 12") are layout, not title. */
function cleanTitle(text: string): string {
  return (
    text
      .replace(/(?:\s*[.…·_]){3,}\s*/g, ' ')
      .replace(TRAILING_DATE, '')
      // "Decision letter dated" once its date (a column, or the end of the title) is taken off.
      .replace(/,?\s+dated\s*$/i, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Reads an index row: tab, title and date columns left of the range. */
function readRow(
  rest: TextItem[],
  currentSection: string | null,
): {
  kind: 'section' | 'document';
  section: string | null;
  tab: string | null;
  title: string;
  date?: string;
} {
  const segments = rest.filter((s) => s.text.trim() !== '' && !DATE.test(s.text.trim()));
  const date = rest.find((s) => DATE.test(s.text.trim()))?.text.trim();
  let tab: string | null = null;
  if (segments.length > 1 && TAB.test(segments[0].text.trim())) tab = segments.shift()!.text.trim();
  let title = cleanTitle(joinSegments(segments));
  if (!tab) {
    const inlineTab = /^((?:[A-Z]{1,2}\d{1,4}[a-z]{0,2}|\d{1,4}[.)]))\s+(.+)$/.exec(title);
    if (inlineTab) {
      tab = inlineTab[1];
      title = inlineTab[2];
    }
  }
  const section =
    SECTION.exec(title) ??
    LETTERED_SECTION.exec(title) ??
    (tab && /^[A-Z][.)]?$/.test(tab) ? [tab, tab[0], title] : null);
  if (section) return { kind: 'section', section: section[1].toUpperCase(), tab, title };
  const tabSection = tab ? (/^([A-Z]{1,2})\d/.exec(tab)?.[1] ?? null) : null;
  return { kind: 'document', section: tabSection ?? currentSection, tab, title, date };
}

function isColumnHeader(line: Line): boolean {
  if (/\d/.test(line.text) || line.text.length > 80) return false;
  const words = line.segments.map((s) => s.text.trim()).filter(Boolean);
  return (
    words.length > 0 &&
    words.every((w) => COLUMN_WORDS.test(w) || w.split(/\s+/).every((p) => COLUMN_WORDS.test(p)))
  );
}

/** Margin lines that are only a page number ("Page 2 of 148", "ii", "3"): the page's own, not a row. */
function isPageNumberLine(line: Line, height: number): boolean {
  const inMargin = line.y <= height * 0.1 || line.y >= height * 0.92;
  return inMargin && readPrintedNumber(line.text) !== null;
}

function overlaps(item: TextItem, box: Box): boolean {
  return (
    item.x < box.x + box.width + 1 &&
    item.x + item.width > box.x - 1 &&
    item.y < box.y + box.height + 1 &&
    item.y + Math.max(item.height, 1) > box.y - 1
  );
}

type Kind = 'heading' | 'row' | 'section' | 'text' | 'skip';

interface Classified {
  line: Line;
  kind: Kind;
  split?: Split;
}

interface PageRows {
  entries: IndexEntry[];
  heading: boolean;
  /** Lines of content (not counting margins, headings and column headers). */
  lines: number;
  rows: number;
}

/** How close (in line heights) a wrapped title line sits to the rest of its row. */
const WRAP_GAP = 1.7;

/** Rows of one page, with titles that wrap onto lines above or below their range. */
function readRows(input: PageTextInput, startSection: string | null): PageRows {
  const items = input.stamp ? input.items.filter((i) => !overlaps(i, input.stamp!)) : input.items;
  const classified: Classified[] = groupLines(items).map((line) => {
    if (isPageNumberLine(line, input.height)) return { line, kind: 'skip' };
    if (isIndexHeading(line, input.height)) return { line, kind: 'heading' };
    if (isColumnHeader(line)) return { line, kind: 'skip' };
    const split = splitRange(line, input.width);
    if (split && /\p{L}/u.test(joinSegments(split.rest))) return { line, kind: 'row', split };
    if (SECTION.exec(line.text) || LETTERED_SECTION.exec(line.text)) return { line, kind: 'section' };
    return { line, kind: 'text' };
  });

  // Which way do wrapped titles go on this page: under the line with the range (tables), or above it
  // (Word's contents, which puts the page number on a title's last line)? Decided by the lines that can
  // only go one way, then by which neighbour each line sits closer to.
  const rowIndex = (i: number, step: number) => {
    for (let j = i + step; j >= 0 && j < classified.length; j += step) {
      const k = classified[j].kind;
      if (k === 'row') return j;
      if (k !== 'text') return -1;
    }
    return -1;
  };
  const gapTo = (a: Line, b: Line) => Math.abs(a.y - b.y);
  const near = (a: Line, b: Line) => gapTo(a, b) <= Math.max(a.height, b.height, 6) * WRAP_GAP;
  let above = 0;
  let below = 0;
  classified.forEach((c, i) => {
    if (c.kind !== 'text') return;
    const prev = i > 0 ? classified[i - 1] : null;
    const next = i + 1 < classified.length ? classified[i + 1] : null;
    const joinsPrev =
      prev &&
      prev.kind !== 'heading' &&
      prev.kind !== 'skip' &&
      prev.kind !== 'section' &&
      near(prev.line, c.line);
    const joinsNext = next && (next.kind === 'row' || next.kind === 'text') && near(c.line, next.line);
    if (rowIndex(i, -1) < 0 && rowIndex(i, 1) >= 0 && joinsNext) above++;
    else if (rowIndex(i, 1) < 0 && rowIndex(i, -1) >= 0 && joinsPrev) below++;
    else if (joinsPrev && joinsNext && prev && next) {
      const d = gapTo(prev.line, c.line) - gapTo(c.line, next.line);
      if (d > 1) above++;
      else if (d < -1) below++;
    }
  });
  const titlesAbove = above > below;

  const entries: IndexEntry[] = [];
  let section = startSection;
  let heading = false;
  let content = 0;
  let pending: Line[] = [];
  let previous: { entry: IndexEntry; line: Line } | null = null;
  for (let i = 0; i < classified.length; i++) {
    const { line, kind, split } = classified[i];
    if (kind === 'heading') {
      heading = true;
      previous = null;
      pending = [];
      continue;
    }
    if (kind === 'skip') continue;
    content++;
    if (kind === 'section') {
      const m = SECTION.exec(line.text) ?? LETTERED_SECTION.exec(line.text)!;
      section = m[1].toUpperCase();
      previous = null;
      pending = [];
      continue;
    }
    if (kind === 'text') {
      const after = previous && near(previous.line, line) && line.y > input.height * 0.08;
      const nextRow = rowIndex(i, 1);
      const before = nextRow >= 0 && near(line, classified[i + 1].line);
      if (after && (!titlesAbove || !before)) {
        previous!.entry.title = `${previous!.entry.title} ${cleanTitle(line.text)}`.trim();
        previous!.entry.bottom = line.y;
        previous!.line = line;
      } else if (before && (titlesAbove || !after)) {
        pending.push(line);
      } else {
        previous = null;
        pending = [];
      }
      continue;
    }
    // A row: its range, and any title lines waiting above it.
    const row = readRow(split!.rest, section);
    if (pending.length > 0) {
      const head = cleanTitle(pending.map((l) => l.text).join(' '));
      const tab = /^((?:[A-Z]{1,2}\d{1,4}[a-z]{0,2}|\d{1,4}[.)]))\s+(.+)$/.exec(head);
      if (tab && !row.tab) {
        row.tab = tab[1];
        row.title = `${tab[2]} ${row.title}`.trim();
      } else row.title = `${head} ${row.title}`.trim();
    }
    if (row.kind === 'section') section = row.section;
    const entry: IndexEntry = {
      ...row,
      first: split!.first,
      last: split!.last,
      printedFirst: split!.printedFirst,
      printedLast: split!.printedLast,
      startOnly: split!.single,
      pageCount: split!.count ?? null,
      page: input.page,
      top: (pending[0]?.y ?? line.y) + Math.max(line.height, pending[0]?.height ?? 0),
      bottom: line.y,
    };
    entries.push(entry);
    previous = { entry, line };
    pending = [];
  }
  return { entries, heading, lines: content, rows: entries.length };
}

/** Whether the rows' first pages mostly go up, as an index's do. */
function ascending(entries: IndexEntry[]): boolean {
  let up = 0;
  for (let i = 1; i < entries.length; i++) {
    const a = readPrintedNumber(entries[i - 1].first)?.number;
    const b = readPrintedNumber(entries[i].first)?.number;
    if (
      a?.kind === 'main' &&
      b?.kind === 'main' &&
      (a.prefix < b.prefix || (a.prefix === b.prefix && a.number <= b.number))
    )
      up++;
  }
  return up * 4 >= (entries.length - 1) * 3;
}

/** A page with no heading that is an index all the same: mostly rows, their pages going up. */
function looksLikeIndex(rows: PageRows): boolean {
  return rows.rows >= 3 && rows.rows * 2 >= rows.lines && ascending(rows.entries);
}

/**
 * The index: the first page among `pages` with an index heading and rows (or, failing that, the first page
 * that is mostly rows going up), and the pages right after it that carry on with rows. Rows that give only
 * a start page are start-only when most rows do. Null when there is none.
 */
export function findIndex(pages: PageTextInput[]): IndexInfo | null {
  // Pages are read only as far as needed: most bundles head their index on the first few pages.
  const read: (PageRows | undefined)[] = [];
  const rowsOf = (i: number) => (read[i] ??= readRows(pages[i], null));
  let start = pages.findIndex((_, i) => rowsOf(i).heading && rowsOf(i).rows > 0);
  if (start < 0) start = pages.findIndex((_, i) => looksLikeIndex(rowsOf(i)));
  if (start < 0) return null;
  const info: IndexInfo = { pages: [pages[start].page], entries: rowsOf(start).entries };
  let section = lastSection(info.entries);
  for (let j = start + 1; j < pages.length && pages[j].page === pages[j - 1].page + 1; j++) {
    // A page the rows so far say a document or section starts on is that document, however much of it
    // looks like rows (a timetable, a table of figures ending in numbers).
    const label = pages[j].label;
    if (label && info.entries.some((e) => e.first === label)) break;
    const more = readRows(pages[j], section);
    // A continuation page has rows and, unless it repeats the heading, is mostly rows (not a document's table).
    if (more.rows === 0) break;
    if (!more.heading && (more.rows < 2 || more.rows * 3 < more.lines)) break;
    info.pages.push(pages[j].page);
    info.entries.push(...more.entries);
    section = lastSection(more.entries) ?? section;
  }
  // A contents list gives each document's first page only; an index of ranges may still give one page alone.
  const documents = info.entries.filter((e) => e.kind === 'document');
  const singles = documents.filter((e) => e.startOnly).length;
  const startOnly = documents.length >= 2 && singles * 2 > documents.length;
  for (const e of info.entries) e.startOnly = startOnly && e.startOnly;
  return info;
}

function lastSection(entries: IndexEntry[]): string | null {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].section) return entries[i].section;
  return null;
}
