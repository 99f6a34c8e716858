/**
 * The parent's (or young person's) reasons for appeal: the statement that goes with the appeal form
 * (SEND35, or SEND35a for a refusal to assess). What the decision was, why it is wrong, what they ask
 * the tribunal to order, and the evidence they rely on.
 */
import type { AppealType } from '../../../../shared/domain/case';
import { field } from '../fields';
import type { Block } from '../model';
import {
  addressLines,
  APPEAL_TYPE_OPTIONS,
  APPEAL_TYPE_TEXT,
  appellantAddressField,
  appellantNameField,
  caseFooter,
  childNameField,
  dateField,
  evidenceFromDocuments,
  evidenceItemFields,
  evidenceTable,
  laNameField,
  long,
  notBefore,
  party,
  present,
  tribunalRefField,
  type EvidenceItem,
} from './common';
import { defineTemplate, type CaseFacts } from './types';

interface Values {
  date: string;
  appellantName: string;
  appellantAddress?: string[];
  childName: string;
  childDateOfBirth?: string;
  laName: string;
  appealType: AppealType;
  decisionDate: string;
  mediationCertificateDate?: string;
  tribunalRef?: string;
  decisionSummary: string[];
  reasons: string[];
  orders: string[];
  evidence?: EvidenceItem[];
}

export const reasonsForAppeal = defineTemplate<Values>({
  id: 'reasons-for-appeal',
  label: 'Reasons for appeal',
  description:
    'The statement that goes with your appeal form: what the decision was, why it is wrong, what you want the tribunal to order, and the evidence you rely on.',
  writer: 'parent',
  proceedings: ['send'],
  fields: [
    dateField,
    appellantNameField,
    appellantAddressField(),
    childNameField,
    field.date('childDateOfBirth', {
      label: "Child or young person's date of birth",
      question: 'What is their date of birth?',
      required: false,
    }),
    laNameField,
    field.choice('appealType', APPEAL_TYPE_OPTIONS, {
      label: 'What the appeal is about',
      question: 'What are you appealing against?',
      prefillFrom: 'case: appeal type',
    }),
    field.date('decisionDate', {
      label: 'Date of the decision letter',
      question: "What is the date on the local authority's decision letter?",
      prefillFrom: 'case: decision date',
    }),
    field.date('mediationCertificateDate', {
      label: 'Date of the mediation certificate',
      question: 'What is the date on your mediation certificate (if you have one)?',
      help: 'You do not need one if the appeal is only about the school or college named in section I.',
      prefillFrom: 'case: mediation certificate date',
      required: false,
    }),
    tribunalRefField(false),
    field.paragraphs('decisionSummary', {
      label: 'The decision',
      question: 'In your own words, what did the local authority decide?',
      help: 'For example: "On 3 March 2026 the council refused to carry out an EHC needs assessment for Sam."',
    }),
    field.paragraphs('reasons', {
      label: 'Why the decision is wrong',
      question: 'Why do you think the decision is wrong?',
      help: 'One point per paragraph. Say what the evidence shows, and where (report, page).',
    }),
    field.list('orders', {
      label: 'What you are asking the tribunal to order',
      question: 'What do you want the tribunal to order the local authority to do?',
      help: 'One request per line, for example "Carry out an EHC needs assessment".',
    }),
    field.records('evidence', evidenceItemFields, {
      label: 'Evidence you rely on',
      question: 'Which documents support your appeal?',
      prefillFrom: "documents: appellant's evidence (section C), with bundle pages when a bundle exists",
      required: false,
    }),
  ],
  check: (v) =>
    notBefore(v.date, [
      { date: v.decisionDate, what: 'the decision letter' },
      { date: v.mediationCertificateDate, what: 'the mediation certificate' },
    ]),
  prefill(facts: CaseFacts) {
    const appellant = party(facts, 'appellant', 'young-person');
    return present({
      date: facts.today,
      appellantName: appellant?.name,
      appellantAddress: addressLines(appellant?.address),
      childName: facts.case.childName,
      laName: facts.case.laName,
      appealType: facts.case.appealType,
      decisionDate: facts.case.decisionDate,
      mediationCertificateDate: facts.case.mediationCertificateDate,
      tribunalRef: facts.case.tribunalRef,
      evidence: evidenceFromDocuments(facts, ['C']),
    });
  },
  build(v) {
    const details: string[][] = [
      ['Appellant', v.appellantName],
      [
        'Child or young person',
        v.childName + (v.childDateOfBirth ? ` (born ${long(v.childDateOfBirth)})` : ''),
      ],
      ['Local authority', v.laName],
      ['Appeal against', APPEAL_TYPE_TEXT[v.appealType]],
      ['Date of the decision letter', long(v.decisionDate)],
    ];
    if (v.mediationCertificateDate)
      details.push(['Date of the mediation certificate', long(v.mediationCertificateDate)]);
    if (v.tribunalRef) details.push(['Tribunal reference', v.tribunalRef]);
    const body: Block[] = [
      { type: 'table', header: ['Appeal details', ''], widths: [1.2, 2.8], rows: details },
      { type: 'heading', text: 'The decision' },
      ...v.decisionSummary.map((p): Block => ({ type: 'paragraph', text: p, numbered: true })),
      { type: 'heading', text: 'Why the decision is wrong' },
      ...v.reasons.map((p): Block => ({ type: 'paragraph', text: p, numbered: true })),
      { type: 'heading', text: 'What I am asking the tribunal to order' },
      { type: 'paragraph', text: 'I ask the tribunal to order the local authority to:', numbered: true },
      { type: 'list', style: 'number', items: v.orders },
    ];
    if (v.evidence?.length) {
      body.push(...evidenceTable('The evidence I rely on', v.evidence));
    }
    body.push({
      type: 'paragraph',
      text: 'I believe that the facts stated in these reasons for appeal are true.',
    });
    return {
      title: `Reasons for appeal — ${v.childName}`,
      date: v.date,
      sender: v.appellantAddress?.length ? { lines: [v.appellantName, ...v.appellantAddress] } : undefined,
      heading: `Reasons for appeal: ${v.childName}`,
      body,
      closing: 'Signed',
      signature: { name: v.appellantName, lines: ['Appellant', long(v.date)] },
      footer: caseFooter(v),
    };
  },
});
