/**
 * Pieces several templates share: the common questions, addresses, and fixed text with its source.
 */
import type { AppealType } from '../../../../shared/domain/case';
import type { Party, PartyKind } from '../../../../shared/domain/caseRecords';
import { formatLongDate } from '../../../../shared/dates';
import { field, type FactProblem, type FieldDef, type FieldWording } from '../fields';
import type { Block } from '../model';
import type { CaseFacts } from './types';

/**
 * The tribunal's postal address and email. Reviewed 2026-11-30 against local-offer pages that reproduce
 * the tribunal's contact details (Torbay family hub, updated March 2025: send@justice.gov.uk; Northamptonshire
 * local offer: Parkgate, Darlington DL1 1RU). GOV.UK itself could not be read here: check both against the
 * tribunal's latest letter before relying on them; addresses and numbers change.
 */
const TRIBUNAL_EMAIL = 'send@justice.gov.uk';
export const TRIBUNAL_ADDRESS = [
  'First-tier Tribunal (Special Educational Needs and Disability)',
  "1st Floor, Darlington Magistrates' Court",
  'Parkgate',
  'Darlington',
  'DL1 1RU',
  `Email: ${TRIBUNAL_EMAIL}`,
];

/** A letter cannot answer something that had not happened yet: its date must not be earlier. */
export function notBefore(
  letterDate: string,
  answered: { date: string | undefined | null; what: string }[],
): FactProblem[] {
  const latest = answered
    .filter((a): a is { date: string; what: string } => Boolean(a.date))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];
  return latest && letterDate < latest.date
    ? [
        {
          field: 'date',
          label: 'Date of the letter',
          message: `it is before ${formatLongDate(latest.date)}, the date of ${latest.what}`,
        },
      ]
    : [];
}

export const OMBUDSMAN = {
  health: {
    name: 'Parliamentary and Health Service Ombudsman',
    // Non-breaking spaces keep a telephone number on one line.
    contact: 'www.ombudsman.org.uk, telephone 0345\u00a0015\u00a04033',
  },
  'social-care': {
    name: 'Local Government and Social Care Ombudsman',
    contact: 'www.lgo.org.uk, telephone 0300\u00a0061\u00a00614',
  },
} as const;

export const APPEAL_TYPE_TEXT: Record<AppealType, string> = {
  'refusal-to-assess': 'the decision not to carry out an education, health and care (EHC) needs assessment',
  'refusal-to-reassess': 'the decision not to carry out a reassessment of the EHC plan',
  'refusal-to-issue': 'the decision not to issue an education, health and care (EHC) plan',
  'contents-of-plan': 'the contents of the education, health and care (EHC) plan',
  'refusal-to-amend': 'the decision not to amend the education, health and care (EHC) plan after a review',
  'cease-to-maintain': 'the decision to stop maintaining the education, health and care (EHC) plan',
  'disability-discrimination': 'disability discrimination by a school',
};

export const APPEAL_TYPE_OPTIONS = (Object.keys(APPEAL_TYPE_TEXT) as AppealType[]).map((value) => ({
  value,
  label: APPEAL_TYPE_TEXT[value].replace(/^the /, ''),
}));

export function party(facts: CaseFacts, ...kinds: PartyKind[]): Party | undefined {
  for (const kind of kinds) {
    const found = facts.parties.find((p) => p.kind === kind);
    if (found) return found;
  }
  return undefined;
}

/** An address as lines: typed on several lines, or on one line with commas. */
export function addressLines(address: string | null | undefined): string[] {
  if (!address) return [];
  const lines = address.includes('\n') ? address.split(/\r?\n/) : address.split(',');
  return lines.map((l) => l.trim()).filter(Boolean);
}

/**
 * An organisation's name as it reads inside a sentence: "The governing body of Hilltop School" or "The Royal
 * Borough of Kingston upon Thames", typed as it heads a letter, takes a small "the" after "I claim that" or
 * "the response of". Anything else is kept as typed.
 */
export function nameInSentence(name: string): string {
  return name.replace(/^The(?= )/, 'the');
}

export function long(date: string | undefined | null): string {
  return date ? formatLongDate(date) : '';
}

/** Removes undefined and blank values, so a prefill only offers what the case really has. */
export function present(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? `one ${one}` : `${n} ${many}`;
}

/** Contact lines for a named officer: whatever was given. */
export function contactLines(v: { email?: string; phone?: string }): string[] {
  return [v.email && `Email: ${v.email}`, v.phone && `Telephone: ${v.phone}`].filter(Boolean) as string[];
}

// --- questions several templates ask ---

export const dateField = field.date('date', {
  label: 'Date of the letter',
  question: 'What date should the letter have?',
  help: 'Usually today. Making the letter again with the same date gives exactly the same document.',
  prefillFrom: 'today',
});

export const childNameField = field.text('childName', {
  label: "Child or young person's name",
  question: 'What is the name of the child or young person the appeal is about?',
  prefillFrom: "case: child's name",
});

export const hearingDateField = field.date('hearingDate', {
  label: 'Hearing date',
  question: 'When is the hearing?',
  prefillFrom: 'case: hearing date',
  required: false,
});

export const tribunalRefField = (required = true): FieldDef =>
  field.text('tribunalRef', {
    label: 'Tribunal reference',
    question: "What is the tribunal's reference for the appeal?",
    help: 'It is on the letter the tribunal sent when it registered the appeal, for example EH123/26/00001.',
    prefillFrom: 'case: tribunal reference',
    required,
  });

export const appellantNameField = field.text('appellantName', {
  label: "Appellant's name",
  question: 'Who is making the appeal (the parent, or the young person)?',
  prefillFrom: 'parties: appellant or young person',
});

export const appellantAddressField = (required = false): FieldDef =>
  field.list('appellantAddress', {
    label: "Appellant's address",
    question: 'What is their postal address?',
    help: 'One line per line of the address.',
    prefillFrom: 'parties: appellant address',
    required,
  });

export const laNameField = field.text('laName', {
  label: 'Local authority',
  question: 'Which local authority made the decision?',
  prefillFrom: 'case: local authority',
});

export const officerFields = (who: string): FieldDef[] => [
  field.text('officerName', {
    label: 'Named officer',
    question: `Who is the named officer responsible for this ${who}?`,
    prefillFrom: 'parties: officer',
  }),
  field.text('officerRole', {
    label: "Officer's job title",
    question: "What is the officer's job title?",
    prefillFrom: 'parties: officer job title',
    required: false,
  }),
  field.text('officerEmail', {
    label: "Officer's email",
    question: 'What email address can people use to contact the officer?',
    prefillFrom: 'parties: officer email',
    required: false,
  }),
  field.text('officerPhone', {
    label: "Officer's telephone",
    question: 'What telephone number can people use to contact the officer?',
    prefillFrom: 'parties: officer telephone',
    required: false,
  }),
];

/** Needs at least one way to reach the officer. */
export function contactCheck(v: { officerEmail?: string; officerPhone?: string }) {
  return v.officerEmail || v.officerPhone
    ? []
    : [
        {
          field: 'officerEmail',
          label: "Officer's email or telephone",
          message: 'give at least one way to contact them',
        },
      ];
}

export const evidenceItemFields: FieldDef[] = [
  field.text('title', { label: 'Document', question: 'What is the document called?' }),
  field.date('date', { label: 'Date', question: 'What date is on the document?', required: false }),
  field.text('pages', {
    label: 'Bundle pages',
    question: 'Which pages of the bundle is it on, if you know?',
    required: false,
  }),
];

export interface EvidenceItem {
  title: string;
  date?: string;
  pages?: string;
}

export function evidenceRows(items: EvidenceItem[]): string[][] {
  return items.map((e) => [e.title, long(e.date) || '—', e.pages || '—']);
}

/** A heading and the table of evidence relied on (document, date, bundle pages). */
export function evidenceTable(heading: string, items: EvidenceItem[]): Block[] {
  return [
    { type: 'heading', text: heading },
    {
      type: 'table',
      header: ['Document', 'Date', 'Bundle pages'],
      widths: [3, 1.2, 1],
      rows: evidenceRows(items),
    },
  ];
}

/** Evidence documents from the case (optionally one section), with their bundle pages where known. */
export function evidenceFromDocuments(facts: CaseFacts, sections: string[]): EvidenceItem[] {
  return facts.documents
    .filter((d) => d.included && sections.includes(d.section))
    .map((d) =>
      present({ title: d.title, date: d.documentDate, pages: facts.bundle?.documentPages.get(d.id) }),
    ) as unknown as EvidenceItem[];
}

export function tribunalDate(facts: CaseFacts, kind: string): string | undefined {
  return facts.deadlines.deadlines.find((d) => d.kind === kind && d.basis === 'tribunal')?.due;
}

export function caseFooter(v: { tribunalRef?: string; childName: string }): string {
  return [v.tribunalRef && `Tribunal reference ${v.tribunalRef}`, v.childName].filter(Boolean).join(' · ');
}

export function caseReferences(v: { tribunalRef?: string; childName: string }) {
  return [
    ...(v.tribunalRef ? [{ label: 'Tribunal reference', value: v.tribunalRef }] : []),
    { label: 'Child or young person', value: v.childName },
  ];
}

/**
 * A claim's words for the questions letters share with appeals (shared/rules/proceedings.ts): the claimant,
 * the responsible body, the conduct complained of. Templates used in both kinds of case add their own.
 */
export const CLAIM_WORDING: Record<string, FieldWording> = {
  childName: {
    question: 'What is the name of the child or young person the claim is about?',
  },
  tribunalRef: {
    question: "What is the tribunal's reference for the claim?",
    help: 'It is on the letter the tribunal sent when it registered the claim.',
  },
  appellantName: {
    label: "Claimant's name",
    question: 'Who is making the claim (the parent, or the young person)?',
    prefillFrom: 'parties: claimant',
  },
  appellantAddress: { label: "Claimant's address", prefillFrom: 'parties: claimant address' },
  laName: {
    label: 'Responsible body',
    question:
      'Who is the responsible body for the school (its governing body, proprietor or academy trust, or the local authority for a school it maintains)?',
    prefillFrom: 'case: responsible body',
  },
  laAddress: {
    label: "Responsible body's address",
    prefillFrom: 'parties: responsible body address',
  },
  officerName: {
    label: 'Named officer',
    question: 'Who deals with the claim for the responsible body?',
    prefillFrom: 'parties: responsible body officer',
  },
};

/** Who answers for the respondent in its response: its officer, representative, witnesses and signatory. */
export interface RespondentPeople {
  officerName: string;
  officerRole?: string;
  officerEmail?: string;
  officerPhone?: string;
  representativeName: string;
  representativeProfession: string;
  representativeAddress?: string[];
  witnesses?: { name: string; role?: string }[];
  signatoryName: string;
  signatoryRole: string;
}

/**
 * A response's people from the case: its officer (also the first guess at its representative and who
 * signs), and the respondent's witnesses who will come to the hearing (one recorded as not coming is not
 * among them).
 */
export function respondentPeople(facts: CaseFacts, officer: Party | undefined): Record<string, unknown> {
  return {
    officerName: officer?.name,
    officerRole: officer?.roleTitle,
    officerEmail: officer?.email,
    officerPhone: officer?.phone,
    representativeName: officer?.name,
    representativeProfession: officer?.roleTitle,
    signatoryName: officer?.name,
    signatoryRole: officer?.roleTitle,
    witnesses: facts.witnesses
      .filter((w) => w.party === 'la' && w.attending)
      .map((w) => present({ name: w.name, role: [w.role, w.organisation].filter(Boolean).join(', ') })),
  };
}

/**
 * The end of a respondent's response (HESC Rules r.21(2)(a)–(c)): its witnesses, its representative, and
 * the address documents can be sent to. `respondent` is how the letter names it ("local authority").
 */
export function respondentWitnessesAndAddress(
  v: RespondentPeople & { respondent: string; caseNoun: string; name: string; address: string[] },
): Block[] {
  return [
    { type: 'heading', text: 'Witnesses' },
    v.witnesses?.length
      ? {
          type: 'table',
          header: ['Name', 'Role'],
          widths: [1.5, 2.5],
          rows: v.witnesses.map((w) => [w.name, w.role ?? '']),
        }
      : { type: 'paragraph', text: `The ${v.respondent} does not intend to call witnesses at present.` },
    { type: 'heading', text: 'Representative and address for documents' },
    {
      type: 'paragraph',
      text:
        `The ${v.respondent}'s representative is ${v.representativeName} (${v.representativeProfession})` +
        (v.representativeAddress?.length ? `, ${v.representativeAddress.join(', ')}` : '') +
        '.',
    },
    {
      type: 'paragraph',
      text: `Documents about this ${v.caseNoun} can be sent to ${nameInSentence(v.name)}, ${v.address.join(', ')}${v.officerEmail ? `, or by email to ${v.officerEmail}` : ''}.`,
    },
  ];
}

/** A response's signature: the signatory, their role and body, and the officer's contacts if they sign it. */
export function respondentSignature(v: RespondentPeople & { name: string }): {
  name: string;
  lines: string[];
} {
  return {
    name: v.signatoryName,
    lines: [
      v.signatoryRole,
      v.name,
      ...(v.signatoryName === v.officerName
        ? contactLines({ email: v.officerEmail, phone: v.officerPhone })
        : []),
    ].filter((line): line is string => Boolean(line)),
  };
}
