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

describe('a hostile page of text', () => {
  it('reads a line of 200,000 strings in one pass', () => {
    // Each string joined the line's item after asking whether the item so far ended with a space, which
    // copied the whole item every time: 80,000 strings took 7 s, and this file's check 110 s.
    const strings = '(ab) -250 '.repeat(200_000);
    const pdf = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        { dict: '<< >>', stream: `BT /F1 0.001 Tf 72 700 Td [${strings}] TJ ET` },
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      ],
      '/Root 1 0 R',
    );
    const file = PdfFile.open({ bytes: pdf });
    const read = new ContentTextReader(file.reader).read(file.pages[0], { covered: true });
    file.close();
    expect(read.items.map((item) => item.text)).toEqual([Array(200_000).fill('ab').join(' ')]);
  }, 20_000);
});

describe('forms drawing forms', () => {
  /** A page drawing form 1, which draws form 2 `fan` times, and so on to form `levels`, which shows `leaf`. */
  function fanOut(levels: number, fan: number, leaf: string): Uint8Array {
    const first = 6;
    const objects: Parameters<typeof rawPdf>[0] = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /F ${first} 0 R >> >> >>`,
      { dict: '<< >>', stream: '/F Do' },
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ];
    for (let level = 1; level <= levels; level++) {
      const last = level === levels;
      const resources = last
        ? '/Resources << /Font << /F1 5 0 R >> >>'
        : `/Resources << /XObject << /F ${first + level} 0 R >> >>`;
      objects.push({
        dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] ${resources} >>`,
        stream: last ? leaf : Array(fan).fill('/F Do').join('\n'),
      });
    }
    return rawPdf(objects, '/Root 1 0 R');
  }

  it('reads a form that shows no text once, however often it is drawn', () => {
    // Ten million forms drawn, a rectangle each: without remembering the empty forms, over the limit.
    const file = PdfFile.open({ bytes: fanOut(8, 10, '0 0 10 10 re f') });
    const read = new ContentTextReader(file.reader).read(file.pages[0]);
    expect(read).toMatchObject({ items: [], uncertain: false });
    file.close();
  });

  it('leaves to pdf.js a page that draws more forms than it reads', () => {
    const file = PdfFile.open({ bytes: fanOut(8, 10, 'BT /F1 12 Tf 72 700 Td (Leaf) Tj ET') });
    const read = new ContentTextReader(file.reader).read(file.pages[0]);
    expect(read.uncertain).toBe(true);
    file.close();
  });

  it('leaves to pdf.js a page of more operators than it reads', () => {
    // A form of text and 20,000 path operators, drawn 150 times: three million operators.
    const leaf = `BT /F1 12 Tf 72 700 Td (Leaf) Tj ET ${'0 0 m '.repeat(20_000)}`;
    const drawn = fanOut(2, 150, leaf);
    const file = PdfFile.open({ bytes: drawn });
    const read = new ContentTextReader(file.reader).read(file.pages[0]);
    expect(read.uncertain).toBe(true);
    file.close();
    // Drawn 90 times (1.8 million), it is read.
    const fewer = PdfFile.open({ bytes: fanOut(2, 90, leaf) });
    expect(new ContentTextReader(fewer.reader).read(fewer.pages[0]).uncertain).toBe(false);
    fewer.close();
  });

  it('reads again a form without resources of its own, drawn on pages with other resources', () => {
    // Form 6 draws "/Inner", which it finds in the page's resources: a picture on page 1, text on page 2.
    const objects: Parameters<typeof rawPdf>[0] = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /XObject << /Outer 6 0 R /Inner 7 0 R >> >> >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /XObject << /Outer 6 0 R /Inner 8 0 R >> >> >>',
      { dict: '<< >>', stream: '/Outer Do' },
      { dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] >>', stream: '/Inner Do' },
      {
        dict: '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 >>',
        stream: '\x80',
      },
      {
        dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 9 0 R >> >> >>',
        stream: 'BT /F1 12 Tf 72 700 Td (Shown on page two) Tj ET',
      },
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ];
    const file = PdfFile.open({ bytes: rawPdf(objects, '/Root 1 0 R') });
    const reader = new ContentTextReader(file.reader);
    expect(reader.read(file.pages[0]).items).toEqual([]);
    expect(reader.read(file.pages[1]).items.map((item) => item.text)).toEqual(['Shown on page two']);
    file.close();
  });

  it('reads a form again where it is drawn less deep than where its own forms were too deep to read', () => {
    // Forms 1 to 8 each draw the next, form 8 draws the text: under form 1 it is too deep to read; the
    // page then draws form 8 itself, and its text is read.
    const objects: Parameters<typeof rawPdf>[0] = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /X1 6 0 R /X8 13 0 R >> >> >>',
      { dict: '<< >>', stream: '/X1 Do /X8 Do' },
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ];
    for (let level = 1; level <= 8; level++)
      objects.push({
        dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X ${6 + level} 0 R >> >> >>`,
        stream: '/X Do',
      });
    objects.push({
      dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> >>',
      stream: 'BT /F1 12 Tf 72 700 Td (Deep text) Tj ET',
    });
    const file = PdfFile.open({ bytes: rawPdf(objects, '/Root 1 0 R') });
    const read = new ContentTextReader(file.reader).read(file.pages[0]);
    expect(read.items.map((item) => item.text)).toEqual(['Deep text']);
    file.close();
  });
});
