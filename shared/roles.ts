/**
 * What each kind of user's job is, as data the screens (and anything else) follow: whose deadlines are
 * theirs, which letters they write, which part of the bundle they fill, whom they are in the case's
 * records, and where the case stands (before registration, after it, after the tribunal's decision).
 */
import { isOpenDeadline, type Deadline, type DeadlineList, type DeadlineParty } from './deadlines/types';
import type { Case, UserRole } from './domain/case';
import type { PartyKind, WitnessFields } from './domain/caseRecords';
import type { LetterTemplateInfo } from './domain/letters';
import type { PartyId } from './rules/types';

export type CaseStage = 'before-registration' | 'after-registration' | 'after-decision';

/**
 * Before registration: the appeal has not been registered (no date, no tribunal reference). After the
 * decision: the hearing has happened, or the tribunal's recommendations are in.
 */
export function caseStage(
  c: Pick<Case, 'registeredDate' | 'tribunalRef' | 'hearingDate'>,
  today: string,
  options: { recommendations?: number } = {},
): CaseStage {
  if ((options.recommendations ?? 0) > 0 || (c.hearingDate !== null && c.hearingDate < today))
    return 'after-decision';
  if (c.registeredDate || c.tribunalRef) return 'after-registration';
  return 'before-registration';
}

const COMMISSIONER_ROLES = ['health-commissioner', 'social-care-commissioner'] as const;

export function isCommissioner(role: UserRole): role is (typeof COMMISSIONER_ROLES)[number] {
  return (COMMISSIONER_ROLES as readonly string[]).includes(role);
}

/** Whose deadlines are this role's own job (a clerk sees everyone's). */
const OWN_DEADLINES: Record<UserRole, DeadlineParty[] | 'all'> = {
  parent: ['appellant', 'claimant', 'both-parties'],
  la: ['la', 'responsible-body', 'school', 'both-parties'],
  'health-commissioner': ['health-commissioner'],
  'social-care-commissioner': ['social-care-commissioner'],
  clerk: 'all',
};

function isOwnDeadline(role: UserRole, d: Pick<Deadline, 'who'>): boolean {
  const own = OWN_DEADLINES[role];
  return own === 'all' || own.includes(d.who);
}

function byDue(a: Deadline, b: Deadline): number {
  return a.due < b.due ? -1 : a.due > b.due ? 1 : 0;
}

/** The soonest deadline not yet done that is this role's job (anyone's for a clerk). */
export function nextDeadlineFor(role: UserRole, list: DeadlineList | undefined): Deadline | undefined {
  return list?.deadlines.filter((d) => isOpenDeadline(d) && isOwnDeadline(role, d)).sort(byDue)[0];
}

/**
 * The letters each role writes. The two requests to the tribunal (more time, late evidence) can come from
 * either side; their templates word the letter for whoever asks (see letters/templates/requests.ts).
 */
const LETTER_WRITERS: Record<UserRole, LetterTemplateInfo['writer'][]> = {
  parent: ['parent'],
  la: ['la'],
  'health-commissioner': ['health-commissioner'],
  'social-care-commissioner': ['social-care-commissioner'],
  clerk: [],
};
const EITHER_SIDE_LETTERS = ['late-evidence-request', 'extension-request', 'extra-pages-request'];

/** This role's letters, the ones for the case's stage first. */
export function lettersFor(
  role: UserRole,
  stage: CaseStage,
  templates: LetterTemplateInfo[],
): LetterTemplateInfo[] {
  const mine = templates.filter(
    (t) => LETTER_WRITERS[role].includes(t.writer) || (role === 'la' && EITHER_SIDE_LETTERS.includes(t.id)),
  );
  const firstForStage: Record<CaseStage, string[]> = {
    'before-registration': ['reasons-for-appeal', 'dd-claim-statement'],
    'after-registration': [
      'la-response',
      'dd-claim-response',
      'bundle-covering-letter',
      'late-evidence-request',
    ],
    'after-decision': [
      'health-commissioner-response',
      'social-care-commissioner-response',
      'order-compliance-complaint',
    ],
  };
  const first = firstForStage[stage];
  return [...mine.filter((t) => first.includes(t.id)), ...mine.filter((t) => !first.includes(t.id))];
}

/** The party record that is "you" in a case (a clerk is nobody's party). */
export function partyKindFor(role: UserRole): PartyKind | null {
  switch (role) {
    case 'parent':
      return 'appellant';
    case 'clerk':
      return null;
    default:
      return role;
  }
}

/** The side a new witness is for, by default. */
export function witnessSideFor(role: UserRole): WitnessFields['party'] {
  switch (role) {
    case 'la':
      return 'la';
    case 'health-commissioner':
      return 'health';
    case 'social-care-commissioner':
      return 'social-care';
    default:
      return 'appellant';
  }
}

/** The bundle's parties whose sections this role fills with evidence. */
export function evidencePartiesFor(role: UserRole): PartyId[] {
  switch (role) {
    case 'parent':
      return ['appellant', 'claimant'];
    case 'la':
      return ['la', 'responsible-body'];
    case 'health-commissioner':
      return ['health'];
    case 'social-care-commissioner':
      return ['social-care'];
    case 'clerk':
      return [];
  }
}

/**
 * The documents that go with the appeal form before the tribunal registers it (rule-pack checklist ids):
 * what a parent must gather first. The rest of the checklist is the hearing bundle's, made later by the LA.
 */
export const APPEAL_PAPERS = [
  'appeal-form',
  'decision-letter',
  'mediation-certificate',
  'claim-form',
] as const;

/** The page-limit meters that are this role's concern: its own parts (all of them for the LA and clerks). */
export function metersFor<M extends { party: PartyId | null }>(role: UserRole, meters: M[]): M[] {
  if (role === 'la' || role === 'clerk') return meters;
  const mine = evidencePartiesFor(role);
  return meters.filter((m) => m.party !== null && mine.includes(m.party));
}
