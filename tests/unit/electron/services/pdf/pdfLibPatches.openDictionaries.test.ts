/**
 * A dictionary whose ">>" is missing before its object's `endobj` (PDFium's bug_1893.pdf, a font's): the
 * app's pdf-lib takes its keys up to there, as pdf.js, poppler, qpdf and PDFium do, where stock pdf-lib kept
 * the object as bytes it could not read (electron/services/pdf/pdfLibPatches.ts, 'openDictionaries').
 */
import { PDFDict, PDFDocument, PDFName, PDFRef } from '@cantoo/pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  installPdfLibPatches,
  setPatchGroupForTest,
} from '../../../../../electron/services/pdf/pdfLibPatches';
import { itReadsEveryFixtureAsStock } from '../../../../helpers/stockPdfLib';
import { HELVETICA, rawPdf, textContent } from '../../../../helpers/rawPdf';

afterEach(() => installPdfLibPatches());

/** A page whose font's dictionary (object 5) is left open, then a sound object after it. */
const openFont = () =>
  rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: textContent(['Hello world']) },
      '<< /Type /Font\n  /Subtype /Type1\n  /BaseFont /Times-Roman\n',
      HELVETICA,
    ],
    '/Root 1 0 R',
  );

async function fontOf(bytes: Uint8Array, number: number): Promise<unknown> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  const font = doc.context.lookup(PDFRef.of(number));
  return font instanceof PDFDict ? String(font.get(PDFName.of('BaseFont'))) : font?.constructor.name;
}

describe('a dictionary left open', () => {
  it('ends at its object\'s "endobj", with every key before it, and the next object is read as it is', async () => {
    expect(await fontOf(openFont(), 5)).toBe('/Times-Roman');
    expect(await fontOf(openFont(), 6)).toBe('/Helvetica');
  });

  it('was bytes stock pdf-lib could not read (so a repair lost the font)', async () => {
    setPatchGroupForTest('openDictionaries', false);
    expect(await fontOf(openFont(), 5)).toBe('PDFInvalidObject');
  });
});

describe('ordinary files', () => {
  itReadsEveryFixtureAsStock('openDictionaries');
});
