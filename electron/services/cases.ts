import { ApiError } from '../../shared/api/errors';
import type { CaseSummary } from '../../shared/api/contract';
import { UserRole, type Case, type CaseFields } from '../../shared/domain/case';
import { type Party, type PartyFields } from '../../shared/domain/caseRecords';
import { caseFactProblems } from '../../shared/rules/caseFacts';
import { extendedAllowed, extendedRefusal } from '../../shared/rules/extendedAppeals';
import { PageSettings } from '../../shared/bundle/pageSettings';
import { pageSettingsWithDefaults } from '../../shared/bundle/settings';
import { cleanOptional, cleanText } from '../../shared/text/controls';
import { caseChildren, requireCase } from '../db/caseRecords';
import { all, first } from '../db/query';
import type { CaseRow, PartyRow, RowOf } from '../db/schema';
import type { ServiceContext } from './context';

/** Case field name (API) → column name. One list, used for inserts, updates and reads. */
const CASE_COLUMNS = {
  title: 'title',
  role: 'role',
  appealType: 'appeal_type',
  childName: 'child_name',
  laName: 'la_name',
  tribunalRef: 'tribunal_ref',
  decisionDate: 'decision_date',
  mediationCertificateDate: 'mediation_certificate_date',
  registeredDate: 'registered_date',
  hearingDate: 'hearing_date',
  extended: 'extended',
  extendedHealth: 'extended_health',
  extendedSocialCare: 'extended_social_care',
  numbering: 'numbering',
  notes: 'notes',
  conductEndDate: 'conduct_end_date',
  conciliationDate: 'conciliation_date',
  phaseTransferDate: 'phase_transfer_date',
  phaseTransferKind: 'phase_transfer_kind',
  annualReviewDate: 'annual_review_date',
  pageSettings: 'page_settings',
  partSizeMb: 'part_size_mb',
} as const satisfies Record<keyof CaseFields, string>;

const BOOLEAN_FIELDS = new Set<keyof CaseFields>(['extended', 'extendedHealth', 'extendedSocialCare']);
/** Titles, names and references: stored without control or bidi formatting characters (shared/text/controls). */
const CLEANED_FIELDS = new Set<keyof CaseFields>(['title', 'childName', 'laName', 'tribunalRef']);

/** Refuses facts that cannot apply to the case's kind of proceedings (a claim's conciliation in an appeal …). */
function checkCaseFacts(merged: CaseFields): void {
  const problems = caseFactProblems(merged);
  if (problems.length > 0)
    throw new ApiError('invalid-input', problems.map((p) => p.message).join(' '), {
      fields: problems.map((p) => p.field),
    });
}

export function caseFromRow(row: CaseRow): Case {
  return {
    id: row.id,
    title: row.title,
    role: row.role,
    appealType: row.appeal_type,
    childName: row.child_name,
    laName: row.la_name,
    tribunalRef: row.tribunal_ref,
    decisionDate: row.decision_date,
    mediationCertificateDate: row.mediation_certificate_date,
    registeredDate: row.registered_date,
    hearingDate: row.hearing_date,
    extended: row.extended === 1,
    extendedHealth: row.extended_health === 1,
    extendedSocialCare: row.extended_social_care === 1,
    numbering: row.numbering,
    notes: row.notes,
    conductEndDate: row.conduct_end_date,
    conciliationDate: row.conciliation_date,
    phaseTransferDate: row.phase_transfer_date,
    phaseTransferKind: row.phase_transfer_kind,
    annualReviewDate: row.annual_review_date,
    pageSettings: storedPageSettings(row),
    partSizeMb: row.part_size_mb,
    archived: row.archived === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The case's page settings with the defaults filled in; a damaged value counts as none stored. */
function storedPageSettings(row: Pick<CaseRow, 'page_settings'>) {
  let stored: unknown = null;
  try {
    stored = JSON.parse(row.page_settings);
  } catch {
    // Damaged: the defaults apply.
  }
  return pageSettingsWithDefaults(PageSettings.partial().safeParse(stored).data);
}

function toColumnValue(field: keyof CaseFields, value: unknown): unknown {
  if (BOOLEAN_FIELDS.has(field)) return value ? 1 : 0;
  if (field === 'pageSettings') return JSON.stringify(value ?? {});
  if (CLEANED_FIELDS.has(field) && typeof value === 'string') {
    value = cleanText(value);
    if (field === 'title' && value === '')
      throw new ApiError('invalid-input', 'Give the case a name made of letters or numbers.');
  }
  if (typeof value === 'string' && value.trim() === '' && field !== 'title') return null;
  return value ?? null;
}

function partyFromRow(row: PartyRow): Party {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    name: row.name,
    organisation: row.organisation,
    roleTitle: row.role_title,
    email: row.email,
    phone: row.phone,
    address: row.address,
  };
}

export function createCaseService(ctx: ServiceContext) {
  const { db } = ctx;
  const now = () => ctx.clock().toISOString();
  const parties = caseChildren(db, 'parties', {
    orderBy: 'id',
    notInCase: 'That person is not part of this case.',
  });

  function get(caseId: number): Case {
    return caseFromRow(requireCase(db, caseId));
  }

  /** The page settings the case has stored itself (without the defaults). */
  function storedPartialPageSettings(caseId: number): Partial<PageSettings> {
    const row = first<Pick<CaseRow, 'page_settings'>>(
      db,
      'SELECT page_settings FROM cases WHERE id = ?',
      caseId,
    );
    try {
      return PageSettings.partial().safeParse(JSON.parse(row?.page_settings ?? '{}')).data ?? {};
    } catch {
      return {};
    }
  }

  return {
    get,

    list(options: { includeArchived?: boolean } = {}): CaseSummary[] {
      const rows = all<CaseRow & { document_count: number; page_count: number }>(
        db,
        `SELECT c.*, COUNT(d.id) AS document_count, COALESCE(SUM(CASE WHEN d.included THEN COALESCE(json_array_length(d.kept_pages), d.page_count) END), 0) AS page_count
         FROM cases c LEFT JOIN documents d ON d.case_id = c.id
         WHERE (? OR c.archived = 0)
         GROUP BY c.id ORDER BY c.archived, c.updated_at DESC, c.id DESC`,
        options.includeArchived ? 1 : 0,
      );
      return rows.map((row) => ({
        ...caseFromRow(row),
        documentCount: row.document_count,
        pageCount: row.page_count,
      }));
    },

    create(fields: CaseFields): Case {
      checkCaseFacts(fields);
      const entries = Object.entries(fields).filter(([, v]) => v !== undefined) as [
        keyof CaseFields,
        unknown,
      ][];
      const columns = entries.map(([k]) => CASE_COLUMNS[k]);
      const values = entries.map(([k, v]) => toColumnValue(k, v));
      if (fields.extendedHealth || fields.extendedSocialCare) {
        if (!('extended' in fields)) {
          columns.push('extended');
          values.push(1);
        }
      }
      const stamp = now();
      const info = db
        .prepare(
          `INSERT INTO cases (${[...columns, 'created_at', 'updated_at'].join(', ')})
           VALUES (${[...columns, 'c', 'u'].map(() => '?').join(', ')})`,
        )
        .run(...values, stamp, stamp);
      return get(Number(info.lastInsertRowid));
    },

    update(caseId: number, fields: Partial<CaseFields>): Case {
      const current = get(caseId);
      const given: Partial<CaseFields> = Object.fromEntries(
        Object.entries(fields).filter(([, v]) => v !== undefined),
      );
      // Not extended means no health or social care part either.
      if (given.extended === false) {
        given.extendedHealth ??= false;
        given.extendedSocialCare ??= false;
      }
      fields = given;
      const merged = { ...current, ...given } as CaseFields;
      checkCaseFacts(merged);
      if (!extendedAllowed(merged.appealType)) {
        const recommendations =
          first<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM recommendations WHERE case_id = ?', caseId)
            ?.n ?? 0;
        if (recommendations > 0)
          throw new ApiError(
            'invalid-input',
            `${extendedRefusal(merged.appealType)} This case has ${recommendations === 1 ? 'a recommendation' : `${recommendations} recommendations`} recorded: remove ${recommendations === 1 ? 'it' : 'them'} before changing the kind of case.`,
            { fields: ['appealType'] },
          );
      }
      const entries = Object.entries(fields).filter(([, v]) => v !== undefined) as [
        keyof CaseFields,
        unknown,
      ][];
      if (entries.length === 0) return get(caseId);
      for (const entry of entries) {
        // Only the page settings given change; the others keep what the case had.
        if (entry[0] === 'pageSettings')
          entry[1] = { ...storedPartialPageSettings(caseId), ...fields.pageSettings };
      }
      const assignments = entries.map(([k]) => `${CASE_COLUMNS[k]} = ?`).join(', ');
      db.prepare(`UPDATE cases SET ${assignments}, updated_at = ? WHERE id = ?`).run(
        ...entries.map(([k, v]) => toColumnValue(k, v)),
        now(),
        caseId,
      );
      return get(caseId);
    },

    archive(caseId: number, archived: boolean): Case {
      get(caseId);
      db.prepare('UPDATE cases SET archived = ?, updated_at = ? WHERE id = ?').run(
        archived ? 1 : 0,
        now(),
        caseId,
      );
      return get(caseId);
    },

    listParties(caseId: number): Party[] {
      return parties.list(caseId).map(partyFromRow);
    },

    saveParty(caseId: number, partyId: number | undefined, fields: PartyFields): Party {
      requireCase(db, caseId);
      const name = cleanText(fields.name);
      if (name === '') throw new ApiError('invalid-input', 'Give the name in letters.');
      const row = parties.save(caseId, partyId, {
        kind: fields.kind,
        name,
        organisation: cleanOptional(fields.organisation) || null,
        role_title: cleanOptional(fields.roleTitle) || null,
        email: fields.email ?? null,
        phone: fields.phone ?? null,
        address: fields.address ?? null,
      });
      return partyFromRow(row);
    },

    removeParty(caseId: number, partyId: number): { removed: true } {
      parties.remove(caseId, partyId);
      return { removed: true };
    },

    getRole(): UserRole | null {
      const row = first<Pick<RowOf<'settings'>, 'value'>>(
        db,
        "SELECT value FROM settings WHERE key = 'role'",
      );
      return UserRole.safeParse(row?.value).data ?? null;
    },

    setRole(role: UserRole): { role: UserRole } {
      db.prepare(
        "INSERT INTO settings (key, value) VALUES ('role', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ).run(role);
      return { role };
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
