import { useState } from 'react';
import { ApiError, errorMessage, type CallOptions, type ProgressEvent } from '../api';

interface OperationMessages {
  /** The error shown when the user stops the call. */
  stopped: string;
  /** The progress shown before the call's own (reading the file…). */
  start?: ProgressEvent;
  /** Sees a failure first; returns true when it has dealt with it (no error is shown then). */
  onError?: (error: unknown, stopped: boolean) => boolean;
}

interface Operation {
  /** The running call's controller (its Stop button aborts it); null when nothing runs. */
  running: AbortController | null;
  progress: ProgressEvent | null;
  error: string | null;
  setError: (error: string | null) => void;
  /**
   * Runs one long call with progress and a way to stop it. A failure becomes `error` in words for the user
   * (`messages.stopped` when the user stopped it) and the result is undefined.
   */
  run<T>(
    task: (options: Required<CallOptions>) => Promise<T>,
    messages: OperationMessages,
  ): Promise<T | undefined>;
}

/** A screen's long call (build, check, export, import): its progress, its Stop, and its last error. */
export function useOperation(): Operation {
  const [running, setRunning] = useState<AbortController | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run<T>(
    task: (options: Required<CallOptions>) => Promise<T>,
    messages: OperationMessages,
  ): Promise<T | undefined> {
    const controller = new AbortController();
    setRunning(controller);
    setError(null);
    setProgress(messages.start ?? null);
    try {
      return await task({ signal: controller.signal, onProgress: setProgress });
    } catch (e) {
      const stopped = e instanceof ApiError && e.code === 'cancelled';
      if (!messages.onError?.(e, stopped)) setError(stopped ? messages.stopped : errorMessage(e));
      return undefined;
    } finally {
      setRunning(null);
    }
  }

  return { running, progress, error, setError, run };
}
