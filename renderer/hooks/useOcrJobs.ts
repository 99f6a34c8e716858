import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../api';
import type { OcrJob } from '../../shared/domain/documents';

const POLL_MS = 800;
const isActive = (job: OcrJob) => job.state === 'queued' || job.state === 'running';

interface OcrJobs {
  /** The latest job of each document that has one. */
  byDocument: Map<number, OcrJob>;
  error: string | null;
  /** Looks again now (after an import, which may have queued scans). */
  refresh: () => void;
  start: (documentIds: number[]) => Promise<void>;
  cancel: (documentId: number) => Promise<void>;
}

/**
 * A case's text recognition, which runs in the background: asks for its state while anything is waiting
 * or being read, and calls `onFinished` with each job that ends (so the screen reloads what it shows).
 */
export function useOcrJobs(caseId: number, onFinished: (job: OcrJob) => void): OcrJobs {
  const [jobs, setJobs] = useState<OcrJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const active = useRef(new Set<number>());
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });

  const show = useCallback((list: OcrJob[]) => {
    setJobs(list);
    const latest = new Map(list.map((j) => [j.documentId, j]));
    for (const id of [...active.current]) {
      const job = latest.get(id);
      if (!job || !isActive(job)) {
        active.current.delete(id);
        if (job) finished.current(job);
      }
    }
    for (const job of latest.values()) if (isActive(job)) active.current.add(job.documentId);
  }, []);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    call('ocr.status', { caseId }).then(
      (list) => {
        if (!live) return;
        show(list);
        if (list.some(isActive)) timer = setTimeout(() => setGeneration((g) => g + 1), POLL_MS);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [caseId, generation, show]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const act = useCallback(
    async (work: () => Promise<OcrJob[]>) => {
      setError(null);
      try {
        show(await work());
        refresh();
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [show, refresh],
  );

  return {
    byDocument: new Map(jobs.map((j) => [j.documentId, j])),
    error,
    refresh,
    start: (documentIds) => act(() => call('ocr.start', { caseId, documentIds })),
    cancel: (documentId) => act(() => call('ocr.cancel', { caseId, documentId })),
  };
}
