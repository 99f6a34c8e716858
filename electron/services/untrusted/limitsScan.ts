/**
 * The PDF limits (shared/limits.ts) checked on a file's bytes before any parser reads it: nesting, unpacked
 * size (pdfScan.ts) and pages. For a file on disk the bytes are read and scanned in a short-lived worker
 * thread of their own (scanWorker.ts): the whole file is in memory only while it is scanned, and is let go
 * with the thread, instead of staying in the checker's heap until a later garbage collection (a 236 MB
 * bundle held through a check took its peak memory over 500 MB).
 */
import { readFileSync } from 'node:fs';
import { LIMITS } from '../../../shared/limits';
import { startWorker } from '../workers/start';
import { scanPdf, type PdfScanProblem } from './pdfScan';

export type OverLimits = { scan: PdfScanProblem } | { pages: number } | null;

/** Pages pdf.js counts, asked only when the cheap count of page objects is over the limit. */
async function pageCountOver(bytes: Uint8Array, pageObjects: number): Promise<number | null> {
  if (pageObjects <= LIMITS.pdfPages) return null;
  try {
    const { openWithPdfjs } = await import('../pdf/pdfjs');
    const doc = await openWithPdfjs(bytes);
    const pages = doc.numPages;
    await doc.destroy();
    return pages > LIMITS.pdfPages ? pages : null;
  } catch {
    return null; // The reader after this says what is wrong with it.
  }
}

/** The PDF limits: nesting, unpacked size, pages. Null when the file is within them. */
export async function pdfOverLimits(bytes: Uint8Array): Promise<OverLimits> {
  const scan = scanPdf(bytes);
  if (scan.problem) return { scan: scan.problem };
  const pages = await pageCountOver(bytes, scan.pageObjects);
  return pages === null ? null : { pages };
}

export type ScanReply = { over: OverLimits } | { failed: string };

/** What the scan worker answers for a file: read whole, then scanned. */
export async function scanFile(path: string): Promise<ScanReply> {
  try {
    return { over: await pdfOverLimits(readFileSync(path)) };
  } catch (error) {
    return { failed: (error as Error)?.message ?? String(error) };
  }
}

/**
 * The limits of a file on disk, scanned in a worker thread that ends after it; in this thread when no
 * worker can be started. Throws when the file cannot be read.
 */
export async function fileOverLimits(path: string): Promise<OverLimits> {
  let reply: ScanReply;
  try {
    const worker = startWorker('pdfScan', {
      resourceLimits: { maxOldGenerationSizeMb: LIMITS.parserHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    reply = await new Promise<ScanReply>((resolve, reject) => {
      worker.once('message', (message: ScanReply) => {
        // It ends by itself soon after answering (scanWorker.ts); it must not keep the process alive meanwhile.
        worker.unref();
        resolve(message);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The limits scan stopped (exit ${code}).`)));
      worker.postMessage({ path });
    });
  } catch {
    reply = await scanFile(path);
  }
  if ('failed' in reply) throw new Error(reply.failed);
  return reply.over;
}
