/**
 * pdf-lib writes stream contents one byte at a time in a JavaScript loop (PDFStream.copyBytesInto); on a
 * scan-heavy bundle that loop dominates saving. This runtime patch copies the contents as one block
 * (`buffer.set`), which produces the same bytes 2–3× faster (PERFORMANCE.md). Carried here instead of
 * patch-package so it travels with the bundle engine; tests/unit/bundle-writer.test.ts proves the output
 * is byte-identical with and without it.
 */
import { CharCodes, PDFParser, PDFStream } from '@cantoo/pdf-lib';

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

/** Installs the block copy (idempotent). */
export function installBlockStreamCopy(): void {
  PDFStream.prototype.copyBytesInto = blockCopy;
}

/** Restores pdf-lib's own loop (tests compare the two). */
export function uninstallBlockStreamCopy(): void {
  PDFStream.prototype.copyBytesInto = original;
}

export function isBlockStreamCopyInstalled(): boolean {
  return PDFStream.prototype.copyBytesInto === blockCopy;
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

export function installZeroCopyParse(): void {
  byteStream.slice = viewSlice as SliceableStream['slice'];
}

export function uninstallZeroCopyParse(): void {
  byteStream.slice = copyingSlice;
}

export function isZeroCopyParseInstalled(): boolean {
  return byteStream.slice === (viewSlice as unknown);
}
