import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { embedBundleFont } from '../../../../../electron/services/bundle/fonts';
import { stampPage } from '../../../../../electron/services/bundle/stamp';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { StampReader } from '../../../../../electron/services/pdf/read/stamps';
import { embedSubsetFont, fontkitFont } from '../../../../../electron/services/pdf/fonts';

describe('fonts shared by every embedding in a process', () => {
  it('keep the characters of a glyph that another embedding used only as part of a composite', async () => {
    // DejaVu draws the Cyrillic "С" with the Latin "C": writing this subset makes fontkit's glyph for "C"
    // as a part, with no characters.
    const letter = await PDFDocument.create();
    const font = await embedSubsetFont(letter, 'DejaVuSans.ttf', 'LTRAAA+DejaVuSans');
    letter.addPage().drawText('Смирнов', { font, size: 12, x: 72, y: 720 });
    await letter.save();

    const bundle = await PDFDocument.create();
    const bundleFont = await embedBundleFont(bundle);
    stampPage(bundle, bundle.addPage([595, 842]), 'C1', bundleFont);
    const file = PdfFile.open({ bytes: await bundle.save() });
    try {
      expect(new StampReader(file.reader).read(file.pages[0]).text).toBe('C1');
    } finally {
      file.close();
    }
  });
});

/** The embedded TrueType font programs (FontFile2 streams) of a PDF, parsed by fontkit. */
async function embeddedFonts(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf);
  const fonts = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor'))
      continue;
    const file = doc.context.lookup(object.get(PDFName.of('FontFile2')));
    if (file instanceof PDFRawStream)
      fonts.push(fontkit.create(Buffer.from(decodePDFRawStream(file).decode())));
  }
  return fonts;
}

describe('subsets of fonts whose glyphs have odd lengths', () => {
  it('keep every glyph whole (Droid Sans Fallback: most Chinese characters printed as nothing)', async () => {
    const text = '王小明的学校报告こんにちは안녕하세요';
    const doc = await PDFDocument.create();
    const font = await embedSubsetFont(doc, 'DroidSansFallback.ttf', 'TESTAA+DroidSansFallback');
    doc.addPage().drawText(text, { font, size: 12, x: 72, y: 720 });
    const [subset] = await embeddedFonts(await doc.save());

    const source = fontkitFont('DroidSansFallback.ttf');
    const outline = (glyph: { path: { toSVG(): string } }) => glyph.path.toSVG();
    const characters = [...text];
    const expected = characters.map((ch) => outline(source.glyphForCodePoint(ch.codePointAt(0)!)));
    // Each character's glyph in the subset, by the id the page's text gives it.
    const written = characters.map((ch) =>
      outline(subset.getGlyph(parseInt(font.encodeText(ch).asString(), 16))),
    );
    expect(written).toEqual(expected);
    expect(expected.every((path) => path.length > 50)).toBe(true);
  });
});

describe('fonts for the scripts of India', () => {
  it('shape a conjunct into one glyph (fontkit’s Indic shaper needs regeneratorRuntime)', async () => {
    const doc = await PDFDocument.create();
    const font = await embedSubsetFont(doc, 'NotoSansBengali-Regular.ttf', 'TESTAB+NotoSansBengali');
    const glyphs = (text: string) => font.encodeText(text).asString().length / 4;
    // ক, the virama and ষ: one glyph, not three.
    expect(glyphs('ক্ষ')).toBe(1);
    // The vowel sign ি is drawn before the letter it follows in writing.
    expect(glyphs('কি')).toBe(2);
    expect(font.encodeText('কি').asString()).not.toBe(
      font.encodeText('ক').asString() + font.encodeText('ি').asString(),
    );
  });
});
