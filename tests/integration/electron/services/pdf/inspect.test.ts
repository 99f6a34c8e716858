/**
 * inspectPdf: which pages have text, found by our content reader where it is sure and by pdf.js otherwise,
 * must be what pdf.js alone finds, on every third-party fixture pdf.js opens and on pages made to sit at the
 * edge of what the content reader can tell (text outside the page, a font it cannot read).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { inspectPdf } from '../../../../../electron/services/pdf/inspect';
import { closePdfjs, openWithPdfjs } from '../../../../../electron/services/pdf/pdfjs';
import { FIXTURES } from '../../../../helpers/context';
import { rawPdf } from '../../../../helpers/rawPdf';

/** The pages without text as pdf.js alone reads them (what inspectPdf did before it had a faster way). */
async function pdfjsPagesWithoutText(bytes: Uint8Array): Promise<number[]> {
  const doc = await openWithPdfjs(bytes);
  const without: number[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      let hasText = false;
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        hasText = content.items.some((item) => 'str' in item && item.str.trim() !== '');
        page.cleanup();
      } catch {
        hasText = false;
      }
      if (!hasText) without.push(n);
    }
  } finally {
    await closePdfjs(doc, bytes.length);
  }
  return without;
}

function fixtureFiles(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(FIXTURES, d.name))
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => join(FIXTURES, d.name, f)),
    )
    .sort();
}

async function inspectOrNull(bytes: Uint8Array) {
  try {
    return await inspectPdf(bytes);
  } catch {
    return null;
  }
}

describe('inspectPdf: pages with text', () => {
  it('finds the same pages without text as pdf.js alone, on every fixture pdf.js opens', async () => {
    const compared: string[] = [];
    for (const path of fixtureFiles()) {
      const bytes = new Uint8Array(readFileSync(path));
      const inspection = await inspectOrNull(bytes);
      if (!inspection) continue;
      expect(inspection.pagesWithoutText, path).toEqual(await pdfjsPagesWithoutText(bytes));
      compared.push(path);
    }
    // The valid, structure and malformed fixtures that open, encrypted ones that open without a password.
    expect(compared.length).toBeGreaterThan(30);
  }, 120_000);

  it('leaves pdf.js only page 1 (its text is kept for the title) on a document of text pages', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'valid', 'pdflib-us_constitution.pdf')));
    const inspection = await inspectPdf(bytes);
    expect(inspection.pageCount).toBe(19);
    expect(inspection.pagesWithoutText).toEqual([]);
    expect(inspection.pdfjsTextPages).toBe(1);
    expect(inspection.about.firstPage?.items.length).toBeGreaterThan(0);
  });

  it('asks pdf.js about pages with no text, and about text outside the page, which is not text', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('First page', { x: 72, y: 760, size: 12, font });
    doc.addPage([595, 842]); // blank: a scan without its picture
    doc.addPage([595, 842]).drawText('Off the page', { x: -400, y: 400, size: 12, font });
    doc.addPage([595, 842]).drawText('Back on the page', { x: 72, y: 400, size: 12, font });
    const bytes = await doc.save();
    const inspection = await inspectPdf(bytes);
    expect(inspection.pagesWithoutText).toEqual([2, 3]);
    expect(inspection.pagesWithoutText).toEqual(await pdfjsPagesWithoutText(bytes));
    // Page 1 (always), and the two pages our reader found no text on.
    expect(inspection.pdfjsTextPages).toBe(3);
  });

  it('asks pdf.js about a page whose font our reader cannot turn into text', async () => {
    // A font with no ToUnicode map and no encoding that names its glyphs: only its program could say.
    const page = (content: number, font: number) =>
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${content} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`;
    const bytes = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
        page(5, 7),
        page(6, 8),
        { dict: '<< >>', stream: 'BT /F1 12 Tf 72 760 Td (Readable) Tj ET' },
        { dict: '<< >>', stream: 'BT /F1 12 Tf 72 760 Td <01020304> Tj ET' },
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /SomeSymbolFont /Encoding << /Differences [1 /g1 /g2 /g3 /g4] >> >>',
      ],
      '/Root 1 0 R',
    );
    const inspection = await inspectPdf(bytes);
    expect(inspection.pdfjsTextPages).toBe(2);
    expect(inspection.pagesWithoutText).toEqual(await pdfjsPagesWithoutText(bytes));
  });
});
