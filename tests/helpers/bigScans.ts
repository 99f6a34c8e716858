/**
 * Big scanned PDFs made cheaply, for tests about size (delivery parts): each page one RGB picture of noise
 * the size of a colour scan (720 × 720 pixels, about 1.5 MB), drawn over an A4 page. The PDF is written by
 * hand (scanPdf.ts) and the picture Flate-encoded with stored blocks (level 0): data of a scan's size that
 * no tool compresses further, as a JPEG scan's is not, made in milliseconds instead of encoding a real
 * image. Every page's picture differs (its own pseudo-random noise), so no tool can share pictures between
 * pages.
 */
import { deflateSync } from 'node:zlib';
import { scanPdfBytes } from './scanPdf';

const SIDE = 720;
export const SCAN_PAGE_BYTES = SIDE * SIDE * 3;

/** A scanned document of `pages` pages, about 1.5 MB each; `seed` makes its noise (and its bytes) its own. */
export function bigScannedPdf(seed: number, pages: number): Uint8Array {
  let state = (seed * 2654435761) >>> 0;
  const pixels = new Uint32Array(SCAN_PAGE_BYTES / 4);
  return scanPdfBytes(pages, () => {
    for (let i = 0; i < pixels.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      // Paper-like: mostly light, with the noise of ink and grain.
      pixels[i] = state | 0xc0c0c0c0;
    }
    const data = deflateSync(Buffer.from(pixels.buffer), { level: 0 });
    return {
      width: 595.28,
      height: 841.89,
      image: { width: SIDE, height: SIDE, filter: 'FlateDecode', data },
    };
  });
}
