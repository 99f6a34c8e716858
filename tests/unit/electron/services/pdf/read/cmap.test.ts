/**
 * The checker's reader of a font's maps: its /ToUnicode CMap (pdf/read/cmap.ts) and a CID font's widths
 * (pdf/read/fonts.ts): what they map, and the bounds that keep a hostile font from costing minutes.
 */
import { describe, expect, it } from 'vitest';
import { parseToUnicode, splitCodes } from '../../../../../../electron/services/pdf/read/cmap';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { ContentTextReader } from '../../../../../../electron/services/pdf/read/contentText';
import { pdfFromObjects } from '../../../../../helpers/hostile';

const cmapOf = (body: string) => Buffer.from(`begincmap\n${body}\nendcmap\n`, 'latin1');

describe('a ToUnicode CMap', () => {
  it('maps single codes and ranges, counting up from the range’s text', () => {
    const cmap = parseToUnicode(
      cmapOf(
        '1 begincodespacerange <00> <FF> endcodespacerange\n' +
          '2 beginbfchar <01> <0053> <02> <0061> endbfchar\n' +
          '1 beginbfrange <10> <12> <0041> endbfrange',
      ),
    );
    expect([...cmap.map]).toEqual([
      [1, 'S'],
      [2, 'a'],
      [16, 'A'],
      [17, 'B'],
      [18, 'C'],
    ]);
    expect(splitCodes(Uint8Array.of(1, 2, 16), cmap.codeSpace, 2)).toEqual([1, 2, 16]);
  });

  it('stops mapping after 200,000 codes: a thousand ranges of every two-byte code read in a moment', () => {
    // 1.4 KB compressed in a file: before, 8 s to read for each font naming it (a check of one page: 91 s).
    const ranges = Array.from({ length: 10 }, () =>
      ['100 beginbfrange', ...Array.from({ length: 100 }, () => '<0000> <FFFF> <0041>'), 'endbfrange'].join(
        '\n',
      ),
    );
    const started = performance.now();
    const cmap = parseToUnicode(
      cmapOf(['1 begincodespacerange <0000> <FFFF> endcodespacerange', ...ranges].join('\n')),
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    // The first range is read whole: every code mapped, counting up from "A".
    expect(cmap.size).toBe(65_536);
    expect(cmap.map.get(0)).toBe('A');
    expect(cmap.map.get(1)).toBe('B');
  });
});

describe("a CID font's widths (/W)", () => {
  it('stop being set after 262,144: a range of every CID a thousand times over read in a moment', () => {
    // 3,000 triples "0 65535 500" (a few KB compressed): before, 200 million widths set for one font.
    const widths = '0 65535 500 '.repeat(3_000);
    const pdf = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      `<< /Length 38 >>\nstream\nBT /F1 12 Tf 72 700 Td <00410042> Tj ET\nendstream`,
      '<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [${widths}] >>`,
      `<< /Length 96 >>\nstream\n${'1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0041> <0041> <0042> <0042> endbfchar'.padEnd(95)}\nendstream`,
    ]);
    const file = PdfFile.open({ bytes: pdf });
    try {
      const started = performance.now();
      const items = new ContentTextReader(file.reader).read(file.pages[0]).items;
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(items.map((item) => item.text).join('')).toBe('AB');
    } finally {
      file.close();
    }
  });
});

describe("a simple font's widths (/Widths)", () => {
  it('are read for its 256 codes only, however long the array', () => {
    // Three million widths (6 MB, or a few KB compressed): before, 4.6 s to read the font's widths.
    const pdf = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      `<< /Length 38 >>\nstream\nBT /F1 12 Tf 72 700 Td (Sam needs) Tj ET\nendstream`,
      `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 /Widths [${'500 '.repeat(3_000_000)}] >>`,
    ]);
    const file = PdfFile.open({ bytes: pdf });
    try {
      const started = performance.now();
      const items = new ContentTextReader(file.reader).read(file.pages[0]).items;
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(items.map((item) => item.text).join('')).toBe('Sam needs');
      // Its widths, not the standard font's: nine letters of 500 at 12 points.
      expect(items[0]?.width).toBeCloseTo(9 * 6, 0);
    } finally {
      file.close();
    }
  });
});
