/**
 * The navigation structure of the bundle: PDF page labels equal to the stamped numbers (so "go to page
 * B12" works in any reader), the outline (a bookmark per section and per document), the index rows' links,
 * the document information, and the viewer settings the electronic bundle guidance asks for.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { parseLabel, parseRoman, toRoman } from '../../../shared/bundle/format';
import type { Bookmark, BundlePlan, IndexPage } from '../../../shared/bundle/types';
import { bundleDestination } from './sourceDestinations';
import type { SourceBookmark } from './sourceOutline';
import type { PreparedDocument } from './sourcePages';
import { A4, INDEX } from '../../../shared/bundle/indexLayout';

/** A range of the /PageLabels number tree: from `start`, style (D decimal, r roman) with prefix. */
interface LabelRange {
  start: number;
  prefix: string;
  style?: 'D' | 'r';
  first?: number;
}

/** Compresses page labels into as few ranges as reproduce them exactly. */
function labelRanges(labels: string[]): LabelRange[] {
  const ranges: LabelRange[] = [];
  const expect = (r: LabelRange, i: number): string | null => {
    if (!r.style) return null;
    const k = (r.first ?? 1) + (i - r.start);
    return r.style === 'r' ? toRoman(k) : `${r.prefix}${k}`;
  };
  labels.forEach((label, i) => {
    const last = ranges[ranges.length - 1];
    if (last && expect(last, i) === label) return;
    const roman = parseRoman(label);
    if (roman !== null) {
      ranges.push({ start: i, prefix: '', style: 'r', first: roman });
      return;
    }
    const parsed = parseLabel(label);
    if (
      parsed &&
      parsed.suffix === '' &&
      parsed.number > 0 &&
      String(parsed.number) === label.slice(parsed.prefix.length)
    ) {
      ranges.push({ start: i, prefix: parsed.prefix, style: 'D', first: parsed.number });
      return;
    }
    // Anything else (late inserts such as 12a, divider pages) is a one-page range made of its prefix alone.
    ranges.push({ start: i, prefix: label });
  });
  return ranges;
}

export function addPageLabels(doc: PDFDocument, labels: string[]): void {
  const { context } = doc;
  const nums = PDFArray.withContext(context);
  for (const r of labelRanges(labels)) {
    const dict = PDFDict.withContext(context);
    if (r.style) dict.set(PDFName.of('S'), PDFName.of(r.style));
    if (r.prefix) dict.set(PDFName.of('P'), PDFHexString.fromText(r.prefix));
    if (r.style && r.first !== undefined && r.first !== 1) dict.set(PDFName.of('St'), PDFNumber.of(r.first));
    nums.push(PDFNumber.of(r.start));
    nums.push(dict);
  }
  doc.catalog.set(PDFName.of('PageLabels'), context.register(context.obj({ Nums: nums })));
}

/** A destination showing the top of a page at the reader's current zoom. */
function destination(doc: PDFDocument, pageRef: PDFRef): PDFArray {
  return doc.context.obj([pageRef, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]);
}

/** A bookmark as written: the plan's, or one of a document's own (with its own destination). */
export interface OutlineItem {
  title: string;
  /** 0-based bundle page. */
  page: number;
  children: OutlineItem[];
  /** A destination other than the top of `page` (a document's own bookmark: a point on the page). */
  destination?: (pageRef: PDFRef) => PDFArray;
  /** Shown closed: its children (a document's own bookmarks) appear when the reader opens it. */
  closed?: boolean;
}

/**
 * The plan's bookmarks with each document's own bookmarks under the document's entry (closed, so the
 * panel still lists every document at a glance), their targets moved to the document's bundle pages.
 */
export function withSourceBookmarks(
  doc: PDFDocument,
  bookmarks: Bookmark[],
  sources: Map<number, PreparedDocument>,
): OutlineItem[] {
  const convert = (items: SourceBookmark[], first: number, prepared: PreparedDocument): OutlineItem[] =>
    items.map((item) => ({
      title: item.title,
      page: first + item.target.page,
      children: convert(item.children, first, prepared),
      destination: (ref: PDFRef) =>
        bundleDestination(doc.context, item.target, ref, prepared.pages[item.target.page].matrix),
      closed: item.children.length > 0,
    }));
  return bookmarks.map((section) => ({
    ...section,
    children: section.children.map((entry) => {
      const prepared = sources.get(entry.page);
      if (!prepared) return { ...entry, children: [] };
      return { ...entry, children: convert(prepared.bookmarks, entry.page, prepared), closed: true };
    }),
  }));
}

export function addOutline(doc: PDFDocument, bookmarks: OutlineItem[], pageRefs: PDFRef[]): void {
  const { context } = doc;
  const outlinesRef = context.nextRef();

  // Returns [first, last, count of the descendants a reader shows open] after writing the items under `parentRef`.
  const writeLevel = (items: OutlineItem[], parentRef: PDFRef): [PDFRef, PDFRef, number] => {
    const refs = items.map(() => context.nextRef());
    let total = 0;
    items.forEach((item, i) => {
      const dict = context.obj({});
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parentRef);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]);
      const pageRef = pageRefs[item.page];
      dict.set(PDFName.of('Dest'), item.destination ? item.destination(pageRef) : destination(doc, pageRef));
      if (item.children.length) {
        const [first, last, count] = writeLevel(item.children, refs[i]);
        dict.set(PDFName.of('First'), first);
        dict.set(PDFName.of('Last'), last);
        // Positive: open (sections, so every document is visible in the bookmarks panel); negative: closed.
        dict.set(PDFName.of('Count'), PDFNumber.of(item.closed ? -count : count));
        if (!item.closed) total += count;
      }
      context.assign(refs[i], dict);
      total += 1;
    });
    return [refs[0], refs[refs.length - 1], total];
  };

  const [first, last, count] = writeLevel(bookmarks, outlinesRef);
  context.assign(
    outlinesRef,
    context.obj({ Type: 'Outlines', First: first, Last: last, Count: PDFNumber.of(count) }),
  );
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
}

/** Rectangle of an index row in PDF coordinates (bottom-left origin). */
function indexRowRect(top: number, height: number): [number, number, number, number] {
  const x0 = INDEX.columns.tab.x - 2;
  const x1 = INDEX.columns.pages.x + INDEX.columns.pages.width + 2;
  return [x0, A4[1] - top - height, x1, A4[1] - top];
}

export function addIndexLinks(
  doc: PDFDocument,
  index: IndexPage[],
  pageRefs: PDFRef[],
  pages: Map<number, PDFPage>,
): void {
  const { context } = doc;
  for (const indexPage of index) {
    const page = pages.get(indexPage.page)!;
    for (const row of indexPage.rows) {
      const annot = context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: indexRowRect(row.top, row.height),
        Border: [0, 0, 0],
        F: 4,
        Dest: destination(doc, pageRefs[row.target]),
      });
      page.node.addAnnot(context.register(annot));
    }
  }
}

/** Document information, viewer settings and a file identifier derived from the plan (not random). */
export function setDocumentInfo(doc: PDFDocument, plan: BundlePlan, fileId: string, firstPage: PDFRef): void {
  const date = new Date(`${plan.compiledDate}T00:00:00Z`);
  doc.setTitle(plan.metadata.title, { showInWindowTitleBar: true });
  doc.setSubject(plan.metadata.subject);
  doc.setKeywords(plan.metadata.keywords);
  doc.setProducer('SEND Bundle Builder (pdf-lib)');
  doc.setCreator('SEND Bundle Builder');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('en-GB');
  const { context, catalog } = doc;
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  // Open at the cover, 100% zoom (electronic bundle guidance: default view 100%).
  catalog.set(
    PDFName.of('OpenAction'),
    context.obj([firstPage, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNumber.of(1)]),
  );
  const id = PDFHexString.of(fileId);
  context.trailerInfo.ID = context.obj([id, id]);
}
