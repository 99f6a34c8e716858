/** Names of drafts (answers not saved yet): one per guided screen. */
import { z } from 'zod';

/** `new-case`, `case:12:setup`, `case:12:letter:reasons-for-appeal`. */
export const DraftKey = z
  .string()
  .max(120)
  .regex(/^(new-case|case:[1-9]\d{0,14}:[a-z][a-z0-9-]{0,40}(:[a-z][a-z0-9-]{0,60})?)$/, 'Not a draft name.');

/** Drafts are answers to questions, never files: a generous limit on their JSON. */
export const DRAFT_MAX_CHARS = 500_000;

export function draftKey(caseId: number | null, screen: string, detail?: string): string {
  if (caseId === null) return 'new-case';
  return `case:${caseId}:${screen}${detail ? `:${detail}` : ''}`;
}

/** The case a draft belongs to (null for a case not made yet). */
export function draftCaseId(key: string): number | null {
  const m = /^case:(\d+):/.exec(key);
  return m ? Number(m[1]) : null;
}
