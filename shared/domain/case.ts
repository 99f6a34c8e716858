/**
 * A case: who it is for, the kind of appeal or claim and its key dates; and a case moved in or out as one
 * archive file.
 */
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

/** The most characters a name (of a case, a person, an organisation), a reference and a document's title can have. */
export const TEXT_MAX = { name: 200, reference: 100, title: 300 } as const;

export const CaseFields = z.object({
  title: z.string().trim().min(1, 'Give the case a name.').max(TEXT_MAX.name),
  role: UserRole,
  appealType: AppealType,
  childName: z.string().max(TEXT_MAX.name).nullable().optional(),
  laName: z.string().max(TEXT_MAX.name).nullable().optional(),
  tribunalRef: z.string().max(TEXT_MAX.reference).nullable().optional(),
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
  /** Largest delivery part, in MB, when the bundle is sent by email in parts (null: the default, 20 MB). */
  partSizeMb: z
    .number()
    .int('Give the part size in whole megabytes.')
    .min(1, 'A part must be allowed at least 1 MB.')
    .max(2000, 'A part size over 2,000 MB is not an email size.')
    .nullable()
    .optional(),
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
  /** Largest delivery part in MB; null: the default (shared/rules/delivery.ts). */
  partSizeMb: number | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

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
