/**
 * Drafts: answers typed into a guided screen (setting up a case, a letter's questions) and not saved yet,
 * kept as the person types so that Back, a refresh, a second tab or closing the app loses nothing. One
 * draft per screen, named by a key: `new-case`, or `case:<id>:<screen>` (setup, letter:<template>).
 */
import { ApiError } from '../../shared/api/errors';
import { DRAFT_MAX_CHARS, draftCaseId } from '../../shared/api/drafts';
import type { Draft } from '../../shared/api/contract';
import { requireCase } from '../db/caseRecords';
import { DamagedColumnError, first, jsonColumn } from '../db/query';
import { DraftValueJson } from '../db/jsonColumns';
import type { DraftRow } from '../db/schema';
import type { ServiceContext } from './context';

export function createDraftService(ctx: ServiceContext) {
  const { db } = ctx;

  function caseOf(key: string): number | null {
    const caseId = draftCaseId(key);
    if (caseId !== null) requireCase(db, caseId);
    return caseId;
  }

  return {
    get(key: string): Draft | null {
      caseOf(key);
      const row = first<Pick<DraftRow, 'value' | 'updated_at'>>(
        db,
        'SELECT value, updated_at FROM drafts WHERE key = ?',
        key,
      );
      if (!row) return null;
      try {
        return {
          key,
          value: jsonColumn(DraftValueJson, row.value, 'drafts.value'),
          updatedAt: row.updated_at,
        };
      } catch (error) {
        if (error instanceof DamagedColumnError) return null;
        throw error;
      }
    },

    save(key: string, value: unknown): { key: string; updatedAt: string } {
      const caseId = caseOf(key);
      const text = JSON.stringify(value ?? null);
      if (text.length > DRAFT_MAX_CHARS)
        throw new ApiError('refused', 'These answers are too long to keep as a draft. Save them instead.');
      const updatedAt = ctx.clock().toISOString();
      db.prepare(
        `INSERT INTO drafts (key, case_id, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(key, caseId, text, updatedAt);
      return { key, updatedAt };
    },

    remove(key: string): { removed: boolean } {
      return { removed: db.prepare('DELETE FROM drafts WHERE key = ?').run(key).changes > 0 };
    },
  };
}
