/**
 * Comparing two copies of a bundle, from any source (RP v Barnsley MBC [2025] UKUT 46 (AAC): the parent's
 * page 131 was the panel's page 136). Pure: the two files are read elsewhere (electron/services/compare/)
 * into per-page facts; here the pages are aligned by content (what a page says and shows, its printed
 * number left out) and by printed number, and the differences are said in words, "yours" being the first
 * file and "theirs" the second.
 */
import { describeEncryption, type PdfEncryption } from '../checker/encryption';

/** One page as read for comparing. */
export interface ComparePage {
  /** Content digest of everything the page shows (docs/fingerprint.md): equal digests, identical pages. */
  digest: string;
  /** What the page says and pictures, its own bundle number and fingerprint line left out (a digest). */
  content: string;
  /** The bundle page number printed on it ("120", "B12a", "ii"), or null. */
  label: string | null;
  /** A main number's parts, for numbering shifts (12a: prefix "", number 12, suffix "a"). */
  number: { prefix: string; number: number; suffix: string } | null;
  /** The page's first words, to say which page is meant. */
  words: string;
}

export interface CompareBookmark {
  title: string;
  /** 0-based page it opens, or null. */
  page: number | null;
  /** It has no bookmarks under it (a document, not a section). */
  leaf: boolean;
}

export interface CompareIndexEntry {
  title: string;
  first: string;
  last: string;
}

/** One file, read. */
export interface CompareFacts {
  fileName: string;
  fileSize: number;
  pages: ComparePage[];
  /** The content fingerprint computed from the pages ("7F3A-92C1"). */
  fingerprint: string;
  /** The fingerprint the file says it has (our bundles keep it in the document information), or null. */
  statedFingerprint: string | null;
  /** Whether the file is encrypted, and what it stops readers doing. */
  encryption: PdfEncryption;
  bookmarks: CompareBookmark[];
  index: CompareIndexEntry[];
  /**
   * What is wrong with the file's structure where it could still be read ("the file has no
   * cross-reference table (it may be cut short)"), or null for a sound file.
   */
  damage?: string | null;
}

export type PairKind = 'same' | 'same-look' | 'renumbered' | 'changed' | 'moved';

export interface PagePair {
  /** 0-based pages of the first file (yours) and the second (theirs). */
  a: number;
  b: number;
  kind: PairKind;
}

export const COMPARE_CODES = [
  'page-count',
  'pages-added',
  'pages-removed',
  'pages-changed',
  'pages-moved',
  'numbering-shift',
  'numbers-differ',
  'documents-added',
  'documents-removed',
  'documents-replaced',
  'document-changed',
  'index-differs',
  'bookmarks-differ',
  'drawn-differently',
  'fingerprint-differs',
  'encryption-differs',
  'file-damaged',
] as const;
export type CompareCode = (typeof COMPARE_CODES)[number];

export interface CompareFinding {
  code: CompareCode;
  /** A difference (the copies are not the same) or a note (they are, but this is worth knowing). */
  severity: 'difference' | 'note';
  message: string;
  /** Printed numbers (or "PDF page 7" where none is printed) of the pages concerned, in each file. */
  yours: string[];
  theirs: string[];
  /** Further lines (index rows, bookmarks), at most 40. */
  lines?: string[];
}

export interface CompareSide {
  fileName: string;
  fileSize: number;
  pageCount: number;
  fingerprint: string;
  statedFingerprint: string | null;
  encryption: PdfEncryption;
  numberedPages: number;
  bookmarks: number;
  indexEntries: number;
  /** What is wrong with its structure, where it could still be read (CompareFacts.damage), or null. */
  damage: string | null;
}

export interface CompareResult {
  /** No difference at all: the same pages, numbers, order, index and bookmarks. */
  same: boolean;
  /** Every page identical as stored (the same content fingerprint). */
  identical: boolean;
  /** One sentence: the answer. */
  verdict: string;
  yours: CompareSide;
  theirs: CompareSide;
  counts: Record<PairKind | 'onlyYours' | 'onlyTheirs', number>;
  findings: CompareFinding[];
  /** Each page of yours, 0-based, with the page of theirs it is (null: not in theirs). */
  pairs: PagePair[];
  seconds: number;
}

/** The comparison and where its report was written (the reports folder). */
export interface CompareReportResult {
  pdfPath: string;
  jsonPath: string;
  result: CompareResult;
}

/** Findings of one kind shown one by one before the rest are counted together. */
const MAX_EACH = 25;
const MAX_LINES = 40;

const pl = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The bundle number printed on a file's page `i`, or null (none printed, or no such page). */
function labelAt(pages: ComparePage[], i: number): string | null {
  return pages[i]?.label ?? null;
}

/** How a page is named: by its printed number, or by its place in the file when it has none. */
function pageName(pages: ComparePage[], i: number): string {
  return labelAt(pages, i) ?? `PDF page ${i + 1}`;
}

function runName(pages: ComparePage[], from: number, to: number): string {
  const a = pageName(pages, from);
  if (from === to) return labelAt(pages, from) ? `page ${a}` : a;
  const b = pageName(pages, to);
  return labelAt(pages, from) && labelAt(pages, to) ? `pages ${a}–${b}` : `${a} to ${b}`;
}

/** A page's first words in quotes, to say which page is meant ('' when it has none). */
function quoteWords(pages: ComparePage[], i: number): string {
  return quote(pages[i]?.words ?? '');
}

function quote(words: string): string {
  return words ? ` (“${words}”)` : '';
}

/** How a changed page begins in each copy: ": yours begins “…”, theirs “…”" (what either lacks left out). */
function beginnings(yours: string | undefined, theirs: string | undefined): string {
  const said = [yours ? `yours begins “${yours}”` : '', theirs ? `theirs “${theirs}”` : ''].filter(Boolean);
  if (!yours && theirs) said[0] = `theirs begins “${theirs}”`;
  return said.length ? `: ${said.join(', ')}` : '';
}

// ---------------------------------------------------------------------------------------------------------
// Alignment: the longest common run of pages by content, found in pieces (common start and end, pages whose
// content occurs once in each file as anchors, full tables only for small gaps), so 1,000-page bundles
// align in milliseconds.

/** Largest gap (pages × pages) aligned with a full table. */
const TABLE_LIMIT = 4_000_000;

function lcsTable(
  a: number[],
  b: number[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  out: [number, number][],
) {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return;
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  // t[i][j]: the longest common run of a[a0 + i…] and b[b0 + j…]. Row n and column m (nothing left of one
  // side) stay 0. Filled from the end; the cells to the right and diagonally below are carried along.
  const cell = (i: number, j: number) => t[i * w + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    let right = 0;
    let diagonal = 0;
    const ai = a[a0 + i];
    const rowBelow = (i + 1) * w;
    for (let j = m - 1; j >= 0; j--) {
      const below = t[rowBelow + j] ?? 0;
      const value = ai === b[b0 + j] ? diagonal + 1 : Math.max(below, right);
      t[i * w + j] = value;
      right = value;
      diagonal = below;
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[a0 + i] === b[b0 + j]) {
      out.push([a0 + i, b0 + j]);
      i++;
      j++;
    } else if (cell(i + 1, j) >= cell(i, j + 1)) i++;
    else j++;
  }
}

/** Longest subsequence of `items` whose `value`s increase (the first such, in order). */
function increasing<T>(items: T[], value: (item: T) => number): T[] {
  // tails[k]: the item ending the increasing run of length k + 1 found so far with the smallest value,
  // linked to the item before it in that run.
  interface Link {
    item: T;
    value: number;
    before: Link | null;
  }
  const tails: Link[] = [];
  for (const item of items) {
    const v = value(item);
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(tails, mid).value < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = { item, value: v, before: lo > 0 ? at(tails, lo - 1) : null };
  }
  const out: T[] = [];
  for (let link = tails.at(-1) ?? null; link; link = link.before) out.push(link.item);
  return out.reverse();
}

/** `items[i]` where `i` is known to be in range: a clear error, not undefined, if it is not. */
function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`Index ${i} is outside the ${items.length} items compared.`);
  return item;
}

/**
 * Items grouped by a key, each group in the order given, taken from the front one at a time: what pairs
 * things of one kind (pages of one number or content, rows and bookmarks of one title). Groups are built and
 * taken from in place: copying a group as it grew, or as its first was taken, made a file of many alike
 * (40,000 bookmarks, or pages all blank) take time growing with the square of their number.
 */
class Groups<K, T> {
  private readonly groups = new Map<K, { items: T[]; next: number }>();

  constructor(items: Iterable<T>, key: (item: T) => K | null) {
    for (const item of items) {
      const k = key(item);
      if (k === null) continue;
      const group = this.groups.get(k);
      if (group) group.items.push(item);
      else this.groups.set(k, { items: [item], next: 0 });
    }
  }

  /** The first of the group not taken and not in `used` (which only ever grows), taken; or undefined. */
  take(key: K, used?: ReadonlySet<T>): T | undefined {
    const group = this.groups.get(key);
    if (!group) return undefined;
    for (;;) {
      const item = group.items[group.next];
      if (item === undefined) return undefined;
      group.next++;
      if (!used?.has(item)) return item;
    }
  }
}

/** [index, item] for the items from index `from` up to (not including) `to`. */
function entriesIn<T>(items: readonly T[], from: number, to: number): [number, T][] {
  const start = Math.max(from, 0);
  return items.slice(start, Math.max(to, start)).map((item, k) => [start + k, item]);
}

function align(
  a: number[],
  b: number[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  out: [number, number][],
) {
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) out.push([a0++, b0++]);
  const tail: [number, number][] = [];
  while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) tail.push([--a1, --b1]);
  if ((a1 - a0) * (b1 - b0) <= TABLE_LIMIT) lcsTable(a, b, a0, a1, b0, b1, out);
  else {
    const count = (xs: number[], from: number, to: number) => {
      const c = new Map<number, { n: number; at: number }>();
      for (const [k, x] of entriesIn(xs, from, to)) {
        const e = c.get(x);
        if (e) e.n++;
        else c.set(x, { n: 1, at: k });
      }
      return c;
    };
    const inA = count(a, a0, a1);
    const inB = count(b, b0, b1);
    const anchors: [number, number][] = [];
    for (const [key, e] of inA) {
      const f = inB.get(key);
      if (e.n === 1 && f?.n === 1) anchors.push([e.at, f.at]);
    }
    anchors.sort((x, y) => x[0] - y[0]);
    const kept = increasing(anchors, (x) => x[1]);
    if (kept.length === 0) {
      // Nothing to anchor on and too big for a table: pages left unaligned (reported as not in the other).
    } else {
      let pa = a0;
      let pb = b0;
      for (const [x, y] of kept) {
        align(a, b, pa, x, pb, y, out);
        out.push([x, y]);
        pa = x + 1;
        pb = y + 1;
      }
      align(a, b, pa, a1, pb, b1, out);
    }
  }
  out.push(...tail.reverse());
}

/** Pairs of pages with the same content, in order in both files. */
export function alignPages(a: string[], b: string[]): [number, number][] {
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let v = ids.get(s);
    if (v === undefined) ids.set(s, (v = ids.size));
    return v;
  };
  const x = a.map(id);
  const y = b.map(id);
  const out: [number, number][] = [];
  align(x, y, 0, x.length, 0, y.length, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------

interface Matching {
  /** Page of theirs each page of yours is, or -1. */
  toB: Int32Array;
  toA: Int32Array;
  kind: (PairKind | null)[];
}

/** The page of theirs that your page `i` is, or -1. */
const theirPage = (m: Matching, i: number) => m.toB[i] ?? -1;
/** The page of yours that their page `j` is, or -1. */
const yourPage = (m: Matching, j: number) => m.toA[j] ?? -1;
/** How your page `i` is paired, or null when it is not. */
const pairKind = (m: Matching, i: number) => m.kind[i] ?? null;

function match(A: CompareFacts, B: CompareFacts): Matching {
  const toB = new Int32Array(A.pages.length).fill(-1);
  const toA = new Int32Array(B.pages.length).fill(-1);
  const kind = new Array<PairKind | null>(A.pages.length).fill(null);
  const pair = (i: number, j: number, k: PairKind) => {
    toB[i] = j;
    toA[j] = i;
    kind[i] = k;
  };
  const aligned = alignPages(
    A.pages.map((p) => p.content),
    B.pages.map((p) => p.content),
  );
  for (const [i, j] of aligned) {
    const pa = at(A.pages, i);
    const pb = at(B.pages, j);
    pair(i, j, pa.digest === pb.digest ? 'same' : pa.label === pb.label ? 'same-look' : 'renumbered');
  }
  // Pages in neither run: the same content elsewhere is a page moved. Paired before pages are paired by
  // their numbers below, or a bundle put in another order had a page of theirs that is one of yours
  // elsewhere taken for a page of yours of its number changed, and said to be not in yours.
  const unpairedB = new Groups(B.pages.keys(), (j) => ((toA[j] ?? -1) < 0 ? at(B.pages, j).content : null));
  A.pages.forEach((p, i) => {
    if ((toB[i] ?? -1) >= 0) return;
    const j = unpairedB.take(p.content);
    if (j !== undefined) pair(i, j, 'moved');
  });
  // Gaps between aligned pages, of pages not moved: a page of each with the same number is that page
  // changed; runs of equal length without numbers in common are the same pages changed too.
  const pairGap = ([i0, j0]: [number, number], [i1, j1]: [number, number]) => {
    if (i1 - i0 <= 1 || j1 - j0 <= 1) return;
    const gapA = entriesIn(A.pages, i0 + 1, i1).filter(([i]) => (toB[i] ?? -1) < 0);
    const gapB = entriesIn(B.pages, j0 + 1, j1).filter(([j]) => (toA[j] ?? -1) < 0);
    const free = new Groups(gapB, ([, page]) => page.label || null);
    for (const [i, page] of gapA) {
      const j = page.label ? free.take(page.label)?.[0] : undefined;
      if (j !== undefined) pair(i, j, 'changed');
    }
    const restA = gapA.filter(([i]) => (toB[i] ?? -1) < 0).map(([i]) => i);
    const restB = gapB.filter(([j]) => (toA[j] ?? -1) < 0).map(([j]) => j);
    if (restA.length === restB.length && restA.length === gapA.length)
      restA.forEach((i, n) => pair(i, at(restB, n), 'changed'));
  };
  const end: [number, number] = [A.pages.length, B.pages.length];
  let previous: [number, number] = [-1, -1];
  for (const next of [...aligned, end]) {
    pairGap(previous, next);
    previous = next;
  }
  return { toB, toA, kind };
}

/** Runs of consecutive indices. */
function runs(indices: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of [...indices].sort((x, y) => x - y)) {
    const last = out[out.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

function labelsOf(pages: ComparePage[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(pageName(pages, i));
  return out;
}

/** Keeps the first MAX_EACH findings of a kind and sums the rest into one. */
function capped(findings: CompareFinding[], rest: (n: number) => string): CompareFinding[] {
  const more = findings.slice(MAX_EACH);
  const [firstMore] = more;
  if (firstMore === undefined) return findings;
  return [
    ...findings.slice(0, MAX_EACH),
    {
      ...firstMore,
      message: rest(more.length),
      yours: more.flatMap((f) => f.yours),
      theirs: more.flatMap((f) => f.theirs),
    },
  ];
}

function pageFindings(A: CompareFacts, B: CompareFacts, m: Matching): CompareFinding[] {
  const findings: CompareFinding[] = [];
  if (A.pages.length !== B.pages.length)
    findings.push({
      code: 'page-count',
      severity: 'difference',
      message: `Yours has ${pl(A.pages.length, 'page')}; theirs has ${pl(B.pages.length, 'page')}.`,
      yours: [],
      theirs: [],
    });

  // Pages only in theirs, by where they would go in yours.
  const added: CompareFinding[] = [];
  for (const [j0, j1] of runs([...m.toA.keys()].filter((j) => yourPage(m, j) < 0))) {
    let before = -1;
    for (let j = j0 - 1; j >= 0 && before < 0; j--) before = yourPage(m, j);
    const where =
      j0 === 0
        ? 'at the front'
        : before >= 0
          ? `after your ${runName(A.pages, before, before)}`
          : 'in another place';
    const n = j1 - j0 + 1;
    added.push({
      code: 'pages-added',
      severity: 'difference',
      message: `Their ${runName(B.pages, j0, j1)}${quoteWords(B.pages, j0)} ${n === 1 ? 'is' : 'are'} not in yours: ${n === 1 ? 'it comes' : 'they come'} ${where}.`,
      yours: [],
      theirs: labelsOf(B.pages, j0, j1),
    });
  }
  findings.push(
    ...capped(added, (n) => `And ${pl(n, 'more run')} of pages in theirs that are not in yours.`),
  );

  const removed: CompareFinding[] = [];
  for (const [i0, i1] of runs([...m.toB.keys()].filter((i) => theirPage(m, i) < 0))) {
    const n = i1 - i0 + 1;
    removed.push({
      code: 'pages-removed',
      severity: 'difference',
      message: `Your ${runName(A.pages, i0, i1)}${quoteWords(A.pages, i0)} ${n === 1 ? 'is' : 'are'} not in theirs.`,
      yours: labelsOf(A.pages, i0, i1),
      theirs: [],
    });
  }
  findings.push(
    ...capped(removed, (n) => `And ${pl(n, 'more run')} of pages in yours that are not in theirs.`),
  );

  const changed: CompareFinding[] = [];
  for (const [i0, i1] of runs([...m.toB.keys()].filter((i) => pairKind(m, i) === 'changed'))) {
    const j0 = theirPage(m, i0);
    const j1 = theirPage(m, i1);
    const sameNumbers = A.pages
      .slice(i0, i1 + 1)
      .every((p, k) => p.label !== null && p.label === labelAt(B.pages, theirPage(m, i0 + k)));
    changed.push({
      code: 'pages-changed',
      severity: 'difference',
      message: sameNumbers
        ? `${capital(runName(A.pages, i0, i1))} ${i0 === i1 ? 'says' : 'say'} something different in theirs${beginnings(A.pages[i0]?.words, B.pages[j0]?.words)}.`
        : `Your ${runName(A.pages, i0, i1)} ${i0 === i1 ? 'is' : 'are'} replaced by their ${runName(B.pages, j0, j1)}${quoteWords(B.pages, j0)}.`,
      yours: labelsOf(A.pages, i0, i1),
      theirs: [...Array(i1 - i0 + 1).keys()].map((k) => pageName(B.pages, theirPage(m, i0 + k))),
    });
  }
  findings.push(...capped(changed, (n) => `And ${pl(n, 'more run')} of pages that say something different.`));

  const moved: CompareFinding[] = [];
  for (const [i, page] of A.pages.entries()) {
    if (pairKind(m, i) !== 'moved') continue;
    const j = theirPage(m, i);
    // Which page of yours it now sits next to in theirs.
    const next = j + 1 < B.pages.length ? yourPage(m, j + 1) : -1;
    const prev = j > 0 ? yourPage(m, j - 1) : -1;
    const near = [
      ...(prev >= 0 ? [`after your ${runName(A.pages, prev, prev)}`] : []),
      ...(next >= 0 ? [`before your ${runName(A.pages, next, next)}`] : []),
    ].join(' and ');
    const same = page.label === labelAt(B.pages, j);
    moved.push({
      code: 'pages-moved',
      severity: 'difference',
      message:
        `Your ${runName(A.pages, i, i)}${quote(page.words)} is in another place in theirs: ` +
        `${same ? `still numbered ${pageName(B.pages, j)}` : `their ${runName(B.pages, j, j)}`}, the ${ordinal(j + 1)} page of their file${near ? `, ${near}` : ''}.`,
      yours: [pageName(A.pages, i)],
      theirs: [pageName(B.pages, j)],
    });
  }
  findings.push(...capped(moved, (n) => `And ${pl(n, 'more page')} in another place in theirs.`));

  findings.push(...numberingFindings(A, B, m));

  const drawn = [...m.toB.keys()].filter((i) => pairKind(m, i) === 'same-look');
  if (drawn.length > 0)
    findings.push({
      code: 'drawn-differently',
      severity: 'note',
      message:
        `${capital(pl(drawn.length, 'page'))} ${drawn.length === 1 ? 'shows' : 'show'} the same words, pictures and number in both, but ${drawn.length === 1 ? 'is' : 'are'} ` +
        'stored differently (the file was made again or re-saved by another program). Look at them side by side if drawings or marks matter.',
      yours: drawn.slice(0, 200).map((i) => pageName(A.pages, i)),
      theirs: drawn.slice(0, 200).map((i) => pageName(B.pages, theirPage(m, i))),
    });
  return findings;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/**
 * Numbering: pages with the same content but other numbers, in runs where the difference is the same
 * ("from your page 120 on, their numbers are 1 higher"); other changes of number by run.
 */
function numberingFindings(A: CompareFacts, B: CompareFacts, m: Matching): CompareFinding[] {
  type Run = { from: number; to: number; delta: number | null };
  const out: Run[] = [];
  // A page of the same content and the same number in both ends the run before it.
  let open = false;
  for (const [i, a] of A.pages.entries()) {
    const j = theirPage(m, i);
    const b = j >= 0 ? B.pages[j] : undefined;
    const kind = pairKind(m, i);
    if (b === undefined || kind === 'changed' || kind === 'moved') continue;
    if (a.label === b.label) {
      open = false;
      continue;
    }
    const delta =
      a.number && b.number && a.number.prefix === b.number.prefix && a.number.suffix === b.number.suffix
        ? b.number.number - a.number.number
        : null;
    const last = out.at(-1);
    if (open && last !== undefined && last.delta === delta) last.to = i;
    else out.push({ from: i, to: i, delta });
    open = true;
  }
  const lastPage = A.pages.length - 1;
  const findings = out.map((r): CompareFinding => {
    const jf = theirPage(m, r.from);
    const jt = theirPage(m, r.to);
    const example = `your page ${pageName(A.pages, r.from)} is their page ${pageName(B.pages, jf)}`;
    if (r.delta !== null) {
      const span =
        r.from === r.to
          ? `on your page ${pageName(A.pages, r.from)}`
          : r.to === lastPage
            ? `from your page ${pageName(A.pages, r.from)} on`
            : `from your page ${pageName(A.pages, r.from)} to ${pageName(A.pages, r.to)}`;
      const n = Math.abs(r.delta);
      return {
        code: 'numbering-shift',
        severity: 'difference',
        message: `The same pages carry other numbers: ${example}; ${span}, their numbers are ${n} ${r.delta > 0 ? 'higher' : 'lower'}.`,
        yours: labelsOf(A.pages, r.from, r.to),
        theirs: [...range(r.from, r.to + 1)]
          .filter((i) => theirPage(m, i) >= 0)
          .map((i) => pageName(B.pages, theirPage(m, i))),
      };
    }
    return {
      code: 'numbers-differ',
      severity: 'difference',
      message:
        r.from === r.to
          ? `The same page carries another number: ${example}.`
          : `The same pages carry other numbers: your ${runName(A.pages, r.from, r.to)} are their ${runName(B.pages, jf, jt)} (${example}).`,
      yours: labelsOf(A.pages, r.from, r.to),
      theirs: [...range(r.from, r.to + 1)]
        .filter((i) => theirPage(m, i) >= 0)
        .map((i) => pageName(B.pages, theirPage(m, i))),
    };
  });
  return capped(findings, (n) => `And ${pl(n, 'more run')} of pages that carry other numbers.`);
}

function* range(from: number, to: number): Iterable<number> {
  for (let i = from; i < to; i++) yield i;
}

// ---------------------------------------------------------------------------------------------------------
// Documents, the index and bookmarks.

interface Doc {
  title: string;
  from: number;
  to: number;
}

const normTitle = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Documents: the bookmarks with nothing under them (else the index's rows), each to the next one's start. */
function documentsOf(f: CompareFacts): Doc[] {
  // A bookmark to a page outside the file starts no document.
  let starts = f.bookmarks.flatMap((b) =>
    b.leaf && b.page !== null && b.page >= 0 && b.page < f.pages.length
      ? [{ title: b.title, from: b.page }]
      : [],
  );
  if (starts.length === 0) {
    const at = new Map<string, number>();
    f.pages.forEach((p, i) => p.label && !at.has(p.label) && at.set(p.label, i));
    starts = f.index.flatMap((e) => (at.has(e.first) ? [{ title: e.title, from: at.get(e.first)! }] : []));
  }
  starts.sort((x, y) => x.from - y.from);
  const docs: Doc[] = [];
  // The first start after each on a later page (in order: where the last one's was, or further on).
  let next = 0;
  starts.forEach((s, k) => {
    if (docs.at(-1)?.from === s.from) docs.pop();
    next = Math.max(next, k + 1);
    while ((starts[next]?.from ?? Infinity) <= s.from) next++;
    docs.push({ title: s.title, from: s.from, to: (starts[next]?.from ?? f.pages.length) - 1 });
  });
  return docs.filter((d) => d.to >= d.from);
}

function documentFindings(A: CompareFacts, B: CompareFacts, m: Matching): CompareFinding[] {
  const docsA = documentsOf(A);
  const docsB = documentsOf(B);
  const removed = docsA.filter((d) => [...range(d.from, d.to + 1)].every((i) => theirPage(m, i) < 0));
  const added = docsB.filter((d) => [...range(d.from, d.to + 1)].every((j) => yourPage(m, j) < 0));
  // A document removed and one added in its place (same title, or right after the same page) was replaced.
  const placeOf = (from: number) => (from > 0 ? yourPage(m, from - 1) : -2);
  const findings: CompareFinding[] = [];
  const usedAdded = new Set<Doc>();
  const removedLeft: Doc[] = [];
  const addedByTitle = new Groups(added, (e) => normTitle(e.title));
  const addedByPlace = new Groups(added, (e) => placeOf(e.from));
  for (const d of removed) {
    const twin =
      addedByTitle.take(normTitle(d.title), usedAdded) ??
      addedByPlace.take(d.from > 0 ? d.from - 1 : -2, usedAdded);
    if (!twin) {
      removedLeft.push(d);
      continue;
    }
    usedAdded.add(twin);
    findings.push({
      code: 'documents-replaced',
      severity: 'difference',
      message: `“${d.title}” (your ${runName(A.pages, d.from, d.to)}) is replaced in theirs by “${twin.title}” (their ${runName(B.pages, twin.from, twin.to)}).`,
      yours: labelsOf(A.pages, d.from, d.to),
      theirs: labelsOf(B.pages, twin.from, twin.to),
    });
  }
  for (const d of removedLeft)
    findings.push({
      code: 'documents-removed',
      severity: 'difference',
      message: `“${d.title}” (your ${runName(A.pages, d.from, d.to)}) is not in theirs.`,
      yours: labelsOf(A.pages, d.from, d.to),
      theirs: [],
    });
  for (const d of added.filter((e) => !usedAdded.has(e)))
    findings.push({
      code: 'documents-added',
      severity: 'difference',
      message: `“${d.title}” (their ${runName(B.pages, d.from, d.to)}) is not in yours.`,
      yours: [],
      theirs: labelsOf(B.pages, d.from, d.to),
    });
  const gone = new Set(removed);
  for (const d of docsA) {
    if (gone.has(d)) continue;
    const changed = [...range(d.from, d.to + 1)].filter((i) => pairKind(m, i) === 'changed');
    const missing = [...range(d.from, d.to + 1)].filter((i) => theirPage(m, i) < 0);
    if (changed.length + missing.length === 0) continue;
    const names = (xs: number[]) => xs.map((i) => pageName(A.pages, i)).join(', ');
    const what = [
      ...(changed.length
        ? [
            `${changed.length === 1 ? 'its page' : 'its pages'} ${names(changed)} ${changed.length === 1 ? 'says' : 'say'} something different`,
          ]
        : []),
      ...(missing.length
        ? [
            `${missing.length === 1 ? 'its page' : 'its pages'} ${names(missing)} ${missing.length === 1 ? 'is' : 'are'} missing`,
          ]
        : []),
    ];
    findings.push({
      code: 'document-changed',
      severity: 'difference',
      message: `“${d.title}” is in both, but in theirs ${what.join(' and ')}.`,
      yours: [...changed, ...missing].sort((x, y) => x - y).map((i) => pageName(A.pages, i)),
      theirs: changed.map((i) => pageName(B.pages, theirPage(m, i))),
    });
  }
  return capped(findings, (n) => `And ${pl(n, 'more document')} that differ.`);
}

const rangeText = (e: CompareIndexEntry) => (e.first === e.last ? e.first : `${e.first}–${e.last}`);

function indexFindings(A: CompareFacts, B: CompareFacts): CompareFinding[] {
  const lines: string[] = [];
  const inB = new Groups(B.index, (e) => normTitle(e.title));
  const matched = new Set<CompareIndexEntry>();
  for (const e of A.index) {
    const twin = inB.take(normTitle(e.title));
    if (!twin) {
      lines.push(`Only in yours: “${e.title}”, pages ${rangeText(e)}.`);
      continue;
    }
    matched.add(twin);
    if (rangeText(e) !== rangeText(twin))
      lines.push(`“${e.title}”: pages ${rangeText(e)} in yours, ${rangeText(twin)} in theirs.`);
  }
  for (const e of B.index)
    if (!matched.has(e)) lines.push(`Only in theirs: “${e.title}”, pages ${rangeText(e)}.`);
  if (lines.length === 0) return [];
  return [
    {
      code: 'index-differs',
      severity: 'difference',
      message: `The index differs in ${pl(lines.length, 'row')}${A.index.length === 0 ? ' (no index was found in yours)' : B.index.length === 0 ? ' (no index was found in theirs)' : ''}.`,
      yours: [],
      theirs: [],
      lines: lines
        .slice(0, MAX_LINES)
        .concat(lines.length > MAX_LINES ? [`And ${lines.length - MAX_LINES} more.`] : []),
    },
  ];
}

function bookmarkFindings(A: CompareFacts, B: CompareFacts, m: Matching): CompareFinding[] {
  // One copy with none: that is the difference, not every bookmark of the other listed as "only in".
  const none = A.bookmarks.length === 0 ? 'yours' : B.bookmarks.length === 0 ? 'theirs' : null;
  if (none && A.bookmarks.length + B.bookmarks.length > 0) {
    const other = none === 'yours' ? B : A;
    return [
      {
        code: 'bookmarks-differ',
        severity: 'difference',
        message: `${none === 'yours' ? 'Yours has' : 'Theirs has'} no bookmarks; ${none === 'yours' ? 'theirs' : 'yours'} has ${pl(other.bookmarks.length, 'bookmark')}.`,
        yours: [],
        theirs: [],
      },
    ];
  }
  const lines: string[] = [];
  const inB = new Groups(B.bookmarks, (b) => normTitle(b.title));
  const matched = new Set<CompareBookmark>();
  for (const b of A.bookmarks) {
    const twin = inB.take(normTitle(b.title));
    if (!twin) {
      lines.push(`Only in yours: “${b.title}”.`);
      continue;
    }
    matched.add(twin);
    const expected = b.page === null ? null : theirPage(m, b.page);
    if (b.page !== null && twin.page !== null && expected !== twin.page)
      lines.push(
        `“${b.title}” opens your ${runName(A.pages, b.page, b.page)} but their ${runName(B.pages, twin.page, twin.page)}${expected !== null && expected >= 0 ? `, not their ${runName(B.pages, expected, expected)}` : ''}.`,
      );
    else if ((b.page === null) !== (twin.page === null))
      lines.push(`“${b.title}” goes nowhere in ${b.page === null ? 'yours' : 'theirs'}.`);
  }
  for (const b of B.bookmarks) if (!matched.has(b)) lines.push(`Only in theirs: “${b.title}”.`);
  if (lines.length === 0) return [];
  return [
    {
      code: 'bookmarks-differ',
      severity: 'difference',
      message: `The bookmarks differ: ${pl(lines.length, 'difference')}.`,
      yours: [],
      theirs: [],
      lines: lines
        .slice(0, MAX_LINES)
        .concat(lines.length > MAX_LINES ? [`And ${lines.length - MAX_LINES} more.`] : []),
    },
  ];
}

function side(f: CompareFacts): CompareSide {
  return {
    fileName: f.fileName,
    fileSize: f.fileSize,
    pageCount: f.pages.length,
    fingerprint: f.fingerprint,
    statedFingerprint: f.statedFingerprint,
    encryption: f.encryption,
    numberedPages: f.pages.filter((p) => p.label !== null).length,
    bookmarks: f.bookmarks.length,
    indexEntries: f.index.length,
    damage: f.damage ?? null,
  };
}

function fingerprintFindings(A: CompareFacts, B: CompareFacts): CompareFinding[] {
  const out: CompareFinding[] = [];
  for (const [who, f] of [
    ['Yours', A],
    ['Theirs', B],
  ] as const) {
    if (f.statedFingerprint && f.statedFingerprint !== f.fingerprint)
      out.push({
        code: 'fingerprint-differs',
        severity: 'note',
        message: `${who} says it is Bundle ${f.statedFingerprint}, but its pages give ${f.fingerprint}: the file was changed or re-made after it was built (compare it with the bundle as built to see where).`,
        yours: [],
        theirs: [],
      });
  }
  return out;
}

/**
 * The copies encrypted differently (one restricted, the other not): a note, as the pages are the same to
 * read, but a copy that stops printing or copying is not one to send to the tribunal.
 */
function encryptionFindings(A: CompareFacts, B: CompareFacts): CompareFinding[] {
  const [yours, theirs] = [describeEncryption(A.encryption), describeEncryption(B.encryption)];
  if (yours === theirs) return [];
  const restricted = [A, B].some((f) => f.encryption.encrypted);
  return [
    {
      code: 'encryption-differs',
      severity: 'note',
      message:
        `Yours is ${yours}; theirs is ${theirs}.` +
        (restricted
          ? ' The pages are compared as they read; the tribunal should be sent a copy without encryption.'
          : ''),
      yours: [],
      theirs: [],
    },
  ];
}

/**
 * A copy that is damaged, though it could be read: a note (the pages are compared as this app reads them,
 * by rebuilding what was lost), as other readers may show it differently or not open it, and a copy cut
 * short may hold less than it did.
 */
function damageFindings(A: CompareFacts, B: CompareFacts): CompareFinding[] {
  return (
    [
      ['Yours', A.damage, 'make it again from the case'],
      ['Theirs', B.damage, 'ask for a new copy'],
    ] as const
  ).flatMap(([who, damage, action]) =>
    damage
      ? [
          {
            code: 'file-damaged' as const,
            severity: 'note' as const,
            message: `${who} is damaged (${damage}). Its pages are compared as this app could read them; other readers may show it differently or not open it, and it may hold less than it did: ${action}.`,
            yours: [],
            theirs: [],
          },
        ]
      : [],
  );
}

/** Compares two bundles read into facts. `seconds` is filled by the caller. */
export function compareBundles(A: CompareFacts, B: CompareFacts): CompareResult {
  const m = match(A, B);
  const findings = [
    ...pageFindings(A, B, m),
    ...documentFindings(A, B, m),
    ...indexFindings(A, B),
    ...bookmarkFindings(A, B, m),
    ...fingerprintFindings(A, B),
    ...encryptionFindings(A, B),
    ...damageFindings(A, B),
  ];
  const counts: CompareResult['counts'] = {
    same: 0,
    'same-look': 0,
    renumbered: 0,
    changed: 0,
    moved: 0,
    onlyYours: 0,
    onlyTheirs: 0,
  };
  m.kind.forEach((k) => (k ? counts[k]++ : counts.onlyYours++));
  counts.onlyTheirs = [...m.toA].filter((i) => i < 0).length;
  const same = !findings.some((f) => f.severity === 'difference');
  const identical =
    A.pages.length === B.pages.length && A.pages.every((p, i) => p.digest === B.pages[i]?.digest);
  return {
    same,
    identical,
    verdict: verdictOf(same, identical, A, B, counts, findings) + damageSentence(A, B),
    yours: side(A),
    theirs: side(B),
    counts,
    findings,
    pairs: A.pages
      .map((_, i) => ({ a: i, b: theirPage(m, i), kind: pairKind(m, i) ?? 'changed' }))
      .filter((p) => p.b >= 0),
    seconds: 0,
  };
}

/** After the verdict: which copy is damaged, when one is (damageFindings has the note). */
function damageSentence(A: CompareFacts, B: CompareFacts): string {
  const damaged = [A.damage ? 'yours' : null, B.damage ? 'theirs' : null].filter(Boolean);
  return damaged.length
    ? ` But ${damaged.join(' and ')} ${damaged.length === 1 ? 'is' : 'are'} damaged: see the note.`
    : '';
}

function verdictOf(
  same: boolean,
  identical: boolean,
  A: CompareFacts,
  B: CompareFacts,
  c: CompareResult['counts'],
  findings: CompareFinding[],
): string {
  if (identical && same)
    return `The two bundles are the same: all ${pl(A.pages.length, 'page')} are identical (content fingerprint ${A.fingerprint}).`;
  if (same)
    return `The two bundles show the same ${pl(A.pages.length, 'page')}, with the same numbers, index and bookmarks, though ${pl(c['same-look'], 'page')} ${c['same-look'] === 1 ? 'is' : 'are'} stored differently (fingerprints ${A.fingerprint} and ${B.fingerprint}).`;
  const parts: string[] = [];
  if (c.onlyTheirs) parts.push(`${pl(c.onlyTheirs, 'page')} only in theirs`);
  if (c.onlyYours) parts.push(`${pl(c.onlyYours, 'page')} only in yours`);
  if (c.changed) parts.push(`${pl(c.changed, 'page')} changed`);
  if (c.moved) parts.push(`${pl(c.moved, 'page')} in another place`);
  if (c.renumbered) parts.push(`${pl(c.renumbered, 'page')} with other numbers`);
  // No page differs: what does (the only other differences there are).
  const rest = [
    findings.some((f) => f.code === 'index-differs') ? 'index' : null,
    findings.some((f) => f.code === 'bookmarks-differ') ? 'bookmarks' : null,
  ].filter((what): what is string => what !== null);
  const pages = parts.length
    ? `: ${parts.join(', ')}`
    : ` in their ${rest.length ? rest.join(' and ') : 'index or bookmarks'}`;
  return `The two bundles differ${pages}. Yours has ${pl(A.pages.length, 'page')} (fingerprint ${A.fingerprint}), theirs ${pl(B.pages.length, 'page')} (fingerprint ${B.fingerprint}).`;
}
