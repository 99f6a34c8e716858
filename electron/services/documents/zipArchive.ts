/**
 * The files in a zip archive (a chat exported from WhatsApp with its photos), read without trusting it: the
 * central directory is read from the end of the file, each file's data is found through its own header,
 * and a file is unpacked only up to the size the directory gives for it, so one that would unpack to far
 * more (a "zip bomb") is found damaged instead of filling the memory. Files stored as they are or deflated
 * (what phones and computers write) are read; an encrypted one, or one in another method, says so.
 */
import { constants, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** The path in the archive, as written ("Media/IMG-20261102-WA0001.jpg"). */
  path: string;
  /** Bytes once unpacked, as the directory gives it. */
  size: number;
  compressedSize: number;
  method: number;
  encrypted: boolean;
  localOffset: number;
}

export class ZipDamaged extends Error {}

/** Files listed in one archive, at most (more are not read). */
export const MAX_ZIP_ENTRIES = 10_000;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function entryPath(raw: Uint8Array): string {
  // Phones write UTF-8 names, whether or not they set the flag that says so; anything else as Latin-1.
  try {
    return utf8.decode(raw);
  } catch {
    return Buffer.from(raw).toString('latin1');
  }
}

/**
 * The files the archive lists (folders left out), in the directory's order, and how many more it lists
 * than are read (MAX_ZIP_ENTRIES); throws ZipDamaged.
 */
export function zipEntries(bytes: Uint8Array): { entries: ZipEntry[]; unread: number } {
  const view = viewOf(bytes);
  let end = -1;
  // The directory's end record is 22 bytes and a comment of up to 65,535, at the very end of the file.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) throw new ZipDamaged('The zip archive has no directory: it is cut short or damaged.');
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryStart = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryStart === 0xffffffff)
    throw new ZipDamaged('The zip archive is in the Zip64 form, for archives over 4 GB, which is not read.');
  if (directoryStart + directorySize > end) throw new ZipDamaged('The zip archive’s directory is damaged.');
  const entries: ZipEntry[] = [];
  let at = directoryStart;
  for (let i = 0; i < Math.min(count, MAX_ZIP_ENTRIES); i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      throw new ZipDamaged('The zip archive’s directory is damaged.');
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) throw new ZipDamaged('The zip archive’s directory is damaged.');
    const path = entryPath(bytes.subarray(at + 46, at + 46 + nameLength));
    if (!path.endsWith('/'))
      entries.push({
        path,
        encrypted: (view.getUint16(at + 8, true) & 1) === 1,
        method: view.getUint16(at + 10, true),
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        localOffset: view.getUint32(at + 42, true),
      });
    at = next;
  }
  return { entries, unread: Math.max(0, count - MAX_ZIP_ENTRIES) };
}

/** Where a file's packed data starts, through its own header, or null when that header is not there. */
function dataStart(bytes: Uint8Array, entry: ZipEntry): number | null {
  const view = viewOf(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) return null;
  return at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
}

/**
 * The first bytes of a file (from its first `packedBytes` packed bytes), to tell what it is before unpacking
 * it whole: a video need not be unpacked to be named. Null when it cannot be read.
 */
export function zipEntryHead(bytes: Uint8Array, entry: ZipEntry, packedBytes = 16 * 1024): Uint8Array | null {
  if (entry.encrypted || (entry.method !== STORED && entry.method !== DEFLATED)) return null;
  const start = dataStart(bytes, entry);
  if (start === null) return null;
  const packed = bytes.subarray(
    start,
    Math.min(bytes.length, start + entry.compressedSize, start + packedBytes),
  );
  if (entry.method === STORED) return packed;
  try {
    // Deflate unpacks to at most 1,032 times its size; a sync flush gives what the piece holds.
    return inflateRawSync(packed, {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: 1032 * packedBytes,
    });
  } catch {
    return null;
  }
}

/**
 * One file's bytes, or why they cannot be had: in words that follow the file's name ("is encrypted"). A file
 * that unpacks to more or less than the directory says is damaged; `maxBytes` bounds what is unpacked.
 */
export function zipEntryData(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes: number,
): { bytes: Uint8Array<ArrayBuffer> } | { because: string } {
  if (entry.encrypted) return { because: 'is encrypted (the archive has a password)' };
  if (entry.method !== STORED && entry.method !== DEFLATED)
    return { because: 'is packed in a way this app does not read' };
  if (entry.size > maxBytes) return { because: 'is too large to take out' };
  const start = dataStart(bytes, entry);
  if (start === null) return { because: 'is damaged in the archive' };
  if (start + entry.compressedSize > bytes.length) return { because: 'is cut short in the archive' };
  const packed = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === STORED) data = packed;
  else {
    try {
      // Room for one byte more than the directory says, so that a file unpacking to more is caught.
      data = inflateRawSync(packed, { maxOutputLength: entry.size + 1 });
    } catch {
      return { because: 'is damaged in the archive' };
    }
  }
  if (data.length !== entry.size) return { because: 'is damaged in the archive' };
  return { bytes: Uint8Array.from(data) };
}
