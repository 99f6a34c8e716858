/**
 * Where a reader goes from a bookmark or a link: destinations (explicit, or named through the /Dests name
 * tree or the older /Dests dictionary), GoTo actions, and actions that leave the file (web addresses, other
 * files). The outline (bookmarks) and each page's link annotations, with their targets resolved to pages.
 */
import type { PdfReader } from './document';
import {
  isDict,
  isInteger,
  isName,
  isNumber,
  isRef,
  PdfName,
  PdfString,
  type PdfDict,
  type PdfValue,
} from './objects';
import { pageIndexByRef, toDisplayed, type PdfPage } from './pages';
import { readNameTree } from './trees';

export interface Target {
  /** 0-based page the item opens, or null when it goes nowhere (a missing name, a bad reference). */
  page: number | null;
  /** An action that leaves the file (a web address, another file, a script) instead of a page. */
  external: boolean;
}

const MAX_NAMED_CHAIN = 8;

export class Destinations {
  private named: Map<string, PdfValue> | null = null;
  private readonly byRef: Map<string, number>;

  constructor(
    private readonly reader: PdfReader,
    private readonly pages: PdfPage[],
  ) {
    this.byRef = pageIndexByRef(pages);
  }

  private lookupName(name: string): PdfValue | undefined {
    if (!this.named) {
      const catalog = this.reader.catalog;
      const names = this.reader.getDict(catalog, 'Names');
      this.named = readNameTree(this.reader, names?.get('Dests'));
      // The older form: a dictionary of names in the catalog.
      const old = this.reader.getDict(catalog, 'Dests');
      if (old) for (const [key, value] of old.map) if (!this.named.has(key)) this.named.set(key, value);
    }
    return this.named.get(name);
  }

  /** The 0-based page a destination opens, or null. */
  page(dest: PdfValue | undefined, depth = 0): number | null {
    const value = this.reader.resolve(dest);
    if (value instanceof PdfString || value instanceof PdfName) {
      if (depth >= MAX_NAMED_CHAIN) return null;
      const key = value instanceof PdfString ? Buffer.from(value.bytes).toString('latin1') : value.name;
      const found = this.reader.resolve(this.lookupName(key));
      // A named destination is an array, or a dictionary whose /D is one.
      return this.page(isDict(found) ? found.get('D') : found, depth + 1);
    }
    if (!Array.isArray(value) || value.length === 0) return null;
    const first = value[0];
    if (isRef(first)) return this.byRef.get(first.key) ?? null;
    // Some writers give the page as its 0-based index.
    if (isInteger(first)) return first < this.pages.length ? first : null;
    return null;
  }

  /** Where an outline item or link annotation goes: its /Dest, else its action. */
  target(dict: PdfDict): Target {
    const dest = dict.get('Dest');
    if (dest !== undefined) return { page: this.page(dest), external: false };
    const action = this.reader.resolve(dict.get('A'));
    if (!isDict(action)) return { page: null, external: false };
    const kind = this.reader.get(action, 'S');
    if (isName(kind, 'GoTo')) return { page: this.page(action.get('D')), external: false };
    // URI, GoToR, Launch, JavaScript, Named (next page...) and the rest: not a page of this file.
    return { page: null, external: isName(kind) };
  }
}

export interface OutlineItem {
  title: string;
  target: Target;
  children: OutlineItem[];
}

const MAX_OUTLINE_ITEMS = 100_000;
const MAX_OUTLINE_DEPTH = 64;

/** The bookmarks, as a tree in reading order; an empty array when there are none. */
export function readOutline(reader: PdfReader, destinations: Destinations): OutlineItem[] {
  const root = reader.getDict(reader.catalog, 'Outlines');
  if (!root) return [];
  const seen = new Set<string>();
  let count = 0;
  const level = (first: PdfValue | undefined, depth: number): OutlineItem[] => {
    const items: OutlineItem[] = [];
    let current = first;
    while (isRef(current) && count < MAX_OUTLINE_ITEMS) {
      if (seen.has(current.key)) break;
      seen.add(current.key);
      const dict = reader.resolve(current);
      if (!isDict(dict)) break;
      count++;
      const title = reader.get(dict, 'Title');
      items.push({
        title: title instanceof PdfString ? title.text : '',
        target: destinations.target(dict),
        children: depth < MAX_OUTLINE_DEPTH ? level(dict.get('First'), depth + 1) : [],
      });
      current = dict.get('Next');
    }
    return items;
  };
  return level(root.get('First'), 0);
}

export interface LinkAnnotation {
  /** 0-based page the link is on. */
  page: number;
  /** The link's rectangle on the page as displayed: x from the left, y from the bottom, points. */
  rect: { x0: number; y0: number; x1: number; y1: number };
  target: Target;
}

const HIDDEN = 2;
const NO_VIEW = 32;

/** The link annotations of a page a reader shows, with where each goes. */
export function readLinks(reader: PdfReader, page: PdfPage, destinations: Destinations): LinkAnnotation[] {
  const annots = reader.get(page.dict, 'Annots');
  if (!Array.isArray(annots)) return [];
  const links: LinkAnnotation[] = [];
  for (const value of annots) {
    const annot = reader.resolve(value);
    if (!isDict(annot) || !isName(reader.get(annot, 'Subtype'), 'Link')) continue;
    const flags = reader.getNumber(annot, 'F') ?? 0;
    if (flags & (HIDDEN | NO_VIEW)) continue;
    const rect = reader.get(annot, 'Rect');
    if (!Array.isArray(rect) || rect.length !== 4) continue;
    const r = rect.map((v) => reader.resolve(v));
    if (!r.every(isNumber)) continue;
    const [ax, ay] = toDisplayed(page, r[0], r[1]);
    const [bx, by] = toDisplayed(page, r[2], r[3]);
    links.push({
      page: page.index,
      rect: { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) },
      target: destinations.target(annot),
    });
  }
  return links;
}
