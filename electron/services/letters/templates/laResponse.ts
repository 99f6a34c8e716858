/**
 * The local authority's response to the appeal: sent to the tribunal and the appellant at the same time.
 *
 * HESC Rules r.21(2) (legislation.gov.uk, as made; read 2026-11-30): the respondent's name and address, its
 * representative's name and address, an address for documents, whether it opposes the appeal and on what
 * grounds, and in a special educational needs case the child's views about the issues or why they were
 * not found out; r.21(5): a copy to each other party at the same time.
 * The tribunal's guidance for local authorities (GOV.UK, "Preparing a SEND Tribunal case: local
 * authorities", replacing SEND2 and SEND27; read 2026-11-30): an authorised officer signs it; when the LA
 * opposes, it gives its reasons, the name and profession of its representative, its address for documents,
 * a summary of the facts about the decision, why the decision was made (if not in the decision itself) and
 * the child's views (or why the LA has not got them).
 */
import type { AppealType } from '../../../../shared/domain/case';
import { SEND_PACK } from '../../../../shared/rules/send';
import { field, type FactProblem } from '../fields';
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
  dateField,
  evidenceFromDocuments,
  evidenceItemFields,
  evidenceTable,
  laNameField,
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
type ChildViews = 'given' | 'not-obtained';

interface Values extends RespondentPeople {
  date: string;
  laName: string;
  laAddress: string[];
  childName: string;
  appellantName: string;
  tribunalRef: string;
  appealType: AppealType;
  decisionDate?: string;
  position: Position;
  factsSummary?: string[];
  decisionReasons?: string[];
  reasons: string[];
  childViewsKind: ChildViews;
  childViews: string[];
  sections?: { section: string; position: string[] }[];
  evidence?: EvidenceItem[];
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
  proceedings: ['send'],
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
    field.text('representativeName', {
      label: "Representative's name",
      question: 'Who represents the local authority in this appeal?',
      help: 'A solicitor, or the officer who deals with the appeal. The tribunal asks for the name and profession.',
      prefillFrom: 'parties: officer',
    }),
    field.text('representativeProfession', {
      label: "Representative's profession",
      question: 'What is their profession (for example solicitor, or SEND casework officer)?',
      prefillFrom: 'parties: officer job title',
    }),
    field.list('representativeAddress', {
      label: "Representative's address",
      question: 'If the representative is not at the local authority’s address, what is their address?',
      required: false,
    }),
    childNameField,
    appellantNameField,
    tribunalRefField(),
    field.choice(
      'appealType',
      APPEAL_TYPE_OPTIONS.filter((o) => o.value !== 'disability-discrimination'),
      {
        label: 'What the appeal is about',
        question: 'What is the appeal against?',
        prefillFrom: 'case: appeal type',
      },
    ),
    field.date('decisionDate', {
      label: 'Date of the decision letter',
      question: "What is the date of the local authority's decision letter?",
      prefillFrom: 'case: decision date',
      required: false,
    }),
    field.choice('position', POSITIONS, {
      label: "The local authority's position",
      question: 'Does the local authority oppose the appeal?',
    }),
    field.paragraphs('factsSummary', {
      label: 'Summary of the facts',
      question: 'In short, what are the facts about the decision (what happened, and when)?',
      help: 'Needed when the local authority opposes the appeal. One point per paragraph.',
      required: false,
    }),
    field.paragraphs('decisionReasons', {
      label: 'Reasons for the decision',
      question: 'Why did the local authority make the decision?',
      help: 'Needed when the local authority opposes the appeal, unless the decision letter already gives the reasons.',
      required: false,
    }),
    field.paragraphs('reasons', {
      label: 'Grounds',
      question: 'Why does the local authority oppose the appeal (or, if it does not, what does it agree to)?',
      help: 'One point per paragraph. Refer to the evidence (document and page) where you can.',
    }),
    field.choice(
      'childViewsKind',
      [
        { value: 'given', label: "Here are the child's or young person's views" },
        { value: 'not-obtained', label: 'Their views were not obtained: here is why' },
      ],
      {
        label: "The child's or young person's views",
        question: "Do you have the child's or young person's views about the issues in the appeal?",
        help: 'The tribunal rules require the views, or the reason they were not found out (r.21(2)(e)).',
      },
    ),
    field.paragraphs('childViews', {
      label: 'Their views, or why they were not obtained',
      question: 'What are their views? Or why were they not obtained?',
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
        usualMost: {
          count: SEND_PACK.witnesses.perParty,
          items: 'witnesses',
          advice:
            "More need the tribunal's permission: ask for it on form SEND7, saying why each witness is needed.",
        },
      },
    ),
    field.text('signatoryName', {
      label: 'Signed by',
      question: 'Which officer, authorised to sign for the local authority, signs the response?',
      help: "The tribunal's guidance says an authorised officer must sign it.",
      prefillFrom: 'parties: officer',
    }),
    field.text('signatoryRole', {
      label: "Signatory's job title",
      question: 'What is their job title?',
      prefillFrom: 'parties: officer job title',
    }),
  ],
  check(v) {
    const problems: FactProblem[] = [...contactCheck(v)];
    if (v.position !== 'does-not-oppose') {
      if (!v.factsSummary?.length)
        problems.push({
          field: 'factsSummary',
          label: 'Summary of the facts',
          message: 'the tribunal asks for it when the local authority opposes the appeal',
        });
      if (!v.decisionReasons?.length && !v.decisionDate)
        problems.push({
          field: 'decisionReasons',
          label: 'Reasons for the decision',
          message:
            'give the reasons, or the date of the decision letter that gives them, when the local authority opposes the appeal',
        });
    }
    problems.push(...notBefore(v.date, [{ date: v.decisionDate, what: 'the decision under appeal' }]));
    return problems;
  },
  prefill(facts: CaseFacts) {
    const la = party(facts, 'la');
    const appellant = party(facts, 'appellant', 'young-person');
    return present({
      date: facts.today,
      laName: facts.case.laName ?? la?.organisation,
      laAddress: addressLines(la?.address),
      ...respondentPeople(facts, la),
      childName: facts.case.childName,
      appellantName: appellant?.name,
      tribunalRef: facts.case.tribunalRef,
      appealType: facts.case.appealType,
      decisionDate: facts.case.decisionDate,
      evidence: evidenceFromDocuments(facts, ['D']),
    });
  },
  build(v) {
    const opposes = v.position !== 'does-not-oppose';
    const numbered = (paragraphs: string[]) =>
      paragraphs.map((p): Block => ({ type: 'paragraph', text: p, numbered: true }));
    const body: Block[] = [
      {
        type: 'paragraph',
        numbered: true,
        text: `This is the response of ${nameInSentence(v.laName)} to the appeal by ${v.appellantName} about ${APPEAL_TYPE_TEXT[v.appealType]} for ${v.childName}${v.decisionDate ? `, decided on ${long(v.decisionDate)}` : ''}. It is sent to the tribunal and to the appellant at the same time.`,
      },
      {
        type: 'paragraph',
        numbered: true,
        text: [{ text: `The local authority ${POSITION_TEXT[v.position]}.`, bold: true }],
      },
    ];
    if (v.factsSummary?.length)
      body.push({ type: 'heading', text: 'Summary of the facts' }, ...numbered(v.factsSummary));
    if (opposes || v.decisionReasons?.length) {
      body.push({ type: 'heading', text: 'Reasons for the decision' });
      body.push(
        ...(v.decisionReasons?.length
          ? numbered(v.decisionReasons)
          : numbered([
              `The reasons for the decision are given in the decision letter of ${long(v.decisionDate)}.`,
            ])),
      );
    }
    body.push(
      { type: 'heading', text: opposes ? 'Grounds for opposing the appeal' : 'Explanation' },
      ...numbered(v.reasons),
      {
        type: 'heading',
        text:
          v.childViewsKind === 'given'
            ? `The views of ${v.childName}`
            : `Why the views of ${v.childName} were not obtained`,
      },
      ...numbered(v.childViews),
    );
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
    body.push(
      ...respondentWitnessesAndAddress({
        ...v,
        respondent: 'local authority',
        caseNoun: 'appeal',
        name: v.laName,
        address: v.laAddress,
      }),
    );
    return {
      title: `Local authority response — ${v.childName}`,
      date: v.date,
      sender: { lines: [v.laName, ...v.laAddress] },
      recipients: [{ lines: TRIBUNAL_ADDRESS }],
      references: [...caseReferences(v), { label: 'Appellant', value: v.appellantName }],
      heading: 'Response to the appeal',
      body,
      closing: `Signed by an officer authorised to sign on behalf of ${nameInSentence(v.laName)}`,
      signature: respondentSignature({ ...v, name: v.laName }),
      copies: [`Copy to: ${v.appellantName} (appellant)`],
      footer: caseFooter(v),
    };
  },
});
