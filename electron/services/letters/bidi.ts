/**
 * Just enough of the Unicode bidirectional algorithm for names and short phrases in Arabic or Hebrew
 * inside English letters. Word and LibreOffice reorder text themselves; a PDF must be drawn in visual
 * order, so the PDF renderer draws each run separately, left to right.
 */

// Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko and the presentation forms.
const RTL =
  /[\u0590-\u05FF\u0600-\u06FF\u0700-\u074F\u0750-\u077F\u0780-\u07BF\u07C0-\u07FF\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
// Letters and digits that keep left-to-right order even inside a right-to-left phrase.
const LTR_STRONG = /[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;

export interface DirectionRun {
  text: string;
  rtl: boolean;
}

export function hasRtl(text: string): boolean {
  return RTL.test(text);
}

/**
 * Splits text into direction runs. A right-to-left run starts and ends with a right-to-left letter and
 * takes in the spaces and punctuation between them; everything else is left-to-right. In a
 * left-to-right line the runs are drawn in this order; each right-to-left run is handed over in typed
 * order and the font engine (fontkit) shapes it and lays its glyphs out right to left. (A number inside
 * an Arabic phrase splits it into two runs, which full bidi would order differently: rare in names.)
 */
export function directionRuns(text: string): DirectionRun[] {
  if (!hasRtl(text)) return text ? [{ text, rtl: false }] : [];
  const chars = Array.from(text);
  const runs: DirectionRun[] = [];
  let i = 0;
  while (i < chars.length) {
    if (RTL.test(chars[i])) {
      // Extend to the last RTL letter before the next strong LTR letter.
      let end = i;
      for (let j = i + 1; j < chars.length && !LTR_STRONG.test(chars[j]); j++)
        if (RTL.test(chars[j])) end = j;
      runs.push({ text: chars.slice(i, end + 1).join(''), rtl: true });
      i = end + 1;
    } else {
      let j = i;
      while (j < chars.length && !RTL.test(chars[j])) j++;
      runs.push({ text: chars.slice(i, j).join(''), rtl: false });
      i = j;
    }
  }
  return runs;
}
