/** The threads the command line starts before its own code loads (cli/early.ts). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEarlyThreads } from '../../../cli/early';
import { fileToCheck } from '../../../cli/commands/checkArgs';
import { stopWorker } from '../../../electron/services/workers/start';
import { LIMITS } from '../../../shared/limits';
import { FIXTURES } from '../../helpers/context';

afterEach(async () => {
  const stops: Promise<unknown>[] = [];
  for (const early of globalThis.__sendBundleEarlyUntrustedWorkers ?? []) stops.push(early.worker.stop());
  const text = globalThis.__sendBundleEarlyTextReader;
  if (text) stops.push(stopWorker(text.worker));
  const scan = globalThis.__sendBundleEarlyLimitsScan;
  if (scan) stops.push(scan.over.catch(() => null));
  globalThis.__sendBundleEarlyUntrustedWorkers = undefined;
  globalThis.__sendBundleEarlyTextReader = undefined;
  globalThis.__sendBundleEarlyLimitsScan = undefined;
  await Promise.all(stops);
});

describe('threads started before the command loads', () => {
  it('for a check: the limits scan of the file named, and the untrusted-file worker with its caps', async () => {
    const file = join(FIXTURES, 'valid', 'pdflib-normal.pdf');
    startEarlyThreads('check', ['--data-dir', 'cases', 'check', file, '--json', '--rules', 'dd']);
    expect(globalThis.__sendBundleEarlyLimitsScan?.path).toBe(file);
    await expect(globalThis.__sendBundleEarlyLimitsScan?.over).resolves.toBeDefined();
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toMatchObject([
      { heapMb: LIMITS.parserHeapMb, stopped: false },
    ]);
    expect(globalThis.__sendBundleEarlyTextReader).toBeUndefined();
  });

  it('for a check of what is not a file (missing, a folder, a pipe): no scan; the command says what it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'early-'));
    try {
      const paths = [join(dir, 'missing.pdf'), dir];
      if (process.platform !== 'win32') {
        // Opening a pipe waits for a writer: the scan's thread would hold the process for ever.
        execFileSync('mkfifo', [join(dir, 'pipe.pdf')]);
        paths.push(join(dir, 'pipe.pdf'));
      }
      for (const path of paths) {
        startEarlyThreads('check', ['check', path]);
        expect(globalThis.__sendBundleEarlyLimitsScan, path).toBeUndefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('for a check typed wrongly: no scan (the command says what is wrong)', () => {
    for (const args of [['check'], ['check', 'a.pdf', 'b.pdf'], ['check', 'a.pdf', '--colour', 'red']]) {
      startEarlyThreads('check', args);
      expect(globalThis.__sendBundleEarlyLimitsScan, args.join(' ')).toBeUndefined();
    }
  });

  it('for a comparison: two untrusted-file workers, one for each file', () => {
    startEarlyThreads('compare', ['compare', 'yours.pdf', 'theirs.pdf']);
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toMatchObject([
      { heapMb: LIMITS.parserHeapMb, stopped: false },
      { heapMb: LIMITS.parserHeapMb, stopped: false },
    ]);
    expect(globalThis.__sendBundleEarlyLimitsScan).toBeUndefined();
    expect(globalThis.__sendBundleEarlyTextReader).toBeUndefined();
  });

  it("for a build: the verification's pdf.js reader; for other commands nothing", () => {
    startEarlyThreads('case', ['case', 'list']);
    expect(globalThis.__sendBundleEarlyTextReader).toBeUndefined();
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toBeUndefined();
    startEarlyThreads('build', ['build', '1']);
    expect(globalThis.__sendBundleEarlyTextReader?.stopped).toBe(false);
    expect(globalThis.__sendBundleEarlyUntrustedWorkers).toBeUndefined();
  });
});

describe('the file a check names', () => {
  it('is read as the check command reads its arguments', () => {
    expect(fileToCheck(['bundle.pdf'])).toBe(resolve('bundle.pdf'));
    expect(fileToCheck(['--appeal-type', 'contents-of-plan', 'x/b.pdf', '--report', 'r.pdf'])).toBe(
      resolve('x/b.pdf'),
    );
    expect(fileToCheck([])).toBeNull();
    expect(fileToCheck(['--rules'])).toBeNull();
  });
});
