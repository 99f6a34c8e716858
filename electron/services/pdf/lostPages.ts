/**
 * Pages a damaged page tree loses without a word, and the one loss that can be put right.
 *
 * A page tree node lists its kids as references ("31 0 R"). When one is garbled ("31z0 R") or names an
 * object that is no longer there, every reader skips it, each in its own way: pdf.js, poppler and qpdf
 * showed 29, 30 (two of them blank) and 30 pages of a 30-page file, and the app imported 29 (fuzz seed
 * 38). The tree's own count (/Count) still says how many pages it had, and the page object behind a
 * garbled reference is usually still in the file, naming the node it belongs to as its /Parent. So:
 * - `pageTreeCensus` walks the tree by its text, entry by entry, and says which of its pages are gaps;
 * - `examinePageTree` also writes a reference back in place where a node has exactly one garbled entry and
 *   the file exactly one page object that names that node and that the tree does not reach: that page is
 *   the one the entry listed. Nothing else moves (the garbled bytes are overwritten, so every offset in
 *   the file stays right).
 */
import { PdfReader } from './read';
import { readPages } from './read/pages';
import { isDict, isInteger, isName, isRef, PdfRef, type PdfDict, type PdfValue } from './read/objects';

/** How much of the catalog object is read to find a key whose value was cut out. */
const CATALOG_WINDOW = 64 * 1024;

export interface PageTreeGap {
  /** The node whose kids list it: the page lost is one of its pages. */
  node: PdfRef | null;
  /** Where the garbled entry's text is in the file; null for a reference to an object not there. */
  span: [number, number] | null;
  /** A reference to an object the file's index lists that is no dictionary: a page object destroyed. */
  destroyed?: true;
}

export interface PageTreeCensus {
  /** The tree's own count of its pages (its root's /Count), when it gives one. */
  declared: number | null;
  /** The tree's pages in order: true for a page object reached, a gap for an entry that is no page. */
  slots: Array<true | PageTreeGap>;
  /** Page objects (and page tree nodes) the tree does not reach, by the node their /Parent names. */
  orphans: Map<string, PdfRef[]>;
  /**
   * Where a page object is listed more than once (ISO 32000 gives a page one parent; a script that adds a
   * page twice can write it so): every entry of the tree in order, each the index in `slots` of the page
   * it lists, its first listing. Poppler, qpdf and Chrome show such a page each time it is listed; pdf.js
   * stops at the repeat. Absent when no page is listed twice.
   */
  listing?: number[];
}

type Kid = { value: PdfValue } | { junk: [number, number] };

const MAX_DEPTH = 64;
const MAX_SLOTS = 200_000;
/** How much of a node's object is read to find its kids by their text: first, and at most. */
const FIRST_WINDOW = 64 * 1024;
const NODE_WINDOW = 4 * 1024 * 1024;
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

export interface Token {
  word: string;
  /** Where it is in the file. */
  start: number;
  end: number;
}

/**
 * The words of the /Kids array of the object whose text `bytes` begins (at `offset` in the file): null
 * when there is no /Kids array before the object's end, 'short' when the bytes end before the array does.
 */
function kidsTokens(bytes: Uint8Array, offset: number): Token[] | 'short' | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const end = text.indexOf('endobj');
  const found = /\/Kids[\0\t\n\f\r ]*\[/.exec(end < 0 ? text : text.slice(0, end));
  if (!found) return end < 0 ? 'short' : null;
  const tokens: Token[] = [];
  let at = found.index + found[0].length;
  for (;;) {
    while (at < bytes.length && WHITESPACE.has(bytes[at])) at++;
    if (end >= 0 && at >= end) return null;
    if (at >= bytes.length) return 'short';
    if (bytes[at] === 0x5d) return tokens;
    const start = at;
    if (DELIMITERS.has(bytes[at])) at++;
    else while (at < bytes.length && !WHITESPACE.has(bytes[at]) && !DELIMITERS.has(bytes[at])) at++;
    tokens.push({ word: text.slice(start, at), start: offset + start, end: offset + at });
  }
}

/**
 * A node's kids by the text of its /Kids array: references, and runs of anything else (a garbled
 * reference). Null when the text cannot be found, or does not list the references the parser read
 * (the array is not where it seems, or not plain text: in an object stream).
 */
function kidsByText(reader: PdfReader, ref: PdfRef, parsed: PdfValue[]): Kid[] | null {
  const offset = reader.offsetOf(ref.num);
  if (offset === null) return null;
  // Most nodes are short: a small window first, the large one only for an array that runs past it.
  let tokens: Token[] | 'short' | null = 'short';
  for (const window of [FIRST_WINDOW, NODE_WINDOW]) {
    const length = Math.min(window, reader.source.length - offset);
    if (length <= 0) return null;
    tokens = kidsTokens(reader.source.read(offset, length), offset);
    if (tokens !== 'short' || length < window) break;
  }
  if (tokens === null || tokens === 'short') return null;
  const kids: Kid[] = [];
  const integer = (word: string | undefined) => word !== undefined && /^\d{1,10}$/.test(word);
  for (let i = 0; i < tokens.length;) {
    if (integer(tokens[i].word) && integer(tokens[i + 1]?.word) && tokens[i + 2]?.word === 'R') {
      kids.push({ value: new PdfRef(Number(tokens[i].word), Number(tokens[i + 1].word)) });
      i += 3;
      continue;
    }
    // A null among the kids is no page to any reader, and no garbled entry either.
    if (tokens[i].word === 'null') {
      kids.push({ value: null });
      i++;
      continue;
    }
    const last = kids.at(-1);
    if (last && 'junk' in last) last.junk[1] = tokens[i].end;
    else kids.push({ junk: [tokens[i].start, tokens[i].end] });
    i++;
  }
  const refsByText = kids.flatMap((kid) => ('value' in kid && isRef(kid.value) ? [kid.value.key] : []));
  const refsParsed = parsed.flatMap((value) => (isRef(value) ? [value.key] : []));
  if (refsByText.join(',') !== refsParsed.join(',')) return null;
  return kids;
}

function resolveOrNull(reader: PdfReader, value: PdfValue | undefined): PdfValue | undefined {
  try {
    return reader.resolve(value);
  } catch {
    return null;
  }
}

const isTreeNode = (dict: PdfDict) => dict.has('Kids') && !isName(dict.get('Type'), 'Page');

/** The page tree entry by entry (see the file's comment). Null when the file has no page tree to read. */
export function pageTreeCensus(reader: PdfReader): PageTreeCensus | null {
  const rootValue = reader.catalog?.get('Pages');
  const root = resolveOrNull(reader, rootValue);
  if (!isDict(root)) return null;
  const count = resolveOrNull(reader, root.get('Count'));
  const slots: PageTreeCensus['slots'] = [];
  const reached = new Set<string>();
  /** The slot of each page object listed, by its reference. */
  const slotOfPage = new Map<string, number>();
  const listing: number[] = [];
  let repeated = false;
  const visit = (ref: PdfRef | null, node: PdfDict, depth: number) => {
    const parsed = resolveOrNull(reader, node.get('Kids'));
    if (!Array.isArray(parsed) || depth > MAX_DEPTH) return;
    const kids = (ref && kidsByText(reader, ref, parsed)) ?? parsed.map((value) => ({ value }));
    for (const kid of kids) {
      if (slots.length >= MAX_SLOTS || listing.length >= MAX_SLOTS) return;
      if ('junk' in kid) {
        listing.push(slots.length);
        slots.push({ node: ref, span: kid.junk });
        continue;
      }
      const kidRef = isRef(kid.value) ? kid.value : null;
      if (kidRef) {
        const listedBefore = slotOfPage.get(kidRef.key);
        if (listedBefore !== undefined) {
          listing.push(listedBefore);
          repeated = true;
        }
        if (reached.has(kidRef.key)) continue; // A loop, or a page listed twice: as readPages reads it.
        reached.add(kidRef.key);
      }
      const dict = resolveOrNull(reader, kid.value);
      if (!isDict(dict)) {
        // A reference to an object that is not there (or is no dictionary); a null or a stray number
        // among the kids is no page to any reader.
        if (kidRef) {
          listing.push(slots.length);
          slots.push(
            reader.offsetOf(kidRef.num) === null
              ? { node: ref, span: null }
              : { node: ref, span: null, destroyed: true },
          );
        }
      } else if (isTreeNode(dict)) visit(kidRef, dict, depth + 1);
      else if (!isName(dict.get('Type'), 'Pages')) {
        if (kidRef) slotOfPage.set(kidRef.key, slots.length);
        listing.push(slots.length);
        slots.push(true);
      }
    }
  };
  if (isRef(rootValue)) reached.add(rootValue.key);
  visit(isRef(rootValue) ? rootValue : null, root, 0);

  const orphans = new Map<string, PdfRef[]>();
  const declared = isInteger(count) && count >= 0 ? count : null;
  if (slots.some((slot) => slot !== true) || (declared !== null && declared > slots.length)) {
    for (const listed of reader.listedObjects()) {
      if (reached.has(listed.key)) continue;
      const dict = resolveOrNull(reader, listed);
      if (!isDict(dict) || !(isName(dict.get('Type'), 'Page') || isName(dict.get('Type'), 'Pages'))) continue;
      const parent = dict.get('Parent');
      if (!isRef(parent) || !reached.has(parent.key)) continue;
      orphans.set(parent.key, [...(orphans.get(parent.key) ?? []), listed]);
    }
  }
  return repeated ? { declared, slots, orphans, listing } : { declared, slots, orphans };
}

/**
 * How many pages the tree has: its count, or where its count cannot be read, the entries it lists when one
 * of them is a page object destroyed (the file's index lists an object there that is no dictionary). Fuzz,
 * --only scanned seed 49: "/Count 3" garbled to "/Count 3\xe0" and page 2's "<<" to "\xe1<": pdf.js and
 * every repair showed pages 1 and 3, poppler 3 pages, and the file was imported as 2 pages without a word.
 */
export function countedPages(census: PageTreeCensus): number | null {
  if (census.declared !== null) return census.declared;
  const destroyed = census.slots.some((slot) => slot !== true && slot.destroyed);
  return destroyed ? census.slots.length : null;
}

/** The pages (1-based) the census finds lost, when the tree's count confirms where they are. */
export function lostPageNumbers(census: PageTreeCensus): number[] | null {
  if (countedPages(census) !== census.slots.length) return null;
  return census.slots.flatMap((slot, index) => (slot === true ? [] : [index + 1]));
}

/**
 * How many pages the tree has when it is whole: its count matches the entries it lists, and each is a page
 * object to our reader. Null otherwise.
 */
export function wholeTreePageCount(census: PageTreeCensus): number | null {
  const whole = census.declared === census.slots.length && census.slots.every((slot) => slot === true);
  return whole ? census.declared : null;
}

/**
 * Pages the tree counts beyond the `shown` that a reader shows, where the tree has gaps, or lists fewer
 * pages than it counts while page objects that name one of its nodes as their parent are not listed (a
 * node's kids cut short: fuzz, --kinds all seed 8, "6 0 R … 11 0 R" cut from an 11-page file, which was
 * imported as its 5 pages still listed): which they are when its count confirms it (else null). Null when
 * nothing the tree lists is lost. A count that is merely wrong, with no such page objects, is no loss.
 */
export function pagesLostBeyond(
  census: PageTreeCensus,
  shown: number,
): { total: number; lost: number[] | null } | null {
  const counted = countedPages(census);
  if (counted === null || counted <= shown) return null;
  if (census.slots.every((slot) => slot === true)) {
    const unlisted = counted > census.slots.length && census.orphans.size > 0;
    return unlisted ? { total: counted, lost: null } : null;
  }
  return { total: counted, lost: lostPageNumbers(census) };
}

/**
 * The file with each garbled kid written back (see the file's comment), or null when there is none that
 * can be: the node has more than one garbled entry, or not exactly one page object of its own the tree
 * misses, or the reference does not fit in the garbled entry's place (with the blanks around it).
 */
function mendGarbledKids(bytes: Uint8Array, census: PageTreeCensus): Uint8Array | null {
  // Only where the tree's count says each garbled entry was one page: a run of garbled text can hold two
  // entries, one of whose pages names no node (its /Parent garbled too): mended as one, the other page was
  // lost without a word (fuzz seed 44 of the scanned page, --only scanned seed 46).
  if (census.declared !== census.slots.length) return null;
  // Only garbled entries: a reference to an object not there names another object than any orphan.
  const gapsByNode = new Map<string, PageTreeGap[]>();
  for (const slot of census.slots)
    if (slot !== true && slot.node && slot.span)
      gapsByNode.set(slot.node.key, [...(gapsByNode.get(slot.node.key) ?? []), slot]);
  let mended: Uint8Array | null = null;
  for (const [node, gaps] of gapsByNode) {
    const orphans = census.orphans.get(node) ?? [];
    const span = gaps[0].span;
    if (gaps.length !== 1 || orphans.length !== 1 || !span) continue;
    let [start, end] = span;
    // The blanks around the entry are room too, as long as one is left on each side.
    while (start - 2 >= 0 && WHITESPACE.has(bytes[start - 1]) && WHITESPACE.has(bytes[start - 2])) start--;
    while (end + 1 < bytes.length && WHITESPACE.has(bytes[end]) && WHITESPACE.has(bytes[end + 1])) end++;
    const reference = `${orphans[0].num} ${orphans[0].gen} R`;
    if (reference.length > end - start) continue;
    mended ??= new Uint8Array(bytes);
    mended.set(Buffer.from(reference.padEnd(end - start, ' '), 'latin1'), start);
  }
  return mended;
}

/**
 * The file's page tree entry by entry, and the file with its garbled kids written back where that can be
 * done for certain (null when there are none). Null when our reader cannot open the file or find a tree.
 */
export function examinePageTree(
  bytes: Uint8Array,
): { census: PageTreeCensus; mended: Uint8Array | null } | null {
  let reader: PdfReader;
  try {
    reader = PdfReader.open({ bytes });
  } catch {
    return null;
  }
  try {
    const census = pageTreeCensus(reader);
    return census && { census, mended: mendGarbledKids(bytes, census) };
  } catch {
    return null;
  } finally {
    reader.close();
  }
}

/** The words of `text` from `from`: names, numbers, keywords, strings whole, and "<<", ">>", "[", "]". */
export function* words(text: string, from: number): Generator<Token> {
  const code = (at: number) => text.charCodeAt(at);
  let at = from;
  while (at < text.length) {
    while (at < text.length && WHITESPACE.has(code(at))) at++;
    if (at >= text.length) return;
    const start = at;
    const two = text.slice(at, at + 2);
    if (two === '<<' || two === '>>') at += 2;
    else if (text[at] === '(') {
      for (let depth = 0; at < text.length; at++) {
        if (text[at] === '\\') at++;
        else if (text[at] === '(') depth++;
        else if (text[at] === ')' && --depth === 0) break;
      }
      at++;
    } else if (text[at] === '<') at = text.indexOf('>', at) + 1 || text.length;
    else if (text[at] === '%') {
      while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
      continue;
    } else if (DELIMITERS.has(code(at)) && text[at] !== '/') at++;
    else {
      at++;
      while (at < text.length && !WHITESPACE.has(code(at)) && !DELIMITERS.has(code(at))) at++;
    }
    yield { word: text.slice(start, at), start, end: at };
  }
}

/**
 * The file with a catalog or page key whose value was cut out ("/Names >>", then "/Pages 7 0 R …": fuzz,
 * --kinds all seed 5, 29 bytes cut from qpdf-annotations-rotated-270.pdf; a page's "/Gro" then NULs then
 * ">>", then its "/MediaBox" and "/Contents": fuzz, pdf.js's files seed 15, issue18694.pdf with 43 bytes
 * zeroed) blanked out in place, so that pdf-lib and qpdf, which end the dictionary at that ">>" (and find no
 * page tree, or a page without its size and content), read on to the keys after it as pdf.js and our reader
 * do. Nothing moves (every offset in the file stays right); the key lost its value anyway. Null when no
 * such key is found in the catalog (when our reader finds the page tree after it) or in a page object
 * stored on its own (not in an object stream).
 */
export function withCutKeysReadOn(bytes: Uint8Array): Uint8Array | null {
  let reader: PdfReader;
  try {
    reader = PdfReader.open({ bytes });
  } catch {
    return null;
  }
  const offsets: number[] = [];
  try {
    const root = reader.trailer.get('Root');
    if (isRef(root) && reader.catalog?.has('Pages')) offsets.push(reader.offsetOf(root.num) ?? -1);
    for (const page of readPages(reader)) if (page.ref) offsets.push(reader.offsetOf(page.ref.num) ?? -1);
  } catch {
    return null;
  } finally {
    reader.close();
  }
  let mended: Uint8Array | null = null;
  for (const offset of new Set(offsets.filter((o) => o >= 0))) {
    const blanks = cutKeysIn(bytes, offset);
    if (!blanks.length) continue;
    mended ??= new Uint8Array(bytes);
    for (const [from, to] of blanks) mended.fill(0x20, offset + from, offset + to);
  }
  return mended;
}

/**
 * Where, in the object at `offset`, its dictionary's keys whose value is a ">>" are (from the key to that
 * ">>"), when the dictionary reads on to a ">>" of its own after them; none otherwise.
 */
function cutKeysIn(bytes: Uint8Array, offset: number): Array<[number, number]> {
  const window = bytes.subarray(offset, Math.min(bytes.length, offset + CATALOG_WINDOW));
  const text = Buffer.from(window.buffer, window.byteOffset, window.length).toString('latin1');
  const end = text.indexOf('endobj');
  const body = end < 0 ? text : text.slice(0, end);
  const open = body.indexOf('<<');
  if (open < 0) return [];
  // The dictionary's own keys and values, a value's dictionaries and arrays skipped whole.
  const blanks: Array<[number, number]> = [];
  let depth = 0;
  let key: Token | null = null;
  let referenceParts = 0;
  const isNumber = (word: string) => /^[+-]?\d+$/.test(word);
  for (const token of words(body, open)) {
    const { word } = token;
    if (depth === 0) {
      if (word !== '<<') return [];
      depth = 1;
    } else if (depth > 1) {
      if (word === '<<' || word === '[') depth++;
      else if (word === '>>' || word === ']') depth--;
    } else if (word === '>>' && key) {
      // A key with ">>" for its value: where pdf-lib and qpdf end the catalog, and pdf.js reads on.
      blanks.push([key.start, token.end]);
      key = null;
    } else if (word === '>>') {
      depth = 0;
      break;
    } else if (key) {
      key = null;
      if (word === '<<' || word === '[') depth++;
      referenceParts = isNumber(word) ? 1 : 0;
    } else if (referenceParts > 0 && (isNumber(word) || word === 'R')) {
      referenceParts = word === 'R' ? 0 : referenceParts + 1;
    } else {
      referenceParts = 0;
      if (word.startsWith('/')) key = token;
    }
  }
  // Only where the dictionary reads on to a ">>" of its own after the cut.
  return depth === 0 ? blanks : [];
}
