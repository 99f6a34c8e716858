/**
 * A Word 97-2003 file's header (the FIB, [MS-DOC] 2.5) and the tables it names, read in place in the compound
 * file (compoundFile.ts) without trusting it: every read is checked against its stream, and a file that
 * cannot be read so gives null. Word 6 and 95 files keep their tables another way and give null too.
 */
import { decoderFor } from './charsets';
import { compoundRootStreams, type CompoundStream } from './compoundFile';

const windows1252 = decoderFor('windows-1252')!;

/** nFib of Word 97; older files (Word 6 and 95) keep their tables another way. */
const WORD_97 = 0x00c1;

export interface WordBinaryFile {
  document: CompoundStream;
  table: CompoundStream;
  byteAt: (stream: CompoundStream, position: number) => number | null;
  /** A little-endian number of `size` bytes; null past the stream's end. */
  uint: (stream: CompoundStream, position: number, size: 2 | 4) => number | null;
  /** The table stream's offset and length of FibRgFcLcb97's pair `index`; null where the FIB has none. */
  fcLcb: (index: number) => { fc: number; lcb: number } | null;
  /** FibRgLw97's number `index` (the lengths of the document's stories); null where the FIB has none. */
  long: (index: number) => number | null;
}

export function wordBinaryFile(bytes: Uint8Array): WordBinaryFile | null {
  const streams = compoundRootStreams(bytes);
  const document = streams?.get('worddocument');
  if (!streams || !document) return null;
  const byteAt = (stream: CompoundStream, position: number): number | null => {
    const at = stream.offsetOf(position);
    return at === null ? null : bytes[at];
  };
  const uint = (stream: CompoundStream, position: number, size: 2 | 4): number | null => {
    let value = 0;
    for (let i = size - 1; i >= 0; i--) {
      const b = byteAt(stream, position + i);
      if (b === null) return null;
      value = value * 256 + b;
    }
    return value;
  };
  const nFib = uint(document, 2, 2);
  const flags = uint(document, 10, 2);
  if (nFib === null || flags === null || nFib < WORD_97) return null;
  const table = streams.get(flags & 0x0200 ? '1table' : '0table');
  const csw = uint(document, 32, 2);
  if (!table || csw === null) return null;
  const cslw = uint(document, 34 + csw * 2, 2);
  if (cslw === null) return null;
  const longsAt = 34 + csw * 2 + 2;
  const long = (index: number) => (index < cslw ? uint(document, longsAt + index * 4, 4) : null);
  const blobAt = longsAt + cslw * 4;
  const pairs = uint(document, blobAt, 2);
  if (pairs === null) return null;
  const fcLcb = (index: number) => {
    if (index >= pairs) return null;
    const fc = uint(document, blobAt + 2 + index * 8, 4);
    const lcb = uint(document, blobAt + 2 + index * 8 + 4, 4);
    if (fc === null || lcb === null || fc + lcb > table.size) return null;
    return { fc, lcb };
  };
  return { document, table, byteAt, uint, fcLcb, long };
}

/** [MS-DOC] sprmCFRMarkDel and sprmCFRMarkIns: text taken out, or added, with changes tracked. */
const SPRM_DELETED = 0x0800;
const SPRM_INSERTED = 0x0801;
/** FibRgFcLcb97's PlcBteChpx (where the text's character properties are) and Dop (the document's settings). */
const PLC_BTE_CHPX = 12;
const DOP = 31;
const FKP_BYTES = 512;

/** Bytes of a sprm's operand ([MS-DOC] 2.6.1, by its spra), or -1 where the operand gives its own length. */
function operandBytes(sprm: number): number {
  return [1, 1, 2, 4, 2, 2, -1, 3][sprm >> 13];
}

/**
 * A Word 97-2003 file's tracked changes: how many runs of its text are marked as taken out or added (in the
 * character properties of each, which its FKPs hold), and whether it is set to show them (Dop's fRMView,
 * "show markup"). Null where the file cannot be read for them.
 */
export function wordBinaryRevisions(bytes: Uint8Array): { runs: number; shown: boolean } | null {
  const file = wordBinaryFile(bytes);
  const plc = file?.fcLcb(PLC_BTE_CHPX);
  if (!file || !plc || plc.lcb < 4 || (plc.lcb - 4) % 8 !== 0) return null;
  const { document, table, byteAt, uint } = file;
  const pages = (plc.lcb - 4) / 8;
  let runs = 0;
  for (let p = 0; p < pages; p++) {
    const pn = uint(table, plc.fc + (pages + 1) * 4 + p * 4, 4);
    if (pn === null) return null;
    const fkp = (pn & 0x3fffff) * FKP_BYTES;
    const crun = byteAt(document, fkp + FKP_BYTES - 1);
    if (crun === null) return null;
    for (let r = 0; r < crun; r++) {
      const offset = byteAt(document, fkp + (crun + 1) * 4 + r);
      if (offset === null) return null;
      if (offset === 0) continue;
      const chpx = fkp + offset * 2;
      const cb = byteAt(document, chpx);
      if (cb === null) return null;
      let marked = false;
      for (let at = chpx + 1; at + 2 <= chpx + 1 + cb;) {
        const sprm = uint(document, at, 2);
        if (sprm === null) return null;
        let size = operandBytes(sprm);
        if (size < 0) size = 1 + (byteAt(document, at + 2) ?? 0);
        if ((sprm === SPRM_DELETED || sprm === SPRM_INSERTED) && byteAt(document, at + 2) === 1)
          marked = true;
        at += 2 + size;
      }
      if (marked) runs++;
    }
  }
  const dop = file.fcLcb(DOP);
  const view = dop && dop.lcb > 7 ? byteAt(table, dop.fc + 7) : null;
  return { runs, shown: view === null || (view & 0x08) !== 0 };
}

/** FibRgFcLcb97's Clx (the piece table: where each stretch of the text is kept) and SttbfBkmk (bookmarks' names). */
const CLX = 33;
const STTBF_BKMK = 21;
/** A piece's FC with this bit set is of text in single bytes (Windows-1252), at half the FC. */
const COMPRESSED = 0x40000000;

/**
 * The text of a Word 97-2003 file between two character positions ([MS-DOC] 2.4.1: read through the piece
 * table), at most `limit` characters of it; null where the file's piece table cannot be read, or the text is
 * not all there.
 */
export function wordBinaryText(
  file: WordBinaryFile,
): ((from: number, to: number, limit?: number) => string | null) | null {
  const { document, table, byteAt, uint } = file;
  const clx = file.fcLcb(CLX);
  if (!clx) return null;
  let at = clx.fc;
  const end = clx.fc + clx.lcb;
  // Prc: property modifiers for pieces, each a byte 0x01 and a signed length; then the Pcdt, 0x02.
  while (at < end && byteAt(table, at) === 0x01) {
    const size = uint(table, at + 1, 2);
    if (size === null) return null;
    at += 3 + (size & 0x7fff);
  }
  const lcb = byteAt(table, at) === 0x02 ? uint(table, at + 1, 4) : null;
  if (lcb === null || lcb < 4 || (lcb - 4) % 12 !== 0 || at + 5 + lcb > end) return null;
  const plc = at + 5;
  const pieces = (lcb - 4) / 12;
  const cpOf = (piece: number) => uint(table, plc + piece * 4, 4);
  return (from, to, limit = 256) => {
    let low = 0;
    let high = pieces - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      const cp = cpOf(middle);
      if (cp === null) return null;
      if (cp <= from) low = middle;
      else high = middle - 1;
    }
    let text = '';
    for (let piece = low, cp = from; cp < to && text.length < limit && piece < pieces; piece++) {
      const start = cpOf(piece);
      const stop = cpOf(piece + 1);
      const fc = uint(table, plc + (pieces + 1) * 4 + piece * 8 + 2, 4);
      if (start === null || stop === null || fc === null || cp < start) return null;
      const compressed = (fc & COMPRESSED) !== 0;
      const bytes: number[] = [];
      for (; cp < Math.min(to, stop) && text.length + bytes.length < limit; cp++) {
        const code = compressed
          ? byteAt(document, (fc & ~COMPRESSED) / 2 + (cp - start))
          : uint(document, fc + (cp - start) * 2, 2);
        if (code === null) return null;
        bytes.push(code);
      }
      text += compressed ? windows1252.decode(Uint8Array.from(bytes)) : String.fromCharCode(...bytes);
    }
    return text.length < Math.min(limit, to - from) ? null : text;
  };
}

/**
 * The names of a Word 97-2003 file's bookmarks (SttbfBkmk, [MS-DOC] 2.2.4), in small letters; null where they
 * cannot be read. A file with none has no table: an empty set.
 */
export function wordBinaryBookmarks(file: WordBinaryFile): Set<string> | null {
  const { table, uint } = file;
  const sttb = file.fcLcb(STTBF_BKMK);
  const names = new Set<string>();
  if (!sttb || sttb.lcb === 0) return names;
  const end = sttb.fc + sttb.lcb;
  // An extended table (0xFFFF first) has names in UTF-16 with two-byte lengths; an older one, single bytes.
  const extended = uint(table, sttb.fc, 2) === 0xffff;
  let at = sttb.fc + (extended ? 2 : 0);
  const count = uint(table, at, 2);
  const extra = uint(table, at + 2, 2);
  if (count === null || extra === null) return null;
  at += 4;
  for (let i = 0; i < count; i++) {
    const length = extended ? uint(table, at, 2) : file.byteAt(table, at);
    if (length === null) return null;
    at += extended ? 2 : 1;
    const codes: number[] = [];
    for (let c = 0; c < length; c++) {
      const code = extended ? uint(table, at + c * 2, 2) : file.byteAt(table, at + c);
      if (code === null) return null;
      codes.push(code);
    }
    at += length * (extended ? 2 : 1) + extra;
    if (at > end) return null;
    names.add(
      (extended ? String.fromCharCode(...codes) : windows1252.decode(Uint8Array.from(codes))).toLowerCase(),
    );
  }
  return names;
}
