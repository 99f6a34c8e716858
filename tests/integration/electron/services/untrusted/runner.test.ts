/**
 * The untrusted-file worker: taking over the one the command line started before its code loaded
 * (cli/early.ts), and a worker that stops part way through a job.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closeIdleWorkers,
  isolatedCpuSeconds,
  runUntrusted,
  spawnUntrustedWorker,
  stoppedJobError,
  UntrustedCrash,
  UntrustedOutOfMemory,
  warmUpUntrustedWorker,
} from '../../../../../electron/services/untrusted/runner';
import { LIMITS } from '../../../../../shared/limits';
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
    await stopped.worker.stop();
    expect((await check()).findings).toEqual([]);
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toEqual([]);

    const other = startEarly(LIMITS.parserHeapMb + 1);
    expect((await check()).findings).toEqual([]);
    // Not taken: still there for a job with its caps, and not among the idle workers.
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toEqual([other]);
    await closeIdleWorkers();
    expect(other.stopped).toBe(false);
    await other.worker.stop();
  });
});

describe('what an untrusted-file worker used', () => {
  beforeEach(closeIdleWorkers);

  /** The CPU seconds process `pid` has used, as the system counts them (utime + stime). */
  function systemCpuSeconds(pid: number): number {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  // A worker's process is ended, not waited for, when the command exits, so the system adds its CPU time to
  // no one's: the benchmark adds what the workers said (scripts/bench/cli-run.mjs).
  it.skipIf(!existsSync('/proc/self/stat'))(
    'counts the CPU seconds of its process once, however many jobs it answers',
    async () => {
      const early = startEarly();
      const before = isolatedCpuSeconds();
      for (let i = 0; i < 3; i++) expect((await check()).findings).toEqual([]);
      const counted = isolatedCpuSeconds() - before;
      const bySystem = systemCpuSeconds(early.worker.pid!);
      // Starting a process and loading the reader's code alone takes more than this.
      expect(counted).toBeGreaterThan(0.05);
      // The system counts in hundredths, and the process may have done a little since its last answer.
      expect(counted).toBeLessThanOrEqual(bySystem + 0.02);
      expect(counted).toBeGreaterThan(bySystem * 0.7);
    },
    60_000,
  );
});

describe('an untrusted-file worker that stops in the middle of a job', () => {
  beforeEach(closeIdleWorkers);

  it('for lack of memory: the job fails as out of memory, said in the words the caller gave', async () => {
    const error = await runUntrusted(
      'checker.check',
      { file: { name: 'bundle.pdf', path }, rules: 'send', appealType: null, scanned: null },
      { heapMb: 16 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedOutOfMemory);
    expect(stoppedJobError(error, undefined, WORDS)).toMatchObject({ code: 'refused', message: 'memory' });
  }, 60_000);

  it('by crashing (as a parser in native code might on a hostile file): this process carries on', async () => {
    const early = startEarly();
    // Crashed once it is at work on the file: at its first word of progress.
    const job = runUntrusted(
      'checker.check',
      { file: { name: 'bundle.pdf', path }, rules: 'send', appealType: null, scanned: null },
      { onProgress: () => process.kill(early.worker.pid!, 'SIGSEGV') },
    );
    const error = await job.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedCrash);
    expect(stoppedJobError(error, undefined, WORDS)).toMatchObject({ code: 'refused', message: 'crashed' });
    // The next job gets a new worker.
    expect((await check()).findings).toEqual([]);
  }, 60_000);
});

describe('an idle untrusted-file worker', () => {
  beforeEach(closeIdleWorkers);

  it('that ends while idle (killed by the system, say) is not handed the next job', async () => {
    const early = startEarly();
    warmUpUntrustedWorker(LIMITS.parserHeapMb, { textReader: true });
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toEqual([]);
    const ended = new Promise((resolve) => early.worker.once('exit', resolve));
    process.kill(early.worker.pid!, 'SIGKILL');
    await ended;
    expect((await check()).findings).toEqual([]);
  }, 60_000);
});

const WORDS = { cancelled: 'cancelled', tooLong: 'too long', tooMuchMemory: 'memory', crashed: 'crashed' };
