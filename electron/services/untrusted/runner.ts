/**
 * Runs the reading of an untrusted file (import, check, case archives) in a worker thread with a memory
 * cap (`resourceLimits`) and a time limit, so a hostile or huge file can never freeze the Electron main
 * process or the browser bridge's event loop: they only pass bytes or a path in and get a plain result out.
 *
 * Cancelling asks the worker to stop (so it can end helper programs such as qpdf or LibreOffice it
 * started), then ends the worker a moment later whatever it is doing: mid-file, mid-page. Workers that
 * finish cleanly are kept for the next job for a short while (starting one costs a few hundred
 * milliseconds), and never keep the process alive.
 */
import type { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/errors';
import { LIMITS } from '../../../shared/limits';
import type { JobInput, JobName, JobOutput, WorkerReply, WorkerRequest } from './jobs';
import { startWorker, stopWorker } from '../workers/start';
import { fromWire } from './wireErrors';

interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (event: { message: string; done: number; total: number }) => void;
  /** Default: LIMITS.importSeconds. */
  timeoutMs?: number;
  /** Default: LIMITS.parserHeapMb. */
  heapMb?: number;
}

/** The job ran past its time limit and was stopped. */
export class UntrustedTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`The file took longer than ${seconds} s to read.`);
  }
}

/** The job needed more memory than its cap and was stopped. */
export class UntrustedOutOfMemory extends Error {
  constructor() {
    super('The file needed more memory to read than allowed.');
  }
}

/** What the user is told when a job stops early: they stopped it, or it ran into its time or memory cap. */
export interface StoppedJobWords {
  cancelled: string;
  tooLong: string;
  tooMuchMemory: string;
}

/**
 * The error to throw for a failed job: the plain `cancelled` message when the caller's signal stopped it,
 * `tooLong` or `tooMuchMemory` when a cap did; any other error as it is.
 */
export function stoppedJobError(
  error: unknown,
  signal: AbortSignal | undefined,
  words: StoppedJobWords,
): unknown {
  if (signal?.aborted) return new ApiError('cancelled', words.cancelled);
  if (error instanceof UntrustedTimeout) return new ApiError('refused', words.tooLong);
  if (error instanceof UntrustedOutOfMemory) return new ApiError('refused', words.tooMuchMemory);
  return error;
}

/** An untrusted-file worker started with this argument starts its pdf.js reader at once (worker.ts). */
export const WARM_TEXT_READER_ARG = '--warm-text-reader';

export interface SpawnOptions {
  /**
   * The worker starts a pdf.js reader's thread as soon as it has loaded (PageTextReader.warmUp), for a
   * check: pdf.js then loads while the file's limits are scanned, instead of after.
   */
  textReader?: boolean;
}

/** The worker, bundled beside the main file in a bundle, from its source (through tsx) otherwise. */
export function spawnUntrustedWorker(
  heapMb: number = LIMITS.parserHeapMb,
  options: SpawnOptions = {},
): Worker {
  return startWorker('untrusted', {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 },
    ...(options.textReader ? { argv: [WARM_TEXT_READER_ARG] } : {}),
  });
}

declare global {
  // Set by the command line for `check` and `compare` (cli/early.ts): untrusted-file workers started
  // before the command's own code loaded, for the first jobs to take. `stopped` once one has failed or exited.
  var __sendBundleEarlyUntrustedWorkers: { worker: Worker; heapMb: number; stopped: boolean }[] | undefined;
}

/** A worker the command line started early with the caps asked for, still running (each taken once). */
function takeEarlyWorker(heapMb: number): Worker | null {
  const early = globalThis.__sendBundleEarlyUntrustedWorkers;
  if (!early) return null;
  for (;;) {
    const index = early.findIndex((w) => w.heapMb === heapMb);
    if (index < 0) return null;
    const [taken] = early.splice(index, 1);
    if (!taken.stopped) return taken.worker;
  }
}

const IDLE_MS = 20_000;
const CANCEL_GRACE_MS = 1_000;
const idle: { worker: Worker; heapMb: number; timer: NodeJS.Timeout }[] = [];
let nextId = 1;

function takeWorker(heapMb: number): Worker {
  const index = idle.findIndex((w) => w.heapMb === heapMb);
  if (index >= 0) {
    const [entry] = idle.splice(index, 1);
    clearTimeout(entry.timer);
    entry.worker.ref();
    return entry.worker;
  }
  const early = takeEarlyWorker(heapMb);
  if (early) {
    early.ref();
    return early;
  }
  return spawnUntrustedWorker(heapMb);
}

function giveBack(worker: Worker, heapMb: number): void {
  worker.unref();
  const timer = setTimeout(() => {
    const index = idle.findIndex((w) => w.worker === worker);
    if (index >= 0) idle.splice(index, 1);
    void stopWorker(worker);
  }, IDLE_MS);
  timer.unref();
  idle.push({ worker, heapMb, timer });
}

/**
 * Starts a worker now, kept idle for the next job (as one that finished a job is): it loads the parsers
 * while the caller does something else first. One the command line started early is taken instead.
 */
export function warmUpUntrustedWorker(
  heapMb: number = LIMITS.parserHeapMb,
  options: SpawnOptions = {},
): void {
  if (idle.some((w) => w.heapMb === heapMb)) return;
  giveBack(takeEarlyWorker(heapMb) ?? spawnUntrustedWorker(heapMb, options), heapMb);
}

/** Ends every idle worker (tests, and hosts shutting down). */
export async function closeIdleWorkers(): Promise<void> {
  const all = idle.splice(0);
  await Promise.all(
    all.map((entry) => {
      clearTimeout(entry.timer);
      return stopWorker(entry.worker);
    }),
  );
}

/** Runs one job in a worker; resolves with its result or rejects with the error the job threw. */
export function runUntrusted<N extends JobName>(
  name: N,
  input: JobInput<N>,
  options: RunOptions = {},
  transfer: ArrayBuffer[] = [],
): Promise<JobOutput<N>> {
  const { signal } = options;
  const heapMb = options.heapMb ?? LIMITS.parserHeapMb;
  const timeoutMs = options.timeoutMs ?? LIMITS.importSeconds * 1000;
  signal?.throwIfAborted();
  const worker = takeWorker(heapMb);
  const id = nextId++;

  return new Promise<JobOutput<N>>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) giveBack(worker, heapMb);
      outcome();
    };
    const stop = (error: unknown) => {
      finish(() => reject(error), false);
      // Let the job end its helper programs, then end the worker whatever it is doing.
      worker.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
      const kill = setTimeout(() => void stopWorker(worker), CANCEL_GRACE_MS);
      kill.unref();
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== id) return;
      if (reply.type === 'progress') options.onProgress?.(reply.event);
      else if (reply.type === 'result') finish(() => resolve(reply.value as JobOutput<N>), true);
      else if (reply.type === 'error') finish(() => reject(fromWire(reply.error)), true);
    };
    const onError = (error: Error & { code?: string }) => {
      void stopWorker(worker);
      finish(
        () => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new UntrustedOutOfMemory() : error),
        false,
      );
    };
    const onExit = (code: number) =>
      finish(() => reject(new Error(`The file reader stopped unexpectedly (exit ${code}).`)), false);
    const onAbort = () => stop(signal?.reason ?? new Error('Stopped.'));
    const timer = setTimeout(() => stop(new UntrustedTimeout(Math.round(timeoutMs / 1000))), timeoutMs);

    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ type: 'run', id, name, input } satisfies WorkerRequest, transfer);
  });
}
