import type { AppealType } from '../domain/case';

export const DEADLINE_KINDS = [
  'appeal-registration',
  'claim-registration',
  'la-response',
  'evidence',
  'attendance',
  'case-review',
  'bundle',
  'hearing',
  'commissioner-response',
  'la-compliance',
  'phase-transfer',
  'annual-review',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Steps whose date the user can type in from the tribunal's letters; the entered date overrides any estimate. */
export const TRIBUNAL_SET_KINDS = [
  'la-response',
  'evidence',
  'attendance',
  'case-review',
  'bundle',
  'hearing',
] as const;
export type TribunalSetKind = (typeof TRIBUNAL_SET_KINDS)[number];

/**
 * `overtaken`: a step before the hearing (registration, the response, evidence, forms, the bundle) not
 * marked done when the hearing has been held: it can no longer be done, so it is neither due nor overdue.
 */
export const DEADLINE_STATUSES = ['done', 'due-soon', 'overdue', 'upcoming', 'overtaken'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** Whether a deadline still asks something of someone: not done, and not overtaken by the hearing. */
export function isOpenDeadline(d: Pick<Deadline, 'status'>): boolean {
  return d.status !== 'done' && d.status !== 'overtaken';
}

/** Who must act. A disability discrimination claim has a claimant and a responsible body instead. */
export type DeadlineParty =
  | 'appellant'
  | 'la'
  | 'claimant'
  | 'responsible-body'
  | 'school'
  | 'both-parties'
  | 'health-commissioner'
  | 'social-care-commissioner'
  | 'tribunal';

/** Where a due date came from. */
export type DeadlineBasis =
  /** Worked out from the law and the case's dates. */
  | 'rule'
  /** A guess until the tribunal's letter gives the real date. */
  | 'estimate'
  /** Typed in from the tribunal's letter or decision: stored exactly as given. */
  | 'tribunal';

export interface Deadline {
  /** Stable key: the kind, plus the recommendation or order it belongs to ("commissioner-response:4"). */
  id: string;
  kind: DeadlineKind;
  /** What has to happen, in plain English. */
  label: string;
  who: DeadlineParty;
  /** YYYY-MM-DD: the last day. */
  due: string;
  /**
   * The time of day it is due by, when there is one: "5pm" for anything sent to the tribunal under its
   * rules, practice direction or directions (HESC Rules r.12(1)). Absent for steps outside the tribunal's
   * rules (a commissioner's response, the LA's compliance with an order) and for events (the hearing).
   */
  cutOff?: string;
  /** Something to know about the date itself that does not move it (it falls on a bank holiday …). */
  warning?: string;
  /** How the date was worked out, in plain English, including any moves for weekends, holidays or August. */
  rule: string;
  /** Where the rule comes from. */
  source: string;
  basis: DeadlineBasis;
  status: DeadlineStatus;
  /** Working days (England and Wales) from today to the due date; negative once it has passed. */
  workingDaysLeft: number;
  doneDate: string | null;
  recommendationId?: number;
  orderId?: number;
}

/** Something the user can do or should know to see a deadline: a missing date, a date the app cannot use. */
export interface DeadlineNote {
  kind: DeadlineKind;
  message: string;
}

export interface DeadlineList {
  today: string;
  deadlines: Deadline[];
  notes: DeadlineNote[];
}

export interface DeadlineRecommendation {
  id: number;
  area: 'health' | 'social-care';
  text: string;
  madeDate: string;
  tribunalDueDate: string | null;
  respondedDate: string | null;
  /** The date the tribunal sent its decision, when known. */
  decisionSentDate?: string | null;
  /** When the 5 weeks start: the recommendation's date (usual) or the date the decision was sent. */
  countFrom?: 'made' | 'sent';
}

interface DeadlineOrder {
  id: number;
  kind: string;
  orderDate: string;
}

/** Everything the engine needs: plain data, so the same function runs in the app, the CLI and tests. */
export interface DeadlineInput {
  appealType: AppealType;
  /** The decision letter's date in an appeal; the date of the conduct complained of in a claim. */
  decisionDate: string | null;
  mediationCertificateDate: string | null;
  /** A claim: the conduct continued until this date (treated as done at the end of the period). */
  conductEndDate?: string | null;
  /** A claim: the date the dispute was referred for conciliation (adds 3 months if in time). */
  conciliationDate?: string | null;
  /** An appeal about a plan: when the child or young person moves to the next phase of education. */
  phaseTransferDate?: string | null;
  phaseTransferKind?: 'school' | 'post-16' | 'between-post-16' | null;
  /** An appeal about a plan: the date of the latest annual review meeting. */
  annualReviewDate?: string | null;
  registeredDate: string | null;
  hearingDate: string | null;
  /** Dates entered from the tribunal's letters, by kind. */
  tribunalDates: Partial<Record<TribunalSetKind, string>>;
  /** Steps marked done, by deadline id. */
  doneDates: Record<string, string>;
  /**
   * Dates the tribunal directed for the LA's compliance steps, by deadline id ("la-compliance:3:amended-plan"):
   * a direction overrides the regulation's period (SEND Regs 2014 reg 44(1)).
   */
  directedDates?: Record<string, string>;
  recommendations: DeadlineRecommendation[];
  orders: DeadlineOrder[];
}
