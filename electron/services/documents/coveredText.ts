/**
 * Words under a box painted over them that are still in the file (pdf/inspect.ts, pagesWithCoveredText),
 * and areas marked for redaction never redacted (pagesWithRedactionMarks): import records each document's
 * pages with them (documents.covered_text_pages, redaction_mark_pages), and the bundle plan warns of them
 * (shared/bundle/compliance.ts). A document imported before import looked has none recorded (null);
 * it is looked at here, once, in the untrusted-file worker, before a bundle is planned from it.
 */
import { LIMITS } from '../../../shared/limits';
import { all } from '../../db/query';
import type { OperationOptions, ServiceContext } from '../context';
import type { RedactionProblems } from '../untrusted/jobs';
import { runUntrusted } from '../untrusted/runner';

/** Documents the worker could not read again, by context: not tried again while the app runs. */
const unreadable = new WeakMap<ServiceContext, Set<number>>();

/**
 * Looks for covered words in the case's documents not yet looked at, and records what it finds. A document
 * it cannot read again is passed over (its bundle pages go without the warning); nothing is recorded in a
 * read-only data folder.
 */
export async function lookForCoveredText(
  ctx: ServiceContext,
  caseId: number,
  op: OperationOptions = {},
): Promise<void> {
  if (ctx.readOnly) return;
  const skipped = unreadable.get(ctx) ?? new Set<number>();
  unreadable.set(ctx, skipped);
  const documents = all<{ id: number; sha256: string; covered: number }>(
    ctx.db,
    `SELECT id, sha256, covered_text_pages IS NOT NULL AS covered FROM documents
     WHERE case_id = ? AND (covered_text_pages IS NULL OR redaction_mark_pages IS NULL) ORDER BY id`,
    caseId,
  ).filter((d) => !skipped.has(d.id));
  for (const [done, document] of documents.entries()) {
    op.signal?.throwIfAborted();
    op.onProgress?.({
      message:
        'Looking for words hidden under boxes, and redactions never applied, in documents added before the app looked for them',
      done,
      total: documents.length,
    });
    let found: RedactionProblems;
    try {
      found = await runUntrusted(
        'documents.coveredText',
        // Documents whose covered words are known (imported before redaction marks were looked for)
        // are not read for them again.
        { path: ctx.store.pdfPath(document.sha256), coveredText: !document.covered },
        { signal: op.signal, timeoutMs: LIMITS.importSeconds * 1000 },
      );
    } catch (error) {
      if (op.signal?.aborted) throw error;
      skipped.add(document.id);
      continue;
    }
    try {
      // Only if the document is still the one read (not removed, nor its file changed, meanwhile).
      ctx.db
        .prepare(
          `UPDATE documents SET covered_text_pages = COALESCE(covered_text_pages, ?),
             redaction_mark_pages = COALESCE(redaction_mark_pages, ?)
           WHERE id = ? AND sha256 = ?`,
        )
        .run(
          JSON.stringify(found.coveredTextPages),
          JSON.stringify(found.redactionMarkPages),
          document.id,
          document.sha256,
        );
    } catch {
      // A disk that cannot take the write: looked at again the next time the app runs.
      skipped.add(document.id);
    }
  }
}
