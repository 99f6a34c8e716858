import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { fontkitFont, type FontFile } from '../../../../../electron/services/pdf/fonts';
import { correctShaping, positionedLayout } from '../../../../../electron/services/pdf/fontkitShaping';
import { REPO_ROOT } from '../../../../helpers/repo';

interface ReferenceWord {
  font: FontFile;
  text: string;
  glyphs: string[];
  /** Each glyph's offset [x, y] in font units, where any is not 0. */
  offsets?: [number, number][];
}
/** What HarfBuzz gave for each word (scripts/shaping-reference.mjs). */
const reference = JSON.parse(
  readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'shaping', 'harfbuzz.json'), 'utf8'),
) as { shaper: string; words: ReferenceWord[] };

const glyphNames = (font: ReturnType<typeof fontkit.create>, text: string) =>
  font.layout(text).glyphs.map((glyph) => (glyph as unknown as { name: string }).name);

/** A parse of the font with none of the app's corrections, as fontkit comes. */
const uncorrected = (file: FontFile) =>
  fontkit.create(readFileSync(join(REPO_ROOT, 'resources', 'fonts', file)));

/**
 * Words where fontkit draws other glyphs than HarfBuzz, looked at and found to print the same: what fontkit
 * gives, and why.
 */
const LOOKED_AT: Record<string, { glyphs: string[]; why: string }> = {
  น้ำ: {
    glyphs: ['uni0E19', 'nikhahit_maiThothai', 'uni0E32'],
    why:
      "HarfBuzz's Thai shaper moves ำ's circle before the tone mark and sets the two marks apart; fontkit has " +
      'no Thai shaper, and the font draws the same pair as one glyph of its own.',
  },
};

describe('text shaping, against HarfBuzz', () => {
  it.each(reference.words.map((word) => [word.font.replace(/-Regular\.ttf$/, ''), word.text, word]))(
    '%s: %s',
    (_font, _text, word) => {
      expect(glyphNames(fontkitFont(word.font), word.text)).toEqual(
        LOOKED_AT[word.text]?.glyphs ?? word.glyphs,
      );
    },
  );

  it.each(
    reference.words
      .filter((word) => !LOOKED_AT[word.text])
      .map((word) => [word.font.replace(/-Regular\.ttf$/, ''), word.text, word]),
  )('%s: %s, its glyphs placed where HarfBuzz places them, when drawn', (_font, _text, word) => {
    const run = positionedLayout(fontkitFont(word.font), word.text);
    expect(run?.positions.map((p) => [p.xOffset, p.yOffset])).toEqual(
      word.offsets ?? word.glyphs.map(() => [0, 0]),
    );
  });

  it('differs from HarfBuzz only where the difference was looked at', () => {
    for (const text of Object.keys(LOOKED_AT)) {
      const word = reference.words.find((w) => w.text === text)!;
      expect(word.glyphs).not.toEqual(LOOKED_AT[text].glyphs);
    }
  });

  it('covers every script font a letter falls back to that shapes its letters', () => {
    const fonts = new Set(reference.words.map((word) => word.font));
    for (const font of [
      'NotoSansSinhala-Regular.ttf',
      'NotoSansBengali-Regular.ttf',
      'NotoSansDevanagari-Regular.ttf',
      'NotoSansTamil-Regular.ttf',
      'NotoSansMalayalam-Regular.ttf',
      'NotoSansKannada-Regular.ttf',
      'NotoSansOriya-Regular.ttf',
      'NotoSansThai-Regular.ttf',
      'NotoSansArabic-Regular.ttf',
    ])
      expect(fonts).toContain(font);
  });
});

describe("Sinhala's split vowels ේ and ෝ", () => {
  it('threw at the end of a word, and drew a dotted circle before the next, without the correction', () => {
    const font = uncorrected('NotoSansSinhala-Regular.ttf');
    expect(() => font.layout('ලියන්නේ')).toThrow(/syllable/);
    expect(glyphNames(font, 'කෝපි')).toContain('uni25CC');
  });

  it('are laid out as HarfBuzz lays them out, with no dotted circle', () => {
    const font = fontkitFont('NotoSansSinhala-Regular.ttf');
    expect(glyphNames(font, 'කෝපි')).toEqual([
      'evowelsignsinh',
      'kasinh',
      'oovowelsignaltsinh',
      'pivowelsinh',
    ]);
    expect(glyphNames(font, 'ලියන්නේ')).not.toContain('uni25CC');
  });

  it('keep the characters they were typed as, for copying text out of the PDF', () => {
    const glyphs = fontkitFont('NotoSansSinhala-Regular.ttf').layout('කේ').glyphs;
    expect(glyphs.flatMap((glyph) => glyph.codePoints)).toEqual([0x0dd9, 0x0d9a, 0x0dca]);
  });
});

describe('vowel signs written before their letter', () => {
  it('take their word-initial form at the start of a word only', () => {
    // ছেলের ("son's"): the first ে starts the word, the second follows ছ.
    const initialForms = (names: string[]) => names.filter((name) => name === 'evowelsigninibeng').length;
    expect(initialForms(glyphNames(uncorrected('NotoSansBengali-Regular.ttf'), 'ছেলের'))).toBe(2);
    expect(initialForms(glyphNames(fontkitFont('NotoSansBengali-Regular.ttf'), 'ছেলের'))).toBe(1);
  });
});

describe('glyph positions, which pdf-lib never reads', () => {
  it("are not computed: the glyphs are fontkit's, in display order, each at its own advance", () => {
    for (const [file, text] of [
      ['DejaVuSans.ttf', 'AV Wa Tête-à-tête ﬁnance office'],
      ['DejaVuSans.ttf', 'שלום עולם'],
      ['NotoSansArabic-Regular.ttf', 'میرا نام علی ہے'],
      ['NotoSansBengali-Regular.ttf', 'আমার নাম ক্ষমা'],
    ] as const) {
      const ours = fontkitFont(file).layout(text);
      const theirs = uncorrected(file).layout(text);
      expect(ours.glyphs.map((glyph) => glyph.id)).toEqual(theirs.glyphs.map((glyph) => glyph.id));
      expect(ours.positions.map((p) => p.xAdvance)).toEqual(ours.glyphs.map((glyph) => glyph.advanceWidth));
    }
  });
});

describe('text fontkit could not lay out', () => {
  it('a vowel sign with no letter before it, in Sinhala, is a syllable of its own', () => {
    const text = String.fromCodePoint(0x0dd4, 0x0d9a, 0x0db3, 0x200c);
    expect(() => uncorrected('NotoSansSinhala-Regular.ttf').layout(text)).toThrow(/syllable/);
    expect(glyphNames(fontkitFont('NotoSansSinhala-Regular.ttf'), text)).toEqual(
      expect.arrayContaining(['uvowelsignsinh', 'kasinh', 'ndasinh']),
    );
  });

  it('a mark the font has no anchor for on the letter before it (attaching it threw)', () => {
    for (const [file, codePoints] of [
      ['NotoSansThai-Regular.ttf', [0x0e2c, 0x0e38, 0x0e4c, 0x0e08, 0x0e13, 0x0e5b]],
      ['NotoSansArabic-Regular.ttf', [0x06ec, 0x069b, 0x06e6, 0x0651, 0x063d]],
    ] as const) {
      const text = String.fromCodePoint(...codePoints);
      expect(() => uncorrected(file).layout(text)).toThrow(/xCoordinate/);
      expect(fontkitFont(file).layout(text).glyphs.length).toBeGreaterThan(0);
    }
  });

  it('whatever else throws is set unshaped, one glyph a character, rather than failing the page', () => {
    const font = uncorrected('NotoSansBengali-Regular.ttf');
    correctShaping(font);
    const engine = (font as unknown as { _layoutEngine: { engine: { substitute: () => void } } })
      ._layoutEngine.engine;
    engine.substitute = () => {
      throw new Error('a shaping bug');
    };
    const glyphs = font.layout('কোন').glyphs;
    expect(glyphs.map((glyph) => glyph.codePoints)).toEqual([[0x0995], [0x09cb], [0x09a8]]);
  });
});

describe('text laid out with positions, to be drawn', () => {
  it('is null where positioning throws (a mark with no anchor on its letter), and layout still shapes it', () => {
    const font = fontkitFont('NotoSansThai-Regular.ttf');
    expect(positionedLayout(font, 'ฬุ์')).toBeNull();
    expect(glyphNames(font, 'ฬุ์')).toEqual(['uni0E2C', 'uni0E38', 'uni0E4C']);
    // Not a copy of layout's glyphs set unshaped (correction 5): those of the shaped text.
    const run = positionedLayout(font, 'น้ำ');
    expect(run?.glyphs.map((glyph) => glyph.id)).toEqual(font.layout('น้ำ').glyphs.map((glyph) => glyph.id));
  });
});
