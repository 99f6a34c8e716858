/**
 * Finding the bundle's index near the front and reading its rows: a page titled Index or Contents, with
 * rows that end in a page range ("Decision letter … 12–15"). Pure functions over text positions.
 */
import type { TextItem } from '../pdf/pdfjs';

export interface Line {
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
  /** Printed page numbers as the index gives them. */
  first: string;
  last: string;
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

const HEADING =
  /^(?:(?:hearing|tribunal|appeal)\s+)?(?:bundle\s+)?(?:index|contents|table of contents)(?:\s+(?:to|of)\s+(?:the\s+)?(?:hearing\s+)?bundle)?(?:\s*[(:-].*)?$/i;

export function isIndexHeading(line: Line, pageHeight: number): boolean {
  return line.y >= pageHeight * 0.6 && line.text.length <= 80 && HEADING.test(line.text);
}

const REF = String.raw`(?:[A-Z]{1,2}\s?)?\d{1,5}[a-z]{0,2}`;
const RANGE = new RegExp(String.raw`^(?:pages?\s+|pp?\.\s*)?(${REF})(?:\s*(?:-|–|—|to)\s*(${REF}))?$`);
const DATE =
  /^(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|undated|n\/?d)$/i;
const TRAILING_DATE =
  /\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})$/;
const TAB = /^(?:[A-Z]{1,2}\d{1,4}[a-z]{0,2}|\d{1,4}[.)]?|[A-Z][.)]?)$/;
const SECTION = /^section\s+([A-Z]{1,2})\b\s*[:.–—-]?\s*(.*)$/i;

function normaliseRef(ref: string): string {
  return ref.replace(/\s+/g, '');
}

/** The page range at the right-hand end of a line, and what is left of the line before it. */
function splitRange(line: Line, width: number): { first: string; last: string; rest: TextItem[] } | null {
  // Try the last one, two or three segments (a range can be split over items) from the right half.
  for (let take = 1; take <= Math.min(3, line.segments.length); take++) {
    const tail = line.segments.slice(-take);
    if (tail[0].x < width * 0.5) break;
    const match = RANGE.exec(joinSegments(tail));
    if (match) {
      return {
        first: normaliseRef(match[1]),
        last: normaliseRef(match[2] ?? match[1]),
        rest: line.segments.slice(0, -take),
      };
    }
  }
  // Or the end of one long segment ("Decision letter ........ 12-15").
  const last = line.segments[line.segments.length - 1];
  const inline = new RegExp(
    String.raw`[\s.…]+(?:pages?\s+|pp?\.\s*)?(${REF})(?:\s*(?:-|–|—|to)\s*(${REF}))?$`,
  ).exec(last.text);
  if (inline && last.x + last.width >= width * 0.5 && inline.index > 0) {
    const head = last.text.slice(0, inline.index).replace(/[.…\s]+$/, '');
    return {
      first: normaliseRef(inline[1]),
      last: normaliseRef(inline[2] ?? inline[1]),
      rest: [...line.segments.slice(0, -1), { ...last, text: head }],
    };
  }
  return null;
}

/** Reads an index row: tab, title and date columns left of the range. */
function readRow(
  rest: TextItem[],
  currentSection: string | null,
): { kind: 'section' | 'document'; section: string | null; tab: string | null; title: string } {
  const segments = rest.filter((s) => s.text.trim() !== '' && !DATE.test(s.text.trim()));
  let tab: string | null = null;
  if (segments.length > 1 && TAB.test(segments[0].text.trim())) tab = segments.shift()!.text.trim();
  // Dot leaders ("Decision letter . . . . 12") are layout, not title.
  let title = joinSegments(segments)
    .replace(/(?:\s*[.…]){3,}\s*/g, ' ')
    .replace(TRAILING_DATE, '')
    .trim();
  if (!tab) {
    const inlineTab = /^((?:[A-Z]{1,2}\d{1,4}[a-z]{0,2}|\d{1,4}[.)]))\s+(.+)$/.exec(title);
    if (inlineTab) {
      tab = inlineTab[1];
      title = inlineTab[2];
    }
  }
  const section = SECTION.exec(title) ?? (tab && /^[A-Z][.)]?$/.test(tab) ? [tab, tab[0], title] : null);
  if (section) return { kind: 'section', section: section[1].toUpperCase(), tab, title };
  const tabSection = tab ? (/^([A-Z]{1,2})\d/.exec(tab)?.[1] ?? null) : null;
  return { kind: 'document', section: tabSection ?? currentSection, tab, title };
}

function isColumnHeader(line: Line): boolean {
  return /\bpages?\b/i.test(line.text) && !/\d/.test(line.text) && line.text.length < 80;
}

/** Rows of one page, continuing titles that wrap onto following lines. */
function readRows(
  input: PageTextInput,
  startSection: string | null,
): { entries: IndexEntry[]; heading: boolean; lines: number } {
  const lines = groupLines(input.items);
  const entries: IndexEntry[] = [];
  let heading = false;
  let section = startSection;
  let previous: IndexEntry | null = null;
  let previousLine: Line | null = null;
  for (const line of lines) {
    if (isIndexHeading(line, input.height)) {
      heading = true;
      previous = null;
      continue;
    }
    if (isColumnHeader(line)) continue;
    const range = splitRange(line, input.width);
    if (range) {
      const row = readRow(range.rest, section);
      if (row.kind === 'section') section = row.section;
      previous = {
        ...row,
        title: row.title,
        first: range.first,
        last: range.last,
        page: input.page,
        top: line.y + line.height,
        bottom: line.y,
      };
      entries.push(previous);
      previousLine = line;
      continue;
    }
    const sectionHeading = SECTION.exec(line.text);
    if (sectionHeading) {
      section = sectionHeading[1].toUpperCase();
      previous = null;
      continue;
    }
    // A wrapped title: close under the row above, not in the page's bottom margin.
    if (
      previous &&
      previousLine &&
      previousLine.y - line.y <= Math.max(previousLine.height, line.height) * 2 &&
      line.y > input.height * 0.08
    ) {
      previous.title = `${previous.title} ${line.text}`.trim();
      previous.bottom = line.y;
      previousLine = line;
      continue;
    }
    previous = null;
  }
  return { entries, heading, lines: lines.length };
}

/**
 * The index: the first page among `pages` with an Index/Contents heading and rows with page ranges, and the
 * pages right after it that carry on with rows. Null when there is none.
 */
export function findIndex(pages: PageTextInput[]): IndexInfo | null {
  for (let i = 0; i < pages.length; i++) {
    const first = readRows(pages[i], null);
    if (!first.heading || first.entries.length === 0) continue;
    const info: IndexInfo = { pages: [pages[i].page], entries: first.entries };
    let section = lastSection(first.entries);
    for (let j = i + 1; j < pages.length && pages[j].page === pages[j - 1].page + 1; j++) {
      const more = readRows(pages[j], section);
      // A continuation page has rows and, unless it repeats the heading, is mostly rows (not a document's table).
      if (more.entries.length === 0) break;
      if (!more.heading && (more.entries.length < 2 || more.entries.length * 3 < more.lines)) break;
      info.pages.push(pages[j].page);
      info.entries.push(...more.entries);
      section = lastSection(more.entries) ?? section;
    }
    return info;
  }
  return null;
}

function lastSection(entries: IndexEntry[]): string | null {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].section) return entries[i].section;
  return null;
}
