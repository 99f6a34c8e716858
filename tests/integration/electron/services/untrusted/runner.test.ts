/** Taking over the untrusted-file worker the command line started before its code loaded (cli/early.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closeIdleWorkers,
  runUntrusted,
  spawnUntrustedWorker,
  warmUpUntrustedWorker,
} from '../../../../../electron/services/untrusted/runner';
import { LIMITS } from '../../../../../shared/limits';
import { stopWorker } from '../../../../../electron/services/workers/start';
import { buildEngineBundle } from '../../../../helpers/checkerBundles';

let dir: string;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'untrusted-runner-'));
  path = join(dir, 'bundle.pdf');
  writeFileSync(path, (await buildEngineBundle()).bytes);
});

afterEach(async () => {
  globalThis.__sendBundleEarlyUntrustedWorkers = undefined;
  await closeIdleWorkers();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An early worker as cli/early.ts leaves it, after those already there. */
function startEarly(heapMb: number = LIMITS.parserHeapMb) {
  const early = { worker: spawnUntrustedWorker(heapMb, { textReader: true }), heapMb, stopped: false };
  early.worker.once('exit', () => (early.stopped = true));
  early.worker.unref();
  globalThis.__sendBundleEarlyUntrustedWorkers = [
    ...(globalThis.__sendBundleEarlyUntrustedWorkers ?? []),
    early,
  ];
  return early;
}

const check = () =>
  runUntrusted('checker.check', {
    file: { name: 'bundle.pdf', path },
    rules: 'send',
    appealType: null,
    scanned: null,
  });

describe('the untrusted-file worker started early', () => {
  // Test files share a process (vitest.config.ts isolate: false): another file's idle workers would take the job.
  beforeEach(closeIdleWorkers);

  it('runs the first job, and is then kept with the idle workers', async () => {
    const early = startEarly();
    expect((await check()).findings).toEqual([]);
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toEqual([]);
    expect(early.stopped).toBe(false);
    // It is the idle worker closed here.
    await closeIdleWorkers();
    await new Promise((resolve) => setImmediate(resolve));
    expect(early.stopped).toBe(true);
  });

  it('is what warming up a worker takes', async () => {
    const early = startEarly();
    warmUpUntrustedWorker(LIMITS.parserHeapMb, { textReader: true });
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toEqual([]);
    await closeIdleWorkers();
    await new Promise((resolve) => setImmediate(resolve));
    expect(early.stopped).toBe(true);
  });

  it('serves jobs running at once, one worker each (compare reads two files)', async () => {
    const first = startEarly();
    const second = startEarly();
    const results = await Promise.all([check(), check()]);
    expect(results.map((r) => r.findings)).toEqual([[], []]);
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toEqual([]);
    await closeIdleWorkers();
    await new Promise((resolve) => setImmediate(resolve));
    expect([first.stopped, second.stopped]).toEqual([true, true]);
  });

  it('is left when it has stopped, or was started with other memory caps', async () => {
    const stopped = startEarly();
    await stopWorker(stopped.worker);
    expect((await check()).findings).toEqual([]);
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toEqual([]);

    const other = startEarly(LIMITS.parserHeapMb + 1);
    expect((await check()).findings).toEqual([]);
    // Not taken: still there for a job with its caps, and not among the idle workers.
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toEqual([other]);
    await closeIdleWorkers();
    expect(other.stopped).toBe(false);
    await stopWorker(other.worker);
  });
});
