/**
 * Taking out words hidden by a box (a redaction that left them in the file: pdf/read/coveredText.ts). The
 * pages that hide words are turned into pictures of themselves, as a reader shows them
 * (documents/rasterise.ts, in the untrusted-file worker): what the page shows stays, and the hidden words
 * are gone from the copy bundles are built from. The file as the user added it is kept as it was. The
 * pages then have no text to search until text recognition reads what they show, which starts at once
 * when the user has "Make scans searchable" on. Areas marked for redaction and never redacted
 * (pdf/read/redactionMarks.ts) are applied the same way: painted over first (documents/redactionMarks.ts),
 * then their pages made pictures.
 */
import { ApiError } from '../../../shared/api/errors';
import { describePages } from '../../../shared/checker/pages';
import { LIMITS } from '../../../shared/limits';
import type { DocumentRecord } from '../../../shared/domain/documents';
import { requireWritable, type OperationOptions, type ServiceContext } from '../context';
import { RASTER_DPI } from './rasterise';
import { storageFault } from '../storageFaults';
import { noteStoredPdf } from '../storedFiles';
import { runUntrusted, UntrustedOutOfMemory, UntrustedTimeout } from '../untrusted/runner';
import { lookForCoveredText } from './coveredText';
import { findPdftoppm } from './executables';
import { HIDDEN_WORDS_NOTE, REDACTION_MARKS_NOTE } from './import';
import { getDocument, storeFileInUse } from './records';

export async function takeOutHiddenWords(
  ctx: ServiceContext,
  documentId: number,
  op: OperationOptions = {},
  pdftoppm: () => string | null = findPdftoppm,
): Promise<DocumentRecord> {
  requireWritable(ctx);
  let doc = getDocument(ctx, documentId);
  if (doc.coveredTextPages === null || doc.redactionMarkPages === null) {
    await lookForCoveredText(ctx, doc.caseId, { signal: op.signal });
    doc = getDocument(ctx, documentId);
  }
  const covered = doc.coveredTextPages ?? [];
  const marked = doc.redactionMarkPages ?? [];
  const pages = [...new Set([...covered, ...marked])].sort((a, b) => a - b);
  const title = doc.title.trim() || 'the document';
  if (pages.length === 0)
    throw new ApiError(
      'refused',
      `No words hidden by a box, nor redactions marked and never applied, were found in “${title}”. Nothing has changed.`,
    );
  const one = pages.length === 1;
  const message = `Turning ${describePages(pages, false)} of “${title}” into ${one ? 'a picture' : 'pictures'}`;
  op.onProgress?.({ message, done: 0, total: pages.length });
  let result;
  try {
    result = await runUntrusted(
      'documents.pagesAsPictures',
      {
        path: ctx.store.pdfPath(doc.sha256),
        pages,
        applyRedactionMarks: marked.length > 0,
        storeRoot: ctx.store.root,
        pdftoppm: pdftoppm(),
      },
      {
        signal: op.signal,
        onProgress: (event) => op.onProgress?.({ message, done: event.done, total: event.total }),
        // A page takes poppler a fraction of a second: a long document's many pages get time for each.
        timeoutMs: (LIMITS.importSeconds + 2 * pages.length) * 1000,
      },
    );
  } catch (error) {
    if (op.signal?.aborted)
      throw new ApiError('cancelled', 'Taking out the hidden words was stopped. Nothing has changed.');
    const why =
      error instanceof UntrustedTimeout
        ? `it took longer than ${LIMITS.importSeconds + 2 * pages.length} seconds`
        : error instanceof UntrustedOutOfMemory
          ? 'it needed more memory than the app allows'
          : ((error as Error)?.message ?? String(error));
    throw new ApiError(
      'refused',
      `The pages of “${title}” could not be turned into pictures (${why}). Nothing has changed. Redact the document with a tool that removes the words (such as Acrobat's Redact), and add it again.`,
    );
  }
  if (result.coveredTextPages.length || result.redactionMarkPages.length) {
    throw new ApiError(
      'internal',
      `The pictures of the pages of “${title}” still hold hidden words, so they were not kept. Nothing has changed; please report this.`,
    );
  }
  const why = [
    ...(marked.length ? ['apply the redactions marked on them (the marked areas painted over)'] : []),
    ...(covered.length ? ['take out the words hidden by a box'] : []),
  ].join(' and ');
  const note =
    `${describePages(pages, true)} ${one ? 'was' : 'were'} turned into ${one ? 'a picture' : 'pictures'} of ` +
    `${one ? 'itself' : 'themselves'} (at ${RASTER_DPI} dpi) to ${why}: ` +
    `${one ? 'it shows' : 'they show'} what ${one ? 'it' : 'they'} showed${marked.length ? ' (the marked areas painted over)' : ''}, and ${one ? 'its' : 'their'} text can be searched again once text recognition has read ${one ? 'it' : 'them'}. The file as you added it still holds the ${marked.length && !covered.length ? 'words marked for redaction' : 'hidden words'}.`;
  let sha256: string;
  try {
    sha256 = ctx.store.putPdf(result.pdf).sha256;
    const changed = ctx.db
      .prepare(
        `UPDATE documents SET sha256 = ?, page_sizes = ?, pages_without_text = ?, covered_text_pages = '[]',
           redaction_mark_pages = '[]', ocr_sha256 = NULL, ocr_pages = '[]', ocr_at = NULL, import_notes = ?
         WHERE id = ? AND sha256 = ?`,
      )
      .run(
        sha256,
        JSON.stringify(result.inspection.pageSizes),
        JSON.stringify(result.inspection.pagesWithoutText),
        JSON.stringify([
          ...doc.importNotes.filter(
            (n) => !n.includes(HIDDEN_WORDS_NOTE) && !n.includes(REDACTION_MARKS_NOTE),
          ),
          note,
        ]),
        documentId,
        doc.sha256,
      ).changes;
    if (changed === 0) {
      if (!storeFileInUse(ctx, sha256)) ctx.store.removePdf(sha256);
      throw new ApiError(
        'conflict',
        `“${title}” was changed or removed while its pages were being turned into pictures. Nothing has changed.`,
      );
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw storageFault(error, ctx.paths.dataDir) ?? error;
  }
  noteStoredPdf(ctx, sha256);
  return getDocument(ctx, documentId);
}
