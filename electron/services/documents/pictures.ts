/**
 * Pictures in the formats phones, screenshots and older programs make besides JPEG, PNG and TIFF: HEIC
 * (an iPhone's photos), AVIF and WebP (pictures saved from web pages and messaging apps), GIF and BMP. Each
 * becomes one A4 page (a long screenshot several), laid out as a photo is (pixels.ts). Decoders that run no
 * native code, so that a hostile file can at worst be refused: libheif (libheif-js, WebAssembly), libavif with dav1d (@jsquash/avif,
 * WebAssembly), libwebp (@jsquash/webp, WebAssembly), GIF (omggif, JavaScript) and BMP (here). Each picture's
 * size is checked before its pixels are decoded: against LIMITS.imagePixels, or for HEIC, AVIF and WebP (held
 * about three times over) lower limits of their own. Runs in the untrusted-file worker, under its time limit.
 *
 * Skia (@napi-rs/canvas, used for large JPEGs) is never given these files: it crashes the whole process on
 * an HEIC photo.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument } from '@cantoo/pdf-lib';
import { GifReader } from 'omggif';
import { gifLzwIsSound } from './gifLzw';
import { LIMITS } from '../../../shared/limits';
import { ImageTooLarge, PictureNotSupported } from './images';
import { addPixelsPage, type RgbaPicture } from './pixels';
import { isoColourCodePoints, isoColourProfile, webpIccProfile } from './colourProfile';
import { highDynamicRangeNote } from './madeProfiles';
import {
  associationBoxes,
  boxesIn,
  IsoMediaDamaged,
  itemProperties,
  type AssociationBox,
  type Box,
} from './isoMedia';
import { withPixelInformation } from './avifPixelInformation';

export type PictureFormat = 'HEIC' | 'AVIF' | 'WebP' | 'GIF' | 'BMP';

/** The file cannot be read as the picture it looks like: import refuses it as a damaged picture. */
export class PictureReadError extends Error {}

interface Decoded extends RgbaPicture {
  /** Stored lossily (a camera photo): its page keeps it as a JPEG. */
  photo: boolean;
  notes: string[];
}

const resolveFrom = createRequire(import.meta.url);

function checkSize(width: number, height: number, limit: number = LIMITS.imagePixels): void {
  if (!(width > 0 && height > 0)) throw new PictureReadError('the picture has no size');
  if (width * height > limit) throw new ImageTooLarge(width, height, limit);
}

// ---------------------------------------------------------------------------------------------- GIF

/** Extensions omggif reads: application (a moving picture's loop count), graphic control, comment. */
const GIF_EXTENSIONS_READ = new Set([0xff, 0xf9, 0xfe]);

/**
 * `bytes`, or a copy in which every extension block of a kind omggif does not read (GIF89a's plain text,
 * or one of a later program's own) is labelled a comment: omggif refuses such a GIF, where browsers pass over
 * the block (GIF89a says a decoder skips an extension it does not know) and show the picture. Walks the
 * blocks only as far as they lie inside the file; what it cannot walk is left to omggif.
 */
function withKnownExtensions(bytes: Uint8Array): Uint8Array {
  let copy: Uint8Array | null = null;
  const skipSubBlocks = (from: number) => {
    let at = from;
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at] + 1;
    return at + 1;
  };
  const palette = (flags: number) => ((flags & 0x80) !== 0 ? 3 * (2 << (flags & 7)) : 0);
  let at = 13 + palette(bytes[10] ?? 0);
  while (at < bytes.length) {
    const block = bytes[at];
    if (block === 0x21 && at + 1 < bytes.length) {
      if (!GIF_EXTENSIONS_READ.has(bytes[at + 1])) {
        copy ??= bytes.slice();
        copy[at + 1] = 0xfe;
      }
      at = skipSubBlocks(at + 2);
    } else if (block === 0x2c && at + 10 <= bytes.length) {
      at = skipSubBlocks(at + 10 + palette(bytes[at + 9]) + 1);
    } else break;
  }
  return copy ?? bytes;
}

function decodeGif(original: Uint8Array): Decoded {
  const bytes = withKnownExtensions(original);
  let reader: GifReader;
  try {
    reader = new GifReader(bytes);
  } catch {
    throw new PictureReadError('not a GIF that can be read');
  }
  const frames = reader.numFrames();
  if (frames === 0) throw new PictureReadError('the GIF has no picture in it');
  const frame = reader.frameInfo(0);
  // A frame bigger than the GIF's own size: browsers show the frame whole.
  const width = Math.max(reader.width, frame.x + frame.width);
  const height = Math.max(reader.height, frame.y + frame.height);
  checkSize(width, height);
  checkSize(frame.width, frame.height);
  if (!gifLzwIsSound(bytes, frame.data_offset)) throw new PictureReadError('the GIF is damaged');
  const rgba = new Uint8Array(width * height * 4);
  try {
    if (width === reader.width) reader.decodeAndBlitFrameRGBA(0, rgba);
    else {
      // omggif lays a frame out on the GIF's own width: draw it there, then copy its rows across.
      const own = new Uint8Array(reader.width * height * 4);
      reader.decodeAndBlitFrameRGBA(0, own);
      for (let y = 0; y < height; y++)
        rgba.set(own.subarray(y * reader.width * 4, (y + 1) * reader.width * 4), y * width * 4);
    }
  } catch {
    throw new PictureReadError('the GIF is damaged');
  }
  return {
    width,
    height,
    rgba,
    photo: false,
    notes:
      frames > 1
        ? [`It is a moving picture (an animated GIF of ${frames} frames): its page shows the first frame.`]
        : [],
  };
}

// ---------------------------------------------------------------------------------------------- BMP

interface BitMask {
  mask: number;
  shift: number;
  max: number;
}

function bitMask(mask: number): BitMask | null {
  if (mask === 0) return null;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { mask: mask >>> 0, shift, max: (mask >>> shift) >>> 0 };
}

function channel(value: number, mask: BitMask | null, otherwise: number): number {
  if (!mask) return otherwise;
  return Math.round(((((value & mask.mask) >>> mask.shift) >>> 0) * 255) / mask.max);
}

/**
 * A BMP (Windows bitmap) of any kind Windows and older scanners write: 1, 2 (Windows CE), 4 and 8 bits with a palette,
 * run-length coded or not, 16, 24 and 32 bits, with or without bit masks, rows from the bottom or the top.
 * JPEG or PNG inside a BMP (for printers) is not read.
 */
function decodeBmp(bytes: Uint8Array): Decoded {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const inside = (offset: number, length: number) => offset >= 0 && offset + length <= bytes.length;
  if (!inside(0, 26)) throw new PictureReadError('the file is cut short');
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  const core = headerSize === 12;
  if (!core && headerSize < 40) throw new PictureReadError('not a BMP header');
  if (!inside(14, headerSize)) throw new PictureReadError('the file is cut short');
  const width = core ? view.getUint16(18, true) : view.getInt32(18, true);
  const storedHeight = core ? view.getUint16(20, true) : view.getInt32(22, true);
  const bits = view.getUint16(core ? 24 : 28, true);
  const compression = core ? 0 : view.getUint32(30, true);
  const topDown = storedHeight < 0;
  const height = Math.abs(storedHeight);
  if (width <= 0) throw new PictureReadError('the picture has no size');
  checkSize(width, height);
  // OS/2's codes: 3 at 1 bit is fax (Huffman) coding, 4 at 24 bits run-length coding (Windows: masks, JPEG).
  if (compression === 3 && bits === 1)
    throw new PictureNotSupported('a BMP picture coded as a fax is (OS/2 Huffman coding)');
  if (compression === 4 && bits === 24)
    throw new PictureNotSupported('a BMP picture run-length coded at 24 bits (OS/2 RLE24)');
  if (compression === 4 || compression === 5)
    throw new PictureNotSupported('a BMP picture holding a JPEG or PNG (made for printers)');
  if ((compression === 3 || compression === 6) && bits !== 16 && bits !== 32)
    throw new PictureReadError('its compression does not match its colours');
  const runLength = compression === 1 || compression === 2;
  if ((compression === 1 && bits !== 8) || (compression === 2 && bits !== 4) || (runLength && topDown))
    throw new PictureReadError('its compression does not match its colours');
  if (![0, 1, 2, 3, 6].includes(compression)) throw new PictureReadError('an unknown compression');
  if (![1, 2, 4, 8, 16, 24, 32].includes(bits)) throw new PictureReadError('an unknown number of colours');

  // Colour masks: in the header (version 2 and later headers) or just after a 40-byte one.
  let masks: number[] | null = null;
  if (compression === 3 || compression === 6) {
    const at = 54;
    const count = compression === 6 || headerSize >= 56 ? 4 : 3;
    if (!inside(at, count * 4)) throw new PictureReadError('the file is cut short');
    masks = [0, 1, 2, 3].map((i) => (i < count ? view.getUint32(at + i * 4, true) : 0));
  } else if (bits === 16) masks = [0x7c00, 0x03e0, 0x001f, 0];
  else if (bits === 32) masks = [0x00ff0000, 0x0000ff00, 0x000000ff, 0];
  // A palette follows the header (paletted pictures have no masks).
  const paletteStart = 14 + headerSize;

  let palette: Uint8Array | null = null;
  if (bits <= 8) {
    const used = core ? 0 : view.getUint32(46, true);
    const entries = Math.min(1 << bits, used === 0 ? 1 << bits : used);
    const entrySize = core ? 3 : 4;
    if (!inside(paletteStart, entries * entrySize)) throw new PictureReadError('its colours are cut short');
    palette = new Uint8Array(256 * 3);
    for (let i = 0; i < entries; i++) {
      const at = paletteStart + i * entrySize;
      palette[i * 3] = bytes[at + 2];
      palette[i * 3 + 1] = bytes[at + 1];
      palette[i * 3 + 2] = bytes[at];
    }
  }
  if (dataOffset >= bytes.length) throw new PictureReadError('it has no pixels');

  const rgba = new Uint8Array(width * height * 4);
  const setIndex = (x: number, y: number, index: number) => {
    const p = (y * width + x) * 4;
    rgba[p] = palette![index * 3];
    rgba[p + 1] = palette![index * 3 + 1];
    rgba[p + 2] = palette![index * 3 + 2];
    rgba[p + 3] = 255;
  };
  const rowOf = (stored: number) => (topDown ? stored : height - 1 - stored);

  if (runLength) {
    // Pixels a run never reaches stay transparent (white on the page), as in other viewers.
    let x = 0;
    let stored = 0;
    let at = dataOffset;
    const four = compression === 2;
    while (at + 1 < bytes.length && stored < height) {
      const count = bytes[at];
      const value = bytes[at + 1];
      at += 2;
      if (count > 0) {
        for (let i = 0; i < count && x < width; i++, x++)
          setIndex(x, rowOf(stored), four ? (i & 1 ? value & 15 : value >> 4) : value);
      } else if (value === 0) {
        x = 0;
        stored++;
      } else if (value === 1) break;
      else if (value === 2) {
        if (at + 1 >= bytes.length) break;
        x += bytes[at];
        stored += bytes[at + 1];
        at += 2;
      } else {
        const length = four ? Math.ceil(value / 2) : value;
        if (!inside(at, length)) throw new PictureReadError('the pixels are cut short');
        for (let i = 0; i < value && x < width; i++, x++) {
          const byte = bytes[at + (four ? i >> 1 : i)];
          setIndex(x, rowOf(stored), four ? (i & 1 ? byte & 15 : byte >> 4) : byte);
        }
        at += length + (length & 1);
      }
    }
    return { width, height, rgba, photo: false, notes: [] };
  }

  const rowBytes = Math.ceil((width * bits) / 32) * 4;
  if (!inside(dataOffset, rowBytes * height)) throw new PictureReadError('the pixels are cut short');
  const [red, green, blue, alpha] = (masks ?? [0, 0, 0, 0]).map(bitMask);
  let anyAlpha = false;
  for (let stored = 0; stored < height; stored++) {
    const row = dataOffset + stored * rowBytes;
    const y = rowOf(stored);
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      if (bits <= 8) {
        const bitOffset = x * bits;
        const byte = bytes[row + (bitOffset >> 3)];
        setIndex(x, y, (byte >> (8 - bits - (bitOffset & 7))) & ((1 << bits) - 1));
      } else if (bits === 24) {
        rgba[p] = bytes[row + x * 3 + 2];
        rgba[p + 1] = bytes[row + x * 3 + 1];
        rgba[p + 2] = bytes[row + x * 3];
        rgba[p + 3] = 255;
      } else {
        const value = bits === 16 ? view.getUint16(row + x * 2, true) : view.getUint32(row + x * 4, true);
        rgba[p] = channel(value, red, 0);
        rgba[p + 1] = channel(value, green, 0);
        rgba[p + 2] = channel(value, blue, 0);
        rgba[p + 3] = channel(value, alpha, 255);
        if (rgba[p + 3] !== 0) anyAlpha = true;
      }
    }
  }
  // A mask for transparency that leaves every pixel fully transparent is a writer's mistake: show them.
  if (alpha && !anyAlpha) for (let p = 3; p < rgba.length; p += 4) rgba[p] = 255;
  return { width, height, rgba, photo: false, notes: [] };
}

// --------------------------------------------------------------------------------------------- WebP

interface WebpHeader {
  width: number;
  height: number;
  lossless: boolean;
  animated: boolean;
}

/** Size and kind of a WebP from its first chunk (simple lossy, simple lossless, or extended). */
function webpHeader(bytes: Uint8Array): WebpHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The RIFF header (12 bytes), the first chunk's header (8), then what that chunk's kind needs: a lossy
  // picture's frame tag, start code and size (10), a lossless one's signature and size (5), the extended
  // header (10). A lossless picture of one colour can be 28 bytes in all.
  const cutShort = (need: number) => {
    if (bytes.length < 20 + need) throw new PictureReadError('the file is cut short');
  };
  cutShort(0);
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8 ') {
    cutShort(10);
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a)
      throw new PictureReadError('not a WebP picture');
    return {
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
      lossless: false,
      animated: false,
    };
  }
  if (chunk === 'VP8L') {
    cutShort(5);
    if (bytes[20] !== 0x2f) throw new PictureReadError('not a WebP picture');
    const bits = view.getUint32(21, true);
    return {
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
      lossless: true,
      animated: false,
    };
  }
  if (chunk === 'VP8X') {
    cutShort(10);
    const flags = bytes[20];
    const width = 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16));
    const height = 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16));
    // The image data chunk after the extended header says whether it is lossless.
    const lossless = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('VP8L', 30);
    return { width, height, lossless, animated: (flags & 0x02) !== 0 };
  }
  throw new PictureReadError('not a WebP picture');
}

/**
 * A decoder's WebAssembly, compiled once a thread. Each picture gets an instance of its own, dropped after
 * it: a decoder's memory grows to the largest picture it has held and never shrinks, and the worker is kept
 * for the next file.
 */
const compiled = new Map<string, Promise<WebAssembly.Module>>();

function freshInstance(specifier: string) {
  let module = compiled.get(specifier);
  if (!module) {
    module = WebAssembly.compile(readFileSync(resolveFrom.resolve(specifier)));
    compiled.set(specifier, module);
  }
  return module.then(
    (wasm) => (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) => {
      const instance = new WebAssembly.Instance(wasm, imports);
      done(instance);
      return instance.exports;
    },
  );
}

async function webpDecoder() {
  const { default: factory } = await import('@jsquash/webp/codec/dec/webp_dec.js');
  return factory({
    noInitialRun: true,
    instantiateWasm: await freshInstance('@jsquash/webp/codec/dec/webp_dec.wasm'),
  });
}

async function decodeWebp(bytes: Uint8Array): Promise<Decoded> {
  const header = webpHeader(bytes);
  checkSize(header.width, header.height, LIMITS.webpPixels);
  if (header.animated) return decodeAnimatedWebp(bytes, header);
  const decoder = await webpDecoder();
  let result: ReturnType<typeof decoder.decode>;
  try {
    result = decoder.decode(bytes);
  } catch {
    result = null;
  }
  if (!result || result.width !== header.width || result.height !== header.height)
    throw new PictureReadError('the WebP is damaged');
  const rgba = new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
  return { width: result.width, height: result.height, rgba, photo: !header.lossless, notes: [] };
}

interface Chunk {
  id: string;
  /** Where its content starts and ends. */
  start: number;
  end: number;
}

/** The chunks of a RIFF file from `start` to `end`: each within them, or the file is damaged. */
function webpChunks(bytes: Uint8Array, start: number, end: number): Chunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let at = start;
  while (at + 8 <= end) {
    const size = view.getUint32(at + 4, true);
    if (at + 8 + size > end) throw new PictureReadError('the WebP is damaged');
    chunks.push({
      id: String.fromCharCode(...bytes.subarray(at, at + 4)),
      start: at + 8,
      end: at + 8 + size,
    });
    // A chunk of an odd size is followed by a byte of padding.
    at += 8 + size + (size & 1);
  }
  return chunks;
}

/** A RIFF chunk: its id, its size, its content and, after an odd size, a byte of padding. */
function riffChunk(id: string, content: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(8 + content.length + (content.length & 1));
  chunk.set([...id].map((c) => c.charCodeAt(0)));
  new DataView(chunk.buffer).setUint32(4, content.length, true);
  chunk.set(content, 8);
  return chunk;
}

/**
 * An animated WebP (stickers, and pictures saved from messaging apps): its first frame, at its place on the
 * animation's canvas, transparent elsewhere, as web browsers show it before it moves (Chromium does not
 * paint the background colour the file suggests). The frame is made a WebP of its own and decoded as one.
 */
async function decodeAnimatedWebp(bytes: Uint8Array, header: WebpHeader): Promise<Decoded> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const frames = webpChunks(bytes, 12, riffEnd).filter((chunk) => chunk.id === 'ANMF');
  if (frames.length === 0) throw new PictureReadError('the animated WebP has no picture in it');
  const frame = frames[0];
  if (frame.end - frame.start < 16) throw new PictureReadError('the WebP is damaged');
  const u24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
  const x = 2 * u24(frame.start);
  const y = 2 * u24(frame.start + 3);
  const width = 1 + u24(frame.start + 6);
  const height = 1 + u24(frame.start + 9);
  if (x + width > header.width || y + height > header.height)
    throw new PictureReadError('a frame of the animated WebP lies outside it');
  // The frame's picture: lossless (VP8L), or lossy (VP8) with its transparency (ALPH) before it, or not.
  const inFrame = webpChunks(bytes, frame.start + 16, frame.end);
  const image = inFrame.find((chunk) => chunk.id === 'VP8 ' || chunk.id === 'VP8L');
  if (!image) throw new PictureReadError('the WebP is damaged');
  const alpha = inFrame.find((chunk, i) => chunk.id === 'ALPH' && i < inFrame.indexOf(image));
  const content = (chunk: Chunk) => bytes.subarray(chunk.start, chunk.end);
  const parts: Uint8Array[] = [];
  if (image.id === 'VP8 ' && alpha) {
    const extended = new Uint8Array(10);
    extended[0] = 0x10; // it has transparency
    extended.set([(width - 1) & 0xff, ((width - 1) >> 8) & 0xff, (width - 1) >> 16], 4);
    extended.set([(height - 1) & 0xff, ((height - 1) >> 8) & 0xff, (height - 1) >> 16], 7);
    parts.push(riffChunk('VP8X', extended), riffChunk('ALPH', content(alpha)));
  }
  parts.push(riffChunk(image.id, content(image)));
  const length = 12 + parts.reduce((sum, part) => sum + part.length, 0);
  const still = new Uint8Array(length);
  still.set([...'RIFF'].map((c) => c.charCodeAt(0)));
  new DataView(still.buffer).setUint32(4, length - 8, true);
  still.set(
    [...'WEBP'].map((c) => c.charCodeAt(0)),
    8,
  );
  let at = 12;
  for (const part of parts) {
    still.set(part, at);
    at += part.length;
  }
  const decoded = await decodeWebp(still);
  if (decoded.width !== width || decoded.height !== height) throw new PictureReadError('the WebP is damaged');
  // A frame as big as the canvas (most are) is the picture; a smaller one is placed on a canvas.
  const whole = width === header.width && height === header.height;
  const rgba = whole ? decoded.rgba : new Uint8Array(header.width * header.height * 4);
  for (let row = 0; row < height && !whole; row++)
    rgba.set(
      decoded.rgba.subarray(row * width * 4, (row + 1) * width * 4),
      ((y + row) * header.width + x) * 4,
    );
  return {
    width: header.width,
    height: header.height,
    rgba,
    photo: decoded.photo,
    notes:
      frames.length > 1
        ? [
            `It is a moving picture (an animated WebP of ${frames.length} frames): its page shows the first frame.`,
          ]
        : [],
  };
}

// --------------------------------------------------------------------------------------------- AVIF

interface AvifHeader {
  width: number;
  height: number;
  /** What the viewer does to the decoded picture, in order: turn it (quarter turns anticlockwise) or mirror it. */
  transforms: ({ rotate: number } | { mirror: 'top-bottom' | 'left-right' })[];
  /** The file as libavif is given it: its crop (`clap`) set aside (see readableByLibavif). */
  readable: Uint8Array;
  /** The primary item marks part of itself to be cut away (a clean aperture, `clap`): it is shown whole. */
  cropped: boolean;
  /** An animated AVIF's frames, and whether it has a still picture of its own, shown rather than its first frame. */
  track?: { frames: number; stillPicture: boolean } | null;
}

/**
 * An AVIF's size, and the turn and mirror its viewer applies, from its boxes (ISO/IEC 23008-12): the
 * primary item's `ispe`, `irot` and `imir` properties, in the order the file lists them. libavif decodes
 * the pixels as stored, so the turning is done here, as an iPhone's HEIC photos are turned by libheif.
 */
function avifHeader(bytes: Uint8Array): AvifHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = boxesIn(bytes, 0, bytes.length);
  const ftyp = top.find((b) => b.type === 'ftyp');
  const brands = ftyp ? boxesBrands(bytes, ftyp) : [];
  const meta = top.find((b) => b.type === 'meta');
  const inMeta = meta ? boxesIn(bytes, meta.start + 4, meta.end) : [];
  const pitm = inMeta.find((b) => b.type === 'pitm');
  const track = brands.includes('avis') ? avifTrack(bytes, top) : null;
  // Which libavif decodes (read.c, AVIF_DECODER_SOURCE_AUTO): the frames when the file's main brand is
  // avis, or it is neither avis nor avif and has frames; else the still picture (the primary item).
  const [mainBrand] = brands;
  const frames = track && (mainBrand !== 'avif' || !pitm);
  if (frames)
    return {
      width: track.width,
      height: track.height,
      transforms: [],
      readable: withoutTracks(bytes, track.otherTracks),
      cropped: false,
      track: { frames: track.frames, stillPicture: false },
    };
  if (!pitm && brands.includes('avis')) throw new PictureReadError('the animated AVIF has no picture in it');
  if (!meta) throw new PictureReadError('not an AVIF picture that can be read');
  const iprp = inMeta.find((b) => b.type === 'iprp');
  if (!pitm || !iprp || pitm.end - pitm.start < 6)
    throw new PictureReadError('not an AVIF picture that can be read');
  const primary = bytes[pitm.start] === 0 ? view.getUint16(pitm.start + 4) : view.getUint32(pitm.start + 4);
  const inIprp = boxesIn(bytes, iprp.start, iprp.end);
  const ipco = inIprp.find((b) => b.type === 'ipco');
  if (!ipco) throw new PictureReadError('not an AVIF picture that can be read');
  const properties = boxesIn(bytes, ipco.start, ipco.end);
  // The primary item's properties, by their places in ipco (from 1), in the order associated.
  const associated: number[] = [];
  // Every item's associations with a crop (clap), where each is in the file and how wide.
  const crops: { at: number; wide: boolean; primary: boolean }[] = [];
  const associations = associationBoxes(bytes, inIprp);
  for (const { entries, wideIndex } of associations)
    for (const { item, associations: ofItem } of entries)
      for (const { index, at } of ofItem) {
        if (properties[index - 1]?.type === 'clap')
          crops.push({ at, wide: wideIndex, primary: item === primary });
        if (item === primary && index > 0) associated.push(index);
      }
  let size: { width: number; height: number } | null = null;
  const transforms: AvifHeader['transforms'] = [];
  for (const index of associated) {
    const box = properties[index - 1];
    if (!box) continue;
    if (box.type === 'ispe' && box.end - box.start >= 12)
      size = { width: view.getUint32(box.start + 4), height: view.getUint32(box.start + 8) };
    else if (box.type === 'irot' && box.end > box.start) transforms.push({ rotate: bytes[box.start] & 3 });
    else if (box.type === 'imir' && box.end > box.start)
      transforms.push({ mirror: (bytes[box.start] & 1) === 0 ? 'top-bottom' : 'left-right' });
  }
  if (!size) throw new PictureReadError('the AVIF picture has no size');
  return {
    ...size,
    transforms,
    readable: readableByLibavif(bytes, crops, iprp, associations),
    cropped: crops.some((crop) => crop.primary),
    track: track && { frames: track.frames, stillPicture: true },
  };
}

/**
 * The file with its crops set aside, its `ipma` boxes merged (mergeAssociations), and pixel information
 * given to the pictures that have none (withPixelInformation), as libavif is to be given it. A clean
 * aperture (`clap`) marks part of a picture to be cut away; libavif (in its strict mode, which @jsquash/avif
 * builds in) refuses one whose edges fall between pixels, as a camera's can, and web browsers ignore them and
 * show the whole picture. Each association with one becomes "no property" (index 0, not essential), which
 * libavif skips: the file's length and every offset in it stay as they were (until pixel information is put
 * in, which moves them on).
 */
function readableByLibavif(
  bytes: Uint8Array,
  crops: { at: number; wide: boolean }[],
  iprp: Box,
  associations: AssociationBox[],
): Uint8Array {
  const versions = new Set(associations.map((each) => each.versionAndFlags));
  let readable = bytes;
  if (crops.length > 0 || versions.size < associations.length) {
    readable = bytes.slice();
    for (const crop of crops) readable.fill(0, crop.at, crop.at + (crop.wide ? 2 : 1));
    if (versions.size < associations.length) mergeAssociations(readable, iprp, associations);
  }
  return withPixelInformation(readable);
}

/**
 * Older encoders (cavif, for link-u's pictures with transparency) write an `ipma` box an item, and libavif
 * refuses more than one of the same version and flags ("Multiple Box[ipma] with a given pair of values of
 * version and flags", as HEIF asks); Chromium reads them. In `bytes`, those boxes become one a version and
 * flags, their entries in order of item, each entry as it was, and a `free` box (inside `meta`, after `iprp`,
 * which shrinks by as much) takes the bytes saved: no offset in the file moves (`iloc`'s are from its
 * start). Done only where that is sure to mean what the file meant: `iprp` holds `ipco` and then only
 * `ipma` boxes to its end (as libavif requires), each filled by its entries, and no item in two of them.
 * Otherwise the file is left as it is, and libavif refuses it.
 */
function mergeAssociations(bytes: Uint8Array, iprp: Box, associations: AssociationBox[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const inIprp = boxesIn(bytes, iprp.start, iprp.end);
  const first = inIprp[1];
  const sizeField = view.getUint32(iprp.at);
  const items = associations.flatMap((each) => each.entries.map((entry) => entry.item));
  if (
    inIprp[0]?.type !== 'ipco' ||
    inIprp.length !== associations.length + 1 ||
    inIprp.slice(1).some((box) => box.type !== 'ipma') ||
    inIprp[inIprp.length - 1].end !== iprp.end ||
    associations.some((each) => !each.filled) ||
    new Set(items).size !== items.length ||
    sizeField === 0
  )
    return;
  const original = bytes.slice(first.at, iprp.end);
  const entryBytes = (entry: { from: number; to: number }) =>
    original.subarray(entry.from - first.at, entry.to - first.at);
  let at = first.at;
  for (const versionAndFlags of new Set(associations.map((each) => each.versionAndFlags))) {
    const entries = associations
      .filter((each) => each.versionAndFlags === versionAndFlags)
      .flatMap((each) => each.entries)
      .sort((a, b) => a.item - b.item);
    const size = 16 + entries.reduce((sum, entry) => sum + entry.to - entry.from, 0);
    view.setUint32(at, size);
    bytes.set(
      [...'ipma'].map((c) => c.charCodeAt(0)),
      at + 4,
    );
    view.setUint32(at + 8, versionAndFlags);
    view.setUint32(at + 12, entries.length);
    let entryAt = at + 16;
    for (const entry of entries) {
      bytes.set(entryBytes(entry), entryAt);
      entryAt += entry.to - entry.from;
    }
    at += size;
  }
  // Each box merged away saved its header, version and flags, and count (16 bytes at least): room for `free`.
  const saved = iprp.end - at;
  view.setUint32(at, saved);
  bytes.set(
    [...'free'].map((c) => c.charCodeAt(0)),
    at + 4,
  );
  bytes.fill(0, at + 8, iprp.end);
  if (sizeField === 1) view.setBigUint64(iprp.at + 8, BigInt(iprp.end - saved - iprp.at));
  else view.setUint32(iprp.at, iprp.end - saved - iprp.at);
}

/**
 * An animated AVIF's first picture track (not a transparency or sound track): the size of its frames, from
 * their AV1 sample entry (a VisualSampleEntry, ISO/IEC 14496-12 12.1.3), and how many it holds; null when
 * the file has none.
 */
function avifTrack(
  bytes: Uint8Array,
  top: Box[],
): { width: number; height: number; frames: number; otherTracks: Box[] } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const child = (box: Box | undefined, type: string) =>
    box && boxesIn(bytes, box.start, box.end).find((b) => b.type === type);
  const moov = top.find((b) => b.type === 'moov');
  const tracks = moov ? boxesIn(bytes, moov.start, moov.end).filter((b) => b.type === 'trak') : [];
  const handlerOf = (trak: Box) => {
    const hdlr = child(child(trak, 'mdia'), 'hdlr');
    return hdlr && hdlr.end - hdlr.start >= 12
      ? String.fromCharCode(...bytes.subarray(hdlr.start + 8, hdlr.start + 12))
      : '';
  };
  // Sound, text and any other track: libavif 1.0 refuses a file whose other tracks it cannot read.
  const otherTracks = tracks.filter((trak) => !['pict', 'vide', 'auxv'].includes(handlerOf(trak)));
  for (const trak of tracks) {
    const mdia = child(trak, 'mdia');
    const handler = handlerOf(trak);
    if (handler !== 'pict' && handler !== 'vide') continue;
    const stbl = child(child(mdia, 'minf'), 'stbl');
    const stsd = child(stbl, 'stsd');
    const entry =
      stsd && stsd.end - stsd.start >= 8 ? boxesIn(bytes, stsd.start + 8, stsd.end)[0] : undefined;
    if (!entry || entry.type !== 'av01' || entry.end - entry.start < 28) continue;
    const stsz = child(stbl, 'stsz');
    return {
      width: view.getUint16(entry.start + 24),
      height: view.getUint16(entry.start + 26),
      frames: stsz && stsz.end - stsz.start >= 12 ? view.getUint32(stsz.start + 8) : 0,
      otherTracks,
    };
  }
  return null;
}

/** `bytes`, or a copy in which each of `tracks` is a `free` box, which libavif passes over. */
function withoutTracks(bytes: Uint8Array, tracks: Box[]): Uint8Array {
  if (tracks.length === 0) return bytes;
  const copy = bytes.slice();
  for (const trak of tracks) copy.set([0x66, 0x72, 0x65, 0x65], trak.at + 4);
  return copy;
}

function boxesBrands(bytes: Uint8Array, ftyp: Box): string[] {
  const brands: string[] = [];
  for (let at = ftyp.start; at + 4 <= ftyp.end; at += at === ftyp.start ? 8 : 4)
    brands.push(String.fromCharCode(...bytes.subarray(at, at + 4)));
  return brands;
}

/** `picture` turned a quarter anticlockwise `turns` times, or mirrored. */
function transformed(picture: RgbaPicture, transform: AvifHeader['transforms'][number]): RgbaPicture {
  const { width, height } = picture;
  const rgba = picture.rgba.byteOffset % 4 === 0 ? picture.rgba : picture.rgba.slice();
  const pixels = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
  if ('mirror' in transform) {
    const out = new Uint32Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const from =
          transform.mirror === 'left-right' ? y * width + (width - 1 - x) : (height - 1 - y) * width + x;
        out[y * width + x] = pixels[from];
      }
    return { width, height, rgba: new Uint8Array(out.buffer) };
  }
  const turns = transform.rotate;
  if (turns === 0) return picture;
  const [w, h] = turns === 2 ? [width, height] : [height, width];
  const out = new Uint32Array(w * h);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      // Where (x, y) lands after the turn, anticlockwise.
      const [nx, ny] =
        turns === 1
          ? [y, width - 1 - x]
          : turns === 2
            ? [width - 1 - x, height - 1 - y]
            : [height - 1 - y, x];
      out[ny * w + nx] = pixels[y * width + x];
    }
  return { width: w, height: h, rgba: new Uint8Array(out.buffer) };
}

async function avifDecoder() {
  const { default: factory } = await import('@jsquash/avif/codec/dec/avif_dec.js');
  return factory({
    noInitialRun: true,
    instantiateWasm: await freshInstance('@jsquash/avif/codec/dec/avif_dec.wasm'),
  });
}

async function decodeAvif(bytes: Uint8Array): Promise<Decoded> {
  let header: AvifHeader;
  try {
    header = avifHeader(bytes);
  } catch (error) {
    if (error instanceof IsoMediaDamaged) throw new PictureReadError('the AVIF file is damaged');
    throw error;
  }
  checkSize(header.width, header.height, LIMITS.avifPixels);
  const decoder = await avifDecoder();
  let result: ReturnType<typeof decoder.decode>;
  try {
    result = decoder.decode(header.readable, 8);
  } catch {
    result = null;
  }
  if (!result || result.width !== header.width || result.height !== header.height)
    throw new PictureReadError('the AVIF picture is damaged');
  let picture: RgbaPicture = {
    width: result.width,
    height: result.height,
    rgba: new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength),
  };
  for (const transform of header.transforms) picture = transformed(picture, transform);
  const notes = header.cropped
    ? [
        'It marks part of itself to be cut away (a crop): its page shows the whole picture, as web browsers do.',
      ]
    : [];
  if (header.track)
    notes.push(
      `It is a moving picture (an animated AVIF${header.track.frames > 1 ? ` of ${header.track.frames} frames` : ''}): its page shows ${header.track.stillPicture ? 'the still picture it holds as well' : 'the first frame'}.`,
    );
  return { ...picture, photo: true, notes };
}

// --------------------------------------------------------------------------------------------- HEIC

type HeifModule = ReturnType<typeof import('libheif-js/libheif-wasm/libheif.js').default>;
type HeifImage = ReturnType<InstanceType<HeifModule['HeifDecoder']>['decode']>[number];

async function heifDecoder(): Promise<HeifModule> {
  const { default: factory } = await import('libheif-js/libheif-wasm/libheif.js');
  const module = factory({ instantiateWasm: await freshInstance('libheif-js/libheif-wasm/libheif.wasm') });
  await module.ready;
  return module;
}

/** Codings of an HEIF file's pictures that libheif-js (built with HEVC only) does not read, named for the user. */
const HEIF_CODINGS_NOT_READ: Readonly<Record<string, string>> = {
  unci: 'uncompressed pixels (ISO/IEC 23001-17)',
  j2k1: 'JPEG 2000',
  vvc1: 'VVC (H.266)',
  avc1: 'AVC (H.264)',
  jpeg: 'JPEG',
};

/** The coding of an HEIF file's main picture (a grid's from its first tile); '' when it cannot be told. */
function heifCoding(bytes: Uint8Array): string {
  try {
    const items = itemProperties(bytes);
    if (!items) return '';
    const type = items.typeOf(items.primary);
    const [firstTile] = items.madeOf(items.primary);
    return firstTile !== undefined && /^(grid|iovl|iden)$/.test(type) ? items.typeOf(firstTile) : type;
  } catch (error) {
    if (error instanceof IsoMediaDamaged) return '';
    throw error;
  }
}

/**
 * An AV1 picture in an HEIF file that does not say it is AVIF (its brands `mif1` only, as libheif writes
 * one given a .heif name): a copy whose first `mif1` brand says `avif`, which libavif requires to read it.
 */
function withAvifBrand(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(4, 8)) !== 'ftyp') return bytes;
  const end = Math.min(bytes.length, new DataView(bytes.buffer, bytes.byteOffset).getUint32(0));
  for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4)
    if (String.fromCharCode(...bytes.subarray(at, at + 4)) === 'mif1') {
      const copy = bytes.slice();
      copy.set([0x61, 0x76, 0x69, 0x66], at);
      return copy;
    }
  return bytes;
}

/** An HEIC photo's main picture, turned and mirrored as the file says (libheif applies that). */
async function decodeHeic(bytes: Uint8Array): Promise<Decoded> {
  const coding = heifCoding(bytes);
  if (coding === 'av01') return decodeAvif(withAvifBrand(bytes));
  const notRead = HEIF_CODINGS_NOT_READ[coding];
  if (notRead) throw new PictureNotSupported(`an HEIF picture coded as ${notRead}`);
  const libheif = await heifDecoder();
  let images: HeifImage[];
  try {
    images = new libheif.HeifDecoder().decode(bytes);
  } catch {
    throw new PictureReadError('the HEIC photo is damaged');
  }
  if (images.length === 0) throw new PictureReadError('the HEIC file has no photo in it');
  // The photo a viewer shows (a file can hold several, as a burst does).
  const image = images.find((each) => each.is_primary()) ?? images[0];
  try {
    const width = image.get_width();
    const height = image.get_height();
    checkSize(width, height, LIMITS.heicPixels);
    const target = { data: new Uint8ClampedArray(width * height * 4), width, height };
    const shown = await new Promise<unknown>((resolve) => image.display(target, resolve));
    if (!shown) throw new PictureReadError('the HEIC photo cannot be decoded');
    const notes =
      images.length > 1
        ? [`It holds ${images.length} photos (a burst or a series): its page shows the main one.`]
        : [];
    return { width, height, rgba: new Uint8Array(target.data.buffer), photo: true, notes };
  } finally {
    for (const each of images) each.free();
  }
}

// ------------------------------------------------------------------------------------------ the page

const DECODERS: Record<PictureFormat, (bytes: Uint8Array) => Decoded | Promise<Decoded>> = {
  HEIC: decodeHeic,
  AVIF: decodeAvif,
  WebP: decodeWebp,
  GIF: decodeGif,
  BMP: decodeBmp,
};

/** Where each format keeps the colour profile of its pixels (colourProfile.ts). */
const COLOUR_PROFILES: Partial<Record<PictureFormat, (bytes: Uint8Array) => Uint8Array | null>> = {
  HEIC: isoColourProfile,
  AVIF: isoColourProfile,
  WebP: webpIccProfile,
};

/** The picture's pixels, upright, with notes on what its page will not show. Throws as pictureToPdf does. */
export async function decodePicture(bytes: Uint8Array, format: PictureFormat): Promise<Decoded> {
  return DECODERS[format](bytes);
}

/**
 * An A4 PDF showing the picture (a long screenshot over several pages), and notes on what of it the page
 * does not show (the other frames of an animation, the other photos of a burst) and on its layout. Throws ImageTooLarge over the pixel limit (before
 * decoding), PictureNotSupported for a kind of the format not read, PictureReadError for a damaged file.
 */
export async function pictureToPdf(
  bytes: Uint8Array,
  format: PictureFormat,
  title: string,
  signal?: AbortSignal,
): Promise<{ pdf: Uint8Array; notes: string[] }> {
  const decoded = await decodePicture(bytes, format);
  signal?.throwIfAborted();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const layout = await addPixelsPage(doc, decoded, {
    photo: decoded.photo,
    colourProfile: COLOUR_PROFILES[format]?.(bytes) ?? null,
  });
  doc.setTitle(title);
  doc.setProducer('SEND Bundle Builder');
  const highDynamicRange =
    format === 'HEIC' || format === 'AVIF' ? highDynamicRangeNote(isoColourCodePoints(bytes)) : null;
  return {
    pdf: await doc.save({ useObjectStreams: false }),
    notes: [...decoded.notes, ...(highDynamicRange ? [highDynamicRange] : []), ...layout],
  };
}
