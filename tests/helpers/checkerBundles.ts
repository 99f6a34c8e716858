/**
 * Bundles for the checker's tests, built by the project's own bundle engine (through the bundle service, as
 * the app does) from seeded documents, and the low-level edits that break them on purpose. Not a test file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  degrees,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  StandardFonts,
  type PDFRef,
} from '@cantoo/pdf-lib';
import type { BundleSettings } from '../../shared/bundle/settings';
import type { DocumentKind } from '../../shared/domain/documents';
import { tempServices } from './context';
import { makeTextPdf, seedDocument } from './seed';

export interface BuiltBundle {
  bytes: Uint8Array;
  pageCount: number;
  /** 1-based page of the file where each document starts, by title. */
  starts: Map<string, number>;
  /** Printed bundle number of each page (index 0 = page 1). */
  labels: string[];
  /** 1-based pages of the index. */
  indexPages: number[];
}

/** [section, title, pages or ready-made PDF bytes, kind]. */
export type DocSpec = [string, string, number | Uint8Array, DocumentKind?];

export const DEFAULT_DOCUMENTS: DocSpec[] = [
  ['A', 'Appeal form', 3, 'appeal-form'],
  ['A', 'Decision letter', 2, 'decision-letter'],
  ['A', 'Mediation certificate', 1],
  ['A', 'Registration letter and directions', 2],
  ['A', 'Local authority response', 4, 'response'],
  ['B', 'EHC plan', 6, 'ehc-plan'],
  ['B', 'Working document', 3, 'working-document'],
  ['C', 'Educational psychologist report', 5, 'expert-report'],
  ['C', 'Witness statement of the parent', 2, 'witness-statement'],
  ['D', 'Speech and language therapy report', 4, 'expert-report'],
];

export interface BundleSpec extends BundleSettings {
  documents?: DocSpec[];
  /** Issue the first build, add these documents, and build again (late inserts). */
  lateDocuments?: DocSpec[];
}

async function seedAll(t: ReturnType<typeof tempServices>, caseId: number, docs: DocSpec[]): Promise<void> {
  for (const [section, title, content, kind] of docs) {
    const bytes = typeof content === 'number' ? await makeTextPdf(title, content) : content;
    await seedDocument(t.ctx, caseId, section, bytes, { title, kind: kind ?? 'other', date: '2026-01-15' });
  }
}

/** Builds a bundle with the engine and returns its bytes with the plan's page numbers and document starts. */
export async function buildEngineBundle(spec: BundleSpec = {}): Promise<BuiltBundle> {
  const t = tempServices();
  try {
    const c = t.services.cases.create({
      title: 'Test case',
      role: 'la',
      appealType: 'contents-of-plan',
      childName: 'Sam Example',
      laName: 'Example Council',
      tribunalRef: 'EH123/26/00001',
      hearingDate: '2026-05-20',
    });
    const { documents, lateDocuments, ...rest } = spec;
    const settings: BundleSettings = {
      compiledDate: '2026-03-01',
      numbering: 'continuous',
      dividers: false,
      ...rest,
    };
    await seedAll(t, c.id, documents ?? DEFAULT_DOCUMENTS);
    let version = await t.services.bundle.build(c.id, settings);
    if (lateDocuments) {
      t.services.bundle.issue(c.id, version.version);
      await seedAll(t, c.id, lateDocuments);
    }
    const plan = t.services.bundle.plan(c.id, settings);
    if (lateDocuments) version = await t.services.bundle.build(c.id, settings);
    const bytes = new Uint8Array(readFileSync(version.path));
    return {
      bytes,
      pageCount: plan.pageCount,
      starts: new Map(plan.documents.map((d) => [d.title, d.firstPage + 1])),
      labels: plan.pages.map((p) => p.label),
      indexPages: plan.index.map((i) => i.page + 1),
    };
  } finally {
    t.dispose();
  }
}

const LOAD = { updateMetadata: false } as const;

async function edit(
  bytes: Uint8Array,
  change: (doc: PDFDocument) => void | Promise<void>,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, LOAD);
  await change(doc);
  return doc.save({ useObjectStreams: false });
}

/** Removes the bundle number from one page: the engine stamps in its own, last, content stream. */
export function removeNumber(bytes: Uint8Array, page: number): Promise<Uint8Array> {
  return edit(bytes, (doc) => {
    const node = doc.getPage(page - 1).node;
    const contents = node.Contents();
    if (!(contents instanceof PDFArray) || contents.size() < 2) throw new Error('expected the stamp stream');
    const last = contents.lookup(contents.size() - 1);
    const text = Buffer.from((last as unknown as { contents: Uint8Array }).contents).toString('latin1');
    if (!text.includes('/SBNum')) throw new Error('the last content stream is not the stamp');
    contents.remove(contents.size() - 1);
  });
}

/** Swaps two pages (1-based) in the page tree; bookmarks and links keep pointing at the same page objects. */
export function swapPages(bytes: Uint8Array, a: number, b: number): Promise<Uint8Array> {
  return edit(bytes, (doc) => {
    // Where each page sits in the page tree, whatever its shape: its node's /Kids and its place there.
    const place = (n: number) => {
      const page = doc.getPage(n - 1);
      const parent = page.node.get(PDFName.of('Parent'))!;
      const kids = page.node.Parent()!.Kids();
      return { page, parent, kids, index: kids.asArray().indexOf(page.ref) };
    };
    const [first, second] = [place(a), place(b)];
    first.kids.set(first.index, second.page.ref);
    second.kids.set(second.index, first.page.ref);
    first.page.node.set(PDFName.of('Parent'), second.parent);
    second.page.node.set(PDFName.of('Parent'), first.parent);
  });
}

/** Points the `row`-th link (0-based) on a page at another page (1-based). */
export function retargetLink(
  bytes: Uint8Array,
  onPage: number,
  row: number,
  toPage: number,
): Promise<Uint8Array> {
  return edit(bytes, (doc) => {
    const annots = doc.getPage(onPage - 1).node.Annots();
    if (!annots) throw new Error('no links on that page');
    const link = annots.lookup(row, PDFDict);
    const dest = link.lookup(PDFName.of('Dest'), PDFArray);
    dest.set(0, doc.getPage(toPage - 1).ref);
  });
}

/** Makes the `row`-th link (0-based) on a page go nowhere: a named destination the file does not have. */
export function breakLink(bytes: Uint8Array, onPage: number, row: number): Promise<Uint8Array> {
  return edit(bytes, (doc) => {
    const link = doc
      .getPage(onPage - 1)
      .node.Annots()!
      .lookup(row, PDFDict);
    link.set(PDFName.of('Dest'), PDFString.of('no-such-destination'));
  });
}

export function dropBookmarks(bytes: Uint8Array): Promise<Uint8Array> {
  return edit(bytes, (doc) => {
    doc.catalog.delete(PDFName.of('Outlines'));
    doc.catalog.delete(PDFName.of('PageMode'));
  });
}

/** Encrypts with qpdf (a user password is needed to open it); null when qpdf is not installed. */
export function encryptWithQpdf(bytes: Uint8Array): Uint8Array | null {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'checker-qpdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), bytes);
    execFileSync('qpdf', [
      '--encrypt',
      'open-sesame',
      'owner-secret',
      '256',
      '--',
      join(dir, 'in.pdf'),
      join(dir, 'out.pdf'),
    ]);
    return new Uint8Array(readFileSync(join(dir, 'out.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A document of text pages where page `landscapePage` (1-based) is A4 landscape. */
export async function textPdfWithLandscapePage(
  title: string,
  pages: number,
  landscapePage: number,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const size: [number, number] = i === landscapePage ? [841.89, 595.28] : [595.28, 841.89];
    const page = doc.addPage(size);
    page.drawText(`${title} - page ${i} of ${pages}`, { x: 60, y: page.getHeight() - 80, size: 14, font });
  }
  return doc.save();
}

/**
 * A document of text pages where page `sidewaysPage` (1-based) is a landscape table printed across an A4
 * portrait page: its lines run up the page, so it reads only with the screen (or the head) turned.
 */
export async function textPdfWithSidewaysPage(
  title: string,
  pages: number,
  sidewaysPage: number,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    if (i !== sidewaysPage) {
      page.drawText(`${title} - page ${i} of ${pages}`, { x: 60, y: 760, size: 14, font });
      continue;
    }
    for (let row = 0; row < 12; row++)
      page.drawText(`Provision ${row + 1}: weekly speech and language therapy, 30 minutes`, {
        x: 520 - row * 36,
        y: 80,
        size: 12,
        font,
        rotate: degrees(90),
      });
  }
  return doc.save();
}

/**
 * A document whose page `imagePage` is a picture only (a "scan": a drawn image, no text), and, when asked,
 * whose page `blankPage` is empty.
 */
export async function textPdfWithImagePage(
  title: string,
  pages: number,
  imagePage: number,
  blankPage?: number,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  // A small greyscale PNG, scaled to the page like a scan.
  const png = await makeGreyPng(40, 56);
  const image = await doc.embedPng(png);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    if (i === imagePage) page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
    else if (i !== blankPage)
      page.drawText(`${title} - page ${i} of ${pages}`, { x: 60, y: 760, size: 14, font });
  }
  return doc.save();
}

/** A small greyscale PNG with a gradient (so it is not a flat colour), encoded by hand. */
export async function makeGreyPng(width: number, height: number): Promise<Uint8Array> {
  const { deflateSync } = await import('node:zlib');
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 7 + y * 13) % 256;
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return crc ^ 0xffffffff;
}

export interface StampedBundleSpec {
  /** The documents, all in section A: title and pages. */
  documents: [string, number][];
  /** What goes between the section letter and the number on the pages: "/" stamps "A/1", "-" stamps "A-1". */
  separator: string;
  /** How the index prints a row's range from its first and last numbers (default "A/1 - A/4"). */
  range?: (first: string, last: string, row: number) => string;
}

export interface StampedBundle {
  bytes: Uint8Array;
  /** 1-based page of the file where each document starts. */
  starts: number[];
  /** Printed bundle number of each page (index 0 = page 1, the index: ""). */
  labels: string[];
}

/**
 * A small bundle as a tool that numbers by section might make it, with pdf-lib: an index page ("Index to
 * the hearing bundle", a range per document at the right, each row a link), then the documents, each page
 * stamped "A/1", "A/2" … at the bottom right and carrying its document's own "Page k of n" centred below
 * the text; a bookmark per document and page labels as printed.
 */
export async function sectionStampedBundle(spec: StampedBundleSpec): Promise<StampedBundle> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [width, height] = [595.28, 841.89];
  const index = doc.addPage([width, height]);
  const labels = [''];
  const starts: number[] = [];
  for (const [title, pages] of spec.documents) {
    starts.push(doc.getPageCount() + 1);
    for (let k = 1; k <= pages; k++) {
      const page = doc.addPage([width, height]);
      const label = `A${spec.separator}${doc.getPageCount() - 1}`;
      labels.push(label);
      page.drawText(title, { x: 72, y: 760, size: 14, font });
      page.drawText('The child needs weekly speech and language therapy in a small group.', {
        x: 72,
        y: 720,
        size: 11,
        font,
      });
      const own = `Page ${k} of ${pages}`;
      page.drawText(own, { x: (width - font.widthOfTextAtSize(own, 9)) / 2, y: 45, size: 9, font });
      page.drawText(label, { x: width - 40 - font.widthOfTextAtSize(label, 10), y: 20, size: 10, font });
    }
  }
  const pageRef = (p: number): PDFRef => doc.getPage(p - 1).ref;

  index.drawText('Index to the hearing bundle', { x: 72, y: 780, size: 16, font });
  index.drawText('Document', { x: 72, y: 750, size: 11, font });
  index.drawText('Pages', { x: 450, y: 750, size: 11, font });
  index.drawText('Section A: Appeal papers', { x: 72, y: 725, size: 11, font });
  const range = spec.range ?? ((first, last) => `${first} - ${last}`);
  const annots = PDFArray.withContext(doc.context);
  spec.documents.forEach(([title, pages], row) => {
    const y = 700 - row * 20;
    const start = starts[row];
    index.drawText(title, { x: 72, y, size: 11, font });
    index.drawText(range(labels[start - 1], labels[start + pages - 2], row), { x: 450, y, size: 11, font });
    const dest = doc.context.obj([pageRef(start), PDFName.of('Fit')]);
    annots.push(
      doc.context.register(
        doc.context.obj({
          Type: 'Annot',
          Subtype: 'Link',
          Rect: [66, y - 4, 540, y + 12],
          Border: [0, 0, 0],
          Dest: dest,
        }),
      ),
    );
  });
  index.node.set(PDFName.of('Annots'), annots);

  // A bookmark per document.
  const root = doc.context.nextRef();
  const items = spec.documents.map(() => doc.context.nextRef());
  spec.documents.forEach(([title], i) => {
    doc.context.assign(
      items[i],
      doc.context.obj({
        Title: PDFHexString.fromText(title),
        Parent: root,
        Dest: [pageRef(starts[i]), PDFName.of('Fit')],
        ...(i > 0 ? { Prev: items[i - 1] } : {}),
        ...(i < items.length - 1 ? { Next: items[i + 1] } : {}),
      }),
    );
  });
  doc.context.assign(
    root,
    doc.context.obj({
      Type: 'Outlines',
      First: items[0],
      Last: items[items.length - 1],
      Count: PDFNumber.of(items.length),
    }),
  );
  doc.catalog.set(PDFName.of('Outlines'), root);
  const nums = doc.context.obj([
    0,
    { P: PDFHexString.fromText('Index') },
    1,
    { S: PDFName.of('D'), P: PDFHexString.fromText(`A${spec.separator}`) },
  ]);
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }));
  doc.setTitle('Hearing bundle: Test case');
  return { bytes: await doc.save({ useObjectStreams: false }), starts, labels };
}
