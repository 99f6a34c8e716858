/**
 * The command line's untrusted-file worker runs its bundled file with a code cache (cli/cachedWorker.cjs,
 * started by electron/services/workers/start.ts once cli/compileCache.cjs cacheWorkerCode has been called):
 * the cache is saved by a worker's first job, before it answers, and used by the next worker, which answers
 * the same; a damaged cache is not used, and a good one is saved again.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheWorkerCode } from '../../../cli/compileCache.cjs';
import { nodeBundleOptions, WORKER_ENTRIES } from '../../../scripts/esbuild.mjs';
import { spawnUntrustedWorker } from '../../../electron/services/untrusted/runner';
import type { WorkerReply, WorkerRequest } from '../../../electron/services/untrusted/jobs';
import type { CheckResult } from '../../../shared/domain/checker';
import { REPO_ROOT } from '../../helpers/repo';

// Inside the checkout, as dist/cli is: the bundle loads packages (pdf.js) from node_modules.
const outdir = join(REPO_ROOT, 'node_modules', '.cache', `cached-worker-test-${process.pid}`);
const cacheDir = join(outdir, 'v8-cache');
const PDF = join(REPO_ROOT, '..', 'shared', 'fixtures', 'pdfs', 'valid', 'pdflib-us_constitution.pdf');

beforeAll(async () => {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const { build } = await import('esbuild');
  // The workers as the command line bundles them (scripts/build-cli.mjs), without the command itself.
  await build({
    ...nodeBundleOptions({ format: 'cjs', outdir, up: '../../..', entryPoints: WORKER_ENTRIES }),
    logLevel: 'error',
  });
  globalThis.__sendBundleWorkers = { dir: pathToFileURL(`${outdir}/`).href, ext: '.cjs' };
  cacheWorkerCode({ cacheDir, profile: 'check' });
}, 120_000);

afterAll(() => {
  globalThis.__sendBundleWorkers = undefined;
  globalThis.__sendBundleWorkerCodeCache = undefined;
  rmSync(outdir, { recursive: true, force: true });
});

/** A new worker checks the fixture and is stopped as soon as it has answered (as a command ends). */
async function checkInNewWorker(): Promise<CheckResult> {
  const worker = spawnUntrustedWorker();
  try {
    return await new Promise<CheckResult>((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'result') resolve(reply.value as CheckResult);
        else if (reply.type === 'error') reject(new Error(reply.error.message));
      });
      worker.once('error', reject);
      worker.postMessage({
        type: 'run',
        id: 1,
        name: 'checker.check',
        input: { file: { name: 'constitution.pdf', path: PDF }, rules: 'send', appealType: null },
      } satisfies WorkerRequest);
    });
  } finally {
    await worker.stop();
  }
}

const caches = () => readdirSync(cacheDir).filter((name) => name.startsWith('untrustedWorker.cjs.'));

describe("the command line's untrusted-file worker with a code cache", () => {
  it('saves the cache before its first answer, and the next worker uses it and answers the same', async () => {
    const first = await checkInNewWorker();
    expect(first.summary.pageCount).toBe(19);
    expect(caches()).toEqual([expect.stringMatching(/^untrustedWorker\.cjs\.check-untrusted\..*\.v8$/)]);
    const cache = join(cacheDir, caches()[0]);
    const saved = statSync(cache).mtimeMs;
    // Used: a cache that was not used would have been saved again.
    const second = await checkInNewWorker();
    expect(second.findings).toEqual(first.findings);
    expect({ ...second.summary, seconds: 0 }).toEqual({ ...first.summary, seconds: 0 });
    expect(statSync(cache).mtimeMs).toBe(saved);

    // Damaged: not used, the worker answers all the same, and a good cache takes its place.
    writeFileSync(cache, 'not a cache');
    expect((await checkInNewWorker()).findings).toEqual(first.findings);
    expect(readFileSync(cache).subarray(0, 4).toString()).toBe('SBV8');
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
