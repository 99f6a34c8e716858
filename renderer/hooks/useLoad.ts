import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a screen; `reload()` after a change. `deps` (plain values) decide when to load again.
 * The last data stays on screen while new data loads, so lists do not flicker.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [generation, setGeneration] = useState(0);
  const key = `${JSON.stringify(deps)}#${generation}`;
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: string | null }>({
    key: null,
    data: undefined,
    error: null,
  });
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });
  useEffect(() => {
    let live = true;
    latestLoad.current().then(
      (data) => live && setState({ key, data, error: null }),
      (error: unknown) => live && setState({ key, data: undefined, error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}
