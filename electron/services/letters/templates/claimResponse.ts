/**
 * The responsible body's response to a disability discrimination claim: sent to the tribunal and the
 * claimant at the same time. A claim has a claimant, a responsible body and conduct: none of an appeal's
 * words are used here.
 *
 * Sources (read 2026-11-30 and 2026-12-07):
 * - HESC Rules r.21 (legislation.gov.uk, as made): the response gives the respondent's name and address, its
 *   representative's, an address for documents, and whether it opposes the claim and on what grounds
 *   (r.21(2)); it is signed by the respondent or its representative (r.21(4)) and copied to each other party
 *   at the same time (r.21(5)). The child's views (r.21(2)(e)) are asked only in a special educational needs
 *   case.
 * - GOV.UK guidance SEND22, "Respond to a disability discrimination claim" (published 1 August 2014): for the
 *   responsible body, which can be a governing body, a local authority or a school's owner.
 * - Equality Act 2010 (legislation.gov.uk, as enacted): s.6 (who is disabled); s.15 (unfavourable treatment
 *   arising from disability, unless a proportionate means of achieving a legitimate aim, or the school did not
 *   know and could not reasonably have known of the disability); s.19 (indirect discrimination, the same
 *   justification); ss.20–21 and Schedule 13 para 2 (reasonable adjustments by schools); s.85 (what a school's
 *   responsible body must not do); Schedule 17 para 4 (6 months from the conduct; 3 more after a referral
 *   for conciliation; out-of-time claims) and para 5 (the tribunal's orders: no compensation).
 */
import { claimRegistrationDeadline } from '../../../../shared/deadlines';
import { DD_PACK } from '../../../../shared/rules/disability';
import { field, type FactProblem } from '../fields';
import type { Block } from '../model';
import {
  addressLines,
  caseFooter,
  caseReferences,
  CLAIM_WORDING,
  contactCheck,
  dateField,
  evidenceFromDocuments,
  evidenceItemFields,
  evidenceTable,
  long,
  nameInSentence,
  notBefore,
  officerFields,
  party,
  present,
  respondentPeople,
  respondentSignature,
  type RespondentPeople,
  respondentWitnessesAndAddress,
  TRIBUNAL_ADDRESS,
  tribunalRefField,
  type EvidenceItem,
} from './common';
import { defineTemplate, type CaseFacts } from './types';

type Position = 'opposes' | 'opposes-in-part' | 'does-not-oppose';
type Disability = 'accepted' | 'not-accepted' | 'not-known';
type Timing = 'in-time' | 'out-of-time';

interface Values extends RespondentPeople {
  date: string;
  responsibleBody: string;
  responsibleBodyAddress: string[];
  school: string;
  childName: string;
  claimantName: string;
  tribunalRef: string;
  conductDate?: string;
  conductEndDate?: string;
  conciliationDate?: string;
  position: Position;
  disability: Disability;
  disabilityReasons?: string[];
  account: string[];
  grounds: string[];
  timing: Timing;
  timingReasons?: string[];
  orders?: string[];
  evidence?: EvidenceItem[];
}

const POSITION_TEXT: Record<Position, string> = {
  opposes: 'opposes the claim',
  'opposes-in-part': 'opposes the claim in part',
  'does-not-oppose': 'does not oppose the claim',
};

const DISABILITY_TEXT: Record<Disability, string> = {
  accepted: 'accepts that {child} is disabled within the meaning of section 6 of the Equality Act 2010',
  'not-accepted':
    'does not accept that {child} is disabled within the meaning of section 6 of the Equality Act 2010',
  'not-known':
    'does not know whether {child} is disabled within the meaning of section 6 of the Equality Act 2010, and asks the claimant to show it',
};

/** The last day to claim on the dates given (Equality Act 2010, Sch 17 para 4), when the conduct date is known. */
function lastDay(v: Pick<Values, 'conductDate' | 'conductEndDate' | 'conciliationDate'>): string | undefined {
  return v.conductDate
    ? claimRegistrationDeadline(v.conductDate, {
        conductEndDate: v.conductEndDate,
        conciliationDate: v.conciliationDate,
      }).due
    : undefined;
}

export const claimResponse = defineTemplate<Values>({
  id: 'dd-claim-response',
  label: "Responsible body's response to the claim",
  description:
    "The responsible body's response to a disability discrimination claim: whether it opposes the claim and why, what it says about the child's disability and the time limit, the evidence it relies on and its witnesses.",
  writer: 'la',
  proceedings: ['dd'],
  fields: [
    dateField,
    field.text('responsibleBody', {
      label: 'Responsible body',
      question:
        'Who is the responsible body for the school (its governing body, proprietor or academy trust, or the local authority for a school it maintains)?',
      help: 'The tribunal writes to it as "the Chair of the Responsible Body".',
      prefillFrom: 'case: responsible body',
    }),
    field.list('responsibleBodyAddress', {
      label: "Responsible body's address",
      question: 'What address should documents about the claim be sent to?',
      help: 'The tribunal rules require the response to give it (r.21(2)). One line per line of the address.',
      prefillFrom: 'parties: responsible body address',
    }),
    field.text('school', {
      label: 'School',
      question: 'Which school is the claim about?',
    }),
    ...officerFields('claim').map((f) =>
      f.name === 'officerName' ? { ...f, ...CLAIM_WORDING.officerName } : f,
    ),
    field.text('representativeName', {
      label: "Representative's name",
      question: 'Who represents the responsible body in this claim?',
      help: 'A solicitor, or the person who deals with the claim for the school (for example the headteacher or the clerk to the governors). The tribunal asks for the name.',
      prefillFrom: 'parties: responsible body officer',
    }),
    field.text('representativeProfession', {
      label: "Representative's profession or job",
      question: 'What is their profession or job (for example solicitor, or headteacher)?',
      prefillFrom: 'parties: responsible body officer job title',
    }),
    field.list('representativeAddress', {
      label: "Representative's address",
      question: 'If the representative is not at the responsible body’s address, what is their address?',
      required: false,
    }),
    { ...tribunalRefField(), ...CLAIM_WORDING.tribunalRef },
    field.text('childName', {
      label: "Child or young person's name",
      question: 'What is the name of the child or young person the claim is about?',
      prefillFrom: "case: child's name",
    }),
    field.text('claimantName', {
      label: "Claimant's name",
      question: 'Who made the claim (the parent, or the young person)?',
      prefillFrom: 'parties: claimant',
    }),
    field.date('conductDate', {
      label: 'Date of the conduct complained of',
      question: 'On what date does the claim say the conduct happened (or began)?',
      prefillFrom: 'case: date of the conduct',
      required: false,
    }),
    field.date('conductEndDate', {
      label: 'Conduct continued until',
      question: 'If the claim says it went on over a period, when does it say it stopped?',
      prefillFrom: 'case: conduct continued until',
      required: false,
    }),
    field.date('conciliationDate', {
      label: 'Referred for conciliation on',
      question: 'Was the dispute referred for conciliation? If so, on what date?',
      prefillFrom: 'case: conciliation date',
      required: false,
    }),
    field.choice(
      'position',
      [
        { value: 'opposes', label: 'The responsible body opposes the claim' },
        { value: 'opposes-in-part', label: 'The responsible body opposes the claim in part' },
        { value: 'does-not-oppose', label: 'The responsible body does not oppose the claim' },
      ],
      {
        label: "The responsible body's position",
        question: 'Does the responsible body oppose the claim?',
      },
    ),
    field.choice(
      'disability',
      [
        { value: 'accepted', label: 'It accepts that the child is disabled' },
        { value: 'not-accepted', label: 'It does not accept that the child is disabled' },
        { value: 'not-known', label: 'It does not know, and asks the claimant to show it' },
      ],
      {
        label: "The child's disability",
        question:
          'Does the responsible body accept that the child is disabled (Equality Act 2010, section 6)?',
        help: 'A disability is a physical or mental impairment with a substantial and long-term effect on normal day-to-day activities.',
      },
    ),
    field.paragraphs('disabilityReasons', {
      label: 'Why it does not accept the disability',
      question: 'Why does the responsible body not accept (or not know) that the child is disabled?',
      help: 'For example, no diagnosis or evidence of a long-term effect has been given to the school.',
      when: { field: 'disability', in: ['not-accepted', 'not-known'] },
    }),
    field.paragraphs('account', {
      label: "The responsible body's account of what happened",
      question:
        'What happened, as the school saw it, and what in the claim does the responsible body accept or dispute?',
      help: 'One event per paragraph, in date order, with dates and who was involved.',
    }),
    field.paragraphs('grounds', {
      label: 'Grounds',
      question:
        'Why was it not discrimination (or, if the responsible body does not oppose the claim, what does it accept)?',
      help: 'For example: the treatment was not because of the disability; it was a proportionate means of achieving a legitimate aim (and say what the aim was); the school did not know and could not reasonably have known of the disability; or the adjustments it made were reasonable (say which). One point per paragraph.',
    }),
    field.choice(
      'timing',
      [
        { value: 'in-time', label: 'It does not dispute that the claim was made in time' },
        { value: 'out-of-time', label: 'It says the claim was made after the time limit' },
      ],
      {
        label: 'Time limit',
        question: 'Does the responsible body say the claim was made too late?',
        help: 'A claim is to be made within 6 months of the conduct (3 more months after a referral for conciliation). The tribunal can still hear a late claim.',
      },
    ),
    field.paragraphs('timingReasons', {
      label: 'Why the claim is out of time',
      question:
        'Why does the responsible body say the claim is out of time, and why should the tribunal not hear it?',
      when: { field: 'timing', in: ['out-of-time'] },
    }),
    field.paragraphs('orders', {
      label: 'The orders asked for',
      question:
        'What does the responsible body say about the orders the claimant asks for, or what does it offer?',
      help: 'For example a written apology or staff training it has already arranged. The tribunal cannot award money.',
      required: false,
    }),
    field.records('evidence', evidenceItemFields, {
      label: 'Evidence relied on',
      question: 'Which documents does the responsible body rely on?',
      help: 'For example the school’s policies, records of the events, and its correspondence with the family.',
      prefillFrom:
        "documents: responsible body's evidence (section D), with bundle pages when a bundle exists",
      required: false,
    }),
    field.records(
      'witnesses',
      [
        field.text('name', { label: 'Name', question: "What is the witness's name?" }),
        field.text('role', { label: 'Role', question: 'What is their job or role?', required: false }),
      ],
      {
        label: 'Witnesses',
        question: 'Who will give evidence for the responsible body at the hearing?',
        prefillFrom: "witnesses: the responsible body's witnesses",
        required: false,
        usualMost: {
          count: DD_PACK.witnesses.perParty,
          items: 'witnesses',
          advice: "More need the tribunal's permission: ask for it, saying why each witness is needed.",
        },
      },
    ),
    field.text('signatoryName', {
      label: 'Signed by',
      question: 'Who signs the response for the responsible body?',
      help: 'The tribunal rules say the responsible body or its representative signs it (r.21(4)).',
      prefillFrom: 'parties: responsible body officer',
    }),
    field.text('signatoryRole', {
      label: "Signatory's job or role",
      question: 'What is their job or role (for example Chair of Governors, headteacher, solicitor)?',
      prefillFrom: 'parties: responsible body officer job title',
    }),
  ],
  check(v) {
    const problems: FactProblem[] = [...contactCheck(v)];
    if (v.conductDate && v.conductEndDate && v.conductEndDate < v.conductDate)
      problems.push({
        field: 'conductEndDate',
        label: 'Conduct continued until',
        message: 'it is before the date the conduct began',
      });
    problems.push(
      ...notBefore(v.date, [
        { date: v.conductDate, what: 'the conduct complained of' },
        { date: v.conductEndDate, what: 'the end of the conduct complained of' },
      ]),
    );
    return problems;
  },
  prefill(facts: CaseFacts) {
    const body = party(facts, 'la');
    const claimant = party(facts, 'appellant', 'young-person');
    return present({
      date: facts.today,
      responsibleBody: facts.case.laName ?? body?.organisation,
      responsibleBodyAddress: addressLines(body?.address),
      ...respondentPeople(facts, body),
      childName: facts.case.childName,
      claimantName: claimant?.name,
      tribunalRef: facts.case.tribunalRef,
      conductDate: facts.case.decisionDate,
      conductEndDate: facts.case.conductEndDate,
      conciliationDate: facts.case.conciliationDate,
      evidence: evidenceFromDocuments(facts, ['D']),
    });
  },
  build(v) {
    const numbered = (paragraphs: string[]) =>
      paragraphs.map((p): Block => ({ type: 'paragraph', text: p, numbered: true }));
    const body = nameInSentence(v.responsibleBody);
    const conduct = v.conductDate
      ? ` about conduct on ${long(v.conductDate)}${v.conductEndDate ? ` to ${long(v.conductEndDate)}` : ''}`
      : '';
    const blocks: Block[] = [
      {
        type: 'paragraph',
        numbered: true,
        text: `This is the response of ${body}, the responsible body for ${v.school}, to the disability discrimination claim made by ${v.claimantName} for ${v.childName}${conduct}. It is sent to the tribunal and to the claimant at the same time.`,
      },
      {
        type: 'paragraph',
        numbered: true,
        text: [{ text: `The responsible body ${POSITION_TEXT[v.position]}.`, bold: true }],
      },
      { type: 'heading', text: `${v.childName}'s disability` },
      {
        type: 'paragraph',
        numbered: true,
        text: `The responsible body ${DISABILITY_TEXT[v.disability].replace('{child}', v.childName)}.`,
      },
    ];
    if (v.disability !== 'accepted' && v.disabilityReasons?.length)
      blocks.push(...numbered(v.disabilityReasons));
    blocks.push(
      { type: 'heading', text: "The responsible body's account of what happened" },
      ...numbered(v.account),
      {
        type: 'heading',
        text:
          v.position === 'does-not-oppose'
            ? 'What the responsible body accepts'
            : 'Grounds for opposing the claim',
      },
      ...numbered(v.grounds),
      { type: 'heading', text: 'Time limit' },
    );
    const due = lastDay(v);
    if (v.timing === 'out-of-time') {
      const dates = v.conductDate
        ? `: the conduct complained of was on ${long(v.conductDate)}` +
          (v.conductEndDate ? ` and continued until ${long(v.conductEndDate)}` : '') +
          (v.conciliationDate
            ? `, and the dispute was referred for conciliation on ${long(v.conciliationDate)}`
            : '') +
          `, so the last day to claim was ${long(due)}`
        : '';
      blocks.push(
        {
          type: 'paragraph',
          numbered: true,
          text: `The responsible body says the claim was made after the time limit (Equality Act 2010, Schedule 17, para 4)${dates}.`,
        },
        ...numbered(v.timingReasons ?? []),
      );
    } else {
      blocks.push({
        type: 'paragraph',
        numbered: true,
        text: 'The responsible body does not dispute that the claim was made in time.',
      });
    }
    if (v.orders?.length)
      blocks.push({ type: 'heading', text: 'The orders the claimant asks for' }, ...numbered(v.orders));
    if (v.evidence?.length)
      blocks.push(...evidenceTable('Evidence the responsible body relies on', v.evidence));
    blocks.push(
      ...respondentWitnessesAndAddress({
        ...v,
        respondent: 'responsible body',
        caseNoun: 'claim',
        name: v.responsibleBody,
        address: v.responsibleBodyAddress,
      }),
    );
    return {
      title: `Responsible body's response to the claim — ${v.childName}`,
      date: v.date,
      sender: { lines: [v.responsibleBody, ...v.responsibleBodyAddress] },
      recipients: [{ lines: TRIBUNAL_ADDRESS }],
      references: [...caseReferences(v), { label: 'Claimant', value: v.claimantName }],
      heading: 'Response to the disability discrimination claim',
      body: blocks,
      closing: `Signed on behalf of ${body}`,
      signature: respondentSignature({ ...v, name: v.responsibleBody }),
      copies: [`Copy to: ${v.claimantName} (claimant)`],
      footer: caseFooter(v),
    };
  },
});
