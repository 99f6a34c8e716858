/**
 * The working document service: the page meter (the PDF made in memory and counted), versions (numbered
 * and dated, each with its DOCX and PDF under letters/<case>/, the list of what changed since the one
 * before, and the PDF put into section B of the bundle as the working document, replacing the last
 * version's), and reading a DOCX back into content the editor takes up. The editor keeps its work in the
 * drafts service (key case:<id>:working-document) until a version is made.
 */
import { join, relative, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { LIMITS } from '../../../shared/limits';
import { workingDocumentPdfNote } from '../../../shared/text/bundleFont';
import type { ImportFile } from '../../../shared/api/contract';
import { requireCase } from '../../db/caseRecords';
import { WorkingDocumentChangesJson, WorkingDocumentContentJson } from '../../db/jsonColumns';
import { all, first, jsonColumn } from '../../db/query';
import type { WorkingDocumentVersionRow } from '../../db/schema';
import { packForAppealType, partLimit } from '../../../shared/rules/index';
import {
  bundlePagesFor,
  contentProblems,
  unprintableInPdf,
  versionChanges,
  WorkingDocumentContent,
  type RenderedWorkingDocument,
  type WorkingDocumentMeasure,
  type WorkingDocumentVersion,
} from '../../../shared/workingDocument/model';
import { writeFileAtomic } from '../../store/atomicFile';
import type { ServiceContext, OperationOptions } from '../context';
import type { ImportRequest } from '../documents/import';
import type { ImportOutcome } from '../../../shared/domain/documents';
import { renderWorkingDocumentPdf } from './pdf';
import { runUntrusted, stoppedJobError } from '../untrusted/runner';

interface WorkingDocumentDeps {
  documents: {
    import: (request: ImportRequest, op?: OperationOptions) => Promise<ImportOutcome[]>;
    remove: (documentId: number) => { removed: true };
  };
  /** The pages of the latest bundle built, for the evidence references' bundle pages. */
  latestBundlePages: (caseId: number) => { label: string; documentId?: number; sourcePage?: number }[];
}

export function createWorkingDocumentService(ctx: ServiceContext, deps: WorkingDocumentDeps) {
  const { db } = ctx;

  function rendered(
    caseId: number,
    content: WorkingDocumentContent,
    version: number,
    date: string,
  ): RenderedWorkingDocument {
    const row = requireCase(db, caseId);
    return {
      ...content,
      childName: content.childName ?? row.child_name ?? undefined,
      tribunalRef: content.tribunalRef ?? row.tribunal_ref ?? undefined,
      version,
      date,
      bundlePages: bundlePagesFor(content, deps.latestBundlePages(caseId)),
    };
  }

  function limitFor(caseId: number): number | null {
    const appealType = requireCase(db, caseId).appeal_type;
    const pack = packForAppealType(appealType);
    const part = pack.parts.find((p) => p.id === 'working-document');
    return part ? partLimit(part, { appealType }) : null;
  }

  const storedContent = (row: Pick<WorkingDocumentVersionRow, 'content'>) =>
    jsonColumn(WorkingDocumentContentJson, row.content, 'working_document_versions.content');

  function fromRow(row: WorkingDocumentVersionRow): WorkingDocumentVersion {
    return {
      version: row.version,
      date: row.doc_date,
      createdAt: row.created_at,
      pageCount: row.page_count,
      changes: jsonColumn(WorkingDocumentChangesJson, row.changes, 'working_document_versions.changes'),
      docxPath: resolve(ctx.paths.letters, row.docx_path),
      pdfPath: resolve(ctx.paths.letters, row.pdf_path),
      documentId: row.document_id,
    };
  }

  const latestRow = (caseId: number) =>
    first<WorkingDocumentVersionRow>(
      db,
      'SELECT * FROM working_document_versions WHERE case_id = ? ORDER BY version DESC LIMIT 1',
      caseId,
    );

  return {
    async measure(caseId: number, content: WorkingDocumentContent): Promise<WorkingDocumentMeasure> {
      const next = (latestRow(caseId)?.version ?? 0) + 1;
      const today = ctx.clock().toISOString().slice(0, 10);
      const { pageCount } = await renderWorkingDocumentPdf(rendered(caseId, content, next, today));
      const note = workingDocumentPdfNote(unprintableInPdf(content));
      return {
        pageCount,
        limit: limitFor(caseId),
        problems: contentProblems(content),
        notes: note ? [note] : [],
      };
    },

    versions(caseId: number): WorkingDocumentVersion[] {
      requireCase(db, caseId);
      return all<WorkingDocumentVersionRow>(
        db,
        'SELECT * FROM working_document_versions WHERE case_id = ? ORDER BY version',
        caseId,
      ).map(fromRow);
    },

    /** The content of a version (the latest when none is named), or null when there is none yet. */
    content(caseId: number, version?: number): { version: number; content: WorkingDocumentContent } | null {
      requireCase(db, caseId);
      const row =
        version === undefined
          ? latestRow(caseId)
          : first<WorkingDocumentVersionRow>(
              db,
              'SELECT * FROM working_document_versions WHERE case_id = ? AND version = ?',
              caseId,
              version,
            );
      if (!row) {
        if (version !== undefined)
          throw new ApiError('not-found', `There is no version ${version} of this case's working document.`);
        return null;
      }
      return { version: row.version, content: storedContent(row) };
    },

    /**
     * Makes the next numbered version: DOCX and PDF, the list of changes since the last one, and the PDF
     * in section B as the working document (the previous version's document is removed, with Undo).
     */
    async saveVersion(
      caseId: number,
      content: WorkingDocumentContent,
      date?: string,
      op?: OperationOptions,
    ): Promise<WorkingDocumentVersion> {
      requireCase(db, caseId);
      const problems = contentProblems(content);
      if (problems.length)
        throw new ApiError('invalid-input', `The working document cannot be made yet: ${problems.join(' ')}`);
      const before = latestRow(caseId);
      const version = (before?.version ?? 0) + 1;
      const docDate = date ?? ctx.clock().toISOString().slice(0, 10);
      const doc = rendered(caseId, content, version, docDate);
      op?.onProgress?.({ message: 'Making the Word document', done: 0, total: 3 });
      // Loaded when first needed (as the letters' Word writer is: letters/service.ts).
      const { renderWorkingDocumentDocx } = await import('./docx');
      const docx = await renderWorkingDocumentDocx(doc);
      op?.onProgress?.({ message: 'Making the PDF', done: 1, total: 3 });
      const pdf = await renderWorkingDocumentPdf(doc);
      const stem = `working-document-v${version}-${docDate}`;
      const docxPath = join(ctx.paths.letters, String(caseId), `${stem}.docx`);
      const pdfPath = join(ctx.paths.letters, String(caseId), `${stem}.pdf`);
      writeFileAtomic(docxPath, docx);
      writeFileAtomic(pdfPath, pdf.bytes);

      op?.onProgress?.({ message: 'Putting it in section B of the bundle', done: 2, total: 3 });
      const outcomes = await deps.documents.import({
        caseId,
        section: 'B',
        files: [{ name: `${stem}.pdf`, path: pdfPath }],
        title: `Working document (version ${version}, ${docDate})`,
        documentDate: docDate,
        kind: 'working-document',
      });
      const outcome = outcomes[0];
      if (!outcome || outcome.status === 'refused' || outcome.status === 'unpacked')
        throw new ApiError(
          'refused',
          `The working document was made (${docxPath}) but could not be put in the bundle: ${outcome?.status === 'refused' ? outcome.reason : 'no answer from import'}.`,
        );
      const documentId = outcome.documentId;
      if (before?.document_id && before.document_id !== documentId) {
        const still = first<{ id: number }>(db, 'SELECT id FROM documents WHERE id = ?', before.document_id);
        if (still) deps.documents.remove(before.document_id);
      }
      const previous = before ? storedContent(before) : null;
      const changes = versionChanges(previous, content);
      db.prepare(
        `INSERT INTO working_document_versions
           (case_id, version, doc_date, content, changes, page_count, docx_path, pdf_path, document_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        caseId,
        version,
        docDate,
        JSON.stringify(content),
        JSON.stringify(changes),
        pdf.pageCount,
        relative(ctx.paths.letters, docxPath),
        relative(ctx.paths.letters, pdfPath),
        documentId,
        ctx.clock().toISOString(),
      );
      op?.onProgress?.({ message: 'Done', done: 3, total: 3 });
      return fromRow(latestRow(caseId)!);
    },

    /**
     * Reads a working document (or a plan) from a .docx: content for the editor, nothing saved. The file is
     * read in the untrusted-file worker, with its time and memory caps, as evidence is at import.
     */
    async importDocx(file: ImportFile, op: OperationOptions = {}): Promise<WorkingDocumentContent> {
      try {
        return await runUntrusted('workingDocument.read', { file }, { signal: op.signal });
      } catch (error) {
        throw stoppedJobError(error, op.signal, {
          cancelled: 'Stopped. Nothing was read.',
          tooLong: `Reading “${file.name}” took longer than ${Math.round(LIMITS.importSeconds / 60)} minutes, so it was stopped: it may be damaged or made to cause trouble.`,
          tooMuchMemory: `Reading “${file.name}” needed more memory than one file may use, so it was stopped: it may be damaged or made to cause trouble.`,
          crashed: `“${file.name}” made the program reading it stop: it may be damaged. Open it in Word, save it again, and import that.`,
        });
      }
    },
  };
}
