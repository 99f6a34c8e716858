/**
 * The guided set-up as data: sections, one question per screen, plain-English help to show beside it,
 * soft warnings (never blocks) and the lines each answer adds to the review screen.
 */
import type { ReactNode } from 'react';
import { APPEAL_TYPE_COPY, formatDate } from '../../copy';
import { appealRegistrationDeadline, certificateBeforeDecisionWarning } from '../../../shared/deadlines';
import { extendedAllowed } from '../../../shared/rules/extendedAppeals';
import { Checkboxes, Radios, TextField } from '../../components/Form';
import {
  APPEAL_TYPES,
  type AppealType,
  type Case,
  type CaseFields,
  type Party,
  type PartyFields,
  type UserRole,
} from '../../../shared/domain/types';

export type MediationAnswer = 'yes' | 'no' | 'not-needed';
/** Whom an LA-side user answers for: the LA itself, or a health or social care commissioner. */
export type Side = 'la' | 'health-commissioner' | 'social-care-commissioner';
export type ExtendedArea = 'health' | 'social-care';

/** Answers so far. Text fields are '' when empty. */
export interface Draft {
  appealType: AppealType | null;
  decisionDate: string;
  mediation: MediationAnswer | null;
  mediationCertificateDate: string;
  childName: string;
  yourName: string;
  yourJob: string;
  yourSide: Side;
  /** A commissioner's organisation (for the LA itself, the LA's name is used). */
  yourOrganisation: string;
  /** For LA and clerk users: who is appealing (a parent, or the young person). */
  appellantName: string;
  laName: string;
  extendedAreas: ExtendedArea[];
  tribunalRef: string;
  registeredDate: string;
  hearingDate: string;
  title: string;
}

export const EMPTY_DRAFT: Draft = {
  appealType: null,
  decisionDate: '',
  mediation: null,
  mediationCertificateDate: '',
  childName: '',
  yourName: '',
  yourJob: '',
  yourSide: 'la',
  yourOrganisation: '',
  appellantName: '',
  laName: '',
  extendedAreas: [],
  tribunalRef: '',
  registeredDate: '',
  hearingDate: '',
  title: '',
};

export const SECTIONS = [
  { id: 'decision', title: 'The decision' },
  { id: 'mediation', title: 'Mediation' },
  { id: 'people', title: 'The people' },
  { id: 'extended', title: 'Health and social care' },
  { id: 'tribunal', title: 'Tribunal dates' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

export interface QuestionProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  role: UserRole;
  warning: string | null;
}

export interface Question {
  id: string;
  section: SectionId;
  applies?: (draft: Draft, role: UserRole) => boolean;
  help: (role: UserRole) => ReactNode;
  render: (props: QuestionProps) => ReactNode;
  warning?: (draft: Draft, today: string) => string | null;
  review: (draft: Draft, role: UserRole) => { label: string; value: string }[];
}

const NOT_GIVEN = 'Not given yet';

/** The last day to register the appeal from the answers so far (shared/deadlines), or null. */
export function registrationDeadline(d: Draft): { due: string; steps: string[] } | null {
  if (!d.appealType || d.appealType === 'disability-discrimination') return null;
  return appealRegistrationDeadline(
    d.decisionDate || null,
    d.mediation === 'yes' ? d.mediationCertificateDate || null : null,
  );
}

function lateWarning(d: Draft, today: string): string | null {
  const deadline = registrationDeadline(d);
  if (!deadline || deadline.due >= today) return null;
  return (
    `From these dates, the last day to register the appeal was ${formatDate(deadline.due)}. ` +
    'The tribunal can still accept a late appeal if you explain why it is late. You can carry on.'
  );
}

function dateWarning(value: string, today: string, what: string): string | null {
  if (!value) return null;
  if (value > today) return `That date is after today. Check the date on the ${what}.`;
  return null;
}

export const QUESTIONS: Question[] = [
  {
    id: 'appeal-type',
    section: 'decision',
    help: (role) => (
      <>
        <p>
          The decision is in a letter from the local authority (LA). {role === 'parent' ? 'It' : 'The letter'}{' '}
          should say that there is a right to appeal.
        </p>
        <p>
          An EHC plan (Education, Health and Care plan) is a legal document that says what help a child or
          young person needs and gets.
        </p>
        <p>
          The type of appeal decides the rules: which forms, how many pages of evidence, and the deadlines.
        </p>
      </>
    ),
    render: ({ draft, set, role }) => (
      <Radios
        asQuestion
        name="appealType"
        label={role === 'parent' ? 'What did the local authority (LA) decide?' : 'What is the appeal about?'}
        hint="Choose the one that matches the decision letter."
        choices={APPEAL_TYPES.map((value) => ({
          value,
          label: APPEAL_TYPE_COPY[value].label,
          hint: APPEAL_TYPE_COPY[value].hint,
        }))}
        value={draft.appealType}
        onChange={(appealType) => set({ appealType })}
      />
    ),
    review: (d) => [
      { label: 'The decision', value: d.appealType ? APPEAL_TYPE_COPY[d.appealType].label : NOT_GIVEN },
    ],
  },
  {
    id: 'decision-date',
    section: 'decision',
    help: () => (
      <>
        <p>Look for the date at the top of the decision letter.</p>
        <p>
          Most appeals must be made within 2 months of this date. If you have a mediation certificate, you may
          have longer. The app works out the deadline for you.
        </p>
      </>
    ),
    render: ({ draft, set, warning }) => (
      <TextField
        asQuestion
        type="date"
        label="What date is on the decision letter?"
        hint="For example 31 March 2026. Leave it empty if you do not have the letter yet."
        value={draft.decisionDate}
        warning={warning}
        onChange={(decisionDate) => set({ decisionDate })}
      />
    ),
    warning: (d, today) =>
      dateWarning(d.decisionDate, today, 'decision letter') ??
      (d.mediation === null ? null : lateWarning(d, today)),
    review: (d) => [{ label: 'Date of the decision letter', value: formatDate(d.decisionDate) || NOT_GIVEN }],
  },
  {
    id: 'mediation',
    section: 'mediation',
    help: () => (
      <>
        <p>
          Before most appeals, the person appealing must contact the LA’s mediation service. They then get a
          mediation certificate, even if they decide not to have mediation.
        </p>
        <p>You do not need one if the appeal is only about the school or college named in the EHC plan.</p>
      </>
    ),
    render: ({ draft, set, role, warning }) => (
      <Radios
        asQuestion
        name="mediation"
        label={
          role === 'parent'
            ? 'Do you have a mediation certificate?'
            : 'Does the appellant have a mediation certificate?'
        }
        warning={warning}
        choices={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No, not yet' },
          {
            value: 'not-needed',
            label: 'Not needed',
            hint: 'The appeal is only about the school or college in the plan.',
          },
        ]}
        value={draft.mediation}
        onChange={(mediation) => set({ mediation })}
      />
    ),
    warning: (d, today) =>
      d.mediation === 'no'
        ? 'You usually need a mediation certificate before you can appeal. You can carry on now and add the date later.'
        : d.mediation === 'not-needed'
          ? lateWarning(d, today)
          : null,
    review: (d) => [
      {
        label: 'Mediation certificate',
        value:
          d.mediation === 'yes'
            ? 'Yes'
            : d.mediation === 'no'
              ? 'No, not yet'
              : d.mediation === 'not-needed'
                ? 'Not needed'
                : NOT_GIVEN,
      },
    ],
  },
  {
    id: 'mediation-date',
    section: 'mediation',
    applies: (d) => d.mediation === 'yes',
    help: () => <p>The date is on the certificate. It can give you more time to appeal.</p>,
    render: ({ draft, set, warning }) => (
      <TextField
        asQuestion
        type="date"
        label="What date is on the mediation certificate?"
        value={draft.mediationCertificateDate}
        warning={warning}
        onChange={(mediationCertificateDate) => set({ mediationCertificateDate })}
      />
    ),
    warning: (d, today) =>
      dateWarning(d.mediationCertificateDate, today, 'certificate') ??
      certificateBeforeDecisionWarning(d.decisionDate || null, d.mediationCertificateDate || null) ??
      lateWarning(d, today),
    review: (d) => [
      { label: 'Date of the certificate', value: formatDate(d.mediationCertificateDate) || NOT_GIVEN },
    ],
  },
  {
    id: 'child',
    section: 'people',
    help: () => (
      <>
        <p>The appeal is about this child or young person. Their name goes on the bundle and in letters.</p>
        <p>A young person is someone aged 16 to 25. They can appeal for themselves.</p>
      </>
    ),
    render: ({ draft, set }) => (
      <TextField
        asQuestion
        label="What is the name of the child or young person?"
        hint="Their full name, as it is on the decision letter."
        value={draft.childName}
        autoComplete="off"
        onChange={(childName) => set({ childName })}
      />
    ),
    review: (d) => [{ label: 'Child or young person', value: d.childName || NOT_GIVEN }],
  },
  {
    id: 'side',
    section: 'people',
    applies: (_d, role) => role === 'la',
    help: () => (
      <>
        <p>The local authority (LA) answers the appeal and makes the hearing bundle.</p>
        <p>
          In an extended appeal the tribunal can also make recommendations to health (the integrated care
          board, ICB) and to social care. They must reply in writing within 5 weeks.
        </p>
      </>
    ),
    render: ({ draft, set }) => (
      <>
        <Radios
          asQuestion
          name="side"
          label="Who do you answer for in this appeal?"
          choices={[
            { value: 'la', label: 'The local authority (LA)' },
            {
              value: 'health-commissioner',
              label: 'Health',
              hint: 'An integrated care board (ICB) or another NHS body that commissions health care.',
            },
            { value: 'social-care-commissioner', label: 'Social care', hint: 'The social care service.' },
          ]}
          value={draft.yourSide}
          onChange={(yourSide) => set({ yourSide })}
        />
        {draft.yourSide !== 'la' ? (
          <TextField
            label="What is your organisation called?"
            hint="For example NHS Anytown Integrated Care Board."
            value={draft.yourOrganisation}
            onChange={(yourOrganisation) => set({ yourOrganisation })}
          />
        ) : null}
      </>
    ),
    review: (d) => [
      {
        label: 'You answer for',
        value:
          d.yourSide === 'la'
            ? 'The local authority (LA)'
            : `${d.yourSide === 'health-commissioner' ? 'Health' : 'Social care'}${d.yourOrganisation ? `: ${d.yourOrganisation}` : ''}`,
      },
    ],
  },
  {
    id: 'you',
    section: 'people',
    applies: (_d, role) => role !== 'clerk',
    help: (role) =>
      role === 'parent' ? (
        <p>
          Your name goes on the letters the app writes for you. If you are the young person appealing, write
          your own name.
        </p>
      ) : (
        <p>Your name and job go on the letters and the covering note with the bundle.</p>
      ),
    render: ({ draft, set, role }) => (
      <>
        <TextField
          asQuestion
          label="What is your name?"
          value={draft.yourName}
          autoComplete="name"
          onChange={(yourName) => set({ yourName })}
        />
        {role === 'la' ? (
          <TextField
            label="What is your job title?"
            hint="For example SEND Officer, or Designated Clinical Officer for a health commissioner."
            value={draft.yourJob}
            autoComplete="organization-title"
            onChange={(yourJob) => set({ yourJob })}
          />
        ) : null}
      </>
    ),
    review: (d, role) => [
      { label: 'Your name', value: d.yourName || NOT_GIVEN },
      ...(role === 'la' ? [{ label: 'Your job title', value: d.yourJob || NOT_GIVEN }] : []),
    ],
  },
  {
    id: 'appellant',
    section: 'people',
    applies: (_d, role) => role !== 'parent',
    help: () => (
      <p>
        The appellant is the person appealing: a parent (for a child), or the young person (16 to 25). Their
        name goes on the bundle’s cover and in letters.
      </p>
    ),
    render: ({ draft, set }) => (
      <TextField
        asQuestion
        label="Who is making the appeal?"
        hint="The parent’s name, or the young person’s own name. Leave it empty if you do not know yet."
        value={draft.appellantName}
        onChange={(appellantName) => set({ appellantName })}
      />
    ),
    review: (d) => [{ label: 'Person appealing', value: d.appellantName || NOT_GIVEN }],
  },
  {
    id: 'la',
    section: 'people',
    help: () => (
      <p>
        The local authority (LA) is the council that made the decision. It is the other side (the
        “respondent”) in the appeal.
      </p>
    ),
    render: ({ draft, set, role }) => (
      <TextField
        asQuestion
        label={
          role === 'la'
            ? 'Which local authority (LA) do you work for?'
            : 'Which local authority (LA) made the decision?'
        }
        hint="For example Anytown Borough Council."
        value={draft.laName}
        onChange={(laName) => set({ laName })}
      />
    ),
    review: (d) => [{ label: 'Local authority (LA)', value: d.laName || NOT_GIVEN }],
  },
  {
    id: 'extended',
    section: 'extended',
    applies: (d) => extendedAllowed(d.appealType),
    help: () => (
      <>
        <p>
          In an extended appeal, the tribunal can also make recommendations about health and social care in
          the EHC plan (sections C, D, G and H).
        </p>
        <p>
          These recommendations are not orders. Health and social care must reply in writing within 5 weeks.
        </p>
        <p>This is not possible for an appeal about a refusal to assess.</p>
      </>
    ),
    render: ({ draft, set }) => (
      <Checkboxes
        asQuestion
        label="Is the appeal also about health or social care?"
        hint="Tick any that apply. Leave both empty if not."
        choices={[
          { value: 'health', label: 'Health', hint: 'For example therapy or nursing from the NHS.' },
          {
            value: 'social-care',
            label: 'Social care',
            hint: 'For example short breaks, or help at home from social services.',
          },
        ]}
        values={draft.extendedAreas}
        onChange={(extendedAreas) => set({ extendedAreas })}
      />
    ),
    review: (d) => [
      {
        label: 'Health and social care',
        value:
          d.extendedAreas.length === 0
            ? 'No'
            : d.extendedAreas.map((a) => (a === 'health' ? 'Health' : 'Social care')).join(' and '),
      },
    ],
  },
  {
    id: 'registration',
    section: 'tribunal',
    help: () => (
      <>
        <p>
          After an appeal is sent, the tribunal registers it and sends a letter with a reference number and
          the key dates.
        </p>
        <p>Skip this if that has not happened yet. You can add it later.</p>
      </>
    ),
    render: ({ draft, set, warning }) => (
      <>
        <TextField
          asQuestion
          label="Has the tribunal registered the appeal?"
          hint="Type the tribunal’s reference number from its letter, for example EH123/26/00001. Leave it empty if you do not have one yet."
          value={draft.tribunalRef}
          onChange={(tribunalRef) => set({ tribunalRef })}
        />
        <TextField
          type="date"
          label="Date the appeal was registered"
          value={draft.registeredDate}
          warning={warning}
          onChange={(registeredDate) => set({ registeredDate })}
        />
      </>
    ),
    warning: (d, today) => dateWarning(d.registeredDate, today, 'tribunal’s letter'),
    review: (d) => [
      { label: 'Tribunal reference', value: d.tribunalRef || NOT_GIVEN },
      { label: 'Date registered', value: formatDate(d.registeredDate) || NOT_GIVEN },
    ],
  },
  {
    id: 'hearing',
    section: 'tribunal',
    help: () => (
      <p>
        The hearing date is in the tribunal’s letters. The hearing bundle must be ready at least 10 working
        days before it.
      </p>
    ),
    render: ({ draft, set }) => (
      <TextField
        asQuestion
        type="date"
        label="When is the hearing?"
        hint="Leave it empty if you do not know yet."
        value={draft.hearingDate}
        onChange={(hearingDate) => set({ hearingDate })}
      />
    ),
    review: (d) => [{ label: 'Hearing date', value: formatDate(d.hearingDate) || NOT_GIVEN }],
  },
];

export function questionsFor(draft: Draft, role: UserRole): Question[] {
  return QUESTIONS.filter((q) => !q.applies || q.applies(draft, role));
}

/** A name for the case the user can change: the child's name and what the appeal is about. */
export function suggestedTitle(draft: Draft): string {
  const about = draft.appealType ? APPEAL_TYPE_COPY[draft.appealType].short.toLowerCase() : 'appeal';
  return draft.childName.trim() ? `${draft.childName.trim()} – ${about}` : `New case – ${about}`;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function draftToFields(draft: Draft, role: UserRole): CaseFields {
  const extended = extendedAllowed(draft.appealType) && draft.extendedAreas.length > 0;
  return {
    title: draft.title.trim() || suggestedTitle(draft),
    role,
    appealType: draft.appealType ?? 'refusal-to-assess',
    childName: orNull(draft.childName),
    laName: orNull(draft.laName),
    tribunalRef: orNull(draft.tribunalRef),
    decisionDate: orNull(draft.decisionDate),
    mediationCertificateDate: draft.mediation === 'yes' ? orNull(draft.mediationCertificateDate) : null,
    registeredDate: orNull(draft.registeredDate),
    hearingDate: orNull(draft.hearingDate),
    extended,
    extendedHealth: extended && draft.extendedAreas.includes('health'),
    extendedSocialCare: extended && draft.extendedAreas.includes('social-care'),
  };
}

const SIDES: Side[] = ['la', 'health-commissioner', 'social-care-commissioner'];

/** Which party record holds "you": the appellant for parents; for LA users, the side they answer for. */
export function yourPartyKind(role: UserRole, side: Side = 'la'): PartyFields['kind'] | null {
  return role === 'parent' ? 'appellant' : role === 'la' ? side : null;
}

/** The people the answers name, as party records (one per kind): entered once, reused in letters and covers. */
export function partiesFromDraft(draft: Draft, role: UserRole): PartyFields[] {
  const parties: PartyFields[] = [];
  const kind = yourPartyKind(role, draft.yourSide);
  if (kind && draft.yourName.trim()) {
    parties.push(
      role === 'la'
        ? {
            kind,
            name: draft.yourName.trim(),
            roleTitle: orNull(draft.yourJob),
            organisation: orNull(draft.yourSide === 'la' ? draft.laName : draft.yourOrganisation),
          }
        : { kind, name: draft.yourName.trim() },
    );
  }
  if (role !== 'parent' && draft.appellantName.trim()) {
    parties.push({ kind: 'appellant', name: draft.appellantName.trim() });
  }
  return parties;
}

export function draftFromCase(c: Case, parties: Party[]): Draft {
  // An LA-side user who answers for health or social care has that party; otherwise the LA's.
  const side =
    c.role === 'la' ? (SIDES.slice(1).find((k) => parties.some((p) => p.kind === k)) ?? 'la') : 'la';
  const you = parties.find((p) => p.kind === yourPartyKind(c.role, side));
  const appellant = parties.find((p) => p.kind === 'appellant');
  const areas: ExtendedArea[] = [];
  if (c.extendedHealth) areas.push('health');
  if (c.extendedSocialCare) areas.push('social-care');
  return {
    appealType: c.appealType,
    decisionDate: c.decisionDate ?? '',
    mediation: c.mediationCertificateDate ? 'yes' : null,
    mediationCertificateDate: c.mediationCertificateDate ?? '',
    childName: c.childName ?? '',
    yourName: you?.name ?? '',
    yourJob: you?.roleTitle ?? '',
    yourSide: side,
    yourOrganisation: side !== 'la' ? (you?.organisation ?? '') : '',
    appellantName: c.role !== 'parent' ? (appellant?.name ?? '') : '',
    laName: c.laName ?? '',
    extendedAreas: areas,
    tribunalRef: c.tribunalRef ?? '',
    registeredDate: c.registeredDate ?? '',
    hearingDate: c.hearingDate ?? '',
    title: c.title,
  };
}
