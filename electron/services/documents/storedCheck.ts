/**
 * Which of a case's documents have a file in the case folder that is no longer the one added, or that is
 * not there at all. The build refuses such a document (bundle/service.ts); the evidence screen asks this
 * when it opens, so the person hears of it while adding documents rather than when building.
 *
 * The file checked is the one bundles and the preview use: the searchable copy once text recognition has
 * made one, else the PDF import made. Removed documents are no longer in the documents table, so they are
 * not checked. With a read-only data folder nothing is recorded (storedFiles.ts), so changed-looking files
 * are hashed on every check, but the answer is the same.
 */
import { ApiError } from '../../../shared/api/errors';
import type { DocumentRecord, StoredFileProblem } from '../../../shared/domain/documents';
import { requireCase } from '../../db/caseRecords';
import type { OperationOptions, ServiceContext } from '../context';
import { changedStoredPdfs } from '../storedFiles';
import { listDocuments } from './records';

const fileOf = (doc: DocumentRecord) => doc.ocrSha256 ?? doc.sha256;

export async function checkStoredDocuments(
  ctx: ServiceContext,
  caseId: number,
  op: OperationOptions = {},
): Promise<StoredFileProblem[]> {
  requireCase(ctx.db, caseId);
  const docs = listDocuments(ctx, caseId);
  // changedStoredPdfs leaves a missing file to whoever reads it: here, that is this check.
  const missing = new Set(docs.map(fileOf).filter((sha256) => !ctx.store.hasPdf(sha256)));
  const message = 'Checking the documents are as they were added';
  let changed: Set<string>;
  try {
    const present = docs.map(fileOf).filter((sha256) => !missing.has(sha256));
    changed = new Set(
      await changedStoredPdfs(ctx, present, op.signal, (done, total) =>
        op.onProgress?.({ message, done, total }),
      ),
    );
  } catch (error) {
    if (op.signal?.aborted)
      throw new ApiError('cancelled', 'Checking the documents was stopped. Nothing has changed.');
    throw error;
  }
  return docs.flatMap((doc): StoredFileProblem[] => {
    const file = fileOf(doc);
    const problem = missing.has(file) ? 'missing' : changed.has(file) ? 'changed' : null;
    return problem ? [{ documentId: doc.id, section: doc.section, title: doc.title, problem }] : [];
  });
}
