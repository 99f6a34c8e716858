/**
 * Where a line may break inside a run of text with no spaces. Chinese and Japanese are written without spaces
 * between words, and a line may break between any two of their characters, except before closing punctuation
 * and small kana (。、」っ) and after opening punctuation (「（): the simple form of the rule Unicode's line
 * breaking algorithm (UAX #14) and Japanese typesetting (kinsoku) give. Korean is written with spaces, so its
 * lines break there, as elsewhere.
 */

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const NO_BREAK_BEFORE =
  /[、。，．・：；？！）」』】〉》〕｝〗〙〛〟ーゝゞヽヾ…‥ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ!),.:;?\]}%’”]/u;
const NO_BREAK_AFTER = /[（「『【〈《〔｛〖〘〚〝([{‘“]/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The user-perceived characters of `text` (a letter with its marks, a conjunct's parts stay together). */
export function graphemesOf(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/**
 * `word` (text with no spaces) cut where a line may break, joined back without spaces: ["王", "小", "明。"], or
 * [word] where it may not break at all (a Latin word, a Korean word).
 */
export function breakableParts(word: string): string[] {
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
