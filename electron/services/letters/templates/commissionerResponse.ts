/**
 * A health or social care commissioner's written response to the tribunal's recommendations: within
 * 5 weeks, to the family (and, for health, to the LA), saying for each recommendation what steps will be
 * taken, or giving cogent reasons for not following it, and what the family can do next.
 * Sources: the Recommendations Power Regulations 2017 (S.I. 2017/1306), cited in the letter by name and
 * number; DfE/MoJ report to Parliament (March 2017) ch.8; DfE National Trial note (November 2017).
 */
import { field, type FactProblem } from '../fields';
import type { Block } from '../model';
import { parseResponseText, type ResponseStep } from '../recommendationResponse';
import {
  addressLines,
  appellantAddressField,
  appellantNameField,
  caseFooter,
  caseReferences,
  childNameField,
  contactCheck,
  contactLines,
  dateField,
  long,
  nameInSentence,
  notBefore,
  officerFields,
  OMBUDSMAN,
  party,
  plural,
  present,
  tribunalRefField,
} from './common';
import { defineTemplate, type CaseFacts } from './types';

type Area = 'health' | 'social-care';

/** The instrument, by name and number (legislation.gov.uk, read 2026-11-30). */
export const RECOMMENDATIONS_REGULATIONS =
  'the Special Educational Needs and Disability (First-tier Tribunal Recommendations Power) Regulations 2017 (S.I. 2017/1306)';
type Decision = 'will-follow' | 'will-follow-in-part' | 'will-not-follow';

interface RecommendationAnswer {
  /** Paragraphs, as the tribunal worded it. */
  text: string[];
  madeDate?: string;
  decision: Decision;
  steps?: ResponseStep[];
  reasons?: string[];
  explanation?: string[];
}

interface Values {
  date: string;
  commissionerOrganisation: string;
  commissionerAddress?: string[];
  officerName: string;
  officerRole?: string;
  officerEmail?: string;
  officerPhone?: string;
  appellantName: string;
  appellantAddress?: string[];
  laName?: string;
  laAddress?: string[];
  childName: string;
  tribunalRef: string;
  decisionDate: string;
  responseDueDate: string;
  recommendations: RecommendationAnswer[];
  complaintsProcedure?: string;
}

const DECISIONS: { value: Decision; label: string }[] = [
  { value: 'will-follow', label: 'We will follow the recommendation' },
  { value: 'will-follow-in-part', label: 'We will follow part of the recommendation' },
  { value: 'will-not-follow', label: 'We will not follow the recommendation' },
];

const DECISION_TEXT: Record<Decision, string> = {
  'will-follow': 'We will follow this recommendation.',
  'will-follow-in-part': 'We will follow this recommendation in part.',
  'will-not-follow': 'We will not follow this recommendation.',
};

const SHORT_DECISION: Record<Decision, string> = {
  'will-follow': 'Will follow',
  'will-follow-in-part': 'Will follow in part',
  'will-not-follow': 'Will not follow',
};

function fields(area: Area) {
  const health = area === 'health';
  return [
    dateField,
    field.text('commissionerOrganisation', {
      label: health ? 'Health commissioner' : 'Social care service',
      question: health
        ? 'Which organisation is responding (for example the integrated care board)?'
        : "Which social care service is responding (usually the council's children's or adult social care)?",
      prefillFrom: health ? 'parties: health commissioner' : 'parties: social care commissioner',
    }),
    field.list('commissionerAddress', {
      label: 'Your address',
      question: 'What address should the letter come from?',
      prefillFrom: health
        ? 'parties: health commissioner address'
        : 'parties: social care commissioner address',
      required: false,
    }),
    ...officerFields('response'),
    appellantNameField,
    appellantAddressField(),
    field.text('laName', {
      label: 'Local authority',
      question: health
        ? 'Which local authority must also receive this response?'
        : 'Which local authority is responsible for the EHC plan?',
      prefillFrom: 'case: local authority',
      required: health,
    }),
    field.list('laAddress', {
      label: "Local authority's address",
      question: "What is the local authority's SEND team address?",
      prefillFrom: 'parties: local authority address',
      required: false,
    }),
    childNameField,
    tribunalRefField(),
    field.date('decisionDate', {
      label: "Date of the tribunal's decision",
      question: 'What is the date of the tribunal decision that made the recommendations?',
      help: 'Filled in from the recommendations only when they all have the same date; otherwise check the decision.',
      prefillFrom: 'recommendations: their date, when they all have the same one',
    }),
    field.date('responseDueDate', {
      label: 'Date the response is due',
      question: 'By what date must this response be sent?',
      help: 'The date the tribunal set, or else 5 weeks from the recommendation (or from the date the decision was sent, where the tribunal says so).',
      prefillFrom: "deadlines: the commissioner's response date for these recommendations",
    }),
    field.records(
      'recommendations',
      [
        field.paragraphs('text', {
          label: 'The recommendation',
          question: 'What did the tribunal recommend? Copy it exactly as the decision says.',
        }),
        field.date('madeDate', { label: 'Date made', question: 'What date was it made?', required: false }),
        field.choice('decision', DECISIONS, {
          label: 'Your decision',
          question: 'What have you decided to do about this recommendation?',
        }),
        field.records(
          'steps',
          [
            field.text('action', { label: 'Step', question: 'What will you do?' }),
            field.date('by', { label: 'By when', question: 'By what date?' }),
          ],
          {
            label: 'Steps you will take',
            question: 'What steps have you decided to take, and by when?',
            help: 'Each step, and the date it will be done by.',
            when: { field: 'decision', in: ['will-follow', 'will-follow-in-part'] },
          },
        ),
        field.paragraphs('reasons', {
          label: 'Reasons for not following it',
          question: 'Why will you not follow the recommendation (or the part you are not following)?',
          help: 'The reasons must be clear and convincing (cogent): explain them for this child, not in general.',
          when: { field: 'decision', in: ['will-follow-in-part', 'will-not-follow'] },
        }),
        field.paragraphs('explanation', {
          label: 'Anything else to explain',
          question: 'Is there anything else the family should know about this decision?',
          required: false,
        }),
      ],
      {
        label: 'Recommendations and your decisions',
        question: 'For each recommendation the tribunal made, what have you decided?',
        prefillFrom: `recommendations (${area}): text, decision and response`,
      },
    ),
    field.text('complaintsProcedure', {
      label: 'How to complain to you',
      question: 'How can the family make a complaint to your organisation (a web page, email or address)?',
      required: false,
    }),
  ];
}

/** Steps and reasons are asked only for the decisions that need them (their `when`); the rest here. */
function check(values: Values): FactProblem[] {
  const problems: FactProblem[] = [...contactCheck(values)];
  // A response cannot be dated before the decision or a recommendation it answers.
  problems.push(
    ...notBefore(
      values.date,
      [values.decisionDate, ...values.recommendations.map((r) => r.madeDate)].map((date) => ({
        date,
        what: 'the decision or recommendation it answers',
      })),
    ),
  );
  return problems;
}

function prefill(area: Area) {
  return (facts: CaseFacts) => {
    const commissioner = party(facts, area === 'health' ? 'health-commissioner' : 'social-care-commissioner');
    const appellant = party(facts, 'appellant', 'young-person');
    const la = party(facts, 'la');
    const recs = facts.recommendations.filter((r) => r.area === area);
    const madeDates = [...new Set(recs.map((r) => r.madeDate))];
    const dues = facts.deadlines.deadlines
      .filter((d) => d.kind === 'commissioner-response' && recs.some((r) => r.id === d.recommendationId))
      .map((d) => d.due)
      .sort();
    return present({
      date: facts.today,
      commissionerOrganisation:
        commissioner?.organisation ?? (area === 'social-care' ? undefined : commissioner?.name),
      commissionerAddress: addressLines(commissioner?.address),
      officerName: commissioner?.name,
      officerRole: commissioner?.roleTitle,
      officerEmail: commissioner?.email,
      officerPhone: commissioner?.phone,
      appellantName: appellant?.name,
      appellantAddress: addressLines(appellant?.address),
      laName: facts.case.laName,
      laAddress: addressLines(la?.address),
      childName: facts.case.childName,
      tribunalRef: facts.case.tribunalRef,
      // Recommendations made on different dates may come from different decisions: ask, do not guess.
      decisionDate: madeDates.length === 1 ? madeDates[0] : undefined,
      responseDueDate: dues[0],
      recommendations: recs.map((r) => {
        const parsed = parseResponseText(r.responseText);
        return present({
          text: r.text,
          madeDate: r.madeDate,
          decision: r.decision,
          steps: parsed.steps,
          reasons: parsed.reasons,
          explanation: parsed.explanation,
        });
      }),
    });
  };
}

function build(area: Area) {
  return (v: Values) => {
    const health = area === 'health';
    const ombudsman = OMBUDSMAN[area];
    const n = v.recommendations.length;
    const about = health ? 'health care' : 'social care';
    const to = health ? 'to you and to the local authority' : 'to you';
    const body: Block[] = [
      {
        type: 'paragraph',
        text:
          `The First-tier Tribunal (Special Educational Needs and Disability) made ${plural(n, 'recommendation')} ` +
          `about ${v.childName}'s ${about} in its decision of ${long(v.decisionDate)}. The tribunal's recommendations ` +
          `are not binding, but under ${RECOMMENDATIONS_REGULATIONS} we must respond in writing within 5 weeks (or by a date the tribunal sets), ${to}, saying what steps we have decided to take ` +
          `or giving our reasons for not following a recommendation. Our response is due by ${long(v.responseDueDate)}. This letter is our response.`,
      },
      {
        type: 'table',
        header: ['Recommendation', 'Our decision'],
        widths: [3, 1.2],
        rows: v.recommendations.map((r, i) => [
          `${i + 1}. ${truncate(r.text.join(' '), 160)}`,
          SHORT_DECISION[r.decision],
        ]),
      },
    ];
    v.recommendations.forEach((r, i) => {
      body.push({ type: 'heading', text: `Recommendation ${i + 1}` });
      body.push({
        type: 'paragraph',
        text: `The tribunal recommended${r.madeDate && r.madeDate !== v.decisionDate ? ` on ${long(r.madeDate)}` : ''}:`,
      });
      for (const p of r.text) body.push({ type: 'paragraph', text: p, quote: true });
      body.push({
        type: 'paragraph',
        text: [{ text: 'Our decision: ', bold: true }, { text: DECISION_TEXT[r.decision] }],
      });
      for (const p of r.explanation ?? []) body.push({ type: 'paragraph', text: p });
      if (r.steps?.length) {
        body.push({ type: 'paragraph', text: 'The steps we have decided to take:' });
        body.push({
          type: 'table',
          header: ['What we will do', 'By'],
          widths: [3, 1],
          rows: r.steps.map((s) => [s.action, long(s.by)]),
        });
      }
      if (r.reasons?.length) {
        body.push({
          type: 'paragraph',
          text:
            r.decision === 'will-follow-in-part'
              ? 'Our reasons for not following the rest of the recommendation:'
              : 'Our reasons for not following the recommendation:',
        });
        for (const p of r.reasons) body.push({ type: 'paragraph', text: p });
      }
    });
    body.push(
      { type: 'heading', text: 'If you disagree: what you can do next' },
      {
        type: 'paragraph',
        text: `Please contact ${v.officerName} first (details below): we will try to resolve your concerns.`,
      },
      {
        type: 'paragraph',
        text:
          `You can make a formal complaint to ${nameInSentence(v.commissionerOrganisation)}` +
          (v.complaintsProcedure ? `: ${v.complaintsProcedure}` : ' through its complaints procedure') +
          '.',
      },
      {
        type: 'paragraph',
        text: `If you are still unhappy after that, you can complain to the ${ombudsman.name} (${ombudsman.contact}). The Ombudsman is free and independent.`,
      },
      {
        type: 'paragraph',
        text:
          'In exceptional cases you may be able to ask the High Court to review whether our decision was lawful ' +
          '(judicial review). A claim must be made promptly and in any case within 3 months of the decision, so get ' +
          'legal advice quickly if you are thinking about it.',
      },
      {
        type: 'paragraph',
        text: 'Free, impartial advice is available from your local SEND Information, Advice and Support Service (SENDIASS).',
      },
      { type: 'heading', text: 'Who to contact' },
      {
        type: 'paragraph',
        text: `${v.officerName}${v.officerRole ? `, ${v.officerRole},` : ''} is the officer responsible for this response.`,
      },
      {
        type: 'list',
        style: 'bullet',
        items: contactLines({ email: v.officerEmail, phone: v.officerPhone }),
      },
    );
    const recipients = [{ lines: [v.appellantName, ...(v.appellantAddress ?? [])] }];
    if (health && v.laName) recipients.push({ lines: [`${v.laName} (SEND team)`, ...(v.laAddress ?? [])] });
    return {
      title: `${health ? 'Health' : 'Social care'} response to tribunal recommendations — ${v.childName}`,
      date: v.date,
      sender: { lines: [v.commissionerOrganisation, ...(v.commissionerAddress ?? [])] },
      recipients,
      references: [
        ...caseReferences(v),
        { label: "Date of the tribunal's decision", value: long(v.decisionDate) },
      ],
      heading: `Our response to the tribunal's ${health ? 'health' : 'social care'} ${n === 1 ? 'recommendation' : 'recommendations'}`,
      salutation: `Dear ${v.appellantName},`,
      body,
      closing: 'Yours sincerely,',
      signature: {
        name: v.officerName,
        lines: [v.officerRole, v.commissionerOrganisation].filter(Boolean) as string[],
      },
      copies: health && v.laName ? [`Copy to: ${v.laName} (local authority)`] : undefined,
      footer: caseFooter(v),
    };
  };
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function commissionerTemplate(area: Area) {
  const health = area === 'health';
  return defineTemplate<Values>({
    id: health ? 'health-commissioner-response' : 'social-care-commissioner-response',
    label: health
      ? "Health commissioner's response to tribunal recommendations"
      : "Social care commissioner's response to tribunal recommendations",
    description: health
      ? "The integrated care board's written reply, within 5 weeks, to the family and the local authority: for each recommendation, the steps it will take or its reasons for not following it."
      : "The social care service's written reply, within 5 weeks, to the family: for each recommendation, the steps it will take or its reasons for not following it.",
    writer: health ? 'health-commissioner' : 'social-care-commissioner',
    proceedings: ['send'],
    extendedAppealsOnly: true,
    fields: fields(area),
    prefill: prefill(area),
    check,
    build: build(area),
  });
}

export const healthCommissionerResponse = commissionerTemplate('health');
export const socialCareCommissionerResponse = commissionerTemplate('social-care');
