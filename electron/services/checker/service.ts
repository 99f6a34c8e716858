/**
 * The checker service: check any bundle PDF (a path on this machine, or bytes from a browser upload) and
 * write the check report (PDF and JSON) into the reports folder.
 */
import { statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { AppealType } from '../../../shared/domain/case';
import type { CheckReportResult, CheckResult, CheckRules } from '../../../shared/domain/checker';
import type { OperationOptions, ServiceContext } from '../context';
import { LIMITS } from '../../../shared/limits';
import { writeFileAtomic } from '../../store/atomicFile';
import { fileOverLimitsStarted, type OverLimits } from '../untrusted/limitsScan';
import { runUntrusted, stoppedJobError, warmUpUntrustedWorker } from '../untrusted/runner';
import { renderReportPdf, reportContent } from './report';

export type CheckFileInput = { name: string; path: string } | { name: string; data: Uint8Array };

interface CheckRequest {
  file: CheckFileInput;
  rules: CheckRules;
  appealType?: AppealType | null;
}

/**
 * A missing path, a folder, or something that is not a file (a pipe, which would wait for a writer for
 * ever, or a device) is refused with a message naming it, before anything opens it.
 */
export function checkFileExists(file: { name: string; path: string }): void {
  let stats: Stats;
  try {
    stats = statSync(file.path);
  } catch {
    throw new ApiError('not-found', `The file “${file.name}” could not be found at ${file.path}.`);
  }
  if (stats.isDirectory()) throw new ApiError('invalid-input', `“${file.name}” is a folder, not a PDF file.`);
  if (!stats.isFile())
    throw new ApiError(
      'invalid-input',
      `“${file.name}” is not a file but a device or a pipe, so it cannot be checked. Save the bundle as a file and check that.`,
    );
}

/**
 * The PDF limits of a file on disk, scanned in a thread of its own (untrusted/scanWorker.ts) while the
 * untrusted-file worker starts, instead of after: undefined when the scan could not be done here (the
 * worker scans it then, and says what is wrong with a file it cannot read).
 */
async function scanWhileTheWorkerStarts(path: string, signal?: AbortSignal): Promise<OverLimits | undefined> {
  warmUpUntrustedWorker(LIMITS.parserHeapMb, { textReader: true });
  const scanning = fileOverLimitsStarted(path);
  scanning.catch(() => {}); // Awaited below.
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ApiError('cancelled', 'The check was stopped.'));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {}); // Raced below.
  try {
    return await Promise.race([scanning.catch(() => undefined), aborted]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Checks the file in the untrusted-file worker (untrusted/runner.ts): it reads the file itself, refuses
 * one over the limits, and is stopped after LIMITS.checkSeconds or when it needs too much memory. A file
 * on disk has its limits scanned while that worker starts.
 */
export async function checkFile(request: CheckRequest, op: OperationOptions = {}): Promise<CheckResult> {
  const name = request.file.name;
  // Before the limits scan opens it: opening a pipe waits for a writer.
  if ('path' in request.file) checkFileExists(request.file);
  try {
    const scanned =
      'path' in request.file ? await scanWhileTheWorkerStarts(request.file.path, op.signal) : undefined;
    return await runUntrusted(
      'checker.check',
      { file: request.file, rules: request.rules, appealType: request.appealType ?? null, scanned },
      { signal: op.signal, onProgress: op.onProgress, timeoutMs: LIMITS.checkSeconds * 1000 },
    );
  } catch (error) {
    throw stoppedJobError(error, op.signal, {
      cancelled: 'The check was stopped.',
      tooLong: `Checking “${name}” took longer than ${Math.round(LIMITS.checkSeconds / 60)} minutes (the most one check may take), so it was stopped. If it is a very long bundle, check its parts one at a time.`,
      tooMuchMemory: `Checking “${name}” needed more memory than one check may use, so it was stopped. If it is a very large bundle, check its parts one at a time.`,
      crashed: `“${name}” made the program reading it stop, so it was not checked: it may be damaged or made to cause trouble. Nothing else was affected. Ask whoever sent it for a new copy.`,
    });
  }
}

/** A file name for the report: the bundle's name without its extension, and when it was checked. */
export function reportBaseName(fileName: string, at: Date): string {
  const stem =
    basename(fileName)
      .replace(/\.pdf$/i, '')
      .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
      .slice(0, 80) || 'bundle';
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stem}-check-${stamp}`;
}

/** Writes a report's PDF, and its content as JSON beside it (`pdfPath` with .json for .pdf). */
export function writeReportFiles(
  pdf: Uint8Array,
  content: unknown,
  pdfPath: string,
  jsonPath: string = pdfPath.replace(/\.pdf$/i, '') + '.json',
): { pdfPath: string; jsonPath: string } {
  writeFileAtomic(pdfPath, pdf);
  writeFileAtomic(jsonPath, new TextEncoder().encode(JSON.stringify(content, null, 2) + '\n'));
  return { pdfPath, jsonPath };
}

/** Writes the PDF and JSON reports for a result to `pdfPath` (and the same name with .json). */
export async function writeReport(
  result: CheckResult,
  checkedAt: Date,
  pdfPath: string,
  jsonPath?: string,
): Promise<{ pdfPath: string; jsonPath: string }> {
  return writeReportFiles(
    await renderReportPdf(result, checkedAt),
    reportContent(result, checkedAt),
    pdfPath,
    jsonPath,
  );
}

export function createCheckerService(ctx: ServiceContext) {
  return {
    check: (request: CheckRequest, op?: OperationOptions) => checkFile(request, op),
    /** Checks the file and writes both reports to the reports folder. */
    async report(request: CheckRequest, op?: OperationOptions): Promise<CheckReportResult> {
      const result = await checkFile(request, op);
      const at = ctx.clock();
      const name = reportBaseName(request.file.name, at);
      const base = join(ctx.paths.reports, name);
      const paths = await writeReport(result, at, `${base}.pdf`, `${base}.json`);
      return { ...paths, name, result };
    },
  };
}
