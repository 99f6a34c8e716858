/** The bookmark tree as the checker works with it: 1-based target pages, titles with white space tidied. */
import type { OutlineItem, PdfFile } from '../pdf/read';

export interface BookmarkNode {
  title: string;
  /** 1-based page it opens, or null when it goes nowhere. */
  page: number | null;
  /** External link or other action instead of a page. */
  external: boolean;
  depth: number;
  children: BookmarkNode[];
}

/** Levels of bookmarks read (deeper ones are not what a bundle's navigation is made of). */
const MAX_DEPTH = 8;

/** The bookmark tree with every target resolved; an empty array when the file has no bookmarks. */
export function readBookmarks(file: PdfFile): BookmarkNode[] {
  let outline: OutlineItem[];
  try {
    outline = file.outline();
  } catch {
    return [];
  }
  const convert = (items: OutlineItem[], depth: number): BookmarkNode[] =>
    items.map((item) => ({
      title: item.title.replace(/\s+/g, ' ').trim(),
      page: item.target.page === null ? null : item.target.page + 1,
      external: item.target.external,
      depth,
      children: depth < MAX_DEPTH ? convert(item.children, depth + 1) : [],
    }));
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
