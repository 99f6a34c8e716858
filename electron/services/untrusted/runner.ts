/**
 * Runs the reading of an untrusted file (import, check, case archives) in a worker that is a process of
 * its own (workers/isolatedProcess.ts), with a memory cap and a time limit, so a hostile or huge file can
 * never freeze the Electron main process or the browser bridge's event loop, nor take it down by crashing
 * or by the memory it makes a parser take: they only pass bytes or a path in and get a plain result out.
 *
 * Cancelling asks the worker to stop (so it can end helper programs such as qpdf or LibreOffice it
 * started), then ends the worker a moment later whatever it is doing: mid-file, mid-page, with any
 * program it started. Workers that finish cleanly are kept for the next job for a short while (starting
 * one costs a few hundred milliseconds), and never keep the process alive.
 */
import { ApiError } from '../../../shared/api/errors';
import { LIMITS } from '../../../shared/limits';
import type { JobInput, JobName, JobOutput, WorkerReply, WorkerRequest } from './jobs';
import { IsolatedProcess, IsolatedProcessCrash } from '../workers/isolatedProcess';
import { workerLaunch } from '../workers/start';
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

/** The worker ended in the middle of the job: the file made a parser crash. */
export class UntrustedCrash extends Error {
  constructor(readonly crash: IsolatedProcessCrash) {
    super(crash.message);
  }
}

/**
 * What the user is told when a job stops early: they stopped it, it ran into its time or memory cap, or
 * the file made the program reading it crash.
 */
export interface StoppedJobWords {
  cancelled: string;
  tooLong: string;
  tooMuchMemory: string;
  crashed: string;
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
  if (error instanceof UntrustedCrash) return new ApiError('refused', words.crashed);
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
): IsolatedProcess {
  return new IsolatedProcess(workerLaunch('untrusted'), {
    heapMb,
    args: options.textReader ? [WARM_TEXT_READER_ARG] : [],
  });
}

declare global {
  // The most memory any untrusted-file worker of this process has used (its peak resident set, in KB), as
  // the workers say with each answer: a process of its own is not counted in this process's own peak.
  var __sendBundleIsolatedPeakRssKb: number | undefined;
}

/** The most memory (MB) an untrusted-file worker has used so far, 0 before any answered; for benchmarks. */
export function isolatedPeakRssMB(): number {
  return (globalThis.__sendBundleIsolatedPeakRssKb ?? 0) / 1024;
}

declare global {
  // The CPU seconds the untrusted-file workers of this process have used, as each said with its last answer:
  // a worker's process is ended, not waited for, when the command exits, so the system does not add its
  // time to the command's.
  var __sendBundleIsolatedCpuSeconds: number | undefined;
}

/** The CPU seconds untrusted-file workers have used up to their last answers; for benchmarks. */
export function isolatedCpuSeconds(): number {
  return globalThis.__sendBundleIsolatedCpuSeconds ?? 0;
}

/** Each worker's CPU seconds at its last answer (each answer gives its process's total so far). */
const cpuSecondsByWorker = new WeakMap<IsolatedProcess, number>();

function noteUsage(worker: IsolatedProcess, reply: { peakRssKb?: number; cpuSeconds?: number }): void {
  const { peakRssKb: kb, cpuSeconds } = reply;
  if (typeof kb === 'number' && Number.isFinite(kb))
    globalThis.__sendBundleIsolatedPeakRssKb = Math.max(globalThis.__sendBundleIsolatedPeakRssKb ?? 0, kb);
  if (typeof cpuSeconds === 'number' && Number.isFinite(cpuSeconds)) {
    const before = cpuSecondsByWorker.get(worker) ?? 0;
    if (cpuSeconds <= before) return;
    cpuSecondsByWorker.set(worker, cpuSeconds);
    globalThis.__sendBundleIsolatedCpuSeconds = isolatedCpuSeconds() + cpuSeconds - before;
  }
}

declare global {
  // Set by the command line for `check` and `compare` (cli/early.ts): untrusted-file workers started
  // before the command's own code loaded, for the first jobs to take. `stopped` once one has failed or exited.
  var __sendBundleEarlyUntrustedWorkers:
    { worker: IsolatedProcess; heapMb: number; stopped: boolean }[] | undefined;
}

/** A worker the command line started early with the caps asked for, still running (each taken once). */
function takeEarlyWorker(heapMb: number): IsolatedProcess | null {
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
const idle: { worker: IsolatedProcess; heapMb: number; timer: NodeJS.Timeout; forget: () => void }[] = [];
let nextId = 1;

function takeWorker(heapMb: number): IsolatedProcess {
  const index = idle.findIndex((w) => w.heapMb === heapMb && !w.worker.ended);
  if (index >= 0) {
    const [entry] = idle.splice(index, 1);
    clearTimeout(entry.timer);
    entry.worker.off('exit', entry.forget);
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

function giveBack(worker: IsolatedProcess, heapMb: number): void {
  worker.unref();
  const forget = () => {
    clearTimeout(timer);
    const index = idle.findIndex((w) => w.worker === worker);
    if (index >= 0) idle.splice(index, 1);
  };
  const timer = setTimeout(() => {
    forget();
    void worker.stop();
  }, IDLE_MS);
  timer.unref();
  // One that ends while idle (killed by the system, say) is not handed the next job.
  worker.once('exit', forget);
  idle.push({ worker, heapMb, timer, forget });
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
      return entry.worker.stop();
    }),
  );
}

/** Runs one job in a worker; resolves with its result or rejects with the error the job threw. */
export function runUntrusted<N extends JobName>(
  name: N,
  input: JobInput<N>,
  options: RunOptions = {},
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
      const kill = setTimeout(() => void worker.stop(), CANCEL_GRACE_MS);
      kill.unref();
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== id) return;
      if (reply.type !== 'progress') noteUsage(worker, reply);
      if (reply.type === 'progress') options.onProgress?.(reply.event);
      else if (reply.type === 'result') finish(() => resolve(reply.value as JobOutput<N>), true);
      else if (reply.type === 'error') finish(() => reject(fromWire(reply.error)), true);
    };
    const onError = (error: Error) => {
      void worker.stop();
      const said =
        error instanceof IsolatedProcessCrash
          ? error.outOfMemory
            ? new UntrustedOutOfMemory()
            : new UntrustedCrash(error)
          : error;
      finish(() => reject(said), false);
    };
    const onExit = (code: number) =>
      finish(() => reject(new Error(`The file reader stopped unexpectedly (exit ${code}).`)), false);
    const onAbort = () => stop(signal?.reason ?? new Error('Stopped.'));
    const timer = setTimeout(() => stop(new UntrustedTimeout(Math.round(timeoutMs / 1000))), timeoutMs);

    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ type: 'run', id, name, input } satisfies WorkerRequest);
  });
}
