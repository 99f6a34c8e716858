import { ApiError } from '../../shared/api/errors';
import type { CaseSummary } from '../../shared/api/contract';
import type { Case, CaseFields, Party, PartyFields, UserRole } from '../../shared/domain/types';
import { caseFactProblems } from '../../shared/rules/caseFacts';
import { extendedAllowed, extendedRefusal } from '../../shared/rules/extendedAppeals';
import { pageSettingsWithDefaults } from '../../shared/bundle/settings';
import { cleanOptional, cleanText } from '../../shared/text/controls';
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
} as const satisfies Record<keyof CaseFields, string>;

const BOOLEAN_FIELDS = new Set<keyof CaseFields>(['extended', 'extendedHealth', 'extendedSocialCare']);
/** Titles, names and references: stored without control or bidi formatting characters (shared/text/controls). */
const CLEANED_FIELDS = new Set<keyof CaseFields>(['title', 'childName', 'laName', 'tribunalRef']);

type Row = Record<string, unknown>;

/** Refuses facts that cannot apply to the case's kind of proceedings (a claim's conciliation in an appeal …). */
function checkCaseFacts(merged: CaseFields): void {
  const problems = caseFactProblems(merged);
  if (problems.length > 0)
    throw new ApiError('invalid-input', problems.map((p) => p.message).join(' '), {
      fields: problems.map((p) => p.field),
    });
}

export function caseFromRow(row: Row): Case {
  return {
    id: row.id as number,
    title: row.title as string,
    role: row.role as Case['role'],
    appealType: row.appeal_type as Case['appealType'],
    childName: (row.child_name as string | null) ?? null,
    laName: (row.la_name as string | null) ?? null,
    tribunalRef: (row.tribunal_ref as string | null) ?? null,
    decisionDate: (row.decision_date as string | null) ?? null,
    mediationCertificateDate: (row.mediation_certificate_date as string | null) ?? null,
    registeredDate: (row.registered_date as string | null) ?? null,
    hearingDate: (row.hearing_date as string | null) ?? null,
    extended: row.extended === 1,
    extendedHealth: row.extended_health === 1,
    extendedSocialCare: row.extended_social_care === 1,
    numbering: row.numbering as Case['numbering'],
    notes: (row.notes as string | null) ?? null,
    conductEndDate: (row.conduct_end_date as string | null) ?? null,
    conciliationDate: (row.conciliation_date as string | null) ?? null,
    phaseTransferDate: (row.phase_transfer_date as string | null) ?? null,
    phaseTransferKind: (row.phase_transfer_kind as Case['phaseTransferKind']) ?? null,
    annualReviewDate: (row.annual_review_date as string | null) ?? null,
    pageSettings: pageSettingsWithDefaults(parseJson(row.page_settings)),
    archived: row.archived === 1,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

function parseJson(text: unknown): Record<string, unknown> | null {
  try {
    return typeof text === 'string' ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
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

function partyFromRow(row: Row): Party {
  return {
    id: row.id as number,
    caseId: row.case_id as number,
    kind: row.kind as Party['kind'],
    name: row.name as string,
    organisation: (row.organisation as string | null) ?? null,
    roleTitle: (row.role_title as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    phone: (row.phone as string | null) ?? null,
    address: (row.address as string | null) ?? null,
  };
}

export function createCaseService(ctx: ServiceContext) {
  const { db } = ctx;
  const now = () => ctx.clock().toISOString();

  function get(caseId: number): Case {
    const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Row | undefined;
    if (!row) throw new ApiError('not-found', `There is no case number ${caseId}.`);
    return caseFromRow(row);
  }

  return {
    get,

    list(options: { includeArchived?: boolean } = {}): CaseSummary[] {
      const rows = db
        .prepare(
          `SELECT c.*, COUNT(d.id) AS document_count, COALESCE(SUM(CASE WHEN d.included THEN d.page_count END), 0) AS page_count
           FROM cases c LEFT JOIN documents d ON d.case_id = c.id
           WHERE (? OR c.archived = 0)
           GROUP BY c.id ORDER BY c.archived, c.updated_at DESC, c.id DESC`,
        )
        .all(options.includeArchived ? 1 : 0) as Row[];
      return rows.map((row) => ({
        ...caseFromRow(row),
        documentCount: row.document_count as number,
        pageCount: row.page_count as number,
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
        const recommendations = (
          db.prepare('SELECT COUNT(*) AS n FROM recommendations WHERE case_id = ?').get(caseId) as {
            n: number;
          }
        ).n;
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
      const stored = db.prepare('SELECT page_settings FROM cases WHERE id = ?').get(caseId) as Row;
      for (const entry of entries) {
        // Only the page settings given change; the others keep what the case had.
        if (entry[0] === 'pageSettings')
          entry[1] = { ...parseJson(stored.page_settings), ...(entry[1] as object) };
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
      get(caseId);
      return (db.prepare('SELECT * FROM parties WHERE case_id = ? ORDER BY id').all(caseId) as Row[]).map(
        partyFromRow,
      );
    },

    saveParty(caseId: number, partyId: number | undefined, fields: PartyFields): Party {
      get(caseId);
      const name = cleanText(fields.name);
      if (name === '') throw new ApiError('invalid-input', 'Give the name in letters.');
      const values = [
        fields.kind,
        name,
        cleanOptional(fields.organisation) || null,
        cleanOptional(fields.roleTitle) || null,
        fields.email ?? null,
        fields.phone ?? null,
        fields.address ?? null,
      ];
      let id = partyId;
      if (id === undefined) {
        const info = db
          .prepare(
            `INSERT INTO parties (case_id, kind, name, organisation, role_title, email, phone, address)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(caseId, ...values);
        id = Number(info.lastInsertRowid);
      } else {
        const info = db
          .prepare(
            `UPDATE parties SET kind = ?, name = ?, organisation = ?, role_title = ?, email = ?, phone = ?, address = ?
             WHERE id = ? AND case_id = ?`,
          )
          .run(...values, id, caseId);
        if (info.changes === 0) throw new ApiError('not-found', 'That person is not part of this case.');
      }
      return partyFromRow(db.prepare('SELECT * FROM parties WHERE id = ?').get(id) as Row);
    },

    removeParty(caseId: number, partyId: number): { removed: true } {
      const info = db.prepare('DELETE FROM parties WHERE id = ? AND case_id = ?').run(partyId, caseId);
      if (info.changes === 0) throw new ApiError('not-found', 'That person is not part of this case.');
      return { removed: true };
    },

    getRole(): UserRole | null {
      const row = db.prepare("SELECT value FROM settings WHERE key = 'role'").get() as
        { value: string } | undefined;
      return (row?.value as UserRole | undefined) ?? null;
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
