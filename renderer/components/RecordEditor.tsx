/**
 * One list-and-edit block for a case's records (witnesses, recommendations, parties, orders): the list
 * (a table or one card per record), Add, Change and Remove, and a form drawn from a field list. Required
 * answers are checked here with an error summary linking to each field; the service checks again.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type FieldProblem } from './ErrorSummary';
import { Checkbox, Radios, Select, TextArea, TextField } from './Form';
import { DateInput, dateInputPartId } from './DateInput';
import { Errors } from './Notice';
import { notTooLong } from '../fieldChecks';
import type { Action } from '../hooks/useAction';
import { readDateEntry, type DateEntry } from '../../shared/dates/entry';

type KeysOf<F, V> = { [K in keyof F]: F[K] extends V ? K : never }[keyof F] & string;

interface FieldBase<F> {
  /** The question; a function when it depends on the answers so far ("Date of the order" or "of the notice"). */
  label: string | ((form: F) => string);
  hint?: string | ((form: F) => string | undefined);
  /** Asked only when this holds for the answers so far. */
  when?: (form: F) => boolean;
}

/** The answer as messages name it ("the language"); without it, the label less "(optional)". */
type Named = { what?: string };

/** One question of the form. `required` is the message when it is left empty ("Enter the name"). */
export type RecordField<F> =
  | (FieldBase<F> & Named & { kind: 'text'; name: KeysOf<F, string>; required?: string })
  | (FieldBase<F> & Named & { kind: 'textarea'; name: KeysOf<F, string>; required?: string; rows?: number })
  | (FieldBase<F> & {
      kind: 'date';
      name: KeysOf<F, DateEntry>;
      /** The date named in messages ("the date of the recommendation"). */
      what: string;
      required?: boolean;
    })
  | (FieldBase<F> & {
      kind: 'select' | 'radios';
      name: KeysOf<F, string>;
      options: { value: string; label: string }[] | ((form: F) => { value: string; label: string }[]);
      required?: string;
    })
  | (FieldBase<F> & { kind: 'checkbox'; name: KeysOf<F, boolean> });

type RecordDisplay<R> =
  | { kind: 'table'; caption: string; columns: { header: string; cell: (item: R) => ReactNode }[] }
  | { kind: 'cards'; heading: (item: R) => string; rows: (item: R) => { label: string; value: ReactNode }[] };

interface RecordEditorProps<R extends { id: number }, F, Fields> {
  /** "witness", "recommendation": used in "Add a witness", "Save witness". */
  noun: string;
  items: R[] | undefined;
  display: RecordDisplay<R>;
  fields: RecordField<F>[];
  toForm: (item: R | null) => F;
  /** The answers as the service takes them; `date(name)` is that date question's YYYY-MM-DD or null. */
  toFields: (form: F, date: (name: KeysOf<F, DateEntry>) => string | null) => Fields;
  save: (id: number | null, fields: Fields) => Promise<R>;
  remove: (item: R) => Promise<unknown>;
  /** How a record is named in buttons and messages ("Mrs Jane Obi", "this recommendation"). */
  describe: (item: R) => string;
  /** The screen's action runner: its error is shown once, above the list. */
  action: Action;
  loadError?: string | null;
  empty: string;
  /** Extra content in each card, after its rows. */
  extra?: (item: R) => ReactNode;
  /** The longest answer each text field takes, by name: the contract's limits (textLimitsOf). */
  limits?: Record<string, number>;
}

/** "Their job (optional)" → "Their job": how a message names a text answer. */
function whatOf<F>(field: FieldBase<F> & Named, form: F): string {
  if (field.what) return field.what.charAt(0).toUpperCase() + field.what.slice(1);
  const label = typeof field.label === 'function' ? field.label(form) : field.label;
  return label.replace(/\s*\(optional\)$/, '');
}

function fieldId(idPrefix: string, name: string): string {
  return `${idPrefix}-${name}`;
}

export function RecordEditor<R extends { id: number }, F extends object, Fields>(
  props: RecordEditorProps<R, F, Fields>,
) {
  const { action, display } = props;
  const [editing, setEditing] = useState<{ id: number | null; form: F } | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const idPrefix = `record-${props.noun.replace(/\W+/g, '-')}`;
  const items = props.items ?? [];

  function open(item: R | null) {
    setProblems([]);
    action.setError(null);
    setEditing({ id: item?.id ?? null, form: props.toForm(item) });
    // After React draws the form, start keyboard and screen-reader users at its heading.
    requestAnimationFrame(() => formHeading.current?.focus());
  }

  const set = (patch: Partial<F>) =>
    editing && setEditing({ ...editing, form: { ...editing.form, ...patch } });
  const asked = (f: RecordField<F>, form: F) => !f.when || f.when(form);

  function check(form: F): { problems: FieldProblem[]; dates: Map<string, string | null> } {
    const found: FieldProblem[] = [];
    const dates = new Map<string, string | null>();
    for (const f of props.fields) {
      if (!asked(f, form)) continue;
      const id = fieldId(idPrefix, f.name);
      if (f.kind === 'date') {
        const read = readDateEntry(form[f.name] as DateEntry, { what: f.what, required: f.required });
        if (read.ok) dates.set(f.name, read.iso);
        else found.push({ fieldId: dateInputPartId(id, read.parts[0]), message: read.message });
      } else if (f.kind !== 'checkbox') {
        const value = form[f.name] as string;
        const max = props.limits?.[f.name];
        if (f.required && !value.trim()) found.push({ fieldId: id, message: f.required });
        else if (max !== undefined) found.push(...notTooLong(value, id, whatOf(f, form), max));
      }
    }
    return { problems: found, dates };
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const { problems: found, dates } = check(editing.form);
    setProblems(found);
    if (found.length > 0) return;
    const fields = props.toFields(editing.form, (name) => dates.get(name) ?? null);
    const saved = await action.run(() => props.save(editing.id, fields), {
      announce: (r) => `Saved ${props.describe(r)}.`,
    });
    if (saved) setEditing(null);
  }

  async function remove(item: R) {
    if (!window.confirm(`Remove ${props.describe(item)}?`)) return;
    await action.run(() => props.remove(item), { announce: `Removed ${props.describe(item)}.` });
  }

  const problemFor = (name: string) => {
    const id = fieldId(idPrefix, name);
    return problems.find((p) => p.fieldId === id || p.fieldId.startsWith(`${id}-`))?.message;
  };

  function renderField(field: RecordField<F>, form: F) {
    const id = fieldId(idPrefix, field.name);
    const error = problemFor(field.name);
    // The question's words for the answers so far.
    const f = {
      ...field,
      label: typeof field.label === 'function' ? field.label(form) : field.label,
      hint: typeof field.hint === 'function' ? field.hint(form) : field.hint,
    } as RecordField<F> & { label: string; hint?: string };
    switch (f.kind) {
      case 'text':
        return (
          <TextField
            id={id}
            label={f.label}
            hint={f.hint}
            error={error}
            value={form[f.name] as string}
            onChange={(v) => set({ [f.name]: v } as Partial<F>)}
          />
        );
      case 'textarea':
        return (
          <TextArea
            id={id}
            label={f.label}
            hint={f.hint}
            error={error}
            rows={f.rows}
            value={form[f.name] as string}
            onChange={(v) => set({ [f.name]: v } as Partial<F>)}
          />
        );
      case 'date': {
        const read = error
          ? readDateEntry(form[f.name] as DateEntry, { what: f.what, required: f.required })
          : null;
        return (
          <DateInput
            id={id}
            label={f.label}
            hint={f.hint}
            error={error}
            errorParts={read && !read.ok ? read.parts : undefined}
            value={form[f.name] as DateEntry}
            onChange={(v) => set({ [f.name]: v } as Partial<F>)}
          />
        );
      }
      case 'select':
      case 'radios': {
        const options = typeof f.options === 'function' ? f.options(form) : f.options;
        const onChange = (v: string) => set({ [f.name]: v } as Partial<F>);
        return f.kind === 'select' ? (
          <Select
            id={id}
            label={f.label}
            hint={f.hint}
            error={error}
            options={options}
            value={form[f.name] as string}
            onChange={onChange}
          />
        ) : (
          <Radios
            id={id}
            name={f.name}
            label={f.label}
            hint={f.hint}
            error={error}
            choices={options}
            value={(form[f.name] as string) || null}
            onChange={onChange}
          />
        );
      }
      case 'checkbox':
        return (
          <Checkbox
            label={f.label}
            hint={f.hint}
            checked={form[f.name] as boolean}
            onChange={(v) => set({ [f.name]: v } as Partial<F>)}
          />
        );
    }
  }

  const buttons = (item: R) => (
    <div className="row-actions">
      <button type="button" className="button button-secondary button-small" onClick={() => open(item)}>
        Change<span className="visually-hidden"> {props.describe(item)}</span>
      </button>
      <button type="button" className="button button-secondary button-small" onClick={() => remove(item)}>
        Remove<span className="visually-hidden"> {props.describe(item)}</span>
      </button>
    </div>
  );

  return (
    <>
      <Errors errors={[props.loadError, editing ? null : action.error]} />
      {props.items && items.length === 0 ? <p>{props.empty}</p> : null}
      {items.length > 0 && display.kind === 'table' ? (
        <div className="table-wrap">
          <table>
            <caption>{display.caption}</caption>
            <thead>
              <tr>
                {display.columns.map((c) => (
                  <th scope="col" key={c.header}>
                    {c.header}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  {display.columns.map((c) => (
                    <td key={c.header}>{c.cell(item)}</td>
                  ))}
                  <td>{buttons(item)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {display.kind === 'cards'
        ? items.map((item) => (
            <section className="panel" key={item.id} aria-labelledby={`${idPrefix}-${item.id}`}>
              <h2 id={`${idPrefix}-${item.id}`}>{display.heading(item)}</h2>
              <dl className="summary-list">
                {display.rows(item).map((row) => (
                  <div className="summary-row" key={row.label}>
                    <dt>{row.label}</dt>
                    <dd>{row.value}</dd>
                  </div>
                ))}
              </dl>
              {props.extra?.(item)}
              {buttons(item)}
            </section>
          ))
        : null}
      {editing ? (
        <form className="panel" onSubmit={save} aria-labelledby={`${idPrefix}-form`} noValidate>
          <h2 id={`${idPrefix}-form`} ref={formHeading} tabIndex={-1}>
            {editing.id ? `Change a ${props.noun}` : `Add a ${props.noun}`}
          </h2>
          <ErrorSummary problems={problems} />
          <Errors errors={[action.error]} />
          {props.fields
            .filter((f) => asked(f, editing.form))
            .map((f) => (
              <div key={f.name}>{renderField(f, editing.form)}</div>
            ))}
          <div className="actions">
            <button type="submit" className="button" disabled={action.busy}>
              Save {props.noun}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setEditing(null);
                action.setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={() => open(null)}>
            Add a {props.noun}
          </button>
        </div>
      )}
    </>
  );
}
