/**
 * Letters that go with the hearing bundle: the covering letter, and the note the Practice Direction asks
 * for when a bundle exceeds its limits (SEND/DD Practice Direction No. 1 of 2025: a non-compliant bundle
 * may be rejected unless an accompanying note explains why non-compliance is necessary).
 */
import { field } from '../fields';
import type { Block } from '../model';
import {
  addressLines,
  appellantNameField,
  caseFooter,
  caseReferences,
  childNameField,
  CLAIM_WORDING,
  contactCheck,
  contactLines,
  dateField,
  hearingDateField,
  laNameField,
  long,
  officerFields,
  party,
  present,
  TRIBUNAL_ADDRESS,
  tribunalRefField,
} from './common';
import { defineTemplate, type CaseFacts } from './types';
import { PROCEEDING_TERMS, type Proceeding } from '../../../../shared/rules/proceedings';

const PD = 'SEND/DD Practice Direction No. 1 of 2025';

function officerPrefill(facts: CaseFacts) {
  const la = party(facts, 'la');
  return present({
    laName: facts.case.laName ?? la?.organisation,
    laAddress: addressLines(la?.address),
    officerName: la?.name,
    officerRole: la?.roleTitle,
    officerEmail: la?.email,
    officerPhone: la?.phone,
  });
}

/** A finding from the bundle engine, in the form the note needs. */
interface NonComplianceFinding {
  part: string;
  limit: string;
  actual: string;
  explanation: string[];
}

interface Note {
  proceeding?: Proceeding;
  date: string;
  laName: string;
  officerName: string;
  officerRole?: string;
  childName: string;
  tribunalRef: string;
  hearingDate?: string;
  bundleVersion?: string;
  findings: NonComplianceFinding[];
}

export const nonComplianceNote = defineTemplate<Note>({
  id: 'non-compliance-note',
  label: 'Note explaining why the bundle is over the limits',
  description:
    "The note that must go with a bundle that does not meet the Practice Direction's limits, explaining why that is necessary.",
  writer: 'la',
  proceedings: ['send', 'dd'],
  claimWording: CLAIM_WORDING,
  fields: [
    dateField,
    laNameField,
    ...officerFields('note').slice(0, 2),
    childNameField,
    tribunalRefField(),
    hearingDateField,
    field.text('bundleVersion', {
      label: 'Bundle version',
      question: 'Which version of the bundle is this note for?',
      prefillFrom: 'bundles: latest version',
      required: false,
    }),
    field.records(
      'findings',
      [
        field.text('part', {
          label: 'Part of the bundle',
          question: 'Which part of the bundle is over the limit?',
        }),
        field.text('limit', {
          label: 'Limit',
          question: 'What does the Practice Direction allow (for example 100 pages)?',
        }),
        field.text('actual', {
          label: 'In this bundle',
          question: 'How much is in this bundle (for example 124 pages)?',
        }),
        field.paragraphs('explanation', {
          label: 'Why it is necessary',
          question: 'Why is it necessary to go over the limit here?',
          help: 'Explain for this case: which documents, and why the tribunal needs them all.',
        }),
      ],
      {
        label: 'Where the bundle is over the limits',
        question:
          'For each part over a limit, what is the limit, how much is there, and why is that necessary?',
        prefillFrom: "bundles: the latest bundle's compliance findings",
      },
    ),
  ],
  prefill(facts) {
    const bundle = facts.bundle;
    return present({
      date: facts.today,
      ...officerPrefill(facts),
      childName: facts.case.childName,
      tribunalRef: facts.case.tribunalRef,
      hearingDate: facts.case.hearingDate,
      bundleVersion: bundle ? String(bundle.version) : undefined,
      findings: bundle?.overLimits.map((f) => ({ ...f })),
    });
  },
  build(v) {
    const body: Block[] = [
      {
        type: 'paragraph',
        numbered: true,
        text:
          `The ${PD} sets limits for hearing bundles. The hearing bundle${v.bundleVersion ? ` (version ${v.bundleVersion})` : ''} ` +
          `for this ${PROCEEDING_TERMS[v.proceeding ?? 'send'].caseNoun} does not meet ${v.findings.length === 1 ? 'one of them' : 'some of them'}. ` +
          'The Practice Direction allows a bundle that does not comply when a note explains why that is necessary. This is that note.',
      },
      {
        type: 'table',
        header: ['Part of the bundle', 'Limit', 'In this bundle'],
        widths: [2.6, 1, 1],
        rows: v.findings.map((f) => [f.part, f.limit, f.actual]),
      },
    ];
    v.findings.forEach((f) => {
      body.push({ type: 'heading', text: `${f.part}: why it is necessary` });
      for (const p of f.explanation) body.push({ type: 'paragraph', text: p, numbered: true });
    });
    body.push({
      type: 'paragraph',
      numbered: true,
      text: `The ${PROCEEDING_TERMS[v.proceeding ?? 'send'].respondent} asks the tribunal to accept the bundle as it is${v.hearingDate ? ` for the hearing on ${long(v.hearingDate)}` : ''}.`,
    });
    return {
      title: `Non-compliance note — ${v.childName}`,
      date: v.date,
      recipients: [{ lines: TRIBUNAL_ADDRESS }],
      references: caseReferences(v),
      heading: 'Note explaining why the hearing bundle does not meet the Practice Direction',
      body,
      closing: `Signed on behalf of the ${PROCEEDING_TERMS[v.proceeding ?? 'send'].respondent}`,
      signature: { name: v.officerName, lines: [v.officerRole, v.laName].filter(Boolean) as string[] },
      footer: caseFooter(v),
    };
  },
});

interface Covering {
  proceeding?: Proceeding;
  date: string;
  laName: string;
  laAddress?: string[];
  officerName: string;
  officerRole?: string;
  officerEmail?: string;
  officerPhone?: string;
  childName: string;
  appellantName: string;
  tribunalRef: string;
  hearingDate?: string;
  bundlePages: string;
  bundleVersion?: string;
  sentBy?: string;
  /** What is sent: the whole bundle as one file (the default), in email-sized parts, or a supplementary pack. */
  sending?: 'whole' | 'parts' | 'supplement';
  /** The parts, one line each ("Part 1 of 3 · pages i–C40 of 480, 18 MB: email subject …"). */
  parts?: string[];
  /** The supplementary pack: what it holds and where its pages go. */
  supplementSummary?: string;
  supplementPages?: string;
  /** The version those receiving the pack already hold. */
  sentVersion?: string;
  emailSubject?: string;
  includesNote: 'yes' | 'no';
  enclosures?: string[];
}

export const bundleCoveringLetter = defineTemplate<Covering>({
  id: 'bundle-covering-letter',
  label: 'Covering letter sending the bundle',
  description: 'Sends the hearing bundle to the tribunal and the appellant at the same time.',
  claimDescription: 'Sends the hearing bundle to the tribunal and the claimant at the same time.',
  writer: 'la',
  proceedings: ['send', 'dd'],
  claimWording: CLAIM_WORDING,
  fields: [
    dateField,
    laNameField,
    field.list('laAddress', {
      label: "Local authority's address",
      question: 'What address should the letter come from?',
      prefillFrom: 'parties: local authority address',
      required: false,
    }),
    ...officerFields('letter'),
    childNameField,
    appellantNameField,
    tribunalRefField(),
    hearingDateField,
    field.text('bundlePages', {
      label: 'Pages in the bundle',
      question: 'How many pages does the bundle have?',
      prefillFrom: 'bundles: latest page count',
    }),
    field.text('bundleVersion', {
      label: 'Bundle version',
      question: 'Which version of the bundle is it?',
      prefillFrom: 'bundles: latest version',
      required: false,
    }),
    field.text('sentBy', {
      label: 'How it is sent',
      question: 'How are you sending it (for example "by email" or "through the document upload service")?',
      required: false,
    }),
    field.choice(
      'sending',
      [
        { value: 'whole', label: 'The whole bundle as one file' },
        { value: 'parts', label: 'The whole bundle in parts, one email each' },
        { value: 'supplement', label: 'Only the new and changed pages (a supplementary pack)' },
      ],
      {
        label: 'What is sent',
        question:
          'Are you sending the whole bundle as one file, in parts by email, or only the new and changed pages?',
        prefillFrom: "bundles: the latest version's parts and supplementary pack",
        required: false,
      },
    ),
    field.list('parts', {
      label: 'Parts',
      question: 'Which parts are you sending?',
      help: 'One part per line, as the bundle screen lists them.',
      prefillFrom: "bundles: the latest version's delivery parts",
      when: { field: 'sending', in: ['parts'] },
    }),
    field.text('supplementSummary', {
      label: 'What the supplementary pack holds',
      question: 'What does the supplementary pack hold, and where do its pages go?',
      prefillFrom: "bundles: the latest version's supplementary pack",
      when: { field: 'sending', in: ['supplement'] },
    }),
    field.text('supplementPages', {
      label: 'Pages in the supplementary pack',
      question: 'How many pages does the supplementary pack have?',
      prefillFrom: "bundles: the latest version's supplementary pack",
      required: false,
      when: { field: 'sending', in: ['supplement'] },
    }),
    field.text('sentVersion', {
      label: 'Version already sent',
      question: 'Which version of the bundle do they already have?',
      prefillFrom: 'bundles: the version the supplementary pack brings up to date',
      when: { field: 'sending', in: ['supplement'] },
    }),
    field.text('emailSubject', {
      label: 'Email subject',
      question: 'What subject line should the email have?',
      help: 'The tribunal asks for the hearing date, the tribunal reference, the child’s name and what is attached.',
      prefillFrom: 'bundles: the latest version',
      required: false,
    }),
    field.choice(
      'includesNote',
      [
        { value: 'yes', label: 'Yes, a note explaining why is enclosed' },
        { value: 'no', label: 'No, the bundle is within the limits' },
      ],
      {
        label: 'Over the limits?',
        question: "Is the bundle over any of the Practice Direction's limits?",
        prefillFrom: "bundles: the latest bundle's compliance findings",
      },
    ),
    field.list('enclosures', {
      label: 'Other enclosures',
      question: 'Is anything else enclosed?',
      help: 'One item per line.',
      required: false,
    }),
  ],
  check: contactCheck,
  prefill(facts) {
    const appellant = party(facts, 'appellant', 'young-person');
    const bundle = facts.bundle;
    return present({
      date: facts.today,
      ...officerPrefill(facts),
      childName: facts.case.childName,
      appellantName: appellant?.name,
      tribunalRef: facts.case.tribunalRef,
      hearingDate: facts.case.hearingDate,
      bundlePages: bundle ? String(bundle.pageCount) : undefined,
      bundleVersion: bundle ? String(bundle.version) : undefined,
      sending: bundle
        ? bundle.supplement
          ? 'supplement'
          : bundle.parts.length > 1
            ? 'parts'
            : 'whole'
        : undefined,
      parts: bundle?.parts.length
        ? bundle.parts.map((p) => `${p.coverLine}, ${p.size}: email subject “${p.emailSubject}”`)
        : undefined,
      supplementSummary: bundle?.supplement?.summary,
      supplementPages: bundle?.supplement ? String(bundle.supplement.pageCount) : undefined,
      sentVersion: bundle?.supplement ? String(bundle.supplement.fromVersion) : undefined,
      emailSubject: bundle
        ? bundle.supplement
          ? bundle.emailSubject.replace(
              /Hearing bundle, version (\d+)$/,
              'Supplementary pack to the hearing bundle, version $1',
            )
          : bundle.parts.length > 1
            ? bundle.emailSubject.replace(
                /Hearing bundle, version (\d+)$/,
                `Hearing bundle, version $1, in ${bundle.parts.length} parts`,
              )
            : bundle.emailSubject
        : undefined,
      includesNote: bundle ? (bundle.overLimits.length > 0 ? 'yes' : 'no') : undefined,
    });
  },
  build(v) {
    const terms = PROCEEDING_TERMS[v.proceeding ?? 'send'];
    const sending =
      v.sending === 'parts' && v.parts?.length
        ? 'parts'
        : v.sending === 'supplement'
          ? 'supplement'
          : 'whole';
    const forCase =
      `for the ${terms.caseNoun} about ${v.childName}` +
      (v.hearingDate ? `, for the hearing on ${long(v.hearingDate)}` : '');
    const version = v.bundleVersion ? ` (version ${v.bundleVersion})` : '';
    const body: Block[] = [];
    if (sending === 'supplement')
      body.push({
        type: 'paragraph',
        text:
          `I enclose a supplementary pack to the hearing bundle${version} ${forCase}. It holds only the pages that are new or ` +
          `changed since ${v.sentVersion ? `version ${v.sentVersion}` : 'the version'} you already have` +
          (v.supplementPages ? ` (${v.supplementPages} pages, with its cover and instructions)` : '') +
          `, so the whole bundle of ${v.bundlePages} pages is not sent again. The instructions at the front say where each page goes` +
          (v.supplementSummary ? `: ${v.supplementSummary}.` : '.'),
      });
    else
      body.push({
        type: 'paragraph',
        text: `I enclose the hearing bundle${version} ${forCase}. It is one PDF file of ${v.bundlePages} pages, with page numbers, an index and bookmarks, as the ${PD} requires.`,
      });
    if (sending === 'parts')
      body.push(
        {
          type: 'paragraph',
          text:
            `Because of the size limits on email, it is sent in ${v.parts!.length} parts, one email each. Every part keeps the ` +
            "bundle's page numbers and has its own cover and bookmarks, and the cover of part 1 says which part holds each document:",
        },
        { type: 'list', style: 'bullet', items: v.parts! },
      );
    body.push({
      type: 'paragraph',
      text: `I have sent it to the tribunal and to ${v.appellantName} at the same time${v.sentBy ? `, ${v.sentBy}` : ''}.`,
    });
    if (v.emailSubject)
      body.push({
        type: 'paragraph',
        text: `The email${sending === 'parts' ? 's' : ''} ${sending === 'parts' ? 'have' : 'has'} the subject line “${v.emailSubject}”${sending === 'parts' ? ', with the part each holds' : ''}.`,
      });
    if (v.includesNote === 'yes')
      body.push({
        type: 'paragraph',
        text: "The bundle is over some of the Practice Direction's limits. A note explaining why that is necessary is enclosed.",
      });
    body.push({
      type: 'paragraph',
      text: 'If any page is missing, hard to read or in the wrong place, please let me know and I will send corrected pages.',
    });
    const enclosures = [
      sending === 'supplement'
        ? `Supplementary pack to the hearing bundle${v.bundleVersion ? `, version ${v.bundleVersion}` : ''}` +
          (v.supplementPages ? ` (${v.supplementPages} pages)` : '')
        : sending === 'parts'
          ? `Hearing bundle${v.bundleVersion ? `, version ${v.bundleVersion}` : ''} (${v.bundlePages} pages), in ${v.parts!.length} parts`
          : `Hearing bundle${v.bundleVersion ? `, version ${v.bundleVersion}` : ''} (${v.bundlePages} pages)`,
      ...(v.includesNote === 'yes'
        ? ["Note explaining why the bundle does not meet the Practice Direction's limits"]
        : []),
      ...(v.enclosures ?? []),
    ];
    body.push({ type: 'heading', text: 'Enclosed' }, { type: 'list', style: 'bullet', items: enclosures });
    return {
      title: `Hearing bundle covering letter — ${v.childName}`,
      date: v.date,
      sender: { lines: [v.laName, ...(v.laAddress ?? [])] },
      recipients: [{ lines: TRIBUNAL_ADDRESS }, { lines: [v.appellantName] }],
      references: [...caseReferences(v), { label: terms.applicantTitle, value: v.appellantName }],
      heading: 'Hearing bundle',
      salutation: `Dear Tribunal and ${terms.applicant},`,
      body,
      closing: 'Yours faithfully,',
      signature: {
        name: v.officerName,
        lines: [
          v.officerRole,
          v.laName,
          ...contactLines({ email: v.officerEmail, phone: v.officerPhone }),
        ].filter(Boolean) as string[],
      },
      footer: caseFooter(v),
    };
  },
});
