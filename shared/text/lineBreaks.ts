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

/** The user-perceived characters of `text` (a letter with its marks, a conjunct's parts stay together). */
export function graphemesOf(text: string): string[] {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(graphemes.segment(text), (s) => s.segment);
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
  for (const { segment, isWordLike } of words.segment(text)) {
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
