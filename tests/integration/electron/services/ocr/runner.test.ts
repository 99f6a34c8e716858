/**
 * The OCR worker runs in a process of its own (electron/services/ocr/runner.ts): one that runs out of
 * memory stops that document's recognition with a plain reason, and this process carries on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OcrRunner, OcrStopped } from '../../../../../electron/services/ocr/runner';
import { makeScannedPdf } from '../../../../helpers/scans';

const dir = mkdtempSync(join(tmpdir(), 'ocr-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
});
