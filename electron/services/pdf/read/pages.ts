/**
 * The page tree: every page in order with what it inherits (resources, media box, crop box, rotation),
 * and the page as a reader displays it (crop box within the media box, turned by /Rotate).
 */
import type { PdfReader } from './document';
import { isDict, isName, isNumber, isRef, type PdfDict, type PdfRef, type PdfValue } from './objects';

type Box = [number, number, number, number];

export interface PdfPage {
  /** 0-based. */
  index: number;
  ref: PdfRef | null;
  dict: PdfDict;
  resources: PdfDict | null;
  mediaBox: Box;
  /** What a reader shows: the crop box clipped to the media box (pdf.js's "view"). */
  view: Box;
  /** 0, 90, 180 or 270. */
  rotate: number;
  /** The displayed size, rotation applied, in points. */
  width: number;
  height: number;
}

const LETTER: Box = [0, 0, 612, 792];
const MAX_DEPTH = 64;
const MAX_PAGES = 200_000;

function box(reader: PdfReader, value: PdfValue | undefined): Box | null {
  const v = reader.resolve(value);
  if (!Array.isArray(v) || v.length !== 4) return null;
  const n = v.map((x) => reader.resolve(x));
  if (!n.every(isNumber)) return null;
  const [a, b, c, d] = n;
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

function normaliseRotation(value: PdfValue | undefined): number {
  if (!isNumber(value) || value % 90 !== 0) return 0;
  return ((value % 360) + 360) % 360;
}

/** Every page of the document, in order. Loops and absurd depths in the tree are cut off, not followed. */
export function readPages(reader: PdfReader): PdfPage[] {
  const pages: PdfPage[] = [];
  const catalog = reader.catalog;
  const rootValue = catalog?.get('Pages');
  const seen = new Set<string>();
  interface Inherited {
    resources: PdfDict | null;
    mediaBox: Box | null;
    cropBox: Box | null;
    rotate: number;
  }
  const visit = (value: PdfValue | undefined, inherited: Inherited, depth: number) => {
    if (pages.length >= MAX_PAGES || depth > MAX_DEPTH) return;
    const ref = isRef(value) ? value : null;
    if (ref) {
      if (seen.has(ref.key)) return;
      seen.add(ref.key);
    }
    const node = reader.resolve(value);
    if (!isDict(node)) return;
    const own: Inherited = {
      resources: reader.getDict(node, 'Resources') ?? inherited.resources,
      mediaBox: box(reader, node.get('MediaBox')) ?? inherited.mediaBox,
      cropBox: box(reader, node.get('CropBox')) ?? inherited.cropBox,
      rotate: node.has('Rotate') ? normaliseRotation(reader.get(node, 'Rotate')) : inherited.rotate,
    };
    const kids = reader.get(node, 'Kids');
    const type = reader.get(node, 'Type');
    if (Array.isArray(kids) && !isName(type, 'Page')) {
      for (const kid of kids) visit(kid, own, depth + 1);
      return;
    }
    if (isName(type, 'Pages')) return; // An empty branch.
    const media = own.mediaBox ?? LETTER;
    const crop = own.cropBox ?? media;
    let view: Box = [
      Math.max(media[0], crop[0]),
      Math.max(media[1], crop[1]),
      Math.min(media[2], crop[2]),
      Math.min(media[3], crop[3]),
    ];
    if (view[2] <= view[0] || view[3] <= view[1]) view = media;
    const w = view[2] - view[0];
    const h = view[3] - view[1];
    const turned = own.rotate % 180 !== 0;
    pages.push({
      index: pages.length,
      ref,
      dict: node,
      resources: own.resources,
      mediaBox: media,
      view,
      rotate: own.rotate,
      width: turned ? h : w,
      height: turned ? w : h,
    });
  };
  visit(rootValue, { resources: null, mediaBox: null, cropBox: null, rotate: 0 }, 0);
  return pages;
}

/**
 * Maps a point of the page's user space to the page as displayed: origin at the displayed bottom-left
 * corner, x to the reader's right, y up (as PDF coordinates are, but after the crop and the turn).
 */
export function toDisplayed(page: PdfPage, x: number, y: number): [number, number] {
  const [x0, y0, x1, y1] = page.view;
  switch (page.rotate) {
    case 90:
      return [y - y0, x1 - x];
    case 180:
      return [x1 - x, y1 - y];
    case 270:
      return [y1 - y, x - x0];
    default:
      return [x - x0, y - y0];
  }
}

/** Page index by page object, for destinations that name a page by reference. */
export function pageIndexByRef(pages: PdfPage[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const page of pages) if (page.ref && !map.has(page.ref.key)) map.set(page.ref.key, page.index);
  return map;
}

/**
 * The pages (1-based) of `pages` for which `test` holds, checking `signal` between pages; a page `test`
 * cannot read (damaged objects: said to be damaged in other ways) is passed over.
 */
export function pagesWhere(
  pages: readonly PdfPage[],
  test: (page: PdfPage) => boolean,
  signal?: AbortSignal,
): number[] {
  const found: number[] = [];
  for (const page of pages) {
    signal?.throwIfAborted();
    try {
      if (test(page)) found.push(page.index + 1);
    } catch {
      // Passed over.
    }
  }
  return found;
}
