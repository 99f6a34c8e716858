/**
 * The facts a template asks for: one definition gives the screen its question (LetterField) and the
 * service its zod schema, so the two cannot drift apart. Missing facts are reported by field name.
 */
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { IsoDate, type LetterField } from '../../../shared/domain/types';

export interface FieldDef extends LetterField {
  itemFields?: FieldDef[];
}

type Common = Pick<LetterField, 'label' | 'question' | 'help' | 'prefillFrom'> & { required?: boolean };

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
export function isBlank(value: unknown): boolean {
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
  // Blank optional facts are left out, so "" and a missing value make the same letter.
  return def.required ? schema : z.preprocess((v) => (isBlank(v) ? undefined : v), schema.optional());
}

export function objectSchema(defs: FieldDef[]) {
  return z.object(Object.fromEntries(defs.map((d) => [d.name, schemaFor(d)])));
}

export interface FactProblem {
  /** Field path, e.g. "childName" or "recommendations[2].reasons". */
  field: string;
  label: string;
  message?: string;
}

/** Required facts that are blank, walking into records. */
export function missingFacts(defs: FieldDef[], values: Record<string, unknown>, prefix = ''): FactProblem[] {
  const out: FactProblem[] = [];
  for (const def of defs) {
    const value = values?.[def.name];
    const path = `${prefix}${def.name}`;
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

export function describeProblems(problems: FactProblem[]): string {
  return problems.map((p) => `${p.field} (${p.label}${p.message ? `: ${p.message}` : ''})`).join('; ');
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
  const missing = missingFacts(defs, values);
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
    const invalid = parsed.error.issues.map((issue) => {
      const field = pathText(issue.path);
      const key = issue.path.filter((p) => typeof p === 'string').join('.');
      return { field, label: labels.get(key) ?? field, message: issue.message };
    });
    throw new ApiError(
      'invalid-input',
      `Some facts for “${templateLabel}” cannot be used: ${describeProblems(invalid)}.`,
      { invalid },
    );
  }
  const value = parsed.data as T;
  const more = extraChecks(value);
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
