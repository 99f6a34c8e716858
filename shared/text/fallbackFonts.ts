/**
 * The fonts a letter's or an email's pages fall back to for letters DejaVu Sans has not: Chinese, Japanese and
 * Korean (Droid Sans Fallback), the scripts of India (Noto Sans Bengali, Devanagari, Gujarati, Gurmukhi,
 * Kannada, Malayalam, Odia, Tamil, Telugu), Ethiopic (Tigrinya, Amharic: Noto Sans Ethiopic), Thai and Sinhala. Arabic script
 * (Arabic, Urdu, Persian, Pashto, Kurdish) is always set in Noto Sans Arabic: DejaVu Sans has Arabic but not
 * Urdu's ے and ہ, and a line of Urdu in two designs would change font mid-sentence. Emoji are drawn in
 * outline, in Noto Emoji (a bundle is printed, often in black and white). Which font sets which
 * character is decided here from tables generated from the fonts (scripts/font-coverage.mjs), so the same text
 * is split the same way wherever it is laid out, and screens can tell what will print without a font at hand.
 */
import { BUNDLE_FONT_COVERAGE } from './bundleFontCoverage';
import { CONTROL, fontHasCharacter, listCharacters, pdfShows, stringsIn } from './bundleFont';
import { FALLBACK_FONT_COVERAGE } from './fallbackFontCoverage';

export type FallbackFontFile = (typeof FALLBACK_FONT_COVERAGE)[number][0];

export const FALLBACK_FONT_FILES: readonly FallbackFontFile[] = FALLBACK_FONT_COVERAGE.map(([file]) => file);

const coverageOf = new Map<FallbackFontFile, readonly (readonly [number, number])[]>(FALLBACK_FONT_COVERAGE);

function fallbackHas(file: FallbackFontFile, codePoint: number): boolean {
  return fontHasCharacter(codePoint, coverageOf.get(file));
}

/** The Arabic blocks (with their presentation forms): letters, digits and punctuation of Arabic script. */
const ARABIC_BLOCKS = /^[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]$/;
const ARABIC_FONT: FallbackFontFile = 'NotoSansArabic-Regular.ttf';
/** Shown as an emoji: by default, or as asked by the variation selector after it (❤️, 1️⃣). */
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const EMOJI = /^\p{Emoji}$/u;
const EMOJI_FONT: FallbackFontFile = 'NotoEmoji-Regular.ttf';

/** The first fallback font that has the character, or null. */
export function fallbackFontFor(codePoint: number): FallbackFontFile | null {
  for (const [file, coverage] of FALLBACK_FONT_COVERAGE)
    if (fontHasCharacter(codePoint, coverage)) return file;
  return null;
}

/**
 * Characters that belong to the letter before them (combining marks, the zero-width joiner and non-joiner,
 * variation selectors): kept in its font's run, so that shaping sees the whole cluster (ক + ্ + ষ is one conjunct).
 */
const CLUSTER_PART = /^(?:\p{M}|\u200c|\u200d|[\ufe00-\ufe0f])$/u;

export interface FontRun {
  text: string;
  /** The fallback font that sets it, or null for the main font (DejaVu Sans). */
  font: FallbackFontFile | null;
}

/**
 * `text` split into runs, in its logical order, each set in one font: emoji (with the joiners, skin tones and
 * selectors of their sequence) in the emoji font, Arabic script in the Arabic font, anything else in DejaVu Sans where it has the character, else the first fallback font that has it (a
 * character none has stays with DejaVu Sans, which prints an empty box). Right-to-left text is put in visual
 * order after this (visualOrder in bidi.ts).
 */
export function fontRuns(text: string, mainCoverage = BUNDLE_FONT_COVERAGE): FontRun[] {
  const runs: FontRun[] = [];
  let current: FontRun | null = null;
  const chars = [...text];
  for (const [i, ch] of chars.entries()) {
    const codePoint = ch.codePointAt(0)!;
    let font: FallbackFontFile | null;
    const keepFallback =
      current?.font != null &&
      (CLUSTER_PART.test(ch) ||
        !fontHasCharacter(codePoint, mainCoverage) ||
        (current.font === EMOJI_FONT && chars[i - 1] === '\u200d')) &&
      fallbackHas(current.font, codePoint);
    const asEmoji = EMOJI_PRESENTATION.test(ch) || (chars[i + 1] === '\ufe0f' && EMOJI.test(ch));
    if (keepFallback) font = current!.font;
    else if (asEmoji && fallbackHas(EMOJI_FONT, codePoint)) font = EMOJI_FONT;
    else if (ARABIC_BLOCKS.test(ch) && fallbackHas(ARABIC_FONT, codePoint)) font = ARABIC_FONT;
    else if (fontHasCharacter(codePoint, mainCoverage)) font = null;
    else font = fallbackFontFor(codePoint);
    if (current && current.font === font) current.text += ch;
    else {
      current = { text: ch, font };
      runs.push(current);
    }
  }
  return runs;
}

/** The fallback fonts `text` needs, in the order of FALLBACK_FONT_FILES. */
export function fallbackFontsFor(text: string): FallbackFontFile[] {
  const needed = new Set<FallbackFontFile>();
  for (const run of fontRuns(text)) if (run.font) needed.add(run.font);
  return FALLBACK_FONT_FILES.filter((file) => needed.has(file));
}

/**
 * The characters of `text` that no font of the app's pages (a bundle's cover, index and dividers, letters,
 * emails laid out as pages, the working document) can print, each once, in order: scripts none of the fonts
 * has (Khmer, Myanmar…). `mainCoverage` is the font tried first (the oblique font for italic text).
 */
export function unprintableOnPages(text: string, mainCoverage = BUNDLE_FONT_COVERAGE): string[] {
  const found = new Set<string>();
  for (const ch of text) {
    const codePoint = ch.codePointAt(0)!;
    if (CONTROL.test(ch)) continue;
    if (!fontHasCharacter(codePoint, mainCoverage) && !fallbackFontFor(codePoint)) found.add(ch);
  }
  return [...found];
}

/**
 * The note for a letter made as a PDF from facts with characters none of its fonts can print, or
 * null. The Word file is set in fonts of the computer that opens it, which may have them.
 */
export function letterPdfNote(facts: unknown): string | null {
  const missing = unprintableOnPages(stringsIn(facts).join(' '));
  if (!missing.length) return null;
  const them = missing.length === 1 ? 'it' : 'them';
  return `${pdfShows('The PDF', missing)} Send the Word file instead, or leave ${them} out of the answers.`;
}

/**
 * The sentence the screens show beside a field whose text the bundle's fonts cannot print, or null. `what`
 * names the field where the sentence is shown away from it (a review screen).
 */
export function unprintableWarning(text: string, what?: string): string | null {
  const missing = unprintableOnPages(text);
  if (!missing.length) return null;
  const one = missing.length === 1;
  return (
    `${what ? `${what}: the` : 'The'} bundle's fonts have no ${listCharacters(missing)}: on the bundle's pages ` +
    `${one ? 'it would print as an empty box' : 'they would print as empty boxes'}. ` +
    `Leave ${one ? 'it' : 'them'} out, or write ${one ? 'it' : 'them'} in another alphabet.`
  );
}
