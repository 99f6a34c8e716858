/**
 * The Unicode fonts for generated PDFs (DejaVu Sans regular, bold and oblique: names are not all Latin), read once
 * from resources/fonts, and embedding them as subsets with @cantoo/pdf-lib. Used by the bundle engine,
 * the checker's report and the letters.
 */
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// fontkit's shapers for the scripts of India (and others with syllables) are generators compiled by Babel, which
// call a global `regeneratorRuntime` that fontkit does not supply: without it, laying out Bengali in Noto Sans
// Bengali throws "regeneratorRuntime is not defined". The package defines that global when loaded.
import 'regenerator-runtime/runtime.js';
import type { FallbackFontFile } from '../../../shared/text/fallbackFonts';
import { correctShaping } from './fontkitShaping';

type Fontkit = typeof fontkit;

export type FontFile =
  | 'DejaVuSans.ttf'
  | 'DejaVuSans-Bold.ttf'
  | 'DejaVuSans-Oblique.ttf'
  | 'DejaVuSans-BoldOblique.ttf'
  | FallbackFontFile;

interface SubsetLike {
  encode: (stream?: unknown) => unknown;
  encodeStream: () => NodeJS.EventEmitter;
}

/** What fontkit's TrueType subset keeps while it copies glyphs (TTFSubset in @pdf-lib/fontkit). */
interface TrueTypeSubsetState {
  _addGlyph?: (glyphId: number) => number;
  glyf: Uint8Array[];
  offset: number;
}

/**
 * fontkit copies each glyph's bytes into the subset as they are and writes the subset's `loca` table in its
 * short form (offsets halved) when the glyphs come to under 128 KB, which is only right if every glyph has an
 * even length. DejaVu's do; Droid Sans Fallback's do not (its own `loca` is the long form), so every glyph after
 * an odd one was read from the wrong place and most Chinese characters printed as nothing. Each glyph is padded
 * to an even length, as the TrueType specification asks of the short form.
 */
function padGlyphsToEvenLength(subset: SubsetLike): void {
  const state = subset as unknown as TrueTypeSubsetState;
  const addGlyph = state._addGlyph;
  if (typeof addGlyph !== 'function') return;
  state._addGlyph = function (this: TrueTypeSubsetState, glyphId: number) {
    const index = addGlyph.call(this, glyphId);
    const bytes = this.glyf[index];
    if (bytes && bytes.length % 2 === 1) {
      // The same kind of buffer fontkit made (its own Buffer class, which its stream writer insists on).
      const kind = bytes.constructor as { alloc?: (size: number) => Uint8Array };
      const padded = kind.alloc ? kind.alloc(bytes.length + 1) : new Uint8Array(bytes.length + 1);
      padded.set(bytes);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
}

type FontkitFont = ReturnType<Fontkit['create']>;
/**
 * Parsed fonts by the bytes they were parsed from (fontBytes() hands out one array per file). Sharing is
 * safe: a fontkit font only caches what it decodes; each embedding keeps its own subset and glyph map.
 */
const parsedFonts = new WeakMap<Uint8Array, FontkitFont>();

interface GlyphLike {
  codePoints: number[];
  isMark: boolean;
  isLigature: boolean;
}

/**
 * fontkit keeps one glyph object per glyph, with the characters it was first asked for. Writing a subset
 * asks for the parts of composite glyphs with none (DejaVu's Cyrillic "С" is drawn with the Latin "C"), so
 * once one embedding had set "Смирнов", the parsed font shared by every embedding in the process gave the
 * Latin "C" no characters: the next bundle's stamps read "1" for "C1" (an empty entry in its ToUnicode
 * map) and it failed its check. A glyph first made without characters is given them when they are known.
 */
function keepCharactersOfGlyphs(font: FontkitFont): void {
  const target = font as unknown as { getGlyph: (id: number, characters?: number[]) => GlyphLike | null };
  const getGlyph = target.getGlyph.bind(font);
  target.getGlyph = (id, characters = []) => {
    const glyph = getGlyph(id, characters);
    if (glyph && glyph.codePoints.length === 0 && characters.length > 0) {
      glyph.codePoints = characters;
      glyph.isLigature = characters.length > 1;
      // As fontkit's Glyph constructor: a mark is a glyph whose characters are all combining marks.
      glyph.isMark = characters.every((c) => MARKS.test(String.fromCodePoint(c)));
    }
    return glyph;
  };
}
const MARKS = /^\p{M}$/u;

/**
 * @cantoo/pdf-lib calls `subset.encode()` without arguments when the method exists (fontkit 2's API);
 * the @pdf-lib/fontkit subset has an internal `encode(stream)` and a public `encodeStream()`. Giving the
 * subset an `encode()` that collects `encodeStream()` makes subsetting work with the installed fontkit.
 */
const subsettingFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    // One parsed font per file in a process: the bundle's index layout measures with the same instance the
    // PDF embeds, so DejaVu's tables (cmap, metrics, GSUB/GPOS for shaping) are decoded once, not twice.
    if (!postscriptName) {
      const parsed = parsedFonts.get(data);
      if (parsed) return parsed;
    }
    const font = fontkit.create(data, postscriptName);
    if (!postscriptName) parsedFonts.set(data, font);
    keepCharactersOfGlyphs(font);
    correctShaping(font);
    const createSubset = font.createSubset.bind(font) as unknown as () => SubsetLike;
    (font as unknown as { createSubset: () => SubsetLike }).createSubset = () => {
      const subset = createSubset();
      padGlyphsToEvenLength(subset);
      const prototype: unknown = Object.getPrototypeOf(subset);
      const internal = (prototype as { encode: (this: SubsetLike, stream: unknown) => unknown }).encode;
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

/** resources/fonts, found from this file whether it runs from source or from a bundled build. */
function fontsDir(file: FontFile): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, file))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`The font resources/fonts/${file} is missing from this installation.`);
}

const cache = new Map<FontFile, Uint8Array>();
/** The font file's bytes, read once per process. */
function fontBytes(file: FontFile): Uint8Array {
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(join(fontsDir(file), file)));
    cache.set(file, bytes);
  }
  return bytes;
}

/** The parsed font (fontkit), shared with embedding: for measuring text the way the PDF will set it. */
export function fontkitFont(file: FontFile): FontkitFont {
  return subsettingFontkit.create(fontBytes(file));
}

/**
 * Embeds `file` into `doc` as a subset. `customName` is a fixed subset tag (like "LTRAAA+DejaVuSans", as the PDF
 * spec names subsets) instead of pdf-lib's random suffix, so the same input always gives the same bytes.
 */
export async function embedSubsetFont(
  doc: PDFDocument,
  file: FontFile,
  customName: string,
): Promise<PDFFont> {
  doc.registerFontkit(subsettingFontkit);
  return doc.embedFont(fontBytes(file), { subset: true, customName });
}
