/**
 * In the Electron app, untrusted files are read in utility processes (electron/shell/utilityChild.ts),
 * here a stand-in that answers as one (tests/helpers/fakeUtilityProcess.ts): the untrusted-file worker
 * reads through Electron's process.parentPort, large byte arrays go by file, and a crash or a heap cap
 * is said as under Node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { utilityProcessStarter } from '../../../../electron/shell/utilityChild';
import {
  closeIdleWorkers,
  runUntrusted,
  UntrustedCrash,
  UntrustedOutOfMemory,
  warmUpUntrustedWorker,
} from '../../../../electron/services/untrusted/runner';
import { forkWithNode, useIsolatedChildStarter } from '../../../../electron/services/workers/isolatedProcess';
import { LIMITS } from '../../../../shared/limits';
import { fakeUtilityProcess } from '../../../helpers/fakeUtilityProcess';
import { FIXTURES } from '../../../helpers/context';

// Over a megabyte: sent by file.
const PDF = join(FIXTURES, 'structure', 'pdflib-linearized_with_object_streams.pdf');

beforeAll(async () => {
  // Test files share a process (vitest.config.ts isolate: false): no Node-started worker may take the jobs.
  await closeIdleWorkers();
  useIsolatedChildStarter(utilityProcessStarter(fakeUtilityProcess));
});
afterEach(closeIdleWorkers);
afterAll(() => useIsolatedChildStarter(forkWithNode));

const checkBytes = (options: { heapMb?: number; onProgress?: () => void } = {}) =>
  runUntrusted(
    'checker.check',
    { file: { name: 'linearized.pdf', data: readFileSync(PDF) }, rules: 'send', appealType: null },
    options,
  );

describe('the untrusted-file worker in an Electron utility process', () => {
  it('checks a file sent to it as bytes', async () => {
    expect(readFileSync(PDF).byteLength).toBeGreaterThan(1024 * 1024);
    const result = await checkBytes();
    expect(result.summary.pageCount).toBe(206);
  }, 60_000);

  it('that crashes part way through a job says so, and the next job gets a new one', async () => {
    warmUpUntrustedWorker();
    let crashed = false;
    const error = await checkBytes({
      onProgress: () => {
        if (crashed) return;
        crashed = true;
        // The only utility process running: the one at work.
        for (const pid of childPids()) process.kill(pid, 'SIGSEGV');
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedCrash);
    expect((error as Error).message).toMatch(/exit 139/);
    expect((await checkBytes()).summary.pageCount).toBe(206);
  }, 60_000);

  it('that runs out of heap is said to have run out of memory', async () => {
    const error = await checkBytes({ heapMb: 16 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedOutOfMemory);
    expect(LIMITS.parserHeapMb).toBeGreaterThan(16);
  }, 60_000);
});

/** This process's children that run the utility stand-in. */
function childPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (ppid === process.pid && cmdline.includes('utilityShim')) pids.push(Number(name));
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}
