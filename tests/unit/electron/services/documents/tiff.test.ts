/**
 * TIFF scans and faxes into PDF pages: every page, in its colours, in the shape its pixels have, whatever
 * the compression (the ones libtiff writes checked through libtiff's own tiffcp); a damaged or hostile file
 * is refused at once rather than read forever.
 */
import UTIF from 'utif2';
import { describe, expect, it } from 'vitest';
import { ImageTooLarge } from '../../../../../electron/services/documents/images';
import { TiffReadError, tiffToPdf } from '../../../../../electron/services/documents/tiff';
import { look, near, pageCount } from '../../../../helpers/popplerLook';
import { makeTiff, tiffcp, type Rgb, type TiffPage } from '../../../../helpers/tiff';
import { PictureNotSupported } from '../../../../../electron/services/documents/images';

const RED: Rgb = [220, 30, 30];
const BLUE: Rgb = [30, 30, 220];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** Left half red, right half blue (or black and white for grey and bilevel pages). */
function halves(kind: TiffPage['kind'], width = 120, height = 160): TiffPage {
  const [left, right] = kind === 'rgb' ? [RED, BLUE] : [BLACK, WHITE];
  return { width, height, kind, pixel: (x) => (x < width / 2 ? left : right) };
}

describe('tiffToPdf', () => {
  it('makes a page of each page, in its colours, fitted to A4', async () => {
    const pdf = await tiffToPdf(
      makeTiff([
        halves('rgb'),
        { ...halves('grey'), compression: 'packbits' },
        { ...halves('bilevel'), compression: 'deflate' },
      ]),
      'Scan',
    );
    expect(pageCount(pdf)).toBe(3);
    for (const [page, left, right] of [
      [1, RED, BLUE],
      [2, BLACK, WHITE],
      [3, BLACK, WHITE],
    ] as const) {
      const seen = [look(pdf, page, 0.3, 0.5), look(pdf, page, 0.7, 0.5)];
      expect(seen[0].size).toEqual([595.28, 841.89]);
      expect(near(seen[0].colour, left), `page ${page} left: ${seen[0].colour.join(' ')}`).toBe(true);
      expect(near(seen[1].colour, right), `page ${page} right: ${seen[1].colour.join(' ')}`).toBe(true);
    }
  });

  it.each(['g4', 'g3', 'lzw', 'packbits', 'zip'])(
    'reads a black-and-white page libtiff compressed with %s',
    async (compression) => {
      const pdf = await tiffToPdf(tiffcp(makeTiff([halves('bilevel', 400, 560)]), compression), 'Fax');
      expect(near(look(pdf, 1, 0.3, 0.5).colour, BLACK)).toBe(true);
      expect(near(look(pdf, 1, 0.7, 0.5).colour, WHITE)).toBe(true);
    },
  );

  it.each(['lzw', 'jpeg', 'zip'])('reads a colour page libtiff compressed with %s', async (compression) => {
    const pdf = await tiffToPdf(tiffcp(makeTiff([halves('rgb', 240, 320)]), compression), 'Scan');
    expect(near(look(pdf, 1, 0.3, 0.5).colour, RED)).toBe(true);
    expect(near(look(pdf, 1, 0.7, 0.5).colour, BLUE)).toBe(true);
  });

  it("keeps a fax's tall pixels: a normal-resolution fax page stays portrait", async () => {
    // 1728 × 1100 pixels at 204 × 98 dpi: 8.5 × 11.2 inches. Square pixels would make it landscape.
    const fax: TiffPage = {
      width: 1728,
      height: 1100,
      kind: 'bilevel',
      resolution: [204, 98],
      pixel: (_x, y) => (y < 550 ? BLACK : WHITE),
    };
    const pdf = await tiffToPdf(tiffcp(makeTiff([fax]), 'g3'), 'Fax');
    expect(look(pdf, 1, 0.5, 0.5).size).toEqual([595.28, 841.89]);
    expect(near(look(pdf, 1, 0.5, 0.3).colour, BLACK)).toBe(true);
    expect(near(look(pdf, 1, 0.5, 0.7).colour, WHITE)).toBe(true);
  });

  it('turns a page as its orientation says', async () => {
    // Stored on its side (orientation 6: turn a quarter clockwise to show): red on top once turned.
    const sideways: TiffPage = { ...halves('rgb', 160, 120), orientation: 6 };
    const pdf = await tiffToPdf(makeTiff([sideways]), 'Scan');
    const top = look(pdf, 1, 0.5, 0.3);
    expect(top.size).toEqual([595.28, 841.89]);
    expect(near(top.colour, RED)).toBe(true);
    expect(near(look(pdf, 1, 0.5, 0.7).colour, BLUE)).toBe(true);
  });

  it('refuses at once a file whose pages loop, or whose values lie outside it', async () => {
    const looped = Buffer.from(makeTiff([halves('grey'), halves('grey')]));
    // Point the second page's "next page" back at the first.
    const first = looped.readUInt32LE(4);
    const second = looped.readUInt32LE(first + 2 + looped.readUInt16LE(first) * 12);
    looped.writeUInt32LE(first, second + 2 + looped.readUInt16LE(second) * 12);
    await expect(tiffToPdf(looped, 'Loop')).rejects.toThrow(TiffReadError);

    const huge = Buffer.from(makeTiff([halves('grey')]));
    // The first entry (ImageWidth) claims four thousand million values.
    huge.writeUInt32LE(0xffffffff, huge.readUInt32LE(4) + 2 + 4);
    await expect(tiffToPdf(huge, 'Huge')).rejects.toThrow(TiffReadError);

    await expect(tiffToPdf(Buffer.from([0x49, 0x49, 0x2a, 0x00, 1, 2, 3]), 'Cut')).rejects.toThrow(
      TiffReadError,
    );
  });

  it('lays a scanned page one pixel wide and 65,537 tall over 100 pages, not 46,390', async () => {
    const thin: TiffPage = { width: 1, height: 65_537, kind: 'bilevel', pixel: () => BLACK };
    expect(pageCount(await tiffToPdf(tiffcp(makeTiff([thin]), 'g4'), 'Thin'))).toBe(100);
  });

  // UTIF's fax decoder added bit after bit to a word no code matched, looking each longer word up again:
  // a damaged fax (image-tiff's fax4.tiff, 7 bytes changed) held its import for 3 minutes; this one, 5 KB of
  // zeros, took 5 s and came out as a page of nothing.
  it('refuses at once a fax whose data no code matches', async () => {
    const noisy: TiffPage = {
      width: 1728,
      height: 2200,
      kind: 'bilevel',
      pixel: (x, y) => ((x * 7919 + y * 104729) % 13 < 6 ? BLACK : WHITE),
    };
    const fax = Buffer.from(tiffcp(makeTiff([noisy]), 'g4'));
    const [directory] = UTIF.decode(fax.buffer.slice(fax.byteOffset, fax.byteOffset + fax.length));
    const [start] = directory.t273 as number[];
    const [length] = directory.t279 as number[];
    expect(length).toBeGreaterThan(4000);
    fax.fill(0, start + 100, start + length);
    await expect(tiffToPdf(fax, 'Fax')).rejects.toThrow(TiffReadError);
  });

  it('refuses a page over the pixel limit from its directory, before decoding it', async () => {
    const big = Buffer.from(makeTiff([halves('bilevel', 16, 16)]));
    const directory = big.readUInt32LE(4);
    // ImageWidth and ImageLength (entries 1 and 2) say 20,000 × 20,000 pixels.
    big.writeUInt32LE(20_000, directory + 2 + 8);
    big.writeUInt32LE(20_000, directory + 2 + 12 + 8);
    await expect(tiffToPdf(big, 'Big')).rejects.toThrow(ImageTooLarge);
  });

  it('refuses at once a page whose strip runs past the end of the file', async () => {
    // A G4 fax (as libtiff writes it) whose one strip's byte count (tag 279) says about a billion: UTIF's
    // fax decoder read on past the end of the data until the import's time limit (npm run fuzz, seed 10).
    const fax = Buffer.from(tiffcp(makeTiff([halves('bilevel')]), 'g4'));
    const little = fax.toString('latin1', 0, 2) === 'II';
    const u16 = (at: number) => (little ? fax.readUInt16LE(at) : fax.readUInt16BE(at));
    const directory = little ? fax.readUInt32LE(4) : fax.readUInt32BE(4);
    let patched = false;
    for (let i = 0; i < u16(directory); i++) {
      const entry = directory + 2 + i * 12;
      if (u16(entry) !== 279) continue;
      expect(u16(entry + 2)).toBe(4); // LONG, one strip: its value in the entry
      if (little) fax.writeUInt32LE(0x35000000, entry + 8);
      else fax.writeUInt32BE(0x35000000, entry + 8);
      patched = true;
    }
    expect(patched).toBe(true);
    await expect(tiffToPdf(fax, 'Fax')).rejects.toThrow(TiffReadError);
  });
});

/** A page of `width` × `height` whose stored samples are `left` for the left half and `right` for the right. */
function storedHalves(
  photometric: number,
  bitsPerSample: number[],
  left: number[],
  right: number[],
  extraSamples?: number[],
  width = 120,
  height = 160,
): TiffPage {
  const bits = bitsPerSample[0];
  const perPixel = bitsPerSample.length;
  const rowBytes = Math.ceil((width * perPixel * bits) / 8);
  const samples = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      (x < width / 2 ? left : right).forEach((value, s) => {
        const bit = (x * perPixel + s) * bits;
        if (bits === 8) samples[y * rowBytes + bit / 8] = value;
        else samples[y * rowBytes + (bit >> 3)] |= value << (8 - bits - (bit & 7));
      });
  return {
    width,
    height,
    kind: 'grey',
    pixel: () => WHITE,
    stored: { photometric, bitsPerSample, extraSamples, samples },
  };
}

// Each read wrongly by UTIF, without a word (checked against libtiff's tiff2rgba on image-tiff's test images).
describe('TIFF pages of the kinds UTIF read wrongly', () => {
  const halvesAre = async (page: TiffPage | Uint8Array, left: Rgb, right: Rgb) => {
    const pdf = await tiffToPdf(page instanceof Uint8Array ? page : makeTiff([page]), 'Scan');
    const seen = [look(pdf, 1, 0.3, 0.5).colour, look(pdf, 1, 0.7, 0.5).colour];
    expect({ left: near(seen[0], left, 8), right: near(seen[1], right, 8), seen }).toMatchObject({
      left: true,
      right: true,
    });
  };

  it('reads a colour page stored a colour at a time (red, then green, then blue), with or without a predictor', async () => {
    for (const compression of ['lzw', 'lzw:2', 'zip:2', 'none'])
      await halvesAre(
        tiffcp(makeTiff([halves('rgb', 240, 320)]), compression, 40, ['-p', 'separate']),
        RED,
        BLUE,
      );
  });

  it('reads grey of 2 and 4 bits, light on dark and dark on light', async () => {
    await halvesAre(storedHalves(1, [4], [0], [15]), BLACK, WHITE);
    await halvesAre(storedHalves(1, [2], [1], [3]), [85, 85, 85], WHITE);
    await halvesAre(storedHalves(0, [4], [15], [0]), BLACK, WHITE);
    await halvesAre(storedHalves(0, [2], [3], [1]), BLACK, [170, 170, 170]);
  });

  it('lays transparent parts onto white, transparency associated or not', async () => {
    // Grey: black, and transparent (UTIF showed it black).
    await halvesAre(storedHalves(1, [8, 8], [0, 255], [0, 0], [1]), BLACK, WHITE);
    await halvesAre(storedHalves(1, [8, 8], [0, 255], [200, 0], [2]), BLACK, WHITE);
    // RGB, red at half transparency: associated, its samples are already halved (UTIF halved them again).
    await halvesAre(
      storedHalves(2, [8, 8, 8, 8], [128, 0, 0, 128], [0, 0, 0, 0], [1]),
      [255, 127, 127],
      WHITE,
    );
    await halvesAre(
      storedHalves(2, [8, 8, 8, 8], [255, 0, 0, 128], [0, 0, 0, 0], [2]),
      [255, 127, 127],
      WHITE,
    );
  });

  it('reads a page in printing inks (CMYK), which it refused as damaged', async () => {
    await halvesAre(storedHalves(5, [8, 8, 8, 8], [255, 0, 0, 0], [0, 0, 0, 255]), [0, 255, 255], BLACK);
    await halvesAre(storedHalves(5, [8, 8, 8, 8], [0, 255, 255, 0], [0, 0, 0, 0]), [255, 0, 0], WHITE);
  });

  it('refuses, saying what it is, a page it would have shown as noise, black or blank', async () => {
    const refusal = (page: TiffPage | Uint8Array) =>
      tiffToPdf(page instanceof Uint8Array ? page : makeTiff([page]), 'Scan').then(
        () => 'read',
        (error: Error) =>
          error instanceof PictureNotSupported ? error.description : `${error.name}: ${error.message}`,
      );
    expect(await refusal(tiffcp(makeTiff([halves('rgb')]), 'zstd'))).toBe(
      'a TIFF picture compressed with Zstandard',
    );
    expect(await refusal(storedHalves(6, [8, 8, 8], [0, 128, 128], [255, 128, 128]))).toMatch(
      /^a TIFF picture whose colours are stored as YCbCr without JPEG compression/,
    );
    expect(await refusal(storedHalves(1, [12], [0], [4095]))).toBe(
      'a TIFF picture of 12 bits a colour, which this app does not read',
    );
    const bigTiff = Buffer.alloc(16);
    bigTiff.write('II', 0, 'latin1');
    bigTiff.writeUInt16LE(43, 2);
    expect(await refusal(new Uint8Array(bigTiff))).toMatch(/^a BigTIFF picture/);
  });
});
