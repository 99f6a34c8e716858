/**
 * The Unicode font every generated line is set in (DejaVu Sans: names are not all Latin), embedded once
 * per bundle as a subset, with the fallback fonts the bundle's text needs for letters it has not (Chinese,
 * Bengali…: shared/text/fallbackFonts.ts), and their metrics for the plan's index layout.
 */
import { PDFName, type PDFDocument, type PDFFont } from '@cantoo/pdf-lib';
import type { MeasureText } from '../../../shared/bundle/textLayout';
import { visualOrder } from '../../../shared/text/bidi';
import { stringsIn } from '../../../shared/text/bundleFont';
import {
  FALLBACK_FONT_FILES,
  fallbackFontsFor,
  fontRuns,
  type FallbackFontFile,
} from '../../../shared/text/fallbackFonts';
import { embedSubsetFont, fontkitFont } from '../pdf/fonts';
import { setFallbackFonts, SIMPLE, type FallbackFont } from './text';

/** A fixed subset tag keeps the output deterministic (pdf-lib would add a random-looking suffix). */
const FONT_NAME = 'BUNDLE+DejaVuSans';

/** Nothing beyond Latin, Greek, Cyrillic, Armenian, and punctuation: no fallback font can be needed. */
const WITHIN_DEJAVU_BLOCKS = /^[\t\n\r\u0020-\u058f\u2000-\u206f]*$/;

/**
 * Embeds DejaVu Sans (subset) into `doc`: one font object for every generated line and stamp. `drawn` is
 * what the pages will say (a plan, a cover's facts: every string in it counts): the fallback fonts its
 * letters need are embedded with it, under fixed subset names.
 */
export async function embedBundleFont(doc: PDFDocument, drawn?: unknown): Promise<PDFFont> {
  const font = await embedSubsetFont(doc, 'DejaVuSans.ttf', FONT_NAME);
  const needed = drawn === undefined ? [] : fallbackFontsForStrings(stringsIn(drawn));
  if (needed.length) {
    const fallbacks = new Map<FallbackFontFile, FallbackFont>();
    for (const [i, file] of needed.entries()) {
      const tag = `BNDL${String.fromCharCode(65 + FALLBACK_FONT_FILES.indexOf(file))}A`;
      const name = `${tag}+${file.replace(/(-Regular)?\.ttf$/, '')}`;
      fallbacks.set(file, {
        font: await embedSubsetFont(doc, file, name),
        resource: PDFName.of(`SBFb${i + 1}`),
      });
    }
    setFallbackFonts(font, fallbacks);
  }
  return font;
}

/**
 * The fallback fonts a set of strings needs: each distinct string read once, and those within DejaVu Sans's
 * blocks not at all. A plan holds a fingerprint, a label and a source for every page: read whole, letter by
 * letter, as one text, they took a build 0.06 s once a single name needed a fallback font.
 */
export function fallbackFontsForStrings(strings: string[]): FallbackFontFile[] {
  const needed = new Set<FallbackFontFile>();
  for (const text of new Set(strings)) {
    if (WITHIN_DEJAVU_BLOCKS.test(text)) continue;
    for (const file of fallbackFontsFor(text)) needed.add(file);
  }
  return FALLBACK_FONT_FILES.filter((file) => needed.has(file));
}

const advances = new Map<number, number>();

/**
 * Real DejaVu Sans widths, for the plan's index layout: simple text from per-character advances (cached),
 * anything else shaped by the layout engine, in the same right-to-left runs the PDF draws.
 */
export const measureWithDejaVu: MeasureText = (text, size) => {
  // The instance the bundle embeds: its tables are decoded once for measuring and drawing.
  const font = fontkitFont('DejaVuSans.ttf');
  let units = 0;
  if (SIMPLE.test(text)) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let advance = advances.get(cp);
      if (advance === undefined) advances.set(cp, (advance = font.glyphForCodePoint(cp).advanceWidth));
      units += advance;
    }
  } else {
    // As the pages draw it (text.ts): each piece in the font that has its letters, in the same pieces.
    let em = 0;
    for (const piece of visualOrder(fontRuns(text))) {
      const pieceFont = piece.font ? fontkitFont(piece.font) : font;
      let pieceUnits = 0;
      for (const glyph of pieceFont.layout(piece.text).glyphs) pieceUnits += glyph.advanceWidth;
      em += pieceUnits / pieceFont.unitsPerEm;
    }
    return em * size;
  }
  return (units / font.unitsPerEm) * size;
};
