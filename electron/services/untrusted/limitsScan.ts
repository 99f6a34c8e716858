/**
 * The PDF limits (shared/limits.ts) checked on a file's bytes before any parser reads it: nesting, unpacked
 * size (pdfScan.ts), pages, and what a page draws (pdf/read/drawingCount.ts, with the app's own reader,
 * once the bytes have passed the scan). A file on disk is scanned in a short-lived worker thread of its own
 * (scanWorker.ts), read in blocks as the scan goes: only a compressed stream is read whole (to count what
 * it unpacks to). It used to be read whole: a 236 MB bundle's check peaked near 500 MB, and a 2 GB file
 * would have held 2 GB.
 */
import type { Worker } from 'node:worker_threads';
import { formatCount, LIMITS } from '../../../shared/limits';
import { PdfFile, type PdfInput } from '../pdf/read';
import { add as addDrawing, DrawingCounter, firstOver, type DrawingLimits } from '../pdf/read/drawingCount';
import { startWorker } from '../workers/start';
import { scanPdf, scanPdfFile, type PdfScanProblem } from './pdfScan';

export type OverLimits = { scan: PdfScanProblem } | { pages: number } | null;

const PAGE_LIMITS: DrawingLimits = {
  forms: LIMITS.pdfFormsDrawnPerPage,
  operators: LIMITS.pdfOperatorsPerPage,
  textShown: LIMITS.pdfTextShownPerPage,
};

const FILE_LIMITS: DrawingLimits = {
  forms: LIMITS.pdfFormsDrawn,
  operators: LIMITS.pdfOperators,
  textShown: LIMITS.pdfTextShown,
};

/** What is said of a page (or file) over each drawing limit: "… that holds more than N drawing instructions". */
const OVER_DRAWING: Record<
  keyof DrawingLimits,
  { page: PdfScanProblem['limit']; file: PdfScanProblem['limit']; does: (limit: number) => string }
> = {
  forms: {
    page: 'pdfFormsDrawnPerPage',
    file: 'pdfFormsDrawn',
    does: (limit) => `draws drawings inside drawings more than ${formatCount(limit)} times`,
  },
  operators: {
    page: 'pdfOperatorsPerPage',
    file: 'pdfOperators',
    does: (limit) => `holds more than ${formatCount(limit)} drawing instructions`,
  },
  textShown: {
    page: 'pdfTextShownPerPage',
    file: 'pdfTextShown',
    does: (limit) => `holds more than ${formatCount(limit)} separate pieces of text`,
  },
};

/**
 * The first page over a drawing limit (forms drawn, operators, text shown: pdf/read/drawingCount.ts), or
 * the file over one, its pages together, as a scan problem; null when within them, or when our reader
 * cannot read the file (the readers after this say what is wrong with it). `inflatedSizes` (the scan's)
 * spares unpacking content again to bound it.
 */
function drawingOverLimit(input: PdfInput, inflatedSizes: Map<number, number>): PdfScanProblem | null {
  let file: PdfFile;
  try {
    file = PdfFile.open(input);
  } catch {
    return null;
  }
  try {
    const counter = new DrawingCounter(file.reader, {
      decodedLimit: LIMITS.pdfStreamInflatedBytes,
      inflatedSizeAt: (offset) => inflatedSizes.get(offset),
    });
    const bound = { forms: 0, operators: 0, textShown: 0 };
    for (const page of file.pages) {
      let over: keyof DrawingLimits | null;
      try {
        over = counter.overLimit(page, PAGE_LIMITS);
        if (!over) addDrawing(bound, counter.bound(page));
      } catch {
        continue; // A page our reader cannot follow is left to the readers after this.
      }
      const picture = counter.largestPicture;
      if (picture && picture.width * picture.height > LIMITS.imagePixels)
        return {
          limit: 'imagePixels',
          problem: `has a picture (on page ${page.index + 1}) of ${formatCount(picture.width)} × ${formatCount(picture.height)} pixels, more than the ${formatCount(LIMITS.imagePixels)}-pixel limit for one picture (a PDF reader would need gigabytes of memory to show it)`,
        };
      if (over)
        return {
          limit: OVER_DRAWING[over].page,
          problem: `has a page (page ${page.index + 1}) that ${OVER_DRAWING[over].does(PAGE_LIMITS[over])} (the limit for one page: a PDF reader could take minutes to show it)`,
        };
    }
    if (firstOver(bound, FILE_LIMITS) === null) return null;
    const exact = { forms: 0, operators: 0, textShown: 0 };
    for (const page of file.pages) {
      try {
        addDrawing(exact, counter.ofPage(page));
      } catch {
        continue;
      }
    }
    const over = firstOver(exact, FILE_LIMITS);
    if (!over) return null;
    return {
      limit: OVER_DRAWING[over].file,
      problem: `${OVER_DRAWING[over].does(FILE_LIMITS[over])} on its pages together (the limit for one PDF: a PDF reader could take many minutes to show them)`,
    };
  } finally {
    file.close();
  }
}

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
  if (pages !== null) return { pages };
  const drawing = drawingOverLimit({ bytes }, scan.inflatedSizes);
  return drawing ? { scan: drawing } : null;
}

export type ScanReply = { over: OverLimits } | { failed: string };

/** Pages pdf.js counts in a file on disk (read in ranges), asked only when the page objects are over the limit. */
async function filePageCountOver(path: string, pageObjects: number): Promise<number | null> {
  if (pageObjects <= LIMITS.pdfPages) return null;
  try {
    const { openPdfFile } = await import('../pdf/read/pdfjsFile');
    const { doc, close } = await openPdfFile(path);
    const pages = doc.numPages;
    await close();
    return pages > LIMITS.pdfPages ? pages : null;
  } catch {
    return null; // The reader after this says what is wrong with it.
  }
}

/**
 * What the scan worker answers for a file: scanned as it is read, in blocks (a Flate stream is read whole
 * to count what it unpacks to), so memory follows the largest stream, not the file.
 */
export async function scanFile(path: string): Promise<ScanReply> {
  try {
    const scan = scanPdfFile(path);
    if (scan.problem) return { over: { scan: scan.problem } };
    const pages = await filePageCountOver(path, scan.pageObjects);
    if (pages !== null) return { over: { pages } };
    const drawing = drawingOverLimit({ path }, scan.inflatedSizes);
    return { over: drawing ? { scan: drawing } : null };
  } catch (error) {
    return { failed: (error as Error)?.message ?? String(error) };
  }
}

/**
 * The limits of a file on disk, scanned in a worker thread that ends after it; in this thread when no
 * worker can be started (unless `inThisThread` is false: then that throws too). Throws when the file cannot
 * be read. `started` is given the worker once it has been asked (startEarlyLimitsScan unrefs it).
 */
export async function fileOverLimits(
  path: string,
  options: { inThisThread?: boolean; started?: (worker: Worker) => void } = {},
): Promise<OverLimits> {
  let reply: ScanReply;
  try {
    const worker = startWorker('pdfScan', {
      resourceLimits: { maxOldGenerationSizeMb: LIMITS.parserHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    const answered = new Promise<ScanReply>((resolve, reject) => {
      worker.once('message', (message: ScanReply) => {
        // It ends by itself soon after answering (scanWorker.ts); it must not keep the process alive meanwhile.
        worker.unref();
        resolve(message);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The limits scan stopped (exit ${code}).`)));
      worker.postMessage({ path });
    });
    // After the listeners: adding a 'message' listener refs a worker again.
    options.started?.(worker);
    reply = await answered;
  } catch (error) {
    if (options.inThisThread === false) throw error;
    reply = await scanFile(path);
  }
  if ('failed' in reply) throw new Error(reply.failed);
  return reply.over;
}

declare global {
  // Set by the command line for `check` (cli/early.ts): the limits scan of the file to check, started
  // before the command's own code loaded.
  var __sendBundleEarlyLimitsScan: { path: string; over: Promise<OverLimits>; worker?: Worker } | undefined;
}

/**
 * Starts the limits scan of `path` (absolute) for fileOverLimitsStarted to take later in this thread. Its
 * thread does not keep the process alive until it is taken (a command that stops first exits at once).
 */
export function startEarlyLimitsScan(path: string): void {
  let worker: Worker | undefined;
  const over = fileOverLimits(path, {
    inThisThread: false,
    started: (started) => {
      started.unref();
      worker = started;
    },
  });
  over.catch(() => {}); // Whoever takes it sees the failure.
  globalThis.__sendBundleEarlyLimitsScan = { path, over, worker };
}

/**
 * fileOverLimits(path, { inThisThread: false }), or the same scan of the same file started earlier
 * (startEarlyLimitsScan; taken once, and then waited for as any other).
 */
export function fileOverLimitsStarted(path: string): Promise<OverLimits> {
  const early = globalThis.__sendBundleEarlyLimitsScan;
  globalThis.__sendBundleEarlyLimitsScan = undefined;
  if (early?.path !== path) return fileOverLimits(path, { inThisThread: false });
  // Until it answers (it then lets go of the process itself, and ends).
  early.worker?.ref();
  void early.over.then(
    () => early.worker?.unref(),
    () => {},
  );
  return early.over;
}
