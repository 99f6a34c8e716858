/**
 * Every change this app makes to pdf-lib (@cantoo/pdf-lib) itself, in one place. Each host (Electron main,
 * the browser bridge, the CLI, the bench's children and the vitest setup) calls installPdfLibPatches() once
 * at start, so letters, import, the checker and the bundle all run on the same library from the first call.
 *
 * The patches reach into pdf-lib's internals, so they are written for one exact version: package.json pins
 * it, and installing refuses any other. Each is proved byte-identical with stock pdf-lib by
 * tests/unit/electron/services/bundle/streamWriter.test.ts, pdfLibPatches.names.test.ts and
 * pdfLibPatches.recovery.test.ts (beside this file's test); docs/performance.md says what each one saves.
 * Two groups change what pdf-lib reads, on purpose: of two definitions of an object, the one the file's
 * cross-reference table names, as every other reader takes (pdfLibPatches.definitions.test.ts); and a
 * dictionary left open ends at its object's `endobj` (pdfLibPatches.openDictionaries.test.ts).
 * Two are not patches of the library but of one document: the bundle's page tree, which changes what is
 * written on purpose (appendPagesWithoutWalking; pdfLibPatches.pageTree.test.ts), and the bundle writer's
 * note of each object put into the document (watchAssignments; streamWriter.test.ts). Where pdf-lib has an
 * extension point, the code uses it instead (the bundle's writer extends PDFWriter:
 * electron/services/bundle/streamWriter.ts).
 */
/* eslint-disable @typescript-eslint/unbound-method -- this module keeps pdf-lib's own prototype methods to put back and calls them with .call(this) */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CharCodes,
  decodePDFRawStream,
  PDFArray,
  PDFCatalog,
  PDFCrossRefSection,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFObjectStreamParser,
  PDFPageLeaf,
  PDFPageTree,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFContentStream,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
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

// ---------- parsing: of two definitions of an object, the one the cross-reference table names ----------

/**
 * pdf-lib reads a file from start to end and keeps the last definition of each object ("4 0 obj" twice:
 * the second wins). Every reader a user opens the file in (pdf.js, poppler, qpdf, PDFium, Acrobat) takes
 * the one the cross-reference table points to. They agree in a file whose later updates redefine objects
 * (the table of the last update points to the last definition), but not in a file with a stale or planted
 * copy after the real one: PDFium's bug_2152.pdf and bug_2123.pdf, and bug_1733.pdf, two copies of an object
 * in one object stream, each gave a bundle page (blank, another size, another picture) that no reader shows.
 * So the parser notes where each object was defined (its offset, or its object stream and place in it), and
 * where an object was defined more than once, the definition the tables name (later tables over earlier ones,
 * as appended updates are) replaces pdf-lib's choice. A table that names none of them (offsets that are off,
 * as in a repaired file) leaves pdf-lib's choice.
 */
interface Definition {
  object: PDFObject;
  /** Where "n g obj" starts in the file, for a definition at the top level. */
  offset?: number;
  /** The object stream it was read from, and its place in that stream. */
  stream?: PDFRawStream;
  index?: number;
}
type XrefTarget = { offset: number } | { streamNumber: number; index: number };
/**
 * What one parse has seen. Where each object was last defined is kept by object number in plain arrays
 * (most objects are defined once, and a Map entry or an object each cost a parse of a large file several
 * per cent); a Definition is made only for an object met a second time.
 */
interface DefinitionRecord {
  /** By object number: where its last definition's header starts, or -1 when it was in an object stream. */
  offsets: number[];
  /** By object number, for one defined in an object stream: the stream and its place in it. */
  streams: (PDFRawStream | undefined)[];
  places: number[];
  /** Where the header of the object being read starts (set as each header is read). */
  offset: number;
  /** The object stream being read, and how many of its objects have been defined so far. */
  inStream: PDFRawStream | null;
  streamPlace: number;
  /** Objects defined more than once: every definition, in the order read. */
  repeated: Map<PDFRef, Definition[]>;
  /** Cross-reference tables and streams, in the order read. */
  tables: (PDFCrossRefSection | PDFRawStream)[];
  /** The object number of each object stream read. */
  streamNumbers: Map<PDFRawStream, number>;
}
const definitionRecords = new WeakMap<PDFContext, DefinitionRecord>();

interface ParsingParser {
  context: PDFContext;
  bytes: { offset(): number };
  skipWhitespaceAndComments(): void;
}
type ParseHeader = (this: ParsingParser) => PDFRef;
type ParseDocument = (this: ParsingParser) => Promise<PDFContext>;
type MaybeParseCrossRefSection = (this: ParsingParser) => PDFCrossRefSection | undefined;
const documentParserPrototype = PDFParser.prototype as unknown as {
  parseIndirectObjectHeader: ParseHeader;
  parseDocument: ParseDocument;
  maybeParseCrossRefSection: MaybeParseCrossRefSection;
};
const stockParseHeader = documentParserPrototype.parseIndirectObjectHeader;
const stockParseDocument = documentParserPrototype.parseDocument;
const stockMaybeParseCrossRefSection = documentParserPrototype.maybeParseCrossRefSection;
type ObjectStreamParserStatics = {
  forStream(raw: PDFRawStream, shouldWaitForTick?: () => boolean): { parseIntoContext(): Promise<void> };
};
const objectStreamStatics = PDFObjectStreamParser as unknown as ObjectStreamParserStatics;
const stockObjectStreamFor = objectStreamStatics.forStream;
type Assign = (this: PDFContext, ref: PDFRef, object: PDFObject) => void;
interface ContextObjects {
  indirectObjects: Map<PDFRef, PDFObject>;
}

/** Every object header read (top-level definitions, and the repair of broken ones) notes where it starts. */
const recordingParseHeader: ParseHeader = function () {
  const record = definitionRecords.get(this.context);
  if (record) {
    this.skipWhitespaceAndComments();
    record.offset = this.bytes.offset();
  }
  return stockParseHeader.call(this);
};

/** The context's assign() while a file is parsed: notes where each object is defined, and repeats. */
function recordingAssign(record: DefinitionRecord, stockAssign: Assign): Assign {
  return function (this: PDFContext, ref, object) {
    const number = ref.objectNumber;
    const inStream = record.inStream;
    const defined = (this as unknown as ContextObjects).indirectObjects.get(ref);
    if (defined !== undefined) {
      const where = (at: number): Omit<Definition, 'object'> =>
        record.offsets[at] >= 0
          ? { offset: record.offsets[at] }
          : { stream: record.streams[at], index: record.places[at] };
      const list = record.repeated.get(ref) ?? [{ object: defined, ...where(number) }];
      list.push(
        inStream
          ? { object, stream: inStream, index: record.streamPlace }
          : { object, offset: record.offset },
      );
      record.repeated.set(ref, list);
    }
    if (inStream) {
      record.offsets[number] = -1;
      record.streams[number] = inStream;
      record.places[number] = record.streamPlace++;
    } else {
      record.offsets[number] = record.offset;
      if (object instanceof PDFRawStream) {
        const type = object.dict.get(PDFName.of('Type'));
        if (type === PDFName.of('ObjStm')) record.streamNumbers.set(object, number);
        else if (type === PDFName.of('XRef')) record.tables.push(object);
      }
    }
    stockAssign.call(this, ref, object);
  };
}

/** The object stream's parser, its objects noted as defined in it, each with its place. */
const recordingObjectStreamFor: ObjectStreamParserStatics['forStream'] = (raw, shouldWaitForTick) => {
  const parser = stockObjectStreamFor(raw, shouldWaitForTick);
  const record = definitionRecords.get(raw.dict.context);
  if (!record) return parser;
  const parse = parser.parseIntoContext.bind(parser);
  parser.parseIntoContext = async () => {
    record.inStream = raw;
    record.streamPlace = 0;
    try {
      await parse();
    } finally {
      record.inStream = null;
    }
  };
  return parser;
};

const recordingMaybeParseCrossRefSection: MaybeParseCrossRefSection = function () {
  const section = stockMaybeParseCrossRefSection.call(this);
  const record = definitionRecords.get(this.context);
  if (section && record) record.tables.push(section);
  return section;
};

const recordingParseDocument: ParseDocument = async function () {
  const { context } = this;
  const record: DefinitionRecord = {
    offsets: [],
    streams: [],
    places: [],
    offset: -1,
    inStream: null,
    streamPlace: 0,
    repeated: new Map(),
    tables: [],
    streamNumbers: new Map(),
  };
  definitionRecords.set(context, record);
  const stockAssign: Assign = context.assign;
  context.assign = recordingAssign(record, stockAssign);
  try {
    await stockParseDocument.call(this);
  } finally {
    delete (context as { assign?: unknown }).assign;
    definitionRecords.delete(context);
  }
  if (record.repeated.size > 0) useTablesDefinitions(context, record);
  return context;
};

/**
 * A cross-reference stream's rows with the PNG predictor its writer applied undone (ISO 32000-1, 7.4.4.4:
 * /DecodeParms /Predictor 10-15, one filter byte before each row; pdf-lib's decoding leaves it on), or
 * null for a predictor or layout other than a cross-reference stream's.
 */
function withoutPredictor(bytes: Uint8Array, dict: PDFDict): Uint8Array | null {
  let parms = dict.lookup(PDFName.of('DecodeParms'));
  if (parms instanceof PDFArray) parms = parms.lookup(parms.size() - 1);
  if (!(parms instanceof PDFDict)) return bytes;
  const numberOf = (key: string, missing: number) => {
    const value = parms.lookup(PDFName.of(key));
    return value instanceof PDFNumber ? value.asNumber() : missing;
  };
  const predictor = numberOf('Predictor', 1);
  if (predictor <= 1) return bytes;
  if (predictor < 10 || numberOf('Colors', 1) !== 1 || numberOf('BitsPerComponent', 8) !== 8) return null;
  const columns = numberOf('Columns', 1);
  if (!(columns >= 1 && columns <= 64)) return null;
  const rows = Math.floor(bytes.length / (columns + 1));
  const out = new Uint8Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    const filter = bytes[row * (columns + 1)];
    const from = row * (columns + 1) + 1;
    const at = row * columns;
    for (let i = 0; i < columns; i++) {
      const left = i > 0 ? out[at + i - 1] : 0;
      const up = row > 0 ? out[at - columns + i] : 0;
      const upLeft = row > 0 && i > 0 ? out[at - columns + i - 1] : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const [a, b, c] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
        predicted = a <= b && a <= c ? left : b <= c ? up : upLeft;
      } else return null;
      out[at + i] = (bytes[from + i] + predicted) & 0xff;
    }
  }
  return out;
}

/** The entries of a cross-reference stream (ISO 32000-1, 7.5.8), or none when it cannot be read. */
function crossReferenceStreamEntries(stream: PDFRawStream, into: Map<PDFRef, XrefTarget>): void {
  try {
    const { dict } = stream;
    const widths = dict
      .lookup(PDFName.of('W'), PDFArray)
      .asArray()
      .map((w) => (w as PDFNumber).asNumber());
    const size = dict.lookup(PDFName.of('Size'), PDFNumber).asNumber();
    const index = dict
      .lookupMaybe(PDFName.of('Index'), PDFArray)
      ?.asArray()
      .map((n) => (n as PDFNumber).asNumber()) ?? [0, size];
    if (widths.length !== 3 || widths.some((w) => !(w >= 0 && w <= 8))) return;
    const bytes = withoutPredictor(decodePDFRawStream(stream).decode(), dict);
    if (!bytes) return;
    const entryLength = widths[0] + widths[1] + widths[2];
    let at = 0;
    const field = (width: number, missing: number) => {
      if (width === 0) return missing;
      let value = 0;
      for (let i = 0; i < width; i++) value = value * 256 + bytes[at++];
      return value;
    };
    for (let s = 0; s + 1 < index.length; s += 2) {
      for (let k = 0; k < index[s + 1]; k++) {
        if (at + entryLength > bytes.length) return;
        const type = field(widths[0], 1);
        const second = field(widths[1], 0);
        const third = field(widths[2], 0);
        const number = index[s] + k;
        if (type === 1) into.set(PDFRef.of(number, third), { offset: second });
        else if (type === 2) into.set(PDFRef.of(number, 0), { streamNumber: second, index: third });
      }
    }
  } catch {
    // A cross-reference stream pdf-lib cannot decode names nothing.
  }
}

function useTablesDefinitions(context: PDFContext, record: DefinitionRecord): void {
  const named = new Map<PDFRef, XrefTarget>();
  for (const table of record.tables) {
    if (table instanceof PDFRawStream) crossReferenceStreamEntries(table, named);
    else
      for (const subsection of (
        table as unknown as { subsections: { ref: PDFRef; offset: number; deleted: boolean }[][] }
      ).subsections)
        for (const entry of subsection) if (!entry.deleted) named.set(entry.ref, { offset: entry.offset });
  }
  for (const [ref, definitions] of record.repeated) {
    const target = named.get(ref);
    if (!target) continue;
    const chosen = definitions.find((d) =>
      'offset' in target
        ? d.offset === target.offset
        : d.stream !== undefined &&
          record.streamNumbers.get(d.stream) === target.streamNumber &&
          d.index === target.index,
    );
    if (chosen && context.lookup(ref) !== chosen.object) context.assign(ref, chosen.object);
  }
}

// ---------- parsing: a dictionary left open ends at its object's end ----------

/**
 * A dictionary whose ">>" is missing before its object's `endobj` (PDFium's bug_1893.pdf: a font's). pdf.js,
 * poppler, qpdf and PDFium take its keys up to there; pdf-lib stopped at the keyword where it wanted a
 * name and kept the object as bytes it could not read, so a re-save carried it on unreadable and the
 * repair that was kept (qpdf's) had lost it: the page's text named a font that was not there, drawn by
 * pdf.js in another font and by poppler and Acrobat not at all. The same method as pdf-lib's, but for the
 * one case: at `endobj` where a key or ">>" should be, the dictionary ends there.
 */
interface DictParser {
  bytes: {
    offset(): number;
    moveTo(offset: number): void;
    peek(): number;
    peekAhead(steps: number): number;
    done(): boolean;
    assertNext(byte: number): number;
  };
  context: PDFContext;
  skipWhitespaceAndComments(): void;
  matchKeyword(keyword: number[]): boolean;
  parseName(): PDFName;
  parseObject(ref?: PDFRef): PDFObject;
}
type ParseDict = (this: DictParser, ref?: PDFRef) => PDFDict;
const dictParserPrototype = PDFObjectParser.prototype as unknown as { parseDict: ParseDict };
const stockParseDict = dictParserPrototype.parseDict;
const ENDOBJ = Array.from('endobj', (c) => c.charCodeAt(0));
const GREATER_THAN: number = CharCodes.GreaterThan;
const SLASH: number = CharCodes.ForwardSlash;

/** Whether `endobj` comes next (left unread). */
function atEndobj(parser: DictParser): boolean {
  const at = parser.bytes.offset();
  const found = parser.matchKeyword(ENDOBJ);
  parser.bytes.moveTo(at);
  return found;
}

const closingParseDict: ParseDict = function (ref) {
  const { bytes } = this;
  bytes.assertNext(CharCodes.LessThan);
  bytes.assertNext(CharCodes.LessThan);
  this.skipWhitespaceAndComments();
  const dict = new Map<PDFName, PDFObject>();
  let open = false;
  while (!bytes.done() && bytes.peek() !== GREATER_THAN && bytes.peekAhead(1) !== GREATER_THAN) {
    if (bytes.peek() !== SLASH && atEndobj(this)) {
      open = true;
      break;
    }
    const key = this.parseName();
    const value = this.parseObject(ref);
    dict.set(key, value);
    this.skipWhitespaceAndComments();
  }
  if (!open) {
    this.skipWhitespaceAndComments();
    bytes.assertNext(CharCodes.GreaterThan);
    bytes.assertNext(CharCodes.GreaterThan);
  }
  const type = dict.get(PDFName.of('Type'));
  if (type === PDFName.of('Catalog')) return PDFCatalog.fromMapWithContext(dict, this.context);
  if (type === PDFName.of('Pages')) return PDFPageTree.fromMapWithContext(dict, this.context);
  if (type === PDFName.of('Page')) return PDFPageLeaf.fromMapWithContext(dict, this.context);
  return PDFDict.fromMapWithContext(dict, this.context);
};

// ---------- installing ----------

/**
 * The patches in groups, so tests can compare each with stock pdf-lib: 'write' and 'parse' give the same
 * results faster; 'definitions' reads a file with an object defined twice as other readers do, and
 * 'openDictionaries' a dictionary whose ">>" is missing.
 */
export type PatchGroup = 'write' | 'parse' | 'definitions' | 'openDictionaries';

function setGroup(group: PatchGroup, on: boolean): void {
  if (group === 'openDictionaries') {
    dictParserPrototype.parseDict = on ? closingParseDict : stockParseDict;
  } else if (group === 'definitions') {
    documentParserPrototype.parseIndirectObjectHeader = on ? recordingParseHeader : stockParseHeader;
    documentParserPrototype.parseDocument = on ? recordingParseDocument : stockParseDocument;
    documentParserPrototype.maybeParseCrossRefSection = on
      ? recordingMaybeParseCrossRefSection
      : stockMaybeParseCrossRefSection;
    objectStreamStatics.forStream = on ? recordingObjectStreamFor : stockObjectStreamFor;
  } else if (group === 'write') {
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
  if (group === 'openDictionaries') return dictParserPrototype.parseDict === closingParseDict;
  if (group === 'definitions')
    return (
      documentParserPrototype.parseDocument === recordingParseDocument &&
      objectStreamStatics.forStream === recordingObjectStreamFor
    );
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
  if (
    isPatchGroupInstalled('write') &&
    isPatchGroupInstalled('parse') &&
    isPatchGroupInstalled('definitions') &&
    isPatchGroupInstalled('openDictionaries')
  )
    return;
  setGroup('write', true);
  setGroup('parse', true);
  setGroup('definitions', true);
  setGroup('openDictionaries', true);
}

/** For tests only: takes a group of patches out (or puts it back) to compare with stock pdf-lib. */
export function setPatchGroupForTest(group: PatchGroup, on: boolean): void {
  setGroup(group, on);
}

// ---------- the bundle's page tree ----------

/** Pages under each node of the bundle's page tree that holds pages (appendPagesWithoutWalking). */
export const PAGES_PER_TREE_NODE = 8;

/** Nodes of pages under each node under the root: 512 pages each. */
export const NODES_PER_BRANCH = 64;

/**
 * pdf-lib finds where an added page goes by walking every kid of the page tree, with a lookup each: for a
 * 1,000-page bundle that is half a million steps. For a document this app makes and only appends to, an
 * append goes into the last node of the tree at once, exactly where pdf-lib's walk would put it; anything
 * else still takes pdf-lib's own path.
 *
 * The tree has three levels: the root holds branches of NODES_PER_BRANCH nodes, each node holds
 * PAGES_PER_TREE_NODE pages, a balanced tree as ISO 32000-1 (7.7.3.2) suggests. A reader finds a page by
 * the nodes' /Count without reading the pages before it: opening a 1,000-page bundle whose root held every
 * page, pdf.js read all 997 page objects (about 0.1 s, in the reader thread a verified build waits for);
 * and pdf.js, finding a page, takes a step for each kid of every node it goes through before the one that
 * holds the page: with the nodes of pages all under the root, reading every page of a 10,000-page file
 * took it 1,250 steps a page (an import's trial bundle: 12 s). `onNode` is told each node made: its /Kids
 * and /Count change until the last page is added, so the engine writes it at the end.
 */
export function appendPagesWithoutWalking(doc: PDFDocument, onNode: (ref: PDFRef) => void): void {
  const root = doc.catalog.Pages();
  const rootRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const walk = root.insertLeafNode.bind(root);
  let branch: { node: PDFPageTree; ref: PDFRef } | null = null;
  let last: { node: PDFPageTree; ref: PDFRef } | null = null;
  const newNode = (parent: PDFPageTree, parentRef: PDFRef) => {
    const node = PDFPageTree.withContext(root.context, parentRef);
    const ref = root.context.register(node);
    parent.pushTreeNode(ref);
    onNode(ref);
    return { node, ref };
  };
  root.insertLeafNode = (leafRef: PDFRef, index: number) => {
    const kids = root.Kids();
    // Only appends to a tree this made (its last kid the last branch made, or no kids yet).
    const ours =
      kids.size() === 0 ? branch === null : branch !== null && kids.get(kids.size() - 1) === branch.ref;
    if (index !== root.Count().asNumber() || !ours) return walk(leafRef, index);
    if (!last || last.node.Kids().size() >= PAGES_PER_TREE_NODE) {
      if (!branch || branch.node.Kids().size() >= NODES_PER_BRANCH) branch = newNode(root, rootRef);
      last = newNode(branch.node, branch.ref);
    }
    // insertLeafKid is what pdf-lib's walk calls once it has found the place (private in its types): it
    // also adds one to the /Count of the node and of each node above it.
    const { node } = last;
    (node as unknown as { insertLeafKid(at: number, ref: PDFRef): void }).insertLeafKid(
      node.Kids().size(),
      leafRef,
    );
    return last.ref;
  };
}

// ---------- objects put into a document being written ----------

/**
 * Tells `onAssign` the reference of each object put into `context` from now on (registered, or assigned
 * anew): everything pdf-lib adds to a document goes through the context's assign(). The bundle's writer
 * writes what is new after each source document; it looked through every object of the document for it,
 * sorted, a step for each page already written (8,000 one-page documents: about 6 s of a 22 s build).
 */
export function watchAssignments(context: PDFContext, onAssign: (ref: PDFRef) => void): void {
  const assign = context.assign;
  context.assign = function (this: PDFContext, ref: PDFRef, object: PDFObject) {
    onAssign(ref);
    assign.call(this, ref, object);
  };
}

// ---------- a page's drawing settled into bytes ----------

/**
 * Puts what has been drawn on a page so far into its content stream's bytes (compressed, as they would be
 * written) and lets pdf-lib's objects for it go: pdf-lib keeps every operator of every page as objects
 * until the file is saved, about 170 KB a page of text lines, and a text file of short lines (7,000 pages)
 * ran the import out of memory. Anything drawn on the page after this goes into a new content stream after
 * it (PDFPage keeps the stream it draws into in private fields).
 */
export function settlePageDrawing(page: PDFPage): void {
  const drawing = page as unknown as { contentStream?: PDFContentStream; contentStreamRef?: PDFRef };
  const { contentStream, contentStreamRef } = drawing;
  if (!contentStream || !contentStreamRef) return;
  const { context } = page.doc;
  const settled = context.flateStream(contentStream.getUnencodedContents());
  context.assign(contentStreamRef, settled);
  drawing.contentStream = undefined;
  drawing.contentStreamRef = undefined;
}
