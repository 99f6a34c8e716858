import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, StandardFonts, degrees, rgb } from '@cantoo/pdf-lib';
import { pagesWithPaint, type Box } from '../../../../../electron/services/checker/paint';
import { makeGreyPng } from '../../../../helpers/checkerBundles';

/** One page per entry, drawn by the function; returns the file's bytes. */
async function pdf(
  ...pages: ((doc: PDFDocument, page: ReturnType<PDFDocument['addPage']>) => Promise<void> | void)[]
) {
  const doc = await PDFDocument.create();
  for (const draw of pages) await draw(doc, doc.addPage([595.28, 841.89]));
  return doc.save();
}

/** A stamp like the engine's: a white box with a grey border and the number, bottom right. */
async function stamp(doc: PDFDocument, page: ReturnType<PDFDocument['addPage']>, label = '12') {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawRectangle({
    x: 540,
    y: 12,
    width: 30,
    height: 16,
    color: rgb(1, 1, 1),
    borderColor: rgb(0.55, 0.55, 0.55),
    borderWidth: 0.5,
  });
  page.drawText(label, { x: 545, y: 16, size: 10, font });
}
const STAMP: Box = { x: 545, y: 16, width: 12, height: 10 };

async function paintedPages(bytes: Uint8Array, stampBox: Box | null = STAMP) {
  const count = (await PDFDocument.load(bytes)).getPageCount();
  const result = await pagesWithPaint(
    bytes,
    Array.from({ length: count }, (_, i) => ({ page: i + 1, stamp: stampBox })),
  );
  return [...result!.entries()].sort((a, b) => a[0] - b[0]).map(([, painted]) => painted);
}

describe('blank or painted', () => {
  it('calls an empty page, and a page with only the number stamp, blank', async () => {
    const bytes = await pdf(
      () => {},
      (doc, page) => stamp(doc, page),
      (doc, page) => {
        page.drawRectangle({ x: 0, y: 0, width: 595, height: 842, color: rgb(1, 1, 1) });
        return stamp(doc, page);
      },
    );
    expect(await paintedPages(bytes)).toEqual([false, false, false]);
  });

  it('sees images, lines, coloured shapes and glyphs outside the stamp', async () => {
    const png = await makePng();
    const bytes = await pdf(
      async (doc, page) => {
        page.drawImage(await doc.embedPng(png), { x: 50, y: 50, width: 400, height: 600 });
        await stamp(doc, page);
      },
      (doc, page) => {
        page.drawLine({ start: { x: 50, y: 400 }, end: { x: 500, y: 400 }, thickness: 1 });
        return stamp(doc, page);
      },
      (doc, page) => {
        page.drawRectangle({ x: 100, y: 100, width: 50, height: 50, color: rgb(0.2, 0.2, 0.2) });
        return stamp(doc, page);
      },
      async (doc, page) => {
        // Text pdf.js might not read (here: any glyphs) still shows on the page.
        page.drawText('x', { x: 300, y: 400, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
        await stamp(doc, page);
      },
    );
    expect(await paintedPages(bytes)).toEqual([true, true, true, true]);
  });

  it('looks inside form XObjects and sees inline images', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    // An inline image, written by hand (pdf-lib has no API for them).
    const content = doc.context.stream(
      'q 100 0 0 100 50 50 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q',
    );
    page.node.set(PDFName.of('Contents'), doc.context.register(content));
    const second = doc.addPage([595.28, 841.89]);
    const [embedded] = await doc.embedPdf(await makeFormSource());
    second.drawPage(embedded, { x: 0, y: 0 });
    const bytes = await doc.save();
    expect(await paintedPages(bytes, null)).toEqual([true, true]);
  });

  it('maps the stamp through page rotation', async () => {
    const bytes = await pdf(async (doc, page) => {
      page.setRotation(degrees(90));
      // Displayed bottom-right of a page turned 90° clockwise is the user-space top-right corner.
      page.drawRectangle({
        x: 560,
        y: 780,
        width: 16,
        height: 40,
        borderColor: rgb(0.5, 0.5, 0.5),
        borderWidth: 0.5,
      });
      void doc;
    });
    // Displayed page is 841.89 wide and 595.28 high; (x, y) user → (y, 595.28 - x) displayed.
    const displayedStamp: Box = { x: 785, y: 10, width: 30, height: 12 };
    expect(await paintedPages(bytes, displayedStamp)).toEqual([false]);
    expect(await paintedPages(bytes, STAMP)).toEqual([true]);
  });

  it('returns null when pdf-lib cannot read the file at all', async () => {
    expect(
      await pagesWithPaint(new TextEncoder().encode('not a pdf'), [{ page: 1, stamp: null }]),
    ).toBeNull();
  });
});

async function makeFormSource(): Promise<PDFDocument> {
  const src = await PDFDocument.create();
  const page = src.addPage([595.28, 841.89]);
  page.drawImage(await src.embedPng(await makePng()), { x: 100, y: 100, width: 200, height: 200 });
  // Images are written on save: embed from a saved copy, or the form points at an image that is not there.
  return PDFDocument.load(await src.save());
}

const makePng = () => makeGreyPng(4, 4);
