/**
 * The computer's fonts for Skia (@napi-rs/canvas), read only when a page is to be drawn. pdf.js loads Skia
 * in Node as it loads (for its geometry classes), and Skia then reads every font installed on the computer:
 * 0.12 s of CPU with 147 font files here, in every process that opens a PDF with pdf.js (the verifier of
 * each build, the reader of each check, both readers of a comparison), and more where hundreds of fonts are
 * installed, as on most Windows computers. Reading text never uses them. Drawing a page does: pdf.js draws
 * the text of a font that a PDF names but does not include with a font of the computer's.
 * Plain JavaScript, so that a worker started from the source tree (untrusted/boot.mjs) can use it before
 * TypeScript loads.
 */
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/**
 * Call before anything in this thread loads @napi-rs/canvas (pdf.js, or Skia for pictures). Threads and
 * processes started after it from this one load it the same way.
 */
export function loadCanvasWithoutSystemFonts() {
  process.env.DISABLE_SYSTEM_FONTS_LOAD = '1';
}

let read = false;

/**
 * Reads the computer's fonts into Skia (`canvas`, the loaded @napi-rs/canvas), as it would have as it
 * loaded: before pdf.js draws a page. Skia keeps them for the whole process; reading them again finds them
 * read and costs nothing, but a thread asks only once.
 */
export function readSystemFonts(canvas) {
  if (read) return;
  read = true;
  const fonts = canvas.GlobalFonts;
  // Not in @napi-rs/canvas's types, but what it calls as it loads.
  if (typeof fonts.loadSystemFonts === 'function') fonts.loadSystemFonts();
  // The folders of fonts installed for one user, which @napi-rs/canvas adds on each system.
  const home = homedir();
  const userFolders = {
    win32: [join(home, 'AppData', 'Local', 'Microsoft', 'Windows', 'Fonts')],
    darwin: [join(home, 'Library', 'Fonts')],
    linux: ['/usr/local/share/fonts', join(home, '.fonts')],
  }[platform()];
  for (const folder of userFolders ?? []) fonts.loadFontsFromDir(folder);
}
