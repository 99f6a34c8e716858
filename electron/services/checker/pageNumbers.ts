/**
 * Finding the bundle page number printed on each page: which bit of text in the page's margins is the
 * number, and what kind of number it is. Pure functions over text positions, so they are tested without PDFs.
 */
import { parseRoman as parseRomanNumeral } from '../../../shared/bundle/format';
import type { TextItem } from '../pdf/pdfjs';
import { longestIncreasing, orderKey } from './sequence';

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

/** "xiv" → 14; anything that is not a well-formed lower-case roman numeral of at most 8 letters → null. */
export function parseRoman(text: string): number | null {
  return text.length <= 8 ? parseRomanNumeral(text) : null;
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

type Main = Extract<PrintedNumber, { kind: 'main' }>;

/** Grid (points) for grouping number positions into the few places a bundle could put its stamp. */
const POSITION_GRID = 24;
/** Places tried: the most used ones (a document's own page numbers can form a few more). */
const MAX_PLACES = 8;

function placeKey(a: Anchor): string {
  const vertical = a.fromBottom ?? a.fromTop ?? 0;
  return `${a.fromBottom !== null ? 'b' : 't'}:${Math.round(a.fromRight / POSITION_GRID)}:${Math.round(vertical / POSITION_GRID)}`;
}

function medianAnchor(candidates: Candidate[]): Anchor {
  const bottom = candidates.filter((c) => c.anchor.fromBottom !== null);
  const useBottom = bottom.length * 2 >= candidates.length;
  const side = useBottom ? bottom : candidates.filter((c) => c.anchor.fromTop !== null);
  return {
    fromRight: median(side.map((c) => c.anchor.fromRight)),
    fromBottom: useBottom ? median(side.map((c) => c.anchor.fromBottom!)) : null,
    fromTop: useBottom ? null : median(side.map((c) => c.anchor.fromTop!)),
  };
}

/** Each page's main-number candidate nearest `place` (within tolerance), or null. */
function pickAt(pages: { candidates: Candidate[] }[], place: Anchor): (Candidate | null)[] {
  return pages.map((p) => {
    let best: Candidate | null = null;
    let bestDistance = ANCHOR_TOLERANCE;
    for (const c of p.candidates) {
      if (c.number.kind !== 'main') continue;
      const d = anchorDistance(c.anchor, place);
      if (d <= bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  });
}

/**
 * Chooses each page's bundle number. Numbers are grouped by where they sit on the page; the place whose
 * numbers run in order over the most pages is the bundle's stamp (a document's own page numbers restart
 * with each document, so they lose even when they sit nearer the corner; ties go to the place nearer the
 * bottom-right corner). The bundle's style (B12 or 12) is the majority there. Each page then takes the
 * number at that place in that style: a document's own number elsewhere is not taken for a missing stamp.
 */
export function choosePageNumbers(pages: { candidates: Candidate[] }[]): PageNumbering {
  const places = new Map<string, Candidate[]>();
  for (const p of pages) {
    for (const c of p.candidates) {
      if (c.number.kind !== 'main') continue;
      const key = placeKey(c.anchor);
      places.set(key, [...(places.get(key) ?? []), c]);
    }
  }
  if (places.size === 0) {
    // Front-matter or divider stamps alone are not pagination; still report them for page labels.
    const picks = pages.map((p) => p.candidates.find((c) => c.number.kind !== 'main') ?? null);
    return {
      numbers: picks.map((c) => c?.number ?? null),
      chosen: picks.map((c) => c?.text ?? null),
      style: 'none',
    };
  }

  let usual: Anchor | null = null;
  let picks: (Candidate | null)[] = [];
  let bestInOrder = -1;
  let bestCorner = Infinity;
  const tried = [...places.values()].sort((a, b) => b.length - a.length).slice(0, MAX_PLACES);
  for (const group of tried) {
    const place = medianAnchor(group);
    const at = pickAt(pages, place);
    const found = at.filter((c): c is Candidate => c !== null);
    const inOrder = longestIncreasing(found.map((c) => orderKey(c.number as Main))).size;
    const corner = median(found.map((c) => c.score));
    if (inOrder > bestInOrder || (inOrder === bestInOrder && corner < bestCorner)) {
      usual = place;
      picks = at;
      bestInOrder = inOrder;
      bestCorner = corner;
    }
  }
  const found = picks.filter((c): c is Candidate => c !== null);
  const prefixed = found.filter((c) => (c.number as Main).prefix !== '').length;
  const style: 'continuous' | 'section' = prefixed * 2 > found.length ? 'section' : 'continuous';
  const fitsStyle = (n: PrintedNumber) =>
    n.kind !== 'main' || (style === 'section' ? n.prefix !== '' : n.prefix === '');

  // A bundle that moves its stamp about has no one place: then take the number nearest the corner.
  const withNumbers = pages.filter((p) => p.candidates.some((c) => c.number.kind === 'main')).length;
  const positionMatters = found.length * 2 > withNumbers;

  const numbers: (PrintedNumber | null)[] = [];
  const chosen: (MarginText | null)[] = [];
  for (const page of pages) {
    // Front-matter (ii) and divider (Section B) stamps sit at the same place as the others.
    const ok = page.candidates.filter(
      (c) =>
        fitsStyle(c.number) && (!positionMatters || anchorDistance(c.anchor, usual!) <= ANCHOR_TOLERANCE),
    );
    if (positionMatters)
      ok.sort((a, b) => anchorDistance(a.anchor, usual!) - anchorDistance(b.anchor, usual!));
    const pick = ok[0] ?? null;
    numbers.push(pick?.number ?? null);
    chosen.push(pick?.text ?? null);
  }
  return { numbers, chosen, style };
}
