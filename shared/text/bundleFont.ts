/**
 * What the app's own PDF pages can print. Every generated line (a bundle's cover, index and dividers, letter
 * and working-document PDFs) is set in DejaVu Sans, which has Latin, Greek, Cyrillic, Armenian, Georgian,
 * Hebrew and Arabic letters but not, say, Chinese, Bengali, Urdu or emoji: such a character prints as an empty
 * box and is lost from the page's text. (Letters and emails laid out as letters fall back to other fonts for
 * such letters: fallbackFonts.ts.) These functions let the plan and the screens say so before anything
 * is made, with no font at hand (the tables are generated from the fonts: scripts/font-coverage.mjs).
 */
import { BUNDLE_FONT_COVERAGE, OBLIQUE_FONT_COVERAGE } from './bundleFontCoverage';

type Coverage = readonly (readonly [number, number])[];

/** Whether the font has a glyph for the code point (the upright fonts unless told). */
export function fontHasCharacter(codePoint: number, coverage: Coverage = BUNDLE_FONT_COVERAGE): boolean {
  let lo = 0;
  let hi = coverage.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = coverage[mid];
    if (range === undefined) return false;
    const [first, last] = range;
    if (codePoint < first) hi = mid - 1;
    else if (codePoint > last) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Line breaks and tabs (and other control characters) are never printed, so never missing. */
export const CONTROL = /^\p{Cc}$/u;

/** The characters of `text` the font cannot print, each once, in the order they first appear. */
export function unprintableCharacters(text: string, style: 'upright' | 'oblique' = 'upright'): string[] {
  const coverage = style === 'oblique' ? OBLIQUE_FONT_COVERAGE : BUNDLE_FONT_COVERAGE;
  const found = new Set<string>();
  for (const ch of text) {
    if (!CONTROL.test(ch) && !fontHasCharacter(ch.codePointAt(0)!, coverage)) found.add(ch);
  }
  return [...found];
}

/** “王”, “小” and “明” (the first `max`, then how many more). */
export function listCharacters(chars: string[], max = 8): string {
  const shown = chars.slice(0, max).map((ch) => `“${ch}”`);
  const more = chars.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Every string in a value (a letter's facts: text, lists, tables of rows), in order. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}

/** “The PDF shows “王” as an empty box: its font has no such letter.” */
export function pdfShows(subject: string, missing: string[]): string {
  const one = missing.length === 1;
  return `${subject} shows ${listCharacters(missing)} as ${one ? 'an empty box' : 'empty boxes'}: its font has no such ${one ? 'letter' : 'letters'}.`;
}

/** The same for a working document (its PDF is the copy that goes in the bundle), given what it cannot print. */
export function workingDocumentPdfNote(missing: string[]): string | null {
  if (!missing.length) return null;
  const them = missing.length === 1 ? 'it' : 'them';
  return `${pdfShows('The PDF (the copy in the bundle)', missing)} Leave ${them} out, or write ${them} in another alphabet.`;
}
