/**
 * Reads a zip from its central directory, checking the limits of shared/limits.ts before anything is
 * inflated: how many entries (read from the end record, before the directory itself), how much they
 * unpack to in all, and how much more each grows than it was packed (a "zip bomb" grows a thousand-fold;
 * a case export's PDFs are stored as they are). Entries are read one at a time from the file (never the
 * whole archive in memory), and inflating an entry stops at the size the directory declared.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { formatCount, formatSize, LIMITS } from '../../../shared/limits';

export interface ZipEntry {
  name: string;
  isDirectory: boolean;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** The archive breaks a limit or is not a zip we can read; `why` completes "…(why)". */
export class ZipProblem extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

export interface ZipLimits {
  entries: number;
  inflatedBytes: number;
  entryRatio: number;
  ratioFloorBytes: number;
}

const ZIP_LIMITS: ZipLimits = {
  entries: LIMITS.archiveEntries,
  inflatedBytes: LIMITS.archiveInflatedBytes,
  entryRatio: LIMITS.archiveEntryRatio,
  ratioFloorBytes: LIMITS.archiveRatioFloorBytes,
};

interface Source {
  size: number;
  read(offset: number, length: number): Buffer;
  close(): void;
}

function fileSource(path: string): Source {
  const fd = openSync(path, 'r');
  return {
    size: fstatSync(fd).size,
    read(offset, length) {
      const buffer = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buffer, done, length - done, offset + done);
        if (n === 0) throw new ZipProblem('the file ends too early');
        done += n;
      }
      return buffer;
    },
    close: () => closeSync(fd),
  };
}

function bytesSource(bytes: Uint8Array): Source {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buffer.length,
    read(offset, length) {
      if (offset < 0 || offset + length > buffer.length) throw new ZipProblem('the file ends too early');
      return buffer.subarray(offset, offset + length);
    },
    close: () => {},
  };
}

const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipReader {
  readonly entries: ZipEntry[];

  private constructor(
    private readonly source: Source,
    limits: ZipLimits,
  ) {
    try {
      this.entries = readDirectory(source, limits);
    } catch (error) {
      source.close();
      throw error;
    }
  }

  static open(input: { path: string } | { data: Uint8Array }, limits: ZipLimits = ZIP_LIMITS): ZipReader {
    return new ZipReader('path' in input ? fileSource(input.path) : bytesSource(input.data), limits);
  }

  close(): void {
    this.source.close();
  }

  /** Where the entry's data starts: after its local header, whose name and extra lengths may differ. */
  private dataOffset(entry: ZipEntry): number {
    const header = this.source.read(entry.localHeaderOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL) throw new ZipProblem(`"${entry.name}" is damaged`);
    return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  }

  /** The entry's bytes, unpacked; never more than its declared size. */
  read(entry: ZipEntry): Buffer {
    const start = this.dataOffset(entry);
    if (start + entry.compressedSize > this.source.size) throw new ZipProblem(`"${entry.name}" is cut short`);
    const packed = this.source.read(start, entry.compressedSize);
    if (entry.method === 0) return Buffer.from(packed);
    if (entry.method !== 8) throw new ZipProblem(`"${entry.name}" is packed in a way this app does not read`);
    let out: Buffer;
    try {
      out = inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
    } catch {
      throw new ZipProblem(`"${entry.name}" is damaged or larger than it says`);
    }
    if (out.length !== entry.size) throw new ZipProblem(`"${entry.name}" has the wrong size`);
    return out;
  }

  /** Stored entries in pieces (for copying big PDFs without holding them); others in one piece. */
  *chunks(entry: ZipEntry, chunkSize = 4 * 1024 * 1024): Generator<Buffer> {
    if (entry.method !== 0) {
      yield this.read(entry);
      return;
    }
    const start = this.dataOffset(entry);
    if (start + entry.compressedSize > this.source.size) throw new ZipProblem(`"${entry.name}" is cut short`);
    for (let done = 0; done < entry.compressedSize; done += chunkSize)
      yield this.source.read(start + done, Math.min(chunkSize, entry.compressedSize - done));
  }
}

function readDirectory(source: Source, limits: ZipLimits): ZipEntry[] {
  // The end record is in the last 22 + 65,535 bytes (it may be followed by a comment).
  const tailLength = Math.min(source.size, 22 + 0xffff);
  if (tailLength < 22) throw new ZipProblem('not a readable zip: it is too short');
  const tail = source.read(source.size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === END) {
      at = i;
      break;
    }
  if (at < 0) throw new ZipProblem('not a readable zip: it has no directory');
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  const endOffset = source.size - tailLength + at;
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    // Zip64: the real numbers are in the zip64 end record the locator points to.
    if (endOffset < 20) throw new ZipProblem('not a readable zip: its directory is damaged');
    const locator = source.read(endOffset - 20, 20);
    if (locator.readUInt32LE(0) !== END64_LOCATOR)
      throw new ZipProblem('not a readable zip: its directory is damaged');
    const end64 = source.read(Number(locator.readBigUInt64LE(8)), 56);
    if (end64.readUInt32LE(0) !== END64) throw new ZipProblem('not a readable zip: its directory is damaged');
    count = Number(end64.readBigUInt64LE(32));
    directorySize = Number(end64.readBigUInt64LE(40));
    directoryOffset = Number(end64.readBigUInt64LE(48));
  }
  if (count > limits.entries)
    throw new ZipProblem(
      `it holds ${formatCount(count)} files; a case export holds at most ${formatCount(limits.entries)}`,
    );
  // Each directory record is at least 46 bytes and names are at most a few hundred in our exports.
  if (directorySize > count * (46 + 1024 + 256) + 1024 || directoryOffset + directorySize > source.size)
    throw new ZipProblem('not a readable zip: its directory is damaged');

  const directory = source.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let total = 0;
  let pos = 0;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > directory.length || directory.readUInt32LE(pos) !== CENTRAL)
      throw new ZipProblem('not a readable zip: its directory is damaged');
    const method = directory.readUInt16LE(pos + 10);
    let compressedSize = directory.readUInt32LE(pos + 20);
    let size = directory.readUInt32LE(pos + 24);
    const nameLength = directory.readUInt16LE(pos + 28);
    const extraLength = directory.readUInt16LE(pos + 30);
    const commentLength = directory.readUInt16LE(pos + 32);
    let localHeaderOffset = directory.readUInt32LE(pos + 42);
    const name = directory.toString('utf8', pos + 46, pos + 46 + nameLength);
    // Zip64 sizes and offset, in that order, for the fields that say 0xffffffff.
    let extra = pos + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = directory.readUInt16LE(extra);
      const length = directory.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        const next = () => {
          const value = Number(directory.readBigUInt64LE(field));
          field += 8;
          return value;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      extra += 4 + length;
    }
    pos = extraEnd + commentLength;

    total += size;
    if (total > limits.inflatedBytes)
      throw new ZipProblem(
        `it unpacks to more than ${formatSize(limits.inflatedBytes)}, the most a case export may hold`,
      );
    if (size > limits.ratioFloorBytes && size > compressedSize * limits.entryRatio)
      throw new ZipProblem(
        `"${name}" would unpack to ${formatSize(size)} from ${formatSize(compressedSize)}, more than ${limits.entryRatio} times its packed size`,
      );
    entries.push({
      name,
      isDirectory: name.endsWith('/'),
      method,
      compressedSize,
      size,
      localHeaderOffset,
    });
  }
  return entries;
}
