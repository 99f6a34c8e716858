/**
 * Compare two bundles (shared/bundle/compare.ts): any two PDFs, ours or anyone's, read in the
 * untrusted-file worker (untrusted/jobs.ts, checker.compare) with the checker's time and memory limits; and
 * the comparison report (PDF, with the same content as JSON beside it) a parent can send to the tribunal.
 */
import { join } from 'node:path';
import { compareBundles, type CompareReportResult, type CompareResult } from '../../../shared/bundle/compare';
import { LIMITS } from '../../../shared/limits';
import { checkFileExists, reportBaseName, writeReportFiles, type CheckFileInput } from '../checker/service';
import type { OperationOptions, ServiceContext } from '../context';
import { runUntrusted, stoppedJobError } from '../untrusted/runner';
import { renderCompareReport } from './report';

interface CompareRequest {
  /** Yours, then theirs. */
  files: [CheckFileInput, CheckFileInput];
}

/**
 * Compares the two files; each must exist and be a file. Both are read at once, each in its own
 * untrusted-file worker (one per core: reading a file is the work), and their facts compared here (pure,
 * milliseconds for 1,000-page bundles). If one cannot be read, the other is stopped.
 */
export async function compareFiles(
  request: CompareRequest,
  op: OperationOptions = {},
): Promise<CompareResult> {
  // Missing files and folders are said before the workers start (bytes from a browser are read there).
  for (const file of request.files) if ('path' in file) checkFileExists(file);
  const started = performance.now();
  const stopBoth = new AbortController();
  const onAbort = () => stopBoth.abort(op.signal?.reason);
  op.signal?.addEventListener('abort', onAbort, { once: true });
  // Progress of the two readings together: each side's pages read, out of both files' pages.
  const sides = request.files.map(() => ({ done: 0, total: 0 }));
  const reading = request.files.map((file, n) =>
    runUntrusted(
      'checker.compareRead',
      { file },
      {
        signal: stopBoth.signal,
        onProgress: (event) => {
          sides[n] = { done: event.done, total: event.total };
          const total = sides.reduce((sum, s) => sum + s.total, 0);
          op.onProgress?.({
            message: event.message,
            done: sides.reduce((sum, s) => sum + s.done, 0),
            total: Math.max(total, 1),
          });
        },
        timeoutMs: LIMITS.checkSeconds * 1000,
      },
    ).catch((error: unknown) => {
      // The first failure stops the other reading; the error said is the first one.
      if (!stopBoth.signal.aborted) stopBoth.abort(error);
      throw error;
    }),
  );
  try {
    const [yours, theirs] = await Promise.all(reading);
    const result = compareBundles(yours, theirs);
    result.seconds = Math.round((performance.now() - started) / 10) / 100;
    return result;
  } catch (error) {
    const names = `“${request.files[0].name}” and “${request.files[1].name}”`;
    throw stoppedJobError(error, op.signal, {
      cancelled: 'The comparison was stopped.',
      tooLong: `Comparing ${names} took longer than ${Math.round(LIMITS.checkSeconds / 60)} minutes (the most one comparison may take), so it was stopped.`,
      tooMuchMemory: `Comparing ${names} needed more memory than allowed, so it was stopped.`,
      crashed: `One of ${names} made the program reading it stop, so they were not compared: it may be damaged or made to cause trouble. Check each on its own to see which.`,
    });
  } finally {
    op.signal?.removeEventListener('abort', onAbort);
    // The reading not yet failed may still reject (stopped): nobody waits for it.
    for (const r of reading) r.catch(() => undefined);
  }
}

/** Writes the PDF report and its JSON beside it. */
export async function writeCompareReport(
  result: CompareResult,
  comparedAt: Date,
  pdfPath: string,
  jsonPath?: string,
): Promise<{ pdfPath: string; jsonPath: string }> {
  return writeReportFiles(
    await renderCompareReport(result, comparedAt),
    { report: { title: 'Comparison of two bundles', comparedAt: comparedAt.toISOString() }, ...result },
    pdfPath,
    jsonPath,
  );
}

export function createCompareService(ctx: ServiceContext) {
  return {
    compare: (request: CompareRequest, op?: OperationOptions) => compareFiles(request, op),
    /** Compares and writes both reports to the reports folder. */
    async report(request: CompareRequest, op?: OperationOptions): Promise<CompareReportResult> {
      const result = await compareFiles(request, op);
      const at = ctx.clock();
      const base = join(
        ctx.paths.reports,
        reportBaseName(request.files[0].name, at).replace('-check-', '-compare-'),
      );
      return { ...(await writeCompareReport(result, at, `${base}.pdf`, `${base}.json`)), result };
    },
  };
}
