/**
 * Page text read from the content streams (pdf/read/contentText.ts) against pdf.js's text, on every
 * fixture page: the same text, and the same bundle-number candidates in the margins, so the checker
 * reads the same from either. Pages our reader marks uncertain are left to pdf.js by the checker, and not
 * compared here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberCandidates } from '../../../../../../electron/services/checker/pageNumbers';
import { openWithPdfjs, readPageText } from '../../../../../../electron/services/pdf/pdfjs';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { ContentTextReader } from '../../../../../../electron/services/pdf/read/contentText';
import { FIXTURES } from '../../../../../helpers/context';
import { rawPdf } from '../../../../../helpers/rawPdf';
import { makeTextPdf } from '../../../../../helpers/seed';

const squash = (text: string) => text.replace(/\s+/g, '');

/**
 * Where the two rightly differ: pdf.js shows ZapfDingbats' symbols as the letters of their codes, puts
 * right-to-left text in display order, and reads ligature glyphs a file's ToUnicode map leaves out from
 * the font program (we give U+FFFD, one character, as for any glyph we cannot name).
 */
const TEXT_DIFFERS: Record<string, number[]> = {
  'valid/pdflib-standard_fonts_demo.pdf': [5],
  'malformed/pdflib-invalid_root_ref.pdf': [1],
};
const LIGATURE_GAPS = /[\ufffd]/g;

const fixtures = ['valid', 'structure', 'malformed'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((name) => name.endsWith('.pdf'))
    .map((name) => `${dir}/${name}`),
);

async function compare(name: string, bytes: Uint8Array) {
  let doc;
  try {
    doc = await openWithPdfjs(bytes);
  } catch {
    return { pages: 0, compared: 0 };
  }
  const file = PdfFile.open({ bytes });
  const reader = new ContentTextReader(file.reader);
  let compared = 0;
  try {
    for (let page = 1; page <= Math.min(doc.numPages, file.pageCount); page++) {
      let expected;
      try {
        expected = await readPageText(doc, page);
      } catch {
        continue; // A page pdf.js cannot read.
      }
      const got = reader.read(file.pages[page - 1]);
      if (got.uncertain) continue;
      compared++;
      const where = `${name} page ${page}`;
      if (!TEXT_DIFFERS[name]?.includes(page)) {
        const theirs = squash(expected.text);
        const ours = squash(got.text);
        if (ours.includes('\ufffd')) {
          // A glyph with no text of its own (a ligature): the rest must match around it.
          const pattern = new RegExp(
            `^${ours
              .split(LIGATURE_GAPS)
              .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
              .join('.{1,3}')}$`,
            'u',
          );
          expect(theirs, where).toMatch(pattern);
        } else expect(ours, where).toBe(theirs);
      }
      const labels = (text: typeof expected) =>
        numberCandidates(text.items, text.width, text.height).map((c) => c.number.label);
      expect(labels(got), where).toEqual(labels(expected));
    }
    return { pages: doc.numPages, compared };
  } finally {
    file.close();
    await doc.destroy();
  }
}

describe('page text from the content streams agrees with pdf.js', () => {
  it.each(fixtures)('%s', async (name) => {
    const { pages, compared } = await compare(name, new Uint8Array(readFileSync(join(FIXTURES, name))));
    // Most pages are read without pdf.js (and so compared).
    expect(compared).toBeGreaterThanOrEqual(Math.floor(pages * 0.9));
  });

  it('reads text drawn in every direction on rotated pages as pdf.js does', async () => {
    for (const rotate of [0, 90, 180, 270]) {
      const bytes = await makeTextPdf(`Turned ${rotate}`, 2, { rotate });
      const { compared } = await compare(`rotated ${rotate}`, bytes);
      expect(compared).toBe(2);
    }
  });
});

describe('reading until an item is found', () => {
  it('stops at the first item accepted, in the page or in a form it draws', async () => {
    const lines = 'BT /F1 12 Tf 72 760 Td (First line) Tj ET BT /F1 12 Tf 72 700 Td (Second line) Tj ET';
    const bytes = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources 7 0 R >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources 7 0 R >>',
        { dict: '<< >>', stream: `${lines} BT /F1 12 Tf 72 600 Td (Third line) Tj ET` },
        { dict: '<< >>', stream: '/Fm1 Do BT /F1 12 Tf 72 600 Td (After the form) Tj ET' },
        '<< /Font << /F1 8 0 R >> /XObject << /Fm1 9 0 R >> >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
        {
          dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> >>',
          stream: lines,
        },
      ],
      '/Root 1 0 R',
    );
    const file = PdfFile.open({ bytes });
    const reader = new ContentTextReader(file.reader);
    const texts = (page: number, until?: (item: { text: string }) => boolean) =>
      reader.read(file.pages[page], { until }).items.map((item) => item.text);
    expect(texts(0)).toEqual(['First line', 'Second line', 'Third line']);
    expect(texts(0, () => true)).toEqual(['First line']);
    expect(texts(0, (item) => item.text.startsWith('Second'))).toEqual(['First line', 'Second line']);
    expect(texts(1)).toEqual(['First line', 'Second line', 'After the form']);
    // Inside the form: its first line ends the reading of the page too.
    expect(texts(1, () => true)).toEqual(['First line']);
    file.close();
  });
});
