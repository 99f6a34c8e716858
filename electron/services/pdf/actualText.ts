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
  popGraphicsState,
  pushGraphicsState,
  rotateAndSkewTextRadiansAndTranslate,
  setFillingColor,
  setFontAndSize,
  showText,
  toRadians,
  type Rotation,
  type PDFFont,
  type PDFPage,
  type Color,
} from '@cantoo/pdf-lib';

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
  let known = encodings.get(font);
  if (!known) encodings.set(font, (known = new Map<string, PDFHexString>()));
  let codes = known.get(text);
  if (!codes) {
    // Shaping the same text again gives the same glyphs, already in the font's subset.
    codes = font.encodeText(text);
    if (known.size < ENCODINGS_KEPT) known.set(text, codes);
  }
  return codes;
}

/**
 * Draws `text` as one line, as pdf-lib's drawText does, marked with its characters where its glyphs would
 * read back otherwise (the mark is inside the text object, where readers that honour it expect it). Unlike
 * drawText, each font is named once on a page: drawText added a name for every line drawn, and a page of
 * a text file came out with sixty names for its one font.
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
    showText(encoded(options.font, text)),
    ...(mark ? [PDFOperator.of(PDFOperatorNames.EndMarkedContent)] : []),
    endText(),
    popGraphicsState(),
  );
}
