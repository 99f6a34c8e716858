/**
 * Draws a PDF's pages as the preview and OCR do before painting (pdf.js's operator list: every font and
 * picture on the page decoded), in a worker thread that is ended after a time limit: the fuzz's check that
 * an imported file can be shown (scripts/fuzz.ts). A pdf.js that decodes a damaged picture or font for ever
 * would spin the preview's thread until the window closed. Painting on the canvas, which the window does
 * after this, is not done.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type Drawing =
  | { outcome: 'drawn'; pages: number; seconds: number }
  | { outcome: 'failed'; reason: string; seconds: number }
  | { outcome: 'over time'; seconds: number };

/** The worker: pdf.js (the legacy build, which Node runs; the window's build has the same fixes). */
function workerSource(root: string): string {
  const pdfjs = pathToFileURL(join(root, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href;
  return `const { parentPort } = require('node:worker_threads');
const loaded = import(${JSON.stringify(pdfjs)});
parentPort.on('message', async ({ data, maxPages }) => {
  let doc;
  try {
    const pdfjs = await loaded;
    doc = await pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
    const pages = Math.min(doc.numPages, maxPages);
    for (let n = 1; n <= pages; n++) await (await doc.getPage(n)).getOperatorList();
    parentPort.postMessage({ pages });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
  } finally {
    if (doc) await doc.destroy().catch(() => {});
  }
});`;
}

export class PageDrawer {
  private worker: Worker | null = null;

  constructor(
    private readonly root: string,
    /** Beyond this the drawing is given up and the thread ended (a new one draws the next file). */
    private readonly seconds: number,
  ) {}

  async draw(pdf: Uint8Array, maxPages: number): Promise<Drawing> {
    const worker = (this.worker ??= new Worker(workerSource(this.root), { eval: true }));
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    const answer = await new Promise<{ pages?: number; error?: string } | 'over time' | Error>((resolve) => {
      const timer = setTimeout(() => resolve('over time'), this.seconds * 1000);
      const settle = (value: { pages?: number; error?: string } | Error) => {
        clearTimeout(timer);
        worker.off('message', settle);
        worker.off('error', settle);
        resolve(value);
      };
      worker.on('message', settle);
      worker.on('error', settle);
      worker.postMessage({ data: new Uint8Array(pdf), maxPages });
    });
    if (answer === 'over time' || answer instanceof Error) {
      await this.close();
      return answer === 'over time'
        ? { outcome: 'over time', seconds: elapsed() }
        : { outcome: 'failed', reason: `the drawing thread ended: ${answer.message}`, seconds: elapsed() };
    }
    if (answer.error !== undefined) return { outcome: 'failed', reason: answer.error, seconds: elapsed() };
    return { outcome: 'drawn', pages: answer.pages ?? 0, seconds: elapsed() };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
