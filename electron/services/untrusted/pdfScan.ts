/**
 * A quick pass over a PDF's bytes, before any PDF library parses it, for the ways a small file can take a
 * reader down: compressed streams that unpack to gigabytes (a "Flate bomb"), arrays or dictionaries
 * nested thousands deep (the parsers recurse) or holding millions of items (parsed whole, each time). It reads the file as a stream of tokens,
 * skipping strings, comments and stream data, and unpacks every Flate stream only to count its bytes,
 * stopping as soon as a limit is passed. Object streams are unpacked and scanned for nesting too.
 *
 * It is a guard, not a parser: anything it cannot understand (an encrypted stream, an unusual filter) is
 * left to the real parsers, which run with a time and memory cap anyway (see runner.ts).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { constants, inflateSync } from 'node:zlib';
import { WHOLE_WINDOW } from '../inflate';
import { mayHoldInlineImage } from '../pdf/read/inlineImages';
import { formatCount, formatSize, LIMITS } from '../../../shared/limits';

interface PdfScanLimits {
  streamInflatedBytes: number;
  fileInflatedBytes: number;
  nestingDepth: number;
  containerItems: number;
}

const PDF_SCAN_LIMITS: PdfScanLimits = {
  streamInflatedBytes: LIMITS.pdfStreamInflatedBytes,
  fileInflatedBytes: LIMITS.pdfInflatedBytes,
  nestingDepth: LIMITS.pdfNestingDepth,
  containerItems: LIMITS.pdfContainerItems,
};

interface PdfScanResult {
  problem: PdfScanProblem | null;
  /**
   * Page objects seen in the bytes (including ones no longer used), or the largest page count a page tree
   * node declares (/Count), whichever is more: cheap to get, and over the page limit whenever the pages
   * are (a page tree may list one page object many times, which readers show as many pages). Over the
   * limit, ask a real parser for the page count before refusing.
   */
  pageObjects: number;
  /**
   * What each whole Flate stream unpacked to, by where its data starts in the file (as the app's reader
   * finds it: past spaces, then the end of the line): lets pdf/read/drawingCount.ts bound a content
   * stream's operators without unpacking it again. A stream cut short, damaged or inside another is not
   * here.
   */
  inflatedSizes: Map<number, number>;
}

export interface PdfScanProblem {
  limit:
    | 'pdfStreamInflatedBytes'
    | 'pdfInflatedBytes'
    | 'pdfNestingDepth'
    | 'pdfContainerItems'
    | 'pdfFormsDrawnPerPage'
    | 'pdfOperatorsPerPage'
    | 'pdfTextShownPerPage'
    | 'pdfFormsDrawn'
    | 'pdfOperators'
    | 'pdfTextShown'
    | 'imagePixels';
  /** Completes "<file> …": what is wrong, naming the limit. */
  problem: string;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
/** 1 for the bytes that make up numbers, keywords and names' letters (neither white space nor a delimiter). */
const REGULAR = new Uint8Array(256).fill(1);
for (const byte of [...WHITESPACE, ...Buffer.from('()<>[]{}/%', 'latin1')]) REGULAR[byte] = 0;
const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');
const ENDOBJ = Buffer.from('endobj');
const GREATER = Buffer.from('>');
const CR = Buffer.from('\r');
const LF = Buffer.from('\n');

class OverLimit extends Error {
  constructor(readonly found: PdfScanProblem) {
    super(found.problem);
  }
}

function isImage(dict: string): boolean {
  return /\/Subtype\s*\/Image\b/.test(dict);
}

function isFlate(dict: string): boolean {
  const filter = /\/Filter\s*(\[\s*)?\/([A-Za-z0-9]+)/.exec(dict);
  return filter !== null && (filter[2] === 'FlateDecode' || filter[2] === 'Fl');
}

const TYPE_KEY = Buffer.from('/Type');
const COUNT_KEY = Buffer.from('/Count');

/**
 * The bytes scanned: a buffer (an object stream's contents, a file already in memory), or a file on disk
 * read in blocks as the scan goes, so that scanning a 2 GB file does not hold 2 GB. Reads past the end
 * give -1.
 */
interface Bytes {
  readonly length: number;
  at(i: number): number;
  /**
   * Bytes [start, end), clipped to the end. From a file on disk, memory the next slice may read into
   * again: used before the next one (a stream's data is unpacked, then let go).
   */
  slice(start: number, end: number): Buffer;
  indexOf(pattern: Buffer, from: number): number;
}

function bufferBytes(buf: Buffer): Bytes {
  return {
    length: buf.length,
    at: (i) => buf[i] ?? -1,
    slice: (start, end) => buf.subarray(start, end),
    indexOf: (pattern, from) => buf.indexOf(pattern, from),
  };
}

/** Searches read at most this much at a time. */
const MAX_PIECE = 1024 * 1024;
/** A stream's data up to this size is read into memory kept for the next; a larger one into its own. */
const MAX_KEPT_READ = 32 * 1024 * 1024;

/**
 * A file read in blocks (64 KB unless a test says otherwise) from where the scan is, the last one kept: the
 * scan moves forward, and jumps over stream data without reading it.
 */
class FileBytes implements Bytes {
  private block: Buffer = Buffer.alloc(0);
  private blockStart = 0;

  constructor(
    private readonly fd: number,
    readonly length: number,
    private readonly blockSize: number,
  ) {}

  at(i: number): number {
    const k = i - this.blockStart;
    if (k >= 0 && k < this.block.length) return this.block[k] ?? -1;
    if (i < 0 || i >= this.length) return -1;
    this.load(i);
    return this.block[i - this.blockStart] ?? -1;
  }

  /** The block's memory, read into for each block: what slice() gives of it is used before the next load. */
  private blockBuffer: Buffer | null = null;

  private load(i: number): void {
    this.blockStart = i;
    this.blockBuffer ??= Buffer.allocUnsafeSlow(this.blockSize);
    this.block = this.readInto(this.blockBuffer, i, Math.min(this.length, i + this.blockSize));
  }

  /** What a read outside the block (a stream's data) is read into, kept for the next one up to its cap. */
  private dataBuffer: Buffer | null = null;

  /** Bytes [start, end), in memory read into again by the next read: used before then (see slice). */
  private read(start: number, end: number): Buffer {
    const length = Math.max(0, end - start);
    if (length > MAX_KEPT_READ) return this.readInto(Buffer.allocUnsafe(length), start, end);
    if (!this.dataBuffer || this.dataBuffer.length < length)
      this.dataBuffer = Buffer.allocUnsafeSlow(
        Math.max(length, 2 * (this.dataBuffer?.length ?? 0), 64 * 1024),
      );
    return this.readInto(this.dataBuffer, start, end);
  }

  /** Bytes [start, end) read into the start of `into` (as long as they are); what was read. */
  private readInto(into: Buffer, start: number, end: number): Buffer {
    const length = Math.max(0, end - start);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, into, got, length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return into.subarray(0, got);
  }

  slice(start: number, end: number): Buffer {
    start = Math.max(0, start);
    end = Math.min(this.length, end);
    if (start >= this.blockStart && end <= this.blockStart + this.block.length)
      return this.block.subarray(start - this.blockStart, end - this.blockStart);
    return this.read(start, end);
  }

  // The scan reads the file through three buffers kept for it and read into again: the block, the pieces
  // indexOf searches and a stream's data (read()). A new buffer for each read made a scan of a 236 MB
  // bundle, in a new thread, ask the system for hundreds of megabytes of new memory (countPageObjects
  // searches the whole file, and nearly all of it is Flate streams, each read whole to be unpacked).
  private searchBuffer: Buffer | null = null;

  indexOf(pattern: Buffer, from: number): number {
    // In growing pieces (what is looked for is usually near), each overlapping the one before by the
    // pattern's length less one.
    let size = 256;
    for (
      let start = Math.max(0, from);
      start < this.length;
      start += size, size = Math.min(size * 4, MAX_PIECE)
    ) {
      const end = Math.min(this.length, start + size + pattern.length - 1);
      let piece: Buffer;
      if (start >= this.blockStart && end <= this.blockStart + this.block.length)
        piece = this.block.subarray(start - this.blockStart, end - this.blockStart);
      else {
        if (!this.searchBuffer || this.searchBuffer.length < end - start)
          this.searchBuffer = Buffer.allocUnsafeSlow(Math.max(MAX_PIECE + 64, end - start));
        piece = this.readInto(this.searchBuffer, start, end);
      }
      const found = piece.indexOf(pattern);
      if (found >= 0) return start + found;
      if (piece.length < pattern.length) break;
    }
    return -1;
  }
}

/** Where the app's reader takes a stream's data to start (pdf/read/document.ts): past spaces, then CR, LF. */
function readerDataStart(buf: Bytes, afterKeyword: number): number {
  let p = afterKeyword;
  while (buf.at(p) === 0x20 || buf.at(p) === 0x09) p++;
  if (buf.at(p) === 0x0d) p++;
  if (buf.at(p) === 0x0a) p++;
  return p;
}

/** Where pdf.js takes a stream's data to start: past the end of the line "stream" is on (CR, LF or both). */
function pdfjsDataStart(buf: Bytes, afterKeyword: number, end: number): number {
  const found = [CR, LF].map((eol) => buf.indexOf(eol, afterKeyword)).filter((at) => at >= 0);
  if (!found.length) return afterKeyword;
  const at = Math.min(...found);
  if (at >= end) return afterKeyword;
  return buf.at(at) === 0x0d && buf.at(at + 1) === 0x0a ? at + 2 : at + 1;
}

/** `/Type /Page` (not /Pages) entries in the bytes. */
function countPageObjects(buf: Bytes): number {
  let count = 0;
  for (let at = buf.indexOf(TYPE_KEY, 0); at >= 0; at = buf.indexOf(TYPE_KEY, at + 5)) {
    let i = at + 5;
    while (i < buf.length && WHITESPACE.has(buf.at(i))) i++;
    if (buf.slice(i, i + 5).toString('latin1') !== '/Page') continue;
    const next = buf.at(i + 5);
    if (next === -1 || !/[A-Za-z0-9#_.-]/.test(String.fromCharCode(next))) count++;
  }
  return count;
}

export function scanPdf(bytes: Uint8Array, limits: PdfScanLimits = PDF_SCAN_LIMITS): PdfScanResult {
  return scanBytes(bufferBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), limits);
}

/** scanPdf for a file on disk, read in blocks as the scan goes (only a Flate stream is read whole). */
export function scanPdfFile(
  path: string,
  limits: PdfScanLimits = PDF_SCAN_LIMITS,
  blockSize = 64 * 1024,
): PdfScanResult {
  const fd = openSync(path, 'r');
  try {
    return scanBytes(new FileBytes(fd, fstatSync(fd).size, blockSize), limits);
  } finally {
    closeSync(fd);
  }
}

function scanBytes(buffer: Bytes, limits: PdfScanLimits): PdfScanResult {
  let inflatedTotal = 0;
  let pageObjects = countPageObjects(buffer);
  /** The largest /Count outside stream data (page tree nodes, and outlines, which only ask more often). */
  let largestCount = 0;
  const inflatedSizes = new Map<number, number>();
  try {
    walk(buffer, true);
  } catch (error) {
    if (error instanceof OverLimit)
      return { problem: error.found, pageObjects: Math.max(pageObjects, largestCount), inflatedSizes };
    throw error;
  }
  return { problem: null, pageObjects: Math.max(pageObjects, largestCount), inflatedSizes };

  function tooDeep(): never {
    throw new OverLimit({
      limit: 'pdfNestingDepth',
      problem: `has parts nested inside each other more than ${limits.nestingDepth} deep (the limit for one PDF)`,
    });
  }

  /** Counts what a Flate stream unpacks to; `dataStart` (the reader's) records it when the stream is whole. */
  function countStream(data: Uint8Array, dict: string, dataStart: number | null): void {
    if (!isFlate(dict)) return;
    const budget = Math.min(limits.streamInflatedBytes, limits.fileInflatedBytes - inflatedTotal);
    let out: Buffer | null;
    let whole = true;
    // In zlib's own pieces (16 KB), which the memory allocator hands out again as they are let go;
    // pieces of up to 1 MB were each new memory from the system (the bench bundle's scan: 0.52 s of CPU
    // with 16 KB pieces, 0.60-0.77 s with 64 KB to 2 MB, in a new process).
    const inflate = (finishFlush: number) =>
      inflateSync(data, { ...WHOLE_WINDOW, maxOutputLength: budget + 1, finishFlush });
    try {
      try {
        out = inflate(constants.Z_FINISH);
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw error;
        // Cut short or damaged: what unpacks, as readers unpack it.
        whole = false;
        out = inflate(constants.Z_SYNC_FLUSH);
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ERR_BUFFER_TOO_LARGE') return; // not Flate after all, or encrypted: left to the parsers
      out = null;
    }
    if (out === null || out.length > budget) {
      if (budget < limits.streamInflatedBytes)
        throw new OverLimit({
          limit: 'pdfInflatedBytes',
          problem: `unpacks to more than ${formatSize(limits.fileInflatedBytes)} in all (the limit for one PDF)`,
        });
      throw new OverLimit({
        limit: 'pdfStreamInflatedBytes',
        problem: `holds a compressed part that unpacks to more than ${formatSize(limits.streamInflatedBytes)} (the limit for one part of a PDF)`,
      });
    }
    inflatedTotal += out.length;
    // A reader reading on past where this scan stopped (a wrong length) could unpack more from a stream
    // cut short here; a whole one unpacks to this however much follows it.
    // Content that may hold an inline image is left for the drawing count to read, for the picture's size.
    if (whole && dataStart !== null && (isImage(dict) || !mayHoldInlineImage(out)))
      inflatedSizes.set(dataStart, out.length);
    if (/\/Type\s*\/ObjStm/.test(dict)) {
      const inside = bufferBytes(out);
      pageObjects += countPageObjects(inside);
      walk(inside, false);
    }
  }

  function tooMany(): never {
    throw new OverLimit({
      limit: 'pdfContainerItems',
      problem: `holds a list of more than ${formatCount(limits.containerItems)} items in one part (the limit for one PDF: a PDF reader could take minutes to read it)`,
    });
  }

  /**
   * Tokens of `buf`; `streams` is false inside an object stream (it holds no stream data). Counts how deep
   * arrays and dictionaries are nested, and the items (numbers, names, strings, arrays and dictionaries,
   * a dictionary's keys too) directly in each one still open.
   */
  function walk(buf: Bytes, streams: boolean): void {
    const n = buf.length;
    /** Items in each enclosing array or dictionary still open, outermost first; `items`: the innermost's. */
    const enclosing: number[] = [];
    let items = 0;
    /** Whether the byte before was part of a number, keyword or name. */
    let inToken = false;
    let dictStart = -1;
    let i = 0;
    const item = () => {
      if (enclosing.length > 0 && ++items > limits.containerItems) tooMany();
    };
    const open = () => {
      item();
      if (enclosing.length >= limits.nestingDepth) tooDeep();
      enclosing.push(items);
      items = 0;
    };
    const close = () => {
      items = enclosing.pop() ?? 0;
    };
    while (i < n) {
      const c = buf.at(i);
      if (REGULAR[c] === 1) {
        if (!inToken) {
          inToken = true;
          // Readers parse each object on its own: an array or dictionary a damaged object leaves open ends
          // with it, and what follows is not counted as its items.
          if (c === 0x65 /* e */ && enclosing.length > 0 && buf.slice(i, i + 6).equals(ENDOBJ)) {
            enclosing.length = 0;
            items = 0;
          }
          item();
        }
      } else {
        inToken = c === 0x2f; /* a name's letters follow its / */
        if (inToken) item();
      }
      if (c === 0x25 /* % */) {
        while (i < n && buf.at(i) !== 0x0a && buf.at(i) !== 0x0d) i++;
      } else if (c === 0x28 /* ( */) {
        item();
        let parens = 1;
        i++;
        while (i < n && parens > 0) {
          const s = buf.at(i);
          if (s === 0x5c /* \ */) i++;
          else if (s === 0x28) parens++;
          else if (s === 0x29) parens--;
          i++;
        }
        continue;
      } else if (c === 0x3c /* < */) {
        if (buf.at(i + 1) === 0x3c) {
          if (enclosing.length === 0) dictStart = i;
          open();
          i += 2;
          continue;
        }
        item();
        const hexEnd = buf.indexOf(GREATER, i + 1);
        i = hexEnd < 0 ? n : hexEnd + 1;
        continue;
      } else if (c === 0x3e /* > */ && buf.at(i + 1) === 0x3e) {
        close();
        i += 2;
        continue;
      } else if (
        c === 0x2f /* / */ &&
        buf.at(i + 1) === 0x43 /* C */ &&
        buf.slice(i, i + 6).equals(COUNT_KEY)
      ) {
        let at = i + 6;
        while (WHITESPACE.has(buf.at(at))) at++;
        let value = 0;
        for (let digits = 0; digits < 10 && buf.at(at) >= 0x30 && buf.at(at) <= 0x39; digits++, at++)
          value = value * 10 + buf.at(at) - 0x30;
        largestCount = Math.max(largestCount, value);
      } else if (c === 0x5b /* [ */) {
        open();
      } else if (c === 0x5d /* ] */) {
        close();
      } else if (
        streams &&
        c === 0x73 /* s */ &&
        (i === 0 || WHITESPACE.has(buf.at(i - 1)) || buf.at(i - 1) === 0x3e) &&
        buf.slice(i, i + 6).equals(STREAM)
      ) {
        let start = i + 6;
        if (buf.at(start) === 0x0d) start++;
        if (buf.at(start) === 0x0a) start++;
        const dict =
          dictStart >= 0 ? buf.slice(dictStart, Math.min(i, dictStart + 4096)).toString('latin1') : '';
        let end = -1;
        const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
        if (length) {
          // "endstream" within 4 bytes of where /Length says the data ends.
          const declared = start + Number(length[1]);
          const after = buf.slice(declared, declared + 4 + ENDSTREAM.length).indexOf(ENDSTREAM);
          if (after >= 0) end = declared;
        }
        if (end < 0) end = buf.indexOf(ENDSTREAM, start);
        if (end < 0) end = n;
        // Only a Flate stream's data is read (to count what it unpacks to); the rest is skipped. Readers
        // differ on where the data starts after "stream" and anything before the end of its line: this
        // scan (CR, LF), the app's reader (spaces first) and pdf.js (anything up to the line's end). Each
        // start is unpacked (one, nearly always), so that no reader unpacks what the scan did not count.
        if (isFlate(dict)) {
          // Before any slice: reading a byte may load the block a slice is in.
          const readerStart = readerDataStart(buf, i + 6);
          const starts = [...new Set([start, readerStart, pdfjsDataStart(buf, i + 6, end)])];
          const declared = length ? Number(length[1]) : 0;
          for (const from of starts) {
            const to = Math.min(n, Math.max(end, from + declared));
            countStream(buf.slice(from, to), dict, streams && from === readerStart ? from : null);
          }
        }
        enclosing.length = 0;
        items = 0;
        inToken = false;
        dictStart = -1;
        i = end + ENDSTREAM.length;
        continue;
      }
      i++;
    }
  }
}
