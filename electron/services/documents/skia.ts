/**
 * Skia (@napi-rs/canvas, which pdf.js brings for drawing pages in Node), for scaling large JPEG photos and
 * writing photos' pages as JPEG. Loaded with require, not import(): the command line runs its
 * untrusted-file worker from a code cache (cli/compileCache.cjs), where a script has no import() of its
 * own, and that import() failing left photos unscaled there without a word.
 */
import { createRequire } from 'node:module';

type Skia = typeof import('@napi-rs/canvas');

const requireHere = createRequire(import.meta.url);
let loaded: Skia | null | undefined;

/** Skia, or null where it cannot be loaded (not installed for this platform). */
export function loadSkia(): Skia | null {
  if (loaded === undefined) {
    try {
      loaded = requireHere('@napi-rs/canvas') as Skia;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}
