/**
 * The jobs the untrusted-file worker runs (worker.ts), with their inputs and outputs. Each checks the
 * limits (shared/limits.ts) first, then does what the service would have done on the main thread.
 * runner.ts imports only the types from here, so the parsers load in the worker alone.
 */
import { ApiError } from '../../../shared/api/errors';
import type { AppealType, CheckResult, CheckRules } from '../../../shared/domain/types';
import { formatCount, LIMITS } from '../../../shared/limits';
import { readCheckFile, type CheckFileInput } from '../checker';
import { checkPdf } from '../checker/check';
import { readArchive } from '../archive/read';
import { preparePdf, type Prepared } from '../documents/import';
import { refuse } from '../documents/refusals';
import { sniffFileType } from '../documents/sniff';
import { openWithPdfjs } from '../pdf/pdfjs';
import { FileStore } from '../../store/fileStore';
import { scanPdf, type PdfScanProblem } from './pdfScan';

export interface JobContext {
  signal: AbortSignal;
  progress: (event: { message: string; done: number; total: number }) => void;
}

/** Pages pdf.js counts, asked only when the cheap count of page objects is over the limit. */
async function pageCountOver(bytes: Uint8Array, pageObjects: number): Promise<number | null> {
  if (pageObjects <= LIMITS.pdfPages) return null;
  try {
    const doc = await openWithPdfjs(bytes);
    const pages = doc.numPages;
    await doc.destroy();
    return pages > LIMITS.pdfPages ? pages : null;
  } catch {
    return null; // The reader after this says what is wrong with it.
  }
}

/** The PDF limits: nesting, unpacked size, pages. Null when the file is within them. */
export async function pdfOverLimits(
  bytes: Uint8Array,
): Promise<{ scan: PdfScanProblem } | { pages: number } | null> {
  const scan = scanPdf(bytes);
  if (scan.problem) return { scan: scan.problem };
  const pages = await pageCountOver(bytes, scan.pageObjects);
  return pages === null ? null : { pages };
}

export interface ImportPrepareInput {
  name: string;
  bytes: Uint8Array;
  /** The store's root folder: its tmp/ holds helper programs' scratch files. */
  storeRoot: string;
  qpdf: string | null;
  soffice: string | null;
}

/** What import does to the file (preparePdf), and the file's bytes handed back to the main thread. */
async function importPrepare(
  input: ImportPrepareInput,
  job: JobContext,
): Promise<Prepared & { original: Uint8Array }> {
  const { name, bytes } = input;
  if (sniffFileType(bytes).kind === 'pdf') {
    const over = await pdfOverLimits(bytes);
    if (over && 'scan' in over) throw refuse.pdfOverLimit(name, over.scan.problem);
    if (over) throw refuse.tooManyPages(name, over.pages);
  }
  const store = new FileStore(input.storeRoot);
  const prepared = await preparePdf(
    { store },
    name,
    bytes,
    { soffice: () => input.soffice, qpdf: () => input.qpdf },
    { signal: job.signal },
    (message) => job.progress({ message, done: 0, total: 1 }),
  );
  return { ...prepared, original: bytes };
}

export interface CheckInput {
  file: CheckFileInput;
  rules: CheckRules;
  appealType: AppealType | null;
}

async function checkerCheck(input: CheckInput, job: JobContext): Promise<CheckResult> {
  const name = input.file.name;
  const over = await pdfOverLimits(readCheckFile(input.file));
  if (over && 'scan' in over)
    throw new ApiError(
      'refused',
      `“${name}” ${over.scan.problem}, which no ordinary bundle does, so it was not checked: it may be damaged or made to cause trouble.`,
    );
  if (over)
    throw new ApiError(
      'refused',
      `“${name}” has ${formatCount(over.pages)} pages, more than the ${formatCount(LIMITS.pdfPages)}-page limit for one PDF, so it was not checked.`,
    );
  // The checker reads a file from disk as it goes (it is not held in memory for the whole check).
  return checkPdf('path' in input.file ? { path: input.file.path } : { bytes: input.file.data }, {
    rules: input.rules,
    appealType: input.appealType,
    fileName: name,
    onProgress: job.progress,
    signal: job.signal,
  });
}

export const JOBS = {
  'import.prepare': importPrepare,
  'checker.check': checkerCheck,
  'archive.read': readArchive,
} as const;

export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = Parameters<(typeof JOBS)[N]>[0];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]>>;

export type WorkerRequest =
  { type: 'run'; id: number; name: JobName; input: unknown } | { type: 'cancel'; id: number };

export type WorkerReply =
  | { type: 'progress'; id: number; event: { message: string; done: number; total: number } }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: import('./wireErrors').WireError };
