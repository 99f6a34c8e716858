import { ApiError } from '../../../shared/api/errors';
import { z } from 'zod';
import {
  EHC_PLAN_SECTIONS,
  type DocumentDetails,
  type DocumentRecord,
  type ReportDetails,
  type ReportDetailsFields,
} from '../../../shared/domain/documents';
import { normalisePageSelection } from '../../../shared/domain/pageSelection';
import { cleanOptional, cleanText } from '../../../shared/text/controls';
import { NumbersJson, PageSizesJson, TextsJson } from '../../db/jsonColumns';
import { all, DamagedColumnError, exists, first, jsonColumn } from '../../db/query';
import {
  storedRowSchema,
  TABLES,
  type DocumentRow,
  type RemovedDocumentRow,
  type ReportDetailsRow,
  type WitnessRow,
} from '../../db/schema';
import type { ServiceContext } from '../context';

function documentFromRow(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    section: row.section,
    title: row.title,
    documentDate: row.document_date,
    author: row.author,
    kind: row.kind,
    pageCount: row.page_count,
    sha256: row.sha256,
    originalSha256: row.original_sha256,
    originalName: row.original_name,
    conversion: row.conversion,
    position: row.position,
    included: row.included === 1,
    late: row.late === 1,
    pageSizes: jsonColumn(PageSizesJson, row.page_sizes, 'documents.page_sizes'),
    pagesWithoutText: jsonColumn(NumbersJson, row.pages_without_text, 'documents.pages_without_text'),
    suggestedTitle: row.suggested_title,
    suggestedDate: row.suggested_date,
    detailsConfirmed: row.details_confirmed !== 0,
    importNotes: jsonColumn(TextsJson, row.import_notes, 'documents.import_notes'),
    ocrSha256: row.ocr_sha256,
    ocrPages: jsonColumn(NumbersJson, row.ocr_pages, 'documents.ocr_pages'),
    ocrAt: row.ocr_at,
    keptPages:
      row.kept_pages === null ? null : jsonColumn(NumbersJson, row.kept_pages, 'documents.kept_pages'),
    coveredTextPages:
      row.covered_text_pages === null
        ? null
        : jsonColumn(NumbersJson, row.covered_text_pages, 'documents.covered_text_pages'),
    redactionMarkPages:
      row.redaction_mark_pages === null
        ? null
        : jsonColumn(NumbersJson, row.redaction_mark_pages, 'documents.redaction_mark_pages'),
    createdAt: row.created_at,
  };
}

/** Documents of a case, in bundle order within each section (sections in letter order). */
export function listDocuments(ctx: ServiceContext, caseId: number): DocumentRecord[] {
  return all<DocumentRow>(
    ctx.db,
    'SELECT * FROM documents WHERE case_id = ? ORDER BY section, position, id',
    caseId,
  ).map(documentFromRow);
}

function documentRow(ctx: ServiceContext, documentId: number): DocumentRow {
  const row = first<DocumentRow>(ctx.db, 'SELECT * FROM documents WHERE id = ?', documentId);
  if (!row) throw new ApiError('not-found', 'That document is no longer in this case.');
  return row;
}

export function getDocument(ctx: ServiceContext, documentId: number): DocumentRecord {
  return documentFromRow(documentRow(ctx, documentId));
}

/**
 * Whether any document (in any case, or removed and still able to be put back) names `sha256` as its PDF,
 * its original or its searchable copy.
 */
export function storeFileInUse(ctx: ServiceContext, sha256: string): boolean {
  return exists(
    ctx.db,
    `SELECT 1 FROM documents WHERE sha256 = @sha OR original_sha256 = @sha OR ocr_sha256 = @sha
     UNION ALL SELECT 1 FROM removed_documents WHERE sha256 = @sha OR original_sha256 = @sha OR ocr_sha256 = @sha
     LIMIT 1`,
    { sha: sha256 },
  );
}

export function nextPosition(ctx: ServiceContext, caseId: number, section: string): number {
  const row = first<{ next: number }>(
    ctx.db,
    'SELECT COALESCE(MAX(position), 0) + 1 AS next FROM documents WHERE case_id = ? AND section = ?',
    caseId,
    section,
  );
  return row?.next ?? 1;
}

/** The pages to keep, checked against the document's: in order, once each; null when they are all of them. */
function keptPagesOf(pages: number[], pageCount: number): number[] | null {
  const beyond = pages.find((page) => page > pageCount);
  if (beyond !== undefined) {
    throw new ApiError(
      'invalid-input',
      `The document has ${pageCount === 1 ? '1 page' : `${pageCount} pages`}: there is no page ${beyond}.`,
    );
  }
  return normalisePageSelection(pages, pageCount);
}

/** A removed document's stored rows: checked like any JSON column when it is put back. */
const RemovedRecord = storedRowSchema('documents');
const RemovedReport = storedRowSchema('report_details');

export function createDocumentRecordsService(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    list: (caseId: number) => listDocuments(ctx, caseId),
    get: (documentId: number) => getDocument(ctx, documentId),

    update(documentId: number, details: DocumentDetails): DocumentRecord {
      const current = getDocument(ctx, documentId);
      return db.transaction(() => {
        const sets: string[] = [];
        const values: (string | number | null)[] = [];
        const put = (column: keyof DocumentRow, value: string | number | null) => {
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
        if (details.keptPages !== undefined) {
          const pages = details.keptPages && keptPagesOf(details.keptPages, current.pageCount);
          put('kept_pages', pages ? JSON.stringify(pages) : null);
        }
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
        const existing = all<Pick<DocumentRow, 'id'>>(
          db,
          'SELECT id FROM documents WHERE case_id = ? AND section = ?',
          caseId,
          section,
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
      const row = documentRow(ctx, documentId);
      const doc = documentFromRow(row);
      db.transaction(() => {
        const report = first<ReportDetailsRow>(
          db,
          'SELECT * FROM report_details WHERE document_id = ?',
          documentId,
        );
        const witnessIds = all<Pick<WitnessRow, 'id'>>(
          db,
          'SELECT id FROM witnesses WHERE statement_document_id = ?',
          documentId,
        ).map((w) => w.id);
        db.prepare(
          `INSERT INTO removed_documents (document_id, case_id, removed_at, sha256, original_sha256, ocr_sha256,
             record, report, witness_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          documentId,
          doc.caseId,
          ctx.clock().toISOString(),
          doc.sha256,
          doc.originalSha256,
          doc.ocrSha256,
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
      const trash = first<RemovedDocumentRow>(
        db,
        'SELECT * FROM removed_documents WHERE document_id = ? ORDER BY id DESC LIMIT 1',
        documentId,
      );
      if (!trash) {
        throw new ApiError(
          'not-found',
          'That document can no longer be put back (removals are kept for a day). Add the file again.',
        );
      }
      const record = jsonColumn(RemovedRecord, trash.record, 'removed_documents.record');
      const { case_id: caseId, original_sha256: originalSha256, section, position } = record;
      if (
        caseId === undefined ||
        originalSha256 === undefined ||
        section === undefined ||
        position === undefined
      )
        throw new DamagedColumnError(
          "The database's removed_documents.record is not a whole document record.",
        );
      return db.transaction(() => {
        const same = first<Pick<DocumentRow, 'title'>>(
          db,
          'SELECT title FROM documents WHERE case_id = ? AND original_sha256 = ?',
          caseId,
          originalSha256,
        );
        if (same) {
          throw new ApiError(
            'conflict',
            `The same file is already back in this case, as “${same.title}”. Nothing was changed.`,
          );
        }
        // Its old number, unless a newer document took it meanwhile.
        const idTaken = exists(db, 'SELECT 1 FROM documents WHERE id = ?', record.id);
        db.prepare(
          'UPDATE documents SET position = position + 1 WHERE case_id = ? AND section = ? AND position >= ?',
        ).run(caseId, section, position);
        // Every column it had, as it was (the schema lists them all; one added since takes its default).
        const columns = (Object.keys(TABLES.documents) as (keyof DocumentRow)[]).filter(
          (c) => record[c] !== undefined && (c !== 'id' || !idTaken),
        );
        const id = Number(
          db
            .prepare(
              `INSERT INTO documents (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
            )
            .run(...columns.map((c) => record[c])).lastInsertRowid,
        );
        if (trash.report) {
          const report = jsonColumn(RemovedReport, trash.report, 'removed_documents.report');
          db.prepare(
            `INSERT INTO report_details (document_id, author_profession, author_qualifications, assessment_date,
               plan_sections) VALUES (?, ?, ?, ?, ?)`,
          ).run(
            id,
            report.author_profession ?? null,
            report.author_qualifications ?? null,
            report.assessment_date ?? null,
            report.plan_sections ?? '[]',
          );
        }
        const relink = db.prepare(
          'UPDATE witnesses SET statement_document_id = ? WHERE id = ? AND case_id = ? AND statement_document_id IS NULL',
        );
        for (const witnessId of jsonColumn(NumbersJson, trash.witness_ids, 'removed_documents.witness_ids'))
          relink.run(id, witnessId, caseId);
        db.prepare('DELETE FROM removed_documents WHERE id = ?').run(trash.id);
        return getDocument(ctx, id);
      })();
    },

    getReportDetails(documentId: number): ReportDetails | null {
      getDocument(ctx, documentId);
      const row = first<ReportDetailsRow>(
        db,
        'SELECT * FROM report_details WHERE document_id = ?',
        documentId,
      );
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
      const row = first<ReportDetailsRow>(
        db,
        'SELECT * FROM report_details WHERE document_id = ?',
        documentId,
      );
      if (!row)
        throw new Error(`The report details of document ${documentId} were saved but cannot be read back.`);
      return reportFromRow(row);
    },
  };
}

const PlanSectionsJson = z.array(z.enum(EHC_PLAN_SECTIONS));

function reportFromRow(row: ReportDetailsRow): ReportDetails {
  return {
    documentId: row.document_id,
    authorProfession: row.author_profession,
    authorQualifications: row.author_qualifications,
    assessmentDate: row.assessment_date,
    planSections: jsonColumn(PlanSectionsJson, row.plan_sections, 'report_details.plan_sections'),
  };
}
