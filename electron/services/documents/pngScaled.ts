/**
 * Decodes a large PNG straight into a smaller picture, row by row, so memory depends on the size of the
 * result and not of the photo: a 100-megapixel scan never exists in memory at full size (pdf-lib's own
 * decoder would hold it several times over). Each output pixel is the average of the input pixels that
 * fall in it (a box filter: right for scaling down documents and photos). Transparency is laid onto white,
 * as the picture would look printed. Every PNG flavour is read: grey, RGB, palette, with alpha or tRNS,
 * 1 to 16 bits, interlaced or not.
 */
import { createInflate } from 'node:zlib';
import { WHOLE_WINDOW } from '../inflate';

interface ScaledImage {
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB), 8 bits each, rows top to bottom, no padding. */
  channels: 1 | 3;
  data: Uint8Array;
}

class PngReadError extends Error {}

/** Samples a pixel has, by PNG colour type. */
export const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Whether a PNG's header describes a picture the standard allows: each colour type has its own bit depths
 * (ISO/IEC 15948, 11.2.2), and one method each of compression and filtering, and of interlacing but Adam7.
 * pdf-lib's decoder takes any: a PNG whose header says 0 or 3 bits was imported as a blank picture.
 */
export function pngHeaderIsValid(header: {
  depth: number;
  colorType: number;
  compression: number;
  filter: number;
  interlace: number;
}): boolean {
  const depths = DEPTHS[header.colorType];
  return (
    depths !== undefined &&
    depths.includes(header.depth) &&
    header.compression === 0 &&
    header.filter === 0 &&
    header.interlace <= 1
  );
}

const DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Adam7 passes: start column, start row, column step, row step. */
export const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

interface Pass {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes `bytes` (a PNG) into at most `maxWidth` × `maxHeight`, keeping its proportions. */
export async function decodePngScaled(
  bytes: Uint8Array,
  maxWidth: number,
  maxHeight: number,
  signal?: AbortSignal,
): Promise<ScaledImage> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let compression = 0;
  let filter = 0;
  let interlace = 0;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const data: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    const start = pos + 8;
    const end = start + length;
    if (end > bytes.length) {
      if (type === 'IDAT') data.push(bytes.subarray(start)); // truncated last chunk: use what is there
      break;
    }
    const body = bytes.subarray(start, end);
    if (type === 'IHDR') {
      width = view.getUint32(start);
      height = view.getUint32(start + 4);
      depth = body[8];
      colorType = body[9];
      compression = body[10];
      filter = body[11];
      interlace = body[12];
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    pos = end + 4;
  }
  const channels = CHANNELS[colorType];
  if (
    !channels ||
    width === 0 ||
    height === 0 ||
    !pngHeaderIsValid({ depth, colorType, compression, filter, interlace })
  )
    throw new PngReadError('not a PNG this app can read');
  if (colorType === 3 && !palette) throw new PngReadError('the palette is missing');

  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  const outW = Math.max(1, Math.round(width * scale));
  const outH = Math.max(1, Math.round(height * scale));
  const outChannels: 1 | 3 = colorType === 0 || colorType === 4 ? 1 : 3;
  const sums = new Float32Array(outW * outH * outChannels);
  const counts = new Uint32Array(outW * outH);
  const bitsPerPixel = channels * depth;
  const filterStep = Math.max(1, bitsPerPixel >> 3);
  const maxSample = (1 << depth) - 1;

  // tRNS for grey and RGB: one colour (at the file's bit depth) that is fully transparent.
  const transparentKey =
    transparency && colorType === 0 && transparency.length >= 2
      ? [(transparency[0] << 8) | transparency[1]]
      : transparency && colorType === 2 && transparency.length >= 6
        ? [
            (transparency[0] << 8) | transparency[1],
            (transparency[2] << 8) | transparency[3],
            (transparency[4] << 8) | transparency[5],
          ]
        : null;

  const passes: Pass[] = (interlace === 1 ? ADAM7 : [[0, 0, 1, 1] as const]).map(([x0, y0, dx, dy]) => ({
    x0,
    y0,
    dx,
    dy,
    width: Math.max(0, Math.ceil((width - x0) / dx)),
    height: Math.max(0, Math.ceil((height - y0) / dy)),
  }));
  const live = passes.filter((p) => p.width > 0 && p.height > 0);

  const sample = (row: Uint8Array, index: number): number => {
    // The index-th sample of the row (after the filter byte), at the file's bit depth.
    if (depth === 8) return row[index];
    if (depth === 16) return (row[index * 2] << 8) | row[index * 2 + 1];
    const bit = index * depth;
    return (row[bit >> 3] >> (8 - depth - (bit & 7))) & maxSample;
  };
  const to8 = (value: number) =>
    depth === 8 ? value : depth === 16 ? value >> 8 : Math.round((value * 255) / maxSample);

  // Output column of each input column, per pass (computed once; pictures are at most a few tens of
  // thousands of pixels wide within the pixel limit, except freak shapes, which compute it per pixel).
  const columnMaps = new Map<Pass, Int32Array>();
  const columnsOf = (pass: Pass): Int32Array | null => {
    if (pass.width > 1 << 22) return null;
    let map = columnMaps.get(pass);
    if (!map) {
      map = new Int32Array(pass.width);
      for (let i = 0; i < pass.width; i++)
        map[i] = Math.min(outW - 1, Math.floor(((pass.x0 + i * pass.dx) * outW) / width));
      columnMaps.set(pass, map);
    }
    return map;
  };

  /** 8-bit grey, RGB or RGBA without a tRNS colour: most big photos and scans, read directly. */
  function addRow8(row: Uint8Array, pass: Pass, rowBase: number, columns: Int32Array): void {
    const step = channels;
    for (let i = 0, o = 0; i < pass.width; i++, o += step) {
      const cell = rowBase + columns[i];
      counts[cell]++;
      if (colorType === 0) {
        sums[cell] += row[o];
        continue;
      }
      let r = row[o];
      let g = row[o + 1];
      let b = row[o + 2];
      if (colorType === 6) {
        const a = row[o + 3];
        if (a !== 255) {
          const over = 255 - a;
          r = (r * a + 255 * over) / 255;
          g = (g * a + 255 * over) / 255;
          b = (b * a + 255 * over) / 255;
        }
      }
      const at = cell * 3;
      sums[at] += r;
      sums[at + 1] += g;
      sums[at + 2] += b;
    }
  }

  function addRow(row: Uint8Array, pass: Pass, passRow: number): void {
    const y = pass.y0 + passRow * pass.dy;
    const oy = Math.min(outH - 1, Math.floor((y * outH) / height));
    const rowBase = oy * outW;
    const columns = columnsOf(pass);
    if (depth === 8 && !transparentKey && colorType !== 3 && colorType !== 4 && columns) {
      addRow8(row, pass, rowBase, columns);
      return;
    }
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 255;
    for (let i = 0; i < pass.width; i++) {
      const ox = columns
        ? columns[i]
        : Math.min(outW - 1, Math.floor(((pass.x0 + i * pass.dx) * outW) / width));
      switch (colorType) {
        case 0: {
          const v = sample(row, i);
          r = g = b = to8(v);
          a = transparentKey && v === transparentKey[0] ? 0 : 255;
          break;
        }
        case 2: {
          const vr = sample(row, i * 3);
          const vg = sample(row, i * 3 + 1);
          const vb = sample(row, i * 3 + 2);
          r = to8(vr);
          g = to8(vg);
          b = to8(vb);
          a =
            transparentKey && vr === transparentKey[0] && vg === transparentKey[1] && vb === transparentKey[2]
              ? 0
              : 255;
          break;
        }
        case 3: {
          const index = sample(row, i);
          const p = palette as Uint8Array;
          r = p[index * 3] ?? 0;
          g = p[index * 3 + 1] ?? 0;
          b = p[index * 3 + 2] ?? 0;
          a = transparency && index < transparency.length ? transparency[index] : 255;
          break;
        }
        case 4:
          r = g = b = to8(sample(row, i * 2));
          a = to8(sample(row, i * 2 + 1));
          break;
        case 6:
          r = to8(sample(row, i * 4));
          g = to8(sample(row, i * 4 + 1));
          b = to8(sample(row, i * 4 + 2));
          a = to8(sample(row, i * 4 + 3));
          break;
      }
      if (a !== 255) {
        const over = 255 - a;
        r = (r * a + 255 * over) / 255;
        g = (g * a + 255 * over) / 255;
        b = (b * a + 255 * over) / 255;
      }
      const cell = rowBase + ox;
      counts[cell]++;
      if (outChannels === 1) sums[cell] += r;
      else {
        sums[cell * 3] += r;
        sums[cell * 3 + 1] += g;
        sums[cell * 3 + 2] += b;
      }
    }
  }

  // Unfilter rows as the inflated bytes arrive; only the current and the previous row are kept.
  let passIndex = 0;
  let passRow = 0;
  let rowLength = live.length ? Math.ceil((live[0].width * bitsPerPixel) / 8) + 1 : 0;
  let current = new Uint8Array(rowLength);
  let previous = new Uint8Array(rowLength);
  let filled = 0;
  let finished = live.length === 0;

  function completeRow(): void {
    const filter = current[0];
    const line = current.subarray(1);
    const above = previous.subarray(1);
    const n = line.length;
    switch (filter) {
      case 0:
        break;
      case 1:
        for (let i = filterStep; i < n; i++) line[i] = (line[i] + line[i - filterStep]) & 255;
        break;
      case 2:
        for (let i = 0; i < n; i++) line[i] = (line[i] + above[i]) & 255;
        break;
      case 3:
        for (let i = 0; i < n; i++)
          line[i] = (line[i] + (((i >= filterStep ? line[i - filterStep] : 0) + above[i]) >> 1)) & 255;
        break;
      case 4:
        for (let i = 0; i < n; i++) {
          const left = i >= filterStep ? line[i - filterStep] : 0;
          const upLeft = i >= filterStep ? above[i - filterStep] : 0;
          line[i] = (line[i] + paeth(left, above[i], upLeft)) & 255;
        }
        break;
      default:
        throw new PngReadError('a row of the picture is damaged');
    }
    addRow(line, live[passIndex], passRow);
    [previous, current] = [current, previous];
    filled = 0;
    passRow++;
    if (passRow >= live[passIndex].height) {
      passIndex++;
      passRow = 0;
      if (passIndex >= live.length) {
        finished = true;
        return;
      }
      rowLength = Math.ceil((live[passIndex].width * bitsPerPixel) / 8) + 1;
      current = new Uint8Array(rowLength);
      previous = new Uint8Array(rowLength);
    }
  }

  function take(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !finished) {
      const n = Math.min(rowLength - filled, chunk.length - offset);
      current.set(chunk.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === rowLength) completeRow();
    }
  }

  await new Promise<void>((resolve, reject) => {
    const inflate = createInflate({ ...WHOLE_WINDOW, chunkSize: 1 << 20 });
    let settled = false;
    const done = (error?: Error) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => done(signal?.reason instanceof Error ? signal.reason : new Error('Stopped.'));
    signal?.addEventListener('abort', onAbort, { once: true });
    inflate.on('data', (chunk: Buffer) => {
      try {
        take(chunk);
        if (finished) done(); // anything after the last row is ignored, however much there is
      } catch (error) {
        done(error as Error);
      }
    });
    inflate.on('error', () => done(new PngReadError('the picture data is damaged')));
    inflate.on('end', () => done(finished ? undefined : new PngReadError('the picture is incomplete')));
    (async () => {
      for (const piece of data) {
        if (settled) return;
        if (!inflate.write(piece)) await new Promise((r) => inflate.once('drain', r));
      }
      if (!settled) inflate.end();
    })().catch((error: Error) => done(error));
  }).finally(() => signal?.throwIfAborted());

  const out = new Uint8Array(outW * outH * outChannels);
  for (let cell = 0; cell < counts.length; cell++) {
    const n = counts[cell] || 1;
    if (outChannels === 1) out[cell] = counts[cell] ? Math.round(sums[cell] / n) : 255;
    else
      for (let c = 0; c < 3; c++) out[cell * 3 + c] = counts[cell] ? Math.round(sums[cell * 3 + c] / n) : 255;
  }
  return { width: outW, height: outH, channels: outChannels, data: out };
}
