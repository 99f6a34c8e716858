/**
 * Decoded pictures (RGBA pixels from a TIFF page, a GIF, a BMP, a WebP or an HEIC photo) into a page of a
 * PDF, as JPEG and PNG photos are laid out (images.ts): on white where they are transparent, grey when
 * every pixel is, scaled down by a whole factor to about 300 dpi on A4, black-and-white at one bit a pixel,
 * and a photo (`photo: true`) stored as a JPEG so that a page does not weigh tens of megabytes.
 */
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { LIMITS } from '../../../shared/limits';
import { addPicturePage } from './images';

export interface RgbaPicture {
  width: number;
  height: number;
  /** width × height pixels, 4 bytes each (red, green, blue, alpha), rows top to bottom. */
  rgba: Uint8Array;
}

export interface PixelPageOptions {
  /** EXIF-style orientation (1-8) of the pixels; 1 when they are stored upright. */
  orientation?: number;
  /** A pixel's height over its width (a fax's are twice as tall as wide); 1 when they are square. */
  pixelAspect?: number;
  /** The pixels are black and white only (a fax, a black-and-white scan): kept at one bit each. */
  bilevel?: boolean;
  /** A camera photo (HEIC, lossy WebP): stored as a JPEG, not losslessly. */
  photo?: boolean;
}

/** JPEG quality of a photo's page: no visible loss at 300 dpi. */
const PHOTO_QUALITY = 90;

/** The picture's pixels as grey or RGB, 8 bits, on white where it is transparent. */
export function flattenOnWhite(rgba: Uint8Array, pixels: number): { data: Uint8Array; channels: 1 | 3 } {
  let grey = true;
  for (let i = 0; i < pixels * 4 && grey; i += 4) grey = rgba[i] === rgba[i + 1] && rgba[i] === rgba[i + 2];
  const channels = grey ? 1 : 3;
  const data = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const alpha = rgba[p * 4 + 3];
    for (let c = 0; c < channels; c++) {
      const value = rgba[p * 4 + c];
      data[p * channels + c] =
        alpha === 255 ? value : Math.round((value * alpha + 255 * (255 - alpha)) / 255);
    }
  }
  return { data, channels };
}

/** The picture scaled down by a whole factor (each output pixel the average of a square of input pixels). */
function shrink(data: Uint8Array, width: number, height: number, channels: number, factor: number) {
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const out = new Uint8Array(w * h * channels);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        let n = 0;
        for (let yy = y * factor; yy < Math.min(height, (y + 1) * factor); yy++)
          for (let xx = x * factor; xx < Math.min(width, (x + 1) * factor); xx++) {
            sum += data[(yy * width + xx) * channels + c];
            n++;
          }
        out[(y * w + x) * channels + c] = Math.round(sum / n);
      }
  return { data: out, width: w, height: h };
}

/** Black-and-white pixels packed one bit each, 1 = white. */
function packBits(grey: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (grey[y * width + x] >= 128) out[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
  return out;
}

/** Grey or RGB pixels as a JPEG (Skia's encoder), or null when @napi-rs/canvas cannot be loaded. */
async function encodeJpeg(
  data: Uint8Array,
  width: number,
  height: number,
  channels: 1 | 3,
): Promise<Uint8Array | null> {
  let canvas: typeof import('@napi-rs/canvas');
  try {
    canvas = await import('@napi-rs/canvas');
  } catch {
    return null;
  }
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) rgba[p * 4 + c] = data[p * channels + (channels === 1 ? 0 : c)];
    rgba[p * 4 + 3] = 255;
  }
  const surface = canvas.createCanvas(width, height);
  surface.getContext('2d').putImageData(new canvas.ImageData(rgba, width, height), 0, 0);
  const jpeg = await surface.encode('jpeg', PHOTO_QUALITY);
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
}

/** Adds an A4 page to `doc` showing `picture`, laid out as its options say. */
export async function addPixelsPage(
  doc: PDFDocument,
  picture: RgbaPicture,
  options: PixelPageOptions = {},
): Promise<void> {
  const { width, height } = picture;
  const flat = flattenOnWhite(picture.rgba, width * height);
  const { channels } = flat;
  let pixels = flat.data;
  let shown = { width, height };
  const factor = Math.ceil(Math.sqrt((width * height) / LIMITS.imageDownscalePixels));
  if (factor > 1) {
    const smaller = shrink(pixels, width, height, channels, factor);
    pixels = smaller.data;
    shown = { width: smaller.width, height: smaller.height };
  }
  const jpeg = options.photo ? await encodeJpeg(pixels, shown.width, shown.height, channels) : null;
  let ref;
  if (jpeg) {
    ref = (await doc.embedJpg(jpeg)).ref;
  } else {
    const bilevel = factor === 1 && channels === 1 && options.bilevel === true;
    const stream = doc.context.flateStream(bilevel ? packBits(pixels, width, height) : pixels, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: shown.width,
      Height: shown.height,
      ColorSpace: PDFName.of(channels === 1 ? 'DeviceGray' : 'DeviceRGB'),
      BitsPerComponent: bilevel ? 1 : 8,
    });
    ref = doc.context.register(stream);
  }
  const orientation = options.orientation ?? 1;
  addPicturePage(
    doc,
    { ref, width: shown.width, height: shown.height },
    orientation >= 1 && orientation <= 8 ? orientation : 1,
    options.pixelAspect ?? 1,
  );
}
