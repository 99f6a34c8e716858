/**
 * TIFF files for tests, written here (uncompressed, PackBits or Deflate; one page or many) and, for the
 * compressions scanners and fax machines use (CCITT G3 and G4, LZW, JPEG), re-encoded by libtiff's tiffcp
 * (Debian's libtiff-tools, installed by scripts/install-system-deps.sh): an encoder that is not ours.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export type Rgb = [number, number, number];

export interface TiffPage {
  width: number;
  height: number;
  /** RGB: 8 bits a channel; grey: 8 bits; bilevel: 1 bit, 0 black (stored WhiteIsZero, as faxes are). */
  kind: 'rgb' | 'grey' | 'bilevel';
  /** The colour of a pixel (grey and bilevel pages use its first channel: over 127 is white for bilevel). */
  pixel: (x: number, y: number) => Rgb;
  /** Dots per inch across and down (a fine fax: 204 × 196; a normal one: 204 × 98). */
  resolution?: [number, number];
  compression?: 'none' | 'packbits' | 'deflate';
  /** A TIFF orientation (1-8). */
  orientation?: number;
  /**
   * The page's samples as they are stored, for kinds of page `kind` does not make (4-bit grey, grey with
   * transparency, CMYK, YCbCr): `pixel` and `kind` are then not used for the samples.
   */
  stored?: { photometric: number; bitsPerSample: number[]; extraSamples?: number[]; samples: Uint8Array };
  /** An ICC colour profile for the page's colours (the InterColorProfile tag, 34675). */
  colourProfile?: Uint8Array;
}

function samples(page: TiffPage): Uint8Array {
  const { width, height, kind } = page;
  if (kind === 'bilevel') {
    const rowBytes = Math.ceil(width / 8);
    const out = new Uint8Array(rowBytes * height);
    // WhiteIsZero: a set bit is black.
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        if (page.pixel(x, y)[0] <= 127) out[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
    return out;
  }
  const channels = kind === 'rgb' ? 3 : 1;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const colour = page.pixel(x, y);
      for (let c = 0; c < channels; c++) out[(y * width + x) * channels + c] = colour[c];
    }
  return out;
}

/** PackBits (TIFF compression 32773): literal runs only, which every reader takes. */
function packBits(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 128) {
    const run = data.subarray(i, Math.min(data.length, i + 128));
    out.push(run.length - 1, ...run);
  }
  return Uint8Array.from(out);
}

interface Entry {
  tag: number;
  /** SHORT, LONG, RATIONAL (values: where it is), or UNDEFINED bytes (values: where they are). */
  type: 3 | 4 | 5 | 7;
  values: number[];
  /** UNDEFINED's number of bytes. */
  count?: number;
}

/** A little-endian TIFF of `pages`, one strip a page. */
export function makeTiff(pages: TiffPage[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 8;
  const add = (bytes: Uint8Array) => {
    const at = length;
    chunks.push(bytes);
    length += bytes.length + (bytes.length % 2);
    if (bytes.length % 2) chunks.push(new Uint8Array(1));
    return at;
  };
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  const directoryOffsets: number[] = [];
  const directories: { at: number; bytes: Buffer }[] = [];
  for (const page of pages) {
    const raw = page.stored?.samples ?? samples(page);
    const compression = page.compression ?? 'none';
    const strip =
      compression === 'packbits' ? packBits(raw) : compression === 'deflate' ? deflateSync(raw) : raw;
    const stripAt = add(strip);
    const resolution = page.resolution ?? [200, 200];
    const xAt = add(Buffer.from(new Uint32Array([resolution[0], 1]).buffer));
    const yAt = add(Buffer.from(new Uint32Array([resolution[1], 1]).buffer));
    const channels = page.stored?.bitsPerSample.length ?? (page.kind === 'rgb' ? 3 : 1);
    const bits = page.stored?.bitsPerSample ?? Array<number>(channels).fill(page.kind === 'bilevel' ? 1 : 8);
    const photometric = page.stored?.photometric ?? { rgb: 2, grey: 1, bilevel: 0 }[page.kind];
    const extraSamples = page.stored?.extraSamples;
    const entries: Entry[] = [
      { tag: 256, type: 4, values: [page.width] },
      { tag: 257, type: 4, values: [page.height] },
      { tag: 258, type: 3, values: bits },
      { tag: 259, type: 3, values: [{ none: 1, packbits: 32773, deflate: 8 }[compression]] },
      { tag: 262, type: 3, values: [photometric] },
      { tag: 273, type: 4, values: [stripAt] },
      ...(page.orientation ? [{ tag: 274, type: 3 as const, values: [page.orientation] }] : []),
      { tag: 277, type: 3, values: [channels] },
      { tag: 278, type: 4, values: [page.height] },
      { tag: 279, type: 4, values: [strip.length] },
      { tag: 282, type: 5, values: [xAt] },
      { tag: 283, type: 5, values: [yAt] },
      { tag: 296, type: 3, values: [2] },
      ...(extraSamples ? [{ tag: 338, type: 3 as const, values: extraSamples }] : []),
      ...(page.colourProfile
        ? [
            {
              tag: 34675,
              type: 7 as const,
              values: [add(page.colourProfile)],
              count: page.colourProfile.length,
            },
          ]
        : []),
    ];
    // An RGB page's three BitsPerSample values do not fit in the entry: they go elsewhere.
    const extra = entries.map((entry) => {
      if (entry.type === 3 && entry.values.length > 2) {
        const bytes = Buffer.alloc(entry.values.length * 2);
        entry.values.forEach((v, i) => bytes.writeUInt16LE(v, i * 2));
        return add(bytes);
      }
      return null;
    });
    const bytes = Buffer.alloc(2 + entries.length * 12 + 4);
    bytes.writeUInt16LE(entries.length, 0);
    entries.forEach((entry, i) => {
      const at = 2 + i * 12;
      bytes.writeUInt16LE(entry.tag, at);
      bytes.writeUInt16LE(entry.type, at + 2);
      bytes.writeUInt32LE(entry.count ?? (entry.type === 5 ? 1 : entry.values.length), at + 4);
      if (entry.type === 5 || entry.type === 7) bytes.writeUInt32LE(entry.values[0], at + 8);
      else if (extra[i] !== null) bytes.writeUInt32LE(extra[i], at + 8);
      else if (entry.type === 3) entry.values.forEach((v, j) => bytes.writeUInt16LE(v, at + 8 + j * 2));
      else bytes.writeUInt32LE(entry.values[0], at + 8);
    });
    const at = add(bytes);
    directoryOffsets.push(at);
    directories.push({ at, bytes });
  }
  // Each directory's last four bytes: the next one's offset (0 after the last).
  directories.forEach((directory, i) =>
    directory.bytes.writeUInt32LE(directoryOffsets[i + 1] ?? 0, directory.bytes.length - 4),
  );
  header.writeUInt32LE(directoryOffsets[0], 4);
  return Buffer.concat([header, ...chunks]);
}

/**
 * `tiff` re-encoded by libtiff's tiffcp with `-c compression` (g3, g4, lzw, jpeg, packbits, zip, zstd), in
 * strips of `rowsPerStrip` rows when given; `options`, more of tiffcp's (["-p", "separate"]: a colour a plane).
 */
export function tiffcp(
  tiff: Uint8Array,
  compression: string,
  rowsPerStrip?: number,
  options: string[] = [],
): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'tiffcp-'));
  try {
    writeFileSync(join(dir, 'in.tif'), tiff);
    // JPEG strips must be a whole number of 8 or 16 rows.
    const rows = rowsPerStrip ? ['-r', String(rowsPerStrip)] : compression === 'jpeg' ? ['-r', '16'] : [];
    execFileSync('tiffcp', [
      '-c',
      compression,
      ...rows,
      ...options,
      join(dir, 'in.tif'),
      join(dir, 'out.tif'),
    ]);
    return readFileSync(join(dir, 'out.tif'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
