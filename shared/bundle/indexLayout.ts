/**
 * Geometry of the generated pages (A4, points, measured from the top-left as a reader sees the page).
 * The plan places index rows with it; the PDF engine draws them at exactly those places.
 */
import { formatDate } from '../dates/isoDate';
import { formatRange } from './format';
import type { MeasureText } from './textLayout';
import { wrapText } from './textLayout';
import type { IndexRow } from './types';

export const A4: [number, number] = [595.28, 841.89];

export const INDEX = {
  marginX: 56,
  /** Rows may not go below this (room for the page stamp). */
  bottom: A4[1] - 72,
  titleTop: 64,
  titleSize: 18,
  subtitleTop: 88,
  subtitleSize: 10,
  firstHeaderTop: 116,
  nextHeaderTop: 96,
  headerSize: 9,
  headerGap: 18,
  rowSize: 10,
  lineHeight: 13,
  rowPadding: 3,
  sectionSize: 11,
  sectionHeight: 26,
  maxTitleLines: 4,
  columns: {
    tab: { x: 56, width: 36 },
    title: { x: 94, width: 268 },
    date: { x: 368, width: 78 },
    /** Right-aligned to x + width. */
    pages: { x: 450, width: 89.28 },
  },
} as const;

export interface IndexEntryInput {
  kind: 'section' | 'document';
  section: string;
  documentId?: number;
  tab: string;
  title: string;
  date: string | null;
  firstLabel: string | null;
  lastLabel: string | null;
}

/** Places index rows on pages. `target` is filled in later, once the index's own length is known. */
export function layoutIndex(entries: IndexEntryInput[], measure: MeasureText): Omit<IndexRow, 'target'>[][] {
  let page: Omit<IndexRow, 'target'>[] = [];
  const pages = [page];
  let top: number = INDEX.firstHeaderTop + INDEX.headerGap;
  for (const entry of entries) {
    const isSection = entry.kind === 'section';
    const size = isSection ? INDEX.sectionSize : INDEX.rowSize;
    const width = isSection
      ? INDEX.columns.title.x + INDEX.columns.title.width - INDEX.columns.tab.x
      : INDEX.columns.title.width;
    const lines = wrapText(entry.title, width, size, measure, isSection ? 2 : INDEX.maxTitleLines);
    const height = isSection
      ? INDEX.sectionHeight + (lines.length - 1) * INDEX.lineHeight
      : lines.length * INDEX.lineHeight + 2 * INDEX.rowPadding;
    // A section heading must not be the last thing on a page: keep room for one document row after it.
    const needed = isSection ? height + INDEX.lineHeight + 2 * INDEX.rowPadding : height;
    if (top + needed > INDEX.bottom && page.length > 0) {
      page = [];
      pages.push(page);
      top = INDEX.nextHeaderTop + INDEX.headerGap;
    }
    page.push({
      kind: entry.kind,
      section: entry.section,
      documentId: entry.documentId,
      tab: entry.tab,
      lines,
      date: formatDate(entry.date),
      pages: entry.firstLabel && entry.lastLabel ? formatRange(entry.firstLabel, entry.lastLabel) : '',
      top,
      height,
    });
    top += height;
  }
  return pages;
}
