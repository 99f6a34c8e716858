/**
 * PNGs in the flavours the scaled decoder must read (interlaced, palette at 2 bits, grey with alpha,
 * 16-bit RGB), each with a red (or opaque white) left half and a white (or transparent) right half.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

export type PngVariant = 'interlaced' | 'palette' | 'grey-alpha' | 'rgb16';

/**
 * `filter`: the filter every row is written with, 0 (none) or 3 (Average: each byte less the mean of the one a
 * pixel to its left and the one above, in its own pass, as a PNG encoder may choose).
 */
export function encodePng(variant: PngVariant, width: number, height: number, filter: 0 | 3 = 0): Uint8Array {
  const left = (x: number) => x < width / 2;
  const settings = {
    interlaced: { depth: 8, colorType: 2 },
    palette: { depth: 2, colorType: 3 },
    'grey-alpha': { depth: 8, colorType: 4 },
    rgb16: { depth: 16, colorType: 2 },
  }[variant];
  const pixelBytes = (x: number): number[] => {
    switch (variant) {
      case 'interlaced':
        return left(x) ? [255, 0, 0] : [255, 255, 255];
      case 'grey-alpha':
        return left(x) ? [255, 255] : [0, 0];
      case 'rgb16':
        return left(x) ? [255, 255, 0, 0, 0, 0] : [255, 255, 255, 255, 255, 255];
      default:
        return [];
    }
  };
  const rows = (x0: number, dx: number, y0: number, dy: number): Buffer[] => {
    const out: Buffer[] = [];
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w <= 0 || h <= 0) return out;
    for (let r = 0; r < h; r++) {
      if (variant === 'palette') {
        const row = Buffer.alloc(1 + Math.ceil((w * 2) / 8));
        for (let i = 0; i < w; i++) {
          const index = left(x0 + i * dx) ? 0 : 1;
          row[1 + (i >> 2)] |= index << (6 - (i & 3) * 2);
        }
        out.push(row);
      } else {
        const bytes: number[] = [0];
        for (let i = 0; i < w; i++) bytes.push(...pixelBytes(x0 + i * dx));
        out.push(Buffer.from(bytes));
      }
    }
    return filter === 3 ? averageFiltered(out, Math.max(1, pixelBytes(0).length)) : out;
  };
  const raw =
    variant === 'interlaced'
      ? Buffer.concat(ADAM7.flatMap(([x0, y0, dx, dy]) => rows(x0, dx, y0, dy)))
      : Buffer.concat(rows(0, 1, 0, 1));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = settings.depth;
  header[9] = settings.colorType;
  header[12] = variant === 'interlaced' ? 1 : 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header)];
  if (variant === 'palette') parts.push(chunk('PLTE', Buffer.from([255, 0, 0, 255, 255, 255])));
  parts.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array()));
  return new Uint8Array(Buffer.concat(parts));
}

/** Rows (each with its filter byte, 0) written with the Average filter; `step`: bytes a pixel (at least 1). */
function averageFiltered(rows: Buffer[], step: number): Buffer[] {
  return rows.map((row, r) => {
    const out = Buffer.alloc(row.length);
    out[0] = 3;
    for (let i = 1; i < row.length; i++) {
      const left = i - step >= 1 ? row[i - step] : 0;
      const up = r > 0 ? rows[r - 1][i] : 0;
      out[i] = (row[i] - ((left + up) >> 1)) & 255;
    }
    return out;
  });
}
