/**
 * Letters: the templates' questions, prefilled facts, and the letters made.
 */
import { z } from 'zod';

const LETTER_FORMATS = ['docx', 'pdf'] as const;
export const LetterFormat = z.enum(LETTER_FORMATS);
export type LetterFormat = z.infer<typeof LetterFormat>;

/**
 * How a letter's fact is asked for. text: one line; paragraphs: one or more paragraphs (a string with
 * blank lines, or an array); date: YYYY-MM-DD; choice: one of `options`; list: several short lines;
 * records: a table of items, each with `itemFields`.
 */
type LetterFieldType = 'text' | 'paragraphs' | 'date' | 'choice' | 'list' | 'records';

export interface LetterField {
  name: string;
  label: string;
  /** The plain-English question a screen asks for this fact. */
  question: string;
  help?: string;
  type: LetterFieldType;
  required: boolean;
  options?: { value: string; label: string }[];
  itemFields?: LetterField[];
  /** Which case fact fills this in, when there is one (e.g. "case: child's name"). */
  prefillFrom?: string;
  /**
   * Asked (and required, when `required`) only when another fact beside it has one of these values: the
   * steps you will take only when you follow a recommendation.
   */
  when?: { field: string; in: string[] };
  /**
   * For a table of items: more than `count` of them is allowed only with the tribunal's permission (more
   * witnesses than the usual number, say). The letter can still be made; `advice` says what to do.
   */
  usualMost?: { count: number; items: string; advice: string };
}

export interface LetterTemplateInfo {
  id: string;
  label: string;
  description: string;
  /** Who usually writes it. */
  writer: 'parent' | 'la' | 'health-commissioner' | 'social-care-commissioner';
  /** The kinds of case it is for: "send" (an appeal), "dd" (a disability discrimination claim), or both. */
  proceedings: ('send' | 'dd')[];
  fields: LetterField[];
}

export interface LetterPrefill {
  template: string;
  /** Values found in the case, by field name. */
  fields: Record<string, unknown>;
  /** Required facts still missing after prefilling, by field name. */
  missing: string[];
}

export interface LetterFile {
  format: LetterFormat;
  /** Absolute path of the generated file. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface LetterRecord {
  id: number;
  caseId: number;
  template: string;
  /** The facts the letter was made from, exactly: making it again from them gives the same files. */
  fields: Record<string, unknown>;
  createdAt: string;
  files: LetterFile[];
  /** What the user should know about the letter: more witnesses than the tribunal allows without permission. */
  notes: string[];
  /** What the user should know about its PDF: letters the PDF's font cannot print. */
  pdfNotes: string[];
}
