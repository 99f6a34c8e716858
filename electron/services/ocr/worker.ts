/**
 * The OCR worker (a process of its own: runner.ts): reads a document's pages with pdf.js, sets aside pages that already have real
 * text, prepares each other page's picture (pageImage.ts), has the recogniser threads read them
 * (recogniser.ts), writes the text layers (textLayer.ts) and checks the result opens with every recognised
 * page searchable. Runs off the main thread, with the network blocked, under a memory cap; the service
 * stops it (and the recogniser threads with it) to cancel.
 *
 * Pages are prepared one at a time here while up to `threads` pages are being read, so the cores stay busy
 * and only a few page pictures are held at once.
 */
import '../workers/fenceThisThread';
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { blockNetwork } from './offlineGuard.cjs';
import { closePdfjs, openWithPdfjs, pdfjs } from '../pdf/pdfjs';
import { checkWithPdfLib } from '../pdf/pdflib';
import { installPdfLibPatches } from '../pdf/pdfLibPatches';
import { preparePage } from './pageImage';
import type { OcrJobRequest, OcrJobResult, OcrPageOutcome, OcrWorkerMessage } from './protocol';
import { encodePgm } from './raster';
import { createRecogniser, type Recogniser } from './recogniser';
import { textLayerUpdate, type PageTextLayer } from './textLayer';
import { jobPort } from '../workers/jobPort';
import { peakRssKb } from '../workers/peakRss';

blockNetwork();
// A host of its own: the same pdf-lib as the build's (the text layers are written with it).
installPdfLibPatches();

/** Fewer characters than this and a page has no real text (the checker's needs-ocr threshold). */
const NO_TEXT = 3;
/** Up to this many characters, a page that is one big picture is a scan with a stamp or header on it. */
const LITTLE_TEXT = 40;

let recogniser: Promise<Recogniser> | null = null;
function recogniserFor(threads: number): Promise<Recogniser> {
  recogniser ??= createRecogniser(threads);
  recogniser.catch(() => (recogniser = null));
  return recogniser;
}

const port = jobPort();

function post(message: OcrWorkerMessage): void {
  port.postMessage(message);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function textChars(doc: PDFDocumentProxy, pageNumber: number): Promise<number> {
  const page = await doc.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    let chars = 0;
    for (const item of content.items) if ('str' in item) chars += item.str.replace(/\s+/g, '').length;
    return chars;
  } catch {
    return 0;
  } finally {
    page.cleanup();
  }
}

/**
 * Every recognised page must have text in the new file for pdf.js (the preview, the checker), and pdf-lib
 * (the bundle engine) must read it strictly with the same pages.
 */
async function checkResult(path: string, pageCount: number, pages: OcrPageOutcome[]): Promise<void> {
  // Read once: pdf-lib reads it first, then it is handed over to pdf.js (a scan can be 200 MB).
  const written = new Uint8Array(await readFile(path));
  const strict = await checkWithPdfLib(written);
  if (!strict.ok || strict.pageCount !== pageCount)
    throw new Error('the searchable copy could not be read back as the bundle reads documents');
  const doc = await openWithPdfjs(written, { owned: true });
  try {
    if (doc.numPages !== pageCount)
      throw new Error(`the searchable copy has ${doc.numPages} pages instead of ${pageCount}`);
    for (const p of pages)
      if (p.words > 0 && (await textChars(doc, p.page)) === 0)
        throw new Error(`page ${p.page} of the searchable copy has no text`);
  } finally {
    await closePdfjs(doc, written.length);
  }
}

/** Writes `parts` one after another to `path` (flushed to disk), and says what was written. */
function writeParts(path: string, parts: Uint8Array[]): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  let bytes = 0;
  const fd = openSync(path, 'w');
  try {
    for (const part of parts) {
      hash.update(part);
      let offset = 0;
      while (offset < part.length) offset += writeSync(fd, part, offset, part.length - offset);
      bytes += part.length;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * The searchable copy: the original, byte for byte, then the update with the text layers. Null when no
 * page had any words. The original's bytes are let go before the copy is read back (checkResult).
 */
async function writeSearchableCopy(
  request: OcrJobRequest,
  layers: PageTextLayer[],
  outcomes: Omit<OcrPageOutcome, 'words'>[],
): Promise<{ written: OcrJobResult['written']; pages: OcrPageOutcome[] }> {
  const original = new Uint8Array(await readFile(request.pdfPath));
  const { update, wordsByPage } = await textLayerUpdate(original, layers);
  const pages = outcomes
    .map((o) => ({ ...o, words: wordsByPage.get(o.page) ?? 0 }))
    .sort((a, b) => a.page - b.page);
  if (!pages.some((p) => p.words > 0)) return { written: null, pages };
  return { written: writeParts(request.outPath, [original, update]), pages };
}

async function recognise(request: OcrJobRequest): Promise<OcrJobResult> {
  const lib = await pdfjs();
  // pdf.js gets a copy of its own to keep (it may detach it); the file is read again to write the result.
  const source = new Uint8Array(await readFile(request.pdfPath));
  const sourceBytes = source.length;
  const doc = await openWithPdfjs(source, { owned: true });
  const layers: PageTextLayer[] = [];
  const outcomes: Omit<OcrPageOutcome, 'words'>[] = [];
  const failed: OcrJobResult['failed'] = [];
  const skipped: number[] = [];
  const pageCount = doc.numPages;
  const reading = new Set<Promise<void>>();
  try {
    // Which pages need reading: none of their own text, or only a little on a page that is one picture.
    const todo: { page: number; onlyIfPicture: boolean }[] = [];
    for (const page of request.pages) {
      if (page < 1 || page > pageCount) continue;
      const chars = await textChars(doc, page);
      if (chars < NO_TEXT) todo.push({ page, onlyIfPicture: false });
      else if (chars < LITTLE_TEXT) todo.push({ page, onlyIfPicture: true });
      else skipped.push(page);
    }
    let total = todo.length;
    let done = 0;
    post({ type: 'page', jobId: request.jobId, page: null, done, total });
    const reader = todo.length > 0 ? await recogniserFor(request.threads) : null;
    for (const { page, onlyIfPicture } of todo) {
      while (reading.size >= reader!.threads) await Promise.race(reading);
      let prepared;
      try {
        prepared = await preparePage(lib, doc, page, { onlyIfPicture });
      } catch (error) {
        failed.push({ page, reason: reasonOf(error) });
        post({ type: 'page', jobId: request.jobId, page, done: ++done, total });
        continue;
      }
      if (!prepared) {
        // A page with some text and not a scan: it has real text after all.
        skipped.push(page);
        post({ type: 'page', jobId: request.jobId, page, done, total: --total });
        continue;
      }
      const { userFromRaster, visible, source, dpi, skew } = prepared;
      const image = encodePgm(prepared.raster);
      const task: Promise<void> = reader!
        .recognise(image)
        .then((lines) => {
          layers.push({ page, lines, userFromRaster, visible });
          outcomes.push({ page, source, dpi, skew });
        })
        .catch((error: unknown) => {
          failed.push({ page, reason: reasonOf(error) });
        })
        .finally(() => {
          reading.delete(task);
          post({ type: 'page', jobId: request.jobId, page, done: ++done, total });
        });
      reading.add(task);
    }
    await Promise.all(reading);
  } finally {
    await closePdfjs(doc, sourceBytes);
  }
  layers.sort((a, b) => a.page - b.page);
  failed.sort((a, b) => a.page - b.page);
  skipped.sort((a, b) => a - b);
  if (layers.length === 0) return { written: null, pages: [], skipped, failed };
  const { written, pages } = await writeSearchableCopy(request, layers, outcomes);
  if (!written) return { written: null, pages, skipped, failed };
  await checkResult(request.outPath, pageCount, pages);
  return { written, pages, skipped, failed };
}

port.onMessage((message) => {
  const request = message as OcrJobRequest;
  if (request.type !== 'recognise') return;
  recognise(request).then(
    (result) => {
      const cpu = process.cpuUsage();
      const usage = { peakRssKb: peakRssKb(), cpuMicros: cpu.user + cpu.system };
      post({ type: 'done', jobId: request.jobId, result, usage });
    },
    (error: unknown) => {
      rmSync(request.outPath, { force: true });
      const code = (error as { code?: unknown } | null)?.code;
      post({
        type: 'failed',
        jobId: request.jobId,
        message: reasonOf(error),
        ...(typeof code === 'string' ? { code } : {}),
      });
    },
  );
});
post({ type: 'ready' });
