/**
 * One soak run (scripts/soak.ts starts it in a child process of its own, so its peak RSS is this one
 * file's): `node one.mjs import|check|case-import FILE`, bundled by soak.ts. Prints one JSON line:
 * outcome (imported, refused, checked…), the message, seconds and the process's peak RSS in MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { createServices } from '../../electron/services';
import { closeServiceContext, openServiceContext } from '../../electron/services/context';
import { installPdfLibPatches } from '../../electron/services/pdf/pdfLibPatches';
import { closeIdleWorkers, isolatedPeakRssMB } from '../../electron/services/untrusted/runner';
import { peakRssKb } from '../../electron/services/workers/peakRss';

const [action, file] = process.argv.slice(2);
installPdfLibPatches();
const data = mkdtempSync(join(tmpdir(), 'send-bundle-soak-data-'));
const ctx = openServiceContext(data);
const services = createServices(ctx);
const name = basename(file);
const started = performance.now();
let outcome: string;
let message: string;
try {
  if (action === 'import') {
    const c = services.cases.create({ title: 'Soak', role: 'parent', appealType: 'refusal-to-issue' });
    const [result] = await services.documents.import({
      caseId: c.id,
      section: 'C',
      files: [{ name, path: file }],
    });
    outcome = result.status;
    message =
      result.status === 'imported'
        ? `${result.pageCount} page(s)`
        : result.status === 'unpacked'
          ? result.notes.join(' ')
          : result.reason;
  } else if (action === 'check') {
    const result = await services.checker.check({ file: { name, path: file }, rules: 'send' });
    outcome = 'checked';
    message = `${result.summary.pageCount} pages, ${result.findings.length} findings`;
  } else {
    const result = await services.archive.import({ name, path: file });
    outcome = 'imported';
    message = `case ${result.case.id}`;
  }
} catch (error) {
  outcome = error instanceof ApiError ? `refused (${error.code})` : 'failed';
  message = (error as Error).message;
} finally {
  closeServiceContext(ctx);
  rmSync(data, { recursive: true, force: true });
  await closeIdleWorkers();
}
const seconds = (performance.now() - started) / 1000;
// With the untrusted-file worker's own process (an upper bound of the two at once).
const hostPeakRssMB = peakRssKb() / 1024;
const workerPeakRssMB = isolatedPeakRssMB();
const peakRssMB = hostPeakRssMB + workerPeakRssMB;
console.log(JSON.stringify({ outcome, message, seconds, peakRssMB, hostPeakRssMB, workerPeakRssMB }));
