/**
 * The guided set-up as data: sections, one question per screen, plain-English help to show beside it,
 * soft warnings (never blocks) and the lines each answer adds to the review screen.
 */
import type { ReactNode } from 'react';
import { APPEAL_TYPE_COPY, CLAIM_SETUP_COPY, formatDate } from '../../copy';
import { DateInput, dateInputPartId } from '../../components/DateInput';
import type { FieldProblem } from '../../components/ErrorSummary';
import { notTooLong } from '../../fieldChecks';
import {
  appealRegistrationDeadline,
  certificateBeforeDecisionWarning,
  claimRegistrationDeadline,
} from '../../../shared/deadlines';
import { isDisabilityClaim } from '../../../shared/rules/proceedings';
import { extendedAllowed } from '../../../shared/rules/extendedAppeals';
import { unprintableWarning } from '../../../shared/text/fallbackFonts';
import { Checkboxes, Radios, TextField } from '../../components/Form';
import {
  dateEntryFromIso,
  EMPTY_DATE_ENTRY,
  isoFromDateEntry,
  readDateEntry,
  type DateEntry,
} from '../../../shared/dates/entry';
import {
  APPEAL_TYPES,
  TEXT_MAX,
  type AppealType,
  type Case,
  type CaseFields,
  type UserRole,
} from '../../../shared/domain/case';
import { type Party, type PartyFields } from '../../../shared/domain/caseRecords';
import { isCommissioner, partyKindFor } from '../../../shared/roles';

type MediationAnswer = 'yes' | 'no' | 'not-needed';
type ExtendedArea = 'health' | 'social-care';

/** Answers so far. Text fields are '' when empty; dates are kept as typed in their Day, Month, Year boxes. */
export interface Draft {
  appealType: AppealType | null;
  decisionDate: DateEntry;
  mediation: MediationAnswer | null;
  mediationCertificateDate: DateEntry;
  childName: string;
  yourName: string;
  yourJob: string;
  /** A commissioner's organisation (for the LA itself, the LA's name is used). */
  yourOrganisation: string;
  /** For LA, commissioner and clerk users: who is appealing (a parent, or the young person). */
  appellantName: string;
  laName: string;
  extendedAreas: ExtendedArea[];
  tribunalRef: string;
  registeredDate: DateEntry;
  hearingDate: DateEntry;
  /** A claim: the conduct went on until this date; the date it was referred for conciliation. */
  conductEndDate: DateEntry;
  conciliationDate: DateEntry;
  title: string;
}

export const EMPTY_DRAFT: Draft = {
  appealType: null,
  decisionDate: EMPTY_DATE_ENTRY,
  mediation: null,
  mediationCertificateDate: EMPTY_DATE_ENTRY,
  childName: '',
  yourName: '',
  yourJob: '',
  yourOrganisation: '',
  appellantName: '',
  laName: '',
  extendedAreas: [],
  tribunalRef: '',
  registeredDate: EMPTY_DATE_ENTRY,
  hearingDate: EMPTY_DATE_ENTRY,
  conductEndDate: EMPTY_DATE_ENTRY,
  conciliationDate: EMPTY_DATE_ENTRY,
  title: '',
};

/** The answers a new case starts with: a commissioner's case is about their own area. */
export function emptyDraftFor(role: UserRole): Draft {
  if (role === 'health-commissioner') return { ...EMPTY_DRAFT, extendedAreas: ['health'] };
  if (role === 'social-care-commissioner') return { ...EMPTY_DRAFT, extendedAreas: ['social-care'] };
  return EMPTY_DRAFT;
}

const DATE_KEYS = [
  'decisionDate',
  'mediationCertificateDate',
  'registeredDate',
  'hearingDate',
  'conductEndDate',
  'conciliationDate',
] as const;

function asDateEntry(value: unknown): DateEntry {
  if (typeof value === 'string') return dateEntryFromIso(value);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const text = (k: string) => (typeof v[k] === 'string' ? v[k] : '');
    return { day: text('day'), month: text('month'), year: text('year') };
  }
  return EMPTY_DATE_ENTRY;
}

/** A draft as stored (perhaps by an older version of the app), read back into the current shape. */
export function normaliseDraft(value: unknown, role: UserRole): Draft {
  const base = emptyDraftFor(role);
  if (!value || typeof value !== 'object') return base;
  const v = value as Record<string, unknown>;
  const text = (k: keyof Draft) => (typeof v[k] === 'string' ? v[k] : (base[k] as string));
  const appealType = APPEAL_TYPES.find((t) => t === v.appealType) ?? null;
  const mediation = (['yes', 'no', 'not-needed'] as const).find((m) => m === v.mediation) ?? null;
  const areas = Array.isArray(v.extendedAreas)
    ? v.extendedAreas.filter((a): a is ExtendedArea => a === 'health' || a === 'social-care')
    : base.extendedAreas;
  const draft: Draft = {
    ...base,
    appealType,
    mediation,
    childName: text('childName'),
    yourName: text('yourName'),
    yourJob: text('yourJob'),
    yourOrganisation: text('yourOrganisation'),
    appellantName: text('appellantName'),
    laName: text('laName'),
    tribunalRef: text('tribunalRef'),
    title: text('title'),
    extendedAreas: areas,
  };
  for (const k of DATE_KEYS) draft[k] = asDateEntry(v[k]);
  return draft;
}

export const SECTIONS = [
  { id: 'decision', title: 'The decision', claimTitle: CLAIM_SETUP_COPY.firstSection },
  { id: 'mediation', title: 'Mediation' },
  { id: 'people', title: 'The people' },
  { id: 'extended', title: 'Health and social care' },
  { id: 'tribunal', title: 'Tribunal dates' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

/** A section's heading in the words of the case (a claim's first section is "The claim"). */
export function sectionTitle(id: SectionId, appealType: AppealType | null): string {
  const section = SECTIONS.find((s) => s.id === id);
  if (!section) return '';
  return 'claimTitle' in section && isClaim(appealType) ? section.claimTitle : section.title;
}

const isClaim = (appealType: AppealType | null) => appealType !== null && isDisabilityClaim(appealType);

interface QuestionProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  role: UserRole;
  warning: string | null;
  /** The message for a field with a problem (after Continue), by the field's id. */
  error: (fieldId: string) => string | undefined;
}

interface Question {
  id: string;
  section: SectionId;
  applies?: (draft: Draft, role: UserRole) => boolean;
  /** What the help beside the question says: for a claim, in a claim's words (CLAIM_SETUP_COPY). */
  help: (role: UserRole, draft: Draft) => ReactNode;
  render: (props: QuestionProps) => ReactNode;
  warning?: (draft: Draft, today: string) => string | null;
  /** Required answers missing, dates that cannot be used: one problem per field, linked by its id. */
  check?: (draft: Draft, role: UserRole) => FieldProblem[];
  review: (draft: Draft, role: UserRole) => { label: string; value: string }[];
}

const NOT_GIVEN = 'Not given yet';

/** The ids of the set-up's fields (an error summary links to them). */
const FIELD_IDS = {
  appealType: 'appeal-type',
  decisionDate: 'decision-date',
  mediation: 'mediation',
  mediationCertificateDate: 'mediation-date',
  childName: 'child-name',
  yourName: 'your-name',
  yourJob: 'your-job',
  yourOrganisation: 'your-organisation',
  appellantName: 'appellant-name',
  laName: 'la-name',
  extendedAreas: 'extended-areas',
  tribunalRef: 'tribunal-ref',
  registeredDate: 'registered-date',
  hearingDate: 'hearing-date',
  conductEndDate: 'conduct-end-date',
  conciliationDate: 'conciliation-date',
} as const satisfies Partial<Record<keyof Draft, string>>;

function required(value: string, fieldId: string, message: string): FieldProblem[] {
  return value.trim() ? [] : [{ fieldId, message }];
}

/** A choice that must be made. */
/**
 * The kinds of case a user can start: a health or social care commissioner answers the tribunal's
 * recommendations, which only an extended appeal has (shared/rules/extendedAppeals.ts).
 */
export function appealTypesFor(role: UserRole): readonly AppealType[] {
  return isCommissioner(role) ? APPEAL_TYPES.filter(extendedAllowed) : APPEAL_TYPES;
}

function chosen(value: unknown, fieldId: string, message: string): FieldProblem[] {
  return value ? [] : [{ fieldId, message }];
}

function dateProblems(entry: DateEntry, fieldId: string, what: string, isRequired = false): FieldProblem[] {
  const read = readDateEntry(entry, { what, required: isRequired });
  return read.ok ? [] : [{ fieldId: dateInputPartId(fieldId, read.parts[0]), message: read.message }];
}

/** A date question: the three boxes, with the message and the wrong boxes marked after Continue. */
function DateQuestion(props: {
  fieldId: string;
  what: string;
  label: string;
  hint?: string;
  asQuestion?: boolean;
  isRequired?: boolean;
  value: DateEntry;
  warning?: string | null;
  error: (fieldId: string) => string | undefined;
  onChange: (value: DateEntry) => void;
}) {
  const problem = dateProblems(props.value, props.fieldId, props.what, props.isRequired)[0];
  const shown = problem ? props.error(problem.fieldId) : undefined;
  const read = readDateEntry(props.value, { what: props.what, required: props.isRequired });
  return (
    <DateInput
      id={props.fieldId}
      asQuestion={props.asQuestion}
      label={props.label}
      hint={props.hint}
      warning={props.warning}
      error={shown}
      errorParts={!read.ok ? read.parts : undefined}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

const iso = (entry: DateEntry) => isoFromDateEntry(entry);

type DateKey = (typeof DATE_KEYS)[number];

/** A question that asks for one date: its boxes, its check, and its line on the review screen. */
function dateQuestion(spec: {
  id: string;
  section: SectionId;
  applies?: Question['applies'];
  help: Question['help'];
  field: DateKey;
  what: string;
  label: string;
  hint?: string;
  isRequired?: boolean;
  warning?: Question['warning'];
  /** Problems beyond the date's own (after it reads as a date). */
  alsoCheck?: (d: Draft, problems: FieldProblem[]) => FieldProblem[];
  review: { label: string; empty: string };
}): Question {
  const fieldId = FIELD_IDS[spec.field];
  return {
    id: spec.id,
    section: spec.section,
    ...(spec.applies ? { applies: spec.applies } : {}),
    help: spec.help,
    render: ({ draft, set, warning, error }) => (
      <DateQuestion
        asQuestion
        isRequired={spec.isRequired}
        fieldId={fieldId}
        what={spec.what}
        label={spec.label}
        hint={spec.hint}
        value={draft[spec.field]}
        warning={warning}
        error={error}
        onChange={(value) => set({ [spec.field]: value })}
      />
    ),
    check: (d) => {
      const problems = dateProblems(d[spec.field], fieldId, spec.what, spec.isRequired);
      return spec.alsoCheck ? spec.alsoCheck(d, problems) : problems;
    },
    ...(spec.warning ? { warning: spec.warning } : {}),
    review: (d) => [{ label: spec.review.label, value: formatDate(iso(d[spec.field])) || spec.review.empty }],
  };
}

/** An optional date of a claim, asked in the words of CLAIM_SETUP_COPY; the review says "No" when empty. */
function claimDateQuestion(
  id: string,
  field: DateKey,
  copy: { label: string; hint: string; what: string; review: string; help: readonly string[] },
  more: Pick<Parameters<typeof dateQuestion>[0], 'alsoCheck' | 'warning'>,
): Question {
  return dateQuestion({
    id,
    section: 'decision',
    applies: (d) => isClaim(d.appealType),
    help: () => (
      <>
        {copy.help.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </>
    ),
    field,
    what: copy.what,
    label: copy.label,
    hint: copy.hint,
    review: { label: copy.review, empty: 'No' },
    ...more,
  });
}

/** The last day to register the appeal from the answers so far (shared/deadlines), or null. */
export function registrationDeadline(d: Draft): { due: string; steps: string[] } | null {
  if (!d.appealType || d.appealType === 'disability-discrimination') return null;
  return appealRegistrationDeadline(
    iso(d.decisionDate),
    d.mediation === 'yes' ? iso(d.mediationCertificateDate) : null,
  );
}

/** The last day to make a claim from the answers so far (Equality Act 2010, Sch 17 para 4), or null. */
export function claimDeadline(d: Draft): { due: string; steps: string[] } | null {
  const conduct = iso(d.decisionDate);
  if (!isClaim(d.appealType) || !conduct) return null;
  return claimRegistrationDeadline(conduct, {
    conductEndDate: iso(d.conductEndDate),
    conciliationDate: iso(d.conciliationDate),
  });
}

/** The tribunal has the appeal or claim: whether it was late is behind the case, and the tribunal's to judge. */
function registered(d: Draft): boolean {
  return d.tribunalRef.trim() !== '' || iso(d.registeredDate) !== null;
}

function lateClaimWarning(d: Draft, today: string): string | null {
  const deadline = claimDeadline(d);
  if (!deadline || deadline.due >= today || registered(d)) return null;
  return (
    `From these dates, the last day to make the claim was ${formatDate(deadline.due)}. ` +
    'The tribunal can still decide to consider a late claim: send it as soon as you can and explain why it is late. You can carry on.'
  );
}

function lateWarning(d: Draft, today: string): string | null {
  const deadline = registrationDeadline(d);
  if (!deadline || deadline.due >= today || registered(d)) return null;
  return (
    `From these dates, the last day to register the appeal was ${formatDate(deadline.due)}. ` +
    'The tribunal can still accept a late appeal if you explain why it is late. You can carry on.'
  );
}

function dateWarning(entry: DateEntry, today: string, what: string): string | null {
  const value = iso(entry);
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
        {isCommissioner(role) ? (
          <p>
            Only appeals about an EHC plan are listed: the tribunal can make health and social care
            recommendations only in those, not in an appeal against a refusal to assess.
          </p>
        ) : (
          <p>
            A claim that a school treated a disabled child unfairly is different: it is a disability
            discrimination claim against the school’s responsible body, with its own form and time limits.
          </p>
        )}
      </>
    ),
    render: ({ draft, set, role, error }) => (
      <Radios
        asQuestion
        id={FIELD_IDS.appealType}
        error={error(FIELD_IDS.appealType)}
        name="appealType"
        label={role === 'parent' ? 'What did the local authority (LA) decide?' : 'What is the appeal about?'}
        hint="Choose the one that matches the decision letter."
        choices={appealTypesFor(role).map((value) => ({
          value,
          label: APPEAL_TYPE_COPY[value].label,
          hint: APPEAL_TYPE_COPY[value].hint,
        }))}
        value={draft.appealType}
        onChange={(appealType) => set({ appealType })}
      />
    ),
    check: (d, role) =>
      chosen(
        // A type not offered (an answer kept from before the role changed) is not an answer.
        d.appealType && appealTypesFor(role).includes(d.appealType),
        FIELD_IDS.appealType,
        role === 'parent' ? 'Select what the local authority decided' : 'Select what the appeal is about',
      ),
    review: (d) => [
      {
        label: isClaim(d.appealType) ? 'The case' : 'The decision',
        value: d.appealType ? APPEAL_TYPE_COPY[d.appealType].label : NOT_GIVEN,
      },
    ],
  },
  {
    id: 'decision-date',
    section: 'decision',
    help: (_role, d) =>
      isClaim(d.appealType) ? (
        <>
          {CLAIM_SETUP_COPY.conductDate.help.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </>
      ) : (
        <>
          <p>Look for the date at the top of the decision letter.</p>
          <p>
            Most appeals must be made within 2 months of this date. If you have a mediation certificate, you
            may have longer. The app works out the deadline for you.
          </p>
        </>
      ),
    render: ({ draft, set, warning, error }) =>
      isClaim(draft.appealType) ? (
        <DateQuestion
          asQuestion
          fieldId={FIELD_IDS.decisionDate}
          what={CLAIM_SETUP_COPY.conductDate.what}
          label={CLAIM_SETUP_COPY.conductDate.label}
          hint={CLAIM_SETUP_COPY.conductDate.hint}
          value={draft.decisionDate}
          warning={warning}
          error={error}
          onChange={(decisionDate) => set({ decisionDate })}
        />
      ) : (
        <DateQuestion
          asQuestion
          fieldId={FIELD_IDS.decisionDate}
          what="the date on the decision letter"
          label="What date is on the decision letter?"
          hint="Leave it empty if you do not have the letter yet."
          value={draft.decisionDate}
          warning={warning}
          error={error}
          onChange={(decisionDate) => set({ decisionDate })}
        />
      ),
    check: (d) =>
      dateProblems(
        d.decisionDate,
        FIELD_IDS.decisionDate,
        isClaim(d.appealType) ? CLAIM_SETUP_COPY.conductDate.what : 'the date on the decision letter',
      ),
    warning: (d, today) =>
      isClaim(d.appealType)
        ? (dateWarning(d.decisionDate, today, 'school’s letter or your notes') ?? lateClaimWarning(d, today))
        : (dateWarning(d.decisionDate, today, 'decision letter') ??
          (d.mediation === null ? null : lateWarning(d, today))),
    review: (d) => [
      isClaim(d.appealType)
        ? { label: CLAIM_SETUP_COPY.conductDate.review, value: formatDate(iso(d.decisionDate)) || NOT_GIVEN }
        : { label: 'Date of the decision letter', value: formatDate(iso(d.decisionDate)) || NOT_GIVEN },
    ],
  },
  claimDateQuestion('conduct-end', 'conductEndDate', CLAIM_SETUP_COPY.conductEnd, {
    alsoCheck: (d, problems) => {
      const start = iso(d.decisionDate);
      const end = iso(d.conductEndDate);
      if (problems.length === 0 && start && end && end < start)
        problems.push({
          fieldId: dateInputPartId(FIELD_IDS.conductEndDate, 'day'),
          message: 'The date it went on until must be after the date it began',
        });
      return problems;
    },
    warning: (d, today) => dateWarning(d.conductEndDate, today, 'dates') ?? lateClaimWarning(d, today),
  }),
  claimDateQuestion('conciliation', 'conciliationDate', CLAIM_SETUP_COPY.conciliation, {
    warning: (d, today) => dateWarning(d.conciliationDate, today, 'dates') ?? lateClaimWarning(d, today),
  }),
  {
    id: 'mediation',
    section: 'mediation',
    // A claim has no mediation certificate.
    applies: (d) => !isClaim(d.appealType),
    help: () => (
      <>
        <p>
          Before most appeals, the person appealing must contact the LA’s mediation service. They then get a
          mediation certificate, even if they decide not to have mediation.
        </p>
        <p>You do not need one if the appeal is only about the school or college named in the EHC plan.</p>
      </>
    ),
    render: ({ draft, set, role, warning, error }) => (
      <Radios
        asQuestion
        id={FIELD_IDS.mediation}
        error={error(FIELD_IDS.mediation)}
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
    check: (d, role) =>
      chosen(
        d.mediation,
        FIELD_IDS.mediation,
        role === 'parent'
          ? 'Select whether you have a mediation certificate'
          : 'Select whether the appellant has a mediation certificate',
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
  dateQuestion({
    id: 'mediation-date',
    section: 'mediation',
    applies: (d) => !isClaim(d.appealType) && d.mediation === 'yes',
    help: () => <p>The date is on the certificate. It can give you more time to appeal.</p>,
    field: 'mediationCertificateDate',
    isRequired: true,
    what: 'the date on the mediation certificate',
    label: 'What date is on the mediation certificate?',
    warning: (d, today) =>
      dateWarning(d.mediationCertificateDate, today, 'certificate') ??
      certificateBeforeDecisionWarning(iso(d.decisionDate), iso(d.mediationCertificateDate)) ??
      lateWarning(d, today),
    review: { label: 'Date of the certificate', empty: NOT_GIVEN },
  }),
  {
    id: 'child',
    section: 'people',
    help: (_role, d) =>
      isClaim(d.appealType) ? (
        <p>{CLAIM_SETUP_COPY.child.help}</p>
      ) : (
        <>
          <p>The case is about this child or young person. Their name goes on the bundle and in letters.</p>
          <p>A young person is someone aged 16 to 25. They can appeal for themselves.</p>
        </>
      ),
    render: ({ draft, set, warning, error }) => (
      <TextField
        asQuestion
        id={FIELD_IDS.childName}
        error={error(FIELD_IDS.childName)}
        warning={warning}
        label="What is the name of the child or young person?"
        hint={
          isClaim(draft.appealType)
            ? CLAIM_SETUP_COPY.child.hint
            : 'Their full name, as it is on the decision letter.'
        }
        value={draft.childName}
        autoComplete="off"
        onChange={(childName) => set({ childName })}
      />
    ),
    warning: (d) => unprintableWarning(d.childName, 'Child or young person'),
    check: (d) => [
      ...required(d.childName, FIELD_IDS.childName, 'Enter the name of the child or young person'),
      ...notTooLong(d.childName, FIELD_IDS.childName, 'The name', TEXT_MAX.name),
    ],
    review: (d) => [{ label: 'Child or young person', value: d.childName || NOT_GIVEN }],
  },
  {
    id: 'you',
    section: 'people',
    applies: (_d, role) => role !== 'clerk',
    help: (role, d) =>
      role === 'parent' ? (
        <p>
          {isClaim(d.appealType)
            ? CLAIM_SETUP_COPY.you.help
            : 'Your name goes on the letters the app writes for you. If you are the young person making the appeal, write your own name.'}
        </p>
      ) : isCommissioner(role) ? (
        <p>
          Your name, job and organisation go on your written reply to the tribunal’s recommendations, and tell
          the family whom to contact.
        </p>
      ) : (
        <p>Your name and job go on the letters and the covering note with the bundle.</p>
      ),
    render: ({ draft, set, role, warning, error }) => (
      <>
        <TextField
          asQuestion
          id={FIELD_IDS.yourName}
          error={error(FIELD_IDS.yourName)}
          warning={warning}
          label="What is your name?"
          value={draft.yourName}
          autoComplete="name"
          onChange={(yourName) => set({ yourName })}
        />
        {role !== 'parent' ? (
          <TextField
            id={FIELD_IDS.yourJob}
            label="What is your job title? (optional)"
            hint={
              isCommissioner(role)
                ? 'For example Designated Clinical Officer.'
                : isClaim(draft.appealType)
                  ? CLAIM_SETUP_COPY.you.jobHint
                  : 'For example SEND Officer, or SEND Case Officer.'
            }
            value={draft.yourJob}
            autoComplete="organization-title"
            onChange={(yourJob) => set({ yourJob })}
          />
        ) : null}
        {isCommissioner(role) ? (
          <TextField
            id={FIELD_IDS.yourOrganisation}
            error={error(FIELD_IDS.yourOrganisation)}
            label="What is your organisation called?"
            hint={
              role === 'health-commissioner'
                ? 'For example NHS Anytown Integrated Care Board.'
                : 'For example Anytown Council Children’s Social Care.'
            }
            value={draft.yourOrganisation}
            autoComplete="organization"
            onChange={(yourOrganisation) => set({ yourOrganisation })}
          />
        ) : null}
      </>
    ),
    warning: (d) => unprintableWarning(d.yourName, 'Your name'),
    check: (d, role) => [
      ...required(d.yourName, FIELD_IDS.yourName, 'Enter your name'),
      ...notTooLong(d.yourName, FIELD_IDS.yourName, 'Your name', TEXT_MAX.name),
      ...notTooLong(d.yourJob, FIELD_IDS.yourJob, 'Your job title', TEXT_MAX.name),
      ...(isCommissioner(role)
        ? [
            ...required(
              d.yourOrganisation,
              FIELD_IDS.yourOrganisation,
              'Enter the name of your organisation',
            ),
            ...notTooLong(d.yourOrganisation, FIELD_IDS.yourOrganisation, 'The name', TEXT_MAX.name),
          ]
        : []),
    ],
    review: (d, role) => [
      { label: 'Your name', value: d.yourName || NOT_GIVEN },
      ...(role !== 'parent' ? [{ label: 'Your job title', value: d.yourJob || NOT_GIVEN }] : []),
      ...(isCommissioner(role)
        ? [{ label: 'Your organisation', value: d.yourOrganisation || NOT_GIVEN }]
        : []),
    ],
  },
  {
    id: 'appellant',
    section: 'people',
    applies: (_d, role) => role !== 'parent',
    help: (_role, d) => (
      <p>
        {isClaim(d.appealType)
          ? CLAIM_SETUP_COPY.applicant.help
          : 'The appellant is the person appealing: a parent (for a child), or the young person (16 to 25). Their name goes on the bundle’s cover and in letters.'}
      </p>
    ),
    render: ({ draft, set, warning, error }) =>
      isClaim(draft.appealType) ? (
        <TextField
          asQuestion
          id={FIELD_IDS.appellantName}
          error={error(FIELD_IDS.appellantName)}
          warning={warning}
          label={CLAIM_SETUP_COPY.applicant.label}
          hint={CLAIM_SETUP_COPY.applicant.hint}
          value={draft.appellantName}
          onChange={(appellantName) => set({ appellantName })}
        />
      ) : (
        <TextField
          asQuestion
          id={FIELD_IDS.appellantName}
          error={error(FIELD_IDS.appellantName)}
          warning={warning}
          label="Who is making the appeal? (optional)"
          hint="The parent’s name, or the young person’s own name. Leave it empty if you do not know yet."
          value={draft.appellantName}
          onChange={(appellantName) => set({ appellantName })}
        />
      ),
    warning: (d) =>
      unprintableWarning(
        d.appellantName,
        isClaim(d.appealType) ? CLAIM_SETUP_COPY.applicant.review : 'Person appealing',
      ),
    check: (d) => notTooLong(d.appellantName, FIELD_IDS.appellantName, 'The name', TEXT_MAX.name),
    review: (d) => [
      {
        label: isClaim(d.appealType) ? CLAIM_SETUP_COPY.applicant.review : 'Person appealing',
        value: d.appellantName || NOT_GIVEN,
      },
    ],
  },
  {
    id: 'la',
    section: 'people',
    help: (_role, d) => (
      <p>
        {isClaim(d.appealType)
          ? CLAIM_SETUP_COPY.respondent.help
          : 'The local authority (LA) is the council that made the decision. It is the other side (the “respondent”) in the appeal.'}
      </p>
    ),
    render: ({ draft, set, role, warning, error }) =>
      isClaim(draft.appealType) ? (
        <TextField
          asQuestion
          id={FIELD_IDS.laName}
          error={error(FIELD_IDS.laName)}
          warning={warning}
          label={
            role === 'la'
              ? CLAIM_SETUP_COPY.respondent.labelForStaff
              : CLAIM_SETUP_COPY.respondent.labelForFamily
          }
          hint={CLAIM_SETUP_COPY.respondent.hint}
          value={draft.laName}
          onChange={(laName) => set({ laName })}
        />
      ) : (
        <TextField
          asQuestion
          id={FIELD_IDS.laName}
          error={error(FIELD_IDS.laName)}
          warning={warning}
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
    warning: (d) =>
      unprintableWarning(
        d.laName,
        isClaim(d.appealType) ? CLAIM_SETUP_COPY.respondent.review : 'Local authority (LA)',
      ),
    check: (d) => [
      ...required(
        d.laName,
        FIELD_IDS.laName,
        isClaim(d.appealType) ? CLAIM_SETUP_COPY.respondent.missing : 'Enter the name of the local authority',
      ),
      ...notTooLong(d.laName, FIELD_IDS.laName, 'The name', TEXT_MAX.name),
    ],
    review: (d) => [
      {
        label: isClaim(d.appealType) ? CLAIM_SETUP_COPY.respondent.review : 'Local authority (LA)',
        value: d.laName || NOT_GIVEN,
      },
    ],
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
        id={FIELD_IDS.extendedAreas}
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
    help: (_role, d) => (
      <>
        <p>
          {isClaim(d.appealType)
            ? CLAIM_SETUP_COPY.registration.help
            : 'After an appeal is sent, the tribunal registers it and sends a letter with a reference number and the key dates.'}
        </p>
        <p>Skip this if that has not happened yet. You can add it later.</p>
      </>
    ),
    render: ({ draft, set, warning, error }) => (
      <>
        <TextField
          asQuestion
          id={FIELD_IDS.tribunalRef}
          error={error(FIELD_IDS.tribunalRef)}
          label={
            isClaim(draft.appealType)
              ? CLAIM_SETUP_COPY.registration.label
              : 'Has the tribunal registered the appeal?'
          }
          hint="Type the tribunal’s reference number from its letter, for example EH123/26/00001. Leave it empty if you do not have one yet."
          value={draft.tribunalRef}
          onChange={(tribunalRef) => set({ tribunalRef })}
        />
        <DateQuestion
          fieldId={FIELD_IDS.registeredDate}
          what={
            isClaim(draft.appealType)
              ? CLAIM_SETUP_COPY.registration.what
              : 'the date the appeal was registered'
          }
          label={
            isClaim(draft.appealType)
              ? CLAIM_SETUP_COPY.registration.dateLabel
              : 'Date the appeal was registered (optional)'
          }
          value={draft.registeredDate}
          warning={warning}
          error={error}
          onChange={(registeredDate) => set({ registeredDate })}
        />
      </>
    ),
    warning: (d, today) => dateWarning(d.registeredDate, today, 'tribunal’s letter'),
    check: (d) => [
      ...notTooLong(d.tribunalRef, FIELD_IDS.tribunalRef, 'The reference', TEXT_MAX.reference),
      ...dateProblems(
        d.registeredDate,
        FIELD_IDS.registeredDate,
        isClaim(d.appealType) ? CLAIM_SETUP_COPY.registration.what : 'the date the appeal was registered',
      ),
    ],
    review: (d) => [
      { label: 'Tribunal reference', value: d.tribunalRef || NOT_GIVEN },
      { label: 'Date registered', value: formatDate(iso(d.registeredDate)) || NOT_GIVEN },
    ],
  },
  dateQuestion({
    id: 'hearing',
    section: 'tribunal',
    help: (_role, d) => (
      <p>
        {isClaim(d.appealType)
          ? CLAIM_SETUP_COPY.hearing.help
          : 'The hearing date is in the tribunal’s letters. The hearing bundle must be ready at least 10 working days before it.'}
      </p>
    ),
    field: 'hearingDate',
    what: 'the date of the hearing',
    label: 'When is the hearing?',
    hint: 'Leave it empty if you do not know yet.',
    review: { label: 'Hearing date', empty: NOT_GIVEN },
  }),
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

/** Every problem with the answers to the questions that apply (the review screen checks them all again). */
export function draftProblems(draft: Draft, role: UserRole): { question: Question; problem: FieldProblem }[] {
  return questionsFor(draft, role).flatMap((question) =>
    (question.check?.(draft, role) ?? []).map((problem) => ({ question, problem })),
  );
}

export function draftToFields(draft: Draft, role: UserRole): CaseFields {
  if (!draft.appealType) throw new Error('The appeal type is a required answer.');
  const extended = extendedAllowed(draft.appealType) && draft.extendedAreas.length > 0;
  return {
    title: draft.title.trim() || suggestedTitle(draft),
    role,
    appealType: draft.appealType,
    childName: orNull(draft.childName),
    laName: orNull(draft.laName),
    tribunalRef: orNull(draft.tribunalRef),
    decisionDate: iso(draft.decisionDate),
    mediationCertificateDate:
      !isClaim(draft.appealType) && draft.mediation === 'yes' ? iso(draft.mediationCertificateDate) : null,
    registeredDate: iso(draft.registeredDate),
    hearingDate: iso(draft.hearingDate),
    // A claim's facts only in a claim (the service refuses them in an appeal).
    conductEndDate: isClaim(draft.appealType) ? iso(draft.conductEndDate) : null,
    conciliationDate: isClaim(draft.appealType) ? iso(draft.conciliationDate) : null,
    extended,
    extendedHealth: extended && draft.extendedAreas.includes('health'),
    extendedSocialCare: extended && draft.extendedAreas.includes('social-care'),
  };
}

/** The people the answers name, as party records (one per kind): entered once, reused in letters and covers. */
export function partiesFromDraft(draft: Draft, role: UserRole): PartyFields[] {
  const parties: PartyFields[] = [];
  const kind = partyKindFor(role);
  if (kind && draft.yourName.trim()) {
    parties.push(
      role === 'parent'
        ? { kind, name: draft.yourName.trim() }
        : {
            kind,
            name: draft.yourName.trim(),
            roleTitle: orNull(draft.yourJob),
            organisation: orNull(role === 'la' ? draft.laName : draft.yourOrganisation),
          },
    );
  }
  if (role !== 'parent' && draft.appellantName.trim()) {
    parties.push({ kind: 'appellant', name: draft.appellantName.trim() });
  }
  return parties;
}

export function draftFromCase(c: Case, parties: Party[]): Draft {
  const yourKind = partyKindFor(c.role);
  const you = yourKind ? parties.find((p) => p.kind === yourKind) : undefined;
  const appellant = parties.find((p) => p.kind === 'appellant');
  const areas: ExtendedArea[] = [];
  if (c.extendedHealth) areas.push('health');
  if (c.extendedSocialCare) areas.push('social-care');
  return {
    appealType: c.appealType,
    decisionDate: dateEntryFromIso(c.decisionDate),
    mediation: c.mediationCertificateDate ? 'yes' : null,
    mediationCertificateDate: dateEntryFromIso(c.mediationCertificateDate),
    childName: c.childName ?? '',
    yourName: you?.name ?? '',
    yourJob: you?.roleTitle ?? '',
    yourOrganisation: isCommissioner(c.role) ? (you?.organisation ?? '') : '',
    appellantName: c.role !== 'parent' ? (appellant?.name ?? '') : '',
    laName: c.laName ?? '',
    extendedAreas: areas,
    tribunalRef: c.tribunalRef ?? '',
    registeredDate: dateEntryFromIso(c.registeredDate),
    hearingDate: dateEntryFromIso(c.hearingDate),
    conductEndDate: dateEntryFromIso(c.conductEndDate),
    conciliationDate: dateEntryFromIso(c.conciliationDate),
    title: c.title,
  };
}
