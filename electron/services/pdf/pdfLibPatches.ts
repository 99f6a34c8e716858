/**
 * Every change this app makes to pdf-lib (@cantoo/pdf-lib) itself, in one place. Each host (Electron main,
 * the browser bridge, the CLI, the bench's children and the vitest setup) calls installPdfLibPatches() once
 * at start, so letters, import, the checker and the bundle all run on the same library from the first call.
 *
 * The patches reach into pdf-lib's internals, so they are written for one exact version: package.json pins
 * it, and installing refuses any other. Each is proved byte-identical with stock pdf-lib by
 * tests/unit/electron/services/bundle/streamWriter.test.ts, pdfLibPatches.names.test.ts and
 * pdfLibPatches.recovery.test.ts (beside this file's test); docs/performance.md says what each one saves.
 * One is not a patch of the library but of one document, and changes what is written on purpose: the
 * bundle's page tree (appendPagesWithoutWalking; pdfLibPatches.pageTree.test.ts). Where pdf-lib has an
 * extension point, the code uses it instead (the bundle's writer extends PDFWriter:
 * electron/services/bundle/streamWriter.ts).
 */
/* eslint-disable @typescript-eslint/unbound-method -- this module keeps pdf-lib's own prototype methods to put back and calls them with .call(this) */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CharCodes,
  PDFDict,
  PDFName,
  PDFObjectParser,
  PDFPageTree,
  PDFParser,
  PDFStream,
  type PDFDocument,
  type PDFRef,
} from '@cantoo/pdf-lib';

/** The version these patches were written and tested for (package.json pins the same). */
export const PDF_LIB_VERSION = '2.11.1';

/** Set by the Electron build (scripts/build-electron.mjs): the packaged app has no node_modules/@cantoo. */
declare const __PDF_LIB_VERSION__: string | undefined;

/** The version of the pdf-lib this process loaded: the build's record, else node_modules'. */
export function loadedPdfLibVersion(): string {
  if (typeof __PDF_LIB_VERSION__ === 'string') return __PDF_LIB_VERSION__;
  let dir = dirname(createRequire(import.meta.url).resolve('@cantoo/pdf-lib'));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@cantoo/pdf-lib' && pkg.version) return pkg.version;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('Could not find the version of @cantoo/pdf-lib that is installed.');
    dir = up;
  }
}

// ---------- writing: streams as one block, dictionaries from their Map ----------

/**
 * pdf-lib writes stream contents one byte at a time in a JavaScript loop (PDFStream.copyBytesInto); on a
 * scan-heavy document that loop dominates saving. Copying the contents as one block (`buffer.set`) gives
 * the same bytes 2–3× faster.
 */
type CopyBytesInto = (this: PDFStream, buffer: Uint8Array, offset: number) => number;
const stockStreamCopy: CopyBytesInto = PDFStream.prototype.copyBytesInto;
const STREAM = Uint8Array.from('\nstream\n', (c) => c.charCodeAt(0));
const ENDSTREAM = Uint8Array.from('\nendstream', (c) => c.charCodeAt(0));
const blockStreamCopy: CopyBytesInto = function (this: PDFStream, buffer, offset) {
  this.updateDict();
  const initialOffset = offset;
  offset += this.dict.copyBytesInto(buffer, offset);
  buffer.set(STREAM, offset);
  offset += STREAM.length;
  const contents = this.getContents();
  buffer.set(contents, offset);
  offset += contents.length;
  buffer.set(ENDSTREAM, offset);
  offset += ENDSTREAM.length;
  return offset - initialOffset;
};

/**
 * PDFDict.sizeInBytes() and copyBytesInto() each make an array of the dictionary's entries
 * (`Array.from(map.entries())`, an array per entry too) and a writer calls both for every object: a
 * tenth of writing. Walking the Map itself gives the same bytes in the same (insertion) order. Subclasses
 * with their own entries() keep pdf-lib's code.
 */
interface Writable {
  sizeInBytes(): number;
  copyBytesInto(buffer: Uint8Array, offset: number): number;
}
interface DictMethods {
  dict: Map<Writable, Writable>;
  entries: () => unknown;
}
const dictPrototype = PDFDict.prototype as unknown as {
  sizeInBytes(this: DictMethods): number;
  copyBytesInto(this: DictMethods, buffer: Uint8Array, offset: number): number;
  entries: () => unknown;
};
const stockDictSize = dictPrototype.sizeInBytes;
const stockDictCopy = dictPrototype.copyBytesInto;
const ownEntries = dictPrototype.entries;
function mapDictSize(this: DictMethods): number {
  if (this.entries !== ownEntries) return stockDictSize.call(this);
  let size = 5;
  for (const [key, value] of this.dict) size += key.sizeInBytes() + value.sizeInBytes() + 2;
  return size;
}
function mapDictCopy(this: DictMethods, buffer: Uint8Array, offset: number): number {
  if (this.entries !== ownEntries) return stockDictCopy.call(this, buffer, offset);
  const initialOffset = offset;
  buffer[offset++] = CharCodes.LessThan;
  buffer[offset++] = CharCodes.LessThan;
  buffer[offset++] = CharCodes.Newline;
  for (const [key, value] of this.dict) {
    offset += key.copyBytesInto(buffer, offset);
    buffer[offset++] = CharCodes.Space;
    offset += value.copyBytesInto(buffer, offset);
    buffer[offset++] = CharCodes.Newline;
  }
  buffer[offset++] = CharCodes.GreaterThan;
  buffer[offset++] = CharCodes.GreaterThan;
  return offset - initialOffset;
}

// ---------- parsing: stream contents as views, names from a cache ----------

/**
 * pdf-lib's parser copies every stream's bytes out of the file it parses (ByteStream.slice). Returning
 * views (subarray) of the file's bytes keeps exactly the file in memory and nothing more. The views are
 * read-only in practice: pdf-lib never writes into stream contents (decryption and decoding make new
 * arrays). The bundle engine reuses its read buffers only after a source's objects are written out.
 */
interface SliceableStream {
  slice(start: number, end: number): Uint8Array;
}
const byteStreamPrototype = Object.getPrototypeOf(
  (PDFParser.forBytesWithOptions(new Uint8Array(0)) as unknown as { bytes: SliceableStream }).bytes,
) as SliceableStream;
const stockSlice = byteStreamPrototype.slice;
const viewSlice = function (this: { bytes: Uint8Array }, start: number, end: number): Uint8Array {
  return this.bytes.subarray(start, end);
};

/**
 * pdf-lib's parseName() builds each name one character at a time, then runs two regular expressions over it
 * (`#xx` escapes: decodePdfNameEscapes, then PDFName.of's own decoding) before its pool lookup; a text-heavy
 * source has tens of thousands of names (/Type, /Font, /F1 …), and this was a fifth of parsing. The same
 * result comes from scanning the bytes and looking the raw name up in a cache of what pdf-lib made of it:
 * the mapping from raw bytes to PDFName is pure (pdf-lib pools names, so it is even the same instance).
 * Names hold no line breaks (whitespace ends a name), so the stream's line stays and its column moves on.
 */
interface NameByteStream {
  bytes: Uint8Array;
  idx: number;
  length: number;
  column: number;
  assertNext(byte: number): number;
}
type ParseName = (this: { bytes: NameByteStream }) => PDFName;
const parserPrototype = PDFObjectParser.prototype as unknown as { parseName: ParseName };
const stockParseName = parserPrototype.parseName;
/** PDF whitespace and delimiters (ISO 32000-1, 7.2.2), which end a name: as pdf-lib's IsWhitespace/IsDelimiter. */
const ENDS_NAME = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, ...Array.from('()<>[]{}/%', (ch) => ch.charCodeAt(0))])
  ENDS_NAME[c] = 1;
const decodeEscapes = (name: string) =>
  name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * How many names the cache holds before it starts again. Common names (/Type, /Font, /Length …) come back
 * within a document; font subset names (/ABCDEF+Arial) are new in every file, and a long-running app
 * parses thousands of files, so the cache is emptied when full rather than left to grow.
 */
export const NAME_CACHE_LIMIT = 8192;
/** Names seen, by a hash of their bytes; an entry is used only when its bytes match (collisions just miss). */
const names = new Map<number, { raw: string; name: PDFName }>();
export const nameCacheSize = (): number => names.size;

const sameBytes = (raw: string, bytes: Uint8Array, start: number, end: number) => {
  if (raw.length !== end - start) return false;
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
};
const cachedParseName: ParseName = function () {
  const stream = this.bytes;
  stream.assertNext(CharCodes.ForwardSlash);
  const { bytes, idx: start, length } = stream;
  let end = start;
  let hash = 0x811c9dc5;
  while (end < length && !ENDS_NAME[bytes[end]]) hash = Math.imul(hash ^ bytes[end++], 0x01000193);
  stream.idx = end;
  stream.column += end - start;
  const seen = names.get(hash);
  if (seen && sameBytes(seen.raw, bytes, start, end)) return seen.name;
  let raw = '';
  for (let i = start; i < end; i++) raw += String.fromCharCode(bytes[i]);
  const name = PDFName.of(decodeEscapes(raw));
  if (!seen) {
    if (names.size >= NAME_CACHE_LIMIT) names.clear();
    names.set(hash, { raw, name });
  }
  return name;
};

/**
 * A damaged file's parser skips "jibberish" between objects one byte at a time, asking at every printable
 * byte whether an object header ("12 0 obj") starts there (PDFParser.matchIndirectObjectHeader). pdf-lib
 * answers by trying to parse one and catching the error, so every letter or number of a run of broken
 * stream data builds an Error with its stack: in a truncated scan or text report, that was most of the
 * import. The same answer comes from reading the header's shape (number, number, `obj`, with pdf-lib's own
 * whitespace and comment skipping between) without building numbers or errors; the stock method decides
 * only for a number too long to be sure it is finite.
 */
interface HeaderParser {
  bytes: { offset(): number; moveTo(offset: number): void; peek(): number; next(): number; done(): boolean };
  skipWhitespaceAndComments(): void;
  matchKeyword(keyword: number[]): boolean;
  parseIndirectObjectHeader(): PDFRef;
}
type MatchHeader = (this: HeaderParser) => boolean;
const headerParserPrototype = PDFParser.prototype as unknown as { matchIndirectObjectHeader: MatchHeader };
const stockMatchHeader = headerParserPrototype.matchIndirectObjectHeader;
const OBJ = Array.from('obj', (c) => c.charCodeAt(0));
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
/** Skips a run of digits; returns how many there were. */
function skipDigits(parser: HeaderParser): number {
  const { bytes } = parser;
  let count = 0;
  while (!bytes.done() && isDigit(bytes.peek())) {
    bytes.next();
    count++;
  }
  return count;
}
/** Digits that are always a finite number (Number.MAX_VALUE has 309). */
const SURELY_FINITE_DIGITS = 308;
const lookAheadMatchHeader: MatchHeader = function () {
  const start = this.bytes.offset();
  this.skipWhitespaceAndComments();
  const objectDigits = skipDigits(this);
  let generationDigits = 0;
  if (objectDigits > 0) {
    this.skipWhitespaceAndComments();
    generationDigits = skipDigits(this);
  }
  if (generationDigits > 0) {
    this.skipWhitespaceAndComments();
    // As the stock method leaves it on success: just past "obj".
    if (this.matchKeyword(OBJ)) {
      if (Math.max(objectDigits, generationDigits) <= SURELY_FINITE_DIGITS) return true;
      // A number too long to be sure of: the stock method decides (it refuses one that is not finite).
      this.bytes.moveTo(start);
      return stockMatchHeader.call(this);
    }
  }
  this.bytes.moveTo(start);
  return false;
};

// ---------- installing ----------

/** The patches in two groups, so tests can compare each with stock pdf-lib. */
export type PatchGroup = 'write' | 'parse';

function setGroup(group: PatchGroup, on: boolean): void {
  if (group === 'write') {
    PDFStream.prototype.copyBytesInto = on ? blockStreamCopy : stockStreamCopy;
    dictPrototype.sizeInBytes = on ? mapDictSize : stockDictSize;
    dictPrototype.copyBytesInto = on ? mapDictCopy : stockDictCopy;
  } else {
    byteStreamPrototype.slice = on ? viewSlice : stockSlice;
    parserPrototype.parseName = on ? cachedParseName : stockParseName;
    headerParserPrototype.matchIndirectObjectHeader = on ? lookAheadMatchHeader : stockMatchHeader;
    names.clear();
  }
}

export function isPatchGroupInstalled(group: PatchGroup): boolean {
  return group === 'write'
    ? PDFStream.prototype.copyBytesInto === blockStreamCopy && dictPrototype.copyBytesInto === mapDictCopy
    : byteStreamPrototype.slice === (viewSlice as unknown) &&
        parserPrototype.parseName === cachedParseName &&
        headerParserPrototype.matchIndirectObjectHeader === lookAheadMatchHeader;
}

export class PdfLibVersionError extends Error {}

/**
 * Installs every patch, once per process (later calls do nothing). Refuses to run on any pdf-lib but the
 * one the patches were written for: they replace its internal methods, and a changed library would be
 * corrupted silently rather than fail.
 */
export function installPdfLibPatches(version: string = loadedPdfLibVersion()): void {
  if (version !== PDF_LIB_VERSION) {
    throw new PdfLibVersionError(
      `@cantoo/pdf-lib ${version} is installed, but the app's patches to it are written for ${PDF_LIB_VERSION} ` +
        '(electron/services/pdf/pdfLibPatches.ts). Install the pinned version (npm ci), or review the ' +
        'patches against the new version and its byte-identity tests before changing the pin.',
    );
  }
  if (isPatchGroupInstalled('write') && isPatchGroupInstalled('parse')) return;
  setGroup('write', true);
  setGroup('parse', true);
}

/** For tests only: takes a group of patches out (or puts it back) to compare with stock pdf-lib. */
export function setPatchGroupForTest(group: PatchGroup, on: boolean): void {
  setGroup(group, on);
}

// ---------- the bundle's page tree ----------

/** Pages under each node of the bundle's page tree (appendPagesWithoutWalking). */
export const PAGES_PER_TREE_NODE = 8;

/**
 * pdf-lib finds where an added page goes by walking every kid of the page tree, with a lookup each: for a
 * 1,000-page bundle that is half a million steps. For a document this app makes and only appends to, an
 * append goes into the last node of the tree at once, exactly where pdf-lib's walk would put it; anything
 * else still takes pdf-lib's own path.
 *
 * The tree has two levels: the root holds nodes of PAGES_PER_TREE_NODE pages each, a balanced tree as
 * ISO 32000-1 (7.7.3.2) suggests. A reader finds a page by the nodes' /Count without reading the pages
 * before it: opening a 1,000-page bundle whose root held every page, pdf.js read all 997 page objects
 * (about 0.1 s, in the reader thread a verified build waits for). `onNode` is told each node made: its
 * /Kids and /Count change until the last page is added, so the engine writes it at the end.
 */
export function appendPagesWithoutWalking(doc: PDFDocument, onNode: (ref: PDFRef) => void): void {
  const root = doc.catalog.Pages();
  const rootRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const walk = root.insertLeafNode.bind(root);
  let last: { node: PDFPageTree; ref: PDFRef } | null = null;
  root.insertLeafNode = (leafRef: PDFRef, index: number) => {
    const kids = root.Kids();
    // Only appends to a tree this made (its last kid the last node made, or no kids yet).
    const ours = kids.size() === 0 ? last === null : last !== null && kids.get(kids.size() - 1) === last.ref;
    if (index !== root.Count().asNumber() || !ours) return walk(leafRef, index);
    if (!last || last.node.Kids().size() >= PAGES_PER_TREE_NODE) {
      const node = PDFPageTree.withContext(root.context, rootRef);
      const ref = root.context.register(node);
      root.pushTreeNode(ref);
      onNode(ref);
      last = { node, ref };
    }
    // insertLeafKid is what pdf-lib's walk calls once it has found the place (private in its types): it
    // also adds one to the /Count of the node and of the root.
    const { node } = last;
    (node as unknown as { insertLeafKid(at: number, ref: PDFRef): void }).insertLeafKid(
      node.Kids().size(),
      leafRef,
    );
    return last.ref;
  };
}
