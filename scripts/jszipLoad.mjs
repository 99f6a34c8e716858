/**
 * An esbuild plugin that keeps jszip (used by docx, the working document and archives) from slowing down
 * every thread that loads it, whether or not it ever zips anything.
 *
 * jszip's support.js finds out at load whether Blobs work by making one: `new Blob([new ArrayBuffer(0)])`.
 * In Node, making a Blob detaches the ArrayBuffers it is given, and the first ArrayBuffer detached in a
 * thread invalidates V8's ArrayBufferDetaching protector for good. From then on, every optimised function
 * that reads a typed array (pdf-lib's parser, our reader, the writer: most of a build) is compiled again
 * with a check on each access, and the code compiled before is thrown away. A verified build of the
 * 1,000-page bench case used about 0.02 s more CPU for it (docs/performance.md).
 *
 * The check becomes a getter that makes it the first time `support.blob` is read: the same answer, and jszip
 * reads it only when it is given content to zip or unzip. If jszip's source changes, support.js is bundled
 * unchanged and a warning says so.
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';

/** The check as jszip 3.10 writes it. */
const BLOB_CHECK = `if (typeof ArrayBuffer === "undefined") {
    exports.blob = false;
}
else {
    var buffer = new ArrayBuffer(0);
    try {
        exports.blob = new Blob([buffer], {
            type: "application/zip"
        }).size === 0;
    }
    catch (e) {
        try {
            var Builder = self.BlobBuilder || self.WebKitBlobBuilder || self.MozBlobBuilder || self.MSBlobBuilder;
            var builder = new Builder();
            builder.append(buffer);
            exports.blob = builder.getBlob("application/zip").size === 0;
        }
        catch (e) {
            exports.blob = false;
        }
    }
}`;

/** jszip's support.js with its Blob check made when first asked for; `warnings` if it was not found. */
export function patchJszipSupport(source) {
  const normalised = source.replace(/\r\n/g, '\n');
  const first = normalised.indexOf(BLOB_CHECK);
  if (first === -1 || normalised.indexOf(BLOB_CHECK, first + 1) !== -1)
    return {
      contents: source,
      warnings: [{ text: 'jszip changed: it still makes a Blob when it loads (see scripts/jszipLoad.mjs).' }],
    };
  const lazy =
    'Object.defineProperty(exports, "blob", { configurable: true, enumerable: true, get() {\n' +
    'delete exports.blob;\n' +
    BLOB_CHECK +
    '\nreturn exports.blob;\n} });';
  return { contents: normalised.replace(BLOB_CHECK, () => lazy), warnings: [] };
}

export function jszipLoadPlugin() {
  return {
    name: 'jszip-load',
    setup(build) {
      const file = `${sep}jszip${sep}lib${sep}support.js`;
      build.onLoad({ filter: /support\.js$/ }, async (args) => {
        if (!args.path.endsWith(file)) return undefined;
        const { contents, warnings } = patchJszipSupport(await readFile(args.path, 'utf8'));
        return { contents, loader: 'js', warnings };
      });
    },
  };
}
