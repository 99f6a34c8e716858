/**
 * Workers started from the source tree (untrusted/boot.mjs): one that reads with pdf.js loads it before
 * TypeScript's loader, and the built-ins pdf.js replaces are the native ones again once it has loaded,
 * whichever way it was loaded. Every worker fences its zlib (workers/zlibFence.cjs).
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startWorker,
  stopWorker,
  WORKER_NAMES,
  workerLaunch,
} from '../../../../../electron/services/workers/start';
import { cliBuildIsFresh } from '../../../../../scripts/cliFresh.mjs';
import { isFenced, zlibFenceOf } from '../../../../../electron/services/workers/zlibFence.cjs';

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

const bundled = globalThis.__sendBundleWorkers;
afterEach(() => {
  globalThis.__sendBundleWorkers = bundled;
});

describe('startWorker', () => {
  it('starts the workers from the prebuilt bundle in the tests, as every host does, when it is current', () => {
    const fresh = cliBuildIsFresh();
    for (const name of WORKER_NAMES)
      expect(workerLaunch(name).entry.includes(join('dist', 'cli', ''))).toBe(fresh);
  });

  it.each(WORKER_NAMES.flatMap((name) => [[name, 'the bundle'] as const, [name, 'the sources'] as const]))(
    'starts %s from %s with its zlib fenced, and stopWorker ends it',
    async (name, from) => {
      if (from === 'the sources') globalThis.__sendBundleWorkers = undefined;
      expect(workerLaunch(name).entry.endsWith('boot.mjs')).toBe(from === 'the sources');
      const worker = startWorker(name);
      const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
      const fence = zlibFenceOf(worker);
      expect(fence).toBeDefined();
      const giveUpAt = Date.now() + 30_000;
      while (!isFenced(fence!) && Date.now() < giveUpAt)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(isFenced(fence!)).toBe(true);
      await stopWorker(worker);
      expect(await exited).toBe(1);
    },
    40_000,
  );
});
