/**
 * Worker threads for the services. A worker is a module that answers messages; it runs from its own
 * bundled file in the shipped app and CLI (the bundle's banner sets `globalThis.__sendBundleWorkers`, see
 * scripts/esbuild.mjs), and from its TypeScript source through tsx everywhere else (tests, `npm run web`).
 * (The untrusted-file worker, untrusted/runner.ts, starts its own worker the same way.)
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Every worker module, by name (paths under electron/services, without the extension). */
export const WORKER_MODULES = {
  pdfText: 'pdf/read/textWorker',
} as const;

export type WorkerName = keyof typeof WORKER_MODULES;

declare global {
  // Set by a bundle's banner: the folder (a file: URL ending in /) and extension of the bundled workers.
  var __sendBundleWorkers: { dir: string; ext: string } | undefined;
}

export function startWorker(name: WorkerName): Worker {
  const bundled = globalThis.__sendBundleWorkers;
  if (bundled) return new Worker(new URL(`${name}${bundled.ext}`, bundled.dir));
  // From the TypeScript sources: untrusted/boot.mjs registers tsx in the worker, then loads the module.
  const entry = fileURLToPath(new URL(`../${WORKER_MODULES[name]}.ts`, import.meta.url));
  return new Worker(new URL('../untrusted/boot.mjs', import.meta.url), { workerData: { entry } });
}
