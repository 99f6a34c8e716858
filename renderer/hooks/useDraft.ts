/**
 * Answers kept as they are typed (drafts service), so Back, a refresh, a second tab or closing the app
 * loses nothing: the screen reads its draft when it opens, and every change is saved a moment later.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../api';

type DraftState = 'loading' | 'saving' | 'saved' | 'failed';

interface DraftHandle<T> {
  value: T | null;
  /** True when the answers came from a draft saved earlier (not from the case or a blank form). */
  restored: boolean;
  state: DraftState;
  error: string | null;
  set(next: T): void;
  /** Saves now (before moving on). */
  flush(): Promise<void>;
  /** Forgets the draft (after the answers were saved for real, or the user starts again). */
  discard(): Promise<void>;
  /** Shows these answers without saving them as a draft (after `discard`, to start again). */
  replace(next: T): void;
}

const SAVE_AFTER_MS = 250;

export function useDraft<T>(
  key: string,
  start: () => Promise<T>,
  read: (stored: unknown) => T,
): DraftHandle<T> {
  const [value, setValue] = useState<T | null>(null);
  const [restored, setRestored] = useState(false);
  const [state, setState] = useState<DraftState>('loading');
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<{ value: T; timer: ReturnType<typeof setTimeout> } | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef({ start, read });
  useEffect(() => {
    latest.current = { start, read };
  });

  useEffect(() => {
    let live = true;
    call('drafts.get', { key })
      .then(async (stored) => {
        if (stored) return { value: latest.current.read(stored.value), restored: true };
        return { value: await latest.current.start(), restored: false };
      })
      .then(
        (loaded) => {
          if (!live) return;
          setValue(loaded.value);
          setRestored(loaded.restored);
          setState('saved');
        },
        (e: unknown) => {
          if (!live) return;
          setError(errorMessage(e));
          setState('failed');
        },
      );
    return () => {
      live = false;
    };
  }, [key]);

  const save = useCallback(
    (next: T): Promise<void> => {
      // One save at a time, in order, so an older answer never overwrites a newer one.
      saving.current = saving.current.then(() =>
        call('drafts.save', { key, value: next }).then(
          () => {
            if (!pending.current) setState('saved');
          },
          (e: unknown) => {
            setError(errorMessage(e));
            setState('failed');
          },
        ),
      );
      return saving.current;
    },
    [key],
  );

  const flush = useCallback(async () => {
    const waiting = pending.current;
    if (waiting) {
      clearTimeout(waiting.timer);
      pending.current = null;
      await save(waiting.value);
    } else await saving.current;
  }, [save]);

  const set = useCallback(
    (next: T) => {
      setValue(next);
      setState('saving');
      if (pending.current) clearTimeout(pending.current.timer);
      const timer = setTimeout(() => {
        pending.current = null;
        void save(next);
      }, SAVE_AFTER_MS);
      pending.current = { value: next, timer };
    },
    [save],
  );

  const discard = useCallback(async () => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    await saving.current;
    await call('drafts.remove', { key });
  }, [key]);

  // Leaving the screen (or the page) saves what is waiting.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  const replace = useCallback((next: T) => {
    setValue(next);
    setRestored(false);
    setState('saved');
  }, []);

  return { value, restored, state, error, set, flush, discard, replace };
}
