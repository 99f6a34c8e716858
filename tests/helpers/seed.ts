import {
  PDFDocument,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  PDFString,
  StandardFonts,
  degrees,
  rgb,
} from '@cantoo/pdf-lib';
import type { ServiceContext } from '../../electron/services/context';
import { getDocument, nextPosition } from '../../electron/services/documents/records';
import type { DocumentKind, DocumentRecord } from '../../shared/domain/documents';

/** A simple text PDF: `pages` pages of A4 (or the given size), each saying its title and page number. */
export async function makeTextPdf(
  title: string,
  pages: number,
  options: { size?: [number, number]; rotate?: number } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage(options.size ?? [595.28, 841.89]);
    page.drawText(`${title} - page ${i} of ${pages}`, { x: 60, y: page.getHeight() - 80, size: 14, font });
    if (options.rotate) page.setRotation(degrees(options.rotate));
  }
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  return doc.save();
}

/**
 * A PDF "redacted" in an editor: `hidden` drawn on its last page with a black box painted over it, so the
 * words are still in the file (pdf/read/coveredText.ts). `shown`: words on that page above the box;
 * `pagesBefore`: pages of text before it.
 */
export async function makeRedactedPdf(
  hidden: string,
  options: { shown?: string; pagesBefore?: string[] } = {},
): Promise<Uint8Array> {
  const { doc, page } = await reportEndingWith(hidden, options);
  page.drawRectangle({ x: 45, y: 690, width: 260, height: 24, color: rgb(0, 0, 0) });
  return doc.save();
}

/**
 * A PDF whose last page was cropped (as a PDF editor's Crop tool crops, its crop box moved) so that
 * `hidden`, at y 700, is out of view: only the top of the page, with `shown` (if given) at y 740, shows.
 */
export async function makeCroppedPdf(
  hidden: string,
  options: { shown?: string; pagesBefore?: string[] } = {},
): Promise<Uint8Array> {
  const { doc, page } = await reportEndingWith(hidden, options);
  const { width, height } = page.getSize();
  page.setCropBox(0, 720, width, height - 720);
  return doc.save();
}

/**
 * A one-page PDF showing `shown` (at y 740) and drawing `hidden` (at y 700) in a layer the file hides when
 * it opens (optional content, as a designer's or a form tool's layers; turned on in a reader's layers panel).
 */
export async function makeLayeredPdf(hidden: string, shown: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  page.drawText(shown, { x: 50, y: 740, font, size: 12 });
  const ctx = doc.context;
  const layer = ctx.register(ctx.obj({ Type: 'OCG', Name: PDFString.of('Private') }));
  doc.catalog.set(PDFName.of('OCProperties'), ctx.obj({ OCGs: [layer], D: { OFF: [layer] } }));
  page.node.Resources()!.set(PDFName.of('Properties'), ctx.obj({ Private: layer }));
  page.pushOperators(
    PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('OC'), PDFName.of('Private')]),
  );
  page.drawText(hidden, { x: 50, y: 700, font, size: 12 });
  page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  return doc.save();
}

/** A report of `pagesBefore` pages and a last page showing `shown` (if given) above `words` (at y 700). */
async function reportEndingWith(words: string, options: { shown?: string; pagesBefore?: string[] }) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of options.pagesBefore ?? [])
    doc.addPage().drawText(text, { x: 50, y: 700, font, size: 12 });
  const page = doc.addPage();
  if (options.shown) page.drawText(options.shown, { x: 50, y: 740, font, size: 12 });
  page.drawText(words, { x: 50, y: 700, font, size: 12 });
  return { doc, font, page };
}

/**
 * A PDF whose last page has `marked` marked for redaction (as Acrobat's Redact tool marks words) and the
 * marks never applied: the words are still on the page, with an outline round them.
 */
export async function makeMarkedPdf(
  marked: string,
  options: { shown?: string; pagesBefore?: string[] } = {},
): Promise<Uint8Array> {
  const { doc, font, page } = await reportEndingWith(marked, options);
  const width = font.widthOfTextAtSize(marked, 12);
  const ctx = doc.context;
  const appearance = ctx.stream(`1 0 0 RG 1 w 0.5 0.5 ${width + 3} 15 re S`, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, width + 4, 16],
  });
  const mark = ctx.obj({
    Type: 'Annot',
    Subtype: 'Redact',
    Rect: [48, 696, 52 + width, 712],
    QuadPoints: [48, 712, 52 + width, 712, 48, 696, 52 + width, 696],
    IC: [0, 0, 0],
    AP: { N: ctx.register(appearance) },
  });
  page.node.set(PDFName.of('Annots'), ctx.obj([ctx.register(mark)]));
  return doc.save();
}

/**
 * Adds a document straight into the store and database, skipping the import checks: for tests of
 * what comes after import (bundles, letters, the checker). Import itself is tested through the service.
 * As import records it now: looked at for words under boxes and redaction marks, with none found.
 */
export async function seedDocument(
  ctx: ServiceContext,
  caseId: number,
  section: string,
  bytes: Uint8Array,
  details: {
    title: string;
    kind?: DocumentKind;
    date?: string;
    author?: string;
    late?: boolean;
    originalName?: string;
  },
): Promise<DocumentRecord> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageSizes = pdf.getPages().map((p) => {
    const { width, height } = p.getSize();
    return { width, height, rotate: p.getRotation().angle };
  });
  const { sha256 } = ctx.store.putPdf(bytes);
  const info = ctx.db
    .prepare(
      `INSERT INTO documents (case_id, section, title, document_date, author, kind, page_count, sha256, original_sha256,
         original_name, conversion, position, included, late, page_sizes, pages_without_text, created_at,
         covered_text_pages, redaction_mark_pages)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', ?, 1, ?, ?, '[]', ?, '[]', '[]')`,
    )
    .run(
      caseId,
      section,
      details.title,
      details.date ?? null,
      details.author ?? null,
      details.kind ?? 'other',
      pdf.getPageCount(),
      sha256,
      sha256,
      details.originalName ?? `${details.title}.pdf`,
      nextPosition(ctx, caseId, section),
      details.late ? 1 : 0,
      JSON.stringify(pageSizes),
      ctx.clock().toISOString(),
    );
  return getDocument(ctx, Number(info.lastInsertRowid));
}
