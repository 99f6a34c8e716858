/**
 * Apple's binary property lists ("bplist00"), read only as far as a Safari web archive needs: strings,
 * data, numbers, arrays and dictionaries. Every offset and count is checked against the file, objects are
 * read at most MAX_DEPTH deep (a list may hold itself), and at most MAX_OBJECTS are read in all, so a
 * hostile file ends in BinaryPlistError rather than a hang.
 */

export class BinaryPlistError extends Error {}

export type PlistValue =
  string | number | boolean | null | Uint8Array | PlistValue[] | { [key: string]: PlistValue };

const MAX_DEPTH = 32;
const MAX_OBJECTS = 200_000;

export function isBinaryPlist(bytes: Uint8Array): boolean {
  return (
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(8, bytes.length)).toString('latin1') === 'bplist00'
  );
}

/** The property list's top object. Throws BinaryPlistError for anything damaged or out of bounds. */
export function readBinaryPlist(bytes: Uint8Array): PlistValue {
  if (!isBinaryPlist(bytes) || bytes.length < 8 + 32)
    throw new BinaryPlistError('not a binary property list');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trailer = bytes.length - 32;
  const offsetSize = bytes[trailer + 6];
  const refSize = bytes[trailer + 7];
  const count = bigUint(view, trailer + 8, 8);
  const top = bigUint(view, trailer + 16, 8);
  const table = bigUint(view, trailer + 24, 8);
  if (![1, 2, 4, 8].includes(offsetSize) || ![1, 2, 4, 8].includes(refSize))
    throw new BinaryPlistError('its sizes are damaged');
  if (count < 1 || top >= count || table < 8 || table + count * offsetSize > trailer)
    throw new BinaryPlistError('its table of objects is out of bounds');
  let read = 0;

  const offsetOf = (ref: number): number => {
    if (ref >= count) throw new BinaryPlistError('an object it names is not in it');
    const offset = bigUint(view, table + ref * offsetSize, offsetSize);
    if (offset < 8 || offset >= table) throw new BinaryPlistError('an object is out of bounds');
    return offset;
  };
  /** The length after a marker (its low four bits, or 15 and an integer object after it), and where the content starts. */
  const lengthAt = (at: number): { length: number; start: number } => {
    const low = bytes[at] & 0x0f;
    if (low !== 0x0f) return { length: low, start: at + 1 };
    const marker = bytes[at + 1];
    if (marker === undefined || marker >> 4 !== 0x1) throw new BinaryPlistError('a length is damaged');
    const size = 1 << (marker & 0x0f);
    if (size > 8) throw new BinaryPlistError('a length is damaged');
    return { length: bigUint(view, at + 2, size), start: at + 2 + size };
  };
  const within = (start: number, length: number) => {
    if (start + length > table) throw new BinaryPlistError('an object runs past its end');
  };

  const readObject = (ref: number, depth: number): PlistValue => {
    if (depth > MAX_DEPTH) throw new BinaryPlistError('it is nested too deep');
    if (++read > MAX_OBJECTS) throw new BinaryPlistError('it has too many objects');
    const at = offsetOf(ref);
    const marker = bytes[at];
    switch (marker >> 4) {
      case 0x0:
        return marker === 0x09 ? true : marker === 0x08 ? false : null;
      case 0x1: {
        const size = 1 << (marker & 0x0f);
        if (size > 8) throw new BinaryPlistError('a number is damaged');
        within(at + 1, size);
        return bigUint(view, at + 1, size);
      }
      case 0x2: {
        const size = 1 << (marker & 0x0f);
        within(at + 1, size);
        if (size === 4) return view.getFloat32(at + 1);
        if (size === 8) return view.getFloat64(at + 1);
        throw new BinaryPlistError('a number is damaged');
      }
      case 0x3:
        within(at + 1, 8);
        return view.getFloat64(at + 1);
      case 0x4: {
        const { length, start } = lengthAt(at);
        within(start, length);
        return bytes.subarray(start, start + length);
      }
      case 0x5: {
        const { length, start } = lengthAt(at);
        within(start, length);
        return Buffer.from(bytes.buffer, bytes.byteOffset + start, length).toString('latin1');
      }
      case 0x6: {
        const { length, start } = lengthAt(at);
        within(start, length * 2);
        return Buffer.from(bytes.subarray(start, start + length * 2))
          .swap16()
          .toString('utf16le');
      }
      case 0xa: {
        const { length, start } = lengthAt(at);
        within(start, length * refSize);
        return Array.from({ length }, (_, i) =>
          readObject(bigUint(view, start + i * refSize, refSize), depth + 1),
        );
      }
      case 0xd: {
        const { length, start } = lengthAt(at);
        within(start, 2 * length * refSize);
        // No prototype: a key "__proto__" is a key like any other.
        const dict = Object.create(null) as { [key: string]: PlistValue };
        for (let i = 0; i < length; i++) {
          const key = readObject(bigUint(view, start + i * refSize, refSize), depth + 1);
          if (typeof key !== 'string') throw new BinaryPlistError('a key is not a string');
          dict[key] = readObject(bigUint(view, start + (length + i) * refSize, refSize), depth + 1);
        }
        return dict;
      }
      default:
        throw new BinaryPlistError('an object is of a kind this reader does not read');
    }
  };
  return readObject(top, 0);
}

/** An unsigned big-endian integer of `size` bytes (at most 2^53 - 1: larger is damage). */
function bigUint(view: DataView, at: number, size: number): number {
  if (at < 0 || at + size > view.byteLength) throw new BinaryPlistError('a number runs past the end');
  let value = 0;
  for (let i = 0; i < size; i++) {
    value = value * 256 + view.getUint8(at + i);
    if (value > Number.MAX_SAFE_INTEGER) throw new BinaryPlistError('a number is too large');
  }
  return value;
}
