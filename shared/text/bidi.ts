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
/**
 * The directional marks (left-to-right U+200E; right-to-left U+200F; Arabic letter U+061C): invisible, each
 * as strong as a letter of its direction. WhatsApp's chats from an iPhone put one before every attachment
 * and deleted message. Never drawn: a font may give them a width, or a box.
 */
const LEFT_TO_RIGHT_MARK = '\u200e';
const RIGHT_TO_LEFT_MARKS = /[\u200f\u061c]/;
const DIRECTION_MARKS = /[\u200e\u200f\u061c]/g;

interface DirectionRun {
  text: string;
  rtl: boolean;
}

function hasRtl(text: string): boolean {
  return RTL.test(text);
}

const OPENING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * A pair of brackets around right-to-left text only, after right-to-left text, is right-to-left ("علی (احمد)"),
 * so both are drawn with it; any other pair is left to neutral resolution (the bidirectional algorithm's rule
 * N0, for a left-to-right paragraph).
 */
function resolveBrackets(chars: string[], strong: string[]): void {
  const open: { at: number; closer: string }[] = [];
  chars.forEach((c, i) => {
    const closer = OPENING[c];
    if (closer) {
      if (open.length < 63) open.push({ at: i, closer });
      return;
    }
    const match = open.findLastIndex((o) => o.closer === c);
    if (match < 0) return;
    const at = open[match]?.at ?? i;
    open.length = match;
    const inside = strong.slice(at + 1, i);
    if (inside.includes('l') || !inside.includes('r')) return;
    const before = strong.slice(0, at).findLast((t) => t !== 'n');
    if (before === 'r') strong[at] = strong[i] = 'r';
  });
}

/**
 * Splits a line into runs of right-to-left and other text, in visual (left-to-right) order, for a
 * left-to-right paragraph: enough to draw names like "Zoë and محمد الحسن" correctly with a shaping font
 * that reverses a run of one script. Spaces and punctuation between two right-to-left words stay in the
 * right-to-left run; anywhere else they are left-to-right. (A number inside an Arabic phrase splits it
 * into two runs, which full bidi would order differently: rare in names.) Brackets go with what they enclose.
 * Empty text has no runs.
 */
export function directionRuns(text: string): DirectionRun[] {
  if (!hasRtl(text)) return text ? [{ text, rtl: false }] : [];
  const chars = [...text];
  const strong = chars.map((c) =>
    RTL.test(c) || RIGHT_TO_LEFT_MARKS.test(c) ? 'r' : STRONG.test(c) || c === LEFT_TO_RIGHT_MARK ? 'l' : 'n',
  );
  resolveBrackets(chars, strong);
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

/** Brackets drawn mirrored in right-to-left text, as the bidirectional algorithm asks (fonts seldom do it). */
const MIRRORED: Readonly<Record<string, string>> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
  '‹': '›',
  '›': '‹',
};

export interface VisualRun<F> {
  text: string;
  font: F;
  rtl: boolean;
}

/**
 * A line's runs, each in one font and in logical order (shared/text/fallbackFonts.ts fontRuns), in the order
 * they are drawn, left to right. The pieces of a right-to-left run go right to left (an Arabic word, the
 * space after it in another font, the next word), and brackets in it are mirrored; fontkit then lays out
 * each right-to-left piece's glyphs right to left.
 */
export function visualOrder<F>(runs: readonly { text: string; font: F }[]): VisualRun<F>[] {
  return inVisualOrder(runs)
    .map((run) => ({ ...run, text: run.text.replace(DIRECTION_MARKS, '') }))
    .filter((run) => run.text);
}

function inVisualOrder<F>(runs: readonly { text: string; font: F }[]): VisualRun<F>[] {
  const text = runs.map((run) => run.text).join('');
  if (!hasRtl(text)) return runs.filter((run) => run.text).map((run) => ({ ...run, rtl: false }));
  const cells: { ch: string; font: F }[] = [];
  for (const run of runs) for (const ch of run.text) cells.push({ ch, font: run.font });
  const ordered: VisualRun<F>[] = [];
  let at = 0;
  for (const direction of directionRuns(text)) {
    const pieces: VisualRun<F>[] = [];
    const length = [...direction.text].length;
    for (const { ch, font } of cells.slice(at, (at += length))) {
      const shown = direction.rtl ? (MIRRORED[ch] ?? ch) : ch;
      const last = pieces[pieces.length - 1];
      if (last && last.font === font) last.text += shown;
      else pieces.push({ text: shown, font, rtl: direction.rtl });
    }
    if (direction.rtl) pieces.reverse();
    ordered.push(...pieces);
  }
  return ordered;
}
