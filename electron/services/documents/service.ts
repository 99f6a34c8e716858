/**
 * The documents service: a case's evidence documents (records.ts) and importing files into the case
 * (import.ts). After an import, with `ocr` (default: the "Make scans searchable" setting), the new documents
 * that have pages without text are queued for text recognition, which goes on after the import returns.
 * `checkStored` says which documents' files in the case folder are no longer the ones added (storedCheck.ts).
 * `takeOutHiddenWords` turns the pages with words hidden by a box into pictures of themselves (hiddenWords.ts),
 * then, as after an import, queues them for text recognition.
 */
import { needsOcr } from '../../../shared/domain/documents';
import type { OperationOptions, ServiceContext } from '../context';
import type { createOcrService } from '../ocr/service';
import { importFiles, type ImportRequest } from './import';
import { createDocumentRecordsService, getDocument } from './records';
import { checkStoredDocuments } from './storedCheck';
import { takeOutHiddenWords } from './hiddenWords';

export function createDocumentService(
  ctx: ServiceContext,
  siblings: { ocr: Pick<ReturnType<typeof createOcrService>, 'atImport' | 'start'> },
) {
  const { ocr } = siblings;
  return {
    ...createDocumentRecordsService(ctx),
    async import(request: ImportRequest & { ocr?: boolean }, op?: OperationOptions) {
      const outcomes = await importFiles(ctx, request, op);
      if (request.ocr ?? ocr.atImport()) {
        const scans = outcomes
          .filter((o) => o.status === 'imported')
          .map((o) => getDocument(ctx, o.documentId))
          .filter(needsOcr)
          .map((d) => d.id);
        if (scans.length > 0) ocr.start(request.caseId, scans);
      }
      return outcomes;
    },
    async takeOutHiddenWords(documentId: number, options: { ocr?: boolean } = {}, op?: OperationOptions) {
      const doc = await takeOutHiddenWords(ctx, documentId, op);
      if ((options.ocr ?? ocr.atImport()) && needsOcr(doc)) ocr.start(doc.caseId, [doc.id]);
      return doc;
    },
    /** The documents whose stored file changed since it was added, or is missing (storedCheck.ts). */
    checkStored: (caseId: number, op?: OperationOptions) => checkStoredDocuments(ctx, caseId, op),
  };
}
