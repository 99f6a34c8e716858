/**
 * Can a reader find their way round the bundle? The index (each row's pages against where the document
 * really starts, and its links) and the bookmarks (present, going somewhere, in order, one per document).
 * Pure: takes what was read from the PDF.
 */
import type { CheckFinding } from '../../../shared/domain/checker';
import { flattenBookmarks, type BookmarkNode } from './destinations';
import { describePages } from './describe';
import type { IndexEntry, IndexInfo } from './indexPages';
import type { PageLink } from './links';
import { parsePrintedNumber } from './pageNumbers';
import { normaliseTitle } from './parts';
import { compareKeys, orderKey } from './sequence';

function quote(text: string): string {
  return `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`;
}

export interface ResolvedEntry extends IndexEntry {
  /** The page (1-based) carrying the entry's first and last printed numbers, when found. */
  startPage: number | null;
  endPage: number | null;
}

/**
 * Each row's first and last pages in the file, from its printed numbers. A row that gives only its start
 * (a contents list) runs to the page before the next row's start, or to the end of the file. A row that
 * gives a page count, or no end, takes the numbers its pages print (`numberOf`: a page's bundle number).
 */
export function resolveEntries(
  index: IndexInfo,
  labelToPage: Map<string, number>,
  options: {
    pageCount?: number;
    numberOf?: (page: number) => { label: string; printed: string } | null;
  } = {},
): ResolvedEntry[] {
  const resolved = index.entries.map((e) => ({
    ...e,
    startPage: labelToPage.get(e.first) ?? null,
    endPage: e.startOnly ? null : (labelToPage.get(e.last) ?? null),
  }));
  // Rows that give page counts: their documents follow the index and each other.
  let next = Math.max(...index.pages) + 1;
  for (const e of resolved) {
    if (e.pageCount === null) continue;
    const end = next + e.pageCount - 1;
    e.startPage = options.pageCount === undefined || next <= options.pageCount ? next : null;
    e.endPage = options.pageCount === undefined || end <= options.pageCount ? end : null;
    const first = options.numberOf?.(next);
    const last = options.numberOf?.(end);
    e.first = first?.label ?? String(next);
    e.last = last?.label ?? String(end);
    e.printedFirst = first?.printed ?? e.first;
    e.printedLast = last?.printed ?? e.last;
    next = end + 1;
  }
  resolved.forEach((e, i) => {
    if (!e.startOnly || e.startPage === null) return;
    let next: (typeof resolved)[number] | undefined;
    for (let j = i + 1; j < resolved.length && !next; j++) {
      const n = resolved[j];
      if (n.startPage !== null && n.startPage > e.startPage) next = n;
    }
    e.endPage = next ? next.startPage! - 1 : (options.pageCount ?? e.startPage);
    const last = options.numberOf?.(e.endPage);
    if (last) {
      e.last = last.label;
      e.printedLast = last.printed;
    }
  });
  return resolved;
}

/** Lower-case words of a title, for matching a row with a bookmark that says a little more or less. */
function titleWords(title: string): string {
  return ` ${normaliseTitle(title)
    .replace(
      /\b(?:\d{1,2} )?(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{4}\b/g,
      ' ',
    )
    .replace(/\b\d+\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** A title as matching reads it: normalised, and its words without dates and numbers (and how many). */
interface TitleKey {
  normal: string;
  words: string;
  wordCount: number;
}

function titleKey(title: string): TitleKey {
  const words = titleWords(title);
  return { normal: normaliseTitle(title), words, wordCount: words.trim().split(' ').length };
}

function sameDocumentByKey(a: TitleKey, b: TitleKey): boolean {
  if (!a.normal || !b.normal) return false;
  if (a.normal === b.normal) return true;
  const [shorter, longer] = a.words.length <= b.words.length ? [a, b] : [b, a];
  // Most of the longer title is the shorter one: "EHC plan" is not "Letter about the EHC plan".
  return (
    shorter.wordCount >= 2 &&
    shorter.wordCount * 5 >= longer.wordCount * 3 &&
    longer.words.includes(shorter.words)
  );
}

/**
 * Whether a bookmark names the same document as an index row: the same title, or one title inside the
 * other ("05 Local authority response 14 November 2025" and "Local authority response").
 */
export function sameDocument(rowTitle: string, bookmarkTitle: string): boolean {
  return sameDocumentByKey(titleKey(rowTitle), titleKey(bookmarkTitle));
}

/**
 * The bookmarks' titles read once for matching with the index's rows: each row looked through every
 * bookmark, normalising both titles each time (2,000 documents: 4 million titles read, 2 of a 5 s check).
 */
class BookmarkTitles {
  private readonly keyed: { bookmark: BookmarkNode; key: TitleKey }[];
  private readonly byNormal = new Map<string, BookmarkNode[]>();

  constructor(bookmarks: BookmarkNode[]) {
    this.keyed = bookmarks.map((bookmark) => ({ bookmark, key: titleKey(bookmark.title) }));
    for (const { bookmark, key } of this.keyed) {
      if (bookmark.page === null) continue;
      const same = this.byNormal.get(key.normal);
      if (same) same.push(bookmark);
      else this.byNormal.set(key.normal, [bookmark]);
    }
  }

  /** Bookmarks naming the row's document (documents can share a title, so all of them). */
  sameTitle(entry: ResolvedEntry): BookmarkNode[] {
    const key = titleKey(entry.title);
    const exact = this.byNormal.get(key.normal) ?? [];
    if (exact.length > 0 || !key.normal) return exact;
    return this.keyed
      .filter(({ bookmark, key: other }) => bookmark.page !== null && sameDocumentByKey(key, other))
      .map(({ bookmark }) => bookmark);
  }

  /** Whether any bookmark (opening a page or not) names the row's document. */
  anyNames(entry: ResolvedEntry): boolean {
    const key = titleKey(entry.title);
    return this.keyed.some(({ key: other }) => sameDocumentByKey(key, other));
  }
}

/** A document's own page number: "Page 3 of 5" is { page: 3, of: 5 }. */
export interface OwnNumber {
  page: number;
  of: number;
}

/**
 * Where the document that `page` (1-based) belongs to starts, by the documents' own "Page k of n": null
 * unless `page` shows page k > 1 and the k − 1 pages before it count down to a "Page 1 of n" of the same n.
 */
export function documentStart(own: (OwnNumber | null)[], page: number): number | null {
  const here = own[page - 1];
  if (!here || here.page === 1) return here ? page : null;
  const start = page - (here.page - 1);
  if (start < 1) return null;
  for (let p = start; p < page; p++) {
    const o = own[p - 1];
    if (!o || o.of !== here.of || o.page !== p - start + 1) return null;
  }
  return start;
}

/** Pages a row may rightly open: its first page, or for a section the divider just before it. */
function acceptableTargets(entry: ResolvedEntry, isDivider: (page: number) => boolean): number[] {
  if (entry.startPage === null) return [];
  const pages = [entry.startPage];
  if (entry.kind === 'section' && entry.startPage > 1 && isDivider(entry.startPage - 1))
    pages.push(entry.startPage - 1);
  return pages;
}

export function checkIndex(input: {
  index: IndexInfo | null;
  entries: ResolvedEntry[];
  links: PageLink[];
  bookmarks: BookmarkNode[];
  isDivider: (page: number) => boolean;
  /** Page numbers the pagination check already reports missing: rows naming them are not wrong too. */
  missingLabels?: Set<string>;
  /** Each page's own "Page 3 of 5" (its document's numbering, not the bundle's), or null. */
  ownNumbers?: (OwnNumber | null)[];
  /** Front pages that are pictures with no text (scans): an index there cannot be read. */
  frontPictures?: number[];
}): CheckFinding[] {
  const findings: CheckFinding[] = [];
  if (!input.index) {
    const pictures = input.frontPictures ?? [];
    findings.push({
      code: 'index-missing',
      severity: 'error',
      pages: pictures,
      message:
        pictures.length > 0
          ? `No index could be read at the front of the bundle: ${describePages(pictures)} ${pictures.length === 1 ? 'is a picture' : 'are pictures'} ` +
            'with no text (scans), so an index on them cannot be read, searched or checked. Run text recognition ' +
            '(OCR) on the bundle and check it again.'
          : 'No index was found at the front of the bundle: a page headed “Index” (or “Contents”) listing every ' +
            'document with the pages it is on.',
    });
    return findings;
  }
  const { entries } = input;
  const titles = new BookmarkTitles(flattenBookmarks(input.bookmarks));

  // Rows whose page numbers are printed on no page (one finding: a foreign index can have many).
  const explained = (label: string) => input.missingLabels?.has(label) ?? false;
  const notFound = entries.filter(
    (e) =>
      (e.startPage === null && !explained(e.first)) ||
      (e.startPage !== null && !e.startOnly && e.endPage === null && !explained(e.last)),
  );
  if (notFound.length > 0) {
    const first = notFound[0];
    findings.push({
      code: 'index-entry-not-found',
      severity: 'error',
      pages: [...new Set(notFound.map((e) => e.page))],
      message:
        notFound.length === 1
          ? `The index gives ${quote(first.title)} as ${first.startPage === null ? 'starting' : 'ending'} on page ${quote(first.startPage === null ? first.printedFirst : first.printedLast)}, but no page of the bundle is numbered ${quote(first.startPage === null ? first.printedFirst : first.printedLast)}.`
          : `${notFound.length} index rows give pages that no page of the bundle is numbered with, for example ${quote(first.title)} (pages ${quote(first.printedFirst)} to ${quote(first.printedLast)}).`,
      details: {
        rows: notFound
          .slice(0, 50)
          .map((e) => ({ title: e.title, first: e.first, last: e.last, indexPage: e.page })),
      },
    });
  }
  for (const e of entries) {
    if (e.startPage !== null && e.endPage !== null && e.endPage < e.startPage) {
      findings.push({
        code: 'index-entry-mismatch',
        severity: 'error',
        pages: [e.page],
        message: `The index gives ${quote(e.title)} the pages ${e.printedFirst}–${e.printedLast}, but the page numbered ${quote(e.printedLast)} comes before the one numbered ${quote(e.printedFirst)}.`,
        details: { title: e.title, first: e.first, last: e.last },
      });
    }
  }

  // Where the bookmark of the same name goes, against where the index says the document starts.
  const mismatched = new Set<ResolvedEntry>();
  let countShift: number | null = null;
  let previousCounted: ResolvedEntry | null = null;
  for (const e of entries) {
    if (e.startPage === null) continue;
    const counted = previousCounted;
    if (e.pageCount !== null) previousCounted = e;
    const matches = titles.sameTitle(e);
    const ok = acceptableTargets(e, input.isDivider);
    if (matches.length === 0 || matches.some((b) => ok.includes(b.page!))) continue;
    const bookmark = matches[0] as BookmarkNode & { page: number };
    mismatched.add(e);
    if (e.pageCount !== null) {
      // Rows of page counts: one wrong count moves every document after it by the same pages; said once.
      const shift = bookmark.page - e.startPage;
      if (shift === countShift) continue;
      countShift = shift;
      findings.push({
        code: 'index-entry-mismatch',
        severity: 'error',
        pages: [...new Set([e.page, e.startPage, bookmark.page])].sort((a, b) => a - b),
        message:
          `By the page counts in the index, ${quote(e.title)} starts on page ${e.startPage} of the file, but its bookmark opens page ${bookmark.page}` +
          (counted
            ? `: a count above it is wrong (the index gives ${quote(counted.title)} ${counted.pageCount} ${counted.pageCount === 1 ? 'page' : 'pages'}).`
            : '.'),
        details: { title: e.title, startPage: e.startPage, bookmarkPage: bookmark.page },
      });
      continue;
    }
    findings.push({
      code: 'index-entry-mismatch',
      severity: 'error',
      pages: [e.startPage, bookmark.page].sort((a, b) => a - b),
      message: `The index says ${quote(e.title)} starts on the page numbered ${quote(e.printedFirst)} (page ${e.startPage} of the file), but its bookmark opens page ${bookmark.page}.`,
      details: { title: e.title, first: e.first, startPage: e.startPage, bookmarkPage: bookmark.page },
    });
  }

  // Where the document really starts, by its own page numbers ("Page 3 of 5" on the row's first page).
  for (const e of entries) {
    if (e.kind !== 'document' || e.startPage === null || mismatched.has(e) || !input.ownNumbers) continue;
    const start = documentStart(input.ownNumbers, e.startPage);
    if (start === null || start === e.startPage) continue;
    const own = input.ownNumbers[e.startPage - 1]!;
    findings.push({
      code: 'index-entry-mismatch',
      severity: 'error',
      pages: [start, e.startPage].sort((a, b) => a - b),
      message:
        `The index says ${quote(e.title)} starts on the page numbered ${quote(e.printedFirst)} (page ${e.startPage} of the file), ` +
        `but that page is page ${own.page} of ${own.of} of a document that starts on page ${start} of the file.`,
      details: { title: e.title, first: e.first, startPage: e.startPage, documentStart: start },
    });
  }

  // Documents listed twice over the same pages: compared by printed number, so that pages out of order
  // (reported on their own) do not make the index look wrong as well.
  const docs = entries.filter((e) => e.kind === 'document' && e.startPage !== null && e.endPage !== null);
  for (let k = 1; k < docs.length; k++) {
    const before = docs[k - 1];
    const after = docs[k];
    const end = parsePrintedNumber(before.last);
    const start = parsePrintedNumber(after.first);
    const overlaps =
      end?.kind === 'main' && start?.kind === 'main'
        ? compareKeys(orderKey(start), orderKey(end)) <= 0
        : after.startPage! <= before.endPage!;
    if (overlaps) {
      findings.push({
        code: 'index-ranges-overlap',
        severity: 'error',
        pages: [after.page],
        message: `In the index, ${quote(after.title)} (${after.printedFirst}–${after.printedLast}) overlaps ${quote(before.title)} (${before.printedFirst}–${before.printedLast}).`,
        details: { titles: [before.title, after.title] },
      });
    }
  }

  // Links: each to its row, by position on the index page.
  const linked = new Set<ResolvedEntry>();
  for (const link of input.links) {
    let best: ResolvedEntry | null = null;
    let bestOverlap = 0;
    for (const e of entries) {
      if (e.page !== link.page) continue;
      const overlap = Math.min(link.top, e.top + 2) - Math.max(link.bottom, e.bottom - 2);
      if (overlap > bestOverlap) {
        best = e;
        bestOverlap = overlap;
      }
    }
    if (!best || link.external) continue;
    linked.add(best);
    if (link.target === null) {
      findings.push({
        code: 'index-link-broken',
        severity: 'error',
        pages: [link.page],
        message: `The index link for ${quote(best.title)} (on page ${link.page}) goes nowhere.`,
        details: { title: best.title },
      });
      continue;
    }
    const ok = acceptableTargets(best, input.isDivider);
    // A row whose pages come from counts that went wrong above it: its link is not wrong as well.
    if (best.pageCount !== null && mismatched.has(best)) continue;
    if (ok.length > 0 && !ok.includes(link.target)) {
      findings.push({
        code: 'index-link-wrong-page',
        severity: 'error',
        pages: [link.page],
        message: `The index link for ${quote(best.title)} (on page ${link.page}) opens page ${link.target}, but the document starts on the page numbered ${quote(best.printedFirst)} (page ${best.startPage} of the file).`,
        details: { title: best.title, target: link.target, expected: best.startPage },
      });
    }
  }
  const unlinked = entries.filter((e) => !linked.has(e));
  if (unlinked.length > 0) {
    const none = linked.size === 0;
    findings.push({
      code: 'index-links-missing',
      severity: 'warning',
      pages: [...new Set(unlinked.map((e) => e.page))],
      message: none
        ? 'The index has no links: each row should be a link that opens the first page of its document.'
        : `${unlinked.length} index ${unlinked.length === 1 ? 'row has' : 'rows have'} no link to ${unlinked.length === 1 ? 'its' : 'their'} document, for example ${quote(unlinked[0].title)}.`,
      details: { titles: unlinked.slice(0, 50).map((e) => e.title) },
    });
  }
  return findings;
}

/** Bookmarks that open a page before the one read just before them, for a finding's details. */
function stepsBack(steps: { bookmark: BookmarkNode; after: BookmarkNode }[]) {
  return steps.slice(0, 50).map((x) => ({
    title: x.bookmark.title,
    page: x.bookmark.page,
    after: x.after.title,
    afterPage: x.after.page,
  }));
}

export function checkBookmarks(input: {
  bookmarks: BookmarkNode[];
  pageCount: number;
  entries: ResolvedEntry[];
  isDivider: (page: number) => boolean;
}): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const flat = flattenBookmarks(input.bookmarks);
  if (flat.length === 0) {
    return [
      {
        code: 'bookmarks-missing',
        severity: 'error',
        pages: [],
        message: 'The bundle has no bookmarks: it needs one for each section and one for each document.',
      },
    ];
  }
  const broken = flat.filter((b) => b.page === null && !b.external);
  if (broken.length > 0) {
    findings.push({
      code: 'bookmark-broken',
      severity: 'error',
      pages: [],
      message: `${broken.length === 1 ? 'A bookmark goes' : `${broken.length} bookmarks go`} nowhere: ${broken
        .slice(0, 5)
        .map((b) => quote(b.title))
        .join(', ')}${broken.length > 5 ? ' and others' : ''}.`,
      details: { titles: broken.slice(0, 50).map((b) => b.title) },
    });
  }
  // In order: reading down the bookmarks, the pages they open never go backwards. A step back that stays
  // inside one document listed in the index is that document's own bookmarks, carried in as its author
  // made them (a report's outline need not follow its pages): a note, not the bundle's navigation.
  const documentOf = (page: number) =>
    input.entries.find(
      (e) =>
        e.kind === 'document' &&
        e.startPage !== null &&
        e.endPage !== null &&
        page >= e.startPage &&
        page <= e.endPage,
    ) ?? null;
  let furthest: BookmarkNode | null = null;
  const backwards: { bookmark: BookmarkNode; after: BookmarkNode }[] = [];
  const withinDocuments = new Map<ResolvedEntry, { bookmark: BookmarkNode; after: BookmarkNode }[]>();
  for (const b of flat) {
    if (b.page === null) continue;
    if (furthest && b.page < furthest.page!) {
      const document = documentOf(b.page);
      if (document && document === documentOf(furthest.page!)) {
        const steps = withinDocuments.get(document) ?? [];
        steps.push({ bookmark: b, after: furthest });
        withinDocuments.set(document, steps);
      } else backwards.push({ bookmark: b, after: furthest });
    } else furthest = b;
  }
  for (const [document, steps] of withinDocuments) {
    const { bookmark, after } = steps[0];
    findings.push({
      code: 'document-bookmarks-out-of-order',
      severity: 'note',
      pages: steps.map((x) => x.bookmark.page!),
      message:
        `The bookmarks inside ${quote(document.title)} are not in page order, as the document's own outline ` +
        `has them: ${quote(bookmark.title)} opens page ${bookmark.page}, after ${quote(after.title)}, which opens page ${after.page}` +
        (steps.length > 1
          ? `; ${steps.length - 1} more ${steps.length === 2 ? 'goes' : 'go'} back within it.`
          : '.'),
      details: {
        document: document.title,
        bookmarks: stepsBack(steps),
      },
    });
  }
  if (backwards.length > 0) {
    const { bookmark, after } = backwards[0];
    findings.push({
      code: 'bookmarks-out-of-order',
      severity: 'error',
      pages: backwards.map((x) => x.bookmark.page!),
      message:
        `The bookmark ${quote(bookmark.title)} opens page ${bookmark.page}, but it comes after the bookmark ${quote(after.title)}, which opens page ${after.page}` +
        (backwards.length > 1
          ? `; ${backwards.length - 1} more ${backwards.length === 2 ? 'bookmark goes' : 'bookmarks go'} backwards too.`
          : '.'),
      details: {
        bookmarks: stepsBack(backwards),
      },
    });
  }
  // One per section and document listed in the index.
  const targets = new Set(flat.map((b) => b.page));
  const titles = new BookmarkTitles(flat);
  const without = input.entries.filter(
    (e) =>
      e.startPage !== null &&
      !acceptableTargets(e, input.isDivider).some((p) => targets.has(p)) &&
      !titles.anyNames(e),
  );
  if (without.length > 0) {
    findings.push({
      code: 'bookmark-missing-for-document',
      severity: 'warning',
      pages: without.map((e) => e.startPage!),
      message: `${without.length === 1 ? 'One part listed in the index has' : `${without.length} parts listed in the index have`} no bookmark: ${without
        .slice(0, 5)
        .map((e) => `${quote(e.title)} (${describePages([e.startPage!])})`)
        .join(', ')}${without.length > 5 ? ' and others' : ''}.`,
      details: { titles: without.slice(0, 50).map((e) => e.title) },
    });
  }
  return findings;
}
