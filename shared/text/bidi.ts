/**
 * Just enough of the Unicode bidirectional algorithm for names and short phrases in Arabic or Hebrew
 * inside English text. Word and LibreOffice reorder text themselves; a PDF must be drawn in visual order,
 * so the PDF writers (bundle pages and stamps, letters) draw each run separately, left to right, and
 * fontkit shapes each right-to-left run and lays its glyphs out right to left.
 */

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo and presentation forms). */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/** Any other letter or digit keeps left-to-right order, even inside a right-to-left phrase. */
const STRONG = /[\p{L}\p{N}]/u;

interface DirectionRun {
  text: string;
  rtl: boolean;
}

function hasRtl(text: string): boolean {
  return RTL.test(text);
}

/**
 * Splits a line into runs of right-to-left and other text, in visual (left-to-right) order, for a
 * left-to-right paragraph: enough to draw names like "Zoë and محمد الحسن" correctly with a shaping font
 * that reverses a run of one script. Spaces and punctuation between two right-to-left words stay in the
 * right-to-left run; anywhere else they are left-to-right. (A number inside an Arabic phrase splits it
 * into two runs, which full bidi would order differently: rare in names.) Empty text has no runs.
 */
export function directionRuns(text: string): DirectionRun[] {
  if (!hasRtl(text)) return text ? [{ text, rtl: false }] : [];
  const chars = [...text];
  const strong = chars.map((c) => (RTL.test(c) ? 'r' : STRONG.test(c) ? 'l' : 'n'));
  // Neutrals take the direction of their surroundings when both sides agree, else left-to-right.
  const dir = strong.map((s, i) => {
    if (s !== 'n') return s;
    let before = 'l';
    for (let j = i - 1; j >= 0; j--)
      if (strong[j] !== 'n') {
        before = strong[j]!;
        break;
      }
    let after = 'l';
    for (let j = i + 1; j < strong.length; j++)
      if (strong[j] !== 'n') {
        after = strong[j]!;
        break;
      }
    return before === 'r' && after === 'r' ? 'r' : 'l';
  });
  const runs: DirectionRun[] = [];
  chars.forEach((c, i) => {
    const rtl = dir[i] === 'r';
    const last = runs[runs.length - 1];
    if (last && last.rtl === rtl) last.text += c;
    else runs.push({ text: c, rtl });
  });
  return runs;
}
