/**
 * A TIFF page's pixels as RGBA, 8 bits a channel, for tiff.ts. UTIF decompresses the page; its conversion to
 * RGBA (UTIF.toRGBA8) is used only where it is right. Checked against libtiff (tiff2rgba) on the test images
 * of image-rs/image-tiff (libtiff's own among them), UTIF got these wrong without a word:
 * - pages stored plane by plane (all the red, then the green, then the blue: PlanarConfiguration 2): it
 *   read them as if interleaved, a picture of stripes;
 * - grey of 2 bits (dark on light) and 4 bits (light on dark), and grey of other depths (6, 10, 12 bits):
 *   left blank;
 * - grey with transparency (two samples a pixel): the transparency ignored; RGB whose transparency is
 *   associated (multiplied into the colour, as Photoshop writes it): too dark where partly transparent;
 * - CMYK (a printer's colours): refused as damaged (its conversion needs a browser's window);
 * - compressions it does not have (Zstandard, WebP, LERC…), colours as YCbCr without JPEG, LogLuv: a page
 *   of black, noise or the wrong colours.
 * Those it does not read now are refused, in words that say what they are (unsupportedTiffPage).
 */
import UTIF from 'utif2';

type Ifd = UTIF.IFD;

/** Compressions UTIF reads right: none, CCITT (RLE, G3, G4), LZW, JPEG, Deflate (both codes), PackBits. */
const COMPRESSIONS = new Set([1, 2, 3, 4, 5, 7, 8, 32946, 32773]);

const COMPRESSION_NAMES: Record<number, string> = {
  6: 'old-style JPEG',
  9: 'JPEG XL',
  32809: 'ThunderScan',
  34676: 'SGI LogLuv',
  34677: 'SGI LogLuv',
  34712: 'JPEG 2000',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'Zstandard',
  50001: 'WebP',
  50002: 'JPEG XL',
};

function values(ifd: Ifd, tag: number): number[] {
  const value: unknown = ifd[`t${tag}`];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

function first(ifd: Ifd, tag: number, otherwise: number): number {
  return values(ifd, tag)[0] ?? otherwise;
}

interface Layout {
  photometric: number;
  compression: number;
  bits: number;
  samples: number;
  planar: boolean;
  /** SampleFormat: 1 unsigned, 2 signed, 3 floating point. */
  format: number;
}

function layoutOf(ifd: Ifd): Layout {
  const bits = first(ifd, 258, 1);
  return {
    photometric: first(ifd, 262, bits === 1 ? 0 : 2),
    compression: first(ifd, 259, 1),
    bits,
    samples: first(ifd, 277, 1),
    planar: first(ifd, 284, 1) === 2,
    format: first(ifd, 339, 1),
  };
}

/**
 * What the page is, in words that follow "it is" ("a TIFF picture compressed with Zstandard"), when this app
 * does not read it; null when it does.
 */
export function unsupportedTiffPage(ifd: Ifd): string | null {
  const { photometric, compression, bits, samples, planar, format } = layoutOf(ifd);
  if (!COMPRESSIONS.has(compression))
    return `a TIFF picture compressed with ${COMPRESSION_NAMES[compression] ?? `a method this app does not know (number ${compression})`}`;
  if (photometric === 6 && compression !== 7)
    return 'a TIFF picture whose colours are stored as YCbCr without JPEG compression, as some old cameras made them';
  if (![0, 1, 2, 3, 5, 6].includes(photometric))
    return 'a TIFF picture whose colours are stored in a way this app does not read (LogLuv, CIELab or another)';
  if (planar && ifd.t322 !== undefined)
    return 'a TIFF picture stored in tiles, a colour at a time, which this app does not read';
  const greyDepths = format === 3 ? [32] : [1, 2, 4, 8, 16];
  const depths = photometric <= 1 ? greyDepths : photometric === 3 ? [1, 2, 4, 8] : [8, 16, 32];
  if (!depths.includes(bits) || (bits === 32 && format !== 3))
    return `a TIFF picture of ${bits} bits a colour, which this app does not read`;
  if (photometric === 5 && (samples < 4 || first(ifd, 332, 1) !== 1))
    return 'a TIFF picture in printing inks other than cyan, magenta, yellow and black';
  return null;
}

/** The page's samples with its planes interleaved, as a page stored pixel by pixel would hold them. */
function decodePlanes(buffer: ArrayBuffer, ifd: Ifd, layout: Layout): Uint8Array {
  const data = new Uint8Array(buffer);
  const width = first(ifd, 256, 0);
  const height = first(ifd, 257, 0);
  const rowsPerStrip = Math.min(first(ifd, 278, height), height);
  const offsets = values(ifd, 273);
  const counts = values(ifd, 279);
  const { samples, bits } = layout;
  const bytesPerSample = bits >> 3;
  const planeRow = Math.ceil((width * bits) / 8);
  const stripsPerPlane = Math.ceil(height / rowsPerStrip);
  // Each plane is decoded as a page of one sample a pixel (UTIF's predictor and byte order then apply to it).
  const planeIfd = { ...ifd, t277: [1], isLE: data[0] === 0x49 } as unknown as Ifd;
  const decode = (
    UTIF as unknown as {
      decode: {
        _decompress(
          img: Ifd,
          ifds: Ifd[],
          data: Uint8Array,
          off: number,
          len: number,
          cmpr: number,
          tgt: Uint8Array,
          toff: number,
          fo: number,
          w: number,
          h: number,
        ): void;
      };
    }
  ).decode;
  const planes = Array.from({ length: samples }, () => new Uint8Array(planeRow * height));
  for (let plane = 0; plane < samples; plane++)
    for (let strip = 0; strip < stripsPerPlane; strip++) {
      const index = plane * stripsPerPlane + strip;
      if (offsets[index] === undefined || counts[index] === undefined) continue;
      const rows = Math.min(rowsPerStrip, height - strip * rowsPerStrip);
      const piece = new Uint8Array(planeRow * rowsPerStrip);
      decode._decompress(
        planeIfd,
        [],
        data,
        offsets[index],
        counts[index],
        layout.compression,
        piece,
        0,
        first(ifd, 266, 1),
        width,
        rows,
      );
      planes[plane].set(piece.subarray(0, planeRow * rows), strip * rowsPerStrip * planeRow);
    }
  if (bits < 8) throw new Error('planes of fewer than 8 bits');
  const out = new Uint8Array(width * height * samples * bytesPerSample);
  for (let p = 0; p < width * height; p++)
    for (let s = 0; s < samples; s++)
      for (let b = 0; b < bytesPerSample; b++)
        out[(p * samples + s) * bytesPerSample + b] = planes[s][p * bytesPerSample + b];
  return out;
}

/** Sample `index` (in samples from the start of `row`) at `bits`, as 8 bits (16-bit ones little-endian). */
function sample8(data: Uint8Array, row: number, index: number, bits: number): number {
  if (bits === 8) return data[row + index];
  if (bits === 16) return data[row + index * 2 + 1];
  const bit = index * bits;
  const value = (data[row + (bit >> 3)] >> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
  return Math.round((value * 255) / ((1 << bits) - 1));
}

/**
 * Grey (photometric 0 or 1) and CMYK (5), with or without an extra sample of transparency: RGBA with that
 * transparency unassociated (flattenOnWhite lays it onto white). Null for what UTIF converts right.
 */
function ownRgba(ifd: Ifd, data: Uint8Array, layout: Layout): Uint8Array | null {
  const { photometric, bits, samples, format, compression } = layout;
  // JPEG pages come out of UTIF's decoder as RGB, whatever they were.
  if (compression === 7 || format !== 1) return null;
  if (!((photometric <= 1 && bits <= 16) || (photometric === 5 && bits >= 8))) return null;
  const width = first(ifd, 256, 0);
  const height = first(ifd, 257, 0);
  const colours = photometric === 5 ? 4 : 1;
  const alpha = samples > colours ? values(ifd, 338)[0] : undefined;
  const rowBytes = Math.ceil((width * samples * bits) / 8);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const base = x * samples;
      let a = 255;
      if (alpha === 1 || alpha === 2) a = sample8(data, row, base + colours, bits);
      // Associated transparency is already multiplied into the colour: taken out again.
      const unassociate = (v: number) =>
        alpha === 1 ? (a === 0 ? 0 : Math.min(255, Math.round((v * 255) / a))) : v;
      if (photometric === 5) {
        const k = 255 - sample8(data, row, base + 3, bits);
        for (let c = 0; c < 3; c++)
          rgba[at + c] = unassociate(Math.round(((255 - sample8(data, row, base + c, bits)) * k) / 255));
      } else {
        const grey = sample8(data, row, base, bits);
        rgba[at] = rgba[at + 1] = rgba[at + 2] = unassociate(photometric === 0 ? 255 - grey : grey);
      }
      rgba[at + 3] = a;
    }
  }
  return rgba;
}

/** The page's pixels as RGBA (8 bits a channel). Check unsupportedTiffPage first. */
export function tiffPageRgba(buffer: ArrayBuffer, ifd: Ifd): Uint8Array {
  const layout = layoutOf(ifd);
  if (layout.planar) {
    ifd.data = decodePlanes(buffer, ifd, layout);
    ifd.width = first(ifd, 256, 0);
    ifd.height = first(ifd, 257, 0);
    ifd.t284 = [1];
  } else UTIF.decodeImage(buffer, ifd);
  const own = ownRgba(ifd, ifd.data, layout);
  if (own) return own;
  const rgba = UTIF.toRGBA8(ifd);
  // UTIF takes an RGB page's transparency as it is: associated, it is already multiplied into the colour.
  if (layout.photometric === 2 && layout.samples >= 4 && values(ifd, 338)[0] === 1)
    for (let p = 0; p < rgba.length; p += 4) {
      const a = rgba[p + 3];
      for (let c = 0; c < 3; c++)
        rgba[p + c] = a === 0 ? 0 : Math.min(255, Math.round((rgba[p + c] * 255) / a));
    }
  return rgba;
}
