/**
 * The main thread's handle on the OCR worker: one document at a time, progress per page, a cancel that
 * stops the work at once (the worker and its recogniser threads are ended, not asked), a memory cap and a
 * time limit. The worker is a process of its own (workers/isolatedProcess.ts): it renders the pages of a
 * user's file with pdf.js and a native canvas, and a page that makes those crash or take all the memory
 * must not take the app with it. It is kept between documents (starting the recognisers costs a second or
 * two) and ended after a while with nothing to do; while idle it does not keep the process alive.
 */
import { availableParallelism } from 'node:os';
import { IsolatedProcess, IsolatedProcessCrash } from '../workers/isolatedProcess';
import { workerLaunch } from '../workers/start';
import type { OcrJobRequest, OcrJobResult, OcrWorkerMessage, OcrWorkerUsage } from './protocol';

export class OcrStopped extends Error {
  constructor(
    readonly reason: 'cancelled' | 'timed-out' | 'crashed',
    message: string,
  ) {
    super(message);
    this.name = 'OcrStopped';
  }
}

interface OcrRunOptions {
  /** After each page read (`page`), and once at the start with the number of pages to read (`page` null). */
  onPage?: (progress: { page: number | null; done: number; total: number }) => void;
  signal?: AbortSignal;
}

interface OcrRunnerOptions {
  /** Recogniser threads: one per core, at most 4 (each holds the model and a page, about 100 MB). */
  threads?: number;
  /** Time allowed per page before the document is given up (a hostile file must not run for ever). */
  msPerPage?: number;
  /** The worker's JavaScript heap cap; pictures (outside the heap) are bounded by pdf.js's image limits. */
  maxHeapMb?: number;
  idleMs?: number;
}

function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export class OcrRunner {
  private worker: IsolatedProcess | null = null;
  private ready: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private running = false;
  private nextJobId = 1;
  /** What the worker's process had used when it last finished a document (benchmarks). */
  workerUsage: OcrWorkerUsage | null = null;
  readonly threads: number;
  private readonly msPerPage: number;
  private readonly maxHeapMb: number;
  private readonly idleMs: number;

  constructor(options: OcrRunnerOptions = {}) {
    this.threads = options.threads ?? defaultThreads();
    this.msPerPage = options.msPerPage ?? 120_000;
    this.maxHeapMb = options.maxHeapMb ?? 2048;
    this.idleMs = options.idleMs ?? 60_000;
  }

  private start(): { worker: IsolatedProcess; ready: Promise<void> } {
    if (this.worker && this.ready) return { worker: this.worker, ready: this.ready };
    const worker = new IsolatedProcess(workerLaunch('ocr'), { heapMb: this.maxHeapMb });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: OcrWorkerMessage) => {
        if (message.type !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    this.ready.catch(() => {});
    worker.once('exit', () => {
      if (this.worker === worker) {
        this.worker = null;
        this.ready = null;
      }
    });
    return { worker, ready: this.ready };
  }

  /**
   * Recognises `pages` (1-based) of the PDF at `pdfPath` and writes the searchable copy to `outPath` (when
   * any page gave words). The worker reads and writes the files itself: no document passes through here.
   */
  async run(
    pdfPath: string,
    outPath: string,
    pages: number[],
    options: OcrRunOptions = {},
  ): Promise<OcrJobResult> {
    if (this.running) throw new Error('The OCR runner is already working on a document.');
    options.signal?.throwIfAborted();
    this.running = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const { worker, ready } = this.start();
    worker.ref();
    const jobId = this.nextJobId++;
    try {
      return await new Promise<OcrJobResult>((resolve, reject) => {
        let settled = false;
        const finish = (error: Error | null, result?: OcrJobResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          options.signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve(result!);
        };
        const stop = (error: OcrStopped) => {
          finish(error);
          void this.terminate();
        };
        const onMessage = (message: OcrWorkerMessage) => {
          if (message.type === 'page' && message.jobId === jobId)
            options.onPage?.({ page: message.page, done: message.done, total: message.total });
          else if (message.type === 'done' && message.jobId === jobId) {
            this.workerUsage = message.usage ?? null;
            finish(null, message.result);
          } else if (message.type === 'failed' && message.jobId === jobId) {
            // Start afresh next time: a failure may have left recogniser threads behind in this one.
            finish(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}));
            void this.terminate();
          }
        };
        const onError = (error: Error) =>
          stop(
            new OcrStopped(
              'crashed',
              error instanceof IsolatedProcessCrash && error.outOfMemory
                ? 'it needed more memory than text recognition is allowed'
                : `text recognition stopped unexpectedly (${error instanceof IsolatedProcessCrash ? (error.signal ?? `exit ${error.exitCode}`) : error.message})`,
            ),
          );
        const onExit = () => stop(new OcrStopped('crashed', 'text recognition stopped unexpectedly'));
        const onAbort = () => stop(new OcrStopped('cancelled', 'Text recognition was stopped.'));
        const timer = setTimeout(
          () => stop(new OcrStopped('timed-out', 'it took too long to read')),
          30_000 + this.msPerPage * Math.max(1, pages.length),
        );
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        ready.then(
          () => {
            if (settled) return;
            const request: OcrJobRequest = {
              type: 'recognise',
              jobId,
              pdfPath,
              outPath,
              pages,
              threads: this.threads,
            };
            worker.postMessage(request);
          },
          (error: Error) => onError(error),
        );
      });
    } finally {
      this.running = false;
      if (this.worker) {
        this.worker.unref();
        const idle = this.worker;
        this.idleTimer = setTimeout(() => {
          if (this.worker === idle && !this.running) void this.terminate();
        }, this.idleMs);
        this.idleTimer.unref();
      }
    }
  }

  /** Ends the worker (and its recogniser threads) now. */
  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.stop();
  }
}
