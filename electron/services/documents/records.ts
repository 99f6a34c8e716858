import { ApiError } from '../../../shared/api/errors';
import type {
  DocumentDetails,
  DocumentRecord,
  ReportDetails,
  ReportDetailsFields,
} from '../../../shared/domain/types';
import { cleanOptional, cleanText } from '../../../shared/text/controls';
import type { ServiceContext } from '../context';

type Row = Record<string, unknown>;

/** Every column of a document row, for putting a removed one back exactly. */
const DOCUMENT_COLUMNS = [
  'id',
  'case_id',
  'section',
  'title',
  'document_date',
  'author',
  'kind',
  'page_count',
  'sha256',
  'original_sha256',
  'original_name',
  'conversion',
  'position',
  'included',
  'late',
  'page_sizes',
  'pages_without_text',
  'created_at',
] as const;

export function documentFromRow(row: Row): DocumentRecord {
  return {
    id: row.id as number,
    caseId: row.case_id as number,
    section: row.section as string,
    title: row.title as string,
    documentDate: (row.document_date as string | null) ?? null,
    author: (row.author as string | null) ?? null,
    kind: row.kind as DocumentRecord['kind'],
    pageCount: row.page_count as number,
    sha256: row.sha256 as string,
    originalSha256: row.original_sha256 as string,
    originalName: row.original_name as string,
    conversion: row.conversion as DocumentRecord['conversion'],
    position: row.position as number,
    included: row.included === 1,
    late: row.late === 1,
    pageSizes: JSON.parse(row.page_sizes as string),
    pagesWithoutText: JSON.parse(row.pages_without_text as string),
    suggestedTitle: (row.suggested_title as string | null) ?? null,
    suggestedDate: (row.suggested_date as string | null) ?? null,
    detailsConfirmed: row.details_confirmed !== 0,
    importNotes: JSON.parse((row.import_notes as string | undefined) ?? '[]'),
    createdAt: row.created_at as string,
  };
}

/** Documents of a case, in bundle order within each section (sections in letter order). */
export function listDocuments(ctx: ServiceContext, caseId: number): DocumentRecord[] {
  return (
    ctx.db
      .prepare('SELECT * FROM documents WHERE case_id = ? ORDER BY section, position, id')
      .all(caseId) as Row[]
  ).map(documentFromRow);
}

export function getDocument(ctx: ServiceContext, documentId: number): DocumentRecord {
  const row = ctx.db.prepare('SELECT * FROM documents WHERE id = ?').get(documentId) as Row | undefined;
  if (!row) throw new ApiError('not-found', 'That document is no longer in this case.');
  return documentFromRow(row);
}

export function nextPosition(ctx: ServiceContext, caseId: number, section: string): number {
  const row = ctx.db
    .prepare('SELECT COALESCE(MAX(position), 0) + 1 AS next FROM documents WHERE case_id = ? AND section = ?')
    .get(caseId, section) as { next: number };
  return row.next;
}

export function createDocumentRecordsService(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    list: (caseId: number) => listDocuments(ctx, caseId),
    get: (documentId: number) => getDocument(ctx, documentId),

    update(documentId: number, details: DocumentDetails): DocumentRecord {
      const current = getDocument(ctx, documentId);
      return db.transaction(() => {
        const sets: string[] = [];
        const values: unknown[] = [];
        const put = (column: string, value: unknown) => {
          sets.push(`${column} = ?`);
          values.push(value);
        };
        if (details.title !== undefined) {
          const title = cleanText(details.title);
          if (title === '')
            throw new ApiError('invalid-input', 'Give the document a title in letters or numbers.');
          put('title', title);
        }
        if (details.documentDate !== undefined) put('document_date', details.documentDate);
        if (details.author !== undefined) put('author', cleanOptional(details.author) || null);
        const confirmed =
          details.detailsConfirmed ??
          (details.title !== undefined || details.documentDate !== undefined ? true : undefined);
        if (confirmed !== undefined) put('details_confirmed', confirmed ? 1 : 0);
        if (details.kind !== undefined) put('kind', details.kind);
        if (details.included !== undefined) put('included', details.included ? 1 : 0);
        if (details.late !== undefined) put('late', details.late ? 1 : 0);
        if (details.section !== undefined && details.section !== current.section) {
          put('section', details.section);
          put('position', nextPosition(ctx, current.caseId, details.section));
        }
        if (sets.length > 0)
          db.prepare(`UPDATE documents SET ${sets.join(', ')} WHERE id = ?`).run(...values, documentId);
        return getDocument(ctx, documentId);
      })();
    },

    /** Sets the order of a section's documents; the list must name each of them exactly once. */
    reorder(caseId: number, section: string, documentIds: number[]): DocumentRecord[] {
      return db.transaction(() => {
        const existing = (
          db.prepare('SELECT id FROM documents WHERE case_id = ? AND section = ?').all(caseId, section) as {
            id: number;
          }[]
        ).map((r) => r.id);
        const wanted = new Set(documentIds);
        if (
          wanted.size !== documentIds.length ||
          existing.length !== wanted.size ||
          existing.some((id) => !wanted.has(id))
        ) {
          throw new ApiError(
            'conflict',
            `The new order must list every document in section ${section} once. Reload the list and try again.`,
          );
        }
        const setPosition = db.prepare('UPDATE documents SET position = ? WHERE id = ?');
        documentIds.forEach((id, index) => setPosition.run(index + 1, id));
        return listDocuments(ctx, caseId).filter((d) => d.section === section);
      })();
    },

    /**
     * Removes the document from its case. Its record, report details and witness links are kept in
     * removed_documents (and its store files with them) so `restore` can put it back; housekeeping forgets
     * them after a day (see garbage.ts).
     */
    remove(documentId: number): { removed: true } {
      const doc = getDocument(ctx, documentId);
      db.transaction(() => {
        const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(documentId) as Row;
        const report = db.prepare('SELECT * FROM report_details WHERE document_id = ?').get(documentId) as
          Row | undefined;
        const witnessIds = (
          db.prepare('SELECT id FROM witnesses WHERE statement_document_id = ?').all(documentId) as {
            id: number;
          }[]
        ).map((w) => w.id);
        db.prepare(
          `INSERT INTO removed_documents (document_id, case_id, removed_at, sha256, original_sha256, record, report,
             witness_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          documentId,
          doc.caseId,
          ctx.clock().toISOString(),
          doc.sha256,
          doc.originalSha256,
          JSON.stringify(row),
          report ? JSON.stringify(report) : null,
          JSON.stringify(witnessIds),
        );
        db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
      })();
      return { removed: true };
    },

    /** Puts a removed document back where it was, with its details and witness links (Undo). */
    restore(documentId: number): DocumentRecord {
      const trash = db
        .prepare('SELECT * FROM removed_documents WHERE document_id = ? ORDER BY id DESC LIMIT 1')
        .get(documentId) as Row | undefined;
      if (!trash) {
        throw new ApiError(
          'not-found',
          'That document can no longer be put back (removals are kept for a day). Add the file again.',
        );
      }
      const record = JSON.parse(trash.record as string) as Row;
      return db.transaction(() => {
        const same = db
          .prepare('SELECT title FROM documents WHERE case_id = ? AND original_sha256 = ?')
          .get(record.case_id, record.original_sha256) as { title: string } | undefined;
        if (same) {
          throw new ApiError(
            'conflict',
            `The same file is already back in this case, as “${same.title}”. Nothing was changed.`,
          );
        }
        // Its old number, unless a newer document took it meanwhile.
        const idTaken = db.prepare('SELECT 1 FROM documents WHERE id = ?').get(record.id);
        db.prepare(
          'UPDATE documents SET position = position + 1 WHERE case_id = ? AND section = ? AND position >= ?',
        ).run(record.case_id, record.section, record.position);
        const columns = DOCUMENT_COLUMNS.filter((c) => c !== 'id' || !idTaken);
        const id = Number(
          db
            .prepare(
              `INSERT INTO documents (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
            )
            .run(...columns.map((c) => record[c] as unknown)).lastInsertRowid,
        );
        if (trash.report) {
          const report = JSON.parse(trash.report as string) as Row;
          db.prepare(
            `INSERT INTO report_details (document_id, author_profession, author_qualifications, assessment_date,
               plan_sections) VALUES (?, ?, ?, ?, ?)`,
          ).run(
            id,
            report.author_profession,
            report.author_qualifications,
            report.assessment_date,
            report.plan_sections,
          );
        }
        const relink = db.prepare(
          'UPDATE witnesses SET statement_document_id = ? WHERE id = ? AND case_id = ? AND statement_document_id IS NULL',
        );
        for (const witnessId of JSON.parse(trash.witness_ids as string) as number[])
          relink.run(id, witnessId, record.case_id);
        db.prepare('DELETE FROM removed_documents WHERE id = ?').run(trash.id);
        return getDocument(ctx, id);
      })();
    },

    getReportDetails(documentId: number): ReportDetails | null {
      getDocument(ctx, documentId);
      const row = db.prepare('SELECT * FROM report_details WHERE document_id = ?').get(documentId) as
        Row | undefined;
      return row ? reportFromRow(row) : null;
    },

    setReportDetails(documentId: number, details: ReportDetailsFields): ReportDetails {
      getDocument(ctx, documentId);
      db.prepare(
        `INSERT INTO report_details (document_id, author_profession, author_qualifications, assessment_date, plan_sections)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(document_id) DO UPDATE SET author_profession = excluded.author_profession,
           author_qualifications = excluded.author_qualifications, assessment_date = excluded.assessment_date,
           plan_sections = excluded.plan_sections`,
      ).run(
        documentId,
        details.authorProfession ?? null,
        details.authorQualifications ?? null,
        details.assessmentDate ?? null,
        JSON.stringify(details.planSections ?? []),
      );
      return reportFromRow(
        db.prepare('SELECT * FROM report_details WHERE document_id = ?').get(documentId) as Row,
      );
    },
  };
}

function reportFromRow(row: Row): ReportDetails {
  return {
    documentId: row.document_id as number,
    authorProfession: (row.author_profession as string | null) ?? null,
    authorQualifications: (row.author_qualifications as string | null) ?? null,
    assessmentDate: (row.assessment_date as string | null) ?? null,
    planSections: JSON.parse(row.plan_sections as string),
  };
}
