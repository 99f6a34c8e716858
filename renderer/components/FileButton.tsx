import { useRef, type ReactNode } from 'react';

/**
 * A button that opens the file chooser. The file input itself is hidden from sight and from the keyboard:
 * the button is what people reach. The input is cleared after each choice, so the same file can be chosen
 * again.
 */
export function FileButton(props: {
  /** The input's id (tests give it files directly). */
  id: string;
  accept: string;
  multiple?: boolean;
  className?: string;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
  children: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        id={props.id}
        type="file"
        multiple={props.multiple}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={props.accept}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          props.onFiles(files);
        }}
      />
      <button
        type="button"
        className={props.className ?? 'button'}
        disabled={props.disabled}
        onClick={() => input.current?.click()}
      >
        {props.children}
      </button>
    </>
  );
}
