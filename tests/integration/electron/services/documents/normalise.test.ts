/**
 * A repair is kept only when it shows the same document (normalise.ts verifyCandidate): these candidates
 * are made to differ from their original in one way each.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { drawingDigests, verifyCandidate } from '../../../../../electron/services/documents/normalise';
import { inspectPdf } from '../../../../../electron/services/pdf/inspect';
import { resaveWhole } from '../../../../../electron/services/pdf/pdflib';
import { fixture } from '../../../../helpers/damage';

const PORTRAIT: [number, number] = [595, 842];
const LANDSCAPE: [number, number] = [842, 595];

async function pdfOf(pages: Array<{ text: string; size: [number, number] }>): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const { text, size } of pages) doc.addPage(size).drawText(text, { x: 72, y: 300, size: 14, font });
  return doc.save();
}

describe('verifyCandidate', () => {
  const first = { text: 'The first page of the report', size: PORTRAIT };
  const second = { text: 'A table of results, set landscape', size: LANDSCAPE };

  it('keeps a candidate that shows the same pages', async () => {
    const original = await inspectPdf(await pdfOf([first, second]));
    expect(await verifyCandidate(await pdfOf([first, second]), original)).not.toBeNull();
  });

  it('refuses one whose pages are in another order, though each page still has its text', async () => {
    const original = await inspectPdf(await pdfOf([first, second]));
    expect(await verifyCandidate(await pdfOf([second, first]), original)).toBeNull();
  });

  it('refuses one whose pages of one size are in another order, by what each page draws', async () => {
    const third = { text: 'The third page, portrait like the first', size: PORTRAIT };
    const bytes = await pdfOf([first, third]);
    const original = await inspectPdf(bytes);
    const drawings = drawingDigests(bytes);
    expect(drawings).toHaveLength(2);
    const swapped = await pdfOf([third, first]);
    // Sizes, turns and text on every page agree: only what the pages draw tells them apart.
    expect(await verifyCandidate(swapped, original)).not.toBeNull();
    expect(await verifyCandidate(swapped, original, undefined, drawings)).toBeNull();
    expect(await verifyCandidate(await pdfOf([first, third]), original, undefined, drawings)).not.toBeNull();
  });

  it('refuses one with a page missing, or a page that lost its text', async () => {
    const original = await inspectPdf(await pdfOf([first, second]));
    expect(await verifyCandidate(await pdfOf([first]), original)).toBeNull();
    expect(await verifyCandidate(await pdfOf([first, { ...second, text: ' ' }]), original)).toBeNull();
  });

  it('keeps a re-save that drops the end of line counted in an indirect stream length', async () => {
    // Written by qpdf --qdf: /Length 5 0 R, counting the line feed before `endstream`; pdf-lib's parser
    // finds the end by `endstream` and leaves it out. The page draws the same.
    const bytes = fixture('structure/qpdf-duplicate-pages.pdf');
    const resaved = await resaveWhole(bytes);
    expect(Buffer.from(resaved).equals(Buffer.from(bytes))).toBe(false);
    const drawings = drawingDigests(bytes);
    expect(drawings?.every((d) => d !== null)).toBe(true);
    expect(await verifyCandidate(resaved, await inspectPdf(bytes), undefined, drawings)).not.toBeNull();
  });
});
