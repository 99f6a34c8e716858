import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { embedBundleFont } from '../../../../../electron/services/bundle/fonts';
import { fontText, PageText } from '../../../../../electron/services/bundle/text';
import {
  drawTextAsWritten,
  needsActualText,
  placedGlyphs,
} from '../../../../../electron/services/pdf/actualText';
import { embedSubsetFont, type FontFile } from '../../../../../electron/services/pdf/fonts';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { ContentTextReader } from '../../../../../electron/services/pdf/read/contentText';
import { inkSpan } from '../../../../helpers/popplerLook';
import { REPO_ROOT } from '../../../../helpers/repo';

const dir = mkdtempSync(join(tmpdir(), 'actual-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** poppler's text of the PDF, line by line: a reader that honours /ActualText, as Acrobat does. */
async function popplerLines(doc: PDFDocument): Promise<string[]> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, await doc.save());
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Words whose glyphs are drawn in another order, or split, or joined. */
const SHAPED: [FontFile, string][] = [
  ['NotoSansBengali-Regular.ttf', 'কোন'], // ো is drawn as ে before ক and া after it
  ['NotoSansTamil-Regular.ttf', 'கொடு'],
  ['NotoSansMalayalam-Regular.ttf', 'കൊടുക്കുക'],
  ['NotoSansSinhala-Regular.ttf', 'ලියන්නේ'],
  ['NotoSansThai-Regular.ttf', 'คำขอ'], // ำ is two glyphs, the second shared with า
  ['NotoSansThai-Regular.ttf', 'อาหาร'],
  ['NotoSansDevanagari-Regular.ttf', 'किताब'], // ि is drawn before क
  ['NotoSansKannada-Regular.ttf', 'ಕೊಡು'], // ೊ is drawn in two parts
  ['NotoSansOriya-Regular.ttf', 'କୋଠା'], // ୋ is drawn as େ before କ and ା after it
  ['NotoSansOriya-Regular.ttf', 'ସ୍କୁଲରେ'], // ୁ is moved under the conjunct
];

/** The text items the checker's own reader (pdf/read/contentText.ts) finds on the first page. */
async function contentTextItems(doc: PDFDocument): Promise<string[]> {
  const file = PdfFile.open({ bytes: await doc.save() });
  try {
    return new ContentTextReader(file.reader).read(file.pages[0]).items.map((item) => item.text);
  } finally {
    file.close();
  }
}

async function wordsPage(mark: boolean): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  let y = 800;
  for (const [file, text] of SHAPED) {
    const font = await embedSubsetFont(doc, file, `TEST${String.fromCharCode(65 + (y % 26))}A+Test`);
    const options = { x: 72, y: (y -= 30), size: 14, font, color: rgb(0, 0, 0) };
    if (mark) drawTextAsWritten(page, text, options);
    else page.drawText(text, options);
  }
  return doc;
}

const drawWords = async (mark: boolean) => popplerLines(await wordsPage(mark));

describe('text drawn in shaped scripts', () => {
  it('reads back as it was written, in order, once each', async () => {
    expect(await drawWords(true)).toEqual(SHAPED.map(([, text]) => text));
  });

  it('read back otherwise without the mark', async () => {
    const lines = await drawWords(false);
    expect(lines).not.toContain('কোন');
    expect(lines).not.toContain('किताब');
    expect(lines).not.toContain('คำขอ');
  });

  it("reads back as written by the checker's own reader too, and otherwise without the mark", async () => {
    expect(await contentTextItems(await wordsPage(true))).toEqual(SHAPED.map(([, text]) => text));
    const unmarked = await contentTextItems(await wordsPage(false));
    expect(unmarked).not.toContain('কোন');
    expect(unmarked).not.toContain('किताब');
  });

  it('marks only text whose glyphs may not read back', () => {
    expect(needsActualText('Dear Ms Smith, Zoë')).toBe(false);
    expect(needsActualText('王小明')).toBe(false);
    expect(needsActualText('کو')).toBe(false);
    expect(needsActualText('কোন')).toBe(true);
    expect(needsActualText('คำ')).toBe(true);
  });
});

describe("the bundle's own pages", () => {
  it('mark a shaped title in the index, and only it', async () => {
    const doc = await PDFDocument.create();
    const titles = ['আমার ছেলের প্রতিবেদন', 'School report'];
    const font = await embedBundleFont(doc, titles);
    const page = doc.addPage([595, 842]);
    const text = new PageText(doc, page, fontText(font));
    titles.forEach((title, i) => text.line(title, 72, 760 - i * 30, 12));
    text.finish();
    expect(await popplerLines(doc)).toEqual(titles);
    // Each word is an item of its own (the spaces are in DejaVu Sans): the checker joins a row's items.
    expect((await contentTextItems(doc)).join(' ')).toBe(titles.join(' '));
  });
});

describe('marks drawn where the font places them', () => {
  // Odia's ୁ (below the line) belongs under the letter before it; Noto Sans Oriya draws it to the right
  // of where the pen is, and moves it back by its positioning table (HarfBuzz: 531 of 1,000 units).
  // At 200 points from x = 100: ପ is 0.741 em wide, so the pen is at 248.2 after it, and the sign
  // (drawn from 0.164 to 0.630 em of its origin) is inked from 174.6 to 267.8 moved back, 281 to 374 not.
  const SIZE = 200;
  const BASELINE = 250;
  const expectUnderItsLetter = (pdf: Uint8Array) => {
    const span = inkSpan(pdf, 400 - BASELINE + 10, 400);
    expect(span).not.toBeNull();
    expect(span![0]).toBeGreaterThanOrEqual(172);
    expect(span![0]).toBeLessThanOrEqual(177);
    expect(span![1]).toBeGreaterThanOrEqual(265);
    expect(span![1]).toBeLessThanOrEqual(270);
  };

  it('by pdf-lib drawing (letters, emails, the working document)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([400, 400]);
    const font = await embedSubsetFont(doc, 'NotoSansOriya-Regular.ttf', 'TESTAA+NotoSansOriya');
    drawTextAsWritten(page, 'ପୁ', { x: 100, y: BASELINE, size: SIZE, font, color: rgb(0, 0, 0) });
    expectUnderItsLetter(await doc.save());
    expect(await popplerLines(doc)).toEqual(['ପୁ']);
  });

  it("by the bundle's own pages (cover, index, dividers)", async () => {
    const doc = await PDFDocument.create();
    const font = await embedBundleFont(doc, ['ପୁ']);
    const page = doc.addPage([400, 400]);
    const text = new PageText(doc, page, fontText(font));
    text.line('ପୁ', 100, BASELINE, SIZE);
    text.finish();
    expectUnderItsLetter(await doc.save());
    expect(await popplerLines(doc)).toEqual(['ପୁ']);
  });

  it('leaves text whose glyphs the font does not move to be shown as it comes', async () => {
    const doc = await PDFDocument.create();
    const oriya = await embedSubsetFont(doc, 'NotoSansOriya-Regular.ttf', 'TESTAA+NotoSansOriya');
    const bengali = await embedSubsetFont(doc, 'NotoSansBengali-Regular.ttf', 'TESTAB+NotoSansBengali');
    expect(placedGlyphs(oriya, 'ପୁ')?.map((glyph) => glyph.back)).toEqual([0, 531]);
    expect(placedGlyphs(bengali, 'কোন')).toBeNull();
    expect(placedGlyphs(oriya, 'ପ')).toBeNull();
  });
});

describe("every sample word's marks", () => {
  /** HarfBuzz's glyphs for sample words in each script font (scripts/shaping-reference.mjs). */
  const reference = JSON.parse(
    readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'shaping', 'harfbuzz.json'), 'utf8'),
  ) as { words: { font: FontFile; text: string; advances: number[]; offsets?: [number, number][] }[] };
  // fontkit draws other glyphs than HarfBuzz here (fontkitShaping.test.ts, LOOKED_AT).
  const looked = new Set(['น้ำ']);

  it('are drawn where HarfBuzz places them from their letter, across and up', async () => {
    const doc = await PDFDocument.create();
    const fonts = new Map<FontFile, Awaited<ReturnType<typeof embedSubsetFont>>>();
    let marks = 0;
    for (const word of reference.words.filter((w) => !looked.has(w.text))) {
      if (!fonts.has(word.font))
        fonts.set(
          word.font,
          await embedSubsetFont(doc, word.font, `TEST${String.fromCharCode(65 + fonts.size)}A+T`),
        );
      const font = fonts.get(word.font)!;
      const placed = placedGlyphs(font, word.text);
      const widths = (
        font as unknown as {
          embedder: { font: { layout(t: string): { glyphs: { advanceWidth: number }[] } } };
        }
      ).embedder.font
        .layout(word.text)
        .glyphs.map((glyph) => glyph.advanceWidth);
      expect(widths, word.text).toHaveLength(word.advances.length);
      // Where each glyph is drawn (font units, every font here 1,000 to the em): HarfBuzz's from its own
      // advances and offsets; the PDF's from each glyph's width and the moves placedGlyphs makes.
      const offsets = word.offsets ?? word.advances.map(() => [0, 0]);
      let pen = 0;
      const harfBuzz = word.advances.map((advance, i) => {
        const at = pen + offsets[i][0];
        pen += advance;
        return at;
      });
      let drawnPen = 0;
      let moved = 0;
      const drawn = widths.map((width, i) => {
        moved -= placed?.[i]?.back ?? 0;
        const at = drawnPen + moved;
        drawnPen += width;
        return at;
      });
      let letter = -1;
      word.advances.forEach((advance, i) => {
        if (advance !== 0) return void (letter = i);
        if (letter < 0) return;
        marks++;
        expect(drawn[i] - drawn[letter], `${word.text}: glyph ${i}`).toBeCloseTo(
          harfBuzz[i] - harfBuzz[letter],
          0,
        );
        expect(placed?.[i]?.rise ?? 0, `${word.text}: glyph ${i}`).toBeCloseTo(offsets[i][1], 0);
      });
    }
    expect(marks).toBeGreaterThan(40);
  });
});
