/**
 * The Unicode font every generated line is set in (DejaVu Sans: names are not all Latin), embedded once
 * per bundle as a subset, and its metrics for the plan's index layout.
 */
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { visualRuns, type MeasureText } from '../../../shared/bundle/textLayout';
import { SIMPLE } from './text';

const here = dirname(fileURLToPath(import.meta.url));
export const FONT_PATH = join(here, '..', '..', '..', 'resources', 'fonts', 'DejaVuSans.ttf');

/** A fixed subset tag keeps the output deterministic (pdf-lib would add a random-looking suffix). */
const FONT_NAME = 'BUNDLE+DejaVuSans';

let fontBytes: Uint8Array | undefined;
export function dejaVuBytes(): Uint8Array {
  fontBytes ??= new Uint8Array(readFileSync(FONT_PATH));
  return fontBytes;
}

type Fontkit = typeof fontkit;
type FontkitFont = ReturnType<Fontkit['create']>;

/**
 * @cantoo/pdf-lib calls `subset.encode()` with no argument when it exists (fontkit 2's API); @pdf-lib/fontkit's
 * subset has an internal `encode(stream)` and a public `encodeStream()`. This adapter gives the subset an
 * `encode()` that collects `encodeStream()`, so subsetting works with the fontkit the project installs.
 */
const subsettingFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    const font = fontkit.create(data as Buffer, postscriptName);
    const createSubset = font.createSubset.bind(font) as unknown as () => SubsetLike;
    (font as unknown as { createSubset: () => SubsetLike }).createSubset = () => {
      const subset = createSubset();
      const internal = Object.getPrototypeOf(subset).encode as (this: SubsetLike, stream: unknown) => unknown;
      subset.encode = function (this: SubsetLike, stream?: unknown) {
        if (stream) return internal.call(this, stream);
        return new Promise<Uint8Array>((resolve, reject) => {
          const parts: Uint8Array[] = [];
          const out = this.encodeStream();
          out.on('data', (chunk: Uint8Array) => parts.push(chunk));
          out.on('end', () => resolve(Buffer.concat(parts)));
          out.on('error', reject);
        });
      };
      return subset;
    };
    return font;
  },
};

interface SubsetLike {
  encode: (stream?: unknown) => unknown;
  encodeStream: () => NodeJS.EventEmitter;
}

/** Embeds DejaVu Sans (subset) into `doc`: one font object for every generated line and stamp. */
export async function embedBundleFont(doc: PDFDocument): Promise<PDFFont> {
  doc.registerFontkit(subsettingFontkit as unknown as Fontkit);
  return doc.embedFont(dejaVuBytes(), { subset: true, customName: FONT_NAME });
}

let measureFont: FontkitFont | undefined;
const advances = new Map<number, number>();

/**
 * Real DejaVu Sans widths, for the plan's index layout: simple text from per-character advances (cached),
 * anything else shaped by the layout engine, in the same right-to-left runs the PDF draws.
 */
export const measureWithDejaVu: MeasureText = (text, size) => {
  const font = (measureFont ??= fontkit.create(Buffer.from(dejaVuBytes())));
  let units = 0;
  if (SIMPLE.test(text)) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let advance = advances.get(cp);
      if (advance === undefined) advances.set(cp, (advance = font.glyphForCodePoint(cp).advanceWidth));
      units += advance;
    }
  } else {
    for (const run of visualRuns(text)) {
      for (const glyph of font.layout(run.text).glyphs) units += glyph.advanceWidth;
    }
  }
  return (units / font.unitsPerEm) * size;
};
