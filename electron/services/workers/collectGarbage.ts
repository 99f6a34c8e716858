/**
 * A full garbage collection of this thread's heap, now: for worker threads that have just let go of a big
 * buffer (a whole PDF) that V8 would otherwise free only at its next full collection, while other threads
 * of the process are already taking memory. Never on the main thread, where the pause would be felt.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (isMainThread) return;
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
