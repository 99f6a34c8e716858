/**
 * Evidence documents: what import made of a file, their details, and text recognition (OCR).
 */
import { z } from 'zod';
import { IsoDate, SectionLetter, TEXT_MAX } from './case';
import { MOST_SELECTABLE_PAGES } from './pageSelection';

export const DOCUMENT_KINDS = [
  'decision-letter',
  'ehc-plan',
  'appeal-form',
  'response',
  'working-document',
  'expert-report',
  'witness-statement',
  'correspondence',
  'mediation-certificate',
  'registration-letter',
  'other',
] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

export interface PageSize {
  width: number;
  height: number;
  /** /Rotate of the page, 0, 90, 180 or 270. */
  rotate: number;
}

export interface DocumentRecord {
  id: number;
  caseId: number;
  section: string;
  title: string;
  documentDate: string | null;
  author: string | null;
  kind: DocumentKind;
  pageCount: number;
  /** SHA-256 of the PDF in the store that bundles are built from. */
  sha256: string;
  /** SHA-256 of the file the user gave us (kept in the store as well when it differs). */
  originalSha256: string;
  originalName: string;
  /** What import did to make a clean PDF: none, repaired, decrypted, converted from an image or Word file. */
  conversion: 'none' | 'repaired' | 'decrypted' | 'image' | 'docx' | 'email' | 'web-page' | 'text';
  position: number;
  included: boolean;
  late: boolean;
  pageSizes: PageSize[];
  /** Pages (1-based) with no extractable text: need OCR (after OCR: the pages it found no text on). */
  pagesWithoutText: number[];
  /**
   * What import proposed from the file itself, for the user to confirm: a title from the PDF's metadata or
   * its first heading (never a camera file name), and the first full date on page 1. Null: nothing found.
   */
  suggestedTitle: string | null;
  suggestedDate: string | null;
  /** False until the user has confirmed (or changed) the title and date import proposed. */
  detailsConfirmed: boolean;
  /** What import had to do to the file, in plain English (repairs, pages made into pictures, attachments dropped). */
  importNotes: string[];
  /**
   * The searchable copy text recognition (OCR) made: the same pages with an invisible text layer. Bundles
   * and the preview use it; `sha256` stays the PDF import made. Null until text has been recognised.
   */
  ocrSha256: string | null;
  /** Pages (1-based) that text recognition gave text to. */
  ocrPages: number[];
  /** When text recognition last finished on this document (null: never run). */
  ocrAt: string | null;
  /**
   * The pages (1-based, in order) that go into bundles, when not all of them (shared/domain/pageSelection.ts);
   * `pageCount` stays the pages of the file. Null: every page.
   */
  keptPages: number[] | null;
  /**
   * Pages (1-based) with words hidden by a box (or pen strokes painted over them, a highlight in their own
   * colour, the page cropped to leave them out of view, a layer the file keeps hidden, or a scan's invisible
   * text left when the scan was taken out) that are still in the file: they look redacted,
   * but the words can be copied or searched. Null: not looked for yet (a document
   * imported before import looked; documents/coveredText.ts looks before a bundle is planned).
   */
  coveredTextPages: number[] | null;
  /**
   * Pages (1-based) with areas marked for redaction that were never redacted (the marks not applied): the
   * words show, and are in the file. Null: not looked for yet (as `coveredTextPages`).
   */
  redactionMarkPages: number[] | null;
  createdAt: string;
}

/** Whether a document has pages text recognition could help with, and it has not been tried on them. */
export function needsOcr(doc: Pick<DocumentRecord, 'pagesWithoutText' | 'ocrAt'>): boolean {
  return doc.pagesWithoutText.length > 0 && doc.ocrAt === null;
}

/** Text recognition (OCR) of one document: waiting, reading page by page, or how it ended. */
export interface OcrJob {
  documentId: number;
  caseId: number;
  title: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Pages read so far and pages to read (0 until the pages with real text have been set aside). */
  pagesDone: number;
  pagesTotal: number;
  /** What is happening or what happened, in plain English. */
  message: string;
  /** Pages given text (when done). */
  pagesRecognised: number;
}

export const DocumentDetails = z.object({
  title: z.string().trim().min(1).max(TEXT_MAX.title).optional(),
  section: SectionLetter.optional(),
  documentDate: IsoDate.nullable().optional(),
  author: z.string().max(TEXT_MAX.name).nullable().optional(),
  kind: DocumentKind.optional(),
  included: z.boolean().optional(),
  late: z.boolean().optional(),
  /** The pages (1-based) that go into bundles; null for every page. Checked against the document's pages. */
  keptPages: z
    .array(z.number().int().min(1).max(MOST_SELECTABLE_PAGES))
    .min(1)
    .max(MOST_SELECTABLE_PAGES)
    .nullable()
    .optional(),
  /**
   * The user has looked at the title and date (the confirm screen sends true). Changing the title or the
   * date counts as confirming them when this is not given.
   */
  detailsConfirmed: z.boolean().optional(),
});
export type DocumentDetails = z.infer<typeof DocumentDetails>;

export const EHC_PLAN_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const;
export const ReportDetailsFields = z.object({
  authorProfession: z.string().max(200).nullable().optional(),
  authorQualifications: z.string().max(500).nullable().optional(),
  assessmentDate: IsoDate.nullable().optional(),
  planSections: z.array(z.enum(EHC_PLAN_SECTIONS)).optional(),
});
export type ReportDetailsFields = z.infer<typeof ReportDetailsFields>;
export interface ReportDetails {
  documentId: number;
  authorProfession: string | null;
  authorQualifications: string | null;
  assessmentDate: string | null;
  planSections: string[];
}

/**
 * A document whose file in the case folder is no longer the one added (another program saved it again, a
 * sync tool put back an older copy, the disk failed), or is not there at all: a bundle cannot include it as
 * it is. The file checked is the one bundles and the preview use (the searchable copy once there is one).
 */
export interface StoredFileProblem {
  documentId: number;
  section: string;
  title: string;
  problem: 'changed' | 'missing';
}

/** Outcome of importing one file. */
export type ImportOutcome = (
  | {
      file: string;
      status: 'imported';
      documentId: number;
      pageCount: number;
      conversion: DocumentRecord['conversion'];
      /** What import had to do to the file (the document's importNotes). */
      notes: string[];
    }
  | { file: string; status: 'duplicate'; documentId: number; reason: string }
  | { file: string; status: 'refused'; code: ImportRefusalCode; reason: string }
  /** A zip archive: no document itself; the files taken out of it follow its outcome (attachedTo it). */
  | { file: string; status: 'unpacked'; notes: string[] }
) & {
  /**
   * For a file import took out of another (a PDF's attached file): the name of the file it was attached to.
   * Its outcome follows that file's; `file` names both ("report.pdf (attached to email.pdf)").
   */
  attachedTo?: string;
};

export const IMPORT_REFUSAL_CODES = [
  'not-found',
  'empty',
  'too-large',
  'unsupported-type',
  'password-protected',
  'damaged',
  'no-pages',
  'needs-conversion',
] as const;
export type ImportRefusalCode = (typeof IMPORT_REFUSAL_CODES)[number];
