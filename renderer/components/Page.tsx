import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Every screen starts here: one h1, the window title, and keyboard focus moved to the heading when the
 * screen opens, so screen-reader and keyboard users start at the top of the new screen.
 */
export function Page(props: { title: string; caption?: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} – SEND Bundle Builder`;
  }, [props.title]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <>
      {props.caption ? <p className="caption">{props.caption}</p> : null}
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </>
  );
}
