/** Messages between the OCR service (main thread) and its worker thread (worker.ts). */

export interface OcrJobRequest {
  type: 'recognise';
  jobId: number;
  /** The document's PDF (transferred, not copied). */
  pdf: Uint8Array;
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
  /** The document with its text layers, or null when no page gave any words. */
  pdf: Uint8Array | null;
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
  | { type: 'done'; jobId: number; result: OcrJobResult }
  | { type: 'failed'; jobId: number; message: string };
