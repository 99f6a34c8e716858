/**
 * Import pre-flight: the promise that a document import accepted never makes a bundle fail.
 *
 * Every page of the PDF import is about to keep goes through the bundle's own preparation
 * (bundle/sourcePages.ts: active content removed, boxes repaired, placed on A4, content isolated, stamped)
 * into a one-document bundle, which is written with the bundle's own writer and read back with pdf.js as
 * the build's verification reads it: every page must show its number in the bottom-right corner. When a
 * page does not, or pdf-lib cannot load, copy or write the document at all, the file is repaired and tried
 * again, in turn: re-saved whole by pdf-lib, rewritten by qpdf, its pages copied into a fresh document, and
 * as a last resort the failing pages (or every page) drawn as pictures (rasterise.ts). A repair must keep
 * the page count pdf.js saw. If nothing works, the file is refused, naming the page.
 *
 * The bundle's other preparation (cover, index, labels, outline, links) is the app's own and does not
 * depend on what is in a document, so pages are the whole of what can fail.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { PAGE_SETTING_DEFAULTS } from '../../../shared/bundle/settings';
import { LOAD_OPTIONS } from '../bundle/engine';
import { embedBundleFont } from '../bundle/fonts';
import { addSourcePages, finishSourcePage, type PreparedDocument } from '../bundle/sourcePages';
import { IncrementalPdfWriter } from '../bundle/streamWriter';
import { addOutline, withSourceBookmarks } from '../bundle/structure';
import { stampInText, stampPlaced } from '../bundle/verify';
import { closePdfjs, openWithPdfjs } from '../pdf/pdfjs';
import { appendPagesWithoutWalking } from '../pdf/pdfLibPatches';
import { PdfFile } from '../pdf/read';
import { StampReader } from '../pdf/read/stamps';
import { contentDamaged } from '../pdf/read/content';
import type { PdfStream } from '../pdf/read/objects';
import { answerTextRequest, PageTextReader, type PageText } from '../pdf/read/text';
import { resaveByCopyingPages, resaveWhole, resaveWithRebuiltPageTree } from '../pdf/pdflib';
import { qpdfRewrite } from './normalise';
import { picturesOfPages, RASTER_DPI, replacePagesWithPictures } from './rasterise';
import { storageFault } from '../storageFaults';
import { refuse } from './refusals';

export interface PreflightOptions {
  name: string;
  /** Pages pdf.js counts in the file import is keeping (a repair must keep them all). */
  pageCount: number;
  qpdf: string | null;
  pdftoppm: string | null;
  /** Scratch folder (the store's tmp): the trial bundle and helper programs' files. */
  workRoot: string;
  signal?: AbortSignal;
  /** The file as pdf-lib parsed it already (normalise.ts's strict check), for the first trial. */
  parsed?: PDFDocument;
}

export interface PreflightResult {
  /** The PDF to keep: the same bytes when nothing had to change. */
  pdf: Uint8Array;
  changed: boolean;
  /** 1-based pages that are now pictures. */
  rasterisedPages: number[];
  /** What the user should know, in plain English. */
  notes: string[];
}

type Trial =
  | { ok: true; prepared: PreparedDocument }
  | { ok: false; stage: 'load' | 'prepare' | 'read-back'; failedPages: number[]; error: string };

/** A stamp like a real one: a section letter and a page number. */
const labelFor = (index: number) => `C${index + 1}`;

/**
 * A trial of at least this many pages, in a file of at most this many bytes, has pdf.js read half its pages
 * in a second thread (PageTextReader, kept between imports), on the second core, which an import otherwise
 * leaves idle: pdf.js reading every page's text is most of an import of a text document (3 of the 6 s of a
 * 206-page report's). Each thread loads the document's fonts again, so it pays from about this size (the
 * trial of a 206-page report: 2.5-3.6 s instead of 3.1-4.1 s; of 30 pages 0.09-0.2 s against 0.16-0.23 s,
 * with a fifth more CPU; of 15 pages no faster). Not for big files: those are scans, with little text to
 * read, and each pdf.js holds an array of the file's length.
 */
const SHARE_FROM_PAGES = 24;
const SHARE_UP_TO_BYTES = 64 * 1024 * 1024;

const sharesRead = (pageCount: number, bytes: number) =>
  pageCount >= SHARE_FROM_PAGES && bytes <= SHARE_UP_TO_BYTES;

/**
 * Reads every page of a written file with pdf.js, as the build's verification reads its sample, and returns
 * the 1-based pages that do not show `labels[page - 1]` as their number in the bottom-right corner, and why
 * pdf.js could not open the file (or ''). With a `helper`, its thread reads the second half of the pages
 * while this one reads the first. The file is closed in both threads when this returns.
 */
export async function stampsSeenByPdfjs(
  path: string,
  labels: string[],
  helper: PageTextReader | null = null,
): Promise<{ failed: number[]; error: string }> {
  const failed = new Set<number>();
  let error = '';
  const check = (page: number, text: PageText | null) => {
    if (text === null || !stampInText(text, labels[page - 1])) failed.add(page);
  };
  const pages = labels.map((_, i) => i + 1);
  const theirs = helper && pages.length > 1 ? pages.splice(Math.ceil(pages.length / 2)) : [];
  const reading = theirs.length ? helper!.read({ path }, theirs, check) : null;
  reading?.catch(() => {}); // Awaited below.
  await answerTextRequest({ id: 1, input: { path }, pages }, (reply) => {
    if ('error' in reply) error = reply.error.message;
    else if ('page' in reply) check(reply.page, reply.text);
  });
  if (reading)
    await reading.catch((e: unknown) => {
      error ||= (e as Error)?.message ?? String(e);
    });
  return { failed: [...failed].sort((a, b) => a - b), error };
}

/**
 * Runs one document through the bundle's preparation and reads the result back. `parsed` is `pdf` as
 * pdf-lib already parsed it, if it has been (normalise.ts), so as not to parse it again.
 */
export async function trialBundle(
  pdf: Uint8Array,
  workRoot: string,
  signal?: AbortSignal,
  parsed?: PDFDocument,
): Promise<Trial> {
  let source: PDFDocument;
  try {
    source = parsed ?? (await PDFDocument.load(pdf, LOAD_OPTIONS));
  } catch (error) {
    return { ok: false, stage: 'load', failedPages: [], error: (error as Error).message };
  }
  const pageCount = source.getPageCount();
  const work = mkdtempSync(join(workRoot, 'preflight-'));
  const path = join(work, 'trial.pdf');
  // Started now, so that its thread has loaded pdf.js by the time the trial is written.
  const helper = sharesRead(pageCount, pdf.length) ? PageTextReader.start() : null;
  let prepared: PreparedDocument;
  try {
    const doc = await PDFDocument.create({ updateMetadata: false });
    // The bundle's page tree: pdf.js finds each page by its nodes' counts (a tree of one node takes it a
    // step for every page before the one asked for, and reads every page here).
    appendPagesWithoutWalking(doc, () => {});
    const font = await embedBundleFont(doc);
    // Written to a scratch file and read back from it, as the build writes and verifies a bundle.
    const fd = openSync(path, 'w');
    try {
      const writer = new IncrementalPdfWriter(doc, {
        write: (chunk) => {
          let offset = 0;
          while (offset < chunk.length) offset += writeSync(fd, chunk, offset, chunk.length - offset);
        },
      });
      prepared = await addSourcePages(doc, source, PAGE_SETTING_DEFAULTS);
      prepared.pages.forEach((page, i) => finishSourcePage(doc, page, labelFor(i), font));
      const outline = [
        { title: 'Section', page: 0, children: [{ title: 'Document', page: 0, children: [] }] },
      ];
      addOutline(
        doc,
        withSourceBookmarks(doc, outline, new Map([[0, prepared]])),
        prepared.pages.map((p) => p.page.ref),
      );
      await doc.flush();
      writer.finish();
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    await helper?.release();
    rmSync(work, { recursive: true, force: true });
    // A full or read-only disk is the computer's problem, not the document's.
    if (signal?.aborted || storageFault(error)) throw error;
    return { ok: false, stage: 'prepare', failedPages: [], error: (error as Error).message };
  }

  // Read back as the build's verification reads a bundle: every stamp by the app's own reader, and (more
  // than the build, which samples pages) every page's text by pdf.js.
  const failed = new Set<number>();
  let error = '';
  try {
    const file = PdfFile.open({ path });
    try {
      if (file.pageCount !== pageCount)
        error = `the trial bundle has ${file.pageCount} pages, not ${pageCount}`;
      const stamps = new StampReader(file.reader);
      for (const page of file.pages) {
        signal?.throwIfAborted();
        const stamp = stamps.read(page);
        if (
          stamp.fontMissing ||
          stamp.fontSharedWithPage ||
          stamp.text !== labelFor(page.index) ||
          !stampPlaced(stamp, page)
        )
          failed.add(page.index + 1);
      }
    } finally {
      file.close();
    }
    const seen = await stampsSeenByPdfjs(
      path,
      Array.from({ length: pageCount }, (_, i) => labelFor(i)),
      helper,
    );
    seen.failed.forEach((page) => failed.add(page));
    error ||= seen.error;
  } catch (e) {
    if (signal?.aborted) throw e;
    error = (e as Error).message;
  } finally {
    await helper?.release();
    rmSync(work, { recursive: true, force: true });
  }
  const failedPages = [...failed].sort((a, b) => a - b);
  if (error || failedPages.length)
    return { ok: false, stage: 'read-back', failedPages, error: error || `pages ${failedPages.join(', ')}` };
  return { ok: true, prepared };
}

/** Pages (1-based) whose content is damaged (pdf/read/content.ts: contentDamaged), at most `limit` of them. */
function damagedPages(pdf: Uint8Array, limit = 1000): number[] {
  try {
    const file = PdfFile.open({ bytes: pdf });
    try {
      const damaged: number[] = [];
      const decoded = new Map<PdfStream, boolean>();
      for (const page of file.pages) {
        if (contentDamaged(file.reader, page, decoded, true)) damaged.push(page.index + 1);
        if (damaged.length >= limit) break;
      }
      return damaged;
    } finally {
      file.close();
    }
  } catch {
    // What our reader cannot open, the trial has already dealt with.
    return [];
  }
}

/** What the user should know of pages that will look blank or incomplete through no fault of the app. */
function damagedNote(pdf: Uint8Array): string | null {
  const pages = damagedPages(pdf);
  if (pages.length === 0) return null;
  const one = pages.length === 1;
  const shown = pages.length > 10 ? `${pages.slice(0, 10).join(', ')} and ${pages.length - 10} more` : null;
  const named = one
    ? `Page ${pages[0]} is`
    : `Pages ${shown ?? `${pages.slice(0, -1).join(', ')} and ${pages[pages.length - 1]}`} are`;
  return (
    `${named} damaged: part of what ${one ? 'it shows' : 'they show'} could not be read, so ${one ? 'it' : 'they'} ` +
    `may look blank or incomplete, in the bundle as in any PDF reader. If ${one ? 'it matters' : 'they matter'}, ` +
    'ask whoever sent the document for a fresh copy.'
  );
}

function pagesPhrase(pages: number[]): string {
  if (pages.length === 1) return `Page ${pages[0]} was`;
  return `Pages ${pages.slice(0, -1).join(', ')} and ${pages[pages.length - 1]} were`;
}

/** What the trial's preparation removed from the document's pages, for the import notes. */
function activeContentNote(prepared: PreparedDocument): string | null {
  const removed = Object.entries(prepared.activeContent.removed);
  const parts: string[] = [];
  const runs = removed.filter(([k]) =>
    ['JavaScript', 'Launch', 'ImportData', 'SubmitForm', 'ResetForm'].includes(k),
  );
  if (runs.length)
    parts.push(`actions that run programs or scripts or send data (${runs.map(([k]) => k).join(', ')})`);
  // The attached files themselves are taken out, or named, by attachments.ts: only their icons go here.
  if (removed.some(([k]) => k === 'FileAttachment')) parts.push('the icons of files attached to its pages');
  if (removed.some(([k]) => ['Sound', 'Movie', 'Screen', 'RichMedia', '3D'].includes(k)))
    parts.push('sound, video and 3D (the picture a reader shows in their place is kept)');
  if (removed.some(([k]) => k === 'GoToE')) parts.push('links into attached files');
  const elsewhere = removed.filter(([k]) => ['GoToR', 'a link to a file or program'].includes(k));
  if (elsewhere.length) parts.push('links to other files on a computer');
  if (removed.some(([k]) => k === 'page actions' || k === 'annotation actions'))
    parts.push('actions that run when a page is opened or clicked');
  const fields = prepared.activeContent.flattenedFields;
  const flattened = fields
    ? ` Its form${fields === 1 ? ' field is' : ' fields are'} shown as filled in, and can no longer be changed in the bundle.`
    : '';
  if (parts.length === 0) return flattened ? flattened.trim() : null;
  return `Left out of bundles: ${parts.join('; ')}.${flattened}`;
}

async function pdfLibOrNull(pdf: Uint8Array): Promise<PDFDocument | null> {
  try {
    return await PDFDocument.load(pdf, { ...LOAD_OPTIONS, password: '' });
  } catch {
    return null;
  }
}

/** Pages pdf.js counts, or null when it cannot open the file. */
async function pagesSeen(pdf: Uint8Array): Promise<number | null> {
  try {
    const doc = await openWithPdfjs(pdf);
    const n = doc.numPages;
    await closePdfjs(doc, pdf.length);
    return n;
  } catch {
    return null;
  }
}

export async function preflightPdf(pdf: Uint8Array, options: PreflightOptions): Promise<PreflightResult> {
  const { signal, workRoot } = options;
  // A trial that put in fewer pages than the document shows lost some: pdf-lib leaves out a page tree's kid
  // that is no page, which pdf.js counts (as a page it cannot show), so the import said 2 pages and every
  // build of the bundle stopped at 1 (fuzz seed 59: a repair wrote a destroyed page as null).
  const whole = (trial: Trial): trial is Extract<Trial, { ok: true }> =>
    trial.ok && trial.prepared.pages.length === options.pageCount;
  const first = await trialBundle(pdf, workRoot, signal, options.parsed);
  if (whole(first)) {
    const notes = [activeContentNote(first.prepared), damagedNote(pdf)];
    return { pdf, changed: false, rasterisedPages: [], notes: notes.filter((n) => n !== null) };
  }

  const repairs: Array<() => Promise<Uint8Array>> = [
    () => resaveWhole(pdf),
    () => resaveWithRebuiltPageTree(pdf),
  ];
  if (options.qpdf) repairs.push(() => qpdfRewrite(pdf, options.qpdf as string, workRoot, signal));
  repairs.push(() => resaveByCopyingPages(pdf));
  for (const repair of repairs) {
    signal?.throwIfAborted();
    let candidate: Uint8Array;
    try {
      candidate = await repair();
    } catch (error) {
      if (signal?.aborted || storageFault(error)) throw error;
      continue;
    }
    if ((await pagesSeen(candidate)) !== options.pageCount) continue;
    const trial = await trialBundle(candidate, workRoot, signal);
    if (whole(trial)) {
      const notes = [activeContentNote(trial.prepared), damagedNote(candidate)];
      return {
        pdf: candidate,
        changed: true,
        rasterisedPages: [],
        notes: [
          'It was repaired so that every page can go into a bundle.',
          ...notes.filter((n) => n !== null),
        ],
      };
    }
  }

  // The last resort: the pages that fail (or all of them, when the document cannot be prepared at all)
  // become pictures of themselves.
  const source = !first.ok && first.stage === 'read-back' ? await pdfLibOrNull(pdf) : null;
  const pages =
    source && !first.ok && first.failedPages.length
      ? first.failedPages
      : Array.from({ length: options.pageCount }, (_, i) => i + 1);
  signal?.throwIfAborted();
  const pictures = await picturesOfPages(pdf, pages, { pdftoppm: options.pdftoppm, workRoot, signal });
  const missing = pages.filter((n) => !pictures.has(n));
  if (missing.length === 0) {
    try {
      const candidate = await replacePagesWithPictures(source, options.pageCount, pictures);
      const trial = await trialBundle(candidate, workRoot, signal);
      if (whole(trial) && (await pagesSeen(candidate)) === options.pageCount) {
        return {
          pdf: candidate,
          changed: true,
          rasterisedPages: pages,
          notes: [
            pages.length === options.pageCount && options.pageCount > 1
              ? `Its pages could not be prepared for a bundle as they were, so every page was turned into a picture of itself (at ${RASTER_DPI} dpi). The text can no longer be searched or copied.`
              : `${pagesPhrase(pages)} damaged, so ${pages.length === 1 ? 'it was' : 'they were'} turned into ${pages.length === 1 ? 'a picture' : 'pictures'} of ${pages.length === 1 ? 'itself' : 'themselves'} (at ${RASTER_DPI} dpi). ${pages.length === 1 ? 'Its' : 'Their'} text can no longer be searched or copied.`,
          ],
        };
      }
    } catch (error) {
      if (signal?.aborted || storageFault(error)) throw error;
    }
  }
  const bad = missing.length ? missing : pages;
  throw refuse.damaged(
    options.name,
    first.stage === 'read-back' && source
      ? `page${bad.length === 1 ? '' : 's'} ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ' …' : ''} cannot be put into a bundle`
      : 'its pages cannot be put into a bundle',
  );
}
