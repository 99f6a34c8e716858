import { describe, expect, it } from 'vitest';
import {
  coverageRanges,
  FALLBACK_FONT_FILES as GENERATED_FILES,
} from '../../../../scripts/font-coverage.mjs';
import { FALLBACK_FONT_COVERAGE } from '../../../../shared/text/fallbackFontCoverage';
import {
  FALLBACK_FONT_FILES,
  fallbackFontFor,
  fallbackFontsFor,
  fontRuns,
  letterPdfNote,
  unprintableOnPages,
  unprintableWarning,
} from '../../../../shared/text/fallbackFonts';

describe('the fonts letters fall back to', () => {
  it('has the tables the fonts give (run scripts/font-coverage.mjs after changing them)', () => {
    expect(FALLBACK_FONT_FILES).toEqual(GENERATED_FILES);
    for (const [file, coverage] of FALLBACK_FONT_COVERAGE)
      expect(coverage, file).toEqual(coverageRanges([file]));
  });

  it('finds a font for the scripts families in England write in', () => {
    const cases: [string, string][] = [
      ['王', 'DroidSansFallback.ttf'],
      ['こ', 'DroidSansFallback.ttf'],
      ['한', 'DroidSansFallback.ttf'],
      ['আ', 'NotoSansBengali-Regular.ttf'],
      ['म', 'NotoSansDevanagari-Regular.ttf'],
      ['ਪ', 'NotoSansGurmukhi-Regular.ttf'],
      ['ગ', 'NotoSansGujarati-Regular.ttf'],
      ['த', 'NotoSansTamil-Regular.ttf'],
      ['മ', 'NotoSansMalayalam-Regular.ttf'],
      ['త', 'NotoSansTelugu-Regular.ttf'],
      ['ಕ', 'NotoSansKannada-Regular.ttf'],
      ['କ', 'NotoSansOriya-Regular.ttf'],
      ['ሰ', 'NotoSansEthiopic-Regular.ttf'],
      ['ก', 'NotoSansThai-Regular.ttf'],
      ['ශ', 'NotoSansSinhala-Regular.ttf'],
      // Urdu's ے, which DejaVu Sans has not.
      ['ے', 'NotoSansArabic-Regular.ttf'],
    ];
    for (const [ch, file] of cases) expect(fallbackFontFor(ch.codePointAt(0)!), ch).toBe(file);
    expect(fallbackFontFor('👧'.codePointAt(0)!)).toBe('NotoEmoji-Regular.ttf');
    expect(fallbackFontFor('ខ'.codePointAt(0)!)).toBeNull();
  });

  it('sets each letter in DejaVu Sans where it can, and keeps a cluster in one font', () => {
    expect(fontRuns('Dear Ms 王, 谢谢.')).toEqual([
      { text: 'Dear Ms ', font: null },
      { text: '王', font: 'DroidSansFallback.ttf' },
      { text: ', ', font: null },
      { text: '谢谢', font: 'DroidSansFallback.ttf' },
      { text: '.', font: null },
    ]);
    // ক্ষ is ক, the virama and ষ; the zero-width joiner (which DejaVu has) stays with them, as does the danda.
    expect(fontRuns('ক্\u200dষ। Sam')).toEqual([
      { text: 'ক্\u200dষ।', font: 'NotoSansBengali-Regular.ttf' },
      { text: ' Sam', font: null },
    ]);
    // A combining accent after a Latin letter stays in DejaVu Sans, which has it.
    expect(fontRuns('Zoe\u0308')).toEqual([{ text: 'Zoe\u0308', font: null }]);
    // Arabic script is set in the Arabic font even where DejaVu Sans has the letter, so an Urdu sentence is in one
    // design; the spaces between its words stay in DejaVu Sans (bidi.ts draws the pieces right to left).
    expect(fontRuns('علی ہے، Sam')).toEqual([
      { text: 'علی', font: 'NotoSansArabic-Regular.ttf' },
      { text: ' ', font: null },
      { text: 'ہے،', font: 'NotoSansArabic-Regular.ttf' },
      { text: ' Sam', font: null },
    ]);
    // Hebrew stays in DejaVu Sans, which has it.
    expect(fontRuns('שרה')).toEqual([{ text: 'שרה', font: null }]);
    // What is shown as an emoji is set in the emoji font with the rest of its sequence (a skin tone, the
    // joiner and the next emoji, a flag's two letters, the tags of England's flag); © without the emoji
    // selector is text.
    const EMOJI = 'NotoEmoji-Regular.ttf';
    expect(
      fontRuns('Thanks 👍🏽 ❤️ © 🇬🇧 1️⃣ 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} 👩\u200d👦'),
    ).toEqual([
      { text: 'Thanks ', font: null },
      { text: '👍🏽', font: EMOJI },
      { text: ' ', font: null },
      { text: '❤️', font: EMOJI },
      { text: ' © ', font: null },
      { text: '🇬🇧', font: EMOJI },
      { text: ' ', font: null },
      { text: '1️⃣', font: EMOJI },
      { text: ' ', font: null },
      { text: '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}', font: EMOJI },
      { text: ' ', font: null },
      { text: '👩\u200d👦', font: EMOJI },
    ]);
    // What no font has (Khmer) stays with DejaVu Sans (an empty box).
    expect(fontRuns('aខ')).toEqual([{ text: 'aខ', font: null }]);
  });

  it('lists the fonts a text needs, in their order, once each', () => {
    expect(fallbackFontsFor('Hello')).toEqual([]);
    expect(fallbackFontsFor('王 আমার 王 मेरे')).toEqual([
      'NotoSansBengali-Regular.ttf',
      'NotoSansDevanagari-Regular.ttf',
      'DroidSansFallback.ttf',
    ]);
  });

  it('names what no font of a letter can print, and notes it for a letter PDF', () => {
    expect(unprintableOnPages('王小明 আমার Ελένη 👧 ខ ស ខ')).toEqual(['ខ', 'ស']);
    // Line breaks and tabs are never printed, so never missing.
    expect(unprintableOnPages('one\ntwo\tthree\r\n')).toEqual([]);
    expect(unprintableOnPages('یہ میرا بیٹا ہے۔ สวัสดี ශ්‍රී ලංකාව')).toEqual([]);
    expect(letterPdfNote({ name: 'Anna', rows: [['a', { who: '李娜' }]] })).toBeNull();
    expect(letterPdfNote({ name: 'Anna', rows: [['a', { who: '李娜 ខ' }]] })).toBe(
      'The PDF shows “ខ” as an empty box: its font has no such letter. Send the Word file instead, or leave it out of the answers.',
    );
    expect(letterPdfNote(['ខស'])).toMatch(/as empty boxes: .* or leave them out of the answers\.$/);
  });

  it('warns beside a field of what the bundle would print as boxes, naming the field where asked', () => {
    expect(unprintableWarning('王小明 (Wang Xiaoming)')).toBeNull();
    expect(unprintableWarning('Şükrü Öztürk')).toBeNull();
    expect(unprintableWarning('សុខា')).toBe(
      "The bundle's fonts have no “ស”, “ុ”, “ខ” and “ា”: on the bundle's pages they would print as empty boxes. Leave them out, or write them in another alphabet.",
    );
    expect(unprintableWarning('Sam ខ', 'Child or young person')).toBe(
      "Child or young person: the bundle's fonts have no “ខ”: on the bundle's pages it would print as an empty box. Leave it out, or write it in another alphabet.",
    );
  });
});
