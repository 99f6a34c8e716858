/**
 * Finding the bundle page number printed on each page, whoever made the bundle: which bit of text in the
 * page's margins is the number, and what kind of number it is. Numbers may sit at the top or the bottom,
 * at the left, centre or right, on portrait, landscape and rotated pages, and read "12", "Page 12",
 * "Page 12 of 240", "p. 12", "A12", "A-12", "A/12", "[12]" or "- 12 -". The bundle's own convention (where
 * its numbers sit and how they read) is learnt from its pages, then every page is read against it.
 * Pure functions over text positions, so they are tested without PDFs.
 */
import { parseRoman as parseRomanNumeral } from '../../../shared/bundle/format';
import type { TextItem } from '../pdf/pdfjs';
import { longestIncreasing, orderKey } from './sequence';

/**
 * A bundle number as printed: main numbering (12, B12, 12a), front matter (ii) or a divider (Section B).
 * `label` is the checker's form, for comparing ("B-12", "B/12" and "B 12" are all "B12"); `printed` is the
 * number as the page prints it, without its wording ("B/12" of "Page B/12 of 40"), for quoting in findings.
 */
export type PrintedNumber =
  | { kind: 'main'; label: string; printed: string; prefix: string; number: number; suffix: string }
  | { kind: 'front'; label: string; printed: string; value: number }
  | { kind: 'divider'; label: string; printed: string; section: string };

type Main = Extract<PrintedNumber, { kind: 'main' }>;

/** A rectangle on the page as displayed: x from the left, y from the bottom, in points. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Text near an edge of the page, upright in its own reading frame: the page turned so the text reads left
 * to right (the page as displayed for ordinary text; turned a quarter for text running up or down a
 * rotated page). Positions in points, y from the bottom of that frame.
 */
export interface MarginText {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The reading frame's size: the displayed page's, or its width and height swapped. */
  frameWidth: number;
  frameHeight: number;
  /** Where the text is on the page as displayed (for the blank-page check). */
  box: Box;
}

/** "xiv" → 14; anything that is not a well-formed lower-case roman numeral of at most 8 letters → null. */
export function parseRoman(text: string): number | null {
  return text.length <= 8 ? parseRomanNumeral(text) : null;
}

/** A printed number with how it is written: "Page {P}-{n} of {N}", and the total when it gives one. */
interface NumberReading {
  number: PrintedNumber;
  /** The wording around the number, as a pattern: the same for every page of one bundle's numbering. */
  form: string;
  /** "of 240": the total the number gives, else null. */
  total: number | null;
}

const MAX_NUMBER_TEXT = 28;
const HAS_DIGIT = /\d/;
/** Numbers without digits: roman front-matter numbers ("ii", "[iv]") and dividers ("Section B"). */
const WORDLESS_NUMBER = /^[\s[(\-–—]*(?:[ivxlcdm]+|section\s+[A-Z]{1,2})[\s\])\-–—]*$/i;
/**
 * A section letter may be followed by a space, a dot, a hyphen or a slash ("A 12", "A.12", "A-12", "A/12").
 * Late inserts may be lettered in capitals ("12A", as many bundles number them): the same as "12a".
 */
const MAIN = /^([A-Z]{1,2})?([\s./-]?)(\d{1,5})([a-zA-Z]{1,2})?$/;
/** Bates-style numbers: a word of capitals and a zero-padded count ("HB000012"). */
const BATES = /^([A-Z]{2,6})([\s_-]?)(0\d{3,7})$/;
const LEAD = /^(page|pg\.?|p\.)\s*/i;
const TOTAL = /\s*(of|\/)\s*(\d{1,5})$/i;
const WRAPPERS: [RegExp, string][] = [
  [/^\[\s*(.+?)\s*\]$/, '[$]'],
  [/^\(\s*(.+?)\s*\)$/, '($)'],
  [/^[-–—]\s*(.+?)\s*[-–—]$/, '-$-'],
];

/**
 * Reads one printed bundle number and how it is written. Returns null for anything else (dates, document
 * reference numbers, words).
 */
export function readPrintedNumber(raw: string): NumberReading | null {
  // A page number is short ("Page A-1234 of 5678" is 19 characters): lines of text are not read further.
  if (raw.length > MAX_NUMBER_TEXT && raw.trim().length > MAX_NUMBER_TEXT) return null;
  if (!HAS_DIGIT.test(raw) && !WORDLESS_NUMBER.test(raw)) return null;
  let text = raw.replace(/\s+/g, ' ').trim();
  const divider = /^section ([A-Z]{1,2})$/i.exec(text);
  if (divider)
    return {
      number: { kind: 'divider', label: `Section ${divider[1]}`, printed: text, section: divider[1] },
      form: 'section',
      total: null,
    };
  let wrapper = '$';
  for (const [pattern, form] of WRAPPERS) {
    const m = pattern.exec(text);
    if (m) {
      text = m[1];
      wrapper = form;
      break;
    }
  }
  let lead = '';
  const leadMatch = LEAD.exec(text);
  if (leadMatch) {
    lead = leadMatch[1].toLowerCase().replace('.', '') + ' ';
    text = text.slice(leadMatch[0].length);
  }
  let total: number | null = null;
  let totalForm = '';
  const totalMatch = TOTAL.exec(text);
  // "12/240" is 12 of 240, but "A/12" is page A/12: a total follows a number.
  if (totalMatch && HAS_DIGIT.test(text.slice(0, totalMatch.index))) {
    total = Number(totalMatch[2]);
    totalForm = totalMatch[1].toLowerCase() === 'of' ? ' of {N}' : '/{N}';
    text = text.slice(0, totalMatch.index).trim();
  }
  const form = (inner: string) => wrapper.replace('$', `${lead}${inner}${totalForm}`);
  const front = parseRoman(text);
  if (front !== null && total === null)
    return { number: { kind: 'front', label: text, printed: text, value: front }, form: form('{i}'), total };
  const m = MAIN.exec(text);
  const bates = m ? null : BATES.exec(text);
  if (!m && !bates) return null;
  const [prefix, separator, digits, suffix] = m
    ? [m[1] ?? '', m[2], m[3], (m[4] ?? '').toLowerCase()]
    : [bates![1], bates![2], bates![3], ''];
  // "B-12" and "B 12" are B12; a separator without a prefix ("-12") is not a page number.
  if (!prefix && separator) return null;
  const number = Number(digits);
  if (number === 0) return null;
  if (total !== null && total < number) return null;
  return {
    number: { kind: 'main', label: `${prefix}${number}${suffix}`, printed: text, prefix, number, suffix },
    form: form(`${prefix ? `{P}${separator.trim() ? separator : separator ? ' ' : ''}` : ''}{n}`),
    total,
  };
}

/**
 * Reads one printed bundle number: "12", "B12", "B 12", "B-12", "B/12", "12a", "Page 12", "Page B12 of 300",
 * "p. 7", "[7]", "ii", "Section B". Returns null for anything else.
 */
export function parsePrintedNumber(raw: string): PrintedNumber | null {
  return readPrintedNumber(raw)?.number ?? null;
}

/** A page number in the checker's form ("A-1" or "A/1" → "A1", "Page 3" → "3"), or the text without spaces. */
export function normaliseRef(ref: string): string {
  return readPrintedNumber(ref)?.number.label ?? ref.replace(/\s+/g, '');
}

/** A page number as printed, without its wording ("Page A/3 of 40" → "A/3"), or the text as given. */
export function printedRef(ref: string): string {
  return readPrintedNumber(ref)?.number.printed ?? ref.replace(/\s+/g, ' ').trim();
}

/**
 * Another number of `like`'s section, written as `like` is ("A/3" → "A/4"; "HB000012" → "HB000013"; "12A"
 * → "12B"): how a finding names a number that is on no page, in the bundle's own way of writing them.
 */
export function writtenLike(like: Main, number: number, suffix = ''): string {
  const m = MAIN.exec(like.printed) ?? BATES.exec(like.printed);
  if (!m) return `${like.prefix}${number}${suffix}`;
  const [, prefix = '', separator, digits, printedSuffix] = m;
  const padded = digits.startsWith('0') ? String(number).padStart(digits.length, '0') : String(number);
  const capitals = printedSuffix !== undefined && printedSuffix === printedSuffix.toUpperCase();
  return `${prefix}${separator}${padded}${capitals ? suffix.toUpperCase() : suffix}`;
}

/** Share of the frame's height, from the bottom and from the top, where bundle numbers are looked for. */
const BOTTOM_ZONE = 0.12;
const TOP_ZONE = 0.1;

/** Quarter turns of text as displayed: 0 upright, 90 running up the page, 180 upside down, 270 running down. */
function quarter(dir: number | undefined): 0 | 90 | 180 | 270 {
  const q = ((Math.round((dir ?? 0) / 90) % 4) + 4) % 4;
  return ([0, 90, 180, 270] as const)[q];
}

/** An item in the reading frame of its direction, with its displayed box. */
function inFrame(item: TextItem, dir: 0 | 90 | 180 | 270, width: number, height: number): MarginText {
  const { x, y, width: w, height: h } = item;
  const text = item.text.trim();
  switch (dir) {
    case 90:
      return {
        text,
        x: y,
        y: width - x,
        width: w,
        height: h,
        frameWidth: height,
        frameHeight: width,
        box: { x: x - h, y, width: h, height: w },
      };
    case 180:
      return {
        text,
        x: width - x,
        y: height - y,
        width: w,
        height: h,
        frameWidth: width,
        frameHeight: height,
        box: { x: x - w, y: y - h, width: w, height: h },
      };
    case 270:
      return {
        text,
        x: height - y,
        y: x,
        width: w,
        height: h,
        frameWidth: height,
        frameHeight: width,
        box: { x, y: y - w, width: h, height: w },
      };
    default:
      return {
        text,
        x,
        y,
        width: w,
        height: h,
        frameWidth: width,
        frameHeight: height,
        box: { x, y, width: w, height: h },
      };
  }
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** "Page 12 of 240" inside a longer footer line ("Hearing bundle · EH123/26 · Page 12 of 240"). */
const EMBEDDED =
  /(?:^|\s)((?:page|pg\.?|p\.)\s*(?:[A-Z]{1,2}[\s./-]?)?\d{1,5}[a-z]{0,2}(?:\s*(?:of|\/)\s*\d{1,5})?)(?=$|[\s,;|·•–—])/gi;

const MAY_EMBED = /p(?:age|g|\.)\s*[A-Z]{0,2}[\s./-]?\d/i;

/** Parts of a long margin text that are "Page N" numbers, placed by their share of the characters. */
function embeddedNumbers(t: MarginText): MarginText[] {
  if (t.text.length <= 14 || !MAY_EMBED.test(t.text)) return [];
  const out: MarginText[] = [];
  for (const m of t.text.matchAll(EMBEDDED)) {
    const start = m.index + m[0].indexOf(m[1]);
    const share = t.width / t.text.length;
    const x = t.x + start * share;
    const width = m[1].length * share;
    const boxShare = (v: number, total: number) => (v * total) / t.width;
    const box =
      t.box.width >= t.box.height
        ? { ...t.box, x: t.box.x + boxShare(x - t.x, t.box.width), width: boxShare(width, t.box.width) }
        : { ...t.box, y: t.box.y + boxShare(x - t.x, t.box.height), height: boxShare(width, t.box.height) };
    out.push({ ...t, text: m[1], x, width, box });
  }
  return out;
}

/**
 * The texts in a page's top and bottom margins that could be page numbers: each item on its own, runs of
 * adjacent items on the same line (a number split over items: "Page" "12"), and "Page N" inside longer
 * footer lines. Text running up or down a rotated page is read in its own frame.
 */
function marginTexts(items: TextItem[], width: number, height: number): MarginText[] {
  const out: MarginText[] = [];
  const byDir = new Map<number, MarginText[]>();
  for (const item of items) {
    const dir = quarter(item.dir);
    // Most items are upright body text: test those against the zones before building anything.
    if (dir === 0 && item.y > height * BOTTOM_ZONE && item.y < height * (1 - TOP_ZONE)) continue;
    const t = inFrame(item, dir, width, height);
    if (t.y > t.frameHeight * BOTTOM_ZONE && t.y < t.frameHeight * (1 - TOP_ZONE)) continue;
    if (t.text === '') continue;
    out.push(t, ...embeddedNumbers(t));
    const list = byDir.get(dir);
    if (list) list.push(t);
    else byDir.set(dir, [t]);
  }
  for (const inZone of byDir.values()) {
    if (inZone.length < 2) continue;
    const lines = new Map<number, MarginText[]>();
    for (const t of inZone) {
      const key = Math.round(t.y / 3);
      const line = lines.get(key);
      if (line) line.push(t);
      else lines.set(key, [t]);
    }
    for (const line of lines.values()) {
      if (line.length < 2 || line.length > 12) continue;
      line.sort((a, b) => a.x - b.x);
      for (let start = 0; start < line.length - 1; start++) {
        let text = line[start].text;
        let box = line[start].box;
        for (let end = start + 1; end < Math.min(line.length, start + 4); end++) {
          const prev = line[end - 1];
          const gap = line[end].x - (prev.x + prev.width);
          if (gap > Math.max(12, prev.height * 1.5)) break;
          text += (gap > 0.5 ? ' ' : '') + line[end].text;
          box = union(box, line[end].box);
          const run = line.slice(start, end + 1);
          out.push({
            text,
            x: line[start].x,
            y: Math.min(...run.map((i) => i.y)),
            width: line[end].x + line[end].width - line[start].x,
            height: Math.max(...run.map((i) => i.height)),
            frameWidth: line[start].frameWidth,
            frameHeight: line[start].frameHeight,
            box,
          });
        }
      }
    }
  }
  return out;
}

type Edge = 'top' | 'bottom';
type Align = 'left' | 'centre' | 'right';
const ALIGNS: Align[] = ['left', 'centre', 'right'];

/**
 * Where a number sits in its frame: which edge, its distance from that edge, and across the page as
 * measured from the left edge, from the centre (signed) and from the right edge, so a bundle that centres
 * its numbers matches on portrait and landscape pages alike.
 */
interface Anchor {
  edge: Edge;
  fromEdge: number;
  fromLeft: number;
  fromCentre: number;
  fromRight: number;
}

function anchorOf(t: MarginText): Anchor {
  const bottom = t.y <= t.frameHeight / 2;
  return {
    edge: bottom ? 'bottom' : 'top',
    fromEdge: bottom ? t.y : t.frameHeight - (t.y + t.height),
    fromLeft: t.x,
    fromCentre: t.x + t.width / 2 - t.frameWidth / 2,
    fromRight: t.frameWidth - (t.x + t.width),
  };
}

function across(a: Anchor, align: Align): number {
  return align === 'left' ? a.fromLeft : align === 'centre' ? a.fromCentre : a.fromRight;
}

/** How far a candidate is from the bottom-right corner, where bundle numbers usually go (top costs more). */
function cornerScore(a: Anchor, frameHeight: number): number {
  return a.fromRight + (a.edge === 'bottom' ? a.fromEdge : frameHeight * 0.5 + a.fromEdge);
}

export interface Candidate {
  number: PrintedNumber;
  form: string;
  total: number | null;
  text: MarginText;
  anchor: Anchor;
  score: number;
}

/** Every margin text of a page that reads as a bundle number, best placed (nearest bottom-right) first. */
export function numberCandidates(items: TextItem[], width: number, height: number): Candidate[] {
  const out: Candidate[] = [];
  for (const t of marginTexts(items, width, height)) {
    const reading = readPrintedNumber(t.text);
    if (!reading) continue;
    const anchor = anchorOf(t);
    out.push({ ...reading, text: t, anchor, score: cornerScore(anchor, t.frameHeight) });
  }
  return out.sort((a, b) => a.score - b.score);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A place on the page where a bundle puts its numbers: an edge, an alignment and two distances. */
interface Place {
  edge: Edge;
  align: Align;
  across: number;
  fromEdge: number;
}

/** Points a number may wander from its bundle's usual place (page sizes, long labels, numbers by hand). */
const PLACE_TOLERANCE = 48;

function distance(a: Anchor, place: Place): number {
  if (a.edge !== place.edge) return Infinity;
  return Math.abs(across(a, place.align) - place.across) + Math.abs(a.fromEdge - place.fromEdge);
}

/** "bottom right", "top centre": how a report names a place. */
export function placeName(place: Place): string {
  return `${place.edge} ${place.align}`;
}

interface PageNumbering {
  /** Per page (index 0 = page 1): the number chosen, or null. */
  numbers: (PrintedNumber | null)[];
  /** The text chosen on each page (for blank-page checks: where the stamp is). */
  chosen: (MarginText | null)[];
  style: 'continuous' | 'section' | 'none';
  /** Where the bundle's numbers sit, and how they read ("Page {n} of {N}"), when it has a usual place. */
  place: Place | null;
  form: string | null;
  /** The total the bundle's numbers give ("of 240"), when they give one. */
  total: number | null;
  /** Pages (1-based) whose number is printed away from the bundle's usual place. */
  moved: number[];
}

/** Grid (points) for grouping number positions into the few places a bundle could put its numbers. */
const POSITION_GRID = 24;
/** Places tried: the most used ones (documents' own page numbers can form a few more). */
const MAX_PLACES = 8;

function placeKey(a: Anchor, align: Align): string {
  return `${a.edge}:${align}:${Math.round(across(a, align) / POSITION_GRID)}:${Math.round(a.fromEdge / POSITION_GRID)}`;
}

/** How far a group's numbers stray from their median across the page, in one alignment (points). */
function groupSpread(group: Candidate[], align: Align): number {
  const middle = median(group.map((c) => across(c.anchor, align)));
  return group.reduce((sum, c) => sum + Math.abs(across(c.anchor, align) - middle), 0) / group.length;
}

/** How far a group's numbers sit from the line they are aligned on: the left or right edge, or the middle. */
function groupOffset(group: Candidate[], align: Align): number {
  return Math.abs(median(group.map((c) => across(c.anchor, align))));
}

/**
 * The most used places, each set of numbers once: on pages all of one width, the left-, centre- and
 * right-aligned groupings of a place hold the same numbers, and only the alignment they keep best is tried
 * (numbers all as wide as each other keep every alignment equally: then the one they sit nearest, so
 * "12" 40 points from the right edge is at the bottom right, not 540 points from the left).
 */
function distinctPlaces(
  groups: { align: Align; group: Candidate[] }[],
): { align: Align; group: Candidate[] }[] {
  const chosen: { align: Align; group: Candidate[]; spread?: number }[] = [];
  const bySet = new Map<Candidate, number[]>();
  for (const g of groups.sort((a, b) => b.group.length - a.group.length)) {
    const same = (bySet.get(g.group[0]) ?? []).find((i) => {
      const other = chosen[i].group;
      return other.length === g.group.length && other[other.length - 1] === g.group[g.group.length - 1];
    });
    if (same !== undefined) {
      const kept = chosen[same];
      kept.spread ??= groupSpread(kept.group, kept.align);
      const spread = groupSpread(g.group, g.align);
      const nearer =
        Math.abs(spread - kept.spread) <= 0.5 &&
        groupOffset(g.group, g.align) < groupOffset(kept.group, kept.align);
      if (spread < kept.spread - 0.5 || nearer) chosen[same] = { ...g, spread };
      continue;
    }
    if (chosen.length === MAX_PLACES) {
      if (chosen.every((c) => c.group.length > g.group.length)) break;
      continue;
    }
    bySet.set(g.group[0], [...(bySet.get(g.group[0]) ?? []), chosen.length]);
    chosen.push(g);
  }
  return chosen;
}

function placeOf(group: Candidate[], align: Align): Place {
  return {
    edge: group[0].anchor.edge,
    align,
    across: median(group.map((c) => across(c.anchor, align))),
    fromEdge: median(group.map((c) => c.anchor.fromEdge)),
  };
}

/** Each page's main-number candidate nearest `place` (within tolerance), or null. */
function pickAt(pages: { candidates: Candidate[] }[], place: Place): (Candidate | null)[] {
  return pages.map((p) => {
    let best: Candidate | null = null;
    let bestDistance = PLACE_TOLERANCE;
    for (const c of p.candidates) {
      if (c.number.kind !== 'main') continue;
      const d = distance(c.anchor, place);
      if (d <= bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  });
}

function mostCommon<T>(values: T[]): { value: T; count: number } | null {
  const counts = new Map<T, number>();
  let best: { value: T; count: number } | null = null;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (!best || n > best.count) best = { value: v, count: n };
  }
  return best;
}

/**
 * Chooses each page's bundle number. Numbers are grouped by where they sit on the page (left-, centre- or
 * right-aligned, top or bottom); the place whose numbers run in order over the most pages is the bundle's
 * (a document's own page numbers restart with each document, so they lose even when they sit nearer the
 * corner). Ties go to the alignment the numbers keep most exactly (a right-aligned "9" and "10" end at the
 * same point; centred ones share a middle), then to the place nearer the bottom-right corner. The bundle's
 * style (B12 or 12) and wording ("Page 12 of 240") are the majority there. Each page then takes the number
 * at that place in that style: a document's own number elsewhere is not taken for a missing stamp.
 */
export function choosePageNumbers(pages: { candidates: Candidate[] }[]): PageNumbering {
  const places = new Map<string, { align: Align; group: Candidate[] }>();
  for (const p of pages) {
    for (const c of p.candidates) {
      if (c.number.kind !== 'main') continue;
      for (const align of ALIGNS) {
        const key = placeKey(c.anchor, align);
        const entry = places.get(key);
        if (entry) entry.group.push(c);
        else places.set(key, { align, group: [c] });
      }
    }
  }
  if (places.size === 0) {
    // Front-matter or divider stamps alone are not pagination; still report them for page labels.
    const picks = pages.map((p) => p.candidates.find((c) => c.number.kind !== 'main') ?? null);
    return {
      numbers: picks.map((c) => c?.number ?? null),
      chosen: picks.map((c) => c?.text ?? null),
      style: 'none',
      place: null,
      form: null,
      total: null,
      moved: [],
    };
  }

  let usual: Place | null = null;
  let picks: (Candidate | null)[] = [];
  let best = { inOrder: -1, spread: Infinity, corner: Infinity };
  for (const { align, group } of distinctPlaces([...places.values()])) {
    const place = placeOf(group, align);
    const at = pickAt(pages, place);
    const found = at.filter((c): c is Candidate => c !== null);
    const inOrder = longestIncreasing(found.map((c) => orderKey(c.number as Main))).size;
    if (inOrder < best.inOrder) continue;
    const spread =
      found.reduce((sum, c) => sum + Math.abs(across(c.anchor, align) - place.across), 0) /
      Math.max(1, found.length);
    const corner = median(found.map((c) => c.score));
    const better =
      inOrder > best.inOrder ||
      spread < best.spread - 0.5 ||
      (Math.abs(spread - best.spread) <= 0.5 && corner < best.corner);
    if (better) {
      usual = place;
      picks = at;
      best = { inOrder, spread, corner };
    }
  }
  const found = picks.filter((c): c is Candidate => c !== null);
  const prefixed = found.filter((c) => (c.number as Main).prefix !== '').length;
  const style: 'continuous' | 'section' = prefixed * 2 > found.length ? 'section' : 'continuous';
  const fitsStyle = (n: PrintedNumber) =>
    n.kind !== 'main' || (style === 'section' ? n.prefix !== '' : n.prefix === '');
  // The bundle's total ("of 240") when most of its numbers give one: a document's own "Page 2 of 5" at the
  // same place gives another.
  const totals = mostCommon(found.map((c) => c.total));
  const total = totals && totals.value !== null && totals.count * 2 > found.length ? totals.value : null;
  const form = mostCommon(found.map((c) => c.form))?.value ?? null;

  // A bundle that moves its numbers about has no one place: then take the number nearest the corner.
  const withNumbers = pages.filter((p) => p.candidates.some((c) => c.number.kind === 'main')).length;
  const positionMatters = found.length * 2 > withNumbers;
  const place = usual!;

  const numbers: (PrintedNumber | null)[] = [];
  const chosen: (MarginText | null)[] = [];
  for (const page of pages) {
    // Front-matter (ii) and divider (Section B) stamps sit at the same place as the others.
    const ok = page.candidates.filter(
      (c) => fitsStyle(c.number) && (!positionMatters || distance(c.anchor, place) <= PLACE_TOLERANCE),
    );
    if (positionMatters) {
      const rank = (c: Candidate) => (total !== null && c.total !== null && c.total !== total ? 1 : 0);
      ok.sort((a, b) => rank(a) - rank(b) || distance(a.anchor, place) - distance(b.anchor, place));
    }
    const pick = ok[0] ?? null;
    numbers.push(pick?.number ?? null);
    chosen.push(pick?.text ?? null);
  }
  const moved = positionMatters ? takeMovedNumbers(pages, numbers, chosen, form, total) : [];
  return { numbers, chosen, style, place: positionMatters ? place : null, form, total, moved };
}

/**
 * A page with no number at the bundle's place may carry it elsewhere (a stamp moved by hand, a page
 * stamped separately). Taken when it reads exactly as the bundle's numbers do and is the very number due
 * between its neighbours (a document's own page number rarely is both); such pages are returned, for a
 * warning about where their number sits.
 */
function takeMovedNumbers(
  pages: { candidates: Candidate[] }[],
  numbers: (PrintedNumber | null)[],
  chosen: (MarginText | null)[],
  form: string | null,
  total: number | null,
): number[] {
  const moved: number[] = [];
  for (let i = 1; i < pages.length - 1; i++) {
    const before = numbers[i - 1];
    const after = numbers[i + 1];
    if (numbers[i] !== null || before?.kind !== 'main' || after?.kind !== 'main') continue;
    if (before.prefix !== after.prefix || before.suffix || after.suffix || after.number !== before.number + 2)
      continue;
    const due = `${before.prefix}${before.number + 1}`;
    const pick = pages[i].candidates.find(
      (c) => c.number.label === due && c.form === form && (total === null || c.total === total),
    );
    if (!pick) continue;
    numbers[i] = pick.number;
    chosen[i] = pick.text;
    moved.push(i + 1);
  }
  return moved;
}
