/**
 * White space as JavaScript's `\s` knows it, for text read from pages: the readers call these for every
 * line and item of every page, where a regular expression's replace makes a new string each time.
 */

/** Whether a UTF-16 code unit is white space (`\s`: ASCII's, no-break, Unicode's spaces, line and paragraph separators, BOM). */
export function isWhiteSpaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `text` with each run of white space made one space, and none at its ends: `text.replace(/\s+/g, ' ').trim()`. */
export function collapseWhiteSpace(text: string): string {
  let previousSpace = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (previousSpace) return text.replace(/\s+/g, ' ').trim();
      previousSpace = true;
    } else if (isWhiteSpaceCode(code)) return text.replace(/\s+/g, ' ').trim();
    else previousSpace = false;
  }
  // Single spaces between words already; at most one at the end.
  return previousSpace && text.length > 0 ? text.slice(0, -1) : text;
}
