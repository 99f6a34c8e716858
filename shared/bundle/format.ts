/**
 * Small formatting helpers shared by the plan, the PDF and the screens. Pure, no Intl (same output everywhere).
 * Dates are formatted by shared/dates (formatDate, yearsBefore).
 */

/** "B12–B15", or "B12" for one page. */
export function formatRange(first: string, last: string): string {
  return first === last ? first : `${first}–${last}`;
}

/** The first and last of a run of page labels; null for none. */
export function labelEnds(labels: readonly string[]): [first: string, last: string] | null {
  const [first] = labels;
  const last = labels.at(-1);
  return first === undefined || last === undefined ? null : [first, last];
}

/** formatRange from the first to the last of a run of page labels: "B12–B15"; '' for none. */
export function formatLabelRange(labels: readonly string[]): string {
  const ends = labelEnds(labels);
  return ends ? formatRange(...ends) : '';
}

const ROMAN: [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** 1 → "i", 4 → "iv": front-matter page numbers. */
export function toRoman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

/** "xiv" → 14; anything that is not a well-formed lower-case roman numeral (as toRoman writes it) → null. */
export function parseRoman(text: string): number | null {
  if (!/^[ivxlcdm]+$/.test(text)) return null;
  let value = 0;
  let rest = text;
  for (const [n, letters] of ROMAN) {
    while (rest.startsWith(letters)) {
      value += n;
      rest = rest.slice(letters.length);
    }
  }
  return rest === '' && toRoman(value) === text ? value : null;
}

/** 1 → "a", 26 → "z", 27 → "aa": suffixes of late-inserted pages (12a, 12b…). */
export function letterSuffix(n: number): string {
  let out = '';
  while (n > 0) {
    n--;
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  }
  return out;
}

/** "aa" → 27; "" → 0. */
export function suffixIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 96);
  return n;
}

/** Splits a page label into prefix letter(s), number and late-insert suffix: "B12a" → ["B", 12, "a"]. */
export function parseLabel(label: string): { prefix: string; number: number; suffix: string } | null {
  const m = /^([A-Z]*)(\d+)([a-z]*)$/.exec(label);
  if (!m) return null;
  const [, prefix = '', digits, suffix = ''] = m;
  return { prefix, number: Number(digits), suffix };
}

/** A short stable hash (two FNV-1a 32-bit passes): fingerprints of generated pages. */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 ^= h2 >>> 13;
  }
  return h1.toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
