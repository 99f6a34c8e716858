/**
 * Extra pages the tribunal allowed for a part of the bundle (its permission on a SEND7 request, or its own
 * direction). One per part; the page meters and the bundle's compliance use it in place of the Practice
 * Direction's limit, and say where the larger limit came from.
 */
import { ApiError } from '../../shared/api/errors';
import type { PageAllowance, PageAllowanceFields } from '../../shared/domain/caseRecords';
import { packForAppealType, partLimit } from '../../shared/rules';
import { requireCase } from '../db/caseRecords';
import { all } from '../db/query';
import type { PageAllowanceRow } from '../db/schema';
import type { ServiceContext } from './context';

function allowanceFromRow(row: PageAllowanceRow): PageAllowance {
  return {
    id: row.id,
    caseId: row.case_id,
    partId: row.part_id,
    pages: row.pages,
    grantedDate: row.granted_date,
    basis: row.basis,
    notes: row.notes,
  };
}

export function createPageAllowanceService(ctx: ServiceContext) {
  const { db } = ctx;

  const caseOf = (caseId: number) => requireCase(db, caseId);

  function list(caseId: number): PageAllowance[] {
    caseOf(caseId);
    return all<PageAllowanceRow>(
      db,
      'SELECT * FROM page_allowances WHERE case_id = ? ORDER BY part_id',
      caseId,
    ).map(allowanceFromRow);
  }

  return {
    list,

    /** Records (or replaces) the pages allowed for one part of the bundle. */
    save(caseId: number, fields: PageAllowanceFields): PageAllowance {
      const c = caseOf(caseId);
      const pack = packForAppealType(c.appeal_type);
      const part = pack.parts.find((p) => p.id === fields.partId);
      if (!part)
        throw new ApiError(
          'invalid-input',
          `"${fields.partId}" is not a part of this bundle. The parts are: ${pack.parts.map((p) => p.id).join(', ')}.`,
        );
      const usual = partLimit(part, {
        appealType: c.appeal_type,
        extended: c.extended === 1,
        extendedHealth: c.extended_health === 1,
        extendedSocialCare: c.extended_social_care === 1,
      });
      if (usual !== null && fields.pages <= usual)
        throw new ApiError(
          'invalid-input',
          `The Practice Direction already allows ${usual} pages for ${part.label}: record a permission or direction only when it allows more.`,
        );
      db.prepare(
        `INSERT INTO page_allowances (case_id, part_id, pages, granted_date, basis, notes) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id, part_id) DO UPDATE SET pages = excluded.pages, granted_date = excluded.granted_date,
           basis = excluded.basis, notes = excluded.notes`,
      ).run(caseId, fields.partId, fields.pages, fields.grantedDate, fields.basis, fields.notes ?? null);
      return list(caseId).find((a) => a.partId === fields.partId)!;
    },

    remove(caseId: number, partId: string): { removed: true } {
      caseOf(caseId);
      const info = db
        .prepare('DELETE FROM page_allowances WHERE case_id = ? AND part_id = ?')
        .run(caseId, partId);
      if (info.changes === 0)
        throw new ApiError('not-found', `No extra pages are recorded for "${partId}" in this case.`);
      return { removed: true };
    },
  };
}
