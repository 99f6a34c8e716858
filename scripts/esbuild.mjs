// One esbuild configuration for everything that runs in Node from a bundle: the Electron main process
// (scripts/build-electron.mjs), the command line (scripts/build-cli.mjs) and the benchmark's child
// (scripts/bench.ts), so the benchmark measures what ships. Each bundle gets the workers it may start
// beside it (electron/services/workers/start.ts finds them through the banner's globalThis entry).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_CACHE_DIR } from './cliFresh.mjs';
import { fontkitLoadPlugin } from './fontkitLoad.mjs';
import { jszipLoadPlugin } from './jszipLoad.mjs';
import { lazyPackagesPlugin } from './lazyPackagesLoad.mjs';
import { utifLoadPlugin } from './utifLoad.mjs';
import { wasmDecodersLoadPlugin } from './wasmDecodersLoad.mjs';
import { pdfjsLoadPlugin } from './pdfjsLoad.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Node packages loaded at run time instead of bundled: Electron itself, native modules (better-sqlite3,
 * canvas), pdf.js (loaded with import(); it loads its own worker file) and tesseract.js (its own workers
 * and language data).
 */
export const NODE_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'pdfjs-dist',
  'pdfjs-dist/*',
  '@napi-rs/canvas',
  'tesseract.js',
  '@tesseract.js-data/*',
];

/** Worker threads the services start (electron/services/workers/start.ts): bundled file name → source. */
export const WORKER_ENTRIES = {
  untrustedWorker: join(root, 'electron', 'services', 'untrusted', 'worker.ts'),
  pdfTextWorker: join(root, 'electron', 'services', 'pdf', 'read', 'textWorker.ts'),
  // The PDF limits scan of a file on disk, in a thread of its own that ends after it (untrusted/limitsScan.ts).
  pdfScanWorker: join(root, 'electron', 'services', 'untrusted', 'scanWorker.ts'),
  // Text recognition: the thread that prepares pages and writes the text layer, and each recogniser thread
  // (tesseract.js's own worker script with the network blocked, started by tesseract.js).
  ocrWorker: join(root, 'electron', 'services', 'ocr', 'worker.ts'),
  ocrRecogniser: join(root, 'electron', 'services', 'ocr', 'tesseractThread.cjs'),
};

/**
 * Our sources read `import.meta.url` to find files next to them (fonts, the renderer, package.json). In a
 * bundle each source file gets the URL it would have had in the source tree, computed from the bundle's
 * own place: `up` is the way from the bundle's folder to the app root ('../..' for dist/electron and
 * dist/cli, in the checkout and inside the packaged app.asar alike).
 */
function importMetaUrlPlugin(up) {
  return {
    name: 'send-bundle-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.(ts|tsx|mts|js|mjs)$/ }, async (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromRoot = relative(root, args.path).split(sep).join('/');
        const expression = `new URL(${JSON.stringify(`${up}/${fromRoot}`)}, __bundleUrl).href`;
        return {
          contents: source.replaceAll('import.meta.url', `(${expression})`),
          loader: args.path.endsWith('x')
            ? 'tsx'
            : args.path.endsWith('.ts') || args.path.endsWith('.mts')
              ? 'ts'
              : 'js',
        };
      });
    },
  };
}

/**
 * The version of pdf-lib bundled, for the version check of electron/services/pdf/pdfLibPatches.ts (a
 * packaged app has no node_modules/@cantoo to read it from).
 */
export function bundledPdfLibVersion() {
  const entry = createRequire(join(root, 'package.json')).resolve('@cantoo/pdf-lib');
  let dir = dirname(entry);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === '@cantoo/pdf-lib') return pkg.version;
    } catch {
      // no package.json here: look one folder up
    }
    if (dirname(dir) === dir) throw new Error('Could not find the version of @cantoo/pdf-lib.');
    dir = dirname(dir);
  }
}

/**
 * esbuild options for a Node bundle of our sources in `outdir`: `format` 'cjs' (Electron's main process)
 * or 'esm' (the command line, the benchmark), `up` the way from `outdir` to the app root. With
 * `pdfjsWithCodeCache` (CommonJS bundles of the command line and the benchmark's children, with
 * pdfjs.cjs built beside them: pdfjsBundleOptions), every thread loads pdf.js from that file with a code
 * cache (cli/compileCache.cjs) instead of compiling its ES modules again.
 */
export function nodeBundleOptions({
  format,
  outdir,
  up,
  entryPoints,
  splitting = false,
  pdfjsWithCodeCache = false,
}) {
  const ext = format === 'esm' ? '.mjs' : '.cjs';
  const bundleUrl =
    format === 'esm'
      ? `const __bundleUrl = ${['import', 'meta', 'url'].join('.')};`
      : "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;";
  // CommonJS packages bundled into ESM need a require() of their own.
  const esmRequire =
    format === 'esm'
      ? "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(__bundleUrl);"
      : '';
  const workers = `globalThis.__sendBundleWorkers ??= { dir: new URL('./', __bundleUrl).href, ext: ${JSON.stringify(ext)} };`;
  if (pdfjsWithCodeCache && format !== 'cjs')
    throw new Error('pdf.js with a code cache needs a CommonJS bundle.');
  // electron/services/pdf/pdfjs.ts calls it (and falls back to pdf.js's ES modules if it fails).
  const pdfjs = pdfjsWithCodeCache
    ? `globalThis.__sendBundlePdfjs ??= () => require(require('node:path').join(__dirname, ${JSON.stringify(up)}, 'cli', 'compileCache.cjs')).requirePdfjs(__dirname, ${JSON.stringify(CODE_CACHE_DIR)});`
    : '';
  return {
    entryPoints,
    outdir,
    outExtension: { '.js': ext },
    bundle: true,
    splitting: format === 'esm' && splitting,
    platform: 'node',
    format,
    target: 'node20',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
    // The packages' ES builds where they have one (pdf-lib's CommonJS build is compiled down to ES5 and is
    // slower).
    mainFields: ['module', 'main'],
    external: NODE_EXTERNALS,
    plugins: [
      importMetaUrlPlugin(up),
      fontkitLoadPlugin(),
      jszipLoadPlugin(),
      lazyPackagesPlugin(),
      utifLoadPlugin(),
      wasmDecodersLoadPlugin(),
    ],
    // Any import.meta.url left (in bundled packages) means the bundle itself.
    define: {
      ...(format === 'cjs' ? { 'import.meta.url': '__bundleUrl' } : {}),
      __PDF_LIB_VERSION__: JSON.stringify(bundledPdfLibVersion()),
    },
    banner: { js: [bundleUrl, esmRequire, workers, pdfjs].filter(Boolean).join('\n') },
  };
}

/**
 * esbuild options for `outdir`/pdfjs.cjs: pdf.js and its worker (cli/pdfjs.mjs) as one CommonJS file,
 * for bundles built with `pdfjsWithCodeCache`. pdf.js's own `import.meta.url` (it loads the native canvas
 * package with a require() made from it) becomes the file's own URL: packages resolve from there as they
 * would from node_modules/pdfjs-dist. Its Flate streams are inflated by zlib in one call
 * (scripts/pdfjsLoad.mjs).
 */
export function pdfjsBundleOptions({ outdir }) {
  return {
    entryPoints: { pdfjs: join(root, 'cli', 'pdfjs.mjs') },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
    external: ['@napi-rs/canvas'],
    plugins: [pdfjsLoadPlugin()],
    define: { 'import.meta.url': '__pdfjsBundleUrl' },
    banner: { js: "const __pdfjsBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/** Entry points for a bundle and the workers it may start. */
export function withWorkers(entries) {
  return { ...entries, ...WORKER_ENTRIES };
}
