/**
 * The local authority's response to the appeal (HESC Rules r.21): sent to the tribunal and the appellant
 * at the same time; says whether the LA opposes the appeal and why, its position on each disputed part,
 * the evidence it relies on and its witnesses, and the address where documents can be sent.
 */
import type { AppealType } from '../../../../shared/domain/types';
import { field } from '../fields';
import type { Block } from '../model';
import {
  addressLines,
  APPEAL_TYPE_OPTIONS,
  APPEAL_TYPE_TEXT,
  appellantNameField,
  caseFooter,
  caseReferences,
  childNameField,
  contactCheck,
  contactLines,
  dateField,
  evidenceFromDocuments,
  evidenceItemFields,
  evidenceTable,
  laNameField,
  officerFields,
  party,
  present,
  TRIBUNAL_ADDRESS,
  tribunalRefField,
  type EvidenceItem,
} from './common';
import { defineTemplate, type CaseFacts } from './types';

type Position = 'opposes' | 'opposes-in-part' | 'does-not-oppose';

interface Values {
  date: string;
  laName: string;
  laAddress: string[];
  officerName: string;
  officerRole?: string;
  officerEmail?: string;
  officerPhone?: string;
  representative?: string;
  childName: string;
  appellantName: string;
  tribunalRef: string;
  appealType: AppealType;
  position: Position;
  reasons: string[];
  sections?: { section: string; position: string[] }[];
  evidence?: EvidenceItem[];
  witnesses?: { name: string; role?: string }[];
}

const POSITIONS: { value: Position; label: string }[] = [
  { value: 'opposes', label: 'The local authority opposes the appeal' },
  { value: 'opposes-in-part', label: 'The local authority opposes the appeal in part' },
  { value: 'does-not-oppose', label: 'The local authority does not oppose the appeal' },
];

const POSITION_TEXT: Record<Position, string> = {
  opposes: 'opposes the appeal',
  'opposes-in-part': 'opposes the appeal in part',
  'does-not-oppose': 'does not oppose the appeal',
};

export const laResponse = defineTemplate<Values>({
  id: 'la-response',
  label: 'Local authority response to the appeal',
  description:
    "The LA's response: whether it opposes the appeal and why, its position on each disputed section, the evidence it relies on and its witnesses.",
  writer: 'la',
  fields: [
    dateField,
    laNameField,
    field.list('laAddress', {
      label: "Local authority's address",
      question: 'What address should documents about the appeal be sent to?',
      help: 'The tribunal rules require the response to give it.',
      prefillFrom: 'parties: local authority address',
    }),
    ...officerFields('appeal'),
    field.text('representative', {
      label: 'Representative',
      question:
        'Is anyone representing the local authority (for example a solicitor)? If so, who, and at what address?',
      required: false,
    }),
    childNameField,
    appellantNameField,
    tribunalRefField(),
    field.choice('appealType', APPEAL_TYPE_OPTIONS, {
      label: 'What the appeal is about',
      question: 'What is the appeal against?',
      prefillFrom: 'case: appeal type',
    }),
    field.choice('position', POSITIONS, {
      label: "The local authority's position",
      question: 'Does the local authority oppose the appeal?',
    }),
    field.paragraphs('reasons', {
      label: 'Reasons',
      question: "What are the local authority's reasons?",
      help: 'One point per paragraph. Refer to the evidence (document and page) where you can.',
    }),
    field.records(
      'sections',
      [
        field.text('section', {
          label: 'Section',
          question: 'Which section of the plan (for example B, F or I)?',
        }),
        field.paragraphs('position', {
          label: "The local authority's position",
          question: "What is the local authority's position on it?",
        }),
      ],
      {
        label: 'Position on each disputed section',
        question: 'For each section of the plan in dispute, what is the local authority’s position?',
        help: 'In a contents appeal, the working document shows the wording in detail.',
        required: false,
      },
    ),
    field.records('evidence', evidenceItemFields, {
      label: 'Evidence relied on',
      question: 'Which documents does the local authority rely on?',
      prefillFrom: "documents: LA's evidence (section D), with bundle pages when a bundle exists",
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
        question: 'Who will give evidence for the local authority at the hearing?',
        prefillFrom: "witnesses: the LA's witnesses",
        required: false,
      },
    ),
  ],
  check: contactCheck,
  prefill(facts: CaseFacts) {
    const la = party(facts, 'la');
    const appellant = party(facts, 'appellant', 'young-person');
    return present({
      date: facts.today,
      laName: facts.case.laName ?? la?.organisation,
      laAddress: addressLines(la?.address),
      officerName: la?.name,
      officerRole: la?.roleTitle,
      officerEmail: la?.email,
      officerPhone: la?.phone,
      childName: facts.case.childName,
      appellantName: appellant?.name,
      tribunalRef: facts.case.tribunalRef,
      appealType: facts.case.appealType,
      evidence: evidenceFromDocuments(facts, ['D']),
      witnesses: facts.witnesses
        .filter((w) => w.party === 'la')
        .map((w) => present({ name: w.name, role: [w.role, w.organisation].filter(Boolean).join(', ') })),
    });
  },
  build(v) {
    const body: Block[] = [
      {
        type: 'paragraph',
        numbered: true,
        text: `This is the response of ${v.laName} to the appeal by ${v.appellantName} about ${APPEAL_TYPE_TEXT[v.appealType]} for ${v.childName}. It is sent to the tribunal and to the appellant at the same time.`,
      },
      {
        type: 'paragraph',
        numbered: true,
        text: [{ text: `The local authority ${POSITION_TEXT[v.position]}.`, bold: true }],
      },
      { type: 'heading', text: v.position === 'does-not-oppose' ? 'Explanation' : 'Reasons' },
      ...v.reasons.map((p): Block => ({ type: 'paragraph', text: p, numbered: true })),
    ];
    if (v.sections?.length) {
      body.push(
        { type: 'heading', text: 'Position on each disputed section of the plan' },
        {
          type: 'table',
          header: ['Section', "The local authority's position"],
          widths: [0.8, 4],
          rows: v.sections.map((s) => [s.section, s.position.join('\n\n')]),
        },
      );
    }
    if (v.evidence?.length) {
      body.push(...evidenceTable('Evidence the local authority relies on', v.evidence));
    }
    body.push({ type: 'heading', text: 'Witnesses' });
    body.push(
      v.witnesses?.length
        ? {
            type: 'table',
            header: ['Name', 'Role'],
            widths: [1.5, 2.5],
            rows: v.witnesses.map((w) => [w.name, w.role ?? '']),
          }
        : { type: 'paragraph', text: 'The local authority does not intend to call witnesses at present.' },
    );
    body.push(
      { type: 'heading', text: 'Address for documents' },
      {
        type: 'paragraph',
        text: `Documents about this appeal can be sent to ${v.laName}, ${v.laAddress.join(', ')}${v.officerEmail ? `, or by email to ${v.officerEmail}` : ''}.`,
      },
    );
    if (v.representative)
      body.push({ type: 'paragraph', text: `The local authority's representative is ${v.representative}.` });
    return {
      title: `Local authority response — ${v.childName}`,
      date: v.date,
      sender: { lines: [v.laName, ...v.laAddress] },
      recipients: [{ lines: TRIBUNAL_ADDRESS }],
      references: [...caseReferences(v), { label: 'Appellant', value: v.appellantName }],
      heading: 'Response to the appeal',
      body,
      closing: 'Signed on behalf of the local authority',
      signature: {
        name: v.officerName,
        lines: [
          v.officerRole,
          v.laName,
          ...contactLines({ email: v.officerEmail, phone: v.officerPhone }),
        ].filter(Boolean) as string[],
      },
      copies: [`Copy to: ${v.appellantName} (appellant)`],
      footer: caseFooter(v),
    };
  },
});
