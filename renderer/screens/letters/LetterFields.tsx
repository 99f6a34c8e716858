/**
 * A letter template's questions as form fields, whatever the template: the template says each fact's
 * type (text, date, choice, paragraphs, list, records of items), question and help; this draws them.
 */
import { Radios, Select, TextArea, TextField } from '../../components/Form';
import type { LetterField } from '../../../shared/domain/types';

export type EditorValue = string | EditorRecord[];
export interface EditorRecord {
  [name: string]: EditorValue;
}

/** A prefilled or saved value, as the form edits it: text for text-like facts, items for records. */
export function toEditorValue(def: LetterField, value: unknown): EditorValue {
  if (def.type === 'records') {
    if (!Array.isArray(value)) return [];
    return value.map((item) => toEditorRecord(def.itemFields ?? [], item as Record<string, unknown>));
  }
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(def.type === 'paragraphs' ? '\n\n' : '\n');
  return String(value);
}

export function toEditorRecord(
  defs: LetterField[],
  values: Record<string, unknown> | undefined,
): EditorRecord {
  return Object.fromEntries(defs.map((d) => [d.name, toEditorValue(d, values?.[d.name])]));
}

function isFilled(value: EditorValue): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value.length > 0;
}

export function FieldEditor(props: {
  def: LetterField;
  value: EditorValue;
  onChange: (value: EditorValue) => void;
  prefilled?: boolean;
  missing?: boolean;
  depth?: number;
}) {
  const { def, value } = props;
  const label = (
    <>
      {def.question}
      {def.required ? null : <span className="muted"> (if you want)</span>}
    </>
  );
  const hint =
    [def.help, props.prefilled && isFilled(value) ? 'Filled in from your case. You can change it here.' : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const error = props.missing ? 'The letter needs this.' : undefined;
  const text = typeof value === 'string' ? value : '';

  switch (def.type) {
    case 'text':
      return <TextField label={label} hint={hint} error={error} value={text} onChange={props.onChange} />;
    case 'date':
      return (
        <TextField
          type="date"
          label={label}
          hint={hint}
          error={error}
          value={text}
          onChange={props.onChange}
        />
      );
    case 'paragraphs':
      return (
        <TextArea
          label={label}
          hint={[hint, 'Leave an empty line between paragraphs.'].filter(Boolean).join(' ')}
          error={error}
          value={text}
          onChange={props.onChange}
        />
      );
    case 'list':
      return (
        <TextArea
          label={label}
          hint={[hint, 'One on each line.'].filter(Boolean).join(' ')}
          error={error}
          rows={4}
          value={text}
          onChange={props.onChange}
        />
      );
    case 'choice': {
      const options = def.options ?? [];
      if (options.length > 6) {
        return (
          <Select
            label={label}
            hint={hint}
            error={error}
            value={text}
            options={[{ value: '', label: 'Choose one' }, ...options]}
            onChange={props.onChange}
          />
        );
      }
      return (
        <Radios
          name={def.name}
          label={label}
          hint={hint}
          error={error}
          choices={options}
          value={text || null}
          onChange={props.onChange}
        />
      );
    }
    case 'records':
      return (
        <RecordsEditor
          {...props}
          items={Array.isArray(value) ? value : []}
          label={label}
          hint={hint}
          error={error}
        />
      );
  }
}

function RecordsEditor(props: {
  def: LetterField;
  items: EditorRecord[];
  onChange: (value: EditorValue) => void;
  label: React.ReactNode;
  hint?: string;
  error?: string;
  depth?: number;
}) {
  const { def, items } = props;
  const itemDefs = def.itemFields ?? [];
  const depth = props.depth ?? 0;
  const set = (index: number, name: string, v: EditorValue) =>
    props.onChange(items.map((item, i) => (i === index ? { ...item, [name]: v } : item)));
  return (
    <fieldset className="field panel" data-field={def.name}>
      <legend className="label">{props.label}</legend>
      {props.hint ? <div className="hint">{props.hint}</div> : null}
      {props.error ? <div className="field-error">{props.error}</div> : null}
      {items.length === 0 ? <p className="muted">None yet.</p> : null}
      {items.map((item, index) => (
        <fieldset className="field summary-group" key={index}>
          <legend className="label">
            {def.label}: number {index + 1}
          </legend>
          {itemDefs.map((d) => (
            <FieldEditor
              key={d.name}
              def={d}
              value={item[d.name] ?? toEditorValue(d, undefined)}
              onChange={(v) => set(index, d.name, v)}
              depth={depth + 1}
            />
          ))}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => props.onChange(items.filter((_, i) => i !== index))}
          >
            Remove number {index + 1}
            <span className="visually-hidden"> from {def.label.toLowerCase()}</span>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => props.onChange([...items, toEditorRecord(itemDefs, undefined)])}
      >
        Add {items.length === 0 ? 'one' : 'another'}
        <span className="visually-hidden"> to {def.label.toLowerCase()}</span>
      </button>
    </fieldset>
  );
}
