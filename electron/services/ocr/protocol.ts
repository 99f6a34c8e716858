/** Messages between the OCR service (main thread) and its worker thread (worker.ts). */

export interface OcrJobRequest {
  type: 'recognise';
  jobId: number;
  /** The document's PDF in the store (read by the worker, never by the main thread). */
  pdfPath: string;
  /** Where to write the searchable copy (a temp file in the store's folder, moved in by the service). */
  outPath: string;
  /** 1-based pages to look at: those that already have real text are left as they are. */
  pages: number[];
  /** Recogniser threads to run at once. */
  threads: number;
}

export interface OcrPageOutcome {
  page: number;
  /** Words written into the page's text layer (0: nothing readable was found). */
  words: number;
  /** How the picture was taken: the page's own picture, or pdf.js's rendering. */
  source: 'image' | 'render';
  dpi: number;
  /** Degrees the page was straightened by before reading. */
  skew: number;
}

export interface OcrJobResult {
  /** The searchable copy written to `outPath` (its SHA-256), or null when no page gave any words. */
  written: { sha256: string; bytes: number } | null;
  /** Pages read, with what was found. */
  pages: OcrPageOutcome[];
  /** Pages left alone because they already have real text. */
  skipped: number[];
  failed: { page: number; reason: string }[];
}

export type OcrWorkerMessage =
  | { type: 'ready' }
  /** `total` pages will be read (known once the pages with real text are set aside); `done` so far. */
  | { type: 'page'; jobId: number; page: number | null; done: number; total: number }
  // usage: what the worker's process has used so far (its peak memory, its CPU time), for benchmarks.
  | { type: 'done'; jobId: number; result: OcrJobResult; usage?: OcrWorkerUsage }
  // code: a file system or SQLite error's (ENOSPC…), so the service can name a full disk as such.
  | { type: 'failed'; jobId: number; message: string; code?: string };

export interface OcrWorkerUsage {
  peakRssKb: number;
  /** CPU time of every thread of the worker's process, user and system, in microseconds. */
  cpuMicros: number;
}
