/**
 * Where bookmarks and links go: pdf.js gives a destination as a name or an explicit array whose first item
 * is a page reference (or, in some files, a page index). Resolved to 1-based pages, cached per reference.
 */
import type { PdfjsDocument } from '../pdf/pdfjs';

export type Destination = string | unknown[] | null | undefined;

export class DestinationResolver {
  private readonly cache = new Map<string, Promise<number | null>>();

  constructor(private readonly doc: PdfjsDocument) {}

  /** The 1-based page a destination opens, or null when it goes nowhere (missing name, bad reference). */
  async page(dest: Destination): Promise<number | null> {
    try {
      let explicit: unknown = dest;
      if (typeof dest === 'string') explicit = await this.doc.getDestination(dest);
      if (!Array.isArray(explicit) || explicit.length === 0) return null;
      const target = explicit[0];
      if (typeof target === 'number') {
        return Number.isInteger(target) && target >= 0 && target < this.doc.numPages ? target + 1 : null;
      }
      if (target && typeof target === 'object' && 'num' in target && 'gen' in target) {
        const ref = target as { num: number; gen: number };
        const key = `${ref.num}R${ref.gen}`;
        let found = this.cache.get(key);
        if (!found) {
          found = this.doc.getPageIndex(ref).then(
            (index) => index + 1,
            () => null,
          );
          this.cache.set(key, found);
        }
        return await found;
      }
      return null;
    } catch {
      return null;
    }
  }
}

export interface BookmarkNode {
  title: string;
  /** 1-based page it opens, or null when it goes nowhere. */
  page: number | null;
  /** External link or other action instead of a page. */
  external: boolean;
  depth: number;
  children: BookmarkNode[];
}

interface PdfjsOutlineItem {
  title: string;
  dest: Destination;
  url?: string | null;
  unsafeUrl?: string;
  action?: string | null;
  items: PdfjsOutlineItem[];
}

/** The bookmark tree with every target resolved; an empty array when the file has no bookmarks. */
export async function readBookmarks(
  doc: PdfjsDocument,
  resolver: DestinationResolver,
): Promise<BookmarkNode[]> {
  const outline = (await doc.getOutline().catch(() => null)) as PdfjsOutlineItem[] | null;
  if (!outline) return [];
  const convert = async (items: PdfjsOutlineItem[], depth: number): Promise<BookmarkNode[]> => {
    const out: BookmarkNode[] = [];
    for (const item of items) {
      const external = !item.dest && Boolean(item.url || item.unsafeUrl || item.action);
      out.push({
        title: (item.title ?? '').replace(/\s+/g, ' ').trim(),
        page: item.dest ? await resolver.page(item.dest) : null,
        external,
        depth,
        children: depth < 8 ? await convert(item.items ?? [], depth + 1) : [],
      });
    }
    return out;
  };
  return convert(outline, 0);
}

/** Bookmarks in reading order (parent before its children). */
export function flattenBookmarks(nodes: BookmarkNode[]): BookmarkNode[] {
  const out: BookmarkNode[] = [];
  const walk = (list: BookmarkNode[]) => {
    for (const node of list) {
      out.push(node);
      walk(node.children);
    }
  };
  walk(nodes);
  return out;
}
