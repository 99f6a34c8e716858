/**
 * Delivery parts: a built bundle split into PDFs each under an email size limit. Parts break between
 * documents (a divider goes with the document after it; the cover and index stay in part 1), and a single
 * document too large for one part is split by pages only then. Each part is its own cover sheet ("Part 2
 * of 3 · pages 101–220 of 480", what it holds; part 1's also says which part holds each document), then the
 * bundle's pages copied unchanged, keeping their printed numbers as page labels, with a bookmark for each
 * document. Sizes are estimated from what each page draws (its content and pictures as stored), each part
 * is written and measured, and a part over the limit is laid out again with less in it.
 */
import { readFileSync } from 'node:fs';
import { PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { partCoverLine, type PartDetails, type PartDocument } from '../../../shared/bundle/delivery';
import { formatRange } from '../../../shared/bundle/format';
import type { Bookmark, BundlePlan } from '../../../shared/bundle/types';
import { PdfFile } from '../pdf/read';
import { isName, isRef, PdfStream, type PdfDict, type PdfValue } from '../pdf/read/objects';
import { LOAD_OPTIONS } from './engine';
import { embedBundleFont } from './fonts';
import { carryLayers } from './optionalContent';
import { copySomePages } from './pageCopier';
import { SheetWriter } from './sheets';
import { stampPage } from './stamp';
import { addOutline, addPageLabels } from './structure';

/** A run of bundle pages that goes into one part whole (a document and its divider, or the front pages). */
interface Unit {
  from: number;
  to: number;
  title: string;
  tab: string;
  documentId: number | null;
}

interface PartLayout {
  /** 0-based bundle pages of each part, in order. */
  parts: { from: number; to: number }[];
}

/** The bundle's units: front pages, then each document with the divider before it. */
export function unitsOf(plan: BundlePlan): Unit[] {
  const units: Unit[] = [];
  const docs = new Map(plan.documents.map((d) => [d.documentId, d]));
  let pendingDivider: number | null = null;
  plan.pages.forEach((page, i) => {
    if (page.kind === 'cover' || page.kind === 'index') {
      const last = units[units.length - 1];
      if (last && last.documentId === null && last.to === i - 1) last.to = i;
      else units.push({ from: i, to: i, title: 'Cover and index', tab: '', documentId: null });
    } else if (page.kind === 'divider') pendingDivider ??= i;
    else {
      const last = units[units.length - 1];
      if (last && last.documentId === page.documentId && last.to === i - 1) last.to = i;
      else {
        const doc = docs.get(page.documentId!);
        units.push({
          from: pendingDivider ?? i,
          to: i,
          title: doc?.title ?? 'Document',
          tab: doc?.tab ?? '',
          documentId: page.documentId ?? null,
        });
        pendingDivider = null;
      }
    }
  });
  return units;
}

/** Bytes each page of the file draws (content streams and pictures, each object counted once per file). */
export function pageSizes(path: string): number[] {
  const file = PdfFile.open({ path });
  try {
    const seen = new Set<string>();
    const sizeOf = (value: PdfValue | undefined, depth: number): number => {
      if (depth > 6) return 0;
      if (isRef(value)) {
        if (seen.has(value.key)) return 0;
        seen.add(value.key);
      }
      const resolved = file.reader.resolve(value);
      if (resolved instanceof PdfStream) {
        const own = file.reader.encodedData(resolved).length;
        const resources = file.reader.getDict(resolved, 'Resources');
        return own + (resources ? resourcesSize(resources, depth + 1) : 0);
      }
      if (Array.isArray(resolved)) return resolved.reduce((n: number, v) => n + sizeOf(v, depth + 1), 0);
      return 0;
    };
    const resourcesSize = (resources: PdfDict, depth: number): number => {
      let n = 0;
      for (const key of ['XObject', 'Font']) {
        const dict = file.reader.getDict(resources, key);
        if (!dict) continue;
        for (const v of dict.map.values()) {
          const stream = file.reader.resolve(v);
          if (key === 'Font' || (stream instanceof PdfStream && isName(file.reader.get(stream, 'Subtype'))))
            n += sizeOf(v, depth);
        }
      }
      return n;
    };
    return file.pages.map((page) => {
      seen.clear();
      return (
        300 + sizeOf(page.dict.get('Contents'), 0) + (page.resources ? resourcesSize(page.resources, 0) : 0)
      );
    });
  } finally {
    file.close();
  }
}

/**
 * Parts from page sizes: units whole while they fit `budget`, a unit larger than a part split by pages.
 * Part 1 starts with the front pages.
 */
export function layOut(units: Unit[], sizes: number[], budget: number): PartLayout {
  const parts: { from: number; to: number }[] = [];
  let current: { from: number; to: number; bytes: number } | null = null;
  const close = () => {
    if (current) parts.push({ from: current.from, to: current.to });
    current = null;
  };
  const bytes = (from: number, to: number) => sizes.slice(from, to + 1).reduce((a, b) => a + b, 0);
  for (const unit of units) {
    const size = bytes(unit.from, unit.to);
    if (current && current.bytes + size <= budget) {
      current.to = unit.to;
      current.bytes += size;
      continue;
    }
    if (size <= budget) {
      close();
      current = { from: unit.from, to: unit.to, bytes: size };
      continue;
    }
    // Too large for any part: by pages, starting in the part that is open.
    for (let page = unit.from; page <= unit.to; page++) {
      if (current && current.bytes + sizes[page] <= budget) {
        current.to = page;
        current.bytes += sizes[page];
      } else {
        close();
        current = { from: page, to: page, bytes: sizes[page] };
      }
    }
  }
  close();
  return { parts };
}

interface PartInput {
  plan: BundlePlan;
  bundlePath: string;
  fingerprint: string | null;
  caseTitle: string;
  limitBytes: number;
  part: number;
  parts: number;
  from: number;
  to: number;
  /** Which part holds each document (part 1's cover lists them). */
  documentParts: { tab: string; title: string; pages: string; part: string }[];
}

export interface RenderedPart {
  bytes: Uint8Array;
  labels: string[];
  bookmarks: Bookmark[];
  frontPages: number;
  details: PartDetails;
}

function documentsIn(plan: BundlePlan, from: number, to: number): PartDocument[] {
  const out: PartDocument[] = [];
  for (const d of plan.documents) {
    const first = Math.max(d.firstPage, from);
    const last = Math.min(d.firstPage + d.pageCount - 1, to);
    if (first > last) continue;
    out.push({
      tab: d.tab,
      title: d.title,
      pages: formatRange(plan.pages[first].label, plan.pages[last].label),
      split: first !== d.firstPage || last !== d.firstPage + d.pageCount - 1,
    });
  }
  return out;
}

function writeCover(w: SheetWriter, input: PartInput, details: PartDetails): void {
  const { plan } = input;
  w.title(`Hearing bundle, part ${input.part} of ${input.parts}`, 22);
  w.paragraph(details.coverLine, { size: 13 });
  w.paragraph(`${plan.cover.tribunal}. ${plan.cover.appealType}.`, { grey: true });
  w.rule();
  for (const row of plan.cover.rows.filter((r) =>
    /appellant|claimant|child|local authority|responsible body|tribunal reference|hearing date/i.test(
      r.label,
    ),
  ))
    w.row(row.label, row.value);
  if (input.fingerprint)
    w.row('Bundle', `${input.fingerprint} · version ${plan.version} · ${plan.pageCount} pages`);
  w.rule();
  w.heading('In this part');
  for (const d of details.documents)
    w.paragraph(
      `${d.tab ? `${d.tab}  ` : ''}${d.title}: pages ${d.pages}${d.split ? ' (the document continues in another part)' : ''}`,
      {
        size: 10,
        gap: 2,
      },
    );
  if (input.part === 1 && input.parts > 1) {
    w.heading('Which part holds each document');
    for (const d of input.documentParts)
      w.paragraph(`${d.tab ? `${d.tab}  ` : ''}${d.title}: pages ${d.pages}, part ${d.part}`, {
        size: 10,
        gap: 2,
      });
  }
  w.paragraph(
    'The pages keep the page numbers of the whole bundle. Put the parts together in order to hold the whole bundle.',
    { size: 9, grey: true },
  );
  w.finish();
}

/** One part as a PDF. */
export async function renderPart(input: PartInput, source: PDFDocument): Promise<RenderedPart> {
  const { plan } = input;
  const labelsOfBundle = plan.pages.slice(input.from, input.to + 1).map((p) => p.label);
  const details: PartDetails = {
    kind: 'part',
    part: input.part,
    parts: input.parts,
    firstLabel: labelsOfBundle[0],
    lastLabel: labelsOfBundle[labelsOfBundle.length - 1],
    bundlePages: labelsOfBundle.length,
    bundlePageCount: plan.pageCount,
    fingerprint: input.fingerprint,
    limitBytes: input.limitBytes,
    documents: documentsIn(plan, input.from, input.to),
    coverLine: partCoverLine(
      input.part,
      input.parts,
      labelsOfBundle[0],
      labelsOfBundle[labelsOfBundle.length - 1],
      plan.pageCount,
    ),
    emailSubject: '',
  };
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await embedBundleFont(doc, [input, details]);
  const sheets = new SheetWriter(doc, font);
  writeCover(sheets, input, details);
  const frontPages = sheets.pages.length;
  const labels = [
    ...sheets.pages.map((_, i) => `Part ${input.part}${frontPages > 1 ? `.${i + 1}` : ''}`),
    ...labelsOfBundle,
  ];
  sheets.pages.forEach((page, i) => stampPage(doc, page, labels[i], font));
  const indices = Array.from({ length: input.to - input.from + 1 }, (_, k) => input.from + k);
  const copied = copySomePages(doc, source, indices);
  for (const page of copied.pages) doc.addPage(page);
  carryLayers(doc, source, copied.copyOf);
  const refs: PDFRef[] = doc.getPages().map((p) => p.ref);
  const bookmarks: Bookmark[] = [
    { title: `Cover of part ${input.part}`, page: 0, children: [] },
    ...plan.documents.flatMap((d) => {
      const first = Math.max(d.firstPage, input.from);
      if (first > Math.min(d.firstPage + d.pageCount - 1, input.to)) return [];
      return [{ title: `${d.tab} ${d.title}`.trim(), page: frontPages + first - input.from, children: [] }];
    }),
  ];
  // In the part that holds the index's first page (not always the first part: parts can be small).
  const indexStart = plan.index[0]?.page;
  if (indexStart !== undefined && indexStart >= input.from && indexStart <= input.to)
    bookmarks.splice(1, 0, { title: 'Index', page: frontPages + indexStart - input.from, children: [] });
  addPageLabels(doc, labels);
  addOutline(doc, bookmarks, refs);
  doc.setTitle(`Hearing bundle part ${input.part} of ${input.parts}: ${input.caseTitle}`, {
    showInWindowTitleBar: true,
  });
  doc.setSubject(details.coverLine);
  doc.setKeywords(['delivery part', ...(input.fingerprint ? [`Bundle ${input.fingerprint}`] : [])]);
  doc.setProducer('SEND Bundle Builder (pdf-lib)');
  doc.setCreator('SEND Bundle Builder');
  const date = new Date(`${plan.compiledDate}T00:00:00Z`);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('en-GB');
  return { bytes: await doc.save(), labels, bookmarks, frontPages, details };
}

/** Loads the bundle once for copying its pages into parts. */
export function loadBundle(path: string): Promise<PDFDocument> {
  return PDFDocument.load(readFileSync(path), LOAD_OPTIONS);
}
