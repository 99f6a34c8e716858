/**
 * Finding the bundle page number printed on each page: which bit of text in the page's margins is the
 * number, and what kind of number it is. Pure functions over text positions, so they are tested without PDFs.
 */
import type { TextItem } from '../pdf/pdfjs';

/** A bundle number as printed: main numbering (12, B12, 12a), front matter (ii) or a divider (Section B). */
export type PrintedNumber =
  | { kind: 'main'; label: string; prefix: string; number: number; suffix: string }
  | { kind: 'front'; label: string; value: number }
  | { kind: 'divider'; label: string; section: string };

/** Text near an edge of the page, with its position as displayed (points; y from the bottom). */
export interface MarginText {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const ROMAN: [string, number][] = [
  ['m', 1000],
  ['cm', 900],
  ['d', 500],
  ['cd', 400],
  ['c', 100],
  ['xc', 90],
  ['l', 50],
  ['xl', 40],
  ['x', 10],
  ['ix', 9],
  ['v', 5],
  ['iv', 4],
  ['i', 1],
];

function toRoman(n: number): string {
  let out = '';
  for (const [letters, value] of ROMAN) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

/** "xiv" → 14; anything that is not a well-formed lower-case roman numeral → null. */
export function parseRoman(text: string): number | null {
  if (!/^[ivxlcdm]{1,8}$/.test(text)) return null;
  let value = 0;
  let rest = text;
  for (const [letters, n] of ROMAN) {
    while (rest.startsWith(letters)) {
      value += n;
      rest = rest.slice(letters.length);
    }
  }
  return rest === '' && toRoman(value) === text ? value : null;
}

/** "aa" → 27, "b" → 2, "" → 0 (late-insert suffixes). */
export function suffixRank(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 96);
  return n;
}

export function suffixLetters(rank: number): string {
  let out = '';
  while (rank > 0) {
    rank--;
    out = String.fromCharCode(97 + (rank % 26)) + out;
    rank = Math.floor(rank / 26);
  }
  return out;
}

const MAIN = /^([A-Z]{1,2})?[\s.-]?(\d{1,5})([a-z]{1,2})?$/;

/**
 * Reads one printed bundle number: "12", "B12", "B 12", "12a", "Page 12", "Page B12 of 300", "ii",
 * "Section B". Returns null for anything else (dates, document reference numbers, words).
 */
export function parsePrintedNumber(raw: string): PrintedNumber | null {
  let text = raw.replace(/\s+/g, ' ').trim();
  const divider = /^section ([A-Z]{1,2})$/i.exec(text);
  if (divider) return { kind: 'divider', label: `Section ${divider[1]}`, section: divider[1] };
  text = text
    .replace(/^(?:page|pg\.?|p\.)\s*/i, '')
    .replace(/\s+of\s+\d{1,5}$/i, '')
    .trim();
  const front = parseRoman(text);
  if (front !== null) return { kind: 'front', label: text, value: front };
  const m = MAIN.exec(text);
  if (!m) return null;
  // "B-12" and "B 12" are B12; a separator without a prefix ("-12") is not a page number.
  if (!m[1] && text.length !== m[2].length + (m[3]?.length ?? 0)) return null;
  const number = Number(m[2]);
  if (number === 0) return null;
  const prefix = m[1] ?? '';
  const suffix = m[3] ?? '';
  return { kind: 'main', label: `${prefix}${number}${suffix}`, prefix, number, suffix };
}

/** Share of the page height, from the bottom and from the top, where bundle numbers are looked for. */
const BOTTOM_ZONE = 0.12;
const TOP_ZONE = 0.08;

/**
 * The texts in a page's top and bottom margins that could be page numbers: each item on its own and, for
 * numbers split over items ("Page" "12"), runs of adjacent items on the same line.
 */
export function marginTexts(items: TextItem[], width: number, height: number): MarginText[] {
  const inZone = items.filter((i) => i.y <= height * BOTTOM_ZONE || i.y >= height * (1 - TOP_ZONE));
  const out: MarginText[] = inZone.map((i) => ({ ...i, text: i.text.trim() }));
  const lines = new Map<number, TextItem[]>();
  for (const item of inZone) {
    const key = Math.round(item.y / 3);
    lines.set(key, [...(lines.get(key) ?? []), item]);
  }
  for (const line of lines.values()) {
    if (line.length < 2 || line.length > 12) continue;
    line.sort((a, b) => a.x - b.x);
    for (let start = 0; start < line.length - 1; start++) {
      let text = line[start].text.trim();
      for (let end = start + 1; end < Math.min(line.length, start + 4); end++) {
        const prev = line[end - 1];
        const gap = line[end].x - (prev.x + prev.width);
        if (gap > Math.max(12, prev.height * 1.5)) break;
        text += (gap > 0.5 ? ' ' : '') + line[end].text.trim();
        const x = line[start].x;
        out.push({
          text,
          x,
          y: Math.min(...line.slice(start, end + 1).map((i) => i.y)),
          width: line[end].x + line[end].width - x,
          height: Math.max(...line.slice(start, end + 1).map((i) => i.height)),
        });
      }
    }
  }
  void width;
  return out;
}

/** Where a number sits, as distances from the displayed page's right edge and from its nearer horizontal edge. */
export interface Anchor {
  fromRight: number;
  fromBottom: number | null;
  fromTop: number | null;
}

export function anchorOf(t: MarginText, width: number, height: number): Anchor {
  const bottom = t.y <= height / 2;
  return {
    fromRight: width - (t.x + t.width),
    fromBottom: bottom ? t.y : null,
    fromTop: bottom ? null : height - (t.y + t.height),
  };
}

/** How far a candidate is from the bottom-right corner, where bundle numbers belong (top margins cost more). */
function cornerScore(t: MarginText, width: number, height: number): number {
  const a = anchorOf(t, width, height);
  return a.fromRight + (a.fromBottom ?? height * 0.5 + (a.fromTop ?? 0));
}

export interface Candidate {
  number: PrintedNumber;
  text: MarginText;
  anchor: Anchor;
  score: number;
}

/** Every margin text of a page that reads as a bundle number, best placed (nearest bottom-right) first. */
export function numberCandidates(items: TextItem[], width: number, height: number): Candidate[] {
  const out: Candidate[] = [];
  for (const t of marginTexts(items, width, height)) {
    const number = parsePrintedNumber(t.text);
    if (!number) continue;
    out.push({ number, text: t, anchor: anchorOf(t, width, height), score: cornerScore(t, width, height) });
  }
  return out.sort((a, b) => a.score - b.score);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Points a stamp may wander from where the bundle usually puts it (different page sizes, long labels). */
const ANCHOR_TOLERANCE = 40;

function anchorDistance(a: Anchor, b: Anchor): number {
  const vertical =
    a.fromBottom !== null && b.fromBottom !== null
      ? Math.abs(a.fromBottom - b.fromBottom)
      : a.fromTop !== null && b.fromTop !== null
        ? Math.abs(a.fromTop - b.fromTop)
        : Infinity;
  return Math.abs(a.fromRight - b.fromRight) + vertical;
}

export interface PageNumbering {
  /** Per page (index 0 = page 1): the number chosen, or null. */
  numbers: (PrintedNumber | null)[];
  /** The text chosen on each page (for blank-page checks: where the stamp is). */
  chosen: (MarginText | null)[];
  style: 'continuous' | 'section' | 'none';
}

/**
 * Chooses each page's bundle number. First pass: the candidate nearest the bottom-right corner. The bundle's
 * usual stamp position and style (B12 or 12) are then taken from the majority, and each page is read again
 * preferring a candidate at that position and in that style: a document's own page number elsewhere on the
 * page is not taken for the bundle number.
 */
export function choosePageNumbers(pages: { candidates: Candidate[] }[]): PageNumbering {
  const firstPass = pages.map((p) => p.candidates.find((c) => c.number.kind === 'main') ?? null);
  const mains = firstPass.filter((c): c is Candidate => c !== null);
  if (mains.length === 0) {
    // Front-matter or divider stamps alone are not pagination; still report them for page labels.
    const picks = pages.map((p) => p.candidates.find((c) => c.number.kind !== 'main') ?? null);
    return {
      numbers: picks.map((c) => c?.number ?? null),
      chosen: picks.map((c) => c?.text ?? null),
      style: 'none',
    };
  }
  const prefixed = mains.filter((c) => (c.number as { prefix: string }).prefix !== '').length;
  const style: 'continuous' | 'section' = prefixed * 2 > mains.length ? 'section' : 'continuous';
  const bottom = mains.filter((c) => c.anchor.fromBottom !== null);
  const usual: Anchor =
    bottom.length * 2 >= mains.length
      ? {
          fromRight: median(bottom.map((c) => c.anchor.fromRight)),
          fromBottom: median(bottom.map((c) => c.anchor.fromBottom!)),
          fromTop: null,
        }
      : {
          fromRight: median(mains.map((c) => c.anchor.fromRight)),
          fromBottom: null,
          fromTop: median(mains.filter((c) => c.anchor.fromTop !== null).map((c) => c.anchor.fromTop!)),
        };
  const atUsual = mains.filter((c) => anchorDistance(c.anchor, usual) <= ANCHOR_TOLERANCE).length;
  // Only trust the position when most numbers agree on it (some bundles move the stamp around).
  const positionMatters = atUsual * 2 > mains.length;

  const fitsStyle = (n: PrintedNumber) =>
    n.kind !== 'main' || (style === 'section' ? n.prefix !== '' : n.prefix === '');
  const numbers: (PrintedNumber | null)[] = [];
  const chosen: (MarginText | null)[] = [];
  for (const page of pages) {
    const ok = page.candidates.filter(
      (c) => fitsStyle(c.number) && (!positionMatters || anchorDistance(c.anchor, usual) <= ANCHOR_TOLERANCE),
    );
    ok.sort((a, b) => anchorDistance(a.anchor, usual) - anchorDistance(b.anchor, usual));
    const pick = ok[0] ?? null;
    numbers.push(pick?.number ?? null);
    chosen.push(pick?.text ?? null);
  }
  return { numbers, chosen, style };
}
