/**
 * Setting text in the bundle font without the layout engine where it is not needed. Shaping a string
 * through fontkit (GSUB/GPOS lookups) costs far more than the rest of drawing it; Latin text needs none of
 * it, so its glyph codes and widths come from a per-character cache. Other scripts (Arabic, Hebrew…) are
 * shaped, one visual run at a time, so joined letters and right-to-left order come out right. Arabic script,
 * and letters DejaVu Sans has not (Chinese, Bengali…), are set in the fallback fonts embedded with the bundle font for the text
 * it will draw (fonts.ts), each under a resource name of its own on the pages that use it.
 */
import { PDFName, type PDFDocument, type PDFFont, type PDFPage, type PDFRef } from '@cantoo/pdf-lib';
import { visualOrder } from '../../../shared/text/bidi';
import { fontRuns, type FallbackFontFile } from '../../../shared/text/fallbackFonts';
import { subsetCodes, subsetEmbedderOf } from '../pdf/subsetEmbedder';
import {
  actualTextSpan,
  needsActualText,
  placedGlyphs,
  showPlaced,
  type PlacedGlyph,
} from '../pdf/actualText';

/** Resource name of the bundle font on every page it is used on (unlikely to clash with a document's own). */
export const BUNDLE_FONT = PDFName.of('SBNum');

/** Printable Latin, Latin-1, Latin Extended, IPA and general punctuation: no shaping needed. */
export const SIMPLE = /^[\u0020-\u007E\u00A0-\u02AF\u2000-\u206F\u20AC]*$/;

/** A fallback font embedded with the bundle font, and its resource name on a page. */
export interface FallbackFont {
  font: PDFFont;
  resource: PDFName;
}

const fallbacksOf = new WeakMap<PDFFont, ReadonlyMap<FallbackFontFile, FallbackFont>>();

/** The fallback fonts text in `font` uses for letters it has not (set once, before the font draws). */
export function setFallbackFonts(
  font: PDFFont,
  fallbacks: ReadonlyMap<FallbackFontFile, FallbackFont>,
): void {
  fallbacksOf.set(font, fallbacks);
}

/** A piece of a line in one font: its glyph codes for Tj, its width at 1000 pt, and its font when a fallback. */
export interface TextRun {
  hex: string;
  units: number;
  fallback?: FallbackFont;
  /** The characters the run is, where its glyphs would not read back as them (actualText.ts). */
  text?: string;
  /** Its glyphs with its marks where the font places them, where any is moved (actualText.ts). */
  placed?: PlacedGlyph[];
}

export class FontText {
  private readonly codes = new Map<string, string>();
  private readonly widths = new Map<string, number>();
  private readonly fallbacks: ReadonlyMap<FallbackFontFile, FallbackFont> | undefined;
  constructor(readonly font: PDFFont) {
    this.fallbacks = fallbacksOf.get(font);
  }

  private char(ch: string): void {
    if (this.codes.has(ch)) return;
    const direct = directGlyph(this.font, ch);
    if (direct) {
      this.codes.set(ch, direct.hex);
      this.widths.set(ch, direct.units);
      return;
    }
    this.codes.set(ch, this.font.encodeText(ch).toString().slice(1, -1));
    this.widths.set(ch, this.font.widthOfTextAtSize(ch, 1000));
  }

  /** The runs of a line in visual order, each as a hex string for Tj and its width at 1000 pt. */
  runs(text: string): TextRun[] {
    if (SIMPLE.test(text)) {
      let hex = '';
      let units = 0;
      for (const ch of text) {
        this.char(ch);
        hex += this.codes.get(ch);
        units += this.widths.get(ch)!;
      }
      return [{ hex, units }];
    }
    const runs: TextRun[] = [];
    const logical = this.fallbacks?.size ? fontRuns(text) : [{ text, font: null }];
    for (const piece of visualOrder(logical)) {
      const fallback = piece.font ? this.fallbacks?.get(piece.font) : undefined;
      const font = fallback?.font ?? this.font;
      const placed = placedGlyphs(font, piece.text);
      runs.push({
        hex: font.encodeText(piece.text).toString().slice(1, -1),
        units: font.widthOfTextAtSize(piece.text, 1000),
        ...(fallback ? { fallback } : {}),
        ...(needsActualText(piece.text) ? { text: piece.text } : {}),
        ...(placed ? { placed } : {}),
      });
    }
    return runs;
  }

  width(text: string, size: number): number {
    return (this.runs(text).reduce((sum, r) => sum + r.units, 0) * size) / 1000;
  }
}

/**
 * Printable ASCII and Latin-1 (not the soft hyphen): characters the layout engine maps to exactly their
 * cmap glyph when shaped on their own (tests/unit/electron/services/bundle/text.test.ts checks every one in DejaVu).
 */
const DIRECT = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF]$/;

/**
 * One character's subset code and width (at 1000 pt) straight from the font's cmap, registered in the
 * subset exactly as pdf-lib's encodeText() registers a shaped glyph. Shaping a single character runs the
 * whole GSUB/GPOS machinery for nothing (positions are not used, and one glyph has no pairs to kern); the
 * first call also decodes DejaVu's large kerning tables: about 80 ms of a 1,000-page bundle. Returns
 * undefined (use pdf-lib) for anything else, or a font that is not a pdf-lib subset embedding.
 */
export function directGlyph(font: PDFFont, ch: string): { hex: string; units: number } | undefined {
  if (!DIRECT.test(ch)) return undefined;
  const embedder = subsetEmbedderOf(font);
  if (!embedder) return undefined;
  const glyph = embedder.font.glyphForCodePoint(ch.charCodeAt(0));
  // As pdf-lib: widthOfTextAtSize's advance × scale × (1000 / 1000).
  return {
    hex: subsetCodes(embedder, [glyph]),
    units: glyph.advanceWidth * embedder.scale * 1,
  };
}

const cache = new WeakMap<PDFFont, FontText>();
export function fontText(font: PDFFont): FontText {
  let text = cache.get(font);
  if (!text) cache.set(font, (text = new FontText(font)));
  return text;
}

export const num = (v: number) => {
  const s = v.toFixed(3);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

/**
 * Operators that show `text` with its baseline starting at (x, y), in the current fill colour; `used` is
 * told of each fallback font a run is set in.
 */
function showText(
  text: FontText,
  line: string,
  x: number,
  y: number,
  size: number,
  used: (fallback: FallbackFont) => void,
): string {
  let ops = '';
  let cx = x;
  for (const run of text.runs(line)) {
    if (run.fallback) used(run.fallback);
    const resource = run.fallback?.resource ?? BUNDLE_FONT;
    const glyphs = run.placed
      ? showPlaced(run.placed, size, (items) =>
          items.map((item) => (typeof item === 'number' ? num(item) : `<${item}>`)).join(' '),
        )
          .map((step) => (step.shown === undefined ? `${num(step.rise ?? 0)} Ts` : `[${step.shown}] TJ`))
          .join(' ')
      : `<${run.hex}> Tj`;
    const shown = run.text ? `${actualTextSpan(run.text)} BDC ${glyphs} EMC` : glyphs;
    ops += `BT ${resource.asString()} ${num(size)} Tf ${num(cx)} ${num(y)} Td ${shown} ET\n`;
    cx += (run.units * size) / 1000;
  }
  return ops;
}

/** Collects a page's text operators and adds them as one content stream, drawn after what is there. */
export class PageText {
  private ops = '';
  private readonly fallbacksUsed = new Map<PDFName, PDFRef>();
  constructor(
    private readonly doc: PDFDocument,
    private readonly page: PDFPage,
    readonly text: FontText,
  ) {}

  /** Draws a line; shrinks it to `maxWidth` if needed; `x` is the left, right or centre per `align`. */
  line(
    line: string,
    x: number,
    y: number,
    size: number,
    options: {
      maxWidth?: number;
      align?: 'left' | 'right' | 'center';
      grey?: number;
      /** A colour (0 to 1 each) instead of a grey. */
      colour?: { red: number; green: number; blue: number };
    } = {},
  ): void {
    if (!line) return;
    let s = size;
    let width = this.text.width(line, s);
    if (options.maxWidth && width > options.maxWidth) {
      s = (size * options.maxWidth) / width;
      width = options.maxWidth;
    }
    const left = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
    const used = (fallback: FallbackFont) => this.fallbacksUsed.set(fallback.resource, fallback.font.ref);
    const { colour } = options;
    const fill = colour
      ? `${num(colour.red)} ${num(colour.green)} ${num(colour.blue)} rg`
      : `${num(options.grey ?? 0)} g`;
    this.ops += `${fill}\n${showText(this.text, line, left, y, s, used)}`;
  }

  finish(): void {
    if (!this.ops) return;
    const ref = this.doc.context.register(this.doc.context.stream(this.ops));
    this.page.node.setFontDictionary(BUNDLE_FONT, this.text.font.ref);
    for (const [resource, font] of this.fallbacksUsed) this.page.node.setFontDictionary(resource, font);
    this.page.node.addContentStream(ref);
    this.ops = '';
  }
}
