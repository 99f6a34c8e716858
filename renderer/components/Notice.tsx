import type { ReactNode } from 'react';

/** Something went wrong: read out at once. */
export function ErrorNotice(props: { title?: string; children: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      {props.title ? <h2 className="notice-title">{props.title}</h2> : null}
      <div>{props.children}</div>
    </div>
  );
}

/** A soft warning: the user can carry on. */
export function Warning(props: { children: ReactNode; id?: string }) {
  return (
    <div className="notice notice-warning" id={props.id}>
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      <strong className="visually-hidden">Warning: </strong>
      <div>{props.children}</div>
    </div>
  );
}

export function Success(props: { title?: string; children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {props.title ? <h2 className="notice-title">{props.title}</h2> : null}
      <div>{props.children}</div>
    </div>
  );
}

export function Help(props: { title?: string; children: ReactNode }) {
  return (
    <aside className="help" aria-label={props.title ?? 'Help'}>
      <h2 className="help-title">{props.title ?? 'Help'}</h2>
      {props.children}
    </aside>
  );
}

/** A screen's errors (loading, saving), each shown once however many places report it. */
export function Errors(props: { errors: (string | null | undefined)[] }) {
  const unique = [...new Set(props.errors.filter((e): e is string => Boolean(e)))];
  return (
    <>
      {unique.map((e) => (
        <ErrorNotice key={e}>{e}</ErrorNotice>
      ))}
    </>
  );
}
