/**
 * A letter's questions as short guided pages: which facts are asked (a fact with `when` only when the
 * fact beside it has one of the listed values), how they are split into pages, and what is still missing
 * on a page, named the way the form names it. The service checks the same rules when the letter is made.
 */
import type { LetterField, LetterTemplateInfo } from '../domain/letters';

/** Whether a fact is asked at all, given the facts beside it (LetterField.when). */
export function fieldApplies(
  def: Pick<LetterField, 'when'>,
  siblings: Record<string, unknown> | undefined,
): boolean {
  if (!def.when) return true;
  const value = siblings?.[def.when.field];
  return typeof value === 'string' && def.when.in.includes(value);
}

/** The facts without those that do not apply (their answers are not used, even if typed earlier). */
export function applicableFacts(
  defs: LetterField[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (!(def.name in values) || !fieldApplies(def, values)) continue;
    const value = values[def.name];
    out[def.name] =
      def.type === 'records' && Array.isArray(value)
        ? value.map((item: unknown) =>
            item && typeof item === 'object'
              ? applicableFacts(def.itemFields ?? [], item as Record<string, unknown>)
              : item,
          )
        : value;
  }
  return out;
}

interface LetterPage {
  /** `page-1`, `page-2`…: the page's part of the screen's address. */
  id: string;
  fields: LetterField[];
}

/** At most this many questions on one page; a table of items (records) always has a page to itself. */
const QUESTIONS_PER_PAGE = 4;

export function letterPages(template: Pick<LetterTemplateInfo, 'fields'>): LetterPage[] {
  const pages: LetterField[][] = [];
  let current: LetterField[] = [];
  const close = () => {
    if (current.length) pages.push(current);
    current = [];
  };
  for (const field of template.fields) {
    if (field.type === 'records') {
      close();
      pages.push([field]);
    } else {
      current.push(field);
      if (current.length >= QUESTIONS_PER_PAGE) close();
    }
  }
  close();
  return pages.map((fields, i) => ({ id: `page-${i + 1}`, fields }));
}

/** The page a top-level fact is asked on. */
export function pageOfField(pages: LetterPage[], name: string): LetterPage | undefined {
  return pages.find((p) => p.fields.some((f) => f.name === name));
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "Enter the named officer" / "Choose your decision" / "Add at least one: steps you will take". */
export function missingMessage(def: Pick<LetterField, 'type' | 'label'>): string {
  const label = lowerFirst(def.label);
  const what = /^(your|the|a|an|their|its|how|what|who|when|why|which)\b/i.test(label)
    ? label
    : `the ${label}`;
  switch (def.type) {
    case 'choice':
      return `Choose ${what}`;
    case 'records':
      return `Add at least one: ${label}`;
    default:
      return `Enter ${what}`;
  }
}

/**
 * What the user should know about their answers before sending the letter, though it can be made: a
 * table with more items than the tribunal allows without its permission (LetterField.usualMost).
 */
export function answerNotes(defs: LetterField[], values: Record<string, unknown>): string[] {
  const notes: string[] = [];
  for (const def of defs) {
    const value = values[def.name];
    if (!def.usualMost || !fieldApplies(def, values) || !Array.isArray(value)) continue;
    const { count, items, advice } = def.usualMost;
    if (value.length > count)
      notes.push(`${value.length} ${items} are listed; the usual limit is ${count}. ${advice}`);
  }
  return notes;
}
