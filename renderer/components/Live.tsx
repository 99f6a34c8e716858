import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

type Announce = (message: string) => void;
const AnnounceContext = createContext<Announce>(() => {});

/**
 * One polite live region for the whole app: screens call `announce("Moved … to position 2")` and screen
 * readers read it without moving focus.
 */
export function Announcer(props: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const toggle = useRef(false);
  const announce = useCallback<Announce>((text) => {
    // A different string each time (a zero-width space alternates) so a repeated message is read again.
    toggle.current = !toggle.current;
    setMessage(toggle.current ? text : `${text}\u200b`);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {props.children}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
