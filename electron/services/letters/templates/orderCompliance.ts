/**
 * After the tribunal's decision: the parent's (or young person's) formal complaint when the LA has not done
 * in time what the tribunal ordered, what it agreed when it told the tribunal it would not oppose the
 * appeal, or what it agreed in mediation. The SEND Regulations 2014 give it a fixed time for each step
 * (reg 44 after an order, reg 45 after an unopposed appeal, reg 42 after a mediation agreement); the dates
 * come from the deadlines service (shared/deadlines/rules.ts). IPSEA's template letter 16 advises a formal
 * complaint to the LA, to its Director of Children's Services, as the first step, then the Local
 * Government and Social Care Ombudsman, or legal advice about judicial review.
 */
import { addDays } from '../../../../shared/dates';
import { complianceOrderKind } from '../../../../shared/deadlines';
import { field } from '../fields';
import type { Block } from '../model';
import {
  addressLines,
  appellantAddressField,
  appellantNameField,
  caseFooter,
  caseReferences,
  childNameField,
  dateField,
  laNameField,
  long,
  nameInSentence,
  notBefore,
  OMBUDSMAN,
  party,
  present,
  tribunalRefField,
} from './common';
import { defineTemplate, type CaseFacts } from './types';

type DecisionKind = 'order' | 'notice' | 'agreement';

interface OverdueStep {
  step: string;
  due: string;
}

interface Values {
  date: string;
  appellantName: string;
  appellantAddress?: string[];
  appellantEmail?: string;
  childName: string;
  tribunalRef?: string;
  laName: string;
  recipientName?: string;
  laAddress?: string[];
  decisionKind: DecisionKind;
  decisionDate: string;
  decided: string[];
  steps: OverdueStep[];
  sinceThen?: string[];
  actBy: string;
  copies?: string[];
}

const DECISION_KINDS: { value: DecisionKind; label: string }[] = [
  { value: 'order', label: 'The tribunal decided the appeal and made an order' },
  { value: 'notice', label: 'The local authority told the tribunal it would not oppose the appeal' },
  { value: 'agreement', label: 'We reached an agreement in mediation' },
];

const REGULATION: Record<DecisionKind, string> = {
  order: 'regulation 44',
  notice: 'regulation 45',
  agreement: 'regulation 42',
};

/** The latest decision recorded on the Tribunal's decision tab, with its steps not yet done. */
function latestDecision(facts: CaseFacts) {
  const order = [...facts.orders].sort((a, b) => b.orderDate.localeCompare(a.orderDate) || b.id - a.id)[0];
  if (!order) return {};
  const kind = complianceOrderKind(order.kind);
  const stepLabel = (id: string) =>
    kind?.steps.find((s) => id === `la-compliance:${order.id}:${s.step}`)?.label;
  const steps = facts.deadlines.deadlines
    .filter((d) => d.orderId === order.id && d.status !== 'done')
    .map((d) => ({ step: stepLabel(d.id) ?? d.label, due: d.due }));
  return {
    decisionKind: kind?.from,
    decisionDate: order.orderDate,
    decided: [kind?.label, order.notes].filter(Boolean),
    steps: steps.length ? steps : undefined,
  };
}

function opening(v: Values): string {
  const la = nameInSentence(v.laName);
  const ref = v.tribunalRef ? ` (reference ${v.tribunalRef})` : '';
  switch (v.decisionKind) {
    case 'order':
      return `On ${long(v.decisionDate)} the First-tier Tribunal (Special Educational Needs and Disability) decided my appeal about ${v.childName}${ref} and ordered ${la} to act.`;
    case 'notice':
      return `On ${long(v.decisionDate)} ${la} told the First-tier Tribunal (Special Educational Needs and Disability) that it would not oppose my appeal about ${v.childName}${ref}.`;
    case 'agreement':
      return `On ${long(v.decisionDate)} ${la} and I reached an agreement in mediation about ${v.childName}.`;
  }
}

export const orderComplianceComplaint = defineTemplate<Values>({
  id: 'order-compliance-complaint',
  label: 'Complaint: the local authority has not acted on the decision in time',
  description:
    'A formal complaint to the local authority when it has missed the time the law gives it to do what the tribunal ordered (or what it agreed): what was decided, what it had to do and by when, and what you ask it to do now.',
  writer: 'parent',
  proceedings: ['send'],
  fields: [
    dateField,
    appellantNameField,
    appellantAddressField(),
    field.text('appellantEmail', {
      label: 'Your email address',
      question: 'What email address should the local authority reply to (if any)?',
      prefillFrom: 'parties: appellant email',
      required: false,
    }),
    childNameField,
    tribunalRefField(false),
    laNameField,
    field.text('recipientName', {
      label: 'Who the complaint is to',
      question: 'Who at the local authority are you writing to?',
      help: "Usually the Director of Children's Services: the council's website gives their name. Leave it empty to write to the Director by title.",
      required: false,
    }),
    field.list('laAddress', {
      label: "Local authority's address",
      question: "What is the local authority's postal address?",
      help: 'One line per line of the address.',
      prefillFrom: 'parties: local authority address',
      required: false,
    }),
    field.choice('decisionKind', DECISION_KINDS, {
      label: 'How the appeal ended',
      question: 'How did the appeal end?',
      prefillFrom: "the case's latest decision (Tribunal's decision tab)",
    }),
    field.date('decisionDate', {
      label: 'Date of the decision',
      question:
        'What is the date of the order, of the local authority’s notice, or of the mediation agreement?',
      help: 'The local authority’s time runs from this date.',
      prefillFrom: "the case's latest decision (Tribunal's decision tab)",
    }),
    field.paragraphs('decided', {
      label: 'What was decided',
      question: 'What did the tribunal order (or the local authority agree)?',
      help: 'Copy the words of the order or agreement if you can.',
      prefillFrom: "the case's latest decision (Tribunal's decision tab)",
    }),
    field.records(
      'steps',
      [
        field.text('step', {
          label: 'What the local authority had to do',
          question: 'What did the local authority have to do?',
        }),
        field.date('due', { label: 'Last day', question: 'By when?' }),
      ],
      {
        label: 'What it had to do, and by when',
        question: 'What has the local authority not done, and by when did it have to?',
        help: 'The Tribunal’s decision tab works these dates out from the regulations, or uses the date the tribunal set.',
        prefillFrom: "the steps of the case's latest decision not marked done",
      },
    ),
    field.paragraphs('sinceThen', {
      label: 'What has happened since',
      question: 'What has happened since (optional)?',
      help: 'For example: "I emailed the SEND team on 2 March and had no reply."',
      required: false,
    }),
    field.date('actBy', {
      label: 'Act by',
      question: 'By when do you ask the local authority to act, or at least to reply?',
      help: 'Two weeks from the letter is usual.',
      prefillFrom: 'two weeks after today',
    }),
    field.list('copies', {
      label: 'Copies to',
      question: 'Who else should get a copy (optional)?',
      help: "One per line: for example the council's monitoring officer, your ward councillor, the SEND case officer.",
      required: false,
    }),
  ],
  check(v) {
    const problems = notBefore(v.date, [{ date: v.decisionDate, what: 'the decision' }]);
    if (v.steps.every((s) => s.due >= v.date))
      problems.push({
        field: 'steps',
        label: 'What it had to do, and by when',
        message: `none of the last days is before ${long(v.date)}, the date of the letter: the local authority is not late yet`,
      });
    return problems;
  },
  prefill(facts) {
    const appellant = party(facts, 'appellant', 'young-person');
    const la = party(facts, 'la');
    return present({
      date: facts.today,
      appellantName: appellant?.name,
      appellantAddress: addressLines(appellant?.address),
      appellantEmail: appellant?.email,
      childName: facts.case.childName,
      tribunalRef: facts.case.tribunalRef,
      laName: facts.case.laName ?? la?.organisation,
      laAddress: addressLines(la?.address),
      ...latestDecision(facts),
      actBy: addDays(facts.today, 14),
    });
  },
  build(v) {
    const la = nameInSentence(v.laName);
    const late = v.steps.filter((s) => s.due < v.date);
    const body: Block[] = [
      {
        type: 'paragraph',
        numbered: true,
        text: `I am writing to make a formal complaint. ${opening(v)} The law gives the local authority a fixed time to do what was decided, and that time has passed.`,
      },
      { type: 'heading', text: 'What was decided' },
      ...v.decided.map((p): Block => ({ type: 'paragraph', numbered: true, text: p })),
      { type: 'heading', text: 'What the local authority had to do, and by when' },
      {
        type: 'table',
        header: ['What the local authority had to do', 'Last day', 'Done?'],
        widths: [2.6, 1.2, 0.8],
        rows: v.steps.map((s) => [s.step, long(s.due), s.due < v.date ? 'No' : 'Not due yet']),
      },
      {
        type: 'paragraph',
        numbered: true,
        text:
          `These periods are set by the Special Educational Needs and Disability Regulations 2014, ${REGULATION[v.decisionKind]}` +
          (v.decisionKind === 'agreement' ? '' : ', unless the tribunal directed another date') +
          '.' +
          (late.length
            ? ` ${late.length === 1 ? 'This step has' : 'These steps have'} not been done: ${late.map((s) => `${s.step} (due ${long(s.due)})`).join('; ')}.`
            : ''),
      },
    ];
    if (v.sinceThen?.length) {
      body.push({ type: 'heading', text: 'What has happened since' });
      body.push(...v.sinceThen.map((p): Block => ({ type: 'paragraph', numbered: true, text: p })));
    }
    body.push(
      { type: 'heading', text: 'What I ask you to do' },
      {
        type: 'paragraph',
        numbered: true,
        text: `Please make sure ${la} does what was decided by ${long(v.actBy)}, and write to me by then to say what it has done and when the rest will be done.`,
      },
      {
        type: 'paragraph',
        numbered: true,
        text: 'Please treat this letter as a formal complaint under your complaints procedure, and tell me who is dealing with it.',
      },
      {
        type: 'paragraph',
        numbered: true,
        text: `If this is not put right, I may complain to the ${OMBUDSMAN['social-care'].name} (${OMBUDSMAN['social-care'].contact}), or take legal advice about asking the High Court for a judicial review.`,
      },
    );
    const recipient = v.recipientName ?? "The Director of Children's Services";
    return {
      title: `Complaint: the decision for ${v.childName} has not been carried out in time`,
      date: v.date,
      sender: {
        lines: [
          v.appellantName,
          ...(v.appellantAddress ?? []),
          ...(v.appellantEmail ? [v.appellantEmail] : []),
        ],
      },
      recipients: [{ lines: [recipient, v.laName, ...(v.laAddress ?? [])] }],
      references: caseReferences(v),
      heading: 'Formal complaint: the decision has not been carried out in time',
      salutation: v.recipientName ? `Dear ${v.recipientName},` : "Dear Director of Children's Services,",
      body,
      closing: 'Yours sincerely,',
      signature: { name: v.appellantName, lines: [] },
      copies: v.copies?.map((c) => `Copy to: ${c}`),
      footer: caseFooter(v),
    };
  },
});
