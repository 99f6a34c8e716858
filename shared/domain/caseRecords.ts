/**
 * The records that belong to one case: parties, witnesses, recommendations, page allowances and tribunal
 * orders (electron/db/caseRecords.ts keeps them).
 */
import { z } from 'zod';
import { IsoDate, TEXT_MAX } from './case';

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

export const PartyFields = z.object({
  kind: PartyKind,
  name: z.string().trim().min(1).max(TEXT_MAX.name),
  organisation: z.string().max(TEXT_MAX.name).nullable().optional(),
  roleTitle: z.string().max(TEXT_MAX.name).nullable().optional(),
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
const RecommendationArea = z.enum(RECOMMENDATION_AREAS);
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
