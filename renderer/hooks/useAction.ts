import { useCallback, useState } from 'react';
import { errorMessage } from '../api';
import { useAnnounce } from '../components/Live';

export interface Action {
  /**
   * Runs one change (a save, a remove). A failure becomes `error`, in words for the user, and the result
   * is undefined; a success clears the error and, when `announce` is given, is read out.
   */
  run<T>(
    task: () => Promise<T>,
    options?: { announce?: string | ((value: T) => string) },
  ): Promise<T | undefined>;
  busy: boolean;
  error: string | null;
  setError(error: string | null): void;
}

/** One screen's changes: busy while one runs, and its last error, which the screen shows once. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();

  const run = useCallback(
    async <T>(
      task: () => Promise<T>,
      options: { announce?: string | ((value: T) => string) } = {},
    ): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const value = await task();
        const said = typeof options.announce === 'function' ? options.announce(value) : options.announce;
        if (said) announce(said);
        return value;
      } catch (e) {
        setError(errorMessage(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [announce],
  );
  return { run, busy, error, setError };
}
