/**
 * Fixes to pdf.js itself, for damaged files on which it would otherwise never finish. They are written into
 * node_modules/pdfjs-dist when the project is installed (npm's `prepare` runs this file), so every copy of
 * pdf.js the app runs has them: the services' (Node, the Electron app, the tests), the command line's
 * bundle (built from the same files, scripts/pdfjsLoad.mjs, which applies them too), and the preview's in
 * the window (renderer/components/PdfPreview.tsx loads the worker these fixes are written into).
 *
 * 1. A CFF font whose charset runs past the end of its data (fuzz, --kinds all seed 6: one byte of a
 *    compressed font changed in a 75 KB tax form). pdf.js 5.6 reads glyph ranges until it has as many names
 *    as the font has glyphs; past the end, each range it reads is empty, so it never has enough and reads
 *    for ever (`CFFParser.parseCharsets`, charset formats 1 and 2). Reading the page's text spun one core
 *    until the import's 180 s limit stopped it, and the same would happen to a check or a build. It now
 *    stops at the end of the data, as its format 0 loop already does in effect: the glyphs left have no
 *    names, and the font is read as pdf.js reads any font whose charset is short.
 *
 * If pdf.js's source changes, a fix that is not found is left out and a warning says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PDFJS_FIXES = [
  {
    name: "a CFF font's charset read past the end of its data for ever",
    find: '        while (charset.length <= length) {\n',
    replace: '        while (charset.length <= length && pos < bytes.length) {\n',
    count: 2,
  },
];

/** The files of pdfjs-dist the fixes are written into. */
export const FIXED_FILES = ['legacy/build/pdf.worker.mjs', 'build/pdf.worker.mjs'];

const occurrences = (text, find) => text.split(find).length - 1;

/**
 * pdf.js's worker module with the fixes: the names of those made now, of those it already had, and of
 * those not found (pdf.js changed).
 */
export function fixPdfjsWorker(source) {
  let contents = source;
  const report = { made: [], already: [], missing: [] };
  for (const fix of PDFJS_FIXES) {
    if (occurrences(contents, fix.find) === fix.count) {
      contents = contents.split(fix.find).join(fix.replace);
      report.made.push(fix.name);
    } else if (occurrences(contents, fix.find) === 0 && occurrences(contents, fix.replace) === fix.count)
      report.already.push(fix.name);
    else report.missing.push(fix.name);
  }
  return { contents, ...report };
}

/** Writes the fixes into the pdfjs-dist under `modules` (a node_modules folder); returns what it did. */
export function fixInstalledPdfjs(modules) {
  return FIXED_FILES.map((file) => {
    const path = join(modules, 'pdfjs-dist', file);
    const source = readFileSync(path, 'utf8');
    const { contents, ...report } = fixPdfjsWorker(source);
    if (contents !== source) writeFileSync(path, contents);
    return { file, ...report };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const modules = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
  let reports = [];
  try {
    reports = fixInstalledPdfjs(modules);
  } catch (error) {
    console.warn(`pdf.js could not be fixed (scripts/pdfjsFixes.mjs): ${error.message}`);
  }
  for (const { file, made, missing } of reports) {
    for (const name of made) console.log(`pdfjs-dist/${file}: fixed ${name}.`);
    for (const name of missing)
      console.warn(`pdfjs-dist/${file}: pdf.js changed, not fixed: ${name} (see scripts/pdfjsFixes.mjs).`);
  }
}
