/**
 * Where a link or bookmark in a source document goes, found in the source before its pages are copied
 * (explicit destinations, named ones through /Dests or the /Names tree, GoTo actions), and written again in
 * the bundle once the pages have their bundle places. A destination's page is held as an index, never as
 * the source's page object, so copying never drags a second, orphan copy of a page into the bundle.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { applyMatrix, type Matrix } from './pageBoxes';

/** A place in a source document: a page (0-based) and, when the source said so, a point on it. */
export interface SourceTarget {
  page: number;
  /** Where the reader scrolls to, in the page's own coordinates; null: keep the reader's position. */
  left: number | null;
  top: number | null;
  /** The whole page in the window (Fit, FitB), rather than a point. */
  fit: boolean;
}

const MAX_NAME_TREE_DEPTH = 32;

function lookup(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  try {
    return value instanceof PDFRef ? context.lookup(value) : value;
  } catch {
    return undefined;
  }
}

export function lookupDict(context: PDFContext, value: PDFObject | undefined): PDFDict | undefined {
  const found = lookup(context, value);
  return found instanceof PDFDict ? found : undefined;
}

function lookupArray(context: PDFContext, value: PDFObject | undefined): PDFArray | undefined {
  const found = lookup(context, value);
  return found instanceof PDFArray ? found : undefined;
}

function textOf(value: PDFObject | undefined): string | null {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  if (value instanceof PDFName) return value.decodeText();
  return null;
}

function numberOf(context: PDFContext, value: PDFObject | undefined): number | null {
  const found = lookup(context, value);
  return found instanceof PDFNumber && Number.isFinite(found.asNumber()) ? found.asNumber() : null;
}

/** Looks `key` up in a name tree (ISO 32000-1, 7.9.6), following /Kids with /Limits, without loops. */
function nameTreeLookup(context: PDFContext, root: PDFDict | undefined, key: string): PDFObject | undefined {
  const seen = new Set<PDFDict>();
  const visit = (node: PDFDict | undefined, depth: number): PDFObject | undefined => {
    if (!node || seen.has(node) || depth > MAX_NAME_TREE_DEPTH) return undefined;
    seen.add(node);
    const names = lookupArray(context, node.get(PDFName.of('Names')));
    if (names) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        if (textOf(lookup(context, names.get(i))) === key) return names.get(i + 1);
      }
    }
    const kids = lookupArray(context, node.get(PDFName.of('Kids')));
    if (!kids) return undefined;
    for (let i = 0; i < kids.size(); i++) {
      const kid = lookupDict(context, kids.get(i));
      if (!kid) continue;
      const limits = lookupArray(context, kid.get(PDFName.of('Limits')));
      if (limits && limits.size() === 2) {
        const low = textOf(lookup(context, limits.get(0)));
        const high = textOf(lookup(context, limits.get(1)));
        if (low !== null && high !== null && (key < low || key > high)) continue;
      }
      const found = visit(kid, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(root, 0);
}

/**
 * Reads a source document's destinations, by page object and by name. With `kept` (0-based pages of the
 * source, in order: the bundle has only those), a target is the page's place among them, and a
 * destination on any other page goes nowhere.
 */
export class SourceDestinations {
  private readonly context: PDFContext;
  private readonly pageIndex = new Map<PDFObject, number>();
  /** Place among the bundle's pages of each source page number (0-based) that has one. */
  private readonly placeOfPage = new Map<number, number>();

  constructor(
    private readonly source: PDFDocument,
    kept?: readonly number[],
  ) {
    this.context = source.context;
    const pages = source.getPages();
    (kept ?? pages.map((_, i) => i)).forEach((sourcePage, place) => {
      const page = pages[sourcePage];
      if (!page) return;
      this.placeOfPage.set(sourcePage, place);
      this.pageIndex.set(page.ref, place);
      this.pageIndex.set(page.node, place);
    });
  }

  /** The explicit destination array a destination value stands for (names looked up), or undefined. */
  private explicit(value: PDFObject | undefined, depth = 0): PDFArray | undefined {
    const found = lookup(this.context, value);
    if (found instanceof PDFArray) return found;
    if (depth > 2) return undefined;
    if (found instanceof PDFDict) return this.explicit(found.get(PDFName.of('D')), depth + 1);
    const name = textOf(found);
    if (name === null) return undefined;
    const catalog = this.source.catalog;
    let target: PDFObject | undefined;
    if (found instanceof PDFName) {
      target = lookupDict(this.context, catalog.get(PDFName.of('Dests')))?.get(PDFName.of(name));
    }
    if (target === undefined) {
      const names = lookupDict(this.context, catalog.get(PDFName.of('Names')));
      target = nameTreeLookup(this.context, lookupDict(this.context, names?.get(PDFName.of('Dests'))), name);
    }
    if (target === undefined && !(found instanceof PDFName)) {
      target = lookupDict(this.context, catalog.get(PDFName.of('Dests')))?.get(PDFName.of(name));
    }
    return target === undefined ? undefined : this.explicit(target, depth + 1);
  }

  /** Where a destination (array, name, string or a dictionary with /D) goes in this document. */
  target(value: PDFObject | undefined): SourceTarget | null {
    const array = this.explicit(value);
    if (!array || array.size() < 1) return null;
    const first = array.get(0);
    let page = this.pageIndex.get(first);
    if (page === undefined) {
      const resolved = lookup(this.context, first);
      if (resolved !== undefined) page = this.pageIndex.get(resolved);
    }
    // Some writers put a page number where a page object belongs.
    if (page === undefined && first instanceof PDFNumber) page = this.placeOfPage.get(first.asNumber());
    if (page === undefined) return null;
    const kind = lookup(this.context, array.get(1));
    const kindName = kind instanceof PDFName ? kind.decodeText() : 'XYZ';
    const num = (i: number) => (i < array.size() ? numberOf(this.context, array.get(i)) : null);
    switch (kindName) {
      case 'XYZ':
        return { page, left: num(2), top: num(3), fit: false };
      case 'FitH':
      case 'FitBH':
        return { page, left: null, top: num(2), fit: false };
      case 'FitV':
      case 'FitBV':
        return { page, left: num(2), top: null, fit: false };
      case 'FitR':
        return { page, left: num(2), top: num(5), fit: false };
      default:
        return { page, left: null, top: null, fit: true };
    }
  }

  /** The destination of a GoTo action (or null for any other action). */
  actionTarget(action: PDFDict): SourceTarget | null {
    const kind = lookup(this.context, action.get(PDFName.of('S')));
    if (!(kind instanceof PDFName) || kind.decodeText() !== 'GoTo') return null;
    return this.target(action.get(PDFName.of('D')));
  }
}

/**
 * A destination array in the bundle for a target whose page is now `pageRef`, its point moved by the
 * page's placement matrix (a page scaled onto A4 keeps its links pointing at the same words).
 */
export function bundleDestination(
  context: PDFContext,
  target: SourceTarget,
  pageRef: PDFRef,
  matrix: Matrix,
): PDFArray {
  if (target.fit) return context.obj([pageRef, PDFName.of('Fit')]);
  let left: number | null = target.left;
  let top: number | null = target.top;
  if (left !== null || top !== null) {
    const [x, y] = applyMatrix(matrix, left ?? 0, top ?? 0);
    left = target.left === null ? null : round(x);
    top = target.top === null ? null : round(y);
  }
  return context.obj([
    pageRef,
    PDFName.of('XYZ'),
    left === null ? PDFNull : PDFNumber.of(left),
    top === null ? PDFNull : PDFNumber.of(top),
    PDFNull,
  ]);
}

const round = (n: number) => Math.round(n * 100) / 100;
