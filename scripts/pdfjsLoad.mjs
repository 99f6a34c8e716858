/**
 * An esbuild plugin for pdf.js as the command line bundles it (dist/cli/pdfjs.cjs, pdfjsBundleOptions in
 * scripts/esbuild.mjs): Flate streams inflated by zlib in one call.
 *
 * pdf.js 5 inflates a Flate stream (a page's content, a ToUnicode map, a font) through the web's
 * DecompressionStream wherever the platform has one. In Node that is zlib behind Node's web streams and two
 * stream adapters, all JavaScript, set up again for every stream: for the many small streams of the pages
 * whose text a build's verification reads, setting them up cost more than the inflating. Reading the text
 * of 25 pages of the 1,000-page bench bundle took 0.23 s instead of 0.26 s without them
 * (docs/performance.md).
 *
 * The same zlib inflates the same bytes here, synchronously (zlib.inflateSync). A stream zlib refuses
 * (damaged, cut short, a bad checksum) still comes back as "not decompressed", as a failed
 * DecompressionStream did, and pdf.js then reads it with its own decoder, which is more forgiving. Other
 * formats (Brotli) still go through DecompressionStream. If pdf.js's source changes, it is bundled as it
 * is and a warning says so.
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';

/** The start of the method as pdf.js 5.6 writes it (legacy/build/pdf.worker.mjs). */
const METHOD_START = `  async asyncGetBytesFromDecompressionStream(name) {
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

/** pdf.js's worker module with Flate streams inflated by zlib; `warnings` if the method was not found. */
export function patchPdfjsWorker(source) {
  const normalised = source.replace(/\r\n/g, '\n');
  const first = normalised.indexOf(METHOD_START);
  if (first === -1 || normalised.indexOf(METHOD_START, first + 1) !== -1)
    return {
      contents: source,
      warnings: [
        {
          text: 'pdf.js changed: Flate streams still go through DecompressionStream (see scripts/pdfjsLoad.mjs).',
        },
      ],
    };
  return { contents: normalised.replace(METHOD_START, () => METHOD_START + ZLIB_INFLATE), warnings: [] };
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
