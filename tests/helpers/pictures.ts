/**
 * Picture files for tests, written by encoders that are not the app's decoders: HEIC by libheif's
 * heif-enc (Debian's libheif-examples), AVIF by libavif's avifenc (Debian's libavif-bin), WebP by libwebp's
 * cwebp (Debian's webp), all installed by scripts/install-system-deps.sh, from a PNG Skia writes; GIF by omggif's writer; BMP written here in
 * each layout Windows uses (the decoder is checked against Skia's reading of the same files).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, ImageData } from '@napi-rs/canvas';
import { GifWriter } from 'omggif';
import type { Rgb } from './tiff';

export interface PicturePixels {
  width: number;
  height: number;
  pixel: (x: number, y: number) => Rgb;
  /** Opacity of a pixel, 0-255 (255 when absent). */
  alpha?: (x: number, y: number) => number;
}

function rgba(picture: PicturePixels): Uint8ClampedArray {
  const { width, height } = picture;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      out.set(picture.pixel(x, y), p);
      out[p + 3] = picture.alpha?.(x, y) ?? 255;
    }
  return out;
}

function png(picture: PicturePixels): Buffer {
  const canvas = createCanvas(picture.width, picture.height);
  canvas.getContext('2d').putImageData(new ImageData(rgba(picture), picture.width, picture.height), 0, 0);
  return canvas.toBuffer('image/png');
}

/** Runs `program` on the picture written as a PNG; returns the file it wrote. */
function encodeWith(picture: PicturePixels, ext: string, args: (input: string, output: string) => string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'picture-'));
  try {
    const input = join(dir, 'in.png');
    const output = join(dir, `out.${ext}`);
    writeFileSync(input, png(picture));
    const [program, ...rest] = args(input, output);
    execFileSync(program, rest, { stdio: 'pipe' });
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An HEIC photo, as an iPhone saves one (HEVC, lossy unless `lossless`). */
export function heicFile(picture: PicturePixels, options: { lossless?: boolean } = {}): Uint8Array {
  return encodeWith(picture, 'heic', (input, output) => [
    'heif-enc',
    ...(options.lossless ? ['--lossless'] : ['-q', '90']),
    '-o',
    output,
    input,
  ]);
}

/**
 * An AVIF picture (AV1, lossy unless `lossless`, at `depth` bits a channel), marked to be turned `irot`
 * quarter turns anticlockwise and then mirrored (`imir`: 0 top to bottom, 1 left to right) when asked, and
 * stored as a grid of `grid` [columns, rows] pictures when asked (as large photos are: AV1 pictures over
 * 8192 × 4352 pixels need a level decoders do not read), and marked to be cropped (a clean aperture, `clap`)
 * to `crop`'s size, centred, then moved right by its horizontal offset (a fraction: numerator, denominator),
 * when asked. avifenc refuses a crop whose edges fall between pixels, so the offset is written after it.
 * Monochrome (one grey channel) when `yuv` is 400.
 */
export function avifFile(
  picture: PicturePixels,
  options: {
    lossless?: boolean;
    depth?: 8 | 10 | 12;
    irot?: 1 | 2 | 3;
    imir?: 0 | 1;
    grid?: [number, number];
    crop?: { width: number; height: number; horizontalOffset: [number, number] };
    /** Its chroma: 400 is monochrome (one channel, grey). */
    yuv?: 400 | 420 | 444;
    /** Its colours' code points (ITU-T H.273: primaries, transfer, matrix), in an nclx colour box. */
    cicp?: [number, number, number];
  } = {},
): Uint8Array {
  const { crop } = options;
  const avif = encodeWith(picture, 'avif', (input, output) => [
    'avifenc',
    // The fastest of avifenc's speeds: a 48-megapixel soak picture takes seconds, not minutes.
    '--speed',
    '10',
    ...(options.lossless ? ['--lossless'] : ['--min', '10', '--max', '20']),
    ...(options.depth ? ['--depth', String(options.depth)] : []),
    ...(options.irot ? ['--irot', String(options.irot)] : []),
    ...(options.imir !== undefined ? ['--imir', String(options.imir)] : []),
    ...(options.grid ? ['--grid', options.grid.join('x')] : []),
    ...(options.yuv ? ['--yuv', String(options.yuv)] : []),
    ...(options.cicp ? ['--cicp', options.cicp.join('/')] : []),
    ...(crop ? ['--clap', `${crop.width},1,${crop.height},1,0,1,0,1`] : []),
    input,
    output,
  ]);
  if (!crop) return avif;
  // clap: width, height, horizontal offset, vertical offset, each a numerator and a denominator (32 bits).
  const bytes = Buffer.from(avif);
  const clap = bytes.indexOf('clap') + 4;
  if (clap < 4 || bytes.readUInt32BE(clap) !== crop.width) throw new Error('not the clap avifenc writes');
  bytes.writeUInt32BE(crop.horizontalOffset[0] >>> 0, clap + 16);
  bytes.writeUInt32BE(crop.horizontalOffset[1], clap + 20);
  return new Uint8Array(bytes);
}

/** A small AVIF picture whose size box (ispe) says it is `width` × `height`. */
export function avifDeclaring(width: number, height: number): Uint8Array {
  const avif = Buffer.from(avifFile({ width: 64, height: 64, pixel: () => [200, 200, 200] }));
  const ispe = avif.indexOf('ispe') - 4;
  avif.writeUInt32BE(width, ispe + 12);
  avif.writeUInt32BE(height, ispe + 16);
  return new Uint8Array(avif);
}

/** A WebP picture: lossy (as photos are) or lossless (as screenshots are). */
export function webpFile(picture: PicturePixels, options: { lossless?: boolean } = {}): Uint8Array {
  return encodeWith(picture, 'webp', (input, output) => [
    'cwebp',
    '-quiet',
    ...(options.lossless ? ['-lossless', '-exact'] : ['-q', '90']),
    input,
    '-o',
    output,
  ]);
}

/**
 * An animated WebP (as messaging apps' stickers are), put together by libwebp's webpmux (Debian's webp) from
 * each frame written by cwebp, lossy unless `lossless`, at its place (`x`, `y`: even numbers) on a canvas
 * just big enough for them all. Its background colour, which a player may paint around the frames, is
 * magenta (webpmux takes it as alpha, red, green, blue).
 */
export function animatedWebpFile(
  frames: { picture: PicturePixels; x: number; y: number; lossless?: boolean }[],
): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'picture-'));
  try {
    const args = frames.flatMap((frame, i) => {
      const file = join(dir, `frame${i}.webp`);
      writeFileSync(file, webpFile(frame.picture, { lossless: frame.lossless }));
      return ['-frame', file, `+100+${frame.x}+${frame.y}+0+b`];
    });
    const output = join(dir, 'out.webp');
    execFileSync('webpmux', [...args, '-loop', '0', '-bgcolor', '255,255,0,255', '-o', output], {
      stdio: 'pipe',
    });
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An animated AVIF of a frame for each picture, as avifenc writes one from several PNGs: the frames in a
 * track, and the first as a still picture too.
 */
export function animatedAvifFile(frames: PicturePixels[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'animated-avif-'));
  try {
    const inputs = frames.map((frame, i) => {
      const path = join(dir, `${i}.png`);
      writeFileSync(path, png(frame));
      return path;
    });
    const output = join(dir, 'out.avif');
    execFileSync('avifenc', ['--speed', '10', '--fps', '10', ...inputs, output], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A GIF of one frame or more, each frame its own pictures' colours (at most 256 each). */
export function gifFile(frames: PicturePixels[]): Uint8Array {
  const { width, height } = frames[0];
  const buffer = new Uint8Array(width * height * frames.length * 2 + 4096);
  const writer = new GifWriter(buffer, width, height, frames.length > 1 ? { loop: 0 } : {});
  for (const frame of frames) {
    const colours = new Map<number, number>();
    const indices = new Uint8Array(width * height);
    let transparent: number | undefined;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if ((frame.alpha?.(x, y) ?? 255) < 128) {
          transparent ??= 0;
          indices[y * width + x] = 0;
          continue;
        }
        const [r, g, b] = frame.pixel(x, y);
        const colour = (r << 16) | (g << 8) | b;
        if (!colours.has(colour)) colours.set(colour, colours.size + 1);
        indices[y * width + x] = colours.get(colour)!;
      }
    let palette = [0xffffff, ...colours.keys()];
    while (palette.length & (palette.length - 1) || palette.length < 2) palette = [...palette, 0];
    writer.addFrame(0, 0, width, height, [...indices], {
      palette,
      delay: 50,
      ...(transparent === undefined ? {} : { transparent }),
    });
  }
  return buffer.slice(0, writer.end());
}

export interface BmpLayout {
  /** 1, 2, 4 or 8 (with a palette of the picture's colours), 16 (5-5-5), 24 or 32 (with bit masks). */
  bits: 1 | 2 | 4 | 8 | 16 | 24 | 32;
  /** Rows stored from the top (a negative height), not from the bottom as usual. */
  topDown?: boolean;
  /** Run-length coded (8-bit pictures only): as some older scanners and Windows' own tools write. */
  runLength?: boolean;
  /** The oldest header (12 bytes: OS/2 and Windows 2). */
  coreHeader?: boolean;
}

/** A BMP in the layout given; a 32-bit one carries the picture's transparency in a version 5 header. */
export function bmpFile(picture: PicturePixels, layout: BmpLayout): Uint8Array {
  const { width, height } = picture;
  const { bits } = layout;
  const colours: Rgb[] = [];
  const indexOf = (colour: Rgb) => {
    let i = colours.findIndex((c) => c.every((v, k) => v === colour[k]));
    if (i === -1) i = colours.push(colour) - 1;
    if (i >= 1 << Math.min(bits, 8)) throw new Error('too many colours for the palette');
    return i;
  };
  const rowOrder = (stored: number) => (layout.topDown ? stored : height - 1 - stored);
  const rows: Uint8Array[] = [];
  const rowBytes = Math.ceil((width * bits) / 32) * 4;
  for (let stored = 0; stored < height; stored++) {
    const y = rowOrder(stored);
    const row = new Uint8Array(rowBytes);
    const view = new DataView(row.buffer);
    for (let x = 0; x < width; x++) {
      const [r, g, b] = picture.pixel(x, y);
      if (bits <= 8) {
        const bit = x * bits;
        row[bit >> 3] |= indexOf([r, g, b]) << (8 - bits - (bit & 7));
      } else if (bits === 16) view.setUint16(x * 2, ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3), true);
      else if (bits === 24) row.set([b, g, r], x * 3);
      else row.set([b, g, r, picture.alpha?.(x, y) ?? 255], x * 4);
    }
    rows.push(row);
  }
  let pixels: Uint8Array;
  if (layout.runLength) {
    if (bits !== 8 || layout.topDown) throw new Error('run-length coding is for 8-bit, bottom-up BMPs');
    const out: number[] = [];
    for (const row of rows) {
      let x = 0;
      while (x < width) {
        let run = 1;
        while (x + run < width && run < 255 && row[x + run] === row[x]) run++;
        if (run >= 3 || width - x < 3) {
          out.push(run, row[x]);
          x += run;
        } else {
          // An absolute run of the next few pixels (at least 3), padded to an even length.
          const count = Math.min(width - x, 255, Math.max(3, run));
          out.push(0, count, ...row.subarray(x, x + count));
          if (count & 1) out.push(0);
          x += count;
        }
      }
      out.push(0, 0);
    }
    out.push(0, 1);
    pixels = Uint8Array.from(out);
  } else {
    pixels = new Uint8Array(rowBytes * height);
    rows.forEach((row, i) => pixels.set(row, i * rowBytes));
  }

  const paletteEntries = bits <= 8 ? 1 << bits : 0;
  const headerSize = layout.coreHeader ? 12 : bits === 32 ? 124 : 40;
  const paletteSize = paletteEntries * (layout.coreHeader ? 3 : 4);
  const dataOffset = 14 + headerSize + paletteSize;
  const file = new Uint8Array(dataOffset + pixels.length);
  const view = new DataView(file.buffer);
  file.set([0x42, 0x4d]);
  view.setUint32(2, file.length, true);
  view.setUint32(10, dataOffset, true);
  view.setUint32(14, headerSize, true);
  if (layout.coreHeader) {
    view.setUint16(18, width, true);
    view.setUint16(20, height, true);
    view.setUint16(22, 1, true);
    view.setUint16(24, bits, true);
  } else {
    view.setInt32(18, width, true);
    view.setInt32(22, layout.topDown ? -height : height, true);
    view.setUint16(26, 1, true);
    view.setUint16(28, bits, true);
    view.setUint32(30, layout.runLength ? 1 : bits === 32 ? 3 : 0, true);
    view.setUint32(34, pixels.length, true);
    view.setUint32(38, 2835, true);
    view.setUint32(42, 2835, true);
    if (bits === 32) {
      [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000].forEach((mask, i) =>
        view.setUint32(54 + i * 4, mask, true),
      );
      file.set([0x42, 0x47, 0x52, 0x73], 70); // 'sRGB', stored backwards as Windows does
    }
  }
  for (let i = 0; i < colours.length; i++) {
    const at = 14 + headerSize + i * (layout.coreHeader ? 3 : 4);
    file.set([colours[i][2], colours[i][1], colours[i][0]], at);
  }
  file.set(pixels, dataOffset);
  return file;
}

/**
 * Where the boxes test helpers rewrite lie in an HEIF or AVIF file as heif-enc and avifenc write it (each
 * box's start): meta and its end, iloc, iprp, ipco and the first ipma, and a finder for any other.
 */
function heifLayout(bytes: Buffer) {
  const box = (from: number, end: number, type: string): number => {
    for (let at = from; at + 8 <= end; at += bytes.readUInt32BE(at))
      if (bytes.toString('latin1', at + 4, at + 8) === type) return at;
    throw new Error(`no ${type} box`);
  };
  const meta = box(0, bytes.length, 'meta');
  const metaEnd = meta + bytes.readUInt32BE(meta);
  const iprp = box(meta + 12, metaEnd, 'iprp');
  const ipco = box(iprp + 8, iprp + bytes.readUInt32BE(iprp), 'ipco');
  const ipma = box(ipco + bytes.readUInt32BE(ipco), iprp + bytes.readUInt32BE(iprp), 'ipma');
  return { box, meta, metaEnd, iloc: box(meta + 12, metaEnd, 'iloc'), iprp, ipco, ipma };
}

/**
 * The HEIC `heic` (as heif-enc writes it: one picture) with an `irot` property on its picture: turned
 * `quarterTurns` quarter turns anticlockwise when shown, as an iPhone marks a photo taken holding the phone
 * upright (its pixels stay as the sensor saw them). heif-enc has no way to write one.
 */
export function withHeicRotation(heic: Uint8Array, quarterTurns: 1 | 2 | 3): Uint8Array {
  // Essential: a reader must apply it.
  return withPictureProperty(heic, Buffer.from([0, 0, 0, 9, ...Buffer.from('irot'), quarterTurns]), true);
}

/**
 * The HEIC `heic` (as heif-enc writes it) with an `nclx` colour box on its picture giving its colours'
 * code points (ITU-T H.273: primaries, transfer, matrix; full range), as Android phones write them. The
 * heif-enc Debian ships (libheif 1.15) takes code points as options and does not write them.
 */
export function withColourCodePoints(heic: Uint8Array, cicp: [number, number, number]): Uint8Array {
  const colr = Buffer.alloc(19);
  colr.writeUInt32BE(19);
  colr.write('colrnclx', 4, 'latin1');
  cicp.forEach((value, i) => colr.writeUInt16BE(value, 12 + i * 2));
  colr[18] = 0x80;
  return withPictureProperty(heic, colr, false);
}

/** `file` with the property box `property` added to `ipco` and associated with its picture (pitm's item). */
function withPictureProperty(file: Uint8Array, property: Buffer, essential: boolean): Uint8Array {
  const bytes = Buffer.from(file);
  const { box, meta, metaEnd, iprp, ipco, ipma, iloc } = heifLayout(bytes);
  const picture = bytes.readUInt16BE(box(meta + 12, metaEnd, 'pitm') + 12);
  // ipma version 0, flags 0: for each item a 2-byte id and a count, then a byte an association.
  if (bytes.readUInt32BE(ipma + 8) !== 0) throw new Error('not the ipma heif-enc writes');
  let properties = 0;
  for (let at = ipco + 8; at < ipco + bytes.readUInt32BE(ipco); at += bytes.readUInt32BE(at)) properties++;
  let entry = ipma + 16;
  while (bytes.readUInt16BE(entry) !== picture) entry += 3 + bytes[entry + 2];
  const countAt = entry + 2;
  const associationsEnd = countAt + 1 + bytes[countAt];
  const ipcoEnd = ipco + bytes.readUInt32BE(ipco);
  const out = Buffer.concat([
    bytes.subarray(0, ipcoEnd),
    property,
    bytes.subarray(ipcoEnd, associationsEnd),
    Buffer.from([(essential ? 0x80 : 0) | (properties + 1)]),
    bytes.subarray(associationsEnd),
  ]);
  const grown = property.length + 1;
  const grow = (at: number, by: number) => out.writeUInt32BE(out.readUInt32BE(at) + by, at);
  grow(meta, grown);
  grow(iprp, grown);
  grow(ipco, property.length);
  grow(ipma + property.length, 1);
  out[countAt + property.length]++;
  if (iloc > ipco) throw new Error('not the iloc heif-enc writes');
  moveItemData(out, iloc, grown); // iloc comes before iprp: it did not move
  return new Uint8Array(out);
}

/**
 * Moves on by `by` the offsets in the `iloc` box at `ilocAt` (version 0 or 1, as heif-enc and avifenc write
 * it): each item's data is at its base offset plus its extents' offsets, from the file's start, and the data
 * moved. An item stored in `idat` (construction method 1, as libheif stores a grid's description) is at offsets from there: it stays.
 */
function moveItemData(out: Buffer, ilocAt: number, by: number): void {
  const grow = (at: number) => out.writeUInt32BE(out.readUInt32BE(at) + by, at);
  const version = out[ilocAt + 8];
  const offsetSize = out[ilocAt + 12] >> 4;
  const lengthSize = out[ilocAt + 12] & 15;
  const baseOffsetSize = out[ilocAt + 13] >> 4;
  const indexSize = version >= 1 ? out[ilocAt + 13] & 15 : 0;
  if (offsetSize !== 4 || ![0, 4].includes(baseOffsetSize)) throw new Error('not the iloc expected');
  let at = ilocAt + 14;
  const items = out.readUInt16BE(at);
  at += 2;
  for (let i = 0; i < items; i++) {
    at += 2; // item
    const inIdat = version >= 1 && (out.readUInt16BE(at) & 15) === 1;
    at += (version >= 1 ? 2 : 0) + 2; // construction method, data reference index
    if (baseOffsetSize === 4 && !inIdat) grow(at);
    at += baseOffsetSize;
    const extents = out.readUInt16BE(at);
    at += 2;
    for (let e = 0; e < extents; e++) {
      at += indexSize;
      if (baseOffsetSize === 0 && !inIdat) grow(at);
      at += offsetSize + lengthSize;
    }
  }
}

/**
 * The AVIF `avif` (as avifenc writes it: one `ipma` box, version 0, flags 0) with an `ipma` box for each
 * item, as older encoders (cavif, for pictures with transparency) wrote them; HEIF asks for one.
 */
export function withIpmaPerItem(avif: Uint8Array): Uint8Array {
  const bytes = Buffer.from(avif);
  const { meta, iloc, iprp, ipma } = heifLayout(bytes);
  if (bytes.readUInt32BE(ipma + 8) !== 0 || iloc > ipma) throw new Error('not the ipma avifenc writes');
  const boxes: Buffer[] = [];
  let entry = ipma + 16;
  for (let i = bytes.readUInt32BE(ipma + 12); i > 0; i--) {
    const length = 3 + bytes[entry + 2];
    const one = Buffer.alloc(16 + length);
    one.writeUInt32BE(one.length);
    one.write('ipma', 4);
    one.writeUInt32BE(1, 12);
    bytes.copy(one, 16, entry, entry + length);
    boxes.push(one);
    entry += length;
  }
  const ipmaEnd = ipma + bytes.readUInt32BE(ipma);
  const out = Buffer.concat([bytes.subarray(0, ipma), ...boxes, bytes.subarray(ipmaEnd)]);
  const grown = out.length - bytes.length;
  for (const at of [meta, iprp]) out.writeUInt32BE(out.readUInt32BE(at) + grown, at);
  moveItemData(out, iloc, grown);
  return new Uint8Array(out);
}

/**
 * The AVIF `avif` (as avifenc writes it: `ipma` version 0, flags 0, straight after `ipco`) with no pixel
 * information (`pixi`) on any item, as older libheif (GIMP's and ImageMagick's AVIF, 2020-2021) wrote them:
 * the properties after each removed one renumbered, the item data (after `meta`) moved back. With
 * `associations`, the picture's (pitm's) list of associations is padded to that many with "no property"
 * (index 0), which readers skip.
 */
export function withoutPixelInformation(avif: Uint8Array, associations?: number): Uint8Array {
  const bytes = Buffer.from(avif);
  const { box, meta, metaEnd, iloc, iprp, ipco, ipma } = heifLayout(bytes);
  const primary = bytes.readUInt16BE(box(meta + 12, metaEnd, 'pitm') + 12);
  const ipcoEnd = ipco + bytes.readUInt32BE(ipco);
  if (bytes.readUInt32BE(ipma + 8) !== 0 || iloc > ipco || ipma !== ipcoEnd)
    throw new Error('not the ipma avifenc writes');
  // Each property's new index (from 1), 0 for a pixi.
  const kept: Buffer[] = [];
  const newIndex = [0];
  for (let at = ipco + 8; at < ipcoEnd; at += bytes.readUInt32BE(at)) {
    const property = bytes.subarray(at, at + bytes.readUInt32BE(at));
    if (bytes.toString('latin1', at + 4, at + 8) === 'pixi') newIndex.push(0);
    else newIndex.push(kept.push(property));
  }
  if (kept.length === newIndex.length - 1) throw new Error('no pixi to remove');
  const entries: Buffer[] = [];
  let entry = ipma + 16;
  for (let i = bytes.readUInt32BE(ipma + 12); i > 0; i--) {
    const item = bytes.readUInt16BE(entry);
    const indices = [...bytes.subarray(entry + 3, entry + 3 + bytes[entry + 2])]
      .filter((index) => newIndex[index & 0x7f] !== 0)
      .map((index) => (index & 0x80) | newIndex[index & 0x7f]);
    while (item === primary && associations !== undefined && indices.length < associations) indices.push(0);
    const one = Buffer.alloc(3 + indices.length);
    one.writeUInt16BE(item);
    one[2] = indices.length;
    one.set(indices, 3);
    entries.push(one);
    entry += 3 + bytes[entry + 2];
  }
  const header = (type: string, size: number, fullBox: boolean) => {
    const one = Buffer.alloc(fullBox ? 12 : 8);
    one.writeUInt32BE(size);
    one.write(type, 4);
    return one;
  };
  const ipcoSize = 8 + kept.reduce((sum, property) => sum + property.length, 0);
  const ipmaSize = 16 + entries.reduce((sum, one) => sum + one.length, 0);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(entries.length);
  const ipmaEnd = ipma + bytes.readUInt32BE(ipma);
  const out = Buffer.concat([
    bytes.subarray(0, ipco),
    header('ipco', ipcoSize, false),
    ...kept,
    header('ipma', ipmaSize, true),
    count,
    ...entries,
    bytes.subarray(ipmaEnd),
  ]);
  const grown = out.length - bytes.length;
  for (const at of [meta, iprp]) out.writeUInt32BE(out.readUInt32BE(at) + grown, at);
  moveItemData(out, iloc, grown);
  return new Uint8Array(out);
}
