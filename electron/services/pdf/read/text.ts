/**
 * Page text, read by pdf.js (the reader the app's preview uses): what a person can search and copy, with
 * each item's position as the page is displayed. Runs in a worker thread when one can be started, so it
 * uses the second core while the main thread reads the file's structure; in this thread otherwise.
 */
import type { Worker } from 'node:worker_threads';
import { closePdfjs, openWithPdfjs, PdfOpenError, readPageText, type PageText } from '../pdfjs';
import { startWorker, stopWorker } from '../../workers/start';
import { digestPages } from './digestPages';
import { openPdfFile, setAsideFileBuffer } from './pdfjsFile';
import type { PdfInput } from './source';
import { WrittenPageReader, type WrittenDocument, type WrittenPagePreImage } from './writtenPages';

export type { PageText, TextItem } from '../pdfjs';

export interface TextRequest {
  id: number;
  input: PdfInput;
  /** 1-based pages, in the order to read them. */
  pages: number[];
}

/** Page digests of pages [from, to) (0-based) by the app's own reader (./digestPages.ts), not pdf.js. */
export interface DigestRequest {
  id: number;
  input: PdfInput;
  digest: { from: number; to: number };
}

/** A document of a file being written, for its pages' pre-images (./writtenPages.ts); or the file's end. */
export interface WrittenRequest {
  id: number;
  written:
    | { session: number; path: string; claims: SharedArrayBuffer; document: WrittenDocument }
    | { session: number; end: true; nextFileBytes?: number };
}

export type ReaderRequest = TextRequest | DigestRequest | WrittenRequest;

type TextReply =
  | { id: number; page: number; text: PageText | null }
  | { id: number; done: true; pageCount: number }
  | { id: number; error: { kind: 'password-protected' | 'damaged'; message: string } };

type DigestReply =
  | { id: number; digests: string[]; pageCount: number }
  | { id: number; preImages: (WrittenPagePreImage | null)[] | null }
  | { id: number; failed: string };

const writtenSessions = new Map<number, WrittenPageReader>();

/** Answers a written-document request (in the reader's thread): the pages' pre-images, or null. */
export function answerWrittenRequest(request: WrittenRequest, reply: (message: DigestReply) => void): void {
  const { written } = request;
  try {
    if ('end' in written) {
      writtenSessions.get(written.session)?.close();
      writtenSessions.delete(written.session);
      reply({ id: request.id, preImages: null });
      if (written.nextFileBytes) setAsideFileBuffer(written.nextFileBytes);
      return;
    }
    let session = writtenSessions.get(written.session);
    if (!session) {
      session = new WrittenPageReader(written.path, new Int32Array(written.claims));
      writtenSessions.set(written.session, session);
    }
    reply({ id: request.id, preImages: session.read(written.document) });
  } catch (error) {
    reply({ id: request.id, failed: (error as Error)?.message ?? String(error) });
  }
}

/** Answers a digest request: the digests, or why the file could not be read. */
export function answerDigestRequest(request: DigestRequest, reply: (message: DigestReply) => void): void {
  try {
    const { digest } = request;
    reply({ id: request.id, ...digestPages(request.input, digest.from, digest.to) });
  } catch (error) {
    reply({ id: request.id, failed: (error as Error)?.message ?? String(error) });
  }
}

/** Reads the pages asked for, one reply per page (null for a page pdf.js cannot read), then `done`. */
export async function answerTextRequest(
  request: TextRequest,
  reply: (message: TextReply) => void,
): Promise<void> {
  let opened: { doc: Awaited<ReturnType<typeof openWithPdfjs>>; close: () => Promise<void> };
  try {
    if ('path' in request.input) opened = await openPdfFile(request.input.path);
    else {
      const size = request.input.bytes.length;
      const doc = await openWithPdfjs(request.input.bytes);
      opened = { doc, close: () => closePdfjs(doc, size) };
    }
  } catch (error) {
    const kind = error instanceof PdfOpenError ? error.kind : 'damaged';
    reply({ id: request.id, error: { kind, message: (error as Error)?.message ?? String(error) } });
    return;
  }
  const pageCount = opened.doc.numPages;
  try {
    for (const page of request.pages) {
      let text: PageText | null = null;
      if (page >= 1 && page <= pageCount) {
        try {
          text = await readPageText(opened.doc, page);
        } catch {
          text = null;
        }
      }
      reply({ id: request.id, page, text });
    }
  } catch (error) {
    await opened.close();
    throw error;
  }
  // A file on disk is closed before `done` (the asker may delete it at once: an import's trial bundle);
  // bytes are let go after it (a big file's copy is collected then: closePdfjs).
  const closeFirst = 'path' in request.input;
  if (closeFirst) await opened.close();
  reply({ id: request.id, done: true, pageCount });
  if (!closeFirst) await opened.close();
}

/**
 * When the reader's thread (./textWorker.ts) loads pdf.js: 'at-once' (the default: while it answers page
 * digests), 'first' (before it answers anything: a reader warmed up ahead of need), or 'when-asked' (a
 * reader for page digests only, until text is asked for).
 */
export type PdfjsLoading = 'at-once' | 'first' | 'when-asked';
export const PDFJS_LOADING_ARG = '--pdfjs-loading=';

/**
 * A reader started ahead of need (PageTextReader.warmUp), or kept after use (release), until start()
 * takes it.
 */
let warmReader: PageTextReader | null = null;

/** How long a reader released after use is kept for the next start(). */
const KEEP_RELEASED_MS = 60_000;

function keepForNextStart(reader: PageTextReader): void {
  warmReader = reader;
}

declare global {
  // Set by cli/send-bundle.mjs for `build`: the reader's thread (./textWorker.ts, loading pdf.js at once),
  // started before the command's own code loaded. `stopped` once it has failed or exited.
  var __sendBundleEarlyTextReader: { worker: Worker; stopped: boolean } | undefined;
}

/** The reader's thread the command line started early, if there is one still running (taken once). */
function takeEarlyWorker(): Worker | null {
  const early = globalThis.__sendBundleEarlyTextReader;
  globalThis.__sendBundleEarlyTextReader = undefined;
  return early && !early.stopped ? early.worker : null;
}

export class PageTextReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (message: TextReply & DigestReply) => void>();
  private readonly retries = new Map<number, () => void>();
  private failed = false;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  private constructor(useWorker: boolean, pdfjsLoading: PdfjsLoading = 'at-once') {
    if (!useWorker) return;
    try {
      // A thread started early loads pdf.js at once ('at-once'), which serves any reader that reads text.
      this.worker =
        (pdfjsLoading === 'when-asked' ? null : takeEarlyWorker()) ??
        startWorker('pdfText', { argv: [`${PDFJS_LOADING_ARG}${pdfjsLoading}`] });
      this.worker.on('message', (message: TextReply & DigestReply) =>
        this.pending.get(message.id)?.(message),
      );
      this.worker.on('error', () => this.fail());
      this.worker.on('exit', () => this.fail());
      // After the listeners: adding a 'message' listener refs the worker again.
      this.worker.unref();
    } catch {
      this.worker = null;
    }
  }

  /**
   * Starts a reader; with a worker thread it loads pdf.js there at once, ready for the first request (or,
   * with `text: false`, for a reader asked only for page digests, when text is first asked for). A reader
   * warmed up beforehand (warmUp) or released after use (release) is taken if there is one.
   */
  static start(options: { worker?: boolean; text?: boolean } = {}): PageTextReader {
    const useWorker = options.worker ?? true;
    const warm = warmReader;
    if (useWorker && warm) {
      warmReader = null;
      if (warm.idleTimer) clearTimeout(warm.idleTimer);
      warm.idleTimer = null;
      if (!warm.failed && warm.worker) return warm;
      void warm.close();
    }
    return new PageTextReader(useWorker, options.text === false ? 'when-asked' : 'at-once');
  }

  /**
   * Starts a reader's worker thread now, for the next start() to take: pdf.js loads on the second core,
   * before anything else, while this thread still has other things to do first. The command line warms
   * one up before it opens the data folder for a build, where start-up would otherwise leave the second
   * core idle, and pdf.js (loading while the thread answers page digests) would finish loading only after
   * the bundle is written, just before verification needs it; it takes over the thread cli/send-bundle.mjs
   * started even earlier, before the command's code loaded, when there is one. A reader nobody takes does
   * not keep the process alive. Returns the reader kept (one at a time).
   */
  static warmUp(): PageTextReader {
    warmReader ??= new PageTextReader(true, 'first');
    return warmReader;
  }

  /** The worker could not start or stopped: what it was asked is answered in this thread instead. */
  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.worker = null;
    for (const [id, retry] of this.retries) {
      this.pending.delete(id);
      retry();
    }
    this.retries.clear();
  }

  /**
   * The text of each page asked for (1-based; null for a page that cannot be read, or that the file does
   * not have) and how many pages pdf.js finds. Throws PdfOpenError when pdf.js cannot open the file.
   */
  async read(
    input: PdfInput,
    pages: number[],
    onPage?: (page: number, text: PageText | null) => void,
  ): Promise<{ pageCount: number; texts: Map<number, PageText | null> }> {
    const texts = new Map<number, PageText | null>();
    let pageCount = 0;
    const request: TextRequest = { id: this.nextId++, input, pages };
    await new Promise<void>((resolve, reject) => {
      const answer = (message: TextReply) => {
        if ('page' in message) {
          texts.set(message.page, message.text);
          onPage?.(message.page, message.text);
        } else if ('done' in message) {
          this.pending.delete(request.id);
          this.retries.delete(request.id);
          pageCount = message.pageCount;
          resolve();
        } else {
          this.pending.delete(request.id);
          this.retries.delete(request.id);
          reject(new PdfOpenError(message.error.kind, message.error.message));
        }
      };
      const inThisThread = () => {
        texts.clear();
        answerTextRequest(request, answer).catch(reject);
      };
      if (this.worker && !this.failed) {
        this.pending.set(request.id, answer);
        this.retries.set(request.id, inThisThread);
        this.worker.ref();
        this.worker.postMessage(request);
      } else inThisThread();
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    });
    return { pageCount, texts };
  }

  /**
   * The digests of pages [from, to) (0-based) of a file, by the app's own reader (not pdf.js), in the
   * worker thread: a second core's share of a fingerprint. Asked after a text request, it is answered after
   * it. Throws when the file cannot be read.
   */
  async digest(input: PdfInput, from: number, to: number): Promise<{ digests: string[]; pageCount: number }> {
    const answer = await this.ask({ id: this.nextId++, input, digest: { from, to } });
    if (!('digests' in answer)) throw new Error('The reader answered a different question.');
    return { digests: answer.digests, pageCount: answer.pageCount };
  }

  /**
   * Reads the pages of a file while it is written, in the worker thread (./writtenPages.ts): `send` each
   * document as soon as it is written; each answer is its pages' pre-images, or null when the document is
   * left to this thread (claimed here first, or the worker is gone). Null without a worker thread.
   */
  writtenPages(path: string, documents: number): WrittenPagesSession | null {
    if (!this.worker || this.failed) return null;
    const session = this.nextId++;
    const claims = new SharedArrayBuffer(Math.max(1, documents) * Int32Array.BYTES_PER_ELEMENT);
    const ask = (written: WrittenRequest['written']) =>
      this.ask({ id: this.nextId++, written }).then((answer) =>
        'preImages' in answer ? answer.preImages : null,
      );
    return {
      claims: new Int32Array(claims),
      send: (document) => {
        const answer = ask({ session, path, claims, document });
        answer.catch(() => {}); // Awaited by the session's owner.
        return answer;
      },
      end: async (nextFileBytes) => {
        await ask({ session, end: true, nextFileBytes }).catch(() => null);
      },
    };
  }

  /**
   * Asks the worker; if it stops first, the request is answered in this thread (`inThisThread`: a
   * written-pages request is answered with null, its pages then read here).
   */
  private ask(request: DigestRequest | WrittenRequest): Promise<Exclude<DigestReply, { failed: string }>> {
    return new Promise<Exclude<DigestReply, { failed: string }>>((resolve, reject) => {
      const answer = (message: DigestReply) => {
        this.pending.delete(request.id);
        this.retries.delete(request.id);
        if ('failed' in message) reject(new Error(message.failed));
        else resolve(message);
      };
      const inThisThread = () =>
        'written' in request
          ? answer({ id: request.id, preImages: null })
          : answerDigestRequest(request, answer);
      if (this.worker && !this.failed) {
        this.pending.set(request.id, answer);
        this.retries.set(request.id, inThisThread);
        this.worker.ref();
        this.worker.postMessage(request);
      } else inThisThread();
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    });
  }

  /**
   * Done with the reader: its thread, pdf.js loaded, is kept for the next start() in this process for up
   * to a minute (a rebuild does not load pdf.js again: 0.07-0.2 s in the command line and the app, about
   * 0.2 s in the tests, where pdf.js loads from its ES modules, untrusted/boot.mjs), and then closed. Closed
   * at once if it failed, still has a request under way (a build that stopped part way), or one is kept
   * already. For readers of files the app made or checked on import:
   * a reader that read a file from elsewhere (the checker's, compare's) is closed instead.
   */
  async release(): Promise<void> {
    if (!this.worker || this.failed || this.pending.size > 0 || warmReader) return this.close();
    this.worker.unref();
    keepForNextStart(this);
    const timer = setTimeout(() => {
      if (warmReader === this) warmReader = null;
      this.idleTimer = null;
      void this.close();
    }, KEEP_RELEASED_MS);
    timer.unref();
    this.idleTimer = timer;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (warmReader === this) warmReader = null;
    const worker = this.worker;
    this.worker = null;
    if (worker) await stopWorker(worker);
  }
}

/** PageTextReader.writtenPages: the engine's side of reading pages while they are written. */
export interface WrittenPagesSession {
  /** One per document: UNCLAIMED until a thread takes it (./writtenPages.ts). */
  claims: Int32Array;
  send(document: WrittenDocument): Promise<(WrittenPagePreImage | null)[] | null>;
  /**
   * Lets the worker close the file. `nextFileBytes`: the size of the file pdf.js will be asked to read next
   * in that thread (the finished bundle, for verification), so that it sets its array aside now.
   */
  end(nextFileBytes?: number): Promise<void>;
}
