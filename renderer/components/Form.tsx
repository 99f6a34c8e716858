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

/**
 * Shown in this order under the label: the hint, then an error, then a warning (the last two said as such
 * to screen readers).
 */
const MESSAGE_KINDS = [
  { key: 'hint', className: 'hint', said: null },
  { key: 'error', className: 'field-error', said: 'Error: ' },
  { key: 'warning', className: 'field-warning', said: 'Warning: ' },
] as const;

function Messages(props: { id: string } & FieldText) {
  return (
    <>
      {MESSAGE_KINDS.map(({ key, className, said }) =>
        props[key] ? (
          <div key={key} id={`${props.id}-${key}`} className={className}>
            {said ? <span className="visually-hidden">{said}</span> : null}
            {props[key]}
          </div>
        ) : null,
      )}
    </>
  );
}

const fieldClass = (f: FieldText) => `field${f.error ? ' field-has-error' : ''}`;
const labelClass = (f: FieldText) => (f.asQuestion ? 'label label-question' : 'label');

/** One input (text, text area, select) under its label and messages. */
function LabelledField(props: FieldText & { id: string; labelClassName?: string; children: ReactNode }) {
  return (
    <div className={fieldClass(props)}>
      <label htmlFor={props.id} className={props.labelClassName ?? labelClass(props)}>
        {props.label}
      </label>
      <Messages {...props} />
      {props.children}
    </div>
  );
}

/** Radios or checkboxes: the question as the legend, its messages, then the choices. */
function ChoiceFieldset(props: FieldText & { id: string; inline?: boolean; children: ReactNode }) {
  return (
    <fieldset className={fieldClass(props)} aria-describedby={describedBy(props.id, props)}>
      <legend className={labelClass(props)}>{props.label}</legend>
      <Messages {...props} />
      <div className={props.inline ? 'choices choices-inline' : 'choices'}>{props.children}</div>
    </fieldset>
  );
}

/** The id of a choice's hint, when it has one (its input is described by it). */
const choiceHintId = (choiceId: string, hint: ReactNode) => (hint ? `${choiceId}-hint` : undefined);

/** One radio or checkbox (the input given as children) with its label and hint. */
function ChoiceRow(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={props.className ?? 'choice'}>
      {props.children}
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <div id={`${props.id}-hint`} className="hint choice-hint">
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}

/** The first choice carries the field's own id, so an error summary can link to it. */
const choiceIdOf = (id: string, index: number, value: string) => (index === 0 ? id : `${id}-${value}`);

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
    <LabelledField {...props} id={id}>
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
    </LabelledField>
  );
}

export function TextArea(
  props: FieldText & { value: string; onChange: (value: string) => void; rows?: number },
) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <LabelledField {...props} id={id}>
      <textarea
        id={id}
        className="input input-full"
        rows={props.rows ?? 5}
        value={props.value}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </LabelledField>
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
    <ChoiceFieldset {...props} id={id}>
      {props.choices.map((choice, index) => {
        const choiceId = choiceIdOf(id, index, choice.value);
        return (
          <ChoiceRow key={choice.value} id={choiceId} label={choice.label} hint={choice.hint}>
            <input
              type="radio"
              id={choiceId}
              name={`${props.name}-${id}`}
              value={choice.value}
              checked={props.value === choice.value}
              aria-describedby={choiceHintId(choiceId, choice.hint)}
              onChange={() => props.onChange(choice.value)}
            />
          </ChoiceRow>
        );
      })}
    </ChoiceFieldset>
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
    <ChoiceFieldset {...props} id={id}>
      {props.choices.map((choice, index) => {
        const choiceId = choiceIdOf(id, index, choice.value);
        const checked = props.values.includes(choice.value);
        return (
          <ChoiceRow key={choice.value} id={choiceId} label={choice.label} hint={choice.hint}>
            <input
              type="checkbox"
              id={choiceId}
              checked={checked}
              aria-describedby={choiceHintId(choiceId, choice.hint)}
              onChange={() =>
                props.onChange(
                  checked ? props.values.filter((v) => v !== choice.value) : [...props.values, choice.value],
                )
              }
            />
          </ChoiceRow>
        );
      })}
    </ChoiceFieldset>
  );
}

export function Select<V extends string>(
  props: FieldText & { value: V; options: { value: V; label: string }[]; onChange: (value: V) => void },
) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <LabelledField {...props} id={id} labelClassName="label">
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
    </LabelledField>
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
    <ChoiceRow id={id} label={props.label} hint={props.hint} className="choice choice-single">
      <input
        type="checkbox"
        id={id}
        checked={props.checked}
        aria-describedby={choiceHintId(id, props.hint)}
        onChange={(e) => props.onChange(e.target.checked)}
      />
    </ChoiceRow>
  );
}
