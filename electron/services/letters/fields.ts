/**
 * The facts a template asks for: one definition gives the screen its question (LetterField) and the
 * service its zod schema, so the two cannot drift apart. Missing facts are reported by field name.
 */
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { formatCount, LIMITS } from '../../../shared/limits';
import { IsoDate } from '../../../shared/domain/case';
import { type LetterField } from '../../../shared/domain/letters';
import { applicableFacts, fieldApplies } from '../../../shared/letters/guide';

export interface FieldDef extends LetterField {
  itemFields?: FieldDef[];
}

type Common = Pick<LetterField, 'label' | 'question' | 'help' | 'prefillFrom' | 'when' | 'usualMost'> & {
  required?: boolean;
};

const applies = fieldApplies;

/** Other words for a field's question (a claim's terms instead of an appeal's). */
export type FieldWording = Partial<Pick<LetterField, 'label' | 'question' | 'help' | 'prefillFrom'>> & {
  /** New labels for a choice's options, by value (the values themselves never change). */
  optionLabels?: Record<string, string>;
};

/** The fields with some of their questions worded differently; names, types and rules unchanged. */
export function reworded(defs: FieldDef[], wording: Record<string, FieldWording> | undefined): FieldDef[] {
  if (!wording) return defs;
  return defs.map((d) => {
    const w = wording[d.name];
    if (!w) return d;
    const { optionLabels, ...words } = w;
    const options = optionLabels
      ? d.options?.map((o) => ({ ...o, label: optionLabels[o.value] ?? o.label }))
      : d.options;
    return { ...d, ...words, ...(options ? { options } : {}) };
  });
}

export const field = {
  text: (name: string, o: Common): FieldDef => ({ name, type: 'text', required: o.required ?? true, ...o }),
  paragraphs: (name: string, o: Common): FieldDef => ({
    name,
    type: 'paragraphs',
    required: o.required ?? true,
    ...o,
  }),
  date: (name: string, o: Common): FieldDef => ({ name, type: 'date', required: o.required ?? true, ...o }),
  choice: (name: string, options: { value: string; label: string }[], o: Common): FieldDef => ({
    name,
    type: 'choice',
    options,
    required: o.required ?? true,
    ...o,
  }),
  list: (name: string, o: Common): FieldDef => ({ name, type: 'list', required: o.required ?? true, ...o }),
  records: (name: string, itemFields: FieldDef[], o: Common): FieldDef => ({
    name,
    type: 'records',
    itemFields,
    required: o.required ?? true,
    ...o,
  }),
};

/** Blank: nothing a letter could use. */
function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  return false;
}

const splitParagraphs = (s: string) =>
  s
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
const splitLines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** Strings, and numbers written as text ("150 pages" or 150). */
const Text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

function schemaFor(def: FieldDef): z.ZodTypeAny {
  let schema: z.ZodTypeAny;
  switch (def.type) {
    case 'text':
      schema = Text;
      break;
    case 'date':
      schema = z.string().trim().pipe(IsoDate);
      break;
    case 'choice':
      schema = z.enum(def.options!.map((o) => o.value) as [string, ...string[]], {
        error: `Choose one of: ${def.options!.map((o) => o.value).join(', ')}.`,
      });
      break;
    case 'paragraphs':
      schema = z
        .union([z.string(), z.array(z.string())])
        .transform((v) => (Array.isArray(v) ? v.flatMap(splitParagraphs) : splitParagraphs(v)));
      break;
    case 'list':
      schema = z
        .union([z.string(), z.array(Text)])
        .transform((v) => (Array.isArray(v) ? v.map((s) => s.trim()).filter(Boolean) : splitLines(v)));
      break;
    case 'records':
      schema = z.array(objectSchema(def.itemFields ?? []));
      break;
  }
  // Blank optional facts are left out, so "" and a missing value make the same letter. A fact asked only
  // in some cases (`when`) is checked as required by missingFacts, where its siblings are known.
  return def.required && !def.when
    ? schema
    : z.preprocess((v) => (isBlank(v) ? undefined : v), schema.optional());
}

function objectSchema(defs: FieldDef[]) {
  return z.object(Object.fromEntries(defs.map((d) => [d.name, schemaFor(d)])));
}

export interface FactProblem {
  /** Field path, e.g. "childName" or "recommendations[2].reasons": for programs (the CLI's --field). */
  field: string;
  label: string;
  message?: string;
  /** Where, as the form names it: "Recommendations and your decisions, number 2: Reasons for not following it". */
  where?: string;
}

/**
 * A field path in the words the form uses: each fact's label, and "number N" for an item in a table.
 * Null when the path does not name a fact of these definitions.
 */
function describePath(defs: FieldDef[], path: string, leafLabel?: string): string | null {
  const parts: string[] = [];
  let list: FieldDef[] | undefined = defs;
  const steps = path.split('.');
  for (const [i, step] of steps.entries()) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(step);
    const def: FieldDef | undefined = m ? list?.find((d) => d.name === m[1]) : undefined;
    if (!m || !def) return null;
    const numbers = [...m[2].matchAll(/\[(\d+)\]/g)].map((n) => n[1]);
    const label = i === steps.length - 1 && leafLabel ? leafLabel : def.label;
    parts.push(numbers.length ? `${label}, number ${numbers.join('.')}` : label);
    list = def.itemFields;
  }
  return parts.join(': ');
}

/** Required facts that are blank (of those that apply), walking into records. */
export function missingFacts(defs: FieldDef[], values: Record<string, unknown>, prefix = ''): FactProblem[] {
  const out: FactProblem[] = [];
  for (const def of defs) {
    const value = values?.[def.name];
    const path = `${prefix}${def.name}`;
    if (!applies(def, values)) continue;
    if (def.required && isBlank(value)) {
      out.push({ field: path, label: def.label });
      continue;
    }
    if (def.type === 'records' && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item && typeof item === 'object')
          out.push(
            ...missingFacts(def.itemFields ?? [], item as Record<string, unknown>, `${path}[${i + 1}].`),
          );
      });
    }
  }
  return out;
}

function pathText(path: PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part + 1}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}

/** The problems as the form names the facts ("Named officer; Steps you will take: say what …"). */
function describeProblems(problems: FactProblem[]): string {
  return problems.map((p) => `${p.where ?? p.label}${p.message ? ` (${p.message})` : ''}`).join('; ');
}

/** The problems by the names programs use (--field KEY), with the form's name beside each. */
export function describeProblemKeys(problems: FactProblem[]): string {
  return problems.map((p) => `${p.field} (${p.label}${p.message ? `: ${p.message}` : ''})`).join('; ');
}

function located(defs: FieldDef[], problems: FactProblem[]): FactProblem[] {
  return problems.map((p) => ({ ...p, where: describePath(defs, p.field, p.label) ?? p.label }));
}

/** The characters of every piece of text among `value`'s facts, counted until past `limit`. */
function factCharacters(value: unknown, limit: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count <= limit) {
    const next = pending.pop();
    if (typeof next === 'string') count += next.length;
    else if (Array.isArray(next)) for (const item of next as unknown[]) pending.push(item);
    else if (next && typeof next === 'object')
      for (const [key, item] of Object.entries(next as Record<string, unknown>)) pending.push(key, item);
  }
  return count;
}

/**
 * Checks a letter's facts: first what is missing (by name), then what is there but not usable
 * (a date that does not exist, a choice not on the list). Throws one ApiError naming every problem.
 */
export function validateFacts<T>(
  templateLabel: string,
  defs: FieldDef[],
  values: Record<string, unknown>,
  extraChecks: (parsed: T) => FactProblem[] = () => [],
): T {
  if (factCharacters(values, LIMITS.letterCharacters) > LIMITS.letterCharacters)
    throw new ApiError(
      'invalid-input',
      `The facts for “${templateLabel}” come to more than ${formatCount(LIMITS.letterCharacters)} characters (about 400 pages), more than one letter may hold. Keep the letter to what the tribunal needs to read, and add long evidence as documents of their own.`,
    );
  // A fact that does not apply (reasons for not following, when following) is not used, even if given.
  values = applicableFacts(defs, values);
  const missing = located(defs, missingFacts(defs, values));
  if (missing.length > 0) {
    throw new ApiError(
      'invalid-input',
      `“${templateLabel}” needs these facts before it can be made: ${describeProblems(missing)}.`,
      { missing },
    );
  }
  const parsed = objectSchema(defs).safeParse(values);
  if (!parsed.success) {
    const labels = new Map<string, string>();
    const collect = (list: FieldDef[], prefix: string) => {
      for (const d of list) {
        labels.set(prefix + d.name, d.label);
        if (d.itemFields) collect(d.itemFields, `${prefix}${d.name}.`);
      }
    };
    collect(defs, '');
    const invalid = located(
      defs,
      parsed.error.issues.map((issue) => {
        const field = pathText(issue.path);
        const key = issue.path.filter((p) => typeof p === 'string').join('.');
        return { field, label: labels.get(key) ?? field, message: issue.message };
      }),
    );
    throw new ApiError(
      'invalid-input',
      `Some facts for “${templateLabel}” cannot be used: ${describeProblems(invalid)}.`,
      { invalid },
    );
  }
  const value = parsed.data as T;
  const more = located(defs, extraChecks(value));
  if (more.length > 0) {
    throw new ApiError(
      'invalid-input',
      `“${templateLabel}” needs these facts before it can be made: ${describeProblems(more)}.`,
      { missing: more },
    );
  }
  return value;
}

/** The screen's view of a field: the definition without anything the renderer does not need. */
export function publicField(def: FieldDef): LetterField {
  const { itemFields, ...rest } = def;
  return itemFields ? { ...rest, itemFields: itemFields.map(publicField) } : rest;
}
