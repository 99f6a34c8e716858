/**
 * The jobs the untrusted-file worker runs (worker.ts), with their inputs and outputs. Each checks the
 * limits (shared/limits.ts) first, then does what the service would have done on the main thread.
 * runner.ts imports only the types from here, so the parsers load in the worker alone.
 */
import { readFileSync, statSync } from 'node:fs';
import { ApiError } from '../../../shared/api/errors';
import type { AppealType } from '../../../shared/domain/case';
import type { CheckResult, CheckRules, CheckSummary } from '../../../shared/domain/checker';
import { formatCount, formatSize, LIMITS } from '../../../shared/limits';
import { checkFileExists, type CheckFileInput } from '../checker/service';
import { checkPdf } from '../checker/check';
import { asPartOfBundle, readPartOfBundle } from '../checker/partOfBundle';
import type { CompareFacts } from '../../../shared/bundle/compare';
import { readForCompare } from '../compare/read';
import { PdfFile, PdfReadError, type PdfInput } from '../pdf/read';
import { fingerprintOf, readContentFingerprintIn, type ContentFingerprint } from '../bundle/identity';
import { PageTextReader } from '../pdf/read/text';
import { statedFingerprint } from '../compare/read';
import { readArchive } from '../archive/read';
import { preparePdf, unpackArchive, type Prepared, type Unpacked } from '../documents/import';
import {
  inspectPdf,
  pagesWithCoveredText,
  pagesWithRedactionMarks,
  type PdfInspection,
} from '../pdf/inspect';
import { withRedactionMarksPainted } from '../documents/redactionMarks';
import { PDFDocument } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS } from '../bundle/engine';
import { picturesOfPages, replacePagesWithPictures } from '../documents/rasterise';
import { refuse } from '../documents/refusals';
import { sniffFileType } from '../documents/sniff';
import { FileStore } from '../../store/fileStore';
import { fileOverLimits, pdfOverLimits, type OverLimits } from './limitsScan';
import { readWorkingDocumentDocx } from '../workingDocument/read';
import type { WorkingDocumentContent } from '../../../shared/workingDocument/model';

export interface JobContext {
  signal: AbortSignal;
  progress: (event: { message: string; done: number; total: number }) => void;
}

export interface ImportPrepareInput {
  name: string;
  bytes: Uint8Array;
  /** The store's root folder: its tmp/ holds helper programs' scratch files. */
  storeRoot: string;
  qpdf: string | null;
  soffice: string | null;
  /** Poppler's renderer, for pages import must turn into pictures. */
  pdftoppm?: string | null;
  /** Take the files attached to a PDF out, to be added after it (false: only name them). */
  takeAttachments?: boolean;
}

/** What import does to the file (preparePdf). */
async function importPrepare(input: ImportPrepareInput, job: JobContext): Promise<Prepared | Unpacked> {
  const { name, bytes } = input;
  if (sniffFileType(bytes).kind === 'pdf') {
    const over = await pdfOverLimits(bytes);
    if (over && 'scan' in over) throw refuse.pdfOverLimit(name, over.scan.problem);
    if (over) throw refuse.tooManyPages(name, over.pages);
  }
  // A zip archive of files is no document: what import makes of it is the files in it.
  if (sniffFileType(bytes).kind === 'archive' && (input.takeAttachments ?? true))
    return unpackArchive(name, bytes);
  const store = new FileStore(input.storeRoot);
  return preparePdf(
    { store },
    name,
    bytes,
    { soffice: () => input.soffice, qpdf: () => input.qpdf, pdftoppm: () => input.pdftoppm ?? null },
    { signal: job.signal },
    (message) => job.progress({ message, done: 0, total: 1 }),
    input.takeAttachments ?? true,
  );
}

export interface CheckInput {
  file: CheckFileInput;
  rules: CheckRules;
  appealType: AppealType | null;
  /** The file's PDF limits, when the caller has had them scanned already (checker/service.ts). */
  scanned?: OverLimits;
}

/**
 * The PDF limits of a file to check or compare: a file on disk is scanned in a thread of its own (the
 * checker reads it from disk as it goes, and need not hold it all meanwhile); uploaded bytes here.
 */
async function overLimits(file: CheckFileInput): Promise<OverLimits> {
  if (!('path' in file)) return pdfOverLimits(file.data);
  checkFileExists(file);
  try {
    return await fileOverLimits(file.path);
  } catch (error) {
    throw new ApiError('refused', `The file “${file.name}” could not be read: ${(error as Error).message}`);
  }
}

/** A file over the PDF limits is refused with a message naming it; `what` is what was not done. */
async function refuseOverLimits(file: CheckFileInput, what: string): Promise<void> {
  const name = file.name;
  const over = await overLimits(file);
  if (over && 'scan' in over)
    throw new ApiError(
      'refused',
      `“${name}” ${over.scan.problem}, which no ordinary bundle does, so it was not ${what}: it may be damaged or made to cause trouble.`,
    );
  if (over)
    throw new ApiError(
      'refused',
      `“${name}” has ${formatCount(over.pages)} pages, more than the ${formatCount(LIMITS.pdfPages)}-page limit for one PDF, so it was not ${what}.`,
    );
}

export interface CompareReadInput {
  file: CheckFileInput;
}

/**
 * Reads one of the two files being compared (within the limits) into what comparing needs. The two files
 * are read at once, each in its own worker (compare/service.ts), and compared where their facts meet.
 */
async function checkerCompareRead(input: CompareReadInput, job: JobContext): Promise<CompareFacts> {
  const { file } = input;
  await refuseOverLimits(file, 'compared');
  try {
    return await readForCompare('path' in file ? { path: file.path } : { bytes: file.data }, {
      fileName: file.name,
      signal: job.signal,
      onProgress: (message, done, total) => job.progress({ message, done, total }),
    });
  } catch (error) {
    if (!(error instanceof PdfReadError)) throw error;
    throw new ApiError(
      'refused',
      error.kind === 'password-protected'
        ? `“${file.name}” needs a password to open, so it cannot be compared. Save a copy without the password and compare that.`
        : error.kind === 'not-a-pdf'
          ? `“${file.name}” is not a PDF file, so it cannot be compared.`
          : `“${file.name}” is too damaged to read, so it cannot be compared: ${error.message}`,
    );
  }
}

async function checkerCheck(input: CheckInput, job: JobContext): Promise<CheckResult> {
  const name = input.file.name;
  // pdf.js's reader (a worker thread) loads while the limits are checked (unless the caller has had them
  // scanned). It reads the front pages for the checker first, then digests a file on disk for its
  // fingerprint, on the second core while this one checks.
  const reader = PageTextReader.start();
  try {
    const over = input.scanned !== undefined ? input.scanned : await overLimits(input.file);
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
    const pdf: PdfInput = 'path' in input.file ? { path: input.file.path } : { bytes: input.file.data };
    const checking = checkPdf(pdf, {
      rules: input.rules,
      appealType: input.appealType,
      fileName: name,
      onProgress: job.progress,
      signal: job.signal,
      text: reader,
    });
    // Asked after the checker's front pages (checkPdf asks for them before its first wait): answered after.
    const digested = 'path' in pdf ? readContentFingerprintIn(reader, pdf) : null;
    digested?.catch(() => {}); // Awaited below.
    const result = await checking;
    if (result.summary.opened) result.summary.fingerprint = await readFingerprints(pdf, digested);
    const part = result.summary.opened ? readPartOfBundle(pdf) : null;
    return part ? asPartOfBundle(result, part) : result;
  } finally {
    await reader.close();
  }
}

/**
 * The content fingerprint of any PDF (digested in the reader's worker when `digested` is given), and the
 * one it says it has; null when our reader cannot read it.
 */
async function readFingerprints(
  pdf: PdfInput,
  digested: Promise<ContentFingerprint> | null,
): Promise<CheckSummary['fingerprint']> {
  try {
    const file = PdfFile.open(pdf);
    try {
      const computed = digested ? (await digested).fingerprint : fingerprintOf(file).fingerprint;
      return { computed, stated: statedFingerprint(file) };
    } finally {
      file.close();
    }
  } catch {
    return null;
  }
}

export interface WorkingDocumentReadInput {
  file: { name: string; path: string } | { name: string; data: Uint8Array };
}

/** A working document (or a plan) in a .docx, read into content for the editor (workingDocument/read.ts). */
async function workingDocumentRead(input: WorkingDocumentReadInput): Promise<WorkingDocumentContent> {
  const { file } = input;
  if (!('path' in file)) return readWorkingDocumentDocx(file.data);
  checkFileExists(file);
  const size = statSync(file.path).size;
  if (size > LIMITS.importBytes)
    throw new ApiError(
      'refused',
      `“${file.name}” is ${formatSize(size)}, more than the ${formatSize(LIMITS.importBytes)} limit for one file, so it was not read. A working document is a Word document of a few pages.`,
    );
  return readWorkingDocumentDocx(new Uint8Array(readFileSync(file.path)));
}

export interface CoveredTextInput {
  /** A PDF import made, in the store. */
  path: string;
  /** Look for words under boxes (the costly part: every page's drawing read); false: none given. */
  coveredText?: boolean;
}

/** The pages of a document with words hidden (DocumentRecord.coveredTextPages) or marked and not redacted. */
export interface RedactionProblems {
  coveredTextPages: number[];
  redactionMarkPages: number[];
}

/**
 * The pages of a stored document with words under a box painted over them, and with areas marked for
 * redaction never redacted (pdf/inspect.ts): for one imported before import looked (documents/coveredText.ts).
 */
async function documentsCoveredText(input: CoveredTextInput, job: JobContext): Promise<RedactionProblems> {
  const bytes = new Uint8Array(readFileSync(input.path));
  const over = await pdfOverLimits(bytes);
  if (over) throw new Error('The document is over the limits for reading it again.');
  return {
    coveredTextPages: input.coveredText === false ? [] : pagesWithCoveredText(bytes, job.signal),
    redactionMarkPages: pagesWithRedactionMarks(bytes, job.signal),
  };
}

export interface PagesAsPicturesInput {
  /** A PDF import made, in the store. */
  path: string;
  /** Its pages (1-based) to turn into pictures of themselves. */
  pages: number[];
  /** Paint the areas marked for redaction on those pages (and drop the marks) before they are drawn. */
  applyRedactionMarks?: boolean;
  /** The store's root folder: its tmp/ holds the renderer's scratch files. */
  storeRoot: string;
  pdftoppm: string | null;
}

export interface PagesAsPictures extends RedactionProblems {
  pdf: Uint8Array;
  inspection: PdfInspection;
}

/**
 * A copy of a stored document with some pages turned into pictures of themselves, as a reader shows them
 * (documents/rasterise.ts): words hidden by a box on those pages are then gone from the file
 * (documents/hiddenWords.ts).
 */
async function documentsPagesAsPictures(
  input: PagesAsPicturesInput,
  job: JobContext,
): Promise<PagesAsPictures> {
  const bytes = new Uint8Array(readFileSync(input.path));
  const over = await pdfOverLimits(bytes);
  if (over) throw new Error('The document is over the limits for reading it again.');
  const source = await PDFDocument.load(bytes, { ...LOAD_OPTIONS, password: '' });
  const pageCount = source.getPageCount();
  const drawn = input.applyRedactionMarks ? await withRedactionMarksPainted(bytes, input.pages) : bytes;
  const pictures = await picturesOfPages(drawn, input.pages, {
    pdftoppm: input.pdftoppm,
    workRoot: new FileStore(input.storeRoot).tmpDir,
    signal: job.signal,
    onPage: (done, total) =>
      job.progress({ message: `Drew ${done} of ${total} ${total === 1 ? 'page' : 'pages'}`, done, total }),
  });
  const missing = input.pages.filter((page) => !pictures.has(page));
  if (missing.length) throw new Error(`page ${missing[0]} could not be drawn`);
  const pdf = await replacePagesWithPictures(source, pageCount, pictures);
  const inspection = await inspectPdf(pdf, job.signal);
  if (inspection.pageCount !== pageCount) throw new Error('the copy does not have every page');
  return {
    pdf,
    inspection,
    coveredTextPages: pagesWithCoveredText(pdf, job.signal),
    redactionMarkPages: pagesWithRedactionMarks(pdf, job.signal),
  };
}

export const JOBS = {
  'import.prepare': importPrepare,
  'documents.coveredText': documentsCoveredText,
  'documents.pagesAsPictures': documentsPagesAsPictures,
  'checker.check': checkerCheck,
  'checker.compareRead': checkerCompareRead,
  'archive.read': readArchive,
  'workingDocument.read': workingDocumentRead,
} as const;

export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = Parameters<(typeof JOBS)[N]>[0];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]>>;

export type WorkerRequest =
  { type: 'run'; id: number; name: JobName; input: unknown } | { type: 'cancel'; id: number };

export type WorkerReply =
  | { type: 'progress'; id: number; event: { message: string; done: number; total: number } }
  // peakRssKb and cpuSeconds: the most memory the worker's process has used so far, and the CPU time all its
  // threads have used (runner.ts, isolatedPeakRssMB and isolatedCpuSeconds).
  | { type: 'result'; id: number; value: unknown; peakRssKb?: number; cpuSeconds?: number }
  | {
      type: 'error';
      id: number;
      error: import('./wireErrors').WireError;
      peakRssKb?: number;
      cpuSeconds?: number;
    };
