/**
 * Reading PDFs with pdf.js in Node: the same reader the app's preview uses, and the most forgiving
 * open-source parser we have (it repairs broken cross-reference tables the way desktop readers do).
 * Used to check imports, verify built bundles and check any bundle.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { collectGarbage, mayPauseToCollect } from '../workers/collectGarbage';
import { builtInsPdfjsReplaces, putBackBuiltIns } from './builtIns.mjs';
import { loadCanvasWithoutSystemFonts } from './canvasFonts.mjs';

export type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfjsModule> | undefined;

/** pdf.js as the command line's bundles load it (scripts/esbuild.mjs, cli/compileCache.cjs requirePdfjs). */
interface BundledPdfjs {
  lib: PdfjsModule;
  WorkerMessageHandler: unknown;
  saveCodeCache: () => void;
}

declare global {
  // Set by cli/compileCache.cjs: its own import(), for the bundle it runs.
  var __sendBundleImport: ((specifier: string) => Promise<unknown>) | undefined;
  // Set by the command line's bundles (scripts/esbuild.mjs, pdfjsWithCodeCache): pdf.js from one CommonJS
  // file beside them, compiled with a code cache.
  var __sendBundlePdfjs: (() => BundledPdfjs) | undefined;
}

let saveCompiledPdfjs: (() => void) | undefined;

/** pdf.js from the command line's own file of it, or null where there is none (or it will not load). */
function bundledPdfjs(): BundledPdfjs | null {
  try {
    return globalThis.__sendBundlePdfjs?.() ?? null;
  } catch {
    return null; // Its ES modules, then (below).
  }
}

/**
 * pdf.js's legacy build, loaded once, with its worker and with the built-ins it replaces put back (below).
 * The Skia it loads does not read the computer's fonts until a page is drawn (canvasFonts.mjs).
 */
export function pdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= (async () => {
    letStrayPdfjsRejectionsGo();
    loadCanvasWithoutSystemFonts();
    const scope = globalThis as { pdfjsWorker?: { WorkerMessageHandler: unknown } };
    const bundled = bundledPdfjs();
    if (bundled) {
      restoreNatives();
      scope.pdfjsWorker ??= { WorkerMessageHandler: bundled.WorkerMessageHandler };
      saveCompiledPdfjs = bundled.saveCodeCache;
      prepareWebStreams();
      return bundled.lib;
    }
    // The command line runs its bundle with a V8 code cache (cli/compileCache.cjs), where the bundle has
    // no import() of its own (in Node 20 a script's import callback is lost once its code comes from a
    // cache): the loader lends its own. The names stay written out, so bundlers see what is loaded.
    const lent = globalThis.__sendBundleImport;
    const lib = (await (lent
      ? lent('pdfjs-dist/legacy/build/pdf.mjs')
      : import('pdfjs-dist/legacy/build/pdf.mjs'))) as PdfjsModule;
    // At once, not only at the end: this thread may run other work while the worker module loads.
    restoreNatives();
    // Node has no Web Workers: pdf.js runs its worker in-process, importing its module on the first open.
    // Load the worker now rather than on the first open, and hand it to pdf.js (it looks for
    // globalThis.pdfjsWorker before importing its own), so everything that replaces built-ins has run.
    const worker = (await (lent
      ? lent('pdfjs-dist/legacy/build/pdf.worker.mjs')
      : import('pdfjs-dist/legacy/build/pdf.worker.mjs'))) as { WorkerMessageHandler: unknown };
    scope.pdfjsWorker ??= { WorkerMessageHandler: worker.WorkerMessageHandler };
    restoreNatives();
    prepareWebStreams();
    return lib;
  })();
  return pdfjsPromise;
}

/**
 * pdf.js hands each page's text over in a web stream (ReadableStream). Node compiles its web streams the
 * first time the global is read, and makes a new context the first time a stream's reader is let go (for
 * the regular expression of an error it may need): about 0.01 s alone and 0.025 s beside other work, which
 * otherwise falls on the first page whose text is read. At the end of a build, verification waits for that;
 * here, as pdf.js loads, the thread usually has nothing else to do.
 */
function prepareWebStreams(): void {
  try {
    new ReadableStream().getReader().releaseLock();
  } catch {
    // Then the first page read pays for it, as before.
  }
}

/** pdf.js's own exceptions (its BaseException's kinds, in its main module and its worker). */
const PDFJS_EXCEPTIONS = new Set([
  'AbortException',
  'DNLMarkerError',
  'EOIMarkerError',
  'FormatError',
  'InvalidPDFException',
  'Jbig2Error',
  'JpegError',
  'JpxError',
  'MissingDataException',
  'ParserEOFException',
  'PasswordException',
  'RenderingCancelledException',
  'ResponseException',
  'UnknownErrorException',
  'XRefEntryException',
  'XRefParseException',
]);

/**
 * One of pdf.js's own exceptions: named as one, and without a stack of its own (BaseException never runs
 * Error's constructor; ours and Node's always have one).
 */
export function isPdfjsException(reason: unknown): boolean {
  return reason instanceof Error && PDFJS_EXCEPTIONS.has(reason.name) && !Object.hasOwn(reason, 'stack');
}

let strayRejectionsLetGo = false;

/**
 * pdf.js's worker code runs in this thread (Node has no Web Workers), and for some damaged files leaves a
 * promise of its own rejected with nothing waiting for it: opening a file whose cross-reference entry for a
 * page points at nothing rejects one with an XRefEntryException after the open has gone on without it.
 * Node ends the process (or thread) on such a rejection, so the untrusted-file worker died during the
 * next file of an import, and that file was refused as damaged. pdf.js's own exceptions are let go, as a
 * browser would (it only logs them); any other unhandled rejection still ends the process, as Node would.
 */
function letStrayPdfjsRejectionsGo(): void {
  if (strayRejectionsLetGo) return;
  strayRejectionsLetGo = true;
  process.on('unhandledRejection', (reason) => {
    if (isPdfjsException(reason)) return;
    throw reason;
  });
}

/**
 * Keeps the code compiled for pdf.js so far, for the next run of the command (its code cache), where pdf.js
 * came from the command line's file of it and had no cache yet; otherwise nothing. For a worker thread
 * once it has read text: a thread that is terminated never runs its exit handlers.
 */
export function keepPdfjsCompiledCode(): void {
  saveCompiledPdfjs?.();
}

/**
 * pdf.js's legacy build (main module and worker) carries core-js, which replaces built-ins for the whole
 * process (and every thread that loads it) with JavaScript versions when it loads: Array.prototype.push,
 * and JSON.stringify and JSON.parse (for a proposal, JSON.rawJSON, that Node 20 lacks). That slows every
 * push and every JSON call anywhere: reading the text of a 1,000-page bundle spent about a fifth of its
 * time in push, and the page digests read in the reader's thread (which writes every name through
 * JSON.stringify) a quarter of theirs in stringify. The native versions are correct for everything pdf.js
 * or we do (neither uses JSON.rawJSON), so once pdf.js has loaded we put them back: import checks, bundle
 * verification, fingerprints and the checker all benefit.
 */
const natives = builtInsPdfjsReplaces();
const restoreNatives = () => putBackBuiltIns(natives);

export type PdfOpenFailure = 'password-protected' | 'damaged';

export class PdfOpenError extends Error {
  constructor(
    readonly kind: PdfOpenFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PdfOpenError';
  }
}

export type PdfjsDocument = PDFDocumentProxy;

/** Opens PDF bytes; a password-protected or unreadable file throws PdfOpenError. Call `destroy()` when done. */
export async function openWithPdfjs(
  bytes: Uint8Array,
  options: {
    password?: string;
    /** The caller hands the bytes over: no copy is made (they may be detached). */
    owned?: boolean;
  } = {},
): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  // pdf.js takes ownership of (and may detach) the buffer it is given: pass a copy unless handed over.
  const task = lib.getDocument({
    data: options.owned ? bytes : new Uint8Array(bytes),
    password: options.password,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    const name = (error as Error)?.name;
    if (name === 'PasswordException') {
      throw new PdfOpenError('password-protected', 'The PDF needs a password to open.');
    }
    throw new PdfOpenError(
      'damaged',
      `The PDF cannot be read: ${(error as Error)?.message ?? String(error)}`,
    );
  }
}

/** A closed document at least this big has its copy of the file collected at once (closePdfjs). */
const COLLECT_AFTER_BYTES = 32 * 1024 * 1024;

/**
 * Closes a document opened with openWithPdfjs. pdf.js keeps its own copy of the file, and V8 frees that
 * copy only at its next full collection: an import opens a big scan several times in a row (inspection,
 * then the title and date), and the dead copies piled up until a 150 MB scan took the process past 1 GB.
 * So in a worker (the untrusted-file and OCR workers, never the app's main thread, where a pause is felt),
 * closing a big document collects at once.
 */
export async function closePdfjs(doc: PDFDocumentProxy, fileBytes: number): Promise<void> {
  await doc.destroy().catch(() => {});
  if (!mayPauseToCollect() || fileBytes < COLLECT_AFTER_BYTES) return;
  // pdf.js's in-process worker lets go of its copy only after destroy() has returned: one turn later.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
}

export interface TextItem {
  text: string;
  /** Position of the item's origin in the page's user space (after pdf.js's transform), in points. */
  x: number;
  y: number;
  width: number;
  height: number;
  /**
   * Direction of the text's baseline on the page as displayed, in degrees anticlockwise: 0 upright,
   * 90 running up the page, 180 upside down, 270 running down (to the nearest quarter turn). Absent: 0.
   */
  dir?: number;
}

export interface PageText {
  /** All the text of the page, items joined with spaces. */
  text: string;
  items: TextItem[];
  /** The page's viewport (rotation applied), in points. */
  width: number;
  height: number;
  rotate: number;
}

/** Text of one page (1-based) with the items' positions in the rotated (as displayed) page. */
export async function readPageText(doc: PDFDocumentProxy, pageNumber: number): Promise<PageText> {
  const page = await doc.getPage(pageNumber);
  try {
    return await pageTextOf(page);
  } finally {
    page.cleanup();
  }
}

/** Text of a page already loaded (readPageText), positioned as a reader shows the page. */
export async function pageTextOf(page: PDFPageProxy): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const transform = item.transform as number[]; // pdf.js types it any[]: six numbers.
    // Map the item's origin through the viewport so positions are as a reader sees the page.
    const [vx, vy] = viewport.convertToViewportPoint(transform[4], transform[5]) as [number, number];
    // The baseline's direction on the displayed page (viewport space has y pointing down).
    const [a, b, c, d] = viewport.transform;
    const [ta, tb] = transform;
    const dx = a * ta + c * tb;
    const dy = b * ta + d * tb;
    // Upright text (dx > 0, dy ≈ 0) is nearly all of it: no trigonometry for that.
    const dir =
      dx > 0 && Math.abs(dy) < dx
        ? 0
        : (((Math.round(Math.atan2(-dy, dx) / (Math.PI / 2)) % 4) + 4) % 4) * 90;
    items.push({
      text: item.str,
      x: vx,
      y: viewport.height - vy,
      width: item.width,
      height: item.height,
      ...(dir ? { dir } : {}),
    });
  }
  return {
    text: items.map((i) => i.text).join(' '),
    items,
    width: viewport.width,
    height: viewport.height,
    rotate: page.rotate,
  };
}
