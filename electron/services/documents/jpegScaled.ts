/**
 * A JPEG photo over the downscale size (LIMITS.imageDownscalePixels: a 24- or 48-megapixel camera photo)
 * drawn at about 300 dpi on A4 and saved as a JPEG again, so that one photo does not weigh a bundle down by
 * tens of megabytes. The decoder (@napi-rs/canvas, Skia) turns the picture the way its EXIF orientation
 * says, so the result is upright and has no orientation of its own.
 *
 * Unlike a PNG (pngScaled.ts) the photo is decoded whole before it is scaled: up to LIMITS.imagePixels
 * (120 million pixels, about 480 MB) outside the JavaScript heap, in the untrusted-file worker.
 */
import { A4_300DPI_PIXELS } from '../../../shared/limits';
import { loadSkia } from './skia';

export interface ScaledJpeg {
  jpeg: Uint8Array;
  /** Pixels of the result, upright (the EXIF orientation applied). */
  width: number;
  height: number;
}

/** JPEG quality of the scaled photo: no visible loss at 300 dpi. */
const QUALITY = 90;

/**
 * The photo scaled to fit A4 at 300 dpi in its own orientation (landscape photos across a landscape page),
 * or null when the decoder cannot read it (the caller then embeds the photo as it is).
 */
export async function scaleJpegDown(bytes: Uint8Array, signal?: AbortSignal): Promise<ScaledJpeg | null> {
  const canvas = await loadSkia();
  if (!canvas) return null;
  signal?.throwIfAborted();
  let image: import('@napi-rs/canvas').Image;
  try {
    // Bytes only: the decoder would also take a string as a file path or a web address.
    image = await canvas.loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return null;
  }
  signal?.throwIfAborted();
  const { width, height } = image;
  if (!(width > 0 && height > 0)) return null;
  const landscape = width > height;
  const boxWidth = landscape ? A4_300DPI_PIXELS.long : A4_300DPI_PIXELS.short;
  const boxHeight = landscape ? A4_300DPI_PIXELS.short : A4_300DPI_PIXELS.long;
  const scale = Math.min(1, boxWidth / width, boxHeight / height);
  const out = canvas.createCanvas(
    Math.max(1, Math.round(width * scale)),
    Math.max(1, Math.round(height * scale)),
  );
  const context = out.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  // A photo with transparency does not exist in JPEG, but the page behind it is white either way.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, out.width, out.height);
  context.drawImage(image, 0, 0, out.width, out.height);
  const jpeg = await out.encode('jpeg', QUALITY);
  return {
    jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength),
    width: out.width,
    height: out.height,
  };
}
