import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { embedBundleFont } from '../../../../../electron/services/bundle/fonts';
import { fontText, PageText } from '../../../../../electron/services/bundle/text';
import { drawTextAsWritten, needsActualText } from '../../../../../electron/services/pdf/actualText';
import { embedSubsetFont, type FontFile } from '../../../../../electron/services/pdf/fonts';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { ContentTextReader } from '../../../../../electron/services/pdf/read/contentText';

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
