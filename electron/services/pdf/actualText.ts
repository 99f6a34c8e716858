/**
 * Text whose glyphs do not read back as its characters, and how the app's pages say what it is. Shaping
 * reorders a vowel sign drawn before its letter (কো is drawn ে ক া), splits one character into two glyphs
 * (Thai ำ, Sinhala ේ) or joins several into one (ক্ষ). A PDF maps each glyph to characters once, so copying
 * or searching such text gave its letters in the wrong order, or twice ("คำา" for "คำ"). Such text is
 * marked with the characters it is (/ActualText, PDF 32000-1 §14.9.4), which Acrobat and poppler read.
 */
import {
  beginText,
  endText,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  PDFNumber,
  popGraphicsState,
  pushGraphicsState,
  rotateAndSkewTextRadiansAndTranslate,
  setFillingColor,
  setFontAndSize,
  setTextRise,
  showText,
  toRadians,
  type Rotation,
  type PDFFont,
  type PDFPage,
  type Color,
} from '@cantoo/pdf-lib';
import { positionedLayout } from './fontkitShaping';
import { subsetCodes, subsetEmbedderOf } from './subsetEmbedder';

/** Marks are in every cluster shaping changes; Thai and Lao ำ ຳ are letters that split in two. */
const SHAPED_CLUSTER = /[\p{M}\u0e33\u0eb3]/u;

/** Whether `text`'s glyphs may not read back as its characters. */
export function needsActualText(text: string): boolean {
  return SHAPED_CLUSTER.test(text);
}

/** The operand of BDC for `text`, for a content stream written as a string: `/Span <</ActualText <FEFF…>>>`. */
export function actualTextSpan(text: string): string {
  return `/Span <</ActualText ${PDFHexString.fromText(text).toString()}>>`;
}

/** Each page's name for each font it draws in: pdf-lib's drawText names the font anew on every call. */
const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

function fontKeyOn(page: PDFPage, font: PDFFont): PDFName {
  let keys = fontKeys.get(page);
  if (!keys) fontKeys.set(page, (keys = new Map<PDFFont, PDFName>()));
  let key = keys.get(font);
  if (!key) keys.set(font, (key = page.node.newFontDictionary(font.name, font.ref)));
  return key;
}

/** Each font's glyph codes by text: a chat or a log repeats its lines, and shaping each again costs. */
const encodings = new WeakMap<PDFFont, Map<string, PDFHexString>>();
const ENCODINGS_KEPT = 100_000;

function encoded(font: PDFFont, text: string): PDFHexString {
  // Shaping the same text again gives the same glyphs, already in the font's subset.
  return encodings.get(font)?.get(text) ?? rememberCodes(font, text, font.encodeText(text));
}

function rememberCodes(font: PDFFont, text: string, codes: PDFHexString): PDFHexString {
  let known = encodings.get(font);
  if (!known) encodings.set(font, (known = new Map<string, PDFHexString>()));
  if (known.size < ENCODINGS_KEPT) known.set(text, codes);
  return codes;
}

/**
 * One glyph of text whose marks are placed: its code (4 hex digits, as pdf-lib writes it), how far to move
 * the pen back (left) before it, and its rise, both in thousandths of an em (as a TJ array's numbers).
 */
export interface PlacedGlyph {
  hex: string;
  back: number;
  rise: number;
}

/** Each font's placed glyphs by text (null: drawn as it comes). */
const placings = new WeakMap<PDFFont, Map<string, PlacedGlyph[] | null>>();
/** Fewer kept than glyph codes: each glyph is an object here (a line of 80 glyphs about 8 KB). */
const PLACINGS_KEPT = 10_000;

/**
 * `text`'s glyphs with its marks where the font's positioning puts them (Devanagari's ू under a conjunct,
 * Gurmukhi's tippi, Odia's vowel signs, Thai's tone marks), for text with marks; null when no glyph is
 * moved, or the font has no positioning. Each glyph keeps its advance (the width the text was measured
 * at); a glyph of no advance (a mark) is moved from where it would be drawn by the offset the font gives
 * it from its letter: sideways by a TJ array's adjustments, up or down by the text rise.
 */
export function placedGlyphs(font: PDFFont, text: string): PlacedGlyph[] | null {
  if (!needsActualText(text)) return null;
  let known = placings.get(font);
  if (!known) placings.set(font, (known = new Map<string, PlacedGlyph[] | null>()));
  let placed = known.get(text);
  if (placed === undefined) {
    placed = placeGlyphs(font, text);
    if (known.size < PLACINGS_KEPT) known.set(text, placed);
  }
  return placed;
}

function placeGlyphs(font: PDFFont, text: string): PlacedGlyph[] | null {
  const embedder = subsetEmbedderOf(font);
  if (!embedder) return null;
  const run = positionedLayout(embedder.font, text, embedder.fontFeatures);
  if (!run) return null;
  // The run's glyphs are the text's codes too: it is not laid out again to show it as it comes.
  const codes = subsetCodes(embedder, run.glyphs);
  rememberCodes(font, text, PDFHexString.of(codes));
  if (!run.positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0)) return null;
  const scale = embedder.scale;
  /** How far the glyph before was drawn from where the text's advances put it (thousandths of an em). */
  let movedBefore = 0;
  /** How much further the positioning moved the pen than the advances did, since the last letter (font units). */
  let drift = 0;
  return run.glyphs.map((glyph, i) => {
    const position = run.positions[i];
    // A mark: the positioning gives it no advance (the font's own may give it one).
    const isMark = position.xAdvance === 0;
    const moved = ((isMark ? drift : 0) + position.xOffset) * scale;
    drift = (isMark ? drift : 0) + position.xAdvance - glyph.advanceWidth;
    const back = Math.round((movedBefore - moved) * 100) / 100;
    movedBefore = moved;
    return { hex: codes.slice(4 * i, 4 * i + 4), back, rise: position.yOffset * scale };
  });
}

/**
 * The placed glyphs shown at `size`, as TJ arrays between changes of the text rise: `array` makes each
 * array's operand from its numbers and hex strings (an object for pdf-lib's operators, text for a content
 * stream written as a string). Ends with the rise back at 0, where it was changed.
 */
export function showPlaced<T>(
  placed: PlacedGlyph[],
  size: number,
  array: (items: (number | string)[]) => T,
): { rise?: number; shown?: T }[] {
  const steps: { rise?: number; shown?: T }[] = [];
  let items: (number | string)[] = [];
  let rise = 0;
  const show = () => {
    if (items.length) steps.push({ shown: array(items) });
    items = [];
  };
  for (const glyph of placed) {
    const glyphRise = (glyph.rise * size) / 1000;
    if (glyphRise !== rise) {
      show();
      steps.push({ rise: (rise = glyphRise) });
    }
    if (glyph.back !== 0) items.push(glyph.back);
    items.push(glyph.hex);
  }
  show();
  if (rise !== 0) steps.push({ rise: 0 });
  return steps;
}

/** Operators that show `text` with its marks placed (placedGlyphs), or null to show it as it comes. */
function placedText(font: PDFFont, text: string, size: number): PDFOperator[] | null {
  const placed = placedGlyphs(font, text);
  if (!placed) return null;
  return showPlaced(placed, size, (items) =>
    font.doc.context.obj(
      items.map((item) => (typeof item === 'number' ? PDFNumber.of(item) : PDFHexString.of(item))),
    ),
  ).map((step) =>
    step.shown
      ? PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [step.shown])
      : setTextRise(step.rise ?? 0),
  );
}

/**
 * Draws `text` as one line, as pdf-lib's drawText does, marked with its characters where its glyphs would
 * read back otherwise (the mark is inside the text object, where readers that honour it expect it). Unlike
 * drawText, each font is named once on a page: drawText added a name for every line drawn, and a page of
 * a text file came out with sixty names for its one font. Marks are drawn where the font places them
 * (placedText).
 */
export function drawTextAsWritten(
  page: PDFPage,
  text: string,
  options: { x: number; y: number; size: number; font: PDFFont; color: Color; ySkew?: Rotation },
): void {
  const mark = needsActualText(text)
    ? PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
        PDFName.of('Span'),
        // A dictionary is a valid operand of BDC; pdf-lib's type for operands leaves it out.
        page.doc.context.obj({ ActualText: PDFHexString.fromText(text) }) as unknown as PDFName,
      ])
    : null;
  page.pushOperators(
    pushGraphicsState(),
    beginText(),
    ...(mark ? [mark] : []),
    setFillingColor(options.color),
    setFontAndSize(fontKeyOn(page, options.font), options.size),
    rotateAndSkewTextRadiansAndTranslate(
      0,
      0,
      options.ySkew ? toRadians(options.ySkew) : 0,
      options.x,
      options.y,
    ),
    ...(placedText(options.font, text, options.size) ?? [showText(encoded(options.font, text))]),
    ...(mark ? [PDFOperator.of(PDFOperatorNames.EndMarkedContent)] : []),
    endText(),
    popGraphicsState(),
  );
}
