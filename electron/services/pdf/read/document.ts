/**
 * A PDF opened for reading: cross-reference tables and streams (with /Prev chains and hybrid files),
 * objects fetched on demand (object streams included), decryption with the empty user password, and,
 * when the cross-reference data is broken, the index rebuilt by scanning the file as desktop readers do.
 * Reads only what is asked for, through a ByteSource, so memory follows what is looked at.
 */
import type { PdfRestrictions } from '../../../../shared/checker/encryption';
import { createHash } from 'node:crypto';
import { decodeStreamData, FilterError, MAX_DECODED } from './filters';
import {
  isDict,
  isInteger,
  isName,
  isNumber,
  isRef,
  latin1,
  Lexer,
  NeedMoreBytes,
  PdfDict,
  PdfKeyword,
  PdfRef,
  PdfStream,
  PdfString,
  PdfSyntaxError,
  type PdfValue,
} from './objects';
import { Decryptor, PasswordRequired } from './security';
import { openSource, type ByteSource, type PdfInput } from './source';

interface ObjectStreamIndex {
  offsets: number[];
  numbers: number[];
  data: Uint8Array;
  first: number;
}

type Entry = { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number };

export interface NewestSection {
  offset: number;
  /** The object numbers the section lists (in use or freed). */
  numbers: number[];
  /** The offset of the section before it, or null when it is the only one. */
  previous: number | null;
  /** The /Size of the section before it (objects numbered from there on are new in this one). */
  previousSize: number | null;
}

export type PdfReadFailure = 'password-protected' | 'not-a-pdf' | 'damaged';

/**
 * A reader of a file still being written (PdfReader.ofWrittenObjects) was asked for an object the writer
 * has not written yet.
 */
export class ObjectNotWrittenYet extends Error {
  constructor(readonly key: string) {
    super(`object ${key} has not been written yet`);
    this.name = 'ObjectNotWrittenYet';
  }
}

export class PdfReadError extends Error {
  constructor(
    readonly kind: PdfReadFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

const MAX_XREF_SECTIONS = 1000;
/** Object streams kept decoded (each holds up to a few hundred small objects). */
const OBJSTM_KEPT = 8;
/** Parsed objects kept: page dictionaries, fonts, outline items are small and asked for more than once. */
const OBJECTS_KEPT = 20_000;

function lastIndexOf(source: ByteSource, word: string, from: number, window: number): number {
  const start = Math.max(0, from - window);
  const bytes = source.read(start, from - start);
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).lastIndexOf(
    word,
    bytes.length,
    'latin1',
  );
  return at < 0 ? -1 : start + at;
}

const digitsAt = (bytes: Uint8Array, at: number, count: number): number => {
  let v = 0;
  for (let k = at; k < at + count; k++) {
    const d = bytes[k] - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
};

/** A standard 20-byte cross-reference entry at `at` ("0000012345 00000 n"), or null. */
function fixedEntry(bytes: Uint8Array, at: number): { offset: number; gen: number; used: boolean } | null {
  if (at + 18 > bytes.length || bytes[at + 10] !== 0x20 || bytes[at + 16] !== 0x20) return null;
  const kind = bytes[at + 17];
  if (kind !== 0x6e && kind !== 0x66) return null;
  const offset = digitsAt(bytes, at, 10);
  const gen = digitsAt(bytes, at + 11, 5);
  if (offset < 0 || gen < 0) return null;
  return { offset, gen, used: kind === 0x6e };
}

export class PdfReader {
  private readonly entries = new Map<number, Entry>();
  private readonly objects = new Map<string, PdfValue>();
  private readonly objectStreams = new Map<number, ObjectStreamIndex>();
  private decryptor: Decryptor | null = null;
  private encryptRef: string | null = null;
  private rebuilt = false;
  trailer: PdfDict = new PdfDict();
  /** What was wrong with the cross-reference data, when the reader had to rebuild it (null if nothing). */
  xrefProblem: string | null = null;
  /**
   * The file's newest cross-reference section as read (null when the index was rebuilt by scanning): the
   * objects it lists, the section before it (/Prev) and that section's /Size. What an incremental update
   * appended to a file is exactly what its section lists.
   */
  newestSection: NewestSection | null = null;
  /** While the newest section is read: the object numbers it lists. */
  private listed: number[] | null = null;
  /**
   * Objects an incremental update defined again: the definition the save before it had (the newest such),
   * still in the file. What a page showed before an edit saved over it (earlierVersion).
   */
  private readonly earlier = new Map<number, Entry>();
  /** While the chain is read: the save (0: the newest) each entry was read from, and the section's own. */
  private entrySave: Map<number, number> | null = null;
  private sectionSave = 0;

  /** A file still being written: only the objects its writer has listed can be read (ofWrittenObjects). */
  private growing = false;

  private constructor(readonly source: ByteSource) {}

  /**
   * A reader of a file that its writer is still appending to, given where each object written so far
   * starts (the writer's own index: there is no cross-reference table yet). Asking for an object not
   * listed throws ObjectNotWrittenYet instead of reading it as missing, and a damaged object throws
   * instead of the file being rebuilt by scanning: what this reader reads must be what the finished file
   * will say, or nothing.
   */
  static ofWrittenObjects(source: ByteSource): PdfReader {
    const reader = new PdfReader(source);
    reader.growing = true;
    return reader;
  }

  /** Objects the writer has written since (number, generation, offset), for ofWrittenObjects readers. */
  addWrittenObjects(objects: readonly (readonly [number, number, number])[]): void {
    if (!this.growing) throw new Error('Only a reader of a file being written takes its objects this way.');
    for (const [num, gen, offset] of objects) this.entries.set(num, { type: 1, offset, gen });
  }

  /** Whether the file is still being written (ofWrittenObjects): its catalog and trailer are not there yet. */
  get stillWriting(): boolean {
    return this.growing;
  }

  /** Whether the object can be read now: always, except in a file still being written. */
  isWritten(ref: PdfRef): boolean {
    return !this.growing || this.entries.has(ref.num);
  }

  /** Every object the cross-reference data lists (or the scan that rebuilt it found), in use or not. */
  listedObjects(): PdfRef[] {
    return [...this.entries].map(([num, entry]) => new PdfRef(num, entry.type === 1 ? entry.gen : 0));
  }

  /** Where an object starts in the file, by the cross-reference data (null when it is not at an offset). */
  offsetOf(num: number): number | null {
    const entry = this.entries.get(num);
    return entry?.type === 1 ? entry.offset : null;
  }

  /**
   * Opens a PDF. Throws PdfReadError: 'not-a-pdf', 'password-protected' (a password is needed to open
   * it) or 'damaged' (no document could be found even by scanning the file).
   */
  static open(input: PdfInput | ByteSource): PdfReader {
    const source = 'read' in input ? input : openSource(input);
    const reader = new PdfReader(source);
    try {
      reader.init();
      return reader;
    } catch (error) {
      if (!('read' in input)) source.close();
      throw error;
    }
  }

  close(): void {
    this.source.close();
    this.objects.clear();
    this.objectStreams.clear();
  }

  get encrypted(): boolean {
    return this.encryptRef !== null || this.trailer.has('Encrypt');
  }

  /**
   * What an encrypted file tells readers not to allow, from its permission flags (/P, ISO 32000-1
   * table 22: bit 3 print, bit 5 copy text and pictures, bit 6 add notes and fill in forms); null when
   * the file is not encrypted or its flags cannot be read.
   */
  get restrictions(): PdfRestrictions | null {
    const encrypt = this.resolve(this.trailer.get('Encrypt'));
    if (!isDict(encrypt)) return null;
    const p = this.resolve(encrypt.get('P'));
    if (!isNumber(p)) return null;
    // /P is a 32-bit signed integer: the bits above the defined ones are 1.
    const allowed = (bit: number) => (p & (1 << (bit - 1))) !== 0;
    return { print: !allowed(3), copy: !allowed(5), annotate: !allowed(6) };
  }

  private init(): void {
    if (this.source.length === 0) throw new PdfReadError('not-a-pdf', 'The file is empty.');
    const head = this.source.read(0, 1024);
    const isPdf = latin1(head, 0, head.length).includes('%PDF-');
    try {
      this.readXrefChain();
      if (!isDict(this.resolve(this.trailer.get('Root'))))
        throw new PdfSyntaxError('the document catalog is missing');
    } catch (error) {
      if (error instanceof PdfReadError) throw error;
      this.xrefProblem ??= (error as Error).message;
      try {
        this.rebuild();
      } catch (rebuildError) {
        // Without a PDF header and without any document inside, it is not a PDF at all.
        if (!isPdf) throw new PdfReadError('not-a-pdf', 'The file is not a PDF.');
        throw rebuildError;
      }
    }
    this.setUpDecryption();
  }

  private setUpDecryption(): void {
    const encrypt = this.trailer.get('Encrypt');
    if (encrypt === undefined || encrypt === null) return;
    if (isRef(encrypt)) this.encryptRef = encrypt.key;
    const dict = this.resolve(encrypt);
    if (!isDict(dict)) return;
    const ids = this.resolve(this.trailer.get('ID'));
    const first = Array.isArray(ids) ? this.resolve(ids[0]) : undefined;
    const fileId = first instanceof PdfString ? first.bytes : new Uint8Array(0);
    try {
      this.decryptor = Decryptor.open(dict, fileId, (v) => this.resolve(v));
    } catch (error) {
      if (error instanceof PasswordRequired)
        throw new PdfReadError('password-protected', 'The PDF needs a password to open.');
      throw new PdfReadError('damaged', `The PDF's encryption cannot be read: ${(error as Error).message}`);
    }
    // Objects read before decryption was set up (the catalog, perhaps) must be read again.
    this.objects.clear();
    this.objectStreams.clear();
  }

  // ---------- cross-reference data ----------

  private readXrefChain(): void {
    const { source } = this;
    const marker = lastIndexOf(source, 'startxref', source.length, 4096);
    if (marker < 0) throw new PdfSyntaxError('the file has no cross-reference table (it may be cut short)');
    const lexer = new Lexer(source.read(marker + 9, 64), 0, true);
    const pointer = lexer.readValue();
    if (!isInteger(pointer)) throw new PdfSyntaxError('the pointer to the cross-reference table is garbled');
    const seen = new Set<number>();
    const pending = [pointer];
    // Which save each section belongs to: a table's /XRefStm is of the same save, its /Prev the one before.
    const saves = new Map<number, number>([[pointer, 0]]);
    this.entrySave = new Map();
    let first = true;
    while (pending.length) {
      const offset = pending.shift()!;
      this.sectionSave = saves.get(offset) ?? 0;
      if (seen.has(offset)) {
        // Readers stop at a section already read and keep what they have: so does this one.
        this.xrefProblem ??= 'the cross-reference tables refer to each other in a loop';
        continue;
      }
      if (seen.size >= MAX_XREF_SECTIONS)
        throw new PdfSyntaxError('the file has too many cross-reference sections');
      seen.add(offset);
      if (offset <= 0 || offset >= source.length)
        throw new PdfSyntaxError('a cross-reference pointer points outside the file');
      if (first) this.listed = [];
      const trailer = this.readXrefSection(offset);
      if (first) {
        const prev = trailer.get('Prev');
        this.newestSection = {
          offset,
          numbers: this.listed!,
          previous: isInteger(prev) && !trailer.has('XRefStm') ? prev : null,
          previousSize: null,
        };
        this.listed = null;
      } else if (this.newestSection && offset === this.newestSection.previous) {
        const size = trailer.get('Size');
        this.newestSection.previousSize = isInteger(size) ? size : null;
      }
      if (first) this.trailer = trailer;
      else for (const [k, v] of trailer.map) if (!this.trailer.has(k)) this.trailer.map.set(k, v);
      first = false;
      const xrefStm = trailer.get('XRefStm');
      if (isInteger(xrefStm)) {
        pending.unshift(xrefStm);
        if (!saves.has(xrefStm)) saves.set(xrefStm, this.sectionSave);
      }
      const prev = trailer.get('Prev');
      if (isInteger(prev)) {
        pending.push(prev);
        if (!saves.has(prev)) saves.set(prev, this.sectionSave + 1);
      }
    }
    this.entrySave = null;
  }

  /**
   * Records an entry read from the current section: the object's definition when no newer save gave one,
   * else, once, as its earlier definition (both in use, at different places).
   */
  private setEntry(num: number, entry: Entry): void {
    const current = this.entries.get(num);
    if (!current) {
      this.entries.set(num, entry);
      this.entrySave?.set(num, this.sectionSave);
      return;
    }
    const save = this.entrySave?.get(num);
    if (save === undefined || save >= this.sectionSave || this.earlier.has(num)) return;
    const inUse = (e: Entry) => e.type === 2 || e.offset > 0;
    const same =
      current.type === entry.type &&
      (entry.type === 1
        ? current.type === 1 && current.offset === entry.offset
        : current.type === 2 && current.stream === entry.stream && current.index === entry.index);
    if (inUse(current) && inUse(entry) && !same) this.earlier.set(num, entry);
  }

  /** Reads a window at `offset` big enough for `parse`, growing it while the parser runs off its end. */
  private withWindow<T>(offset: number, initial: number, parse: (lexer: Lexer) => T): T {
    for (let size = initial; ; size *= 4) {
      const bytes = this.source.read(offset, size);
      const complete = offset + bytes.length >= this.source.length;
      try {
        return parse(new Lexer(bytes, 0, complete));
      } catch (error) {
        if (!(error instanceof NeedMoreBytes) || complete) throw error;
      }
    }
  }

  private readXrefSection(offset: number): PdfDict {
    const start = this.withWindow(offset, 64, (lexer) => {
      lexer.skipBlank();
      return offset + lexer.pos;
    });
    const word = latin1(this.source.read(start, 4), 0, 4);
    if (word === 'xref') return this.readXrefTable(start + 4);
    return this.readXrefStream(start);
  }

  private readXrefTable(offset: number): PdfDict {
    let pos = offset;
    for (;;) {
      const head = this.withWindow(pos, 64, (lexer) => {
        const a = lexer.readValue();
        if (a instanceof PdfKeyword && a.word === 'trailer')
          return { trailer: true as const, end: lexer.pos };
        const b = lexer.readValue();
        if (!isInteger(a) || !isInteger(b)) throw new PdfSyntaxError('the cross-reference table is garbled');
        return { trailer: false as const, first: a, count: b, end: lexer.pos };
      });
      if (head.trailer) {
        pos += head.end;
        break;
      }
      pos += head.end;
      // Entries are 20 bytes by the standard: read them directly while they are, tolerantly after that.
      const bytes = this.source.read(pos, head.count * 21 + 64);
      const lexer = new Lexer(bytes, 0, pos + bytes.length >= this.source.length);
      lexer.skipBlank();
      let i = 0;
      for (; i < head.count; i++) {
        const e = fixedEntry(bytes, lexer.pos);
        if (!e) break;
        const num = head.first + i;
        this.listed?.push(num);
        this.setEntry(
          num,
          e.used && e.offset > 0
            ? { type: 1, offset: e.offset, gen: e.gen }
            : { type: 1, offset: 0, gen: e.gen },
        );
        lexer.pos += 18;
        lexer.skipBlank();
      }
      for (; i < head.count; i++) {
        const off = lexer.readValue();
        const gen = lexer.readValue();
        const kind = lexer.readValue();
        if (!isInteger(off) || !isInteger(gen) || !(kind instanceof PdfKeyword))
          throw new PdfSyntaxError('the cross-reference table is cut short');
        const num = head.first + i;
        this.listed?.push(num);
        if (kind.word === 'n' && off > 0) this.setEntry(num, { type: 1, offset: off, gen });
        else if (kind.word === 'f') this.setEntry(num, { type: 1, offset: 0, gen });
      }
      pos += lexer.pos;
    }
    const trailer = this.withWindow(pos, 1024, (lexer) => lexer.readValue());
    if (!isDict(trailer)) throw new PdfSyntaxError('the trailer is missing');
    if (!isInteger(trailer.get('Size'))) throw new PdfSyntaxError('the trailer has no valid /Size');
    return trailer;
  }

  private readXrefStream(offset: number): PdfDict {
    const { value } = this.parseIndirectAt(offset, null);
    if (!(value instanceof PdfStream) || !isName(value.dict.get('Type'), 'XRef'))
      throw new PdfSyntaxError('the file does not point at its cross-reference table');
    const dict = value.dict;
    const w = dict.get('W');
    if (!Array.isArray(w) || w.length < 3 || !w.every(isInteger))
      throw new PdfSyntaxError('the cross-reference stream has no /W');
    const [w0, w1, w2] = w;
    const size = dict.get('Size');
    if (!isInteger(size)) throw new PdfSyntaxError('the trailer has no valid /Size');
    const index = dict.get('Index');
    const ranges = Array.isArray(index) && index.every(isInteger) ? index : [0, size];
    let data: Uint8Array;
    try {
      data = decodeStreamData(this.rawStreamData(value), dict, (v) => v);
    } catch {
      throw new PdfSyntaxError('the cross-reference stream cannot be decompressed');
    }
    const rowWidth = w0 + w1 + w2;
    const field = (row: number, start: number, width: number) => {
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + data[row * rowWidth + start + i];
      return v;
    };
    let row = 0;
    for (let i = 0; i + 1 < ranges.length; i += 2) {
      for (let k = 0; k < ranges[i + 1]; k++, row++) {
        if ((row + 1) * rowWidth > data.length)
          throw new PdfSyntaxError('the cross-reference stream is cut short');
        const num = ranges[i] + k;
        this.listed?.push(num);
        const type = w0 === 0 ? 1 : field(row, 0, w0);
        const b = field(row, w0, w1);
        const c = w2 === 0 ? 0 : field(row, w0 + w1, w2);
        if (type === 1) this.setEntry(num, { type: 1, offset: b, gen: c });
        else if (type === 2) this.setEntry(num, { type: 2, stream: b, index: c });
        else if (type === 0) this.setEntry(num, { type: 1, offset: 0, gen: c });
      }
    }
    return dict;
  }

  /**
   * Rebuilds the index by scanning the whole file for "N G obj" and trailers, as readers do with a
   * broken file. Later definitions of an object win (incremental updates append).
   */
  private rebuild(): void {
    if (this.rebuilt) throw new PdfReadError('damaged', 'The PDF is damaged beyond repair.');
    this.rebuilt = true;
    this.newestSection = null;
    this.listed = null;
    this.entries.clear();
    this.earlier.clear();
    this.objects.clear();
    this.objectStreams.clear();
    const { source } = this;
    const CHUNK = 8 * 1024 * 1024;
    const trailers: number[] = [];
    const objRe = /(?:^|[\s>\])}])(\d{1,10})[ \t\r\n\f\0]+(\d{1,5})[ \t\r\n\f\0]+obj(?=[\s<[(/%]|$)/g;
    for (let start = 0; start < source.length; start += CHUNK) {
      // Overlap the chunks so a header across a boundary is seen once in full.
      const from = Math.max(0, start - 32);
      const bytes = source.read(from, CHUNK + (start - from));
      const text = latin1(bytes, 0, bytes.length);
      objRe.lastIndex = 0;
      for (let m = objRe.exec(text); m; m = objRe.exec(text)) {
        const at = from + m.index + (m[0].length - m[0].trimStart().length);
        if (at < start && start > 0) continue;
        this.entries.set(Number(m[1]), { type: 1, offset: at, gen: Number(m[2]) });
      }
      for (let at = text.indexOf('trailer'); at >= 0; at = text.indexOf('trailer', at + 7))
        if (from + at >= start || start === 0) trailers.push(from + at + 7);
    }
    // The newest trailer whose /Root is really a document catalog.
    const isCatalog = (root: PdfValue | undefined) => {
      try {
        const dict = this.resolve(root);
        return isDict(dict) && (isName(dict.get('Type'), 'Catalog') || dict.has('Pages'));
      } catch {
        return false;
      }
    };
    let trailer: PdfDict | null = null;
    for (const at of trailers.reverse()) {
      try {
        const dict = this.withWindow(at, 1024, (lexer) => lexer.readValue());
        if (isDict(dict) && isCatalog(dict.get('Root'))) {
          trailer = dict;
          break;
        }
      } catch {
        // Try the next one.
      }
    }
    // Object streams and cross-reference streams found in the scan add their objects and trailer.
    const streams: number[] = [];
    const xrefStreamTrailers: PdfDict[] = [];
    for (const [num, entry] of [...this.entries]) {
      if (entry.type !== 1) continue;
      try {
        const value = this.lookup(new PdfRef(num, entry.gen));
        if (value instanceof PdfStream) {
          if (isName(value.dict.get('Type'), 'ObjStm')) streams.push(num);
          else if (isName(value.dict.get('Type'), 'XRef') && !trailer && value.dict.has('Root'))
            xrefStreamTrailers.push(value.dict);
        }
      } catch {
        // A damaged object: left out.
      }
    }
    for (const num of streams) {
      const parsed = this.objectStream(num);
      parsed?.offsets.forEach((_, index) => {
        const objNum = parsed.numbers[index];
        if (!this.entries.has(objNum) || this.entries.get(objNum)!.type === 2)
          this.entries.set(objNum, { type: 2, stream: num, index });
      });
    }
    trailer ??= xrefStreamTrailers.reverse().find((dict) => isCatalog(dict.get('Root'))) ?? null;
    if (!trailer) {
      // No usable trailer: find the catalog itself.
      for (const [num, entry] of this.entries) {
        try {
          const value = this.lookup(new PdfRef(num, entry.type === 1 ? entry.gen : 0));
          if (isDict(value) && isName(value.get('Type'), 'Catalog')) {
            trailer = new PdfDict(new Map([['Root', new PdfRef(num, entry.type === 1 ? entry.gen : 0)]]));
            break;
          }
        } catch {
          // Next.
        }
      }
    }
    if (!trailer) throw new PdfReadError('damaged', 'No document could be found in the file.');
    this.trailer = trailer;
    if (!isDict(this.resolve(trailer.get('Root'))))
      throw new PdfReadError('damaged', 'The document catalog cannot be read.');
  }

  /**
   * Rebuilds the index by scanning the file, when what the cross-reference data gave does not make a
   * document (no pages): pdf.js does the same. Returns false when it was already rebuilt.
   */
  repair(reason: string): boolean {
    if (this.rebuilt) return false;
    this.xrefProblem ??= reason;
    this.rebuild();
    this.setUpDecryption();
    return true;
  }

  // ---------- objects ----------

  /** The stream's data as stored (still encoded), decrypted. */
  private rawStreamData(stream: PdfStream, ref?: PdfRef): Uint8Array {
    const data = stream.data ?? this.source.read(stream.start, stream.length);
    return ref && this.decryptor && !this.isUnencryptedMetadata(stream)
      ? this.decryptor.decryptStream(ref.num, ref.gen, data)
      : data;
  }

  private isUnencryptedMetadata(stream: PdfStream): boolean {
    return (
      (this.decryptor !== null &&
        !this.decryptor.encryptMetadata &&
        isName(stream.dict.get('Type'), 'Metadata')) ||
      isName(stream.dict.get('Type'), 'XRef')
    );
  }

  private streamRefs = new WeakMap<PdfStream, PdfRef>();

  /** A stream's data as stored in the file (still encoded), decrypted. */
  encodedData(stream: PdfStream): Uint8Array {
    return this.rawStreamData(stream, this.streamRefs.get(stream));
  }

  /**
   * The last `bytes` of a stream's data as stored, decrypted: only those read from the file where they can
   * be (a scanned page's picture checked for its end without reading its megabytes).
   */
  encodedTail(stream: PdfStream, bytes: number): Uint8Array {
    const plain = !this.decryptor || this.isUnencryptedMetadata(stream);
    if (stream.data === null && plain) {
      const take = Math.min(bytes, stream.length);
      return this.source.read(stream.start + stream.length - take, take);
    }
    const data = this.encodedData(stream);
    return data.subarray(Math.max(0, data.length - bytes));
  }

  /**
   * `length` bytes from `offset` of a stream's data as stored, decrypted (fewer at its end): only those read
   * from the file where they can be (a picture's header without its megabytes).
   */
  encodedRange(stream: PdfStream, offset: number, length: number): Uint8Array {
    const from = Math.max(0, offset);
    if (stream.data === null && (!this.decryptor || this.isUnencryptedMetadata(stream))) {
      const start = Math.min(from, stream.length);
      return this.source.read(stream.start + start, Math.max(0, Math.min(length, stream.length - start)));
    }
    return this.encodedData(stream).subarray(from, from + Math.max(0, length));
  }

  /**
   * The SHA-256 (hex) of a stream's data as stored, decrypted: read from the file in pieces where it can
   * be (a scanned page's picture is hashed without a copy of its megabytes in memory).
   */
  encodedDigest(stream: PdfStream): string {
    const hash = createHash('sha256');
    const plain = !this.decryptor || this.isUnencryptedMetadata(stream);
    if (stream.data === null && plain && this.source.readInPieces)
      this.source.readInPieces(stream.start, stream.length, (piece) => hash.update(piece));
    else hash.update(this.encodedData(stream));
    return hash.digest('hex');
  }

  /**
   * A stream's decoded data. Throws FilterError for image codecs and damage; `strict`, also for data that
   * breaks off part way (filters.ts).
   */
  streamData(stream: PdfStream, limit = MAX_DECODED, strict = false): Uint8Array {
    const ref = this.streamRefs.get(stream);
    return decodeStreamData(
      this.rawStreamData(stream, ref),
      stream.dict,
      (v) => this.resolve(v),
      limit,
      strict,
    );
  }

  /** Parses "N G obj ... endobj" at an offset; `expect` checks the header names the object asked for. */
  private parseIndirectAt(
    offset: number,
    expect: PdfRef | null,
  ): { value: PdfValue; num: number; gen: number } {
    return this.withWindow(offset, 2048, (lexer) => {
      const num = lexer.readValue();
      const gen = lexer.readValue();
      const obj = lexer.readValue();
      if (!isInteger(num) || !isInteger(gen) || !(obj instanceof PdfKeyword) || obj.word !== 'obj')
        throw new PdfSyntaxError(`object ${expect?.num ?? '?'} is not where the cross-reference table says`);
      if (expect && num !== expect.num)
        throw new PdfSyntaxError(`object ${expect.num} is not where the cross-reference table says`);
      let value = lexer.readValue();
      if (isInteger(value)) {
        const save = lexer.pos;
        const g = lexer.readValue();
        const r = isInteger(g) ? lexer.readValue() : null;
        if (r instanceof PdfKeyword && r.word === 'R') value = new PdfRef(value, g as number);
        else lexer.pos = save;
      }
      if (value instanceof PdfKeyword) value = null;
      if (isDict(value)) {
        const save = lexer.pos;
        const next = lexer.readValue();
        if (next instanceof PdfKeyword && next.word === 'stream') {
          let p = lexer.pos;
          const b = lexer.bytes;
          // The data starts after the end of the line (some writers leave spaces before it, as pdf.js allows).
          while (b[p] === 0x20 || b[p] === 0x09) p++;
          if (b[p] === 0x0d) p++;
          if (b[p] === 0x0a) p++;
          const dataStart = offset + p;
          const length = this.streamLength(value, dataStart);
          return { value: new PdfStream(value, null, dataStart, length), num, gen };
        }
        lexer.pos = save;
      }
      return { value, num, gen };
    });
  }

  /** /Length when it is right (followed by "endstream"); otherwise found by searching for endstream. */
  private streamLength(dict: PdfDict, dataStart: number): number {
    let length = dict.get('Length');
    if (isRef(length)) {
      try {
        length = this.lookup(length);
      } catch {
        length = undefined;
      }
    }
    if (isInteger(length) && dataStart + length <= this.source.length) {
      const after = latin1(this.source.read(dataStart + length, 24), 0, 24);
      if (/^\s*endstream/.test(after)) return length;
    }
    // Search forward for endstream in growing steps.
    for (let at = dataStart, step = 64 * 1024; at < this.source.length; at += step, step *= 2) {
      const bytes = this.source.read(at, step + 16);
      const i = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf('endstream', 0, 'latin1');
      if (i >= 0) {
        let end = at + i;
        const before = this.source.read(end - 2, 2);
        if (before[1] === 0x0a) end--;
        if (before[0] === 0x0d && before[1] === 0x0a) end--;
        else if (before[1] === 0x0d) end--;
        return Math.max(0, end - dataStart);
      }
    }
    return Math.max(0, this.source.length - dataStart);
  }

  private objectStream(num: number): ObjectStreamIndex | null {
    const cached = this.objectStreams.get(num);
    if (cached) return cached;
    const entry = this.entries.get(num);
    if (!entry || entry.type !== 1) return null;
    const stream = this.lookup(new PdfRef(num, entry.gen));
    if (!(stream instanceof PdfStream)) return null;
    let data: Uint8Array;
    try {
      data = this.streamData(stream);
    } catch (error) {
      // Its filter garbled ("/FlateDeode") or its data damaged: none of its objects can be read.
      if (error instanceof FilterError) return null;
      throw error;
    }
    const n = stream.dict.get('N');
    const first = stream.dict.get('First');
    if (!isInteger(n) || !isInteger(first)) return null;
    const lexer = new Lexer(data.subarray(0, first), 0, true);
    const numbers: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < n; i++) {
      try {
        const a = lexer.readValue();
        const b = lexer.readValue();
        if (!isInteger(a) || !isInteger(b)) break;
        numbers.push(a);
        offsets.push(b);
      } catch {
        break;
      }
    }
    const parsed = { offsets, numbers, data, first };
    if (this.objectStreams.size >= OBJSTM_KEPT)
      this.objectStreams.delete(this.objectStreams.keys().next().value!);
    this.objectStreams.set(num, parsed);
    return parsed;
  }

  /** The object a reference names, or null when it does not exist or cannot be read. */
  /** Whether an incremental update defined the object again, its earlier definition still in the file. */
  hasEarlierVersion(ref: PdfRef): boolean {
    return this.earlier.has(ref.num);
  }

  /**
   * The object's earlier definition (hasEarlierVersion), as the save before the update gave it; undefined
   * when there is none or it cannot be read. Not kept: read again each time.
   */
  earlierVersion(ref: PdfRef): PdfValue | undefined {
    const entry = this.earlier.get(ref.num);
    if (!entry) return undefined;
    try {
      if (entry.type === 1) {
        const { value } = this.parseIndirectAt(entry.offset, ref);
        if (value instanceof PdfStream) this.streamRefs.set(value, ref);
        return this.decryptor ? this.decryptStrings(value, ref) : value;
      }
      const stream = this.objectStream(entry.stream);
      const offset = stream?.offsets[entry.index];
      if (!stream || offset === undefined || stream.numbers[entry.index] !== ref.num) return undefined;
      const value = new Lexer(stream.data, stream.first + offset, true).readValue();
      return value instanceof PdfKeyword ? undefined : value;
    } catch {
      return undefined;
    }
  }

  lookup(ref: PdfRef): PdfValue {
    const key = ref.key;
    if (this.objects.has(key)) return this.objects.get(key)!;
    let value: PdfValue = null;
    const entry = this.entries.get(ref.num);
    if (this.growing && !entry) throw new ObjectNotWrittenYet(key);
    if (entry?.type === 1 && entry.offset > 0) {
      try {
        value = this.parseIndirectAt(entry.offset, ref).value;
      } catch (error) {
        if (error instanceof PdfReadError || this.growing) throw error;
        this.xrefProblem ??= (error as Error).message;
        if (!this.rebuilt) {
          this.rebuild();
          this.setUpDecryption();
          return this.lookup(ref);
        }
        value = null;
      }
      if (this.decryptor && key !== this.encryptRef) value = this.decryptStrings(value, ref);
    } else if (entry?.type === 2) {
      const stream = this.objectStream(entry.stream);
      const offset = stream?.offsets[entry.index];
      if (stream && offset !== undefined && stream.numbers[entry.index] === ref.num) {
        try {
          const lexer = new Lexer(stream.data, stream.first + offset, true);
          const v = lexer.readValue();
          value = v instanceof PdfKeyword ? null : v;
          if (isInteger(value)) {
            const save = lexer.pos;
            try {
              const g = lexer.readValue();
              const r = isInteger(g) ? lexer.readValue() : null;
              if (r instanceof PdfKeyword && r.word === 'R') value = new PdfRef(value, g as number);
              else lexer.pos = save;
            } catch {
              lexer.pos = save;
            }
          }
        } catch {
          value = null;
        }
      }
    }
    if (value instanceof PdfStream) this.streamRefs.set(value, ref);
    if (this.objects.size >= OBJECTS_KEPT) this.objects.clear();
    this.objects.set(key, value);
    return value;
  }

  private decryptStrings(value: PdfValue, ref: PdfRef): PdfValue {
    const d = this.decryptor!;
    const walk = (v: PdfValue): PdfValue => {
      if (v instanceof PdfString) return new PdfString(d.decryptString(ref.num, ref.gen, v.bytes), v.hex);
      if (Array.isArray(v)) return v.map(walk);
      if (v instanceof PdfDict) {
        for (const [k, x] of v.map) v.map.set(k, walk(x));
        return v;
      }
      if (v instanceof PdfStream) {
        walk(v.dict);
        return v;
      }
      return v;
    };
    return walk(value);
  }

  /** Follows references (a chain of them, bounded) to a direct value; undefined stays undefined. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    for (let i = 0; i < 32 && isRef(value); i++) value = this.lookup(value);
    return isRef(value) ? null : value;
  }

  /** A dictionary entry, resolved. */
  get(dict: PdfDict | PdfStream | null | undefined, key: string): PdfValue | undefined {
    if (!dict) return undefined;
    const d = dict instanceof PdfStream ? dict.dict : dict;
    return this.resolve(d.get(key));
  }

  getDict(dict: PdfDict | PdfStream | null | undefined, key: string): PdfDict | null {
    const v = this.get(dict, key);
    return isDict(v) ? v : v instanceof PdfStream ? v.dict : null;
  }

  getNumber(dict: PdfDict | PdfStream | null | undefined, key: string): number | null {
    const v = this.get(dict, key);
    return isNumber(v) ? v : null;
  }

  get catalog(): PdfDict | null {
    const root = this.resolve(this.trailer.get('Root'));
    return isDict(root) ? root : null;
  }

  /** Whether the cross-reference data had to be rebuilt (the file is damaged but readable). */
  get repaired(): boolean {
    return this.rebuilt;
  }
}

export { FilterError };
