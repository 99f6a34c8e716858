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

    /** Removes the record; store files stay while any other record (in any case) uses them. */
    remove(documentId: number): { removed: true } {
      const doc = getDocument(ctx, documentId);
      db.transaction(() => {
        db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
        const stillUsed = db
          .prepare('SELECT COUNT(*) AS n FROM documents WHERE sha256 = ? OR original_sha256 = ?')
          .get(doc.sha256, doc.sha256) as { n: number };
        if (stillUsed.n === 0) ctx.store.removePdf(doc.sha256);
        const originalUsed = db
          .prepare('SELECT COUNT(*) AS n FROM documents WHERE original_sha256 = ?')
          .get(doc.originalSha256) as { n: number };
        if (originalUsed.n === 0 && doc.originalSha256 !== doc.sha256)
          ctx.store.removeOriginal(doc.originalSha256);
      })();
      return { removed: true };
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
