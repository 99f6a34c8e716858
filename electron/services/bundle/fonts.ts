/**
 * The Unicode font every generated line is set in (DejaVu Sans: names are not all Latin), embedded once
 * per bundle as a subset, and its metrics for the plan's index layout.
 */
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import type { MeasureText } from '../../../shared/bundle/textLayout';
import { directionRuns } from '../../../shared/text/bidi';
import { embedSubsetFont, fontkitFont } from '../pdf/fonts';
import { SIMPLE } from './text';

/** A fixed subset tag keeps the output deterministic (pdf-lib would add a random-looking suffix). */
const FONT_NAME = 'BUNDLE+DejaVuSans';

/** Embeds DejaVu Sans (subset) into `doc`: one font object for every generated line and stamp. */
export async function embedBundleFont(doc: PDFDocument): Promise<PDFFont> {
  return embedSubsetFont(doc, 'DejaVuSans.ttf', FONT_NAME);
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
    for (const run of directionRuns(text)) {
      for (const glyph of font.layout(run.text).glyphs) units += glyph.advanceWidth;
    }
  }
  return (units / font.unitsPerEm) * size;
};
