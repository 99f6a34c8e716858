/**
 * The pages of a document that go into the bundle, when not all of them: a year of chat messages or a school's
 * log of which only some pages bear on the appeal. Pages are the document's own numbers (1-based), kept in
 * the document's order; null means every page.
 */

/** The most pages a selection may list (a document is never longer than this after import). */
export const MOST_SELECTABLE_PAGES = 10_000;

export type PageSelectionReading = { ok: true; pages: number[] | null } | { ok: false; message: string };

const RANGE = /^(\d{1,5})\s*(?:-|–|—|to)\s*(\d{1,5})$/i;
const SINGLE = /^\d{1,5}$/;

/**
 * Reads what a person typed ("3-10, 15", "3 to 10 and 15") against a document of `pageCount` pages (null:
 * not known here; the service checks). Empty means every page, and so does a list of every page.
 */
export function readPageSelection(typed: string, pageCount: number | null): PageSelectionReading {
  const parts = typed
    .replace(/\band\b/gi, ',')
    .split(/[,;]+/)
    .map((part) => part.trim().replace(/^pages?\s*/i, ''))
    .filter((part) => part !== '');
  if (parts.length === 0) return { ok: true, pages: null };
  const chosen = new Set<number>();
  for (const part of parts) {
    const range = RANGE.exec(part);
    if (!range && !SINGLE.test(part)) {
      return { ok: false, message: `“${part}” is not a page number or a range of pages, such as 3-10.` };
    }
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    const [low, high] = from <= to ? [from, to] : [to, from];
    if (low < 1) return { ok: false, message: 'Pages are numbered from 1.' };
    if (high > (pageCount ?? MOST_SELECTABLE_PAGES)) {
      if (pageCount === null)
        return { ok: false, message: `There is no page ${high}: no document has more than 10,000 pages.` };
      return {
        ok: false,
        message: `The document has ${pageCountText(pageCount)}: there is no page ${high}.`,
      };
    }
    for (let page = low; page <= high; page++) chosen.add(page);
  }
  const pages = [...chosen].sort((a, b) => a - b);
  return { ok: true, pages: pageCount === null ? pages : normalisePageSelection(pages, pageCount) };
}

/** The pages in order, once each; null when they are every page of the document. */
export function normalisePageSelection(pages: readonly number[], pageCount: number): number[] | null {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  return sorted.length === pageCount ? null : sorted;
}

/** "3–10, 15": the pages as ranges, for the screen and the bundle's index. */
export function formatPageSelection(pages: readonly number[]): string {
  const ranges: [number, number][] = [];
  for (const page of pages) {
    const last = ranges[ranges.length - 1];
    if (last && page === last[1] + 1) last[1] = page;
    else ranges.push([page, page]);
  }
  return ranges.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
}

/** "pages 3–10, 15 of 40" (or "page 7 of 40"): which of the document's pages the bundle has. */
export function describePageSelection(pages: readonly number[], pageCount: number): string {
  return `${pages.length === 1 ? 'page' : 'pages'} ${formatPageSelection(pages)} of ${pageCount}`;
}

/** How many of a document's pages go into the bundle. */
export function pagesUsed(doc: { pageCount: number; keptPages: readonly number[] | null }): number {
  return doc.keptPages?.length ?? doc.pageCount;
}

/** Whether the bundle has this page of the document (a null selection keeps every page). */
export function isPageKept(kept: readonly number[] | null, page: number): boolean {
  return kept === null || kept.includes(page);
}

/**
 * Puts one page in the bundle or leaves it out, as from the preview. The last page cannot be left out:
 * a document with no pages in the bundle is a document left out, which has its own control.
 */
export function choosePage(
  kept: readonly number[] | null,
  page: number,
  pageCount: number,
  keep: boolean,
): PageSelectionReading {
  if (!Number.isInteger(page) || page < 1 || page > pageCount) {
    return { ok: false, message: `The document has ${pageCountText(pageCount)}: there is no page ${page}.` };
  }
  const chosen = new Set(kept ?? Array.from({ length: pageCount }, (_, i) => i + 1));
  if (keep) chosen.add(page);
  else chosen.delete(page);
  if (chosen.size === 0) {
    return {
      ok: false,
      message: `Page ${page} is the only page of this document in the bundle. To leave the whole document out, untick “In the bundle”.`,
    };
  }
  return { ok: true, pages: normalisePageSelection([...chosen], pageCount) };
}

export type PageNumberReading = { ok: true; page: number } | { ok: false; message: string };

/** Reads a page number typed into a "Go to page" field, against a file of `pageCount` pages. */
export function readPageNumber(typed: string, pageCount: number): PageNumberReading {
  const text = typed.trim().replace(/^(?:page|p\.?)\s*/i, '');
  if (text === '') return { ok: false, message: 'Enter the number of the page to go to.' };
  if (!/^\d{1,6}$/.test(text)) return { ok: false, message: `“${typed.trim()}” is not a page number.` };
  const page = Number(text);
  if (page < 1) return { ok: false, message: 'Pages are numbered from 1.' };
  if (page > pageCount) {
    return { ok: false, message: `The file has ${pageCountText(pageCount)}: there is no page ${page}.` };
  }
  return { ok: true, page };
}

function pageCountText(pageCount: number): string {
  return pageCount === 1 ? '1 page' : `${pageCount.toLocaleString('en-GB')} pages`;
}
