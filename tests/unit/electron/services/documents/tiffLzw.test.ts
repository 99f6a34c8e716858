/**
 * TIFF's LZW decoded with a table of its own for each strip: what libtiff writes, pixel for pixel, and a
 * damaged strip refused at once, whatever an earlier strip left behind.
 */
import { describe, expect, it } from 'vitest';
import UTIF from 'utif2';
// Puts decodeTiffLzw in UTIF's place, as import does.
import '../../../../../electron/services/documents/tiff';
import { decodeTiffLzw, LzwDamaged } from '../../../../../electron/services/documents/tiffLzw';
import { makeTiff, tiffcp, type TiffPage } from '../../../../helpers/tiff';

const CLEAR = 256;
const END = 257;

/**
 * Codes written as TIFF's LZW writes them: most significant bit first, 9 bits after each reset, one bit
 * more once the next entry the decoder makes would need it (a code one early), up to 12.
 */
function lzwStream(codes: number[]): Uint8Array {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  let width = 9;
  let next = 258;
  let afterReset = true;
  for (const code of codes) {
    if (code >= 1 << width) throw new Error(`code ${code} does not fit in ${width} bits`);
    acc = (acc << width) | code;
    bits += width;
    while (bits >= 8) {
      bytes.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
      acc &= (1 << bits) - 1;
    }
    if (code === CLEAR) {
      width = 9;
      next = 258;
      afterReset = true;
    } else if (code !== END) {
      if (!afterReset && next < 4096) next++;
      afterReset = false;
      if (next + 1 >= 1 << width && width < 12) width++;
    }
  }
  if (bits > 0) bytes.push((acc << (8 - bits)) & 0xff);
  return new Uint8Array(bytes);
}

function decode(stream: Uint8Array, size = 65536): { bytes: Uint8Array; end: number } {
  const target = new Uint8Array(size);
  const end = decodeTiffLzw(stream, 0, stream.length, target, 0);
  return { bytes: target.subarray(0, Math.min(end, size)), end };
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('decodeTiffLzw', () => {
  it('reads literals, codes it has made and the code it is making (KwKwK)', () => {
    // A B 258 (AB) 260 (the code being made: ABA) then the end.
    const { bytes } = decode(lzwStream([CLEAR, 65, 66, 258, 260, END]));
    expect(text(bytes)).toBe('ABABABA');
  });

  it('ends at the end of the data when the end code is left out', () => {
    expect(text(decode(lzwStream([CLEAR, 72, 105, 33])).bytes)).toBe('Hi!');
  });

  it('refuses a code past the end of its table', () => {
    expect(() => decode(lzwStream([CLEAR, 65, 300, END]))).toThrow(LzwDamaged);
    expect(() => decode(lzwStream([CLEAR, 300, END]))).toThrow(LzwDamaged);
  });

  it('does not read what an earlier strip left in the table, which could loop for ever', () => {
    // The first strip fills the table to entry 4000, made from code 2101: 2101's string and a letter.
    const first = lzwStream([CLEAR, ...Array.from({ length: 3742 }, () => 65), 2101, 66, END]);
    const firstEnd = decode(first, 1 << 20).end;
    expect(firstEnd).toBeGreaterThan(3742);
    // The second, once its codes are 12 bits (its next entry 2100), points at 4000 before it has made it,
    // then makes 2101 from 4000 and reads 2101: with the first strip's entries still there, 2101 leads to
    // 4000 and 4000 back to 2101 (UTIF's decoder, which keeps its table between strips, never returns).
    const second = lzwStream([CLEAR, ...Array.from({ length: 1843 }, () => 65), 4000, 66, 2101, END]);
    expect(() => decode(second, 1 << 20)).toThrow(/code 4000 is past the table's end \(2100\)/);
    // The table is each strip's own: the first strip reads as it did.
    expect(decode(first, 1 << 20).end).toBe(firstEnd);
  });

  it('writes no further than its target', () => {
    const target = new Uint8Array(4);
    const stream = lzwStream([CLEAR, 65, 66, 258, 260, END]);
    expect(decodeTiffLzw(stream, 0, stream.length, target, 0)).toBe(7);
    expect(text(target)).toBe('ABAB');
  });
});

describe('UTIF with decodeTiffLzw', () => {
  /** Pixels that do not repeat much, so that the table fills and is reset within a strip. */
  const noisy = (kind: TiffPage['kind']): TiffPage => ({
    width: 301,
    height: 203,
    kind,
    pixel: (x, y) => {
      const v = (x * 7919 + y * 104729 + ((x * y) % 13)) % 251;
      return [v, (v * 3) % 256, (x + y) % 256];
    },
  });

  const bufferOf = (tiff: Uint8Array) =>
    tiff.buffer.slice(tiff.byteOffset, tiff.byteOffset + tiff.byteLength) as ArrayBuffer;
  const rgba = (tiff: Uint8Array) => {
    const buffer = bufferOf(tiff);
    const [ifd] = UTIF.decode(buffer);
    UTIF.decodeImage(buffer, ifd);
    return UTIF.toRGBA8(ifd);
  };

  it.each([
    ['rgb', 'lzw'],
    ['grey', 'lzw'],
    ['rgb', 'lzw:2'],
    ['bilevel', 'lzw'],
  ] as const)('reads a %s page libtiff compressed with %s, pixel for pixel', (kind, compression) => {
    const plain = makeTiff([noisy(kind)]);
    const packed = tiffcp(plain, compression);
    expect(UTIF.decode(bufferOf(packed))[0].t259).toEqual([5]);
    expect(Buffer.from(rgba(packed)).equals(Buffer.from(rgba(plain)))).toBe(true);
  });
});
