/**
 * Applying redaction marks that were never applied (pdf/read/redactionMarks.ts), as the first step of
 * turning their pages into pictures (documents/hiddenWords.ts): each marked area is painted over in the
 * colour its mark asks for once applied (/IC), or black, and the marks go. The pictures drawn from the
 * result show the boxes; the words under them are then gone from the copy bundles are built from.
 */
import { PDFDict, PDFDocument, PDFName, rgb } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS } from '../bundle/engine';
import { PdfFile } from '../pdf/read';
import { redactionMarks, type RedactionMark } from '../pdf/read/redactionMarks';

/** Areas painted on one page, at most: a page of more is refused rather than part applied. */
const MAX_PAGE_AREAS = 20_000;

const REDACT = PDFName.of('Redact');
const SUBTYPE = PDFName.of('Subtype');

/** `bytes` with the redaction marks on `pages` (1-based) painted over and taken off. */
export async function withRedactionMarksPainted(bytes: Uint8Array, pages: number[]): Promise<Uint8Array> {
  const marks = new Map<number, RedactionMark[]>();
  const file = PdfFile.open({ bytes });
  try {
    for (const n of pages) {
      const page = file.pages[n - 1];
      const found = page ? redactionMarks(file.reader, page) : [];
      if (found.reduce((sum, mark) => sum + mark.boxes.length, 0) > MAX_PAGE_AREAS)
        throw new Error(
          `page ${n} has more than ${MAX_PAGE_AREAS.toLocaleString('en-GB')} areas marked for redaction`,
        );
      if (found.length) marks.set(n, found);
    }
  } finally {
    file.close();
  }
  if (!marks.size) return bytes;
  const doc = await PDFDocument.load(bytes, { ...LOAD_OPTIONS, password: '' });
  for (const [n, pageMarks] of marks) {
    const page = doc.getPage(n - 1);
    for (const { boxes, colour } of pageMarks)
      for (const [x0, y0, x1, y1] of boxes)
        page.drawRectangle({
          x: x0,
          y: y0,
          width: x1 - x0,
          height: y1 - y0,
          color: colour ? rgb(...colour) : rgb(0, 0, 0),
        });
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let i = annots.size() - 1; i >= 0; i--) {
      const annot = annots.lookup(i);
      if (annot instanceof PDFDict && annot.get(SUBTYPE) === REDACT) annots.remove(i);
    }
  }
  return doc.save({ useObjectStreams: false });
}
