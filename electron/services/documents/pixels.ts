/**
 * Decoded pictures (RGBA pixels from a TIFF page, a GIF, a BMP, a WebP or an HEIC photo) into a page of a
 * PDF, as JPEG and PNG photos are laid out (images.ts): on white where they are transparent, grey when
 * every pixel is, scaled down by a whole factor to about 300 dpi on A4, black-and-white at one bit a pixel,
 * and a photo (`photo: true`) stored as a JPEG so that a page does not weigh tens of megabytes.
 */
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { LIMITS } from '../../../shared/limits';
import { useColourProfile } from './colourProfile';
import { addPicturePages } from './images';
import { loadSkia } from './skia';

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
  /** A page of a scan or fax: fitted to the page however few its pixels (the paper it shows was a page). */
  scannedPage?: boolean;
  /**
   * The colour profile the picture's file gives its pixels (ICC, unchecked): named by the page's image when
   * it suits the colours it is written in (colourProfile.ts).
   */
  colourProfile?: Uint8Array | null;
}

/** JPEG quality of a photo's page: no visible loss at 300 dpi. */
const PHOTO_QUALITY = 90;

/** True when every pixel is grey (red, green and blue equal). */
function allGrey(rgba: Uint8Array, pixels: number): boolean {
  for (let i = 0; i < pixels * 4; i += 4)
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  return true;
}

/**
 * The picture's pixels as grey or RGB, 8 bits, on white where it is transparent, scaled down by a whole
 * `factor` (each output pixel the average of a square of input pixels; 1 keeps the size). One pass over
 * the input, a row of sums at a time: a 48-megapixel photo takes a fraction of a second.
 */
export function flattenOnWhite(
  rgba: Uint8Array,
  width: number,
  height: number,
  factor = 1,
): { data: Uint8Array; channels: 1 | 3; width: number; height: number } {
  const channels = allGrey(rgba, width * height) ? 1 : 3;
  const outWidth = Math.ceil(width / factor);
  const outHeight = Math.ceil(height / factor);
  const data = new Uint8Array(outWidth * outHeight * channels);
  const column = new Uint32Array(width);
  for (let x = 0; x < width; x++) column[x] = Math.floor(x / factor) * channels;
  const sums = new Uint32Array(outWidth * channels);
  for (let outY = 0; outY < outHeight; outY++) {
    sums.fill(0);
    const yEnd = Math.min(height, (outY + 1) * factor);
    for (let y = outY * factor; y < yEnd; y++) {
      let p = y * width * 4;
      for (let x = 0; x < width; x++, p += 4) {
        const alpha = rgba[p + 3];
        const at = column[x];
        if (alpha === 255) {
          sums[at] += rgba[p];
          if (channels === 3) {
            sums[at + 1] += rgba[p + 1];
            sums[at + 2] += rgba[p + 2];
          }
        } else {
          for (let c = 0; c < channels; c++)
            sums[at + c] += Math.round((rgba[p + c] * alpha + 255 * (255 - alpha)) / 255);
        }
      }
    }
    const rows = yEnd - outY * factor;
    const row = outY * outWidth * channels;
    for (let outX = 0; outX < outWidth; outX++) {
      const count = rows * (Math.min(width, (outX + 1) * factor) - outX * factor);
      for (let c = 0; c < channels; c++)
        data[row + outX * channels + c] = Math.round(sums[outX * channels + c] / count);
    }
  }
  return { data, channels, width: outWidth, height: outHeight };
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
  const canvas = await loadSkia();
  if (!canvas) return null;
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

/** Adds an A4 page to `doc` showing `picture` (a long picture's pages), laid out as its options say. */
export async function addPixelsPage(
  doc: PDFDocument,
  picture: RgbaPicture,
  options: PixelPageOptions = {},
): Promise<string[]> {
  const { width, height } = picture;
  const factor = Math.ceil(Math.sqrt((width * height) / LIMITS.imageDownscalePixels));
  const flat = flattenOnWhite(picture.rgba, width, height, factor);
  const { channels, data: pixels } = flat;
  const shown = { width: flat.width, height: flat.height };
  const jpeg = options.photo ? await encodeJpeg(pixels, shown.width, shown.height, channels) : null;
  let ref;
  if (jpeg) {
    const image = await doc.embedJpg(jpeg);
    // Written now rather than when the document is saved, so that its colours can name their profile.
    await image.embed();
    ref = image.ref;
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
  // A grey picture is written as grey: an RGB profile does not suit it, and its greys are the same.
  useColourProfile(doc, ref, options.colourProfile ?? null);
  const orientation = options.orientation ?? 1;
  return addPicturePages(
    doc,
    { ref, width: shown.width, height: shown.height },
    orientation >= 1 && orientation <= 8 ? orientation : 1,
    options.pixelAspect ?? 1,
    options.scannedPage ?? false,
  );
}
