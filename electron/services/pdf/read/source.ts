/**
 * Where the reader gets a PDF's bytes: a buffer already in memory, or a file read on demand. Reading on
 * demand keeps memory bounded by what is looked at (page dictionaries, content streams, the outline), not
 * by the file: a 240 MB bundle of scans is checked without holding its images.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ByteSource {
  readonly length: number;
  /** Bytes [start, start + length) clipped to the file; the result may be a view: do not write into it. */
  read(start: number, length: number): Uint8Array;
  /**
   * Hands bytes [start, start + length) (clipped to the file) to `into` in pieces, each valid only during
   * the call: what hashing a long range needs, without a buffer the size of the range.
   */
  readInPieces?(start: number, length: number, into: (piece: Uint8Array) => void): void;
  close(): void;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    length: bytes.length,
    read: (start, length) =>
      bytes.subarray(Math.max(0, start), Math.min(bytes.length, Math.max(0, start) + length)),
    close: () => {},
  };
}

/** Blocks of the file kept (most recently used), so neighbouring small objects cost one read. */
const BLOCK = 16 * 1024;
const BLOCKS_KEPT = 256;
/** Reads at least this long skip the block cache (stream contents). */
const DIRECT = 4 * BLOCK;

/** A file opened for reading; small reads go through a bounded cache of 16 KB blocks (4 MB at most). */
class FileSource implements ByteSource {
  protected size: number;
  private fd: number | null;
  private readonly blocks = new Map<number, Uint8Array>();

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    try {
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  get length(): number {
    return this.size;
  }

  /** Drops the cached block that holds the byte before `end` (it may have been read short). */
  protected forgetBlockBefore(end: number): void {
    if (end > 0) this.blocks.delete(Math.floor((end - 1) / BLOCK));
  }

  private scratch: Buffer | null = null;

  readInPieces(start: number, length: number, into: (piece: Uint8Array) => void): void {
    if (this.fd === null) throw new Error('The file is closed.');
    start = Math.max(0, start);
    const end = Math.min(this.length, start + Math.max(0, length));
    this.scratch ??= Buffer.allocUnsafeSlow(1024 * 1024);
    for (let at = start; at < end;) {
      const n = readSync(this.fd, this.scratch, 0, Math.min(this.scratch.length, end - at), at);
      if (n === 0) break;
      into(this.scratch.subarray(0, n));
      at += n;
    }
  }

  private readRaw(start: number, length: number): Uint8Array {
    if (this.fd === null) throw new Error('The file is closed.');
    const out = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, out, got, length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return got === length ? out : out.subarray(0, got);
  }

  private block(index: number): Uint8Array {
    let block = this.blocks.get(index);
    if (block) {
      this.blocks.delete(index);
    } else {
      block = this.readRaw(index * BLOCK, Math.min(BLOCK, this.length - index * BLOCK));
      if (this.blocks.size >= BLOCKS_KEPT) this.blocks.delete(this.blocks.keys().next().value!);
    }
    this.blocks.set(index, block);
    return block;
  }

  read(start: number, length: number): Uint8Array {
    start = Math.max(0, start);
    const end = Math.min(this.length, start + Math.max(0, length));
    if (end <= start) return new Uint8Array(0);
    if (end - start >= DIRECT) return this.readRaw(start, end - start);
    const first = Math.floor(start / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    if (first === last) {
      const offset = start - first * BLOCK;
      return this.block(first).subarray(offset, offset + end - start);
    }
    const out = new Uint8Array(end - start);
    for (let b = first, at = 0; b <= last; b++) {
      const block = this.block(b);
      const from = b === first ? start - b * BLOCK : 0;
      const to = b === last ? end - b * BLOCK : block.length;
      out.set(block.subarray(from, to), at);
      at += to - from;
    }
    return out;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.blocks.clear();
    this.scratch = null;
  }
}

/**
 * A file its writer is still appending to (in this process or another thread): its length is what the
 * writer says it has written, never what the disk has at the moment of a read.
 */
export class GrowingFileSource extends FileSource {
  constructor(path: string, length: number) {
    super(path);
    this.size = length;
  }

  /** The writer has written up to `length` bytes. */
  grow(length: number): void {
    if (length < this.size) throw new Error('A file being written cannot get shorter.');
    this.forgetBlockBefore(this.size);
    this.size = length;
  }
}

/** A path is read from disk on demand; bytes are read where they are. */
export type PdfInput = { path: string } | { bytes: Uint8Array };

export function openSource(input: PdfInput): ByteSource {
  return 'path' in input ? new FileSource(input.path) : bytesSource(input.bytes);
}
