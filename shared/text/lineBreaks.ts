/**
 * Where a line may break inside a run of text with no spaces. Chinese and Japanese are written without spaces
 * between words, and a line may break between any two of their characters, except before closing punctuation
 * and small kana (。、」っ) and after opening punctuation (「（): the simple form of the rule Unicode's line
 * breaking algorithm (UAX #14) and Japanese typesetting (kinsoku) give. Korean is written with spaces, so its
 * lines break there, as elsewhere. Thai, Lao, Khmer and Burmese are written without spaces between words too,
 * but a line breaks only between words, which takes a dictionary: ICU's, through Intl.Segmenter.
 */

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const NO_BREAK_BEFORE =
  /[、。，．・：；？！）」』】〉》〕｝〗〙〛〟ーゝゞヽヾ…‥ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ!),.:;?\]}%’”]/u;
const NO_BREAK_AFTER = /[（「『【〈《〔｛〖〘〚〝([{‘“]/u;

// Made when first needed: the first Intl.Segmenter of a process loads ICU's break rules (about 0.015 s),
// which every command paid as it loaded, and most lay out no text.
let graphemes: Intl.Segmenter | undefined;
/** Scripts written without spaces between words, whose words only a dictionary can find. */
const UNSPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
let words: Intl.Segmenter | undefined;

/** Characters of text given to Intl.Segmenter at a time (segmentsIn). */
const PIECE = 1024;

/**
 * Intl.Segmenter's segments of `text`, read a piece at a time: V8 takes time for each segment in proportion
 * to the length of the whole text it was given, so a long text took time growing with the square of its
 * length (a word of 160,000 letters, 35 s; a text file of one million, minutes). Of each piece, the segments
 * that end `margin` or more characters before its end are kept (the last may be cut short, and where a
 * segment ends depends on the character after it, or for a dictionary's words on more), and the next piece
 * starts where the first one left out started; a piece with none to keep (one segment longer than it) is
 * read again twice as long.
 */
export function segmentsIn(segmenter: Intl.Segmenter, text: string, margin: number): Intl.SegmentData[] {
  const out: Intl.SegmentData[] = [];
  let from = 0;
  let size = PIECE;
  while (from < text.length) {
    let end = Math.min(text.length, from + Math.max(size, 2 * margin));
    // Not between the two halves of a character beyond the first 65,536 (an emoji, a flag's letters).
    if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end--;
    const kept: Intl.SegmentData[] = [];
    let next = end;
    for (const segment of segmenter.segment(text.slice(from, end))) {
      if (end < text.length && segment.index + segment.segment.length > end - from - margin) {
        next = from + segment.index;
        break;
      }
      kept.push(segment);
    }
    if (kept.length === 0 && end < text.length) {
      size *= 2;
      continue;
    }
    for (const segment of kept) out.push({ ...segment, index: from + segment.index, input: text });
    from = next;
    size = PIECE;
  }
  return out;
}

/** The user-perceived characters of `text` (a letter with its marks, a conjunct's parts stay together). */
export function graphemesOf(text: string): string[] {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return segmentsIn(graphemes, text, 1).map((s) => s.segment);
}

/**
 * `word` (text with no spaces) cut where a line may break, joined back without spaces: ["王", "小", "明。"], or
 * [word] where it may not break at all (a Latin word, a Korean word).
 */
export function breakableParts(word: string): string[] {
  if (UNSPACED.test(word)) {
    return wordsOf(word).flatMap((part) => (UNSPACED.test(part) ? [part] : breakableParts(part)));
  }
  if (!WIDE.test(word)) return [word];
  const parts: string[] = [];
  let part = '';
  let previous = '';
  for (const grapheme of graphemesOf(word)) {
    const mayBreak =
      part !== '' &&
      (WIDE.test(previous) || WIDE.test(grapheme)) &&
      !NO_BREAK_BEFORE.test(grapheme) &&
      !NO_BREAK_AFTER.test(previous);
    if (mayBreak) {
      parts.push(part);
      part = '';
    }
    part += grapheme;
    previous = grapheme;
  }
  if (part) parts.push(part);
  return parts;
}

/**
 * The words of text in an unspaced script, each with the punctuation after it (and opening punctuation with the
 * word after it), so that a line never starts with a closing mark or ends with an opening one. A word in
 * another script among them comes out whole, for breakableParts to cut as its own script needs.
 */
function wordsOf(text: string): string[] {
  const parts: string[] = [];
  let opening = '';
  words ??= new Intl.Segmenter('und', { granularity: 'word' });
  // A dictionary's words may depend on the letters after them: those near a piece's end are read again.
  for (const { segment, isWordLike } of segmentsIn(words, text, 128)) {
    if (isWordLike || parts.length === 0) {
      if (!isWordLike && NO_BREAK_AFTER.test(segment)) opening += segment;
      else {
        parts.push(opening + segment);
        opening = '';
      }
    } else if (NO_BREAK_AFTER.test(segment)) opening += segment;
    else parts[parts.length - 1] += opening + segment;
  }
  if (opening) {
    if (parts.length > 0) parts[parts.length - 1] += opening;
    else parts.push(opening);
  }
  return parts;
}
