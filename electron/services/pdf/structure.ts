/**
 * A quick check of a PDF's skeleton: the cross-reference tables (the file's index of where each object
 * starts) and the trailer. Readers silently rebuild a broken index, each in its own way, so a file with one
 * can show different pages in different programs; import re-saves such files so every reader (and the
 * bundle builder) sees the same document. Content streams are not decoded here.
 */
import { inflateSync } from 'node:zlib';
import { bytesSource, type ByteSource } from './read/source';

const MAX_SECTIONS = 1000;

/**
 * The file as this check reads it: bytes in memory or a file read on demand (pdf/read/source.ts), so a
 * bundle of hundreds of megabytes is checked without loading it (only its tables and trailer are read).
 */
class Bytes {
  readonly length: number;
  constructor(private readonly source: ByteSource) {
    this.length = source.length;
  }

  byte(at: number): number | undefined {
    return at >= 0 && at < this.length ? this.source.read(at, 1)[0] : undefined;
  }

  subarray(start: number, end: number): Buffer {
    const bytes = this.source.read(start, end - start);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** First `word` at or after `from`, searched in steps (overlapping by the word's length). */
  indexOf(word: string, from: number): number {
    const STEP = 1 << 20;
    for (let at = Math.max(0, from); at < this.length; at += STEP) {
      const found = this.subarray(at, Math.min(this.length, at + STEP + word.length)).indexOf(
        word,
        0,
        'latin1',
      );
      if (found >= 0) return at + found;
    }
    return -1;
  }

  /** Last `word` in the file, searched backwards from the end in steps. */
  lastIndexOf(word: string): number {
    const STEP = 1 << 16;
    for (let end = this.length; end > 0; end -= STEP) {
      const start = Math.max(0, end - STEP - word.length);
      const found = this.subarray(start, end).lastIndexOf(word, end - start, 'latin1');
      if (found >= 0) return start + found;
    }
    return -1;
  }
}

function text(buf: Bytes, start: number, length: number): string {
  const from = Math.max(0, start);
  return buf.subarray(from, Math.min(buf.length, start + length)).toString('latin1');
}

const OBJECT_HEADER = /^(\d+)\s+(\d+)\s+obj\b/;

/** Skips white space and comments, as every reader does before a token. */
function skipBlank(buf: Bytes, pos: number): number {
  while (pos < buf.length) {
    const b = buf.byte(pos);
    if (b === 0x25) {
      while (pos < buf.length && buf.byte(pos) !== 0x0a && buf.byte(pos) !== 0x0d) pos++;
    } else if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00) pos++;
    else break;
  }
  return pos;
}

/** Whether the bytes at `offset` start object `number` ("12 0 obj"). */
function objectStartsAt(buf: Bytes, offset: number, number: number): boolean {
  if (offset <= 0 || offset >= buf.length) return false;
  const match = OBJECT_HEADER.exec(text(buf, skipBlank(buf, offset), 48));
  return match !== null && Number(match[1]) === number;
}

interface Section {
  prev: number | null;
  xrefStm: number | null;
  hasRoot: boolean;
}

function dictNumber(dict: string, key: string): number | null | 'bad' {
  const match = new RegExp(`/${key}(?![A-Za-z0-9])\\s*([^\\s/>\\]]*)`).exec(dict);
  if (!match) return null;
  return /^\d+$/.test(match[1]) ? Number(match[1]) : 'bad';
}

function readClassicTable(buf: Bytes, offset: number): Section | string {
  let pos = offset + 4; // after "xref"
  for (;;) {
    const head = /^\s*(?:(trailer)|(\d+)\s+(\d+)[ \t]*\r?\n?)/.exec(text(buf, pos, 64));
    if (!head) return 'the cross-reference table is garbled';
    if (head[1]) {
      pos += head[0].length;
      break;
    }
    const first = Number(head[2]);
    const count = Number(head[3]);
    pos += head[0].length;
    for (let i = 0; i < count; i++) {
      const entry = /^\s*(\d{1,10})\s+(\d{1,5})\s+([nf])/.exec(text(buf, pos, 40));
      if (!entry) return 'the cross-reference table is cut short';
      pos += entry[0].length;
      const target = Number(entry[1]);
      if (entry[3] === 'n' && target !== 0 && !objectStartsAt(buf, target, first + i)) {
        return `object ${first + i} is not where the cross-reference table says`;
      }
    }
  }
  const end = buf.indexOf('startxref', pos);
  const dict = text(buf, pos, (end < 0 ? buf.length : end) - pos);
  if (!dict.trimStart().startsWith('<<')) return 'the trailer is missing';
  return sectionFromDict(dict);
}

function sectionFromDict(dict: string): Section | string {
  const size = dictNumber(dict, 'Size');
  const prev = dictNumber(dict, 'Prev');
  const xrefStm = dictNumber(dict, 'XRefStm');
  if (size === null || size === 'bad') return 'the trailer has no valid /Size';
  if (prev === 'bad' || xrefStm === 'bad') return 'the trailer has an invalid link to an earlier table';
  return { prev, xrefStm, hasRoot: /\/Root\s+\d+\s+\d+\s+R/.test(dict) };
}

/** Undoes the PNG "Up" predictor family that xref streams use (one filter byte per row). */
function unpredict(data: Buffer, columns: number): Buffer | null {
  const rowLength = columns + 1;
  if (data.length % rowLength !== 0) return null;
  const rows = data.length / rowLength;
  const out = Buffer.alloc(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * rowLength];
    for (let c = 0; c < columns; c++) {
      const raw = data[r * rowLength + 1 + c];
      const left = c > 0 ? out[r * columns + c - 1] : 0;
      const up = r > 0 ? out[(r - 1) * columns + c] : 0;
      const upLeft = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1] : 0;
      let value: number;
      if (type === 0) value = raw;
      else if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else return null;
      out[r * columns + c] = value & 0xff;
    }
  }
  return out;
}

function readXrefStream(buf: Bytes, offset: number): Section | string {
  const header = OBJECT_HEADER.exec(text(buf, offset, 48));
  if (!header) return 'the file does not point at its cross-reference table';
  const self = Number(header[1]);
  const streamAt = buf.indexOf('stream', offset);
  if (streamAt < 0) return 'the cross-reference stream is cut short';
  const dict = text(buf, offset, streamAt - offset);
  if (!/\/Type\s*\/XRef\b/.test(dict)) return 'the file does not point at its cross-reference table';
  const widths = /\/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(dict);
  if (!widths) return 'the cross-reference stream has no /W';
  const w = [Number(widths[1]), Number(widths[2]), Number(widths[3])];
  const section = sectionFromDict(dict);
  if (typeof section === 'string') return section;
  const size = dictNumber(dict, 'Size') as number;
  const indexMatch = /\/Index\s*\[([\d\s]*)\]/.exec(dict);
  const index = indexMatch ? indexMatch[1].trim().split(/\s+/).map(Number) : [0, size];

  let dataStart = streamAt + 'stream'.length;
  if (buf.byte(dataStart) === 0x0d) dataStart++;
  if (buf.byte(dataStart) === 0x0a) dataStart++;
  const length = dictNumber(dict, 'Length');
  const dataEnd =
    typeof length === 'number' && dataStart + length <= buf.length
      ? dataStart + length
      : buf.indexOf('endstream', dataStart);
  if (dataEnd < 0) return 'the cross-reference stream is cut short';
  let data = buf.subarray(dataStart, dataEnd);
  if (/\/Filter\s*(\[\s*)?\/FlateDecode/.test(dict)) {
    try {
      data = inflateSync(data);
    } catch {
      return 'the cross-reference stream cannot be decompressed';
    }
  } else if (/\/Filter/.test(dict)) {
    return section; // An unusual filter: leave the entries to the readers' own checks.
  }
  const rowWidth = w[0] + w[1] + w[2];
  const predictor = /\/Predictor\s+(\d+)/.exec(dict);
  if (predictor && Number(predictor[1]) >= 10) {
    const columns = /\/Columns\s+(\d+)/.exec(dict);
    const undone = unpredict(data, columns ? Number(columns[1]) : 1);
    if (!undone) return 'the cross-reference stream is garbled';
    data = undone;
  }
  const field = (row: number, start: number, width: number) => {
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + data[row * rowWidth + start + i];
    return value;
  };
  let row = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    for (let k = 0; k < index[i + 1]; k++, row++) {
      if ((row + 1) * rowWidth > data.length) return 'the cross-reference stream is cut short';
      const type = w[0] === 0 ? 1 : field(row, 0, w[0]);
      const target = field(row, w[0], w[1]);
      // The stream's own entry is never looked up (nothing refers to it), and some writers get it wrong.
      if (index[i] + k === self) continue;
      if (type === 1 && target !== 0 && !objectStartsAt(buf, target, index[i] + k)) {
        return `object ${index[i] + k} is not where the cross-reference stream says`;
      }
    }
  }
  return section;
}

/**
 * Returns a short description of what is wrong with the file's skeleton, or null when the header,
 * every cross-reference section and the trailer agree with where the objects really are.
 */
/** How many "obj" words after the end are looked at (binary data holds them by chance). */
const MAX_WORDS_AFTER_END = 10_000;

/**
 * Whether an object ("12 0 obj") follows the last end-of-file marker: an incremental update whose table and
 * trailer were cut off (a download that stopped short). Readers that follow the tables show the revision
 * before it; pdf-lib, which reads objects in file order, the update's objects: the bundle would show
 * another page than the preview (pdf.js's own test file issue9713.pdf, cut short).
 */
function objectAfter(buf: Bytes, end: number): boolean {
  let from = end;
  for (let words = 0; words < MAX_WORDS_AFTER_END; words++) {
    const at = buf.indexOf('obj', from);
    if (at < 0) return false;
    const after = buf.byte(at + 3);
    const ends = after === undefined || /[\s<[(/%]/.test(String.fromCharCode(after));
    const start = Math.max(end, at - 24);
    if (ends && /(^|[\s>\]])\d+\s+\d+\s+$/.test(text(buf, start, at - start))) return true;
    from = at + 3;
  }
  return false;
}

/**
 * Where the file's last revision ends (just after its last end-of-file marker and the line end after it),
 * when objects of an update cut short follow it (`objectAfter`) and the file up to there is whole by this
 * check: the document as readers that follow its tables show it. Null otherwise, and for a linearized
 * file that lost its end, whose only end-of-file marker is its first page's, near its start (fuzz --base
 * seed 7: the file up to there would be nothing).
 */
export function cutShortUpdate(bytes: Uint8Array): number | null {
  const buf = new Bytes(bytesSource(bytes));
  const marker = buf.lastIndexOf('startxref');
  if (marker < 0) return null;
  const tail = text(buf, marker, 1024);
  const eof = tail.indexOf('%%EOF');
  if (eof < 0) return null;
  let end = marker + eof + '%%EOF'.length;
  if (!objectAfter(buf, end)) return null;
  if (buf.byte(end) === 0x0d) end++;
  if (buf.byte(end) === 0x0a) end++;
  return findStructureProblem(bytes.subarray(0, end)) === null ? end : null;
}

export function findStructureProblem(input: Uint8Array | ByteSource): string | null {
  const buf = new Bytes(input instanceof Uint8Array ? bytesSource(input) : input);
  if (text(buf, 0, 5) !== '%PDF-') return 'there is unexpected data before the start of the PDF';
  const marker = buf.lastIndexOf('startxref');
  if (marker < 0) return 'the file has no cross-reference table (it may be cut short)';
  const pointer = /^startxref\s+(\d+)/.exec(text(buf, marker, 40));
  if (!pointer) return 'the pointer to the cross-reference table is garbled';
  const tail = text(buf, marker, 1024);
  if (!/%%EOF/.test(tail)) return 'the end-of-file marker is missing (it may be cut short)';
  if (objectAfter(buf, marker + tail.indexOf('%%EOF') + '%%EOF'.length))
    return 'objects follow its end that no table lists: a change to it was cut short';

  const seen = new Set<number>();
  const pending: number[] = [Number(pointer[1])];
  let newest = true;
  while (pending.length > 0) {
    const offset = pending.shift() as number;
    if (seen.has(offset)) return 'the cross-reference tables refer to each other in a loop';
    if (seen.size >= MAX_SECTIONS) return 'the file has too many cross-reference sections';
    seen.add(offset);
    if (offset <= 0 || offset >= buf.length) return 'a cross-reference pointer points outside the file';
    const start = skipBlank(buf, offset);
    const at = text(buf, start, 8);
    const section = at.startsWith('xref') ? readClassicTable(buf, start) : readXrefStream(buf, start);
    if (typeof section === 'string') return section;
    if (newest && !section.hasRoot) return 'the trailer does not say where the document starts (/Root)';
    newest = false;
    if (section.xrefStm !== null) pending.push(section.xrefStm);
    if (section.prev !== null) pending.push(section.prev);
  }
  return null;
}
