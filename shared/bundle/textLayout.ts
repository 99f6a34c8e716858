/**
 * Text measuring and wrapping for the generated pages. The plan wraps index rows with a measure function
 * (the real font's metrics in the app; an estimate here, for pure tests), so the number of index pages is
 * fixed before the PDF exists.
 */

/** Width of `text` at `size` points, in points. */
export type MeasureText = (text: string, size: number) => number;

// Approximate DejaVu Sans advance widths (em) by character class: a little wide on purpose.
const NARROW = new Set("iljI.,:;!|'`()[]{}/\\ft");
const WIDE = new Set('mwMW@%');

/** An estimate of DejaVu Sans widths, used when no font is at hand. */
export const estimateTextWidth: MeasureText = (text, size) => {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === ' ') em += 0.32;
    else if (NARROW.has(ch)) em += 0.4;
    else if (WIDE.has(ch)) em += 1.0;
    else if (code >= 0x2e80)
      em += 1.0; // CJK and other wide scripts
    else if (ch >= 'A' && ch <= 'Z') em += 0.76;
    else em += 0.64;
  }
  return em * size;
};

/** Greedy word wrap; words longer than a line are broken. At most `maxLines` lines, the last ending in "…". */
export function wrapText(
  text: string,
  maxWidth: number,
  size: number,
  measure: MeasureText,
  maxLines = Infinity,
): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = (l: string) => lines.push(l);
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) push(line);
    if (measure(word, size) <= maxWidth) {
      line = word;
      continue;
    }
    // A word wider than the line: break it by characters.
    let piece = '';
    for (const ch of word) {
      if (measure(piece + ch, size) > maxWidth && piece) {
        push(piece);
        piece = '';
      }
      piece += ch;
    }
    line = piece;
  }
  if (line || lines.length === 0) push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1] ?? '';
    while (last && measure(`${last}…`, size) > maxWidth) last = [...last].slice(0, -1).join('');
    kept[maxLines - 1] = `${last.trimEnd()}…`;
    return kept;
  }
  return lines;
}

/** Right-to-left runs live with the letters' in shared/text/bidi.ts; the old name is kept for callers here. */
export { directionRuns as visualRuns } from '../text/bidi';
