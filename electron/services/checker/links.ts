/** Link annotations of a page with their targets, positioned as the page is displayed (y from the bottom). */
import type { PdfjsDocument } from '../pdf/pdfjs';
import type { DestinationResolver, Destination } from './destinations';

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

interface PdfjsAnnotation {
  subtype?: string;
  rect?: number[];
  dest?: Destination;
  url?: string;
  unsafeUrl?: string;
  action?: string;
}

export async function readLinks(
  doc: PdfjsDocument,
  pageNumber: number,
  resolver: DestinationResolver,
): Promise<PageLink[]> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const annotations = (await page.getAnnotations({ intent: 'display' })) as PdfjsAnnotation[];
    const links: PageLink[] = [];
    for (const a of annotations) {
      if (a.subtype !== 'Link' || !a.rect || a.rect.length !== 4) continue;
      const [, y1, , y2] = viewport.convertToViewportRectangle(a.rect) as number[];
      const external = !a.dest && Boolean(a.url || a.unsafeUrl || a.action);
      links.push({
        page: pageNumber,
        top: viewport.height - Math.min(y1, y2),
        bottom: viewport.height - Math.max(y1, y2),
        target: a.dest ? await resolver.page(a.dest) : null,
        external,
      });
    }
    return links;
  } finally {
    page.cleanup();
  }
}
