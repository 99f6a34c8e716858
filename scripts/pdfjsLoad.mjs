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
 * And one change to both its modules (pdf.mjs and the worker), for every thread that loads pdf.js:
 *
 * 3. pdf.js's polyfill of Response.prototype.bytes waits for the first read of Response. As written, it
 *    reads the global Response as pdf.js loads, and Node then loads its whole fetch implementation (undici)
 *    to give it: about 0.02 s in the main thread, and 0.03 s in a worker thread, which compiles Node's own
 *    modules again under the command's V8 flag (cli/v8Flags.mjs). Loading pdf.js in a worker thread took
 *    0.067 s instead of 0.101 s. The command never uses Response (it reads files in ranges); if anything
 *    does, the polyfill is applied as Node first gives it.
 *
 * And one more to its main module, for every thread that reads text:
 *
 * 4. Skia (@napi-rs/canvas) loads when pdf.js first draws, not as pdf.js loads. In Node, pdf.js loads Skia
 *    at once for three classes drawing needs (DOMMatrix, ImageData, Path2D) and makes one DOMMatrix as its
 *    module loads; reading text uses none of them. Loading Skia (a 30 MB library, and its threads) took
 *    0.016-0.021 s of every thread that reads a PDF's text: a build's verifier, a check's and a comparison's
 *    readers. The three become globals that load Skia when first read, and the DOMMatrix is made when first
 *    used.
 *
 * If pdf.js's source changes, what is not found is left as it is and a warning says so (a change in several
 * places is made in all of them or in none).
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { fixPdfjsWorker } from './pdfjsFixes.mjs';

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

/** pdf.js 5.6's polyfill, as both its modules write it. */
const RESPONSE_BYTES_POLYFILL = `if (typeof Response.prototype.bytes !== "function") {
  Response.prototype.bytes = async function () {
    return new Uint8Array(await this.arrayBuffer());
  };
}
`;

/** The same polyfill, applied when Response is first read (Node defines it with a getter that loads it). */
const RESPONSE_BYTES_WHEN_USED = `((polyfill) => {
  const lazy = Object.getOwnPropertyDescriptor(globalThis, "Response");
  if (!lazy?.get || !lazy.configurable) {
    polyfill(globalThis.Response);
    return;
  }
  const settle = (value) =>
    Object.defineProperty(globalThis, "Response", { value, writable: true, configurable: true, enumerable: lazy.enumerable });
  Object.defineProperty(globalThis, "Response", {
    configurable: true,
    enumerable: lazy.enumerable,
    get() {
      const value = lazy.get.call(this);
      settle(value);
      polyfill(value);
      return value;
    },
    set: settle
  });
})((Response) => {
  if (typeof Response === "function" && typeof Response.prototype.bytes !== "function") {
    Response.prototype.bytes = async function () {
      return new Uint8Array(await this.arrayBuffer());
    };
  }
});
`;

/** pdf.js 5.6 loading Skia for its three drawing classes, as its main module writes it. */
const EAGER_CANVAS = `  let canvas;
  try {
    const require = process.getBuiltinModule("module").createRequire(import.meta.url);
    try {
      canvas = require("@napi-rs/canvas");
    } catch (ex) {
      warn(\`Cannot load "@napi-rs/canvas" package: "\${ex}".\`);
    }
  } catch (ex) {
    warn(\`Cannot access the \\\`require\\\` function: "\${ex}".\`);
  }
  if (!globalThis.DOMMatrix) {
    if (canvas?.DOMMatrix) {
      globalThis.DOMMatrix = canvas.DOMMatrix;
    } else {
      warn("Cannot polyfill \`DOMMatrix\`, rendering may be broken.");
    }
  }
  if (!globalThis.ImageData) {
    if (canvas?.ImageData) {
      globalThis.ImageData = canvas.ImageData;
    } else {
      warn("Cannot polyfill \`ImageData\`, rendering may be broken.");
    }
  }
  if (!globalThis.Path2D) {
    if (canvas?.Path2D) {
      globalThis.Path2D = canvas.Path2D;
    } else {
      warn("Cannot polyfill \`Path2D\`, rendering may be broken.");
    }
  }
`;

/** The same classes as globals that load Skia when first read (and say so, as pdf.js did, if it fails). */
const CANVAS_WHEN_USED = `  let canvas;
  const loadCanvas = () => {
    if (canvas === undefined) {
      canvas = null;
      try {
        canvas = process.getBuiltinModule("module").createRequire(import.meta.url)("@napi-rs/canvas");
      } catch (ex) {
        warn(\`Cannot load "@napi-rs/canvas" package: "\${ex}".\`);
      }
    }
    return canvas;
  };
  for (const name of ["DOMMatrix", "ImageData", "Path2D"]) {
    if (globalThis[name]) continue;
    const settle = (value) =>
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = loadCanvas()?.[name];
        if (!value) warn(\`Cannot polyfill \\\`\${name}\\\`, rendering may be broken.\`);
        settle(value);
        return value;
      },
      set: settle
    });
  }
`;

/** Skia loaded when pdf.js first draws: the three classes, and the DOMMatrix it made as it loaded. */
const CANVAS_PATCH = {
  steps: [
    { find: EAGER_CANVAS, replace: CANVAS_WHEN_USED },
    {
      find: 'const SCALE_MATRIX = new DOMMatrix();\n',
      replace: 'let scaleMatrix;\n',
    },
    {
      find: '    SCALE_MATRIX.a = 1 / scaleX;\n    SCALE_MATRIX.d = 1 / scaleY;\n',
      replace:
        '    const SCALE_MATRIX = (scaleMatrix ??= new DOMMatrix());\n    SCALE_MATRIX.a = 1 / scaleX;\n    SCALE_MATRIX.d = 1 / scaleY;\n',
    },
  ],
  missing: 'Skia still loads with it',
};

const RESPONSE_PATCH = {
  find: RESPONSE_BYTES_POLYFILL,
  replace: RESPONSE_BYTES_WHEN_USED,
  missing: "Node's fetch still loads with it",
};

const WORKER_PATCHES = [
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
  RESPONSE_PATCH,
];

/** True when `find` is in `contents` exactly once. */
const once = (contents, find) => {
  const first = contents.indexOf(find);
  return first !== -1 && contents.indexOf(find, first + 1) === -1;
};

function patchModule(source, patches) {
  let contents = source.replace(/\r\n/g, '\n');
  const warnings = [];
  for (const patch of patches) {
    const steps = patch.steps ?? [{ find: patch.find, replace: patch.replace }];
    if (!steps.every((step) => once(contents, step.find))) {
      warnings.push({ text: `pdf.js changed: ${patch.missing} (see scripts/pdfjsLoad.mjs).` });
      continue;
    }
    for (const step of steps) contents = contents.replace(step.find, () => step.replace);
    contents = (patch.prepend ?? '') + contents;
  }
  return { contents: warnings.length === patches.length ? source : contents, warnings };
}

/**
 * pdf.js's worker module with changes 1-3, and pdf.js's own fixes (scripts/pdfjsFixes.mjs: already in the
 * installed file, unless the install did not run them); a warning for each that was not found.
 */
export function patchPdfjsWorker(source) {
  const fixed = fixPdfjsWorker(source);
  const patched = patchModule(fixed.contents, WORKER_PATCHES);
  const unfixed = fixed.missing.map((name) => ({
    text: `pdf.js changed: not fixed: ${name} (see scripts/pdfjsFixes.mjs).`,
  }));
  return { contents: patched.contents, warnings: [...unfixed, ...patched.warnings] };
}

/** pdf.js's main module (pdf.mjs) with changes 3 and 4; a warning for each that was not found. */
export function patchPdfjsMain(source) {
  return patchModule(source, [RESPONSE_PATCH, CANVAS_PATCH]);
}

export function pdfjsLoadPlugin() {
  return {
    name: 'pdfjs-load',
    setup(build) {
      const dir = `${sep}pdfjs-dist${sep}legacy${sep}build${sep}`;
      build.onLoad({ filter: /pdf(\.worker)?\.mjs$/ }, async (args) => {
        const patch = args.path.endsWith(`${dir}pdf.worker.mjs`)
          ? patchPdfjsWorker
          : args.path.endsWith(`${dir}pdf.mjs`)
            ? patchPdfjsMain
            : null;
        if (!patch) return undefined;
        const { contents, warnings } = patch(await readFile(args.path, 'utf8'));
        return { contents, loader: 'js', warnings };
      });
    },
  };
}
