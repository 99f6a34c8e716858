/**
 * The fonts of letter PDFs (and emails laid out as letters): DejaVu Sans regular and bold, with Unicode
 * coverage for names that are not all Latin, and the fallback fonts (shared/text/fallbackFonts.ts) the
 * letter's text needs for letters DejaVu has not, each embedded as a subset with a fixed name so the same
 * letter always gives the same bytes. A letter that needs no fallback font embeds none.
 */
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { FALLBACK_FONT_FILES, type FallbackFontFile } from '../../../shared/text/fallbackFonts';
import { embedSubsetFont } from '../pdf/fonts';

export interface LetterFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** The fallback fonts the letter's text needs (the fallbacks have no bold: bold text is set in them upright). */
  fallback: Map<FallbackFontFile, PDFFont>;
}

/** "LTRBAA+NotoSansBengali": a fixed subset tag for each fallback font, from its place in the list. */
function fallbackName(file: FallbackFontFile): string {
  const tag = `LTRB${String.fromCharCode(65 + FALLBACK_FONT_FILES.indexOf(file))}A`;
  return `${tag}+${file.replace(/(-Regular)?\.ttf$/, '')}`;
}

export async function embedLetterFonts(
  doc: PDFDocument,
  fallbacks: readonly FallbackFontFile[] = [],
): Promise<LetterFonts> {
  const regular = await embedSubsetFont(doc, 'DejaVuSans.ttf', 'LTRAAA+DejaVuSans');
  const bold = await embedSubsetFont(doc, 'DejaVuSans-Bold.ttf', 'LTRAAB+DejaVuSans-Bold');
  const fallback = new Map<FallbackFontFile, PDFFont>();
  for (const file of fallbacks) fallback.set(file, await embedSubsetFont(doc, file, fallbackName(file)));
  return { regular, bold, fallback };
}
