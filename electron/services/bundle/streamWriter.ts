/**
 * Writes a pdf-lib document to a sink in chunks instead of `save()`, which builds one buffer the size of
 * the whole bundle (docs/performance.md). Objects are framed exactly as pdf-lib frames them, so a document
 * written in one go is byte-identical to `save({ useObjectStreams: false })` (tested). Large raw streams
 * (scanned images) go to the sink as they are, without a copy.
 *
 * The engine also writes as it goes (docs/performance.md): once a source document's pages are copied
 * and stamped they never change, so their objects are written and dropped from the document at once, and
 * memory follows the largest document rather than the whole bundle. Only the objects still to be changed
 * (catalog, page tree, generated pages, the font) wait for the end. The cross-reference table, sorted by
 * object number, is written last.
 */
import {
  defaultDocumentSnapshot,
  PDFCrossRefSection,
  PDFName,
  PDFPageLeaf,
  PDFRawStream,
  PDFTrailer,
  PDFTrailerDict,
  PDFWriter,
  type PDFDocument,
  type PDFObject,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { watchAssignments } from '../pdf/pdfLibPatches';
import type { PdfInput } from '../pdf/read/source';

/** Receives the file in order. A chunk is only valid during the call: write or copy it before returning. */
export interface ByteSink {
  write(chunk: Uint8Array): void;
  /**
   * Where what was written so far can be read back (the temp file being written), for the engine's second
   * pass: the fingerprint is read from the written pages. Without it the engine keeps a copy in memory.
   */
  readBack?(): PdfInput;
}

const CHUNK = 4 * 1024 * 1024;
const FIRST_CHUNK = 64 * 1024;
/** Raw streams at least this big skip the chunk buffer. */
const DIRECT = 256 * 1024;

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ENDOBJ = ascii('\nendobj\n\n');
const STREAM = ascii('\nstream\n');
const ENDSTREAM = ascii('\nendstream');
const NEWLINE = ascii('\n');
const TWO_NEWLINES = ascii('\n\n');

class ChunkedOutput {
  // Starts small and grows to CHUNK: making a 4 MB buffer costs more than writing a one-document file (each
  // import's trial bundle), where the allocator hands back memory it must clear first.
  private buffer = new Uint8Array(FIRST_CHUNK);
  private used = 0;
  private flushed = 0;
  constructor(private readonly sink: ByteSink) {}

  get offset(): number {
    return this.flushed + this.used;
  }

  bytes(data: Uint8Array): void {
    if (data.length >= DIRECT) {
      this.flush();
      this.sink.write(data);
      this.flushed += data.length;
      return;
    }
    this.makeRoom(data.length);
    this.buffer.set(data, this.used);
    this.used += data.length;
  }

  /** Short ASCII text (object headers), written straight into the chunk buffer. */
  text(s: string): void {
    this.makeRoom(s.length);
    for (let i = 0; i < s.length; i++) this.buffer[this.used++] = s.charCodeAt(i);
  }

  /** Lets a pdf-lib object copy itself into the chunk buffer (`size` from its sizeInBytes). */
  object(size: number, copy: (buffer: Uint8Array, offset: number) => number): void {
    this.makeRoom(size);
    if (this.used + size <= this.buffer.length) {
      this.used += copy(this.buffer, this.used);
      return;
    }
    const own = new Uint8Array(size);
    const n = copy(own, 0);
    this.sink.write(own.subarray(0, n));
    this.flushed += n;
  }

  /** Grows the buffer (up to CHUNK) or flushes it, so that `size` more bytes fit if they can (size ≤ CHUNK). */
  private makeRoom(size: number): void {
    if (this.used + size <= this.buffer.length) return;
    if (this.buffer.length < CHUNK) {
      let length = this.buffer.length * 2;
      while (length < CHUNK && length < this.used + size) length *= 2;
      const grown = new Uint8Array(Math.min(length, CHUNK));
      grown.set(this.buffer.subarray(0, this.used));
      this.buffer = grown;
      if (this.used + size <= this.buffer.length) return;
    }
    this.flush();
  }

  flush(): void {
    if (this.used === 0) return;
    // Sinks consume the chunk during the call, so one buffer serves the whole file.
    this.sink.write(this.buffer.subarray(0, this.used));
    this.flushed += this.used;
    this.used = 0;
  }
}

/** A cross-reference stream copied from a source: its table means nothing in the new file. */
function isCopiedXRefStream(object: PDFObject): boolean {
  return object instanceof PDFRawStream && object.dict.lookup(PDFName.of('Type')) === PDFName.of('XRef');
}

/**
 * pdf-lib's own writer, extended (its extension point: the protected context, the object-stream skip and
 * the trailer dictionary) to write in chunks and as it goes instead of into one buffer.
 */
export class IncrementalPdfWriter extends PDFWriter {
  private readonly out: ChunkedOutput;
  private readonly entries: { ref: PDFRef; offset: number }[] = [];
  private readonly written = new Set<PDFRef>();
  /** Objects put into the document since writeAllExcept last looked (watchAssignments). */
  private readonly fresh = new Set<PDFRef>();
  /** Objects writeAllExcept was asked to keep: looked at again each time. */
  private readonly held = new Set<PDFRef>();
  /** Where the last cross-reference section starts (an update's /Prev). */
  private lastXref = -1;
  /** How many of `entries` takeWritten() has handed out. */
  private taken = 0;

  constructor(doc: PDFDocument, sink: ByteSink) {
    super(doc.context, Infinity, defaultDocumentSnapshot);
    for (const [ref] of this.context.enumerateIndirectObjects()) this.fresh.add(ref);
    watchAssignments(this.context, (ref) => this.fresh.add(ref));
    this.out = new ChunkedOutput(sink);
    const header = this.context.header;
    this.out.object(header.sizeInBytes(), (b, o) => header.copyBytesInto(b, o));
    this.out.bytes(TWO_NEWLINES);
  }

  private write(ref: PDFRef, object: PDFObject): void {
    this.entries.push({ ref, offset: this.out.offset });
    this.out.text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    if (object instanceof PDFRawStream && object.contents.length >= DIRECT) {
      object.updateDict();
      this.out.object(object.dict.sizeInBytes(), (b, o) => object.dict.copyBytesInto(b, o));
      this.out.bytes(STREAM);
      this.out.bytes(object.contents);
      this.out.bytes(ENDSTREAM);
    } else {
      this.out.object(object.sizeInBytes(), (b, o) => object.copyBytesInto(b, o));
    }
    this.out.bytes(ENDOBJ);
  }

  /**
   * Writes every object of the document not written yet except `keep`, in object-number order, and drops
   * them from it; page objects stay (small, and pdf-lib's page tree looks them up to add pages).
   */
  writeAllExcept(keep: ReadonlySet<PDFRef>): void {
    // Only what was put in since the last time, and what was kept then, can be left to write.
    const looked = [...this.fresh];
    this.fresh.clear();
    for (const ref of this.held) if (!keep.has(ref)) looked.push(ref);
    looked.sort((a, b) => a.objectNumber - b.objectNumber || a.generationNumber - b.generationNumber);
    let last: PDFRef | undefined;
    for (const ref of looked) {
      if (ref === last) continue;
      last = ref;
      const object = this.context.lookup(ref);
      if (object === undefined) {
        this.held.delete(ref);
        continue;
      }
      if (keep.has(ref)) {
        this.held.add(ref);
        continue;
      }
      this.held.delete(ref);
      if (this.written.has(ref)) continue;
      if (!this.shouldSkipCopiedObjectStream(object) && !isCopiedXRefStream(object)) this.write(ref, object);
      if (object instanceof PDFPageLeaf) this.written.add(ref);
      else this.context.delete(ref);
    }
  }

  /**
   * Hands everything written so far to the sink, and returns the file's length and the objects written
   * since the last call ([number, generation, offset]): what a reader of the file being written needs.
   */
  takeWritten(): { length: number; objects: [number, number, number][] } {
    this.out.flush();
    const objects = this.entries
      .slice(this.taken)
      .map((e): [number, number, number] => [e.ref.objectNumber, e.ref.generationNumber, e.offset]);
    this.taken = this.entries.length;
    return { length: this.out.offset, objects };
  }

  /** Writes what is left, the cross-reference table and the trailer. Returns the file's size. */
  finish(): number {
    this.writeAllExcept(new Set());
    const xref = PDFCrossRefSection.create();
    for (const e of [...this.entries].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber))
      xref.addEntry(e.ref, e.offset);
    const xrefOffset = this.out.offset;
    this.out.object(xref.sizeInBytes(), (b, o) => xref.copyBytesInto(b, o));
    this.out.bytes(NEWLINE);
    const trailerDict = PDFTrailerDict.of(this.createTrailerDict());
    this.out.object(trailerDict.sizeInBytes(), (b, o) => trailerDict.copyBytesInto(b, o));
    this.out.bytes(TWO_NEWLINES);
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    this.out.object(trailer.sizeInBytes(), (b, o) => trailer.copyBytesInto(b, o));
    this.out.flush();
    this.lastXref = xrefOffset;
    return this.out.offset;
  }

  /**
   * After finish(): an incremental update (ISO 32000-1, 7.5.6) with new or changed objects, its own
   * cross-reference section and a trailer pointing back (/Prev) at the one before. Returns the file's size.
   */
  appendUpdate(objects: [PDFRef, PDFObject][]): number {
    if (this.lastXref < 0) throw new Error('appendUpdate() comes after finish().');
    const entries: { ref: PDFRef; offset: number }[] = [];
    for (const [ref, object] of objects) {
      entries.push({ ref, offset: this.out.offset });
      this.write(ref, object);
    }
    const xref = PDFCrossRefSection.createEmpty();
    for (const e of entries.sort((a, b) => a.ref.objectNumber - b.ref.objectNumber))
      xref.addEntry(e.ref, e.offset);
    const xrefOffset = this.out.offset;
    this.out.object(xref.sizeInBytes(), (b, o) => xref.copyBytesInto(b, o));
    this.out.bytes(NEWLINE);
    const trailerDict = PDFTrailerDict.of(this.createTrailerDict(this.lastXref));
    this.out.object(trailerDict.sizeInBytes(), (b, o) => trailerDict.copyBytesInto(b, o));
    this.out.bytes(TWO_NEWLINES);
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    this.out.object(trailer.sizeInBytes(), (b, o) => trailer.copyBytesInto(b, o));
    this.out.flush();
    this.lastXref = xrefOffset;
    return this.out.offset;
  }
}

/**
 * Writes the whole of `doc` to `sink` in one go. Assets (fonts) must be flushed first: call `doc.flush()`.
 * The document is emptied as it is written. Returns the number of bytes written.
 */
export async function writePdfStreaming(doc: PDFDocument, sink: ByteSink): Promise<number> {
  return new IncrementalPdfWriter(doc, sink).finish();
}
