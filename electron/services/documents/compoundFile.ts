/**
 * Where each byte of a stream of a compound file ([MS-CFB]: Word 97-2003 documents) lies in the file, so that
 * a few bytes can be read or changed in place, every other byte of the file kept as it is (a file written
 * again by another writer could lose what its reader needs, such as an embedded object's class). Read
 * without trusting it: every sector number is checked against the file, every chain is followed at most once
 * around, and a file that cannot be read so gives null.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Sector numbers from this one up mark the end of a chain, free sectors and the like, not data. */
const MAX_SECTOR = 0xfffffffa;
const NO_ENTRY = 0xffffffff;
const DIRECTORY_ENTRY_BYTES = 128;
const STREAM = 2;
const ROOT = 5;

export interface CompoundStream {
  size: number;
  /** The file offset of the stream's byte at `position`; null past its end. */
  offsetOf(position: number): number | null;
}

class Unreadable extends Error {}

function check(condition: boolean): asserts condition {
  if (!condition) throw new Unreadable();
}

/**
 * The streams directly inside the root of a compound file (not those of storages inside it, such as an
 * embedded document's), by name in small letters; null where the file is not one, or cannot be read.
 */
export function compoundRootStreams(bytes: Uint8Array): Map<string, CompoundStream> | null {
  try {
    return readRootStreams(bytes);
  } catch (error) {
    if (error instanceof Unreadable || error instanceof RangeError) return null;
    throw error;
  }
}

function readRootStreams(bytes: Uint8Array): Map<string, CompoundStream> {
  check(bytes.length >= 512 && SIGNATURE.every((b, i) => bytes[i] === b));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  const miniShift = view.getUint16(0x20, true);
  check((sectorShift === 9 || sectorShift === 12) && miniShift === 6);
  const sectorSize = 1 << sectorShift;
  const miniSize = 1 << miniShift;
  const sectors = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const sectorOffset = (sector: number) => {
    check(sector < MAX_SECTOR && (sector + 1) * sectorSize < bytes.length);
    return (sector + 1) * sectorSize;
  };
  const fatSectorCount = view.getUint32(0x2c, true);
  check(fatSectorCount <= sectors);

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT's chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++)
    fatSectors.push(view.getUint32(0x4c + i * 4, true));
  let difat = view.getUint32(0x44, true);
  const difatSeen = new Set<number>();
  while (fatSectors.length < fatSectorCount && difat < MAX_SECTOR) {
    check(!difatSeen.has(difat));
    difatSeen.add(difat);
    const at = sectorOffset(difat);
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector && fatSectors.length < fatSectorCount; i++)
      fatSectors.push(view.getUint32(at + i * 4, true));
    difat = view.getUint32(at + perSector * 4, true);
  }
  check(fatSectors.length === fatSectorCount);
  const fat = new Uint32Array(fatSectorCount * (sectorSize / 4));
  fatSectors.forEach((sector, i) => {
    const at = sectorOffset(sector);
    check(at + sectorSize <= bytes.length);
    for (let j = 0; j < sectorSize / 4; j++) fat[i * (sectorSize / 4) + j] = view.getUint32(at + j * 4, true);
  });

  /** A chain of sectors in `table` from `start`, each at most once; `limit` sectors at most. */
  const chain = (table: Uint32Array, start: number, limit: number): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let sector = start; sector < MAX_SECTOR; sector = table[sector]) {
      check(sector < table.length && !seen.has(sector) && out.length < limit);
      seen.add(sector);
      out.push(sector);
    }
    return out;
  };

  const directory = chain(fat, view.getUint32(0x30, true), sectors).map(sectorOffset);
  const entryCount = directory.length * (sectorSize / DIRECTORY_ENTRY_BYTES);
  const entryOffset = (id: number) => {
    check(id < entryCount);
    const perSector = sectorSize / DIRECTORY_ENTRY_BYTES;
    const at = directory[Math.floor(id / perSector)] + (id % perSector) * DIRECTORY_ENTRY_BYTES;
    check(at + DIRECTORY_ENTRY_BYTES <= bytes.length);
    return at;
  };
  const root = entryOffset(0);
  check(bytes[root + 66] === ROOT);
  const streamSize = (at: number) => {
    const size = view.getUint32(at + 0x78, true) + view.getUint32(at + 0x7c, true) * 2 ** 32;
    check(size <= bytes.length);
    return size;
  };

  const miniCutoff = view.getUint32(0x38, true);
  const miniStream = chain(fat, view.getUint32(root + 0x74, true), sectors).map(sectorOffset);
  const miniFatSectors = chain(fat, view.getUint32(0x3c, true), sectors);
  const miniFat = new Uint32Array(miniFatSectors.length * (sectorSize / 4));
  miniFatSectors.forEach((sector, i) => {
    const at = sectorOffset(sector);
    check(at + sectorSize <= bytes.length);
    for (let j = 0; j < sectorSize / 4; j++)
      miniFat[i * (sectorSize / 4) + j] = view.getUint32(at + j * 4, true);
  });

  const streams = new Map<string, CompoundStream>();
  // The root's children: a tree of siblings from its child, each entry visited once.
  const pending = [view.getUint32(root + 0x4c, true)];
  const visited = new Set<number>();
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (id === NO_ENTRY) continue;
    check(!visited.has(id));
    visited.add(id);
    const at = entryOffset(id);
    pending.push(view.getUint32(at + 0x44, true), view.getUint32(at + 0x48, true));
    if (bytes[at + 66] !== STREAM) continue;
    const nameBytes = view.getUint16(at + 64, true);
    check(nameBytes >= 2 && nameBytes <= 64 && nameBytes % 2 === 0);
    const name = Buffer.from(bytes.subarray(at, at + nameBytes - 2))
      .toString('utf16le')
      .toLowerCase();
    const size = streamSize(at);
    const start = view.getUint32(at + 0x74, true);
    if (size < miniCutoff) {
      const mini = chain(miniFat, start, Math.ceil(size / miniSize) + 1);
      check(mini.length * miniSize >= size);
      streams.set(name, {
        size,
        offsetOf: (position) => {
          if (position < 0 || position >= size) return null;
          const inMiniStream = mini[Math.floor(position / miniSize)] * miniSize + (position % miniSize);
          const container = miniStream[Math.floor(inMiniStream / sectorSize)];
          const at = container === undefined ? bytes.length : container + (inMiniStream % sectorSize);
          return at < bytes.length ? at : null;
        },
      });
    } else {
      const own = chain(fat, start, Math.ceil(size / sectorSize) + 1).map(sectorOffset);
      check(own.length * sectorSize >= size);
      streams.set(name, {
        size,
        offsetOf: (position) => {
          if (position < 0 || position >= size) return null;
          const at = own[Math.floor(position / sectorSize)] + (position % sectorSize);
          return at < bytes.length ? at : null;
        },
      });
    }
  }
  return streams;
}
