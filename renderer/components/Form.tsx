/**
 * Form fields with their label, a hint and a soft warning tied to the input (aria-describedby), so a
 * screen reader reads the help with the question. Warnings never block: the user can always carry on.
 */
import { useId, type ReactNode } from 'react';

interface FieldText {
  /** The input's id (an error summary links to it); a generated one otherwise. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  warning?: ReactNode;
  error?: ReactNode;
  /** Show the label as the screen's question (large). */
  asQuestion?: boolean;
}

function describedBy(id: string, f: FieldText): string | undefined {
  const ids = [f.hint ? `${id}-hint` : '', f.warning ? `${id}-warning` : '', f.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

function Messages(props: { id: string } & FieldText) {
  return (
    <>
      {props.hint ? (
        <div id={`${props.id}-hint`} className="hint">
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <div id={`${props.id}-error`} className="field-error">
          <span className="visually-hidden">Error: </span>
          {props.error}
        </div>
      ) : null}
      {props.warning ? (
        <div id={`${props.id}-warning`} className="field-warning">
          <span className="visually-hidden">Warning: </span>
          {props.warning}
        </div>
      ) : null}
    </>
  );
}

export function TextField(
  props: FieldText & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'date' | 'email' | 'tel';
    width?: 'short' | 'medium' | 'full';
    autoComplete?: string;
    name?: string;
  },
) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <div className={`field${props.error ? ' field-has-error' : ''}`}>
      <label htmlFor={id} className={props.asQuestion ? 'label label-question' : 'label'}>
        {props.label}
      </label>
      <Messages id={id} {...props} />
      <input
        id={id}
        name={props.name}
        className={`input input-${props.width ?? (props.type === 'date' ? 'short' : 'full')}`}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete ?? 'off'}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function TextArea(
  props: FieldText & { value: string; onChange: (value: string) => void; rows?: number },
) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <div className={`field${props.error ? ' field-has-error' : ''}`}>
      <label htmlFor={id} className={props.asQuestion ? 'label label-question' : 'label'}>
        {props.label}
      </label>
      <Messages id={id} {...props} />
      <textarea
        id={id}
        className="input input-full"
        rows={props.rows ?? 5}
        value={props.value}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

interface Choice<V extends string> {
  value: V;
  label: ReactNode;
  hint?: ReactNode;
}

export function Radios<V extends string>(
  props: FieldText & {
    name: string;
    choices: Choice<V>[];
    value: V | null;
    onChange: (value: V) => void;
  },
) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <fieldset
      className={`field${props.error ? ' field-has-error' : ''}`}
      aria-describedby={describedBy(id, props)}
    >
      <legend className={props.asQuestion ? 'label label-question' : 'label'}>{props.label}</legend>
      <Messages id={id} {...props} />
      <div className="choices">
        {props.choices.map((choice, index) => {
          // The first choice carries the field's own id, so an error summary can link to it.
          const choiceId = index === 0 ? id : `${id}-${choice.value}`;
          return (
            <div className="choice" key={choice.value}>
              <input
                type="radio"
                id={choiceId}
                name={`${props.name}-${id}`}
                value={choice.value}
                checked={props.value === choice.value}
                aria-describedby={choice.hint ? `${choiceId}-hint` : undefined}
                onChange={() => props.onChange(choice.value)}
              />
              <label htmlFor={choiceId}>{choice.label}</label>
              {choice.hint ? (
                <div id={`${choiceId}-hint`} className="hint choice-hint">
                  {choice.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Checkboxes<V extends string>(
  props: FieldText & {
    choices: Choice<V>[];
    values: V[];
    onChange: (values: V[]) => void;
    inline?: boolean;
  },
) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <fieldset
      className={`field${props.error ? ' field-has-error' : ''}`}
      aria-describedby={describedBy(id, props)}
    >
      <legend className={props.asQuestion ? 'label label-question' : 'label'}>{props.label}</legend>
      <Messages id={id} {...props} />
      <div className={props.inline ? 'choices choices-inline' : 'choices'}>
        {props.choices.map((choice, index) => {
          const choiceId = index === 0 ? id : `${id}-${choice.value}`;
          const checked = props.values.includes(choice.value);
          return (
            <div className="choice" key={choice.value}>
              <input
                type="checkbox"
                id={choiceId}
                checked={checked}
                aria-describedby={choice.hint ? `${choiceId}-hint` : undefined}
                onChange={() =>
                  props.onChange(
                    checked
                      ? props.values.filter((v) => v !== choice.value)
                      : [...props.values, choice.value],
                  )
                }
              />
              <label htmlFor={choiceId}>{choice.label}</label>
              {choice.hint ? (
                <div id={`${choiceId}-hint`} className="hint choice-hint">
                  {choice.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Select<V extends string>(
  props: FieldText & { value: V; options: { value: V; label: string }[]; onChange: (value: V) => void },
) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <div className={`field${props.error ? ' field-has-error' : ''}`}>
      <label htmlFor={id} className="label">
        {props.label}
      </label>
      <Messages id={id} {...props} />
      <select
        id={id}
        className="input input-medium"
        value={props.value}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value as V)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox(props: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="choice choice-single">
      <input
        type="checkbox"
        id={id}
        checked={props.checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <div id={`${id}-hint`} className="hint choice-hint">
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}
