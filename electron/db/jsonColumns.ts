/**
 * What the JSON columns hold (electron/db/schema.ts says which columns are JSON), as zod schemas: read
 * with jsonColumn() (electron/db/query.ts), so a damaged or foreign value is refused where it is read.
 */
import { z } from 'zod';
import type { BundleFileDetails } from '../../shared/bundle/delivery';
import type { BundlePlan, VerificationCheck, VerificationResult } from '../../shared/bundle/types';
import { type PageSize } from '../../shared/domain/documents';
import { LetterFormat } from '../../shared/domain/letters';
import { WorkingDocumentContent, type WdChange } from '../../shared/workingDocument/model';

export const PageSizesJson = z.array(
  z.object({ width: z.number(), height: z.number(), rotate: z.number() }) satisfies z.ZodType<PageSize>,
);
export const NumbersJson = z.array(z.number());
export const TextsJson = z.array(z.string());

export const ComplianceSummaryJson = z.object({
  breaches: z.number(),
  warnings: z.number(),
  info: z.number(),
});

const VerificationCheckName = z.enum([
  'page-count',
  'page-labels',
  'stamps',
  'bookmarks',
  'links',
  'index',
  'identity',
  'pages',
]) satisfies z.ZodType<VerificationCheck['name']>;

export const VerificationJson = z.object({
  ok: z.boolean(),
  pageCount: z.number(),
  expectedPageCount: z.number(),
  checks: z.array(z.object({ name: VerificationCheckName, ok: z.boolean(), problems: z.array(z.string()) })),
  textPagesRead: z.number().optional(),
});

/** The parts of a stored plan that everything reading one relies on; the rest is the planner's own. */
const PlanShape = z.object({
  caseId: z.number(),
  version: z.number(),
  compiledDate: z.string(),
  pageCount: z.number(),
  pages: z.array(z.object({ label: z.string(), kind: z.string() })),
  sections: z.array(z.object({ letter: z.string() })),
  documents: z.array(z.object({ documentId: z.number() })),
  index: z.array(z.unknown()),
  bookmarks: z.array(z.unknown()),
  findings: z.array(z.unknown()),
});
export const BundlePlanJson = z.custom<BundlePlan>((value) => PlanShape.safeParse(value).success, {
  error: 'not a bundle plan',
});

/** A supplementary pack's or delivery part's record (shared/bundle/delivery.ts) and its verification. */
const BundleFileDetailsShape = z.object({
  kind: z.enum(['supplement', 'part']),
  verification: VerificationJson,
});
export const BundleFileDetailsJson = z.custom<BundleFileDetails & { verification: VerificationResult }>(
  (value) => BundleFileDetailsShape.safeParse(value).success,
  { error: 'not a bundle file record' },
);

/** A draft's answers: whatever the screen keeps (the screen checks them when it reads them back). */
export const DraftValueJson = z.unknown();

/** Any JSON object, for a reader that takes from it only what it can use. */
export const JsonObject = z.record(z.string(), z.unknown());

export const LetterFieldsJson = JsonObject;
export const LetterFilesJson = z.array(
  z.object({ format: LetterFormat, path: z.string(), sha256: z.string(), bytes: z.number() }),
);

/** A working document version's content (the editor's model) and what changed since the version before. */
export const WorkingDocumentContentJson = WorkingDocumentContent;
export const WorkingDocumentChangesJson = z.array(
  z.object({ where: z.string(), what: z.string() }) satisfies z.ZodType<WdChange>,
);
