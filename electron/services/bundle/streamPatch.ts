/**
 * pdf-lib writes stream contents one byte at a time in a JavaScript loop (PDFStream.copyBytesInto); on a
 * scan-heavy bundle that loop dominates saving. This runtime patch copies the contents as one block
 * (`buffer.set`), which produces the same bytes 2–3× faster (PERFORMANCE.md). Carried here instead of
 * patch-package so it travels with the bundle engine; tests/unit/bundle-writer.test.ts proves the output
 * is byte-identical with and without it.
 */
import { CharCodes, PDFDict, PDFName, PDFObjectParser, PDFParser, PDFStream } from '@cantoo/pdf-lib';

type CopyBytesInto = (this: PDFStream, buffer: Uint8Array, offset: number) => number;

const original: CopyBytesInto = PDFStream.prototype.copyBytesInto;

const STREAM = Uint8Array.from('\nstream\n', (c) => c.charCodeAt(0));
const ENDSTREAM = Uint8Array.from('\nendstream', (c) => c.charCodeAt(0));

const blockCopy: CopyBytesInto = function (this: PDFStream, buffer, offset) {
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

// Same framing bytes as pdf-lib's own loop: fail loudly at load if the library's layout ever changes.
if (CharCodes.Newline !== 10) throw new Error('Unexpected pdf-lib CharCodes: stream patch needs review.');

/**
 * PDFDict.sizeInBytes() and copyBytesInto() each make an array of the dictionary's entries
 * (`Array.from(map.entries())`, an array per entry too) and the writer calls both for every object: a
 * tenth of writing. Walking the Map itself gives the same bytes in the same (insertion) order.
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
const originalDictSize = dictPrototype.sizeInBytes;
const originalDictCopy = dictPrototype.copyBytesInto;
const ownEntries = dictPrototype.entries;
function mapDictSize(this: DictMethods): number {
  if (this.entries !== ownEntries) return originalDictSize.call(this);
  let size = 5;
  for (const [key, value] of this.dict) size += key.sizeInBytes() + value.sizeInBytes() + 2;
  return size;
}
function mapDictCopy(this: DictMethods, buffer: Uint8Array, offset: number): number {
  if (this.entries !== ownEntries) return originalDictCopy.call(this, buffer, offset);
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

/** Installs the block copy and the dictionary writer (idempotent). */
export function installBlockStreamCopy(): void {
  PDFStream.prototype.copyBytesInto = blockCopy;
  dictPrototype.sizeInBytes = mapDictSize;
  dictPrototype.copyBytesInto = mapDictCopy;
}

/** Restores pdf-lib's own loops (tests compare the two). */
export function uninstallBlockStreamCopy(): void {
  PDFStream.prototype.copyBytesInto = original;
  dictPrototype.sizeInBytes = originalDictSize;
  dictPrototype.copyBytesInto = originalDictCopy;
}

export function isBlockStreamCopyInstalled(): boolean {
  return PDFStream.prototype.copyBytesInto === blockCopy && dictPrototype.copyBytesInto === mapDictCopy;
}

/**
 * pdf-lib's parser copies every stream's bytes out of the file it parses (ByteStream.slice). The engine
 * loads each source once, copies its pages and drops it, so those copies only double the bytes held and
 * the garbage to collect. Returning views (subarray) of the file's bytes instead keeps exactly the file
 * in memory and nothing more. The views are read-only in practice: pdf-lib never writes into stream
 * contents (decryption and decoding make new arrays). Process-wide once installed; proved byte-identical
 * by tests/unit/bundle-writer.test.ts.
 */
interface SliceableStream {
  slice(start: number, end: number): Uint8Array;
}
function byteStreamPrototype(): SliceableStream {
  const probe = PDFParser.forBytesWithOptions(new Uint8Array(0)) as unknown as { bytes: SliceableStream };
  return Object.getPrototypeOf(probe.bytes) as SliceableStream;
}
const byteStream = byteStreamPrototype();
const copyingSlice = byteStream.slice;
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
const slowParseName = parserPrototype.parseName;
/** PDF whitespace and delimiters (ISO 32000-1, 7.2.2), which end a name: as pdf-lib's IsWhitespace/IsDelimiter. */
const ENDS_NAME = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, ...Array.from('()<>[]{}/%', (ch) => ch.charCodeAt(0))])
  ENDS_NAME[c] = 1;
const decodeEscapes = (name: string) =>
  name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
/** Names seen, by a hash of their bytes; an entry is used only when its bytes match (collisions just miss). */
const names = new Map<number, { raw: string; name: PDFName }>();
const sameBytes = (raw: string, bytes: Uint8Array, start: number, end: number) => {
  if (raw.length !== end - start) return false;
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
};
const fastParseName: ParseName = function () {
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
  if (!seen) names.set(hash, { raw, name });
  return name;
};

/** Installs the parser patches (views instead of copies, fast names); idempotent. */
export function installZeroCopyParse(): void {
  byteStream.slice = viewSlice as SliceableStream['slice'];
  parserPrototype.parseName = fastParseName;
}

export function uninstallZeroCopyParse(): void {
  byteStream.slice = copyingSlice;
  parserPrototype.parseName = slowParseName;
}

export function isZeroCopyParseInstalled(): boolean {
  return byteStream.slice === (viewSlice as unknown) && parserPrototype.parseName === fastParseName;
}
