/**
 * Requests to the tribunal a party makes during an appeal or a claim (form SEND7 covers both): permission
 * to send evidence after the deadline, and more time for a step. The same letters serve both kinds of
 * case, each in its own words (shared/rules/proceedings.ts).
 */
import { PROCEEDING_TERMS, proceedingOf, type Proceeding } from '../../../../shared/rules/proceedings';
import { field, type FieldWording } from '../fields';
import type { Block, Letter } from '../model';
import {
  addressLines,
  caseFooter,
  caseReferences,
  childNameField,
  CLAIM_WORDING,
  dateField,
  evidenceItemFields,
  evidenceRows,
  hearingDateField,
  long,
  nameInSentence,
  party,
  present,
  TRIBUNAL_ADDRESS,
  tribunalDate,
  tribunalRefField,
  type EvidenceItem,
} from './common';
import { defineTemplate, type CaseFacts } from './types';

const PD = 'SEND/DD Practice Direction No. 1 of 2025';

interface Requester {
  requesterName: string;
  requesterRole: string;
  requesterAddress?: string[];
  requesterEmail?: string;
  otherPartyName: string;
  otherPartyView?: string;
}

const requesterFields = [
  field.text('requesterName', {
    label: 'Your name',
    question: 'Who is making the request?',
    prefillFrom: 'parties: appellant (parent) or LA officer (local authority)',
  }),
  field.text('requesterRole', {
    label: 'Your part in the appeal',
    question:
      'What is your part in the appeal (for example "the appellant, Sam\'s mother" or "SEND officer for the local authority")?',
    prefillFrom: 'case: your role',
  }),
  field.list('requesterAddress', {
    label: 'Your address',
    question: 'What is your postal address?',
    prefillFrom: 'parties: your address',
    required: false,
  }),
  field.text('requesterEmail', {
    label: 'Your email',
    question: 'What email address can the tribunal use?',
    prefillFrom: 'parties: your email',
    required: false,
  }),
  field.text('otherPartyName', {
    label: 'The other party',
    question: 'Who is the other party in the appeal (they get a copy)?',
    prefillFrom: 'case: local authority, or parties: appellant',
  }),
  field.text('otherPartyView', {
    label: "The other party's view",
    question: 'Have you asked the other party whether they agree? What did they say?',
    help: 'The tribunal will want to know. Leave blank if you have not been able to ask.',
    required: false,
  }),
];

/** How a request asks its questions in a claim. */
const REQUEST_CLAIM_WORDING: Record<string, FieldWording> = {
  ...CLAIM_WORDING,
  requesterName: { prefillFrom: 'parties: claimant (parent) or the responsible body’s officer' },
  requesterRole: {
    label: 'Your part in the claim',
    question:
      'What is your part in the claim (for example "the claimant, Sam\'s mother" or "business manager for the governing body, the responsible body")?',
  },
  otherPartyName: {
    question: 'Who is the other party in the claim (they get a copy)?',
    prefillFrom: 'case: responsible body, or parties: claimant',
  },
  requestKind: {
    question: 'Is the time for a step during the claim, or for making the claim?',
    help: 'A request about a step during the claim goes on form SEND7. A late claim explains the delay with the claim form (SEND4A) instead.',
    optionLabels: {
      direction: 'A date the tribunal or its rules set during the claim (SEND7)',
      registration: 'Making the claim late (not SEND7)',
    },
  },
};

/** What every request fills in from the case: the date, who is asking, the other party, the child, the reference. */
function requestPrefill(facts: CaseFacts) {
  const la = party(facts, 'la');
  const appellant = party(facts, 'appellant', 'young-person');
  const fromLa = facts.case.role === 'la';
  const me = fromLa ? la : appellant;
  const terms = PROCEEDING_TERMS[proceedingOf(facts.case.appealType)];
  return present({
    date: facts.today,
    requesterName: me?.name,
    // Worded to follow "I am" in the letter ("I am the appellant."); the signature line capitalises it.
    requesterRole: fromLa
      ? `${la?.roleTitle ? `${la.roleTitle} for` : 'an officer of'} ${facts.case.laName ? nameInSentence(facts.case.laName) : `the ${terms.respondent}`}, the ${terms.proceeding === 'dd' ? 'responsible body' : 'respondent'}`
      : appellant
        ? appellant.kind === 'young-person'
          ? `the ${terms.applicant} (the young person)`
          : `the ${terms.applicant}`
        : undefined,
    requesterAddress: addressLines(me?.address),
    requesterEmail: me?.email,
    otherPartyName: fromLa ? appellant?.name : facts.case.laName,
    childName: facts.case.childName,
    tribunalRef: facts.case.tribunalRef,
  });
}

/**
 * The requester's part as it reads after "I am": a leading article in lower case ("The appellant, Sam's
 * mother" → "the appellant, Sam's mother"); a job title keeps its capitals ("SEND Officer for …").
 */
function roleInSentence(role: string): string {
  return role.replace(/^(The|An|A)(?= )/, (article) => article.toLowerCase());
}

/** The requester's part on its own line under the signature: capitalised ("The appellant"). */
function roleOnItsOwn(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

function requesterSender(v: Requester) {
  return {
    lines: [v.requesterName, ...(v.requesterAddress ?? []), ...(v.requesterEmail ? [v.requesterEmail] : [])],
  };
}

/** Every request has the same frame: from the requester, to the tribunal, copied to the other party. */
function requestLetter(
  v: Requester & { date: string; childName: string; tribunalRef?: string },
  subject: string,
  heading: string,
  body: Block[],
): Letter {
  return {
    title: `${subject} — ${v.childName}`,
    date: v.date,
    sender: requesterSender(v),
    recipients: [{ lines: TRIBUNAL_ADDRESS }],
    references: caseReferences(v),
    heading,
    salutation: 'Dear Tribunal,',
    body,
    closing: 'Yours faithfully,',
    signature: { name: v.requesterName, lines: [roleOnItsOwn(v.requesterRole)] },
    copies: [`Copy to: ${v.otherPartyName}`],
    footer: caseFooter(v),
  };
}

function viewParagraph(v: Requester): Block {
  return {
    type: 'paragraph',
    numbered: true,
    text: v.otherPartyView
      ? `The other party's view: ${v.otherPartyView}`
      : `I have sent a copy of this request to ${nameInSentence(v.otherPartyName)}.`,
  };
}

interface LateEvidence extends Requester {
  date: string;
  childName: string;
  tribunalRef: string;
  evidenceDeadline?: string;
  hearingDate?: string;
  evidence: EvidenceItem[];
  whyLate: string[];
  whyNeeded: string[];
}

export const lateEvidenceRequest = defineTemplate<LateEvidence>({
  id: 'late-evidence-request',
  label: 'Request to send late evidence (SEND7)',
  description:
    "Asks the tribunal's permission to send evidence after the final evidence deadline: what it is, why it is late, and why the tribunal needs it.",
  writer: 'parent',
  proceedings: ['send', 'dd'],
  claimWording: REQUEST_CLAIM_WORDING,
  fields: [
    dateField,
    ...requesterFields,
    childNameField,
    tribunalRefField(),
    field.date('evidenceDeadline', {
      label: 'Final evidence deadline',
      question: "What was the final evidence deadline in the tribunal's directions?",
      prefillFrom: "deadlines: final evidence date entered from the tribunal's letter",
      required: false,
    }),
    hearingDateField,
    field.records('evidence', evidenceItemFields, {
      label: 'The late evidence',
      question: 'Which documents do you want to send?',
    }),
    field.paragraphs('whyLate', {
      label: 'Why it is late',
      question: 'Why could it not be sent by the deadline?',
      help: 'For example: the report was only written after the deadline.',
    }),
    field.paragraphs('whyNeeded', {
      label: 'Why the tribunal needs it',
      question: 'Why is it important for the tribunal to see it?',
      help: 'Say what it shows that the other evidence does not.',
    }),
  ],
  prefill(facts) {
    return present({
      ...requestPrefill(facts),
      evidenceDeadline: tribunalDate(facts, 'evidence'),
      hearingDate: facts.case.hearingDate,
      evidence: facts.documents
        .filter((d) => d.late)
        .map((d) => present({ title: d.title, date: d.documentDate })),
    });
  },
  build(v) {
    const body: Block[] = [
      {
        type: 'paragraph',
        numbered: true,
        text:
          `I am ${roleInSentence(v.requesterRole)}. I ask the tribunal's permission to send the evidence listed below` +
          (v.evidenceDeadline
            ? ` after the final evidence deadline of ${long(v.evidenceDeadline)}`
            : ' late') +
          (v.hearingDate ? `, before the hearing on ${long(v.hearingDate)}.` : '.'),
      },
      {
        type: 'table',
        header: ['Document', 'Date', 'Pages'],
        widths: [3, 1.2, 1],
        rows: evidenceRows(v.evidence),
      },
      { type: 'heading', text: 'Why it was not sent in time' },
      ...v.whyLate.map((p): Block => ({ type: 'paragraph', text: p, numbered: true })),
      { type: 'heading', text: 'Why the tribunal needs it' },
      ...v.whyNeeded.map((p): Block => ({ type: 'paragraph', text: p, numbered: true })),
      { type: 'heading', text: 'The other party' },
      viewParagraph(v),
      {
        type: 'paragraph',
        text: 'This request can be sent with, or copied into, the tribunal’s form SEND7 (request for changes to the case).',
      },
    ];
    return requestLetter(
      v,
      'Request to send late evidence',
      'Request for permission to send late evidence',
      body,
    );
  },
});

interface Extension extends Requester {
  proceeding?: Proceeding;
  date: string;
  childName: string;
  tribunalRef?: string;
  requestKind?: 'direction' | 'registration';
  step: string;
  currentDueDate: string;
  requestedDate: string;
  reasons: string[];
}

export const extensionRequest = defineTemplate<Extension>({
  id: 'extension-request',
  label: 'Request to extend time',
  description:
    'Asks the tribunal for more time to do something it has directed (or to start an appeal late).',
  claimDescription:
    'Asks the tribunal for more time to do something it has directed (or to make a claim late).',
  writer: 'parent',
  proceedings: ['send', 'dd'],
  claimWording: REQUEST_CLAIM_WORDING,
  fields: [
    dateField,
    ...requesterFields,
    childNameField,
    tribunalRefField(false),
    field.choice(
      'requestKind',
      [
        { value: 'direction', label: 'A date the tribunal or its rules set during the case (SEND7)' },
        { value: 'registration', label: 'Starting the appeal or claim late (not SEND7)' },
      ],
      {
        label: 'What kind of deadline',
        question: 'Is the time for a step during the case, or for starting the appeal or claim?',
        help: 'A request about a step during the case goes on form SEND7. A late appeal or claim explains the delay with the appeal or claim form instead.',
        required: false,
      },
    ),
    field.text('step', {
      label: 'What you need more time for',
      question: 'What do you need more time to do?',
      help: 'For example: "send the final evidence" or "send the attendance form".',
    }),
    field.date('currentDueDate', {
      label: 'Current deadline',
      question: 'When is it due now?',
    }),
    field.date('requestedDate', {
      label: 'New date asked for',
      question: 'What date are you asking for instead?',
    }),
    field.paragraphs('reasons', {
      label: 'Why you need more time',
      question: 'Why do you need more time?',
      help: 'Be specific: what is holding you up, and why the new date is enough.',
    }),
  ],
  check(v) {
    return v.requestKind !== 'registration' && v.requestedDate <= v.currentDueDate
      ? [
          {
            field: 'requestedDate',
            label: 'New date asked for',
            message: 'it must be after the current deadline',
          },
        ]
      : [];
  },
  prefill(facts) {
    return requestPrefill(facts);
  },
  build(v) {
    const late = v.requestKind === 'registration';
    const claim = v.proceeding === 'dd';
    const body: Block[] = [
      {
        type: 'paragraph',
        numbered: true,
        text: `I am ${roleInSentence(v.requesterRole)}. I ask the tribunal to extend the time to ${v.step} from ${long(v.currentDueDate)} to ${long(v.requestedDate)}.`,
      },
      { type: 'heading', text: 'Why I need more time' },
      ...v.reasons.map((p): Block => ({ type: 'paragraph', text: p, numbered: true })),
      { type: 'heading', text: 'The other party' },
      viewParagraph(v),
      { type: 'heading', text: 'How this request is made' },
      {
        type: 'paragraph',
        text: late
          ? claim
            ? 'This is not a request on form SEND7: it goes with the claim form (SEND4A), which gives the reasons it is late. ' +
              'The tribunal may consider a claim made out of time (Equality Act 2010, Schedule 17, para 4(3)).'
            : 'This is not a request on form SEND7: it goes with the appeal form (SEND35, or SEND35a for a refusal to assess), which gives the reasons it is late. ' +
              'The tribunal can extend the time for starting an appeal (HESC Rules r.5(3)(a)).'
          : "This request is made with the tribunal's form SEND7 (request for changes to the case), as the tribunal asks for requests to extend the time it or its rules have set (HESC Rules r.5(3)(a)).",
      },
    ];
    return requestLetter(v, 'Request to extend time', 'Request to extend time', body);
  },
});

interface ExtraPages extends Requester {
  proceeding?: Proceeding;
  date: string;
  childName: string;
  tribunalRef: string;
  hearingDate?: string;
  part: string;
  limit: string;
  pagesAsked: string;
  documents?: EvidenceItem[];
  reasons: string[];
}

/** The bundle parties a role fills with its own evidence (rule-pack party ids). */
const OWN_PARTS: Record<'parent' | 'la', string[]> = {
  parent: ['appellant', 'claimant'],
  la: ['la', 'responsible-body'],
};

export const extraPagesRequest = defineTemplate<ExtraPages>({
  id: 'extra-pages-request',
  label: 'Request for permission to send more pages of evidence (SEND7)',
  description:
    "Asks the tribunal's permission for more pages of your evidence than the Practice Direction allows: which part, how many pages, and why they are needed.",
  writer: 'parent',
  proceedings: ['send', 'dd'],
  claimWording: {
    ...REQUEST_CLAIM_WORDING,
    part: {
      question: 'Which part of the bundle is your evidence in (for example "Claimant\'s evidence")?',
    },
  },
  fields: [
    dateField,
    ...requesterFields,
    childNameField,
    tribunalRefField(),
    hearingDateField,
    field.text('part', {
      label: 'Part of the bundle',
      question: 'Which part of the bundle is your evidence in (for example "Appellant\'s evidence")?',
      prefillFrom: 'bundles: your part over its limit in the latest bundle',
    }),
    field.text('limit', {
      label: 'Pages the Practice Direction allows',
      question: 'How many pages does the Practice Direction allow for it?',
      prefillFrom: 'bundles: the part’s limit',
    }),
    field.text('pagesAsked', {
      label: 'Pages asked for',
      question: 'How many pages do you ask the tribunal to allow?',
      prefillFrom: 'bundles: the pages the part has now',
    }),
    field.records('documents', evidenceItemFields, {
      label: 'The documents',
      question: 'Which documents make it longer than the limit?',
      required: false,
    }),
    field.paragraphs('reasons', {
      label: 'Why the pages are needed',
      question: 'Why does the tribunal need all these pages, and why can they not be shortened?',
      help: 'Say what each longer document shows that nothing shorter does.',
    }),
  ],
  prefill(facts) {
    const role = facts.case.role === 'la' ? 'la' : 'parent';
    const over = facts.bundle?.permissionNeeded.find((p) => OWN_PARTS[role].includes(p.party));
    return present({
      ...requestPrefill(facts),
      hearingDate: facts.case.hearingDate,
      part: over?.part,
      limit: over?.limit,
      pagesAsked: over?.actual,
    });
  },
  build(v) {
    const body: Block[] = [
      {
        type: 'paragraph',
        numbered: true,
        text:
          `I am ${roleInSentence(v.requesterRole)}. The ${PD} allows ${v.limit} for "${v.part}". ` +
          `I ask the tribunal's permission to send ${v.pagesAsked}` +
          (v.hearingDate ? ` for the hearing on ${long(v.hearingDate)}` : '') +
          '.',
      },
    ];
    if (v.documents?.length)
      body.push({
        type: 'table',
        header: ['Document', 'Date', 'Pages'],
        widths: [3, 1.2, 1],
        rows: evidenceRows(v.documents),
      });
    body.push(
      { type: 'heading', text: 'Why the pages are needed' },
      ...v.reasons.map((p): Block => ({ type: 'paragraph', text: p, numbered: true })),
      { type: 'heading', text: 'The other party' },
      viewParagraph(v),
      {
        type: 'paragraph',
        text: "This request is made with the tribunal's form SEND7 (request for changes to the case). If the tribunal allows the pages, the bundle's compiler is told, so that the bundle is made to the larger limit.",
      },
    );
    return requestLetter(
      v,
      'Request for more pages of evidence',
      'Request for permission to send more pages',
      body,
    );
  },
});
