/** The limits scan a command starts before its code has loaded (cli/early.ts), and its taking over. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fileOverLimitsStarted,
  startEarlyLimitsScan,
} from '../../../../../electron/services/untrusted/limitsScan';
import { makeTextPdf } from '../../../../helpers/seed';

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
