/**
 * DejaVu Sans (regular and bold) for letter PDFs: Unicode coverage for names that are not all Latin,
 * embedded as subsets with fixed names so the same letter always gives the same bytes.
 */
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { embedSubsetFont } from '../pdf/fonts';

export interface LetterFonts {
  regular: PDFFont;
  bold: PDFFont;
}

export async function embedLetterFonts(doc: PDFDocument): Promise<LetterFonts> {
  const regular = await embedSubsetFont(doc, 'DejaVuSans.ttf', 'LTRAAA+DejaVuSans');
  const bold = await embedSubsetFont(doc, 'DejaVuSans-Bold.ttf', 'LTRAAB+DejaVuSans-Bold');
  return { regular, bold };
}
