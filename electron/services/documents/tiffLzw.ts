/**
 * TIFF's LZW compression (compression 5: codes of 9 to 12 bits, most significant bit first, the code width
 * growing one code early, as TIFF 6.0 writes it), decoded with a table of its own for each strip.
 *
 * UTIF's decoder (which tiff.ts otherwise uses) keeps its table from one call to the next and follows
 * whatever code it reads: a damaged strip whose code points past the table's end reads an entry an earlier
 * file left there, and that entry's chain can lead back to itself, so the decoder loops for ever. A sound
 * scan imported after a damaged one was refused after the import's 3-minute limit (npm run fuzz --kinds
 * pictures, seed 1: two damaged LZW scans in turn; the second alone imports at once).
 */

const CLEAR = 256;
const END = 257;
const FIRST_FREE = 258;
const TABLE_SIZE = 4096;

/** A strip's codes do not make an LZW stream (a code past the table's end). */
export class LzwDamaged extends Error {}

/**
 * Decodes the LZW strip data[offset, offset + length) into target from targetOffset (what does not fit is
 * left out), as UTIF.decode._decodeLZW does; returns where the output ended. The end of the data counts as
 * the end code (some writers leave it out). Throws LzwDamaged for a code no sound stream has.
 */
export function decodeTiffLzw(
  data: Uint8Array,
  offset: number,
  length: number,
  target: Uint8Array,
  targetOffset: number,
): number {
  const prefix = new Int16Array(TABLE_SIZE);
  const suffix = new Uint8Array(TABLE_SIZE);
  const first = new Uint8Array(TABLE_SIZE);
  const lengths = new Uint16Array(TABLE_SIZE);
  for (let code = 0; code < 256; code++) {
    prefix[code] = -1;
    suffix[code] = code;
    first[code] = code;
    lengths[code] = 1;
  }
  const end = Math.min(data.length, offset + Math.max(0, length));
  const bitEnd = end * 8;
  let bit = offset * 8;
  let width = 9;
  let next = FIRST_FREE;
  let previous = -1;
  let out = targetOffset;

  const byteAt = (i: number) => (i < end ? data[i] : 0);
  const emit = (code: number) => {
    const count = lengths[code];
    // The string is written from its last byte back along its prefixes: exactly `count` steps.
    for (let i = count - 1, c = code; i >= 0; i--, c = prefix[c]) {
      const at = out + i;
      if (at < target.length) target[at] = suffix[c];
    }
    out += count;
  };

  while (bit + width <= bitEnd) {
    const at = bit >>> 3;
    const three = (byteAt(at) << 16) | (byteAt(at + 1) << 8) | byteAt(at + 2);
    const code = (three >>> (24 - (bit & 7) - width)) & ((1 << width) - 1);
    bit += width;
    if (code === END) break;
    if (code === CLEAR) {
      width = 9;
      next = FIRST_FREE;
      previous = -1;
      continue;
    }
    if (previous === -1) {
      if (code >= 256) throw new LzwDamaged(`the first code after a reset is ${code}, not a byte`);
      emit(code);
      previous = code;
      continue;
    }
    if (code > next) throw new LzwDamaged(`code ${code} is past the table's end (${next})`);
    if (next < TABLE_SIZE) {
      // The new entry: the previous string and the first byte of this one (of itself, for the code being
      // defined now).
      prefix[next] = previous;
      suffix[next] = code === next ? first[previous] : first[code];
      first[next] = first[previous];
      lengths[next] = lengths[previous] + 1;
      next++;
    }
    emit(code);
    previous = code;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  return out;
}
