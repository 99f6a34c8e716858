/**
 * Bounds on UTIF's fax decoders (CCITT G3 and G4, the compressions of fax machines and black-and-white
 * scans), which trust the data: a damaged G4 fax (7 bytes changed in image-tiff's fax4.tiff, npm run fuzz
 * seed 44) held its import for the full 3 minutes. Where no code matches, they add bit after bit to the word
 * they are reading, and look each longer word up again (the square of its length); a damaged run length
 * makes a line grow past the page's width, and the line is never finished. Here a word longer than any
 * code (with a fax's fill before its end-of-line code) and a line longer than the page are damage: the
 * decoder stops, and the page is refused as damaged.
 */

/** Bits a word may grow to: the longest code is 13, an end-of-line code with a fax's fill some more. */
const MAX_WORD_BITS = 256;

export class FaxDamaged extends Error {}

interface FaxDecoders {
  _lens: [Record<string, number>, Record<string, number>];
  _dmap: Record<string, number>;
  _addNtimes(arr: number[], n: number, val: number): void;
  _decodeG2(...args: unknown[]): void;
  _decodeG4(...args: unknown[]): void;
}

/** The page width of the fax line being decoded (0 outside a decode). */
let lineWidth = 0;

/** A code table that finds no code in, and refuses, a word longer than any code. */
function bounded(table: Record<string, number>): Record<string, number> {
  return new Proxy(table, {
    get(target, key) {
      if (typeof key === 'string' && key.length > 13) {
        if (key.length > MAX_WORD_BITS) throw new FaxDamaged('a fax code is damaged');
        return undefined;
      }
      return Reflect.get(target, key) as unknown;
    },
  });
}

/** Installs the bounds on UTIF's `decode` (once). */
export function boundFaxDecoders(decode: FaxDecoders): void {
  if ((decode as { bounded?: boolean }).bounded) return;
  (decode as { bounded?: boolean }).bounded = true;
  decode._lens = [bounded(decode._lens[0]), bounded(decode._lens[1])];
  decode._dmap = bounded(decode._dmap);
  const addNtimes = decode._addNtimes.bind(decode);
  decode._addNtimes = (arr, n, val) => {
    if (lineWidth > 0 && arr.length + n > lineWidth)
      throw new FaxDamaged('a fax line is longer than its page');
    addNtimes(arr, n, val);
  };
  // G3's decoder starts from a line of the page's width, thrown away at its first end-of-line code: its
  // lines are not bounded here (they end at each end-of-line code).
  for (const name of ['_decodeG2', '_decodeG4'] as const) {
    const original = decode[name].bind(decode);
    // Arguments: data, offset, length, target, target offset, width, fill order.
    decode[name] = (...args: unknown[]) => {
      lineWidth = typeof args[5] === 'number' ? args[5] : 0;
      try {
        original(...args);
      } finally {
        lineWidth = 0;
      }
    };
  }
}
