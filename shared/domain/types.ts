import { z } from 'zod';
import { PageSettings } from '../bundle/pageSettings';

/**
 * Who is using the app (and for whom a case was set up): the journey follows from it. Health and social
 * care commissioners answer the tribunal's recommendations in extended appeals; clerks check bundles.
 */
export const USER_ROLES = [
  'parent',
  'la',
  'health-commissioner',
  'social-care-commissioner',
  'clerk',
] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/** Appeal types, with the ids DOMAIN.md fixes for code, CLI and tests. */
export const APPEAL_TYPES = [
  'refusal-to-assess',
  'refusal-to-issue',
  'contents-of-plan',
  'refusal-to-reassess',
  'refusal-to-amend',
  'cease-to-maintain',
  'disability-discrimination',
] as const;
export const AppealType = z.enum(APPEAL_TYPES);
export type AppealType = z.infer<typeof AppealType>;

export const PARTY_KINDS = [
  'appellant',
  'young-person',
  'la',
  'health-commissioner',
  'social-care-commissioner',
  'school',
  'representative',
] as const;
export const PartyKind = z.enum(PARTY_KINDS);
export type PartyKind = z.infer<typeof PartyKind>;

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

/** A calendar date as the user and the tribunal write it: YYYY-MM-DD, no time zone. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD, for example 2026-03-31.')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number]; // the regex checked the form
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'That date does not exist.');
export type IsoDate = z.infer<typeof IsoDate>;

/** Section letter: A–Z (packs decide which exist). */
export const SectionLetter = z.string().regex(/^[A-Z]$/, 'A section is one capital letter, for example C.');

export const NUMBERING_STYLES = ['continuous', 'section'] as const;
export const NumberingStyle = z.enum(NUMBERING_STYLES);
export type NumberingStyle = z.infer<typeof NumberingStyle>;

/**
 * A move between phases of education (SEND Regs 2014 reg 2(1), reg 18): to school, infant to junior,
 * primary to secondary and the like ("school"); secondary school to a post-16 institution ("post-16");
 * one post-16 institution to another ("between-post-16").
 */
export const PHASE_TRANSFER_KINDS = ['school', 'post-16', 'between-post-16'] as const;
export const PhaseTransferKind = z.enum(PHASE_TRANSFER_KINDS);
export type PhaseTransferKind = z.infer<typeof PhaseTransferKind>;

export const CaseFields = z.object({
  title: z.string().trim().min(1, 'Give the case a name.').max(200),
  role: UserRole,
  appealType: AppealType,
  childName: z.string().max(200).nullable().optional(),
  laName: z.string().max(200).nullable().optional(),
  tribunalRef: z.string().max(100).nullable().optional(),
  decisionDate: IsoDate.nullable().optional(),
  mediationCertificateDate: IsoDate.nullable().optional(),
  registeredDate: IsoDate.nullable().optional(),
  hearingDate: IsoDate.nullable().optional(),
  extended: z.boolean().optional(),
  extendedHealth: z.boolean().optional(),
  extendedSocialCare: z.boolean().optional(),
  numbering: NumberingStyle.optional(),
  notes: z.string().max(20000).nullable().optional(),
  /** A claim: the conduct complained of continued until this date (Equality Act 2010, Sch 17 para 4(5)(b)). */
  conductEndDate: IsoDate.nullable().optional(),
  /** A claim: the date the dispute was referred for conciliation (Sch 17 para 4(2)). */
  conciliationDate: IsoDate.nullable().optional(),
  /** An appeal: the date the child or young person moves to the next phase of education (SEND Regs 2014 reg 18). */
  phaseTransferDate: IsoDate.nullable().optional(),
  phaseTransferKind: PhaseTransferKind.nullable().optional(),
  /** An appeal: the date of the latest annual review meeting of the EHC plan. */
  annualReviewDate: IsoDate.nullable().optional(),
  /** How this case's bundles treat the evidence pages; only the settings given change. */
  pageSettings: PageSettings.partial().optional(),
});
export type CaseFields = z.infer<typeof CaseFields>;

export interface Case {
  id: number;
  title: string;
  role: UserRole;
  appealType: AppealType;
  childName: string | null;
  laName: string | null;
  tribunalRef: string | null;
  decisionDate: string | null;
  mediationCertificateDate: string | null;
  registeredDate: string | null;
  hearingDate: string | null;
  extended: boolean;
  extendedHealth: boolean;
  extendedSocialCare: boolean;
  numbering: NumberingStyle;
  notes: string | null;
  conductEndDate: string | null;
  conciliationDate: string | null;
  phaseTransferDate: string | null;
  phaseTransferKind: PhaseTransferKind | null;
  annualReviewDate: string | null;
  /** The case's own page settings, defaults filled in (shared/bundle/pageSettings.ts). */
  pageSettings: PageSettings;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export const PartyFields = z.object({
  kind: PartyKind,
  name: z.string().trim().min(1).max(200),
  organisation: z.string().max(200).nullable().optional(),
  roleTitle: z.string().max(200).nullable().optional(),
  email: z.string().max(200).nullable().optional(),
  phone: z.string().max(100).nullable().optional(),
  address: z.string().max(1000).nullable().optional(),
});
export type PartyFields = z.infer<typeof PartyFields>;
export interface Party extends Required<{ [K in keyof PartyFields]: NonNullable<PartyFields[K]> | null }> {
  id: number;
  caseId: number;
  kind: PartyKind;
  name: string;
}

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
  conversion: 'none' | 'repaired' | 'decrypted' | 'image' | 'docx';
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
  title: z.string().trim().min(1).max(300).optional(),
  section: SectionLetter.optional(),
  documentDate: IsoDate.nullable().optional(),
  author: z.string().max(200).nullable().optional(),
  kind: DocumentKind.optional(),
  included: z.boolean().optional(),
  late: z.boolean().optional(),
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

export const WitnessFields = z.object({
  name: z.string().trim().min(1).max(200),
  role: z.string().max(200).nullable().optional(),
  organisation: z.string().max(200).nullable().optional(),
  party: z.enum(['appellant', 'la', 'health', 'social-care', 'school', 'other']),
  attending: z.boolean().optional(),
  needsInterpreter: z.boolean().optional(),
  interpreterLanguage: z.string().max(100).nullable().optional(),
  accessNeeds: z.string().max(2000).nullable().optional(),
  statementDocumentId: z.number().int().positive().nullable().optional(),
});
export type WitnessFields = z.infer<typeof WitnessFields>;
export interface Witness {
  id: number;
  caseId: number;
  name: string;
  role: string | null;
  organisation: string | null;
  party: WitnessFields['party'];
  attending: boolean;
  needsInterpreter: boolean;
  interpreterLanguage: string | null;
  accessNeeds: string | null;
  statementDocumentId: number | null;
}

export const RECOMMENDATION_AREAS = ['health', 'social-care'] as const;
export const RecommendationArea = z.enum(RECOMMENDATION_AREAS);
export const RecommendationDecision = z.enum(['will-follow', 'will-follow-in-part', 'will-not-follow']);
export const RECOMMENDATION_COUNT_FROM = ['made', 'sent'] as const;
export const RecommendationCountFrom = z.enum(RECOMMENDATION_COUNT_FROM);
export type RecommendationCountFrom = z.infer<typeof RecommendationCountFrom>;
export const RecommendationFields = z.object({
  area: RecommendationArea,
  text: z.string().trim().min(1).max(5000),
  madeDate: IsoDate,
  responder: z.string().max(200).nullable().optional(),
  tribunalDueDate: IsoDate.nullable().optional(),
  decision: RecommendationDecision.nullable().optional(),
  responseText: z.string().max(10000).nullable().optional(),
  respondedDate: IsoDate.nullable().optional(),
  /** The date the tribunal sent its decision (with the recommendation). */
  decisionSentDate: IsoDate.nullable().optional(),
  /**
   * When the commissioner's 5 weeks start: from the date of the recommendation (the usual reading), or
   * from the date the decision was sent, where the tribunal says so.
   */
  countFrom: RecommendationCountFrom.optional(),
});
export type RecommendationFields = z.infer<typeof RecommendationFields>;
export interface Recommendation {
  id: number;
  caseId: number;
  area: z.infer<typeof RecommendationArea>;
  text: string;
  madeDate: string;
  responder: string | null;
  tribunalDueDate: string | null;
  decision: z.infer<typeof RecommendationDecision> | null;
  responseText: string | null;
  respondedDate: string | null;
  decisionSentDate: string | null;
  countFrom: RecommendationCountFrom;
}

/** Outcome of importing one file. */
export type ImportOutcome =
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
  | { file: string; status: 'refused'; code: ImportRefusalCode; reason: string };

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

/** A case written to one archive file (export / import: moving laptops, sending to an adviser). */
export interface CaseExportResult {
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
  documents: number;
  bundles: number;
  letters: number;
  files: number;
}

export interface CaseImportResult {
  case: Case;
  replacedCaseId: number | null;
  /** True when every record kept its number (always so when importing into an empty app). */
  idsKept: boolean;
  documents: number;
  bundles: number;
  letters: number;
  files: number;
}

/**
 * Extra pages the tribunal allowed for one part of the bundle: by its permission on a party's request
 * (form SEND7) or by its own direction. The page meters use it instead of the Practice Direction's limit.
 */
export const PAGE_ALLOWANCE_BASES = ['permission', 'direction'] as const;
export const PageAllowanceFields = z.object({
  /** A part of the case's rule pack, e.g. "appellant-evidence". */
  partId: z.string().trim().min(1).max(100),
  pages: z.number().int().positive().max(10000),
  grantedDate: IsoDate,
  basis: z.enum(PAGE_ALLOWANCE_BASES),
  notes: z.string().max(2000).nullable().optional(),
});
export type PageAllowanceFields = z.infer<typeof PageAllowanceFields>;
export interface PageAllowance {
  id: number;
  caseId: number;
  partId: string;
  pages: number;
  grantedDate: string;
  basis: (typeof PAGE_ALLOWANCE_BASES)[number];
  notes: string | null;
}

// --- bundle checker ---
/** Rule packs the checker knows by short name (`--rules send|dd`). */
export const CHECK_RULES = ['send', 'dd'] as const;
export const CheckRules = z.enum(CHECK_RULES);
export type CheckRules = z.infer<typeof CheckRules>;

export type CheckSeverity = 'error' | 'warning' | 'note';

/** Stable codes: scripts act on them, so never rename one (add new codes instead). */
export const CHECK_FINDING_CODES = [
  'not-a-pdf',
  'password-protected',
  'damaged',
  'damaged-repairable',
  'encrypted-restrictions',
  'no-pages',
  'page-unreadable',
  'no-pagination',
  'page-number-missing',
  'page-number-gap',
  'page-number-repeated',
  'page-number-position',
  'page-out-of-order',
  'page-label-mismatch',
  'page-labels-missing',
  'index-missing',
  'index-entry-not-found',
  'index-entry-mismatch',
  'index-ranges-overlap',
  'index-gap',
  'index-link-wrong-page',
  'index-link-broken',
  'index-links-missing',
  'bookmarks-missing',
  'bookmark-broken',
  'bookmarks-out-of-order',
  'bookmark-missing-for-document',
  'parts-not-identified',
  'part-over-limit',
  'part-over-limit-for-some-appeals',
  'statement-over-limit',
  'report-over-limit',
  'needs-ocr',
  'blank-page',
  'landscape-page',
  'not-a4',
  'title-missing',
  'not-a-bundle',
  'email-thread',
  'duplicate-document',
  'report-too-old',
  'out-of-date-order',
  'small-type',
  'paragraphs-not-numbered',
  'summary-over-limit',
  'active-content',
] as const;
export type CheckFindingCode = (typeof CHECK_FINDING_CODES)[number];

export interface CheckFinding {
  code: CheckFindingCode;
  severity: CheckSeverity;
  /** 1-based pages of the PDF file (not printed numbers); empty when it is about the whole file. */
  pages: number[];
  /** Plain English: what is wrong and where. */
  message: string;
  details?: Record<string, unknown>;
}

/** A section (top-level bookmark, index heading or page-number prefix) or a document inside one. */
export interface CheckPart {
  kind: 'section' | 'document';
  title: string;
  letter: string | null;
  /** 1-based pages of the file. */
  firstPage: number;
  lastPage: number;
  pageCount: number;
  /** Printed page numbers of its first and last pages, when found. */
  firstLabel: string | null;
  lastLabel: string | null;
  documents: CheckPart[];
}

export interface CheckLimit {
  partId: string;
  label: string;
  section: string;
  pages: number;
  /** The limit that applies (the largest the pack allows when the appeal type is not known). */
  limit: number;
  /** The smallest limit for any appeal type the pack covers, when it differs. */
  lowestLimit: number | null;
  status: 'ok' | 'over' | 'over-for-some-appeals';
}

export interface CheckSummary {
  fileName: string;
  fileSize: number;
  pageCount: number;
  rules: { id: string; name: string; lastReviewed: string };
  appealType: AppealType | null;
  /** Opened at all (false: password-protected, damaged beyond repair, not a PDF). */
  opened: boolean;
  encrypted: boolean;
  numbering: 'continuous' | 'section' | 'none';
  /** Where the bundle's page numbers sit ("bottom right", "top centre"), when they keep to one place. */
  numberPlace: string | null;
  /** How one of them reads, as printed ("Page 12 of 240", "A-12"). */
  numberExample: string | null;
  pageLabels: boolean;
  title: string | null;
  indexPages: number[];
  indexEntries: number;
  bookmarks: number;
  /** Where the parts below came from. */
  partsFrom: 'bookmarks' | 'index' | 'page-numbers' | null;
  parts: CheckPart[];
  limits: CheckLimit[];
  counts: Record<CheckSeverity, number>;
  /**
   * The content fingerprint computed from the pages (docs/fingerprint.md), and the one the file says it has
   * (our bundles print it on the cover and keep it in the metadata); absent when the file was not read.
   */
  /** The file is one part of a bundle sent in parts ("Part 2 of 3 · pages 101–220 of 480"), checked as such. */
  partOf?: { part: number; parts: number; first: string; last: string; total: number };
  fingerprint?: { computed: string; stated: string | null } | null;
  seconds: number;
}

/**
 * The checker's answer in one word, for the screen, the report and scripts to lead with:
 * `no-errors` (warnings and notes may remain), `errors`, `not-a-bundle` (the file opened but is not a
 * hearing bundle: one `not-a-bundle` finding says why, instead of a flood of bundle findings), and
 * `not-opened` (password, damage, not a PDF).
 */
export const CHECK_VERDICTS = ['no-errors', 'errors', 'not-a-bundle', 'not-opened'] as const;
export type CheckVerdictKind = (typeof CHECK_VERDICTS)[number];

export interface CheckVerdict {
  kind: CheckVerdictKind;
  /** One plain sentence a clerk reads first. */
  message: string;
  /** For `not-a-bundle`: why, each a clause that follows "because" ("it has no index …"); else empty. */
  reasons: string[];
}

export interface CheckResult {
  summary: CheckSummary;
  verdict: CheckVerdict;
  /** Whole-file findings first, then by first page. */
  findings: CheckFinding[];
}

export interface CheckReportResult {
  pdfPath: string;
  jsonPath: string;
  /** The reports' name in the reports folder, without .pdf or .json (a host file names them by it). */
  name: string;
  result: CheckResult;
}

// --- deadlines & letters ---

/** An order of the tribunal (or the LA's notice in an unopposed appeal) that starts the LA's compliance periods. */
export const TribunalOrderFields = z.object({
  /** One of COMPLIANCE_ORDER_KINDS in shared/deadlines/rules.ts, e.g. "amend-plan". */
  kind: z.string().trim().min(1).max(100),
  orderDate: IsoDate,
  notes: z.string().max(2000).nullable().optional(),
});
export type TribunalOrderFields = z.infer<typeof TribunalOrderFields>;
export interface TribunalOrder {
  id: number;
  caseId: number;
  kind: string;
  orderDate: string;
  notes: string | null;
}

export const LETTER_FORMATS = ['docx', 'pdf'] as const;
export const LetterFormat = z.enum(LETTER_FORMATS);
export type LetterFormat = z.infer<typeof LetterFormat>;

/**
 * How a letter's fact is asked for. text: one line; paragraphs: one or more paragraphs (a string with
 * blank lines, or an array); date: YYYY-MM-DD; choice: one of `options`; list: several short lines;
 * records: a table of items, each with `itemFields`.
 */
export type LetterFieldType = 'text' | 'paragraphs' | 'date' | 'choice' | 'list' | 'records';

export interface LetterField {
  name: string;
  label: string;
  /** The plain-English question a screen asks for this fact. */
  question: string;
  help?: string;
  type: LetterFieldType;
  required: boolean;
  options?: { value: string; label: string }[];
  itemFields?: LetterField[];
  /** Which case fact fills this in, when there is one (e.g. "case: child's name"). */
  prefillFrom?: string;
  /**
   * Asked (and required, when `required`) only when another fact beside it has one of these values: the
   * steps you will take only when you follow a recommendation.
   */
  when?: { field: string; in: string[] };
}

export interface LetterTemplateInfo {
  id: string;
  label: string;
  description: string;
  /** Who usually writes it. */
  writer: 'parent' | 'la' | 'health-commissioner' | 'social-care-commissioner';
  /** The kinds of case it is for: "send" (an appeal), "dd" (a disability discrimination claim), or both. */
  proceedings: ('send' | 'dd')[];
  fields: LetterField[];
}

export interface LetterPrefill {
  template: string;
  /** Values found in the case, by field name. */
  fields: Record<string, unknown>;
  /** Required facts still missing after prefilling, by field name. */
  missing: string[];
}

export interface LetterFile {
  format: LetterFormat;
  /** Absolute path of the generated file. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface LetterRecord {
  id: number;
  caseId: number;
  template: string;
  /** The facts the letter was made from, exactly: making it again from them gives the same files. */
  fields: Record<string, unknown>;
  createdAt: string;
  files: LetterFile[];
}
