/**
 * Threads a command starts before its own code has loaded: loading it takes the main thread a few tenths
 * of a second, during which the second core would otherwise be idle. cli/send-bundle.mjs calls this from a
 * small bundle of its own (dist/cli/early.cjs) before it loads the command. Nothing waits for these
 * threads, none keeps the process alive, and each is taken over by the service that would have started it:
 * - `build`: the verification's pdf.js reader (PageTextReader, electron/services/pdf/read/text.ts);
 * - `check`: the scan of the file's limits, which the check waits for before it reads the file
 *   (electron/services/untrusted/limitsScan.ts), and the untrusted-file worker (a process of its own),
 *   which starts pdf.js's reader as soon as it has loaded (electron/services/untrusted/runner.ts, worker.ts);
 * - `compare`: the two untrusted-file workers that read one file each (compare/service.ts).
 * (Processes start in parallel with the command's loading just as threads do.)
 */
import { statSync } from 'node:fs';
import { LIMITS } from '../shared/limits';
import { startEarlyLimitsScan } from '../electron/services/untrusted/limitsScan';
import { spawnUntrustedWorker, type SpawnOptions } from '../electron/services/untrusted/runner';
import { startWorker } from '../electron/services/workers/start';
import { splitGlobals } from './basics';
import { fileToCheck } from './commands/checkArgs';

/** A worker thread, or an isolated process (the untrusted-file worker). */
interface Started {
  once(event: 'error' | 'exit', listener: () => void): unknown;
  unref(): void;
}

function watched<W extends Started>(worker: W): { worker: W; stopped: boolean } {
  const early = { worker, stopped: false };
  worker.once('error', () => (early.stopped = true));
  worker.once('exit', () => (early.stopped = true));
  worker.unref();
  return early;
}

/**
 * Starts the threads `profile` (the command's name: cli/compileCache.cjs, commandProfile) will want.
 * `args`: the command line's arguments (process.argv.slice(2)).
 */
export function startEarlyThreads(profile: string, args: string[]): void {
  if (profile === 'build') globalThis.__sendBundleEarlyTextReader = watched(startWorker('pdfText'));
  else if (profile === 'check') {
    const file = fileToCheckIn(args);
    // Only a file: opening a pipe would hold the scan's thread until something writes to it.
    if (file && isFile(file)) startEarlyLimitsScan(file);
    startUntrustedWorkers(1, { textReader: true });
  } else if (profile === 'compare') startUntrustedWorkers(2);
}

/** `count` untrusted-file workers, with the caps untrusted/runner.ts gives every one. */
function startUntrustedWorkers(count: number, options: SpawnOptions = {}): void {
  const heapMb = LIMITS.parserHeapMb;
  globalThis.__sendBundleEarlyUntrustedWorkers = Array.from({ length: count }, () => ({
    ...watched(spawnUntrustedWorker(heapMb, options)),
    heapMb,
  }));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file `send-bundle … check FILE …` names, or null (the command then says what is wrong). */
function fileToCheckIn(args: string[]): string | null {
  try {
    const { rest } = splitGlobals(args);
    return rest[0] === 'check' ? fileToCheck(rest.slice(1)) : null;
  } catch {
    return null;
  }
}
