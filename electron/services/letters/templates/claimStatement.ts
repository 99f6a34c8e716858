/**
 * The claimant's statement for a disability discrimination claim against a school: the words that go
 * with the claim form (SEND4A). What happened and when, the child's disability, why it was discrimination,
 * and what the claimant asks the tribunal to order; then the time limit, and why the claim is late if it is.
 *
 * Sources (read 2026-11-30): Equality Act 2010, Schedule 17 (legislation.gov.uk, as enacted): para 3 (a
 * claim that a responsible body has contravened Chapter 1 of Part 6 because of a person's disability),
 * para 4 (time limits, conciliation, continuing conduct, out-of-time claims), para 5 (the tribunal "may make
 * such order as it thinks fit"; it may not order compensation); s.85 (what a school's responsible body must
 * not do); form SEND4A (HMCTS, "Disability discrimination claim by a parent").
 * A claim has a claimant, a responsible body and conduct: none of an appeal's words are used here.
 */
import { claimRegistrationDeadline } from '../../../../shared/deadlines';
import { field, type FactProblem } from '../fields';
import type { Block } from '../model';
import {
  addressLines,
  caseFooter,
  CLAIM_WORDING,
  dateField,
  evidenceFromDocuments,
  evidenceItemFields,
  evidenceTable,
  long,
  nameInSentence,
  notBefore,
  party,
  present,
  tribunalRefField,
  type EvidenceItem,
} from './common';
import { defineTemplate, type CaseFacts } from './types';

interface Values {
  date: string;
  claimantName: string;
  claimantAddress?: string[];
  relationship?: string;
  childName: string;
  childDateOfBirth?: string;
  disability: string[];
  responsibleBody: string;
  school: string;
  conductDate: string;
  conductEndDate?: string;
  conciliationDate?: string;
  tribunalRef?: string;
  whatHappened: string[];
  whyDiscrimination?: string[];
  orders: string[];
  evidence?: EvidenceItem[];
  whyLate?: string[];
}

/** The kinds of prohibited conduct a claim can be about, for the help text (Equality Act 2010 ss.13–27). */
const KINDS =
  'direct discrimination, discrimination arising from disability, indirect discrimination, a failure to make reasonable adjustments, harassment, or victimisation';

/** The last day to claim on these facts (Equality Act 2010, Sch 17 para 4). */
function lastDay(v: Pick<Values, 'conductDate' | 'conductEndDate' | 'conciliationDate'>): string {
  return claimRegistrationDeadline(v.conductDate, {
    conductEndDate: v.conductEndDate,
    conciliationDate: v.conciliationDate,
  }).due;
}

export const claimStatement = defineTemplate<Values>({
  id: 'dd-claim-statement',
  label: 'Disability discrimination claim statement (with SEND4A)',
  description:
    'The statement that goes with your claim form (SEND4A): what the school did and when, your child’s disability, why it was discrimination, and what you ask the tribunal to order.',
  writer: 'parent',
  proceedings: ['dd'],
  fields: [
    dateField,
    field.text('claimantName', {
      label: "Claimant's name",
      question: 'Who is making the claim?',
      help: 'Usually a parent. A young person over compulsory school age makes their own claim.',
      prefillFrom: 'parties: claimant',
    }),
    field.list('claimantAddress', {
      label: "Claimant's address",
      question: 'What is your postal address?',
      help: 'One line per line of the address.',
      prefillFrom: 'parties: claimant address',
      required: false,
    }),
    field.text('relationship', {
      label: 'Relationship to the child',
      question: 'What is your relationship to the child (for example mother, father, foster carer)?',
      required: false,
    }),
    field.text('childName', {
      label: "Child or young person's name",
      question: 'What is the name of the child or young person the claim is about?',
      prefillFrom: "case: child's name",
    }),
    field.date('childDateOfBirth', {
      label: "Child or young person's date of birth",
      question: 'What is their date of birth?',
      required: false,
    }),
    field.paragraphs('disability', {
      label: 'The disability',
      question: 'What is the child’s disability, and how does it affect them day to day?',
      help: 'Say what the condition is (a diagnosis if there is one) and what it makes hard, and for how long it has lasted or is likely to last.',
    }),
    field.text('responsibleBody', {
      label: 'Responsible body',
      question:
        'Who is responsible for the school: its governing body, proprietor or academy trust (or the council, for a school it maintains)?',
      prefillFrom: 'case: responsible body',
    }),
    field.text('school', {
      label: 'School',
      question: 'Which school is the claim about?',
    }),
    field.date('conductDate', {
      label: 'Date of the conduct complained of',
      question: 'On what date did the treatment you are complaining about happen (or begin)?',
      prefillFrom: 'case: date of the conduct',
    }),
    field.date('conductEndDate', {
      label: 'Conduct continued until',
      question: 'If it went on over a period, on what date did it stop (or the latest time it happened)?',
      help: 'Conduct over a period counts as done at its end, so time runs from then.',
      prefillFrom: 'case: conduct continued until',
      required: false,
    }),
    field.date('conciliationDate', {
      label: 'Referred for conciliation on',
      question: 'Was the dispute referred for conciliation? If so, on what date?',
      help: 'Referral within the 6 months gives 3 more months to claim.',
      prefillFrom: 'case: conciliation date',
      required: false,
    }),
    { ...tribunalRefField(false), ...CLAIM_WORDING.tribunalRef },
    field.paragraphs('whatHappened', {
      label: 'What happened',
      question: 'What did the school do, or fail to do, and when?',
      help: 'One event per paragraph, in date order, with dates. Say who was involved.',
    }),
    field.paragraphs('whyDiscrimination', {
      label: 'Why it was discrimination',
      question: 'Why do you think this was disability discrimination?',
      help: `For example ${KINDS}. Say how the treatment was linked to the disability.`,
      required: false,
    }),
    field.list('orders', {
      label: 'What you ask the tribunal to order',
      question: 'What do you want the tribunal to order the responsible body to do?',
      help: 'One request per line: for example a written apology, training for staff, or a change to a policy. The tribunal cannot award money.',
    }),
    field.records('evidence', evidenceItemFields, {
      label: 'Evidence you rely on',
      question: 'Which documents support your claim?',
      prefillFrom: "documents: claimant's evidence (section C)",
      required: false,
    }),
    field.paragraphs('whyLate', {
      label: 'Why the claim is late',
      question: 'If the claim is made after the time limit, why is it late?',
      help: 'The tribunal can still consider a late claim, but it will want to know why.',
      required: false,
    }),
  ],
  check(v) {
    const problems: FactProblem[] = [
      ...notBefore(v.date, [
        { date: v.conductDate, what: 'the conduct complained of' },
        { date: v.conductEndDate, what: 'the end of the conduct complained of' },
      ]),
    ];
    if (v.conductEndDate && v.conductEndDate < v.conductDate)
      problems.push({
        field: 'conductEndDate',
        label: 'Conduct continued until',
        message: 'it is before the date the conduct began',
      });
    else if (v.date > lastDay(v) && !v.whyLate?.length)
      problems.push({
        field: 'whyLate',
        label: 'Why the claim is late',
        message: `the last day to claim was ${long(lastDay(v))}: say why the claim is late`,
      });
    return problems;
  },
  prefill(facts: CaseFacts) {
    const claimant = party(facts, 'appellant', 'young-person');
    return present({
      date: facts.today,
      claimantName: claimant?.name,
      claimantAddress: addressLines(claimant?.address),
      childName: facts.case.childName,
      responsibleBody: facts.case.laName,
      conductDate: facts.case.decisionDate,
      conductEndDate: facts.case.conductEndDate,
      conciliationDate: facts.case.conciliationDate,
      tribunalRef: facts.case.tribunalRef,
      evidence: evidenceFromDocuments(facts, ['C']),
    });
  },
  build(v) {
    const due = lastDay(v);
    const late = v.date > due;
    const details: string[][] = [
      ['Claimant', v.claimantName + (v.relationship ? ` (${v.relationship})` : '')],
      [
        'Child or young person',
        v.childName + (v.childDateOfBirth ? ` (born ${long(v.childDateOfBirth)})` : ''),
      ],
      ['Responsible body', v.responsibleBody],
      ['School', v.school],
      [
        'Conduct complained of',
        long(v.conductDate) + (v.conductEndDate ? ` to ${long(v.conductEndDate)}` : ''),
      ],
    ];
    if (v.conciliationDate) details.push(['Referred for conciliation', long(v.conciliationDate)]);
    if (v.tribunalRef) details.push(['Tribunal reference', v.tribunalRef]);
    const numbered = (paragraphs: string[]) =>
      paragraphs.map((p): Block => ({ type: 'paragraph', text: p, numbered: true }));
    const body: Block[] = [
      { type: 'table', header: ['Claim details', ''], widths: [1.2, 2.8], rows: details },
      {
        type: 'paragraph',
        numbered: true,
        text: `I claim that ${nameInSentence(v.responsibleBody)}, the responsible body for ${v.school}, discriminated against ${v.childName} because of ${v.childName}'s disability, contrary to the Equality Act 2010.`,
      },
      { type: 'heading', text: `${v.childName}'s disability` },
      ...numbered(v.disability),
      { type: 'heading', text: 'What happened' },
      ...numbered(v.whatHappened),
    ];
    if (v.whyDiscrimination?.length)
      body.push({ type: 'heading', text: 'Why it was discrimination' }, ...numbered(v.whyDiscrimination));
    body.push(
      { type: 'heading', text: 'What I ask the tribunal to order' },
      {
        type: 'paragraph',
        numbered: true,
        text: 'I ask the tribunal to order the responsible body to:',
      },
      { type: 'list', style: 'number', items: v.orders },
    );
    if (v.evidence?.length) body.push(...evidenceTable('The evidence I rely on', v.evidence));
    body.push(
      { type: 'heading', text: 'Time limit' },
      {
        type: 'paragraph',
        numbered: true,
        text:
          `A claim is to be made within 6 months starting with the date of the conduct complained of` +
          (v.conductEndDate ? ' (conduct over a period counts from its end)' : '') +
          (v.conciliationDate
            ? ', with 3 more months where the dispute was referred for conciliation in time'
            : '') +
          ` (Equality Act 2010, Schedule 17, para 4). On these dates the last day is ${long(due)}.` +
          (late
            ? ' This claim is made after that day. I ask the tribunal to consider it out of time (para 4(3)).'
            : ''),
      },
    );
    if (late && v.whyLate?.length)
      body.push({ type: 'heading', text: 'Why the claim is late' }, ...numbered(v.whyLate));
    body.push({
      type: 'paragraph',
      text: 'I believe that the facts stated in this claim statement are true.',
    });
    return {
      title: `Disability discrimination claim statement — ${v.childName}`,
      date: v.date,
      sender: v.claimantAddress?.length ? { lines: [v.claimantName, ...v.claimantAddress] } : undefined,
      heading: `Disability discrimination claim: ${v.childName}`,
      body,
      closing: 'Signed',
      signature: { name: v.claimantName, lines: ['Claimant', long(v.date)] },
      footer: caseFooter(v),
    };
  },
});
