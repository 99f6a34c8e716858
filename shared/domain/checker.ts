/**
 * The bundle checker's rules, findings and report, as the API and the report files give them.
 */
import { z } from 'zod';
import { AppealType } from './case';

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
  'document-bookmarks-out-of-order',
  'bookmark-missing-for-document',
  'parts-not-identified',
  'part-over-limit',
  'part-over-limit-for-some-appeals',
  'statement-over-limit',
  'report-over-limit',
  'needs-ocr',
  'covered-text',
  'redaction-marks',
  'earlier-versions',
  'photo-location',
  'comments',
  'blank-page',
  'landscape-page',
  'page-turned',
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
type CheckVerdictKind = (typeof CHECK_VERDICTS)[number];

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
