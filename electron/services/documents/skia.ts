/**
 * Skia (@napi-rs/canvas, which pdf.js brings for drawing pages in Node), for scaling large JPEG photos and
 * writing photos' pages as JPEG. The command line runs its untrusted-file worker from a code cache
 * (cli/compileCache.cjs), where a script has no import() of its own: there the loader lends its own, as
 * for pdf.js (pdf/pdfjs.ts). Without it the import failed, and large photos were left unscaled there
 * without a word. The name stays written out, so that bundlers and the packaging test see what is loaded.
 * It loads without reading the computer's fonts (pdf/canvasFonts.mjs): pictures need none; drawing a page does
 * (skiaForDrawingPages).
 */
import { loadCanvasWithoutSystemFonts, readSystemFonts } from '../pdf/canvasFonts.mjs';

type Skia = typeof import('@napi-rs/canvas');

let loaded: Promise<Skia | null> | undefined;

/** Skia, or null where it cannot be loaded (not installed for this platform). */
export function loadSkia(): Promise<Skia | null> {
  loaded ??= (async () => {
    try {
      loadCanvasWithoutSystemFonts();
      const lent = globalThis.__sendBundleImport;
      return (await (lent ? lent('@napi-rs/canvas') : import('@napi-rs/canvas'))) as Skia;
    } catch {
      return null;
    }
  })();
  return loaded;
}

/**
 * Skia with the computer's fonts read, before pdf.js draws a page with it (pdf.js draws the text of a font a
 * PDF names but does not include with one of them); null where Skia cannot be loaded.
 */
export async function skiaForDrawingPages(): Promise<Skia | null> {
  const skia = await loadSkia();
  if (skia) readSystemFonts(skia);
  return skia;
}
