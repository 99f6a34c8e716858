/**
 * An esbuild plugin for pdf.js as the command line bundles it (dist/cli/pdfjs.cjs, pdfjsBundleOptions in
 * scripts/esbuild.mjs). Two changes to its worker module, each for the text a build's verification reads
 * at its very end, where the build waits for it (docs/performance.md):
 *
 * 1. Flate streams inflated by zlib in one call. pdf.js 5 inflates a Flate stream (a page's content, a
 *    ToUnicode map, a font) through the web's DecompressionStream wherever the platform has one. In Node
 *    that is zlib behind Node's web streams and two stream adapters, all JavaScript, set up again for every
 *    stream: for the many small streams of the pages read, setting them up cost more than the inflating
 *    (the text of 25 pages of the 1,000-page bench bundle took 0.23 s instead of 0.26 s). The same zlib
 *    inflates the same bytes here, synchronously. A stream zlib refuses (damaged, cut short, a bad
 *    checksum) still comes back as "not decompressed", as a failed DecompressionStream did, and pdf.js then
 *    reads it with its own decoder, which is more forgiving. Brotli still goes through DecompressionStream.
 * 2. The array that holds a file read in ranges can be one set aside earlier. pdf.js keeps such a file in
 *    one array of its full length (240 MB for the bench bundle, most of it never read); allocating that
 *    much makes V8 collect garbage at once ("external memory pressure"), about 0.02 s at the end of a
 *    build. pdf.js now takes the array from globalThis.__sendBundlePdfjsFileBuffer when that gives one
 *    (electron/services/pdf/read/pdfjsFile.ts sets one aside while its thread has nothing to do), and says
 *    it does with globalThis.__sendBundlePdfjsTakesFileBuffer.
 *
 * If pdf.js's source changes, what is not found is left as it is and a warning says so.
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';

/** The start of the method as pdf.js 5.6 writes it (legacy/build/pdf.worker.mjs). */
const INFLATE_METHOD_START = `  async asyncGetBytesFromDecompressionStream(name) {
    this.stream.reset();
    const bytes = this.stream.isAsync ? await this.stream.asyncGetBytes() : this.stream.getBytes();
`;

const ZLIB_INFLATE = `    if (name === "deflate" && typeof process === "object" && process.versions?.node) {
      try {
        const inflated = require("node:zlib").inflateSync(bytes);
        return {
          decompressed: new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength),
          compressed: bytes
        };
      } catch {
        return {
          decompressed: null,
          compressed: bytes
        };
      }
    }
`;

/** ChunkedStream's constructor as pdf.js 5.6 writes it. */
const CHUNKED_STREAM_CONSTRUCTOR = `  constructor(length, chunkSize, manager) {
    super(new Uint8Array(length), 0, length, null);
`;

const CHUNKED_STREAM_WITH_BUFFER = `  constructor(length, chunkSize, manager) {
    super(globalThis.__sendBundlePdfjsFileBuffer?.(length) ?? new Uint8Array(length), 0, length, null);
`;

const PATCHES = [
  {
    find: INFLATE_METHOD_START,
    replace: INFLATE_METHOD_START + ZLIB_INFLATE,
    missing: 'Flate streams still go through DecompressionStream',
  },
  {
    find: CHUNKED_STREAM_CONSTRUCTOR,
    replace: CHUNKED_STREAM_WITH_BUFFER,
    prepend: 'globalThis.__sendBundlePdfjsTakesFileBuffer = true;\n',
    missing: 'a file read in ranges is still held in an array of its own',
  },
];

/** pdf.js's worker module with the changes above; a warning for each that was not found. */
export function patchPdfjsWorker(source) {
  let contents = source.replace(/\r\n/g, '\n');
  const warnings = [];
  for (const patch of PATCHES) {
    const first = contents.indexOf(patch.find);
    if (first === -1 || contents.indexOf(patch.find, first + 1) !== -1) {
      warnings.push({ text: `pdf.js changed: ${patch.missing} (see scripts/pdfjsLoad.mjs).` });
      continue;
    }
    contents = (patch.prepend ?? '') + contents.replace(patch.find, () => patch.replace);
  }
  return { contents: warnings.length === PATCHES.length ? source : contents, warnings };
}

export function pdfjsLoadPlugin() {
  return {
    name: 'pdfjs-load',
    setup(build) {
      const file = `${sep}pdfjs-dist${sep}legacy${sep}build${sep}pdf.worker.mjs`;
      build.onLoad({ filter: /pdf\.worker\.mjs$/ }, async (args) => {
        if (!args.path.endsWith(file)) return undefined;
        const { contents, warnings } = patchPdfjsWorker(await readFile(args.path, 'utf8'));
        return { contents, loader: 'js', warnings };
      });
    },
  };
}
