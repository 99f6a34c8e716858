/**
 * The database's tables as the migrations leave them (electron/db/migrations.ts), column by column, and
 * the row type of each. tests/unit/electron/db/schema.test.ts compares this with a freshly migrated database, so a
 * migration that adds or changes a column must say so here too.
 *
 * A column is 'int' or 'text' (SQLite's INTEGER and TEXT), with `?` when it may be NULL, or a TEXT column
 * holding one of a list of values (`oneOf`), which the app alone writes, after validating it.
 */
import { z } from 'zod';
import { APPEAL_TYPES, NUMBERING_STYLES, PHASE_TRANSFER_KINDS, USER_ROLES } from '../../shared/domain/case';
import {
  PARTY_KINDS,
  RECOMMENDATION_AREAS,
  RECOMMENDATION_COUNT_FROM,
  RecommendationDecision,
  WitnessFields,
} from '../../shared/domain/caseRecords';
import { DOCUMENT_KINDS, type DocumentRecord } from '../../shared/domain/documents';

/** What import did to make a clean PDF (DocumentRecord['conversion']). */
const CONVERSIONS = [
  'none',
  'repaired',
  'decrypted',
  'image',
  'docx',
  'email',
  'web-page',
  'text',
] as const satisfies readonly DocumentRecord['conversion'][];

interface OneOf<V extends string, N extends boolean> {
  oneOf: readonly V[];
  nullable: N;
}
const oneOf = <V extends string>(values: readonly V[]): OneOf<V, false> => ({
  oneOf: values,
  nullable: false,
});
const oneOfOrNull = <V extends string>(values: readonly V[]): OneOf<V, true> => ({
  oneOf: values,
  nullable: true,
});

export type ColumnSpec = 'int' | 'int?' | 'text' | 'text?' | OneOf<string, boolean>;

export const TABLES = {
  settings: { key: 'text', value: 'text' },
  cases: {
    id: 'int',
    title: 'text',
    role: oneOf(USER_ROLES),
    appeal_type: oneOf(APPEAL_TYPES),
    child_name: 'text?',
    la_name: 'text?',
    tribunal_ref: 'text?',
    decision_date: 'text?',
    mediation_certificate_date: 'text?',
    registered_date: 'text?',
    hearing_date: 'text?',
    extended: 'int',
    extended_health: 'int',
    extended_social_care: 'int',
    numbering: oneOf(NUMBERING_STYLES),
    notes: 'text?',
    archived: 'int',
    created_at: 'text',
    updated_at: 'text',
    conduct_end_date: 'text?',
    conciliation_date: 'text?',
    phase_transfer_date: 'text?',
    phase_transfer_kind: oneOfOrNull(PHASE_TRANSFER_KINDS),
    annual_review_date: 'text?',
    /** JSON: the case's page settings (shared/bundle/pageSettings.ts), partial. */
    page_settings: 'text',
    /** Largest part (MB) when the bundle is sent in parts; null: the default (shared/bundle/settings.ts). */
    part_size_mb: 'int?',
  },
  parties: {
    id: 'int',
    case_id: 'int',
    kind: oneOf(PARTY_KINDS),
    name: 'text',
    organisation: 'text?',
    role_title: 'text?',
    email: 'text?',
    phone: 'text?',
    address: 'text?',
  },
  documents: {
    id: 'int',
    case_id: 'int',
    section: 'text',
    title: 'text',
    document_date: 'text?',
    author: 'text?',
    kind: oneOf(DOCUMENT_KINDS),
    page_count: 'int',
    sha256: 'text',
    original_sha256: 'text',
    original_name: 'text',
    conversion: oneOf(CONVERSIONS),
    position: 'int',
    included: 'int',
    late: 'int',
    /** JSON: each page's size (PageSize[]). */
    page_sizes: 'text',
    /** JSON: the pages with no text layer (number[]). */
    pages_without_text: 'text',
    created_at: 'text',
    suggested_title: 'text?',
    suggested_date: 'text?',
    details_confirmed: 'int',
    /** JSON: what import did to the file, in words. */
    import_notes: 'text',
    /** The searchable copy text recognition made (a store file), or null. */
    ocr_sha256: 'text?',
    /** JSON: the pages text recognition gave text to (number[]). */
    ocr_pages: 'text',
    ocr_at: 'text?',
    /** JSON: the pages (1-based) that go into bundles (number[]), or null for every page. */
    kept_pages: 'text?',
    /** JSON: the pages (1-based) with words under a box painted over them (number[]); null: not looked for. */
    covered_text_pages: 'text?',
    /** JSON: the pages (1-based) with areas marked for redaction, never redacted (number[]); null: not looked for. */
    redaction_mark_pages: 'text?',
  },
  report_details: {
    document_id: 'int',
    author_profession: 'text?',
    author_qualifications: 'text?',
    assessment_date: 'text?',
    /** JSON: the EHC plan sections the report speaks to. */
    plan_sections: 'text',
  },
  witnesses: {
    id: 'int',
    case_id: 'int',
    name: 'text',
    role: 'text?',
    organisation: 'text?',
    party: oneOf(WitnessFields.shape.party.options),
    attending: 'int',
    needs_interpreter: 'int',
    interpreter_language: 'text?',
    access_needs: 'text?',
    statement_document_id: 'int?',
  },
  recommendations: {
    id: 'int',
    case_id: 'int',
    area: oneOf(RECOMMENDATION_AREAS),
    text: 'text',
    made_date: 'text',
    responder: 'text?',
    tribunal_due_date: 'text?',
    decision: oneOfOrNull(RecommendationDecision.options),
    response_text: 'text?',
    responded_date: 'text?',
    decision_sent_date: 'text?',
    count_from: oneOf(RECOMMENDATION_COUNT_FROM),
  },
  case_dates: { case_id: 'int', kind: 'text', due_date: 'text?', done_date: 'text?' },
  bundles: {
    id: 'int',
    case_id: 'int',
    version: 'int',
    created_at: 'text',
    compiled_date: 'text',
    page_count: 'int',
    sha256: 'text',
    path: 'text',
    rule_pack: 'text',
    numbering: oneOf(NUMBERING_STYLES),
    issued: 'int',
    /** JSON: the BundlePlan the version was built from. */
    plan: 'text',
    /** JSON: the version's compliance summary. */
    compliance_summary: 'text',
    /** JSON: the verification of the written file. */
    verification: 'text',
    /** The content fingerprint printed on the cover ("7F3A-92C1"); null for versions built before it. */
    fingerprint: 'text?',
  },
  bundle_files: {
    id: 'int',
    bundle_id: 'int',
    kind: oneOf(['supplement', 'part'] as const),
    /** 1-based part number; 0 for the supplementary pack. */
    part: 'int',
    created_at: 'text',
    /** Relative to the bundles folder. */
    path: 'text',
    sha256: 'text',
    size_bytes: 'int',
    page_count: 'int',
    /** JSON: what the file holds (shared/bundle/delivery.ts), and its verification. */
    details: 'text',
  },
  letters: {
    id: 'int',
    case_id: 'int',
    template: 'text',
    /** JSON: the facts the letter was written from. */
    fields: 'text',
    created_at: 'text',
    /** JSON: the files written, by format. */
    files: 'text',
  },
  working_document_versions: {
    id: 'int',
    case_id: 'int',
    version: 'int',
    doc_date: 'text',
    /** JSON: the working document's content (shared/workingDocument/model.ts). */
    content: 'text',
    /** JSON: what changed since the version before. */
    changes: 'text',
    page_count: 'int',
    /** Relative to the letters folder. */
    docx_path: 'text',
    pdf_path: 'text',
    /** The document it became in section B (null once that document is removed). */
    document_id: 'int?',
    created_at: 'text',
  },
  tribunal_orders: { id: 'int', case_id: 'int', kind: 'text', order_date: 'text', notes: 'text?' },
  page_allowances: {
    id: 'int',
    case_id: 'int',
    part_id: 'text',
    pages: 'int',
    granted_date: 'text',
    basis: oneOf(['direction', 'permission'] as const),
    notes: 'text?',
  },
  drafts: { key: 'text', case_id: 'int?', value: 'text', updated_at: 'text' },
  removed_documents: {
    id: 'int',
    document_id: 'int',
    case_id: 'int',
    removed_at: 'text',
    sha256: 'text',
    original_sha256: 'text',
    /** JSON: the documents row as it was. */
    record: 'text',
    /** JSON: its report_details row, if it had one. */
    report: 'text?',
    /** JSON: the witnesses whose statement it was. */
    witness_ids: 'text',
    /** Its searchable copy, kept in the store while it can be put back. */
    ocr_sha256: 'text?',
  },
  /** A store file last found to be what its name says, as it was then (services/storedFiles.ts). */
  store_checks: {
    sha256: 'text',
    size_bytes: 'int',
    /** The file's modification time in nanoseconds since 1970, as a decimal string. */
    modified_ns: 'text',
    checked_at: 'text',
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>;

type TableName = keyof typeof TABLES;

type ValueOf<S> =
  S extends OneOf<infer V, infer N>
    ? N extends true
      ? V | null
      : V
    : S extends 'int'
      ? number
      : S extends 'int?'
        ? number | null
        : S extends 'text'
          ? string
          : string | null;

/** A whole row of a table, as `SELECT *` gives it. */
export type RowOf<T extends TableName> = { [C in keyof (typeof TABLES)[T]]: ValueOf<(typeof TABLES)[T][C]> };

export type CaseRow = RowOf<'cases'>;
export type PartyRow = RowOf<'parties'>;
export type DocumentRow = RowOf<'documents'>;
export type ReportDetailsRow = RowOf<'report_details'>;
export type WitnessRow = RowOf<'witnesses'>;
export type RecommendationRow = RowOf<'recommendations'>;
export type CaseDateRow = RowOf<'case_dates'>;
export type BundleRow = RowOf<'bundles'>;
export type BundleFileRow = RowOf<'bundle_files'>;
export type LetterRow = RowOf<'letters'>;
export type WorkingDocumentVersionRow = RowOf<'working_document_versions'>;
export type TribunalOrderRow = RowOf<'tribunal_orders'>;
export type PageAllowanceRow = RowOf<'page_allowances'>;
export type DraftRow = RowOf<'drafts'>;
export type RemovedDocumentRow = RowOf<'removed_documents'>;
export type StoreCheckRow = RowOf<'store_checks'>;

function columnSchema(spec: ColumnSpec): z.ZodType {
  if (typeof spec !== 'string') {
    const values = z.enum(spec.oneOf as [string, ...string[]]);
    return spec.nullable ? values.nullable() : values;
  }
  const base = spec.startsWith('int') ? z.number().int() : z.string();
  return spec.endsWith('?') ? base.nullable() : base;
}

/** A zod schema of a whole row of a table: for rows kept as JSON (a removed document's record). */
export function rowSchema<T extends TableName>(table: T): z.ZodType<RowOf<T>> {
  const spec: Record<string, ColumnSpec> = TABLES[table];
  return z.object(
    Object.fromEntries(Object.entries(spec).map(([c, s]) => [c, columnSchema(s)])),
  ) as unknown as z.ZodType<RowOf<T>>;
}

/** The same, for a row kept before later migrations added columns: those may be missing. */
export function storedRowSchema<T extends TableName>(table: T): z.ZodType<Partial<RowOf<T>>> {
  const spec: Record<string, ColumnSpec> = TABLES[table];
  return z.object(
    Object.fromEntries(Object.entries(spec).map(([c, s]) => [c, columnSchema(s).optional()])),
  ) as unknown as z.ZodType<Partial<RowOf<T>>>;
}
