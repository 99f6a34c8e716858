/**
 * A letter template's questions as form fields, whatever the template: the template says each fact's
 * type (text, date, choice, paragraphs, list, records of items), question, help, whether it is needed, and
 * when it is asked at all; this draws them, keeps the answers in a form-friendly shape, checks a page's
 * answers and turns them back into the facts the letter service takes.
 */
import { DateInput, dateInputPartId } from '../../components/DateInput';
import type { FieldProblem } from '../../components/ErrorSummary';
import { Radios, Select, TextArea, TextField } from '../../components/Form';
import { formatDate } from '../../copy';
import {
  dateEntryFromIso,
  EMPTY_DATE_ENTRY,
  readDateEntry,
  type DateEntry,
} from '../../../shared/dates/entry';
import type { LetterField } from '../../../shared/domain/letters';
import { fieldApplies, missingMessage } from '../../../shared/letters/guide';

type EditorValue = string | DateEntry | EditorRecord[];
export interface EditorRecord {
  [name: string]: EditorValue;
}

function isDateEntry(value: unknown): value is DateEntry {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'day' in value;
}

/** A prefilled, saved or drafted value, as the form edits it. */
function toEditorValue(def: LetterField, value: unknown): EditorValue {
  if (def.type === 'records') {
    if (!Array.isArray(value)) return [];
    return value.map((item) => toEditorRecord(def.itemFields ?? [], item as Record<string, unknown>));
  }
  if (def.type === 'date') {
    if (isDateEntry(value))
      return {
        day: String(value.day ?? ''),
        month: String(value.month ?? ''),
        year: String(value.year ?? ''),
      };
    return typeof value === 'string' ? dateEntryFromIso(value) : EMPTY_DATE_ENTRY;
  }
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(def.type === 'paragraphs' ? '\n\n' : '\n');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Facts come from JSON: anything else is an object (never one this app keeps), shown as its JSON.
  return JSON.stringify(value);
}

export function toEditorRecord(
  defs: LetterField[],
  values: Record<string, unknown> | undefined,
): EditorRecord {
  return Object.fromEntries(defs.map((d) => [d.name, toEditorValue(d, values?.[d.name])]));
}

function isFilled(def: LetterField, value: EditorValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value.day.trim() || value.month.trim() || value.year.trim()) && def.type === 'date';
}

/** The facts to send: answers to questions that apply, dates as YYYY-MM-DD (a date that cannot be read as ''). */
export function toFacts(defs: LetterField[], values: EditorRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (!fieldApplies(def, values)) continue;
    const value = values[def.name];
    if (def.type === 'records') {
      out[def.name] = Array.isArray(value) ? value.map((item) => toFacts(def.itemFields ?? [], item)) : [];
    } else if (def.type === 'date') {
      const read = isDateEntry(value) ? readDateEntry(value, { what: def.label }) : null;
      out[def.name] = read?.ok ? (read.iso ?? '') : '';
    } else out[def.name] = typeof value === 'string' ? value : '';
  }
  return out;
}

/** The id of a fact's input (the first box of a date); `path` is like ["recommendations", 0, "steps"]. */
function fieldId(path: (string | number)[]): string {
  return `letter-${path.map((p) => (typeof p === 'number' ? String(p + 1) : p)).join('-')}`;
}

/**
 * What is missing or wrong in these answers (questions that apply only), walking into tables of items.
 * Each problem links to its input and is worded by the question's label.
 */
export function answerProblems(
  defs: LetterField[],
  values: EditorRecord,
  path: (string | number)[] = [],
  where = '',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const def of defs) {
    if (!fieldApplies(def, values)) continue;
    const value = values[def.name];
    const at = [...path, def.name];
    const id = fieldId(at);
    if (def.type === 'date' && isDateEntry(value)) {
      const read = readDateEntry(value, {
        what: `${where}${def.label.toLowerCase()}`,
        required: def.required,
      });
      if (!read.ok) problems.push({ fieldId: dateInputPartId(id, read.parts[0]), message: read.message });
      continue;
    }
    if (def.required && !isFilled(def, value)) {
      problems.push({ fieldId: id, message: `${where ? `${where}: ` : ''}${missingMessage(def)}` });
      continue;
    }
    if (def.type === 'records' && Array.isArray(value)) {
      value.forEach((item, i) =>
        problems.push(
          ...answerProblems(def.itemFields ?? [], item, [...at, i], `${def.label}, number ${i + 1}`),
        ),
      );
    }
  }
  return problems;
}

/** An answer as the check-your-answers page shows it. */
export function answerText(def: LetterField, value: EditorValue | undefined): string {
  if (value === undefined) return 'Not given';
  if (def.type === 'date' && isDateEntry(value)) {
    const read = readDateEntry(value, { what: def.label });
    return read.ok && read.iso ? formatDate(read.iso) : 'Not given';
  }
  if (def.type === 'choice' && typeof value === 'string')
    return def.options?.find((o) => o.value === value)?.label ?? 'Not given';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'None';
    return value
      .map((item, i) => {
        const first = (def.itemFields ?? [])[0];
        const summary = first ? answerText(first, item[first.name]) : '';
        return `${i + 1}. ${summary.length > 80 ? `${summary.slice(0, 79)}…` : summary}`;
      })
      .join('\n');
  }
  const text = typeof value === 'string' ? value.trim() : '';
  return text || 'Not given';
}

export function FieldEditor(props: {
  def: LetterField;
  value: EditorValue;
  onChange: (value: EditorValue) => void;
  /** Where this fact sits: ["officerEmail"], or inside a table ["recommendations", 0, "steps"]. */
  path: (string | number)[];
  prefilled?: boolean;
  error: (fieldId: string) => string | undefined;
}) {
  const { def, value } = props;
  const id = fieldId(props.path);
  // Honest about what is needed: a fact the letter can do without says so; a needed one does not.
  const label = (
    <>
      {def.question}
      {def.required ? null : <span className="muted"> (optional)</span>}
    </>
  );
  const hint =
    [
      def.help,
      props.prefilled && isFilled(def, value) ? 'Filled in from your case. You can change it here.' : '',
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  const error = props.error(id);
  const text = typeof value === 'string' ? value : '';

  switch (def.type) {
    case 'text':
      return (
        <TextField id={id} label={label} hint={hint} error={error} value={text} onChange={props.onChange} />
      );
    case 'date': {
      const entry = isDateEntry(value) ? value : EMPTY_DATE_ENTRY;
      const read = readDateEntry(entry, { what: def.label, required: def.required });
      const dateError = read.ok ? undefined : props.error(dateInputPartId(id, read.parts[0]));
      return (
        <DateInput
          id={id}
          label={label}
          hint={hint}
          error={dateError}
          errorParts={!read.ok ? read.parts : undefined}
          value={entry}
          onChange={props.onChange}
        />
      );
    }
    case 'paragraphs':
      return (
        <TextArea
          id={id}
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
          id={id}
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
            id={id}
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
          id={id}
          name={id}
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
          def={def}
          id={id}
          path={props.path}
          onChange={props.onChange}
          items={Array.isArray(value) ? value : []}
          label={label}
          hint={hint}
          error={error}
          errorFn={props.error}
        />
      );
  }
}

function RecordsEditor(props: {
  def: LetterField;
  id: string;
  items: EditorRecord[];
  onChange: (value: EditorValue) => void;
  path: (string | number)[];
  label: React.ReactNode;
  hint?: string;
  error?: string;
  errorFn: (fieldId: string) => string | undefined;
}) {
  const { def, items } = props;
  const itemDefs = def.itemFields ?? [];
  const set = (index: number, name: string, v: EditorValue) =>
    props.onChange(items.map((item, i) => (i === index ? { ...item, [name]: v } : item)));
  return (
    <fieldset className={`field panel${props.error ? ' field-has-error' : ''}`} data-field={def.name}>
      <legend className="label">{props.label}</legend>
      {props.hint ? <div className="hint">{props.hint}</div> : null}
      {props.error ? <div className="field-error">{props.error}</div> : null}
      {items.length === 0 ? <p className="muted">None yet.</p> : null}
      {items.map((item, index) => (
        <fieldset className="field summary-group" key={index}>
          <legend className="label">
            {def.label}: number {index + 1}
          </legend>
          {itemDefs
            .filter((d) => fieldApplies(d, item))
            .map((d) => (
              <FieldEditor
                key={d.name}
                def={d}
                path={[...props.path, index, d.name]}
                value={item[d.name] ?? toEditorValue(d, undefined)}
                onChange={(v) => set(index, d.name, v)}
                error={props.errorFn}
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
        id={props.id}
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
