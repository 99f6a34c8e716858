/**
 * A page's drawing settled into bytes (electron/services/pdf/pdfLibPatches.ts, settlePageDrawing): what was
 * drawn stays on the page, in order, as one compressed stream; what is drawn after goes into a new stream
 * after it; a page with nothing drawn is left alone.
 */
import {
  PDFArray,
  PDFContentStream,
  PDFDocument,
  PDFName,
  PDFRawStream,
  StandardFonts,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { settlePageDrawing } from '../../../../../electron/services/pdf/pdfLibPatches';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { ContentTextReader } from '../../../../../electron/services/pdf/read/contentText';

describe("a page's drawing settled into bytes", () => {
  it('keeps what was drawn, and takes what is drawn after into a stream of its own', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    for (let i = 1; i <= 3; i++) page.drawText(`Line ${i}`, { x: 72, y: 800 - 20 * i, size: 12, font });
    settlePageDrawing(page);
    const streams = () => page.node.lookup(PDFName.of('Contents'), PDFArray).asArray() as PDFRef[];
    expect(streams()).toHaveLength(1);
    const settled = doc.context.lookup(streams()[0]);
    expect(settled).toBeInstanceOf(PDFRawStream);
    expect(settled).not.toBeInstanceOf(PDFContentStream);
    page.drawText('Page 1 of 1', { x: 400, y: 30, size: 9, font });
    expect(streams()).toHaveLength(2);
    settlePageDrawing(doc.addPage([595, 842]));

    const file = PdfFile.open({ bytes: await doc.save({ useObjectStreams: false }) });
    try {
      const texts = new ContentTextReader(file.reader).read(file.pages[0]).items.map((item) => item.text);
      expect(texts).toEqual(['Line 1', 'Line 2', 'Line 3', 'Page 1 of 1']);
      expect(file.pageCount).toBe(2);
    } finally {
      file.close();
    }
  });
});
