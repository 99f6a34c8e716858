/**
 * The bundle plan: every page of a hearing bundle, computed before any PDF is touched. The renderer shows
 * it as an index preview, the engine builds the PDF from it, verification checks the PDF against it, and
 * it is stored with each version so versions can be compared page by page.
 */
import type { AppealType, NumberingStyle } from '../domain/case';
import type { DocumentKind, PageSize } from '../domain/documents';
import type { PartyId } from '../rules/types';
import type { BundleFileInfo } from './delivery';
import type { PageSettings } from './pageSettings';

/** After a version is issued: sub-number late documents (B12a) or renumber everything. */
export type LateInsertMode = 'sub-number' | 'renumber';
export const LATE_INSERT_MODES = ['sub-number', 'renumber'] as const;

/** What the plan needs to know about the case. */
export interface PlanCase {
  id: number;
  title: string;
  appealType: AppealType;
  childName: string | null;
  laName: string | null;
  tribunalRef: string | null;
  hearingDate: string | null;
  extended: boolean;
  extendedHealth: boolean;
  extendedSocialCare: boolean;
  /** Names of the appellant(s): parent(s) or young person. */
  appellants: string[];
  /** Extra pages the tribunal allowed for parts of the bundle, by its permission or direction. */
  allowances?: PlanAllowance[];
}

interface PlanAllowance {
  partId: string;
  pages: number;
  basis: 'permission' | 'direction';
  grantedDate: string;
}

/** What the plan needs to know about each document (in the case's order). */
export interface PlanDocument {
  id: number;
  section: string;
  title: string;
  documentDate: string | null;
  kind: DocumentKind;
  pageCount: number;
  /** The document's pages as imported: what identifies them (numbering kept across versions, duplicates). */
  sha256: string;
  /** The file to copy the pages from when it differs: the searchable copy text recognition made. */
  fileSha256?: string;
  /**
   * When only some of the file's pages go in: those pages (1-based, in order) and how many the file has.
   * `pageCount`, `pageSizes`, `pagesWithoutText`, `coveredTextPages` and `redactionMarkPages` are then of
   * the pages that go in.
   */
  keptPages?: number[];
  filePageCount?: number;
  pageSizes: PageSize[];
  pagesWithoutText: number[];
  /** Pages (1-based) with words hidden by a box (DocumentRecord.coveredTextPages). */
  coveredTextPages?: number[];
  /** Pages (1-based) with areas marked for redaction, never redacted (DocumentRecord.redactionMarkPages). */
  redactionMarkPages?: number[];
  included: boolean;
  /** Date of the assessment a report is based on, when known (report details). */
  assessmentDate?: string | null;
}

export interface PlanWitness {
  name: string;
  party: 'appellant' | 'la' | 'health' | 'social-care' | 'school' | 'other';
  attending: boolean;
}

/** The numbers each document had in the latest issued version: late inserts are numbered around them. */
export interface IssuedBase {
  version: number;
  numbering: NumberingStyle;
  documents: { documentId: number; section: string; sha256: string; tab: string; labels: string[] }[];
}

export interface PlanOptions {
  numbering: NumberingStyle;
  lateInsertMode: LateInsertMode;
  /** A divider page before each section. */
  dividers: boolean;
  /** The date printed on the cover and used as the PDF's dates (YYYY-MM-DD). */
  compiledDate: string;
  version: number;
  /** Contents-of-plan appeal about the school or college in section I only (lower evidence limits). */
  placementOnly: boolean;
  issued: IssuedBase | null;
  /** What the bundle does to evidence pages (the case's settings; defaults in settings.ts). */
  pageSettings?: PageSettings;
}

type PageKind = 'cover' | 'index' | 'divider' | 'document';

export interface PlannedPage {
  /** The bundle number stamped on the page and used as its PDF page label. */
  label: string;
  kind: PageKind;
  section?: string;
  documentId?: number;
  /** 0-based page of the source document. */
  sourcePage?: number;
  /** Identifies the page's content: equal fingerprints mean the page has not changed between versions. */
  fingerprint: string;
}

export interface PlannedDocument {
  documentId: number;
  section: string;
  /** Tab reference in the index: section letter + position (C3), or C3a for a late insert. */
  tab: string;
  title: string;
  documentDate: string | null;
  kind: DocumentKind;
  sha256: string;
  /** The file the pages are copied from, when not `sha256` (the searchable copy made by OCR). */
  fileSha256?: string;
  /** Only these pages of the file (1-based, in order) are in the bundle; the file has `filePageCount`. */
  keptPages?: number[];
  filePageCount?: number;
  /** 0-based index of its first page in the bundle. */
  firstPage: number;
  pageCount: number;
  firstLabel: string;
  lastLabel: string;
  /** Added after an issued version and numbered around it. */
  lateInsert: boolean;
}

export interface PlannedSection {
  letter: string;
  title: string;
  /** 0-based bundle page of the divider (when dividers are on), else of the first document page. */
  firstPage: number;
  /** Pages of documents in the section (not the divider). */
  documentPages: number;
  firstLabel: string | null;
  lastLabel: string | null;
  documentIds: number[];
}

/** One line of the index, positioned on its index page (points from the page's top-left, A4). */
export interface IndexRow {
  kind: 'section' | 'document';
  section: string;
  documentId?: number;
  tab: string;
  lines: string[];
  date: string;
  pages: string;
  /** 0-based bundle page the row links to. */
  target: number;
  top: number;
  height: number;
}

export interface IndexPage {
  /** 0-based bundle page of this index page. */
  page: number;
  rows: IndexRow[];
}

export interface Bookmark {
  title: string;
  /** 0-based bundle page. */
  page: number;
  children: Bookmark[];
}

export interface PageMeter {
  partId: string;
  label: string;
  section: string;
  party: PartyId | null;
  pages: number;
  /** The limit that applies: the Practice Direction's, or the pages the tribunal allowed. */
  limit: number;
  status: 'ok' | 'at-limit' | 'over';
  /** Present when the tribunal allowed more pages than the Practice Direction (the limit above). */
  allowance?: PlanAllowance & { usualLimit: number | null };
}

export interface ChecklistItem {
  id: string;
  label: string;
  section: string;
  present: boolean;
  documentIds: number[];
}

export type FindingSeverity = 'breach' | 'warning' | 'info';

export interface ComplianceFinding {
  /** Stable id, e.g. "over-limit:appellant-evidence" or "expert-report-length:12". */
  id: string;
  rule:
    | 'page-limit'
    | 'expert-report-length'
    | 'report-age'
    | 'witness-statement-length'
    | 'witness-count'
    | 'missing-document'
    | 'landscape-pages'
    | 'unsearchable-pages'
    | 'covered-text'
    | 'redaction-marks'
    | 'duplicate-document'
    | 'date-order'
    | 'unknown-section'
    | 'extended-section'
    | 'numbering'
    | 'unprintable-text';
  severity: FindingSeverity;
  /** Plain English, naming the document or part. */
  message: string;
  documentIds: number[];
  /** Bundle page labels concerned. */
  pages: string[];
  limit?: number;
  actual?: number;
  citation?: string;
  /** Exceeds a limit the Practice Direction allows only with a note explaining why. */
  needsNote: boolean;
  /**
   * A party's own excess (its evidence over the limit, more witnesses): the party asks the tribunal's
   * permission on form SEND7 before the bundle is made; the non-compliance note is not the route.
   */
  needsPermission?: boolean;
  /** A one-click fix: the section's documents in the order that mends it (documents.reorder). */
  reorder?: { section: string; documentIds: number[] };
}

/** Content of the note the Practice Direction asks for when a bundle does not comply (the letter is drafted elsewhere). */
export interface NonComplianceNote {
  title: string;
  addressee: string;
  caseTitle: string;
  tribunalRef: string | null;
  childName: string | null;
  bundleVersion: number;
  compiledDate: string;
  citation: string;
  items: {
    findingId: string;
    heading: string;
    whatIsWrong: string;
    rule: string;
    pages: string[];
    /** Prompt for the reason the author must give in their own words. */
    reasonPrompt: string;
  }[];
  closing: string;
}

export interface CoverContent {
  title: string;
  tribunal: string;
  appealType: string;
  rows: { label: string; value: string }[];
  footer: string;
}

export interface BundlePlan {
  caseId: number;
  version: number;
  compiledDate: string;
  numbering: NumberingStyle;
  /** The mode actually used (renumber when nothing was issued yet). */
  lateInsertMode: LateInsertMode;
  dividers: boolean;
  /** Absent in plans saved before page settings existed: those bundles kept pages as they were. */
  pageSettings?: PageSettings;
  rulePack: { id: string; name: string; lastReviewed: string };
  metadata: { title: string; subject: string; keywords: string[] };
  cover: CoverContent;
  pageCount: number;
  pages: PlannedPage[];
  sections: PlannedSection[];
  documents: PlannedDocument[];
  index: IndexPage[];
  bookmarks: Bookmark[];
  meters: PageMeter[];
  checklist: ChecklistItem[];
  findings: ComplianceFinding[];
  nonComplianceNote: NonComplianceNote | null;
}

/** The plan the bundle screen shows: and whether building now would only repeat the latest version. */
export interface BundlePreview extends BundlePlan {
  /** The latest version, when its pages are exactly these (nothing changed since it was built); else null. */
  sameAsVersion: number | null;
}

export interface VerificationCheck {
  name: 'page-count' | 'page-labels' | 'stamps' | 'bookmarks' | 'links' | 'index' | 'identity' | 'pages';
  ok: boolean;
  /** Plain-English problems (at most 20). */
  problems: string[];
}

/** What re-reading the written bundle found. */
export interface VerificationResult {
  ok: boolean;
  pageCount: number;
  expectedPageCount: number;
  checks: VerificationCheck[];
  /** Pages whose full text a second reader (pdf.js) read: a sample, or every page when asked for. */
  textPagesRead?: number;
}

/** A built bundle, as recorded: every build is a new version. */
export interface BundleVersion {
  id: number;
  caseId: number;
  version: number;
  createdAt: string;
  compiledDate: string;
  pageCount: number;
  sha256: string;
  sizeBytes: number;
  path: string;
  /** The file is still where it was written. */
  available: boolean;
  rulePack: string;
  numbering: NumberingStyle;
  lateInsertMode: LateInsertMode;
  dividers: boolean;
  /** Sent to the tribunal and the parties: documents added later become late inserts. */
  issued: boolean;
  compliance: { breaches: number; warnings: number; info: number };
  verification: VerificationResult;
  /** The content fingerprint printed on its cover ("7F3A-92C1"); null for versions built before it. */
  fingerprint: string | null;
  /** Files made from it for sending: its supplementary pack, its delivery parts. */
  files: BundleFileInfo[];
}
