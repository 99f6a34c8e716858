/**
 * A full garbage collection of this thread's heap, now: for worker threads (and isolated processes) that
 * have just let go of a big buffer (a whole PDF) that V8 would otherwise free only at its next full
 * collection, while other threads are already taking memory. Never on the app's main thread, where the
 * pause would be felt.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { inIsolatedProcess } from './jobPort';

let gc: (() => void) | null | undefined;

/** True where a collection's pause is not felt: a worker thread, or an isolated process. */
export function mayPauseToCollect(): boolean {
  return !isMainThread || inIsolatedProcess();
}

export function collectGarbage(): void {
  if (!mayPauseToCollect()) return;
  if (gc === undefined) {
    try {
      // The command line sets it when it starts (cli/v8Flags.mjs): a flag changed part way through a command
      // makes V8 refuse its code caches on the next run.
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
