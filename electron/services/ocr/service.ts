/**
 * Text recognition (OCR) of a case's documents: a queue worked through one document at a time in the
 * background (after an import, from a button), or waited for (the CLI). Each document's pages without
 * text are read (runner.ts → worker.ts); the result, the same pages with an invisible text layer, is
 * stored as a derived file in the content-addressed store and recorded on the document (ocr_sha256): the
 * PDF import made is kept unchanged, bundles and the preview use the searchable copy.
 *
 * The setting "Make scans searchable" (on unless turned off) says whether imports queue their scans.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { needsOcr, type DocumentRecord, type OcrJob } from '../../../shared/domain/documents';
import { first } from '../../db/query';
import { dataFolderGone, requireWritable, type OperationOptions, type ServiceContext } from '../context';
import { getDocument, listDocuments, storeFileInUse } from '../documents/records';
import { changedStoredPdfs, noteStoredPdf } from '../storedFiles';
import { storageFault } from '../storageFaults';
import type { OcrJobResult } from './protocol';
import { OcrRunner, OcrStopped } from './runner';

const SETTING = 'make-scans-searchable';
/** Finished jobs are remembered (for the screens to show how they ended) up to this many. */
const KEEP_FINISHED = 200;

interface Job extends OcrJob {
  controller: AbortController;
  finished: Promise<OcrJob>;
  settle: (job: OcrJob) => void;
  onProgress?: OperationOptions['onProgress'];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function pageList(pages: number[]): string {
  return pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.join(', ')}`;
}

function publicJob(job: Job): OcrJob {
  const { documentId, caseId, title, state, pagesDone, pagesTotal, message, pagesRecognised } = job;
  return { documentId, caseId, title, state, pagesDone, pagesTotal, message, pagesRecognised };
}

export function createOcrService(ctx: ServiceContext, options: { runner?: OcrRunner } = {}) {
  const runner = options.runner ?? new OcrRunner();
  const jobs: Job[] = [];
  let working = false;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const isActive = (job: Job) => job.state === 'queued' || job.state === 'running';

  function prune(): void {
    const finished = jobs.filter((j) => !isActive(j));
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      jobs.splice(jobs.indexOf(old), 1);
  }

  function end(job: Job, state: OcrJob['state'], message: string): void {
    job.state = state;
    job.message = message;
    job.settle(publicJob(job));
  }

  function enqueue(doc: DocumentRecord): Job {
    const existing = jobs.find((j) => j.documentId === doc.id && isActive(j));
    if (existing) return existing;
    let settle: (job: OcrJob) => void = () => {};
    const finished = new Promise<OcrJob>((resolve) => (settle = resolve));
    const job: Job = {
      documentId: doc.id,
      caseId: doc.caseId,
      title: doc.title,
      state: 'queued',
      pagesDone: 0,
      pagesTotal: 0,
      message: 'Waiting to recognise text',
      pagesRecognised: 0,
      controller: new AbortController(),
      finished,
      settle,
    };
    jobs.push(job);
    prune();
    queueMicrotask(pump);
    return job;
  }

  function pump(): void {
    if (working || closed) return;
    const next = jobs.find((j) => j.state === 'queued');
    if (!next) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    working = true;
    void process(next).finally(() => {
      working = false;
      pump();
    });
  }

  function report(job: Job): void {
    job.onProgress?.({ message: job.message, done: job.pagesDone, total: job.pagesTotal });
  }

  /** Records the searchable copy (or that none could be made) on the document, if it is still there. */
  function record(job: Job, doc: DocumentRecord, result: OcrJobResult, outPath: string): void {
    // The folder moved or deleted while the text was read: recorded now, it would be lost (context.ts).
    const gone = dataFolderGone(ctx);
    if (gone) throw gone;
    const recognised = result.pages.filter((p) => p.words > 0).map((p) => p.page);
    let put: { sha256: string } | null = null;
    if (result.written) {
      // Moved into the store under its hash (the worker wrote and hashed it); a whole copy already there is kept.
      ctx.store.adopt('pdf', result.written.sha256, outPath);
      noteStoredPdf(ctx, result.written.sha256);
      rmSync(outPath, { force: true });
      put = { sha256: result.written.sha256 };
    }
    const hadNoText = new Set([...doc.pagesWithoutText, ...doc.ocrPages]);
    const stillWithout = [...hadNoText].filter((p) => !recognised.includes(p)).sort((a, b) => a - b);
    const updated = ctx.db.transaction(() => {
      const info = ctx.db
        .prepare(
          `UPDATE documents SET ocr_sha256 = ?, ocr_pages = ?, ocr_at = ?, pages_without_text = ?
           WHERE id = ? AND sha256 = ?`,
        )
        .run(
          put?.sha256 ?? null,
          JSON.stringify(recognised),
          ctx.clock().toISOString(),
          JSON.stringify(stillWithout),
          doc.id,
          doc.sha256,
        );
      return info.changes === 1;
    })();
    // A copy nothing names any more (the document was removed meanwhile, or this replaced an older copy).
    for (const sha of [put?.sha256, doc.ocrSha256])
      if (sha && sha !== doc.sha256 && !storeFileInUse(ctx, sha)) ctx.store.removePdf(sha);
    if (!updated) {
      end(job, 'cancelled', `"${doc.title}" was removed from the case before its text was recognised.`);
      return;
    }
    job.pagesRecognised = recognised.length;
    const notes: string[] = [];
    const empty = result.pages.filter((p) => p.words === 0).map((p) => p.page);
    if (empty.length) notes.push(`no text was found on ${pageList(empty)}`);
    if (result.failed.length)
      notes.push(
        `${pageList(result.failed.map((f) => f.page))} could not be read (${result.failed[0].reason})`,
      );
    const tail = notes.length ? `; ${notes.join('; ')}` : '';
    if (recognised.length > 0)
      end(job, 'done', `Text recognised on ${plural(recognised.length, 'page')}${tail}.`);
    else if (result.pages.length === 0 && result.failed.length === 0)
      end(job, 'done', 'Every page already has text that can be searched: nothing to recognise.');
    else if (result.failed.length > 0 && result.pages.length === 0)
      end(job, 'failed', `Text could not be recognised in "${doc.title}": ${result.failed[0].reason}.`);
    else
      end(
        job,
        'done',
        `No text could be found on the scanned ${plural(result.pages.length, 'page')}${tail}.`,
      );
  }

  async function process(job: Job): Promise<void> {
    let doc: DocumentRecord;
    try {
      doc = getDocument(ctx, job.documentId);
    } catch {
      end(job, 'cancelled', `"${job.title}" is no longer in the case.`);
      return;
    }
    job.state = 'running';
    job.message = `Looking for pages to read in "${doc.title}"`;
    report(job);
    const outPath = join(ctx.store.tmpDir, `ocr-${randomBytes(8).toString('hex')}.pdf`);
    try {
      requireWritable(ctx);
      // A searchable copy of a file changed since it was added would pass the build's check as whole.
      if ((await changedStoredPdfs(ctx, [doc.sha256], job.controller.signal)).length)
        throw new ApiError(
          'conflict',
          `The app's copy of "${doc.title}" has changed since it was added to the case, so its text was not recognised. Another program may have changed the file in the case folder, or the disk may be failing. Remove the document and add it again from your own copy. The document is unchanged.`,
        );
      const pages = Array.from({ length: doc.pageCount }, (_, i) => i + 1);
      const result = await runner.run(ctx.store.pdfPath(doc.sha256), outPath, pages, {
        signal: job.controller.signal,
        onPage: ({ done, total }) => {
          job.pagesDone = done;
          job.pagesTotal = total;
          job.message =
            done < total ? `Reading page ${done + 1} of ${total} of "${doc.title}"` : `Saving "${doc.title}"`;
          report(job);
        },
      });
      if (job.controller.signal.aborted || closed) {
        end(job, 'cancelled', 'Stopped. Nothing was changed.');
        return;
      }
      record(job, doc, result, outPath);
    } catch (error) {
      // The folder moved or deleted while the text was read fails the reading too (its file is gone).
      const fault =
        dataFolderGone(ctx) ?? (error instanceof ApiError ? null : storageFault(error, ctx.paths.dataDir));
      if (error instanceof OcrStopped && error.reason === 'cancelled')
        end(job, 'cancelled', 'Stopped. Nothing was changed.');
      else
        end(
          job,
          'failed',
          fault
            ? `"${doc.title}" was not made searchable: ${fault.message}`
            : error instanceof ApiError
              ? error.message
              : `Text could not be recognised in "${doc.title}": ${(error as Error)?.message ?? String(error)}. The document is unchanged.`,
        );
    } finally {
      rmSync(outPath, { force: true });
    }
    report(job);
  }

  function documentsOf(caseId: number, documentIds?: number[]): DocumentRecord[] {
    const all = listDocuments(ctx, caseId);
    if (!documentIds) return all.filter(needsOcr);
    return documentIds.map((id) => {
      const doc = all.find((d) => d.id === id);
      if (!doc) throw new ApiError('not-found', 'That document is no longer in this case.');
      return doc;
    });
  }

  const service = {
    /**
     * Queues documents of a case (by default those with pages that have no text and have not been tried)
     * and returns at once; the work goes on in the background. Returns the case's jobs.
     */
    start(caseId: number, documentIds?: number[]): OcrJob[] {
      requireWritable(ctx);
      for (const doc of documentsOf(caseId, documentIds)) enqueue(doc);
      return service.status(caseId);
    },

    /**
     * Recognises documents of a case (as `start` chooses them) and waits for them all (the CLI): progress
     * per page; `op.signal` stops them.
     */
    async run(
      caseId: number,
      documentIds: number[] | undefined,
      op: OperationOptions = {},
    ): Promise<OcrJob[]> {
      requireWritable(ctx);
      const queued = documentsOf(caseId, documentIds).map(enqueue);
      for (const job of queued) job.onProgress = op.onProgress;
      const abort = () => service.cancel(caseId);
      op.signal?.addEventListener('abort', abort, { once: true });
      try {
        return await Promise.all(queued.map((job) => job.finished));
      } finally {
        op.signal?.removeEventListener('abort', abort);
      }
    },

    /** The case's text recognition: waiting, running and finished jobs, oldest first. */
    status(caseId: number): OcrJob[] {
      return jobs.filter((j) => j.caseId === caseId).map(publicJob);
    },

    /** Stops a document's text recognition (or all of the case's): nothing is changed. */
    cancel(caseId: number, documentId?: number): OcrJob[] {
      for (const job of jobs) {
        if (job.caseId !== caseId || (documentId !== undefined && job.documentId !== documentId)) continue;
        if (job.state === 'queued') end(job, 'cancelled', 'Stopped before it started. Nothing was changed.');
        else if (job.state === 'running') job.controller.abort();
      }
      return service.status(caseId);
    },

    /** Whether imports make their scans searchable ("Make scans searchable"; on unless turned off). */
    atImport(): boolean {
      const row = first<{ value: string }>(ctx.db, 'SELECT value FROM settings WHERE key = ?', SETTING);
      return row?.value !== 'off';
    },

    setAtImport(enabled: boolean): { enabled: boolean } {
      ctx.db
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        )
        .run(SETTING, enabled ? 'on' : 'off');
      return { enabled };
    },

    /** Resolves when nothing is queued or running (tests, and waiting before a build). */
    idle(): Promise<void> {
      if (!working && !jobs.some((j) => j.state === 'queued')) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },

    /** Stops everything now (the data folder is closing). */
    close(): void {
      if (closed) return;
      closed = true;
      for (const job of jobs) {
        if (job.state === 'queued') end(job, 'cancelled', 'Stopped: the app is closing.');
        else if (job.state === 'running') job.controller.abort();
      }
      void runner.terminate();
      for (const resolve of idleWaiters.splice(0)) resolve();
    },
  };
  ctx.onClose.push(() => service.close());
  return service;
}
