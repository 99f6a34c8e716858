import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage, type ProgressEvent } from '../../api';
import type { StoredFileProblem } from '../../../shared/domain/documents';

/** A check still going after this long shows its progress (a first check reads every file). */
const SLOW_MS = 1000;

interface StoredFileCheck {
  /** The documents whose file changed since it was added, or is missing, as last checked. */
  problems: StoredFileProblem[];
  /** Set while a slow check runs; null otherwise. */
  progress: ProgressEvent | null;
  error: string | null;
  /** Checks again (after documents are added, removed or put back). */
  recheck: () => void;
}

/**
 * Asks which of the case's documents have a stored file that is no longer the one added
 * (documents.checkStored) when the screen opens and after `recheck()`. A check still running when the
 * screen closes, or when another starts, is stopped. The last answer stays on screen while the next runs.
 */
export function useStoredFileCheck(caseId: number): StoredFileCheck {
  const [generation, setGeneration] = useState(0);
  const [problems, setProblems] = useState<StoredFileProblem[]>([]);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let latest: ProgressEvent | null = null;
    let slow = false;
    const timer = setTimeout(() => {
      slow = true;
      setProgress(latest ?? { message: 'Checking the documents are as they were added', done: 0, total: 0 });
    }, SLOW_MS);
    const onProgress = (event: ProgressEvent) => {
      latest = event;
      if (slow) setProgress(event);
    };
    call('documents.checkStored', { caseId }, { signal: controller.signal, onProgress })
      .then(
        (found) => {
          setProblems(found);
          setError(null);
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setError(errorMessage(e));
        },
      )
      .finally(() => {
        clearTimeout(timer);
        if (!controller.signal.aborted) setProgress(null);
      });
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [caseId, generation]);

  const recheck = useCallback(() => setGeneration((g) => g + 1), []);
  return { problems, progress, error, recheck };
}
