/** Link annotations of a page with their targets, positioned as the page is displayed (y from the bottom). */
import type { PdfFile } from '../pdf/read';

export interface PageLink {
  /** The page the link is on (1-based). */
  page: number;
  /** Vertical extent on the displayed page, points from the bottom. */
  top: number;
  bottom: number;
  /** 1-based page it opens; null when it goes nowhere. */
  target: number | null;
  /** A web address or other action rather than a page of this file. */
  external: boolean;
}

export function readLinks(file: PdfFile, pageNumber: number): PageLink[] {
  return file.links(pageNumber - 1).map((link) => ({
    page: pageNumber,
    top: link.rect.y1,
    bottom: link.rect.y0,
    target: link.target.page === null ? null : link.target.page + 1,
    external: link.target.external,
  }));
}
