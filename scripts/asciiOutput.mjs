/**
 * The CLI's bundles as pure ASCII. esbuild escapes the non-ASCII characters of strings, but leaves them in
 * comments (pdf-lib's documentation has emoji), in regular expression literals and in String.raw templates.
 * One such character anywhere makes V8 hold the whole file as a two-byte string: a 5.6 MB command becomes an
 * 11 MB string to decode, copy and look up on every start, about 0.013 s of each command's start-up even
 * with its code cache (docs/performance.md).
 *
 * Every character above U+007F becomes its `\uXXXX` escape (two for a character outside the Basic
 * Multilingual Plane, its UTF-16 surrogates), which means the same in every place left to escape: a
 * comment, a regular expression, an identifier. The one place it would not is a tagged template (String.raw
 * gives the escape's own text), so a non-ASCII character on a line of code that has a backquote leaves the
 * file as it is, and the caller says which line: write such text with `\u` escapes in the source instead
 * (in a String.raw that builds a regular expression, the expression reads them as the characters).
 * A line is a comment when it starts with `//`, `/*` or `*`, as esbuild prints them.
 *
 * Source maps are not adjusted: on a line of code with an escaped character, positions after it are a few
 * columns off. Such lines are rare (regular expressions of our own), and a comment line maps nothing.
 */

const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*)/;
// eslint-disable-next-line no-control-regex -- "anything but ASCII" is the point.
const NON_ASCII = /[^\x00-\x7f]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/**
 * `code` with every non-ASCII character escaped, or `unsafe` with the first line (1-based) where an escape
 * could change what the code does.
 */
export function asciiOnly(code) {
  if (!NON_ASCII.test(code)) return { code };
  const lines = code.split('\n');
  for (const [i, line] of lines.entries()) {
    if (NON_ASCII.test(line) && !COMMENT_LINE.test(line) && line.includes('`'))
      return { unsafe: { line: i + 1, text: line.trim().slice(0, 120) } };
  }
  return {
    code: code.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  };
}
