/**
 * The GOV.UK error summary: "There is a problem" at the top of the form, one link per problem to the
 * field it is about. It takes focus when it appears (so a screen reader reads it at once) and the window
 * title starts with "Error:". Links move focus to the field by hand, because the part of the address
 * after # is the screen's address here.
 */
import { useEffect, useRef } from 'react';

export interface FieldProblem {
  /** The id of the input to move to (for a group of radios or a date, its first input). */
  fieldId: string;
  message: string;
  /** When the field is on another screen (a check-your-answers page): that screen's address. */
  href?: string;
}

function focusField(fieldId: string): void {
  const field = document.getElementById(fieldId);
  if (!field) return;
  // Show the question with its input: the legend or label sits above the input.
  const around = field.closest('fieldset') ?? field.closest('.field') ?? field;
  around.scrollIntoView({ block: 'start' });
  field.focus({ preventScroll: true });
}

export function ErrorSummary(props: { problems: FieldProblem[]; title?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const count = props.problems.length;
  const key = props.problems.map((p) => `${p.fieldId}:${p.message}`).join('|');

  useEffect(() => {
    if (count === 0) return;
    box.current?.focus();
    if (!document.title.startsWith('Error: ')) document.title = `Error: ${document.title}`;
    return () => {
      if (document.title.startsWith('Error: ')) document.title = document.title.slice('Error: '.length);
    };
  }, [key, count]);

  if (count === 0) return null;
  return (
    <div
      className="error-summary"
      ref={box}
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      data-testid="error-summary"
    >
      <h2 className="error-summary-title" id="error-summary-title">
        {props.title ?? 'There is a problem'}
      </h2>
      <ul className="error-summary-list">
        {props.problems.map((p) => (
          <li key={`${p.fieldId}-${p.message}`}>
            <a
              href={p.href ?? `#${p.fieldId}`}
              onClick={(event) => {
                if (p.href) return;
                event.preventDefault();
                focusField(p.fieldId);
              }}
            >
              {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
