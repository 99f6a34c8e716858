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

/**
 * Draws `text` as pdf-lib's drawText does, marked with its characters where its glyphs would read back
 * otherwise. The mark is inside the text object, where readers that honour it expect it.
 */
export function drawTextAsWritten(
  page: PDFPage,
  text: string,
  options: { x: number; y: number; size: number; font: PDFFont; color: Color; ySkew?: Rotation },
): void {
  if (!needsActualText(text)) {
    page.drawText(text, options);
    return;
  }
  const fontKey = page.node.newFontDictionary(options.font.name, options.font.ref);
  const properties = page.doc.context.obj({ ActualText: PDFHexString.fromText(text) });
  page.pushOperators(
    pushGraphicsState(),
    beginText(),
    // A dictionary is a valid operand of BDC; pdf-lib's type for operands leaves it out.
    PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
      PDFName.of('Span'),
      properties as unknown as PDFName,
    ]),
    setFillingColor(options.color),
    setFontAndSize(fontKey, options.size),
    rotateAndSkewTextRadiansAndTranslate(
      0,
      0,
      options.ySkew ? toRadians(options.ySkew) : 0,
      options.x,
      options.y,
    ),
    showText(options.font.encodeText(text)),
    PDFOperator.of(PDFOperatorNames.EndMarkedContent),
    endText(),
    popGraphicsState(),
  );
}
