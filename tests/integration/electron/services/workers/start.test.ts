/**
 * Workers started from the source tree (untrusted/boot.mjs): one that reads with pdf.js loads it before
 * TypeScript's loader, and the built-ins pdf.js replaces are the native ones again once it has loaded,
 * whichever way it was loaded.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const BOOT = new URL('../../../../../electron/services/untrusted/boot.mjs', import.meta.url);
const ENTRY = fileURLToPath(new URL('../../../../helpers/builtInsWorker.ts', import.meta.url));

function builtInsAfterPdfjs(preloadPdfjs: boolean): Promise<Record<string, boolean>> {
  const worker = new Worker(BOOT, { workerData: { entry: ENTRY, preloadPdfjs } });
  return new Promise<Record<string, boolean>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The worker stopped (exit ${code}).`)));
  }).finally(() => void worker.terminate());
}

describe('a worker from the sources', () => {
  it.each([true, false])(
    'has the native built-ins once pdf.js has loaded (pdf.js loaded first: %s)',
    async (preloadPdfjs) => {
      expect(await builtInsAfterPdfjs(preloadPdfjs)).toEqual({ push: true, stringify: true, parse: true });
    },
  );
});
