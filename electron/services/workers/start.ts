/**
 * Worker threads for the services. A worker is a module that answers messages. In a bundle (the shipped
 * app, the command line: scripts/esbuild.mjs) each worker is bundled beside the main file, and the bundle's
 * banner says where (`globalThis.__sendBundleWorkers`); from the TypeScript sources (tests, `npm run web`,
 * the command line while it is rebuilt) the worker loads its source through tsx (untrusted/boot.mjs).
 */
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { newZlibFence, rememberZlibFence } from './zlibFence.cjs';

export { stopWorker } from './zlibFence.cjs';

/**
 * Every worker: its source under electron/services (no extension), and its bundled file's name.
 * `pdfjs`: it reads with pdf.js, which a worker from the sources loads before TypeScript (untrusted/boot.mjs).
 * `codeCache`: the command line runs its bundled file with a code cache (cli/cachedWorker.cjs), for workers
 * whose file is big and that a command starts every time; the worker calls keepWorkerCompiledCode
 * (./codeCache.ts) after its first job. The others' files are small (pdf.js, which the text reader loads,
 * has a cache of its own), or their work takes far longer than compiling (OCR).
 */
const WORKERS = {
  untrusted: { source: 'untrusted/worker', bundled: 'untrustedWorker', pdfjs: true, codeCache: true },
  pdfText: { source: 'pdf/read/textWorker', bundled: 'pdfTextWorker', pdfjs: true, codeCache: false },
  pdfScan: { source: 'untrusted/scanWorker', bundled: 'pdfScanWorker', pdfjs: false, codeCache: false },
  ocr: { source: 'ocr/worker', bundled: 'ocrWorker', pdfjs: true, codeCache: false },
} as const;

export type WorkerName = keyof typeof WORKERS;
export const WORKER_NAMES = Object.keys(WORKERS) as WorkerName[];

declare global {
  // Set by a bundle's banner: the folder (a file: URL ending in /) and extension of the bundled workers.
  var __sendBundleWorkers: { dir: string; ext: string } | undefined;
  // Set by the command line (cli/compileCache.cjs, cacheWorkerCode): the loader that runs a worker's bundled
  // file with a code cache, where the caches are kept, and the command's name.
  var __sendBundleWorkerCodeCache: { loader: string; cacheDir: string; profile: string } | undefined;
}

/**
 * The file of a bundled script that is started by a library rather than by startWorker (tesseract.js starts
 * its own threads from a path: ocr/files.ts), or null when running from the sources.
 */
export function bundledWorkerFile(bundledName: string): string | null {
  const bundled = globalThis.__sendBundleWorkers;
  return bundled ? fileURLToPath(new URL(`${bundledName}${bundled.ext}`, bundled.dir)) : null;
}

/**
 * Starts the worker `name`. End it with stopWorker, never worker.terminate(): the thread is handed a fence
 * (./zlibFence.cjs) that stopWorker waits on, as ending a thread while it makes a zlib stream aborts the
 * process. Its entry imports ./fenceThisThread first.
 */
export function startWorker(name: WorkerName, options: Omit<WorkerOptions, 'workerData'> = {}): Worker {
  const zlibFence = newZlibFence();
  return rememberZlibFence(startFencedWorker(name, options, zlibFence), zlibFence);
}

function startFencedWorker(
  name: WorkerName,
  options: Omit<WorkerOptions, 'workerData'>,
  zlibFence: Int32Array,
): Worker {
  const { entry, data } = workerLaunch(name);
  return new Worker(entry, { ...options, workerData: { ...data, zlibFence } });
}

/**
 * The script that runs the worker `name`, and what it is given as its workerData: its bundled file (through
 * the command line's code-cache loader where it asked for one), or its source through untrusted/boot.mjs.
 * A thread (startWorker) and a process of its own (./isolatedProcess.ts) are started from the same.
 */
export function workerLaunch(name: WorkerName): { entry: string; data: Record<string, unknown> } {
  const bundled = globalThis.__sendBundleWorkers;
  if (bundled) {
    const file = fileURLToPath(new URL(`${WORKERS[name].bundled}${bundled.ext}`, bundled.dir));
    const cached = globalThis.__sendBundleWorkerCodeCache;
    if (cached && WORKERS[name].codeCache && bundled.ext === '.cjs') {
      const codeCache = { file, cacheDir: cached.cacheDir, profile: `${cached.profile}-${name}` };
      return { entry: cached.loader, data: { codeCache } };
    }
    return { entry: file, data: {} };
  }
  return {
    entry: fileURLToPath(new URL('../untrusted/boot.mjs', import.meta.url)),
    data: {
      entry: fileURLToPath(new URL(`../${WORKERS[name].source}.ts`, import.meta.url)),
      preloadPdfjs: WORKERS[name].pdfjs,
    },
  };
}
