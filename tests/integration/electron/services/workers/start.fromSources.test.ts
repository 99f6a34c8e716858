/**
 * Every worker run from the TypeScript sources (untrusted/boot.mjs, through tsx), as in a checkout where
 * the bundle cannot be built. The other tests run them from the prebuilt bundle, as the app, the command
 * line and the browser bridge do (tests/setup/bundledWorkers.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../../../../electron/services/checker/service';
import { closeIdleWorkers } from '../../../../../electron/services/untrusted/runner';
import {
  startWorker,
  stopWorker,
  WORKER_NAMES,
  workerLaunch,
} from '../../../../../electron/services/workers/start';
import type { PageText } from '../../../../../electron/services/pdf/read/text';
import { FIXTURES, tempServices } from '../../../../helpers/context';

const NORMAL = join(FIXTURES, 'valid', 'pdflib-normal.pdf');

const bundled = globalThis.__sendBundleWorkers;
beforeAll(async () => {
  globalThis.__sendBundleWorkers = undefined;
  await closeIdleWorkers();
});
afterAll(async () => {
  await closeIdleWorkers();
  globalThis.__sendBundleWorkers = bundled;
});

describe('workers from the sources', () => {
  it('are started through boot.mjs', () => {
    for (const name of WORKER_NAMES) expect(workerLaunch(name).entry).toMatch(/[/\\]boot\.mjs$/);
  });

  it("read a page's text with pdf.js in a reader thread", async () => {
    const worker = startWorker('pdfText');
    try {
      const texts: (PageText | null)[] = [];
      const pageCount = await new Promise<number>((resolve, reject) => {
        worker.on('message', (message: { page?: number; text?: PageText | null; pageCount?: number }) => {
          if (message.page !== undefined) texts.push(message.text ?? null);
          if (message.pageCount !== undefined) resolve(message.pageCount);
        });
        worker.once('error', reject);
        worker.postMessage({ id: 1, input: { bytes: new Uint8Array(readFileSync(NORMAL)) }, pages: [1] });
      });
      expect(pageCount).toBeGreaterThan(1);
      expect(texts[0]?.text).toContain('Underpayment of Estimated');
    } finally {
      await stopWorker(worker);
    }
  });

  it("import a file and check one in the untrusted-file worker's process", async () => {
    const t = tempServices();
    try {
      const c = t.services.cases.create({ title: 'Sources', role: 'parent', appealType: 'contents-of-plan' });
      const [outcome] = await t.services.documents.import({
        caseId: c.id,
        section: 'C',
        files: [{ name: 'tax form.pdf', data: new Uint8Array(readFileSync(NORMAL)) }],
      });
      expect(outcome).toMatchObject({ status: 'imported', pageCount: 2 });
      const result = await checkFile({ file: { name: 'tax form.pdf', path: NORMAL }, rules: 'send' });
      expect(result.summary).toMatchObject({ pageCount: 2, opened: true });
    } finally {
      t.dispose();
    }
  });
});
