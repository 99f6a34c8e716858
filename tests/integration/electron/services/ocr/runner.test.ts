/**
 * The OCR worker runs in a process of its own (electron/services/ocr/runner.ts): one that runs out of
 * memory stops that document's recognition with a plain reason, and this process carries on.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OcrRunner, OcrStopped } from '../../../../../electron/services/ocr/runner';
import { storageFault } from '../../../../../electron/services/storageFaults';
import { makeScannedPdf } from '../../../../helpers/scans';

const dir = mkdtempSync(join(tmpdir(), 'ocr-runner-'));
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  rmSync(dir, { recursive: true, force: true });
});

describe('the OCR worker', () => {
  it('that runs out of memory stops with that reason', async () => {
    const pdf = join(dir, 'scan.pdf');
    writeFileSync(pdf, await makeScannedPdf([{ dpi: 200 }]));
    const starved = new OcrRunner({ threads: 1, maxHeapMb: 8 });
    const error = await starved.run(pdf, join(dir, 'out.pdf'), [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcrStopped);
    expect(error).toMatchObject({
      reason: 'crashed',
      message: 'it needed more memory than text recognition is allowed',
    });
    await starved.terminate();
  }, 120_000);

  it('that cannot write its searchable copy on a full disk stops with the error code, so it is named a full disk', async (test) => {
    const pdf = join(dir, 'scan2.pdf');
    writeFileSync(pdf, await makeScannedPdf([{ dpi: 200 }]));
    const disk = join(dir, 'full');
    mkdirSync(disk);
    // 16 kB: less than the searchable copy of one page. Mounting needs root (as on the build machines and in CI).
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', disk], {
      encoding: 'utf8',
    });
    if (mounted.status !== 0) test.skip(`cannot mount a small tmpfs here (${mounted.stderr.trim()})`);
    mounts.push(disk);
    const runner = new OcrRunner({ threads: 1 });
    try {
      const error = await runner.run(pdf, join(disk, 'out.pdf'), [1]).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ENOSPC' });
      expect(storageFault(error)?.message).toMatch(/^The disk is full, so nothing was saved/);
    } finally {
      await runner.terminate();
    }
  }, 120_000);
});
