/**
 * What a page draws (pdf/read/drawingCount.ts): forms counted as often as readers draw them (chains,
 * fan-outs, shared forms, annotations' appearances, a form inside itself skipped, a fan-out of a million in
 * milliseconds), operators and text-showing operators counted as the content reader reads them, and a page
 * within its limits judged from the limits scan's sizes without its content being unpacked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { contentStreams, forEachOperator } from '../../../../../../electron/services/pdf/read/content';
import {
  countOperators,
  DrawingCounter,
  type DrawingCount,
} from '../../../../../../electron/services/pdf/read/drawingCount';
import { scanPdf } from '../../../../../../electron/services/untrusted/pdfScan';
import { FIXTURES } from '../../../../../helpers/context';
import {
  bigPicturePdf,
  inlinePicturePdf,
  fanOutFormsPdf,
  glyphFormsPdf,
  patternFormsPdf,
  softMaskFormsPdf,
  manyOperatorsPdf,
  scatteredTextPdf,
} from '../../../../../helpers/hostile';
import { formChainPdf, plainTextPdf } from '../../../../../helpers/damage';
import { HELVETICA, rawPdf, type RawObject } from '../../../../../helpers/rawPdf';

const UNLIMITED = 1e300;
const LIMITLESS = { forms: UNLIMITED, operators: UNLIMITED, textShown: UNLIMITED };

function withFile<T>(bytes: Uint8Array, use: (file: PdfFile) => T): T {
  const file = PdfFile.open({ bytes });
  try {
    return use(file);
  } finally {
    file.close();
  }
}

function counts(bytes: Uint8Array): DrawingCount[] {
  return withFile(bytes, (file) => {
    const counter = new DrawingCounter(file.reader, { decodedLimit: 256 * 1024 * 1024 });
    return file.pages.map((page) => counter.ofPage(page));
  });
}

const formsDrawn = (bytes: Uint8Array) => counts(bytes).map((c) => c.forms);

const form = (content: string, resources = '') => ({
  dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << ${resources} >> >>`,
  stream: content,
});

/**
 * One page whose content is `content`, its XObjects /A (object 5), /B (object 6) and /Im (object 8, a
 * picture, unless `more` puts something else there), then `more` from object 8.
 */
/** A counter given the limits scan's sizes of what each Flate stream unpacks to (`sizes`). */
function scannedCounter(file: PdfFile, sizes: Map<number, number>): DrawingCounter {
  return new DrawingCounter(file.reader, {
    decodedLimit: 1e9,
    inflatedSizeAt: (offset) => sizes.get(offset),
  });
}

function pageWith(content: string, a: RawObject, b: RawObject, more: RawObject[] = [], pageExtra = '') {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> /XObject << /A 5 0 R /B 6 0 R /Im 8 0 R >> >> /Contents 4 0 R ${pageExtra} >>`,
      { dict: '<< >>', stream: content },
      a,
      b,
      HELVETICA,
      ...(more.length
        ? more
        : [
            {
              dict: '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 >>',
              stream: '\x80',
            },
          ]),
    ],
    '/Root 1 0 R',
  );
}

describe('the forms a page draws', () => {
  it('are none on a page of text, and one for each form of a chain', () => {
    expect(formsDrawn(plainTextPdf())).toEqual([0, 0]);
    expect(formsDrawn(formChainPdf(7))).toEqual([7]);
  });

  it('count a form as often as it is drawn: a fan-out of 2, 10 deep, is 1,023', () => {
    expect(formsDrawn(fanOutFormsPdf(10))).toEqual([2 ** 10 - 1]);
    expect(formsDrawn(fanOutFormsPdf(6, 3))).toEqual([(3 ** 6 - 1) / 2]);
  });

  it('count a fan-out of a million at once, and of 2^60', () => {
    const started = performance.now();
    expect(formsDrawn(fanOutFormsPdf(20))).toEqual([2 ** 20 - 1]);
    expect(formsDrawn(fanOutFormsPdf(60))).toEqual([2 ** 60 - 1]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('count a form shared by two others in each, and pictures not at all', () => {
    // A draws B three times, and the page draws A twice and B once: 2 + 2 × 3 + 1.
    const pdf = pageWith(
      'q /A Do Q q /A Do Q /B Do /Im Do',
      form('/B Do /B Do /B Do', '/XObject << /B 6 0 R >>'),
      form('BT /F1 12 Tf (B) Tj ET', '/Font << /F1 7 0 R >>'),
    );
    expect(formsDrawn(pdf)).toEqual([9]);
  });

  it('skip a form drawn inside itself, as readers do', () => {
    const pdf = pageWith(
      '/A Do',
      form('/B Do', '/XObject << /B 6 0 R >>'),
      form('/A Do /B Do', '/XObject << /A 5 0 R /B 6 0 R >>'),
    );
    expect(formsDrawn(pdf)).toEqual([2]);
  });

  it('count what a form without resources of its own draws with those of what draws it', () => {
    // B has no resources: drawn from the page it finds /A (a form drawing nothing) in the page's.
    const pdf = pageWith('/B Do', form(''), {
      dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] >>',
      stream: '/A Do /A Do',
    });
    expect(formsDrawn(pdf)).toEqual([3]);
  });

  it('count the forms in the appearances the annotations show, and in compressed content', () => {
    const content = deflateSync(Buffer.from('/A Do /A Do'));
    const pdf = pageWith(
      '',
      form('/B Do', '/XObject << /B 6 0 R >>'),
      form(''),
      [
        '<< /Type /Annot /Subtype /Stamp /Rect [0 0 100 100] /AP << /N 9 0 R >> >>',
        {
          dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /A 5 0 R >> >> /Filter /FlateDecode >>',
          stream: content,
        },
      ],
      '/Annots [8 0 R]',
    );
    // The appearance (1), each A in it (2), and the B inside each A (2).
    expect(formsDrawn(pdf)).toEqual([5]);
  });
});

/**
 * One page of `content` with a Type 3 font /T3 (object 5) whose glyphs a and b are drawn by `a` and `b`
 * with the font's resources, /X there being a form (object 8) of `x`.
 */
function type3Page(content: string, a: string, b: string, x = '', fontResources = '/XObject << /X 8 0 R >>') {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /T3 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: content },
      `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 6 0 R /b 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a /b] >> /FirstChar 97 /LastChar 98 /Widths [1000 1000] /Resources << ${fontResources} >> >>`,
      { dict: '<< >>', stream: a },
      { dict: '<< >>', stream: b },
      form(x),
    ],
    '/Root 1 0 R',
  );
}

describe("a Type 3 font's glyph procedures", () => {
  it('count once where text is shown, and the forms of the costliest again for each piece of text', () => {
    const [count] = counts(
      type3Page('BT /T3 12 Tf (ab) Tj (a) Tj ET', '1000 0 d0 /X Do /X Do', '1000 0 d0 /X Do'),
    );
    // Loading the font: a's d0 and two forms, b's d0 and one form. Each of the two Tj: a's two forms again.
    expect(count).toEqual({ forms: 3 + 2 * 2, operators: 5 + 3 + 2, textShown: 2 });
  });

  it('count nothing on a page that shows no text', () => {
    expect(counts(type3Page('0 0 10 10 re f', '1000 0 d0 /X Do', '1000 0 d0'))).toEqual([
      { forms: 0, operators: 2, textShown: 0 },
    ]);
  });

  it('end where a glyph shows text in its own font', () => {
    const [count] = counts(
      type3Page(
        'BT /T3 12 Tf (a) Tj ET',
        '1000 0 d0 BT /T3 1 Tf (b) Tj ET',
        '1000 0 d0 /X Do',
        '',
        '/Font << /T3 5 0 R >> /XObject << /X 8 0 R >>',
      ),
    );
    expect(count.textShown).toBe(2);
  });

  it('count a glyph drawing ten million forms in milliseconds', () => {
    const started = performance.now();
    expect(formsDrawn(glyphFormsPdf(8))[0]).toBeGreaterThan(10_000_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('tiling patterns', () => {
  it('count as a form, what the cell draws included, each time one is chosen to paint with', () => {
    const tiling = {
      dict: '<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10 /Resources << /XObject << /B 6 0 R >> >> >>',
      stream: '/B Do /B Do',
    };
    const shading =
      '<< /Type /Pattern /PatternType 2 /Shading << /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0] /Function << /FunctionType 2 /Domain [0 1] /N 1 >> >> >>';
    const pdf = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Pattern << /P 5 0 R /S 7 0 R >> >> /Contents 4 0 R >>',
        {
          dict: '<< >>',
          stream: '/Pattern cs /P scn 0 0 9 9 re f /Pattern CS 0.5 /P SCN 0 0 9 9 re S /S scn 0 0 9 9 re f',
        },
        tiling,
        form(''),
        shading,
      ],
      '/Root 1 0 R',
    );
    // P chosen twice: itself and its two forms, twice; the shading pattern draws no cell.
    expect(formsDrawn(pdf)).toEqual([6]);
  });

  it('count a cell drawing ten million forms in milliseconds', () => {
    const started = performance.now();
    expect(formsDrawn(patternFormsPdf(8))[0]).toBeGreaterThan(10_000_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('soft masks', () => {
  it('count their group as a form, what it draws included, each time their graphics state is set', () => {
    const pdf = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /ExtGState << /M << /SMask << /S /Alpha /G 5 0 R >> >> /N << /SMask /None /CA 0.5 >> >> >> /Contents 4 0 R >>',
        { dict: '<< >>', stream: 'q /M gs 0 0 9 9 re f Q /N gs q /M gs 0 0 9 9 re f Q' },
        form('/B Do /B Do /B Do', '/XObject << /B 6 0 R >>'),
        form(''),
      ],
      '/Root 1 0 R',
    );
    // M set twice: its group and the three forms in it, twice; N has no mask.
    expect(formsDrawn(pdf)).toEqual([8]);
  });

  it('count a group drawing ten million forms in milliseconds', () => {
    const started = performance.now();
    expect(formsDrawn(softMaskFormsPdf(8))[0]).toBeGreaterThan(10_000_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('the largest picture', () => {
  const picture = (width: number, height: number) => ({
    dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 >>`,
    stream: '\x80',
  });
  const largest = (bytes: Uint8Array) =>
    withFile(bytes, (file) => {
      const counter = new DrawingCounter(file.reader, { decodedLimit: 256 * 1024 * 1024 });
      for (const page of file.pages) counter.bound(page);
      return counter.largestPicture;
    });

  it("is the one with most pixels named by a page's resources or a form's, as its dictionary gives it", () => {
    // The page names /Im (3 × 2) and draws /A, whose resources name a picture of 2 × 5.
    const pdf = pageWith('/A Do /Im Do', form('/P Do', '/XObject << /P 9 0 R >>'), form(''), [
      picture(3, 2),
      picture(2, 5),
    ]);
    expect(largest(pdf)).toEqual({ width: 2, height: 5 });
  });

  it('is known without the picture decoded: 16,000 square in a PDF of 2 KB', () => {
    expect(largest(bigPicturePdf(16_000, 16_000))).toEqual({ width: 16_000, height: 16_000 });
  });

  it("counts inline images, in the page's content or a form's, compressed or not, as their dictionaries give them", async () => {
    const inline = (w: number, h: number, key = 'W') =>
      `BI /${key} ${w} /${key === 'W' ? 'H' : 'Height'} ${h} /CS /G /BPC 8 ID ${'\x80'.repeat(w * h)} EI`;
    // The page's own inline image (4 × 3) is smaller than its form's (5 × 5, written with the long keys).
    expect(largest(pageWith(`${inline(4, 3)} /A Do`, form(inline(5, 5, 'Width')), form('')))).toEqual({
      width: 5,
      height: 5,
    });
    expect(largest(pageWith(`/B Do ${inline(4, 3)}`, form(''), form('')))).toEqual({ width: 4, height: 3 });
    // Compressed content, sized by the limits scan: read all the same for the picture in it.
    const pdf = await inlinePicturePdf(12_000, 12_000);
    const { inflatedSizes } = scanPdf(pdf);
    expect(inflatedSizes.size).toBe(0);
    withFile(pdf, (file) => {
      const counter = scannedCounter(file, inflatedSizes);
      counter.bound(file.pages[0]);
      expect(counter.largestPicture).toEqual({ width: 12_000, height: 12_000 });
    });
  });

  it('reads content for its size alone when it holds no inline image, "BI" in a word or a string', () => {
    for (const words of ['(BI) Tj', '(BIRTH) Tj', '/ABI 1 Tf', '(x) Tj BI2']) {
      const content = `BT /F1 12 Tf ${words} ET`;
      const pdf = rawPdf(
        [
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents 5 0 R >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents 7 0 R >>',
          { dict: '<< >>', stream: content },
          HELVETICA,
          { dict: '<< /Filter /FlateDecode >>', stream: deflateSync(content).toString('latin1') },
        ],
        '/Root 1 0 R',
      );
      const { inflatedSizes } = scanPdf(pdf);
      withFile(pdf, (file) => {
        const counter = scannedCounter(file, inflatedSizes);
        const read = vi.spyOn(file.reader, 'streamData');
        // Uncompressed, then compressed: "(BI)" stands alone between delimiters, so each is read to be sure.
        for (const page of file.pages) counter.bound(page);
        expect({ words, reads: read.mock.calls.length }).toEqual({
          words,
          reads: words === '(BI) Tj' ? 2 : 0,
        });
        expect(counter.largestPicture).toBeNull();
      });
    }
  });
});

describe('the operators a page runs', () => {
  it('count every operator and the text-showing ones, those in forms as often as drawn', () => {
    // The page: q, Do, Q, Do, BT, Tf, Tj, TJ, ', ", ET (11); A (drawn twice): re, f, Tj (3 each).
    const pdf = pageWith(
      'q /A Do Q /A Do BT /F1 12 Tf (x) Tj [(a) 2 (b)] TJ (c) \' 1 2 (d) " ET',
      form('0 0 10 10 re f BT (y) Tj ET', '/Font << /F1 7 0 R >>'),
      form(''),
    );
    const [page] = counts(pdf);
    expect(page).toEqual({ forms: 2, operators: 11 + 2 * 5, textShown: 4 + 2 * 1 });
  });

  it("count nothing in strings, names, numbers, comments, dictionaries or an inline image's data", () => {
    const content =
      '(Tj Q) Tj <54 6a> Tj /Tj /Do % Tj Do q\n[1 -2.5 +3 .5 true false null] TJ ' +
      '/P << /MCID 0 /Q (q) >> BDC EMC BI /W 2 /H 1 /BPC 8 /CS /G ID \x00Tj EI Q';
    const count = countOperators(Buffer.from(content, 'latin1'));
    // Tj, Tj, TJ, BDC, EMC, BI (its data and EI stepped over), Q: of which three show text.
    expect(count.operators).toBe(7);
    expect(count.textShown).toBe(3);
    expect(count.drawn.size).toBe(0);
  });

  it('name the forms drawn as resource dictionaries name them (#xx escapes read), by the name just before', () => {
    const count = countOperators(Buffer.from('/A#20B Do /C Do /C Do /D gs Do', 'latin1'));
    expect([...count.drawn]).toEqual([
      ['A B', 1],
      ['C', 2],
    ]);
  });

  it('are the operators the content reader reads, in every content stream of the fixtures', () => {
    let streams = 0;
    for (const path of fixturePdfs()) {
      let file: PdfFile;
      try {
        file = PdfFile.open({ bytes: readFileSync(path) });
      } catch {
        continue; // Damaged past our reader: nothing to compare.
      }
      try {
        for (const page of file.pages.slice(0, 20)) {
          for (const stream of contentStreams(file.reader, page)) {
            let data: Uint8Array;
            try {
              data = file.reader.streamData(stream);
            } catch {
              continue;
            }
            let operators = 0;
            let textShown = 0;
            forEachOperator(data, (op) => {
              operators++;
              if (op === 'Tj' || op === 'TJ' || op === "'" || op === '"') textShown++;
            });
            const counted = countOperators(data);
            expect({ path, operators: counted.operators, textShown: counted.textShown }).toEqual({
              path,
              operators,
              textShown,
            });
            streams++;
          }
        }
      } catch (error) {
        if (error instanceof Error && /expected/.test(error.message)) throw error;
      } finally {
        file.close();
      }
    }
    expect(streams).toBeGreaterThan(100);
  });
});

describe('a page within its limits', () => {
  it("is told from the limits scan's sizes without its content unpacked", () => {
    const pdf = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        { dict: '<< >>', stream: 'BT /F1 12 Tf (Hello) Tj ET' },
        HELVETICA,
      ],
      '/Root 1 0 R',
    );
    const { inflatedSizes } = scanPdf(pdf);
    withFile(pdf, (file) => {
      const counter = scannedCounter(file, inflatedSizes);
      const read = vi.spyOn(file.reader, 'streamData');
      // An uncompressed stream's size is its length: nothing to unpack either.
      expect(counter.overLimit(file.pages[0], { forms: 0, operators: 100, textShown: 100 })).toBeNull();
      expect(read).not.toHaveBeenCalled();
    });
    const compressed = manyOperatorsPdf(1000);
    const scanned = scanPdf(compressed).inflatedSizes;
    withFile(compressed, (file) => {
      const [stream] = contentStreams(file.reader, file.pages[0]);
      // The scan's size is found where the reader takes the data to start.
      expect(scanned.get(stream.start)).toBe(file.reader.streamData(stream).length);
      const counter = scannedCounter(file, scanned);
      const read = vi.spyOn(file.reader, 'streamData');
      expect(counter.overLimit(file.pages[0], { ...LIMITLESS, operators: 5000 })).toBeNull();
      // As many operators as its 4,015 bytes could hold (every one takes two), for the file total.
      expect(counter.bound(file.pages[0])).toEqual({ forms: 0, operators: 2008, textShown: 2008 });
      expect(read).not.toHaveBeenCalled();
      // Over what its size allows, the content is read and counted: 2,003 operators.
      expect(counter.overLimit(file.pages[0], { ...LIMITLESS, operators: 2003 })).toBeNull();
      expect(counter.overLimit(file.pages[0], { ...LIMITLESS, operators: 2002 })).toBe('operators');
      expect(read).toHaveBeenCalled();
    });
  });

  it("is over when its operators or pieces of text are, with or without the scan's sizes", () => {
    const operators = manyOperatorsPdf(3_000_000);
    const text = scatteredTextPdf(300_000);
    for (const [pdf, over] of [
      [operators, 'operators'],
      [text, 'textShown'],
    ] as const) {
      const { inflatedSizes } = scanPdf(pdf);
      for (const sizes of [inflatedSizes, new Map<number, number>()]) {
        withFile(pdf, (file) => {
          const counter = scannedCounter(file, sizes);
          expect(
            counter.overLimit(file.pages[0], { forms: 50_000, operators: 5_000_000, textShown: 250_000 }),
          ).toBe(over);
        });
      }
    }
    expect(counts(operators)[0]).toEqual({ forms: 0, operators: 6_000_003, textShown: 0 });
    expect(counts(text)[0]).toEqual({ forms: 0, operators: 300_000 * 5 + 3, textShown: 300_000 });
  });
});

function fixturePdfs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.pdf')) out.push(path);
    }
  };
  walk(FIXTURES);
  return out;
}
