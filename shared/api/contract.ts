/**
 * The API contract: every call the renderer (or the browser bridge, or a test) can make.
 * The preload, the IPC router, the bridge and the renderer client are all derived from this object;
 * nobody writes a channel name by hand.
 *
 * To add a call: add an entry here (input schema + output type), implement it in a service, and map it in
 * `electron/ipc/handlers.ts`. Calls with `progress: true` may emit progress events and be cancelled.
 */
import { z } from 'zod';
import type { CompareReportResult, CompareResult } from '../bundle/compare';
import type { BundleFileInfo } from '../bundle/delivery';
import type { BundleDiff } from '../bundle/diff';
import { BundleSettings } from '../bundle/settings';
import type { BundlePlan, BundlePreview, BundleVersion } from '../bundle/types';
import { disallowedExtendedField, extendedRefusal } from '../rules/extendedAppeals';
import type { RulePack } from '../rules/types';
import { COMPLIANCE_ORDER_KINDS } from '../deadlines/rules';
import { TRIBUNAL_SET_KINDS, type DeadlineList } from '../deadlines/types';
import { DraftKey } from './drafts';
import {
  WorkingDocumentContent,
  type WorkingDocumentMeasure,
  type WorkingDocumentVersion,
} from '../workingDocument/model';
import {
  AppealType,
  CaseFields,
  IsoDate,
  SectionLetter,
  UserRole,
  type Case,
  type CaseExportResult,
  type CaseImportResult,
} from '../domain/case';
import {
  PageAllowanceFields,
  TribunalOrderFields,
  PartyFields,
  RecommendationFields,
  WitnessFields,
  type PageAllowance,
  type TribunalOrder,
  type Party,
  type Recommendation,
  type Witness,
} from '../domain/caseRecords';
import { CheckRules, type CheckReportResult, type CheckResult } from '../domain/checker';
import {
  DocumentDetails,
  ReportDetailsFields,
  type DocumentRecord,
  type OcrJob,
  type ImportOutcome,
  type ReportDetails,
  type StoredFileProblem,
} from '../domain/documents';
import {
  LetterFormat,
  type LetterPrefill,
  type LetterRecord,
  type LetterTemplateInfo,
} from '../domain/letters';

/** A phantom marker carrying an output type; outputs are produced by our own services, so not parsed. */
export interface Returns<T> {
  readonly __output?: T;
}
export function returns<T>(): Returns<T> {
  return {};
}

export interface MethodSpec<I extends z.ZodTypeAny, O> {
  input: I;
  output: Returns<O>;
  /** Long-running: reports progress events and honours cancellation. */
  progress?: boolean;
}

function method<I extends z.ZodTypeAny, O>(
  input: I,
  output: Returns<O>,
  options: { progress?: boolean } = {},
): MethodSpec<I, O> {
  return { input, output, ...options };
}

const Id = z.number().int().positive();

/** Case fields, refused where they ask for an extended appeal the appeal type does not allow. */
function withExtendedRule<T extends z.ZodType<Parameters<typeof disallowedExtendedField>[0]>>(schema: T): T {
  return schema.superRefine((fields, ctx) => {
    const field = disallowedExtendedField(fields);
    if (field && fields.appealType)
      ctx.addIssue({ code: 'custom', path: [field], message: extendedRefusal(fields.appealType) });
  });
}
const CaseRef = z.object({ caseId: Id });

/**
 * A date the tribunal sets (from its letters), the commissioner's response to recommendation N, or a date
 * the tribunal directed for step STEP of the LA's compliance with order N.
 */
const notASetDate = (issue: { input?: unknown }) =>
  `"${String(issue.input)}" is not a date the tribunal sets. Use one of: ${TRIBUNAL_SET_KINDS.join(', ')}, commissioner-response:N, or la-compliance:N:STEP.`;
export const SetDateKind = z.union([
  z.enum(TRIBUNAL_SET_KINDS, { error: notASetDate }),
  z
    .string({ error: notASetDate })
    .regex(/^(commissioner-response:[1-9][0-9]{0,14}|la-compliance:[1-9][0-9]{0,14}:[a-z][a-z-]{0,39})$/, {
      error: notASetDate,
    }),
]);

/** A kind of tribunal order the app knows the compliance periods of (shared/deadlines/rules.ts). */
export const OrderKind = z.enum(COMPLIANCE_ORDER_KINDS.map((k) => k.id) as [string, ...string[]], {
  error: (issue) => `"${String(issue.input)}" is not a kind of order the app knows.`,
});

/** A file to import: a path on this machine (Electron dialog, CLI) or its bytes (browser upload). */
export const ImportFile = z.union([
  z.object({ name: z.string().min(1).max(500), path: z.string().min(1).max(4096) }),
  z.object({ name: z.string().min(1).max(500), data: z.instanceof(Uint8Array) }),
]);
export type ImportFile = z.infer<typeof ImportFile>;

export interface AppInfo {
  version: string;
  dataDir: string;
  /** Optional helpers found on this machine. */
  capabilities: { wordConversion: boolean };
  role: UserRole | null;
  /** The "Make scans searchable" setting: imports recognise the text of scans and photos. */
  makeScansSearchable: boolean;
}

/** Answers typed into a guided screen and not saved yet (see shared/api/drafts.ts for the keys). */
export interface Draft {
  key: string;
  value: unknown;
  updatedAt: string;
}

export interface CaseSummary extends Case {
  documentCount: number;
  pageCount: number;
}

export interface ProgressEvent {
  /** What is happening, in plain English ("Reading report.pdf"). */
  message: string;
  done: number;
  total: number;
}

export const contract = {
  'app.info': method(z.object({}), returns<AppInfo>()),
  'settings.setRole': method(z.object({ role: UserRole }), returns<{ role: UserRole }>()),
  'settings.setMakeScansSearchable': method(
    z.object({ enabled: z.boolean() }),
    returns<{ enabled: boolean }>(),
  ),

  'cases.list': method(z.object({ includeArchived: z.boolean().optional() }), returns<CaseSummary[]>()),
  'cases.get': method(CaseRef, returns<Case>()),
  'cases.create': method(withExtendedRule(CaseFields), returns<Case>()),
  'cases.update': method(
    z.object({ caseId: Id, fields: withExtendedRule(CaseFields.partial()) }),
    returns<Case>(),
  ),
  'cases.archive': method(z.object({ caseId: Id, archived: z.boolean() }), returns<Case>()),

  'parties.list': method(CaseRef, returns<Party[]>()),
  'parties.save': method(
    z.object({ caseId: Id, partyId: Id.optional(), fields: PartyFields }),
    returns<Party>(),
  ),
  'parties.remove': method(z.object({ caseId: Id, partyId: Id }), returns<{ removed: true }>()),

  'documents.list': method(CaseRef, returns<DocumentRecord[]>()),
  'documents.import': method(
    z.object({
      caseId: Id,
      section: SectionLetter,
      files: z.array(ImportFile).min(1).max(500),
      title: z.string().trim().min(1).max(300).optional(),
      documentDate: IsoDate.optional(),
      kind: DocumentDetails.shape.kind,
      /** Recognise the text of scans and photos in the background afterwards (default: the setting). */
      ocr: z.boolean().optional(),
    }),
    returns<ImportOutcome[]>(),
    { progress: true },
  ),
  'documents.update': method(
    z.object({ documentId: Id, details: DocumentDetails }),
    returns<DocumentRecord>(),
  ),
  'documents.reorder': method(
    z.object({ caseId: Id, section: SectionLetter, documentIds: z.array(Id).min(1) }),
    returns<DocumentRecord[]>(),
  ),
  /** Removes a document from its case; `documents.restore` can put it back for a day (Undo). */
  'documents.remove': method(z.object({ documentId: Id }), returns<{ removed: true }>()),
  'documents.restore': method(z.object({ documentId: Id }), returns<DocumentRecord>()),
  /**
   * Turns the document's pages with words hidden by a box (a redaction that left them in the file) into
   * pictures of themselves, so that the words are gone from the copy bundles are built from.
   */
  'documents.takeOutHiddenWords': method(
    z.object({
      documentId: Id,
      /** Recognise the text of the pages made pictures in the background afterwards (default: the setting). */
      ocr: z.boolean().optional(),
    }),
    returns<DocumentRecord>(),
    { progress: true },
  ),
  /**
   * The case's documents whose file in the case folder has changed since it was added, or is missing
   * (electron/services/storedFiles.ts): none when all are as added. Quick when the files are as last
   * checked; a file not checked before, or whose size or time changed, is read again (progress per file).
   */
  'documents.checkStored': method(CaseRef, returns<StoredFileProblem[]>(), { progress: true }),
  'documents.getReportDetails': method(z.object({ documentId: Id }), returns<ReportDetails | null>()),
  'documents.setReportDetails': method(
    z.object({ documentId: Id, details: ReportDetailsFields }),
    returns<ReportDetails>(),
  ),

  // --- text recognition (OCR): makes scans and photos searchable, in the background ---
  /**
   * Queues documents for text recognition (by default every document of the case with pages without text
   * that has not been tried) and returns the case's jobs at once; follow them with ocr.status.
   */
  'ocr.start': method(
    z.object({ caseId: Id, documentIds: z.array(Id).min(1).max(500).optional() }),
    returns<OcrJob[]>(),
  ),
  /** As ocr.start, then waits until they are all done (scripts): progress per page, cancel stops them. */
  'ocr.run': method(
    z.object({ caseId: Id, documentIds: z.array(Id).min(1).max(500).optional() }),
    returns<OcrJob[]>(),
    { progress: true },
  ),
  /** The case's text recognition jobs: waiting, reading (page by page) and how finished ones ended. */
  'ocr.status': method(CaseRef, returns<OcrJob[]>()),
  /** Stops one document's text recognition, or all of the case's: nothing is changed. */
  'ocr.cancel': method(z.object({ caseId: Id, documentId: Id.optional() }), returns<OcrJob[]>()),

  'witnesses.list': method(CaseRef, returns<Witness[]>()),
  'witnesses.save': method(
    z.object({ caseId: Id, witnessId: Id.optional(), fields: WitnessFields }),
    returns<Witness>(),
  ),
  'witnesses.remove': method(z.object({ caseId: Id, witnessId: Id }), returns<{ removed: true }>()),

  'recommendations.list': method(CaseRef, returns<Recommendation[]>()),
  'recommendations.save': method(
    z.object({ caseId: Id, recommendationId: Id.optional(), fields: RecommendationFields }),
    returns<Recommendation>(),
  ),
  'recommendations.remove': method(
    z.object({ caseId: Id, recommendationId: Id }),
    returns<{ removed: true }>(),
  ),

  // --- drafts: answers typed into a guided screen and not saved yet ---
  'drafts.get': method(z.object({ key: DraftKey }), returns<Draft | null>()),
  'drafts.save': method(
    z.object({ key: DraftKey, value: z.unknown() }),
    returns<{ key: string; updatedAt: string }>(),
  ),
  'drafts.remove': method(z.object({ key: DraftKey }), returns<{ removed: boolean }>()),

  // --- case archive (export / import a whole case) ---
  /** Writes the case to one .zip in the data folder's exports/ and says where. */
  'cases.export': method(CaseRef, returns<CaseExportResult>(), { progress: true }),
  /** Adds a case from an export. Refuses a case already here unless asCopy or replaceCaseId is given. */
  'cases.import': method(
    z.object({ file: ImportFile, asCopy: z.boolean().optional(), replaceCaseId: Id.optional() }),
    returns<CaseImportResult>(),
    { progress: true },
  ),

  // --- bundle ---
  /** Every page of the next bundle (numbers, index rows, bookmarks, compliance), without building it. */
  'bundle.plan': method(BundleSettings.extend({ caseId: Id }), returns<BundlePreview>()),
  /** Builds, verifies and records a new version (bundles/<case>/v<N>.pdf). */
  /**
   * Builds a new version; with `supplement`, also its supplementary pack (only the pages new or changed since
   * the version last marked as sent, with instructions), refused before building when there can be none.
   * `verify`: whether the second reader (pdf.js) reads the text of a sample of the written pages (the
   * default) or of every page (`send-bundle build --verify full`).
   */
  'bundle.build': method(
    BundleSettings.extend({
      caseId: Id,
      supplement: z.boolean().optional(),
      verify: z.enum(['sample', 'full']).optional(),
    }),
    returns<BundleVersion>(),
    {
      progress: true,
    },
  ),
  /**
   * Splits a built version into delivery parts, each under `sizeMb` (else the case's part size, else 20 MB):
   * breaks between documents, numbers kept, a cover line and bookmarks per part.
   */
  'bundle.parts': method(
    z.object({ caseId: Id, version: Id, sizeMb: z.number().int().min(1).max(2000).optional() }),
    returns<BundleFileInfo[]>(),
    { progress: true },
  ),
  /** Makes (again) the supplementary pack of a built version. */
  'bundle.supplement': method(z.object({ caseId: Id, version: Id }), returns<BundleFileInfo>(), {
    progress: true,
  }),
  'bundle.versions': method(CaseRef, returns<BundleVersion[]>()),
  /** The plan a version was built from: its pages, sections, documents and findings. */
  'bundle.versionPlan': method(z.object({ caseId: Id, version: Id }), returns<BundlePlan>()),
  /** Pages changed between two versions, by bundle page number. */
  'bundle.diff': method(z.object({ caseId: Id, fromVersion: Id, toVersion: Id }), returns<BundleDiff>()),
  /** Marks a version as sent: later documents become late inserts (B12a) unless renumbered. */
  'bundle.issue': method(z.object({ caseId: Id, version: Id }), returns<BundleVersion>()),
  /** Undoes bundle.issue; refused once a later version has been built. */
  'bundle.unissue': method(z.object({ caseId: Id, version: Id }), returns<BundleVersion>()),
  /** The tribunal rule pack that applies to the case. */
  'rules.get': method(CaseRef, returns<RulePack>()),
  /** Extra pages the tribunal allowed for parts of the bundle (by permission or direction); the meters use them. */
  'allowances.list': method(CaseRef, returns<PageAllowance[]>()),
  'allowances.save': method(z.object({ caseId: Id, fields: PageAllowanceFields }), returns<PageAllowance>()),
  'allowances.remove': method(
    z.object({ caseId: Id, partId: z.string().min(1).max(100) }),
    returns<{ removed: true }>(),
  ),

  // --- checker ---
  /** Checks any bundle PDF (a path, or bytes from a browser upload) against a rule pack: findings by page. */
  'checker.check': method(
    z.object({ file: ImportFile, rules: CheckRules, appealType: AppealType.optional() }),
    returns<CheckResult>(),
    { progress: true },
  ),
  /** Checks the file and writes the check report (PDF and JSON) to the reports folder; returns their paths. */
  'checker.report': method(
    z.object({ file: ImportFile, rules: CheckRules, appealType: AppealType.optional() }),
    returns<CheckReportResult>(),
    { progress: true },
  ),
  /**
   * Compares two bundles from any source (files: yours, then theirs): pages aligned by content and printed number,
   * numbering shifts, pages and documents added, removed, replaced or moved, index and bookmark differences.
   */
  'checker.compare': method(
    z.object({ files: z.tuple([ImportFile, ImportFile]) }),
    returns<CompareResult>(),
    { progress: true },
  ),
  /** Compares two bundles and writes the comparison report (PDF and JSON) to the reports folder. */
  'checker.compareReport': method(
    z.object({ files: z.tuple([ImportFile, ImportFile]) }),
    returns<CompareReportResult>(),
    { progress: true },
  ),
  // --- deadlines & letters ---
  /** Every deadline in the case with its rule, source, status and working days left (today: UK date by default). */
  'deadlines.list': method(z.object({ caseId: Id, today: IsoDate.optional() }), returns<DeadlineList>()),
  /**
   * Enters (or, with null, clears) a date from the tribunal's letter: la-response, evidence, attendance, bundle,
   * hearing, or commissioner-response:<recommendationId>. Kept exactly as given; replaces the estimate.
   */
  'caseDates.set': method(
    z.object({ caseId: Id, kind: SetDateKind, dueDate: IsoDate.nullable() }),
    returns<DeadlineList>(),
  ),
  /** Marks a deadline (by its id from deadlines.list) done on a date, or not done with null. */
  'caseDates.markDone': method(
    z.object({ caseId: Id, id: z.string().min(1).max(100), doneDate: IsoDate.nullable() }),
    returns<DeadlineList>(),
  ),
  /** Tribunal orders (and LA notices in unopposed appeals) that start the LA's compliance periods. */
  'orders.list': method(CaseRef, returns<TribunalOrder[]>()),
  'orders.save': method(
    z.object({ caseId: Id, orderId: Id.optional(), fields: TribunalOrderFields.extend({ kind: OrderKind }) }),
    returns<TribunalOrder>(),
  ),
  'orders.remove': method(z.object({ caseId: Id, orderId: Id }), returns<{ removed: true }>()),
  /**
   * The letter templates with their questions (one per fact) and which case fact prefills each. With a
   * case: only the letters for its kind of case (an appeal or a disability discrimination claim), in its words.
   */
  'letters.templates': method(z.object({ caseId: Id.optional() }), returns<LetterTemplateInfo[]>()),
  /** The template's facts found in the case, and the required ones still missing. */
  'letters.prefill': method(
    z.object({ caseId: Id, template: z.string().min(1).max(100) }),
    returns<LetterPrefill>(),
  ),
  /**
   * Makes the letter (DOCX and/or PDF) under the data folder's letters/<caseId>/ and records it with its facts.
   * Refuses with the missing facts named (error details.missing). Same facts, same files.
   */
  'letters.render': method(
    z.object({
      caseId: Id,
      template: z.string().min(1).max(100),
      fields: z.record(z.string(), z.unknown()),
      formats: z.array(LetterFormat).min(1).default(['docx', 'pdf']),
      usePrefill: z.boolean().optional(),
    }),
    returns<LetterRecord>(),
  ),
  'letters.list': method(CaseRef, returns<LetterRecord[]>()),

  // --- the working document (contents-of-plan appeals; the editor's work is a draft until a version is made) ---
  /** Pages the working document would have now, against its limit (the page meter). */
  'workingDocument.measure': method(
    z.object({ caseId: Id, content: WorkingDocumentContent }),
    returns<WorkingDocumentMeasure>(),
  ),
  'workingDocument.versions': method(CaseRef, returns<WorkingDocumentVersion[]>()),
  /** A version's content (the latest when none is named); null when no version was made yet. */
  'workingDocument.content': method(
    z.object({ caseId: Id, version: Id.optional() }),
    returns<{ version: number; content: WorkingDocumentContent } | null>(),
  ),
  /** Makes the next numbered, dated version (DOCX and PDF) and puts its PDF in section B of the bundle. */
  'workingDocument.saveVersion': method(
    z.object({ caseId: Id, content: WorkingDocumentContent, date: IsoDate.optional() }),
    returns<WorkingDocumentVersion>(),
    { progress: true },
  ),
  /** Reads a working document or a plan from a .docx (the other party's last version): nothing is saved. */
  'workingDocument.importDocx': method(z.object({ file: ImportFile }), returns<WorkingDocumentContent>()),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Contract[M]['output'] extends Returns<infer O> ? O : never;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** IPC channel for a method: derived, never written by hand. */
export function channelFor(name: MethodName): string {
  return `api:${name}`;
}
export const PROGRESS_CHANNEL = 'api:progress';
export const CANCEL_CHANNEL = 'api:cancel';

/** Re-exported so callers need one import for the contract's vocabulary. */
export { AppealType, UserRole };
