/** The limits scan a command starts before its code has loaded (cli/early.ts), and its taking over. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fileOverLimitsStarted,
  startEarlyLimitsScan,
} from '../../../../../electron/services/untrusted/limitsScan';
import { makeTextPdf } from '../../../../helpers/seed';

const MODULE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'electron',
  'services',
  'untrusted',
  'limitsScan.ts',
);

let dir: string;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'limits-scan-'));
  path = join(dir, 'file.pdf');
  writeFileSync(path, await makeTextPdf('A file', 3));
});

afterEach(() => {
  vi.restoreAllMocks();
  globalThis.__sendBundleEarlyLimitsScan = undefined;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a limits scan started early', () => {
  it('does not keep the process alive until it is taken, and then does until it answers', async () => {
    const unref = vi.spyOn(Worker.prototype, 'unref');
    const ref = vi.spyOn(Worker.prototype, 'ref');
    startEarlyLimitsScan(path);
    const early = globalThis.__sendBundleEarlyLimitsScan!;
    expect(early.worker).toBeInstanceOf(Worker);
    expect(unref.mock.contexts).toContain(early.worker);
    expect(ref.mock.contexts).not.toContain(early.worker);
    const over = fileOverLimitsStarted(path);
    expect(ref.mock.contexts).toContain(early.worker);
    expect(await over).toBeNull();
    expect(globalThis.__sendBundleEarlyLimitsScan).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')(
    'lets a command that stops before taking it exit, even while its thread waits on the file',
    () => {
      // A named pipe nobody writes to: the scan's thread waits to open it for as long as the process lives.
      const pipe = join(dir, 'waits.pdf');
      execFileSync('mkfifo', [pipe]);
      const script = `import(${JSON.stringify(pathToFileURL(MODULE).href)}).then((m) => m.startEarlyLimitsScan(${JSON.stringify(pipe)}))`;
      const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.error, 'the process did not end by itself').toBeUndefined();
      expect(result.status, result.stderr).toBe(0);
    },
  );

  it('is taken for its own file only, once', async () => {
    const madeUp = Promise.resolve({ pages: 12345 });
    globalThis.__sendBundleEarlyLimitsScan = { path, over: madeUp };
    expect(await fileOverLimitsStarted(path)).toEqual({ pages: 12345 });
    expect(await fileOverLimitsStarted(path)).toBeNull();
    globalThis.__sendBundleEarlyLimitsScan = { path: join(dir, 'other.pdf'), over: madeUp };
    expect(await fileOverLimitsStarted(path)).toBeNull();
    expect(globalThis.__sendBundleEarlyLimitsScan).toBeUndefined();
  });
});
