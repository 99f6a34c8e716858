import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Letter } from '../../../../../electron/services/letters/model';
import { renderLetterPdf } from '../../../../../electron/services/letters/pdf';

const dir = mkdtempSync(join(tmpdir(), 'letter-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** poppler's text of the PDF (an independent reader of its fonts' character maps), line by line. */
function popplerLines(pdf: Uint8Array): string[] {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

async function fontNames(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const names: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects())
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'))
      names.push(object.get(PDFName.of('FontName'))!.toString().slice(1));
  return names.sort();
}

const letter = (paragraphs: string[], heading = 'About my son'): Letter => ({
  title: 'Letter',
  date: '2026-12-02',
  undated: true,
  heading,
  body: paragraphs.map((text) => ({ type: 'paragraph', text })),
});

const CHINESE =
  '尊敬的老师：我写信是想告诉您，我的儿子在学校里遇到了很多困难。他需要更多的支持，特别是在阅读和写作方面。' +
  '地方当局拒绝了我们的评估请求，我们打算向特殊教育需求和残疾法庭提出上诉。「谢谢您的帮助。」';

const THAI =
  'เรียนคุณครูที่เคารพดิฉันเขียนจดหมายฉบับนี้เพื่อแจ้งให้ทราบว่าลูกชายของดิฉันมีปัญหาในการเรียนที่โรงเรียนมาก' +
  'เขาต้องการความช่วยเหลือเพิ่มเติมโดยเฉพาะในการอ่านและการเขียนหน่วยงานท้องถิ่นปฏิเสธคำขอประเมินของเรา';

describe('letter PDFs in scripts DejaVu Sans has not', () => {
  it('embed only DejaVu Sans when the letter needs nothing else', async () => {
    expect(
      await fontNames(await renderLetterPdf(letter(['Dear Ms Kowalczyk-Ní Bhriain, Ελένη, שרה']))),
    ).toEqual(['LTRAAA+DejaVuSans', 'LTRAAB+DejaVuSans-Bold']);
  });

  it('set Chinese, Japanese, Korean, Indian scripts and Ethiopic in fallback fonts, as text', async () => {
    const paragraphs = [
      '王小明 (Wang Xiaoming)',
      'こんにちは。よろしくお願いいたします。',
      '안녕하세요. 제 아들의 학교 보고서',
      'আমার নাম ক্ষমা',
      'મારા પુત્રનો',
      'ናይ ወደይ ጸብጻብ',
    ];
    const pdf = await renderLetterPdf(letter(paragraphs, '关于我儿子的计划'));
    expect(await fontNames(pdf)).toEqual([
      'LTRAAA+DejaVuSans',
      'LTRAAB+DejaVuSans-Bold',
      'LTRBAA+NotoSansBengali',
      'LTRBCA+NotoSansGujarati',
      'LTRBHA+NotoSansEthiopic',
      'LTRBKA+DroidSansFallback',
    ]);
    const lines = popplerLines(pdf);
    expect(lines).toContain('关于我儿子的计划');
    for (const text of paragraphs) expect(lines).toContain(text);
    // The same letter gives the same bytes.
    expect(
      Buffer.from(await renderLetterPdf(letter(paragraphs, '关于我儿子的计划'))).equals(Buffer.from(pdf)),
    ).toBe(true);
  });

  it('set Urdu, Arabic and Persian in the Arabic font, right to left, and Thai and Sinhala in theirs', async () => {
    const paragraphs = ['میرا نام علی ہے۔', 'Dear محمد الحسن', 'خوش آمدید', 'สวัสดีครับ น้ำ', 'ශ්‍රී ලංකාව'];
    const pdf = await renderLetterPdf(letter(paragraphs));
    expect(await fontNames(pdf)).toEqual([
      'LTRAAA+DejaVuSans',
      'LTRAAB+DejaVuSans-Bold',
      'LTRBIA+NotoSansThai',
      'LTRBJA+NotoSansSinhala',
      'LTRBLA+NotoSansArabic',
    ]);
    // poppler marks right-to-left text with embedding characters, and gives Sinhala's reordered vowel sign
    // where it is drawn: the words are compared without them.
    const lines = popplerLines(pdf).map((line) => line.replace(/[\u202a-\u202e]/g, ''));
    for (const text of paragraphs.slice(0, 4)) expect(lines).toContain(text);
    expect(lines.some((line) => line.endsWith(' ලංකාව'))).toBe(true);
  });

  it('set Kannada and Odia in theirs, after the fonts that were there before them', async () => {
    // "My son needs extra help at school", in each; Karnataka (a reph), vowel signs in two parts.
    const paragraphs = [
      'ನನ್ನ ಮಗನಿಗೆ ಶಾಲೆಯಲ್ಲಿ ಹೆಚ್ಚುವರಿ ಸಹಾಯ ಬೇಕು',
      'ಕರ್ನಾಟಕ ಕೊಡು ಕೋಣೆ ಕೈ',
      'ମୋ ପୁଅକୁ ସ୍କୁଲରେ ଅତିରିକ୍ତ ସାହାଯ୍ୟ ଦରକାର',
    ];
    const pdf = await renderLetterPdf(letter(paragraphs));
    expect(await fontNames(pdf)).toEqual([
      'LTRAAA+DejaVuSans',
      'LTRAAB+DejaVuSans-Bold',
      'LTRBNA+NotoSansKannada',
      'LTRBOA+NotoSansOriya',
    ]);
    const lines = popplerLines(pdf);
    for (const text of paragraphs) expect(lines).toContain(text);
  });

  it('set Sinhala whose words end in the split vowel ේ, which could not be laid out', async () => {
    // "I am writing to you": ලියන්නේ ends in ේ, which fontkit split into two signs and then threw on.
    const pdf = await renderLetterPdf(letter(['මම ඔබට ලියන්නේ', 'මගේ පුතාට පාසලේ අමතර සහාය අවශ්‍යයි']));
    expect(await fontNames(pdf)).toContain('LTRBJA+NotoSansSinhala');
    const lines = popplerLines(pdf);
    expect(lines.some((line) => line.startsWith('මම ඔබට '))).toBe(true);
    expect(lines.some((line) => line.includes(' අමතර සහාය '))).toBe(true);
  });

  it('draw emoji in outline, from the emoji font, as text a reader can copy', async () => {
    const pdf = await renderLetterPdf(letter(['Thanks 👍 see you at 3pm ❤️', 'The school said no 🙁 🇬🇧']));
    expect(await fontNames(pdf)).toEqual(['LTRAAA+DejaVuSans', 'LTRAAB+DejaVuSans-Bold', 'LTRBMA+NotoEmoji']);
    const lines = popplerLines(pdf);
    expect(lines).toContain('Thanks 👍 see you at 3pm ❤️');
    expect(lines).toContain('The school said no 🙁 🇬🇧');
  });

  it("set the footer's child's name in a fallback font too, as the Word file has it", async () => {
    // The footer (tribunal reference and child's name) is on every page: a Chinese or Arabic name printed
    // there as empty boxes while the body and the Word file have it.
    const pdf = await renderLetterPdf({
      ...letter(['Dear Sir or Madam']),
      footer: 'Tribunal reference EH123/26/00001 · 王小明 · محمد',
    });
    const lines = popplerLines(pdf).map((line) => line.replace(/[\u202a-\u202e]/g, ''));
    expect(lines.some((line) => line.startsWith('Tribunal reference EH123/26/00001 · 王小明 · محمد'))).toBe(
      true,
    );
  });

  it('cut a footer too long for its line short with an ellipsis, whatever its script', async () => {
    const name = '王小明'.repeat(40);
    const lines = popplerLines(await renderLetterPdf({ ...letter(['Hello']), footer: name }));
    const footer = lines.find((line) => line.startsWith('王小明'));
    expect(footer).toMatch(/^(王小明)+(王|王小)?…/);
  });

  it('wrap Chinese between characters, never starting a line with closing punctuation', async () => {
    const lines = popplerLines(await renderLetterPdf(letter([CHINESE])));
    const body = lines.slice(lines.indexOf('About my son') + 1, -1);
    expect(body.length).toBeGreaterThanOrEqual(3);
    expect(body.join('')).toBe(CHINESE);
    for (const line of body) expect(line).not.toMatch(/^[，。、：」）]/);
  });

  it('wrap Thai between words, found by dictionary, never inside one', async () => {
    const lines = popplerLines(await renderLetterPdf(letter([THAI])));
    const body = lines.slice(lines.indexOf('About my son') + 1, -1);
    expect(body.length).toBeGreaterThanOrEqual(2);
    expect(body.join('')).toBe(THAI);
    const wordEnds = new Set<number>();
    for (const { index, segment } of new Intl.Segmenter('th', { granularity: 'word' }).segment(THAI))
      wordEnds.add(index + segment.length);
    let at = 0;
    for (const line of body) {
      at += line.length;
      expect(wordEnds.has(at), `a line ends at ${at}, inside a word: “${line.slice(-6)}”`).toBe(true);
    }
  });
});

describe('letter pages', () => {
  it('name each font once in their resources, however many lines they draw in it', async () => {
    const pdf = await renderLetterPdf(letter(Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}.`)));
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    for (const page of doc.getPages()) {
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      const named = fonts.entries().map(([, ref]) => ref.toString());
      // pdf-lib's drawText named the font again for every line: sixty names for one font on a page.
      expect(new Set(named).size).toBe(named.length);
    }
    expect(popplerLines(pdf)).toContain('Paragraph 60.');
  });

  it('stop at maxPages, saying so, rather than lay out a text of any length', async () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `Paragraph ${i + 1}.`);
    const pages = (await PDFDocument.load(await renderLetterPdf(letter(paragraphs)))).getPageCount();
    expect(pages).toBeGreaterThan(3);
    await expect(renderLetterPdf(letter(paragraphs), { maxPages: pages - 1 })).rejects.toMatchObject({
      name: 'Error',
      maxPages: pages - 1,
      atLeast: pages,
    });
    await expect(renderLetterPdf(letter(paragraphs), { maxPages: pages })).resolves.toBeInstanceOf(
      Uint8Array,
    );
  });
});

describe('a word longer than a line', () => {
  /** Each line poppler finds on the first page: its text and its right edge, in points. */
  function popplerLineEdges(pdf: Uint8Array): { text: string; right: number }[] {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(path, pdf);
    const html = execFileSync('pdftotext', ['-bbox-layout', '-f', '1', '-l', '1', path, '-'], {
      encoding: 'utf8',
    });
    return [
      ...html.matchAll(/<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g),
    ].map(([, xMax, words]) => ({
      text: [...words.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map(([, w]) => w).join(' '),
      right: Number(xMax),
    }));
  }

  it('is broken between its characters, each line within the margin, nothing lost', async () => {
    const address = `https://example.org/${'reports/2026/speech-and-language-'.repeat(12)}end`;
    const lines = popplerLineEdges(await renderLetterPdf(letter([address], 'Link')));
    const parts = lines.filter((line) => line.text.startsWith('http') || line.text.includes('/'));
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.map((line) => line.text).join('')).toBe(address);
    for (const line of parts) expect(line.right).toBeLessThanOrEqual(595.28 - 64 + 0.5);
    // All but the last line fill it nearly to the margin.
    for (const line of parts.slice(0, -1)) expect(line.right).toBeGreaterThan(595.28 - 64 - 12);
  });
});
