/**
 * The GOV.UK date input: Day, Month and Year boxes in one fieldset. A whole date typed or pasted into any
 * box ("31/03/2026", "31 3 2026", "31 March 2026") fills all three; the month box takes names too. What is
 * typed is kept exactly (the form reads it with `readDateEntry`), so nothing is silently thrown away.
 */
import { useId, type ReactNode } from 'react';
import { updateDateEntry, type DateEntry, type DatePart } from '../../shared/dates/entry';

const PARTS: { part: DatePart; label: string; width: string; inputMode: 'numeric' | 'text' }[] = [
  { part: 'day', label: 'Day', width: 'date-part-2', inputMode: 'text' },
  { part: 'month', label: 'Month', width: 'date-part-month', inputMode: 'text' },
  { part: 'year', label: 'Year', width: 'date-part-4', inputMode: 'numeric' },
];

export function dateInputPartId(id: string, part: DatePart): string {
  return part === 'day' ? id : `${id}-${part}`;
}

export function DateInput(props: {
  /** The Day box's id (the error summary links here); Month and Year add -month and -year. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  warning?: ReactNode;
  error?: ReactNode;
  /** Boxes to mark as wrong (all of them when not given and there is an error). */
  errorParts?: DatePart[];
  value: DateEntry;
  onChange: (value: DateEntry) => void;
  asQuestion?: boolean;
  /** For a date of birth: the browser may offer the saved one. */
  autoCompletePrefix?: 'bday';
}) {
  const generated = useId();
  const id = props.id ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const warningId = `${id}-warning`;
  const describedBy =
    [props.hint ? hintId : '', props.error ? errorId : '', props.warning ? warningId : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const wrong = (part: DatePart) =>
    Boolean(props.error) && (props.errorParts === undefined || props.errorParts.includes(part));
  return (
    <fieldset
      className={`field date-input${props.error ? ' field-has-error' : ''}`}
      aria-describedby={describedBy}
      data-date-input={id}
    >
      <legend className={props.asQuestion ? 'label label-question' : 'label'}>{props.label}</legend>
      <div id={hintId} className="hint">
        {props.hint ? <>{props.hint} </> : null}
        For example, 31 3 2026.
      </div>
      {props.error ? (
        <div id={errorId} className="field-error">
          <span className="visually-hidden">Error: </span>
          {props.error}
        </div>
      ) : null}
      {props.warning ? (
        <div id={warningId} className="field-warning">
          <span className="visually-hidden">Warning: </span>
          {props.warning}
        </div>
      ) : null}
      <div className="date-parts">
        {PARTS.map(({ part, label, width, inputMode }) => {
          const partId = dateInputPartId(id, part);
          return (
            <div className="date-part" key={part}>
              <label className="date-part-label" htmlFor={partId}>
                {label}
              </label>
              <input
                id={partId}
                className={`input ${width}${wrong(part) ? ' input-error' : ''}`}
                type="text"
                inputMode={inputMode}
                spellCheck={false}
                autoComplete={
                  props.autoCompletePrefix
                    ? `${props.autoCompletePrefix}-${part === 'month' ? 'month' : part === 'day' ? 'day' : 'year'}`
                    : 'off'
                }
                value={props.value[part]}
                aria-invalid={wrong(part) ? true : undefined}
                onChange={(e) => props.onChange(updateDateEntry(props.value, part, e.target.value))}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
