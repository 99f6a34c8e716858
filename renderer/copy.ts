/**
 * Words the screens use for the contract's ids, in plain English (reading age about 9–11). Only wording
 * lives here; rules (limits, deadlines, sections) come from the services and shared/rules.
 */
import { formatLongDate, isIsoDate } from '../shared/dates';
import type { DeadlineParty, TribunalSetKind } from '../shared/deadlines';
import type { Proceeding } from '../shared/rules/proceedings';
import type { AppealType, UserRole } from '../shared/domain/case';
import type { WitnessFields } from '../shared/domain/caseRecords';
import type { CheckFindingCode } from '../shared/domain/checker';
import { DOCUMENT_KINDS, type DocumentKind } from '../shared/domain/documents';

export const ROLE_LABELS: Record<UserRole, { label: string; hint: string; short: string }> = {
  parent: {
    label: 'I am a parent, or a young person, and I am appealing or making a claim',
    hint: 'You disagree with a decision the local authority (LA, your council) made about special educational needs, or a school treated a disabled child unfairly.',
    short: 'Parent or young person',
  },
  la: {
    label: 'I work for a local authority (LA), or answer a claim for a school',
    hint: 'You answer an appeal for the council (or a disability discrimination claim for a school), write the response and make the hearing bundle.',
    short: 'Local authority (LA) officer',
  },
  'health-commissioner': {
    label: 'I work for health: an integrated care board (ICB) or another NHS commissioner',
    hint: 'In an extended appeal, you reply in writing to the tribunal’s health recommendations within 5 weeks.',
    short: 'Health commissioner',
  },
  'social-care-commissioner': {
    label: 'I work for social care, as its commissioner',
    hint: 'In an extended appeal, you reply in writing to the tribunal’s social care recommendations within 5 weeks.',
    short: 'Social care commissioner',
  },
  clerk: {
    label: 'I work for the tribunal (SENDIST)',
    hint: 'You check bundles that parties send to the Special Educational Needs and Disability Tribunal.',
    short: 'Tribunal clerk',
  },
};

/** Who the user is on a case's screens: in a claim, an LA officer answers for the school's responsible body. */
export function roleCaption(role: UserRole, proceeding: Proceeding): string {
  return proceeding === 'dd' && role === 'la' ? 'Responsible body (for the school)' : ROLE_LABELS[role].short;
}

/** What the LA decided, as the family would say it, and what that means for the appeal. */
export const APPEAL_TYPE_COPY: Record<AppealType, { label: string; hint: string; short: string }> = {
  'refusal-to-assess': {
    label: 'They said no to an EHC needs assessment',
    hint: 'The LA will not look in detail at what help the child or young person needs.',
    short: 'Refusal to assess',
  },
  'refusal-to-reassess': {
    label: 'They said no to a new assessment (a reassessment)',
    hint: 'There is already an EHC plan, but the LA will not assess again.',
    short: 'Refusal to reassess',
  },
  'refusal-to-issue': {
    label: 'They assessed, but said no to an EHC plan',
    hint: 'The LA did the assessment but decided not to write a plan.',
    short: 'Refusal to issue a plan',
  },
  'contents-of-plan': {
    label: 'They wrote an EHC plan, but we disagree with what it says',
    hint: 'For example the needs (section B), the help (section F) or the school (section I).',
    short: 'Contents of the plan',
  },
  'refusal-to-amend': {
    label: 'They said no to changing the EHC plan after a review',
    hint: 'The plan was reviewed, and the LA decided not to change it.',
    short: 'Refusal to change the plan',
  },
  'cease-to-maintain': {
    label: 'They decided to stop the EHC plan',
    hint: 'The LA says the plan is no longer needed.',
    short: 'Stopping the plan',
  },
  'disability-discrimination': {
    label: 'A school treated a disabled child unfairly (disability discrimination)',
    hint: 'This is a claim against a school, not the LA. It has its own rules.',
    short: 'Disability discrimination claim',
  },
};

/** Who must act on a deadline. A claim's parties keep their own names (claimant, responsible body). */
export const DEADLINE_WHO: Record<DeadlineParty, string> = {
  appellant: 'The family',
  la: 'The local authority (LA)',
  claimant: 'The claimant (the family)',
  'responsible-body': 'The responsible body (the school)',
  school: 'The school or college',
  'both-parties': 'Both sides',
  'health-commissioner': 'Health commissioner',
  'social-care-commissioner': 'Social care commissioner',
  tribunal: 'The tribunal',
};

/** The dates a user can type in from the tribunal's letters, named as the proceeding names them. */
export const TRIBUNAL_DATE_LABELS: Record<Proceeding, Record<TribunalSetKind, string>> = {
  send: {
    'la-response': 'The LA’s response',
    evidence: 'Final date for evidence',
    attendance: 'Attendance form (SEND11)',
    'case-review': 'Case review form (SEND45)',
    bundle: 'The hearing bundle',
    hearing: 'The hearing',
  },
  dd: {
    'la-response': 'The responsible body’s response',
    evidence: 'Final date for evidence',
    attendance: 'Attendance form',
    'case-review': 'Case review form',
    bundle: 'The hearing bundle',
    hearing: 'The hearing',
  },
};

/** How the screens speak about the case, by proceeding (an appeal against a decision, or a claim about conduct). */
export const CASE_COPY: Record<
  Proceeding,
  {
    intro: (childName: string, about: string, respondentName: string | null) => string;
    subjectDate: string;
    subjectDateMissing: string;
    lettersIntro: string;
    sendWith: string;
    bundleMaker: string;
    bundleSender: string;
    allPapers: string;
    evidenceIntro: string;
    /** Who writes the note explaining a bundle over the limits, for those who do not send the bundle. */
    noteWriter: string;
  }
> = {
  send: {
    intro: (child, about, la) =>
      `An appeal to the SEND Tribunal (SENDIST) about ${child}: ${about}. The local authority (LA) is ${la ?? 'not given yet'}.`,
    subjectDate: 'Decision letter',
    subjectDateMissing: 'Add the date of the decision letter to see the deadline for appealing.',
    sendWith: 'What to send with your appeal',
    bundleSender:
      'The local authority (LA) sends the hearing bundle; anyone can make one to check their evidence and its page count.',
    bundleMaker:
      'The local authority (LA) makes the hearing bundle. You send your evidence; check the bundle has these when it comes.',
    allPapers: 'You have every paper the appeal needs.',
    noteWriter: 'The local authority, which sends the bundle, writes that note.',
    evidenceIntro:
      'Evidence is the documents that show the SEND Tribunal (SENDIST) what the child or young person needs: reports, letters, the EHC plan (Education, Health and Care plan), statements, and papers from the local authority (LA). Put each document in the right part of the bundle, in the order you want the tribunal to read it.',
    lettersIntro:
      'The app writes letters for the SEND Tribunal (SENDIST), the local authority (LA) and the family. It fills in what it already knows from your case; you answer the rest. You get a Word file (DOCX) to change if you want, and a PDF to send.',
  },
  dd: {
    intro: (child, _about, body) =>
      `A disability discrimination claim to the SEND Tribunal about how a school treated ${child}. The responsible body (for the school) is ${body ?? 'not given yet'}.`,
    subjectDate: 'Conduct complained of',
    subjectDateMissing:
      'Add the date of the conduct you are complaining about to see the last day to make the claim.',
    sendWith: 'What to send with your claim',
    bundleSender:
      'The responsible body (for the school) sends the hearing bundle; anyone can make one to check their evidence and its page count.',
    bundleMaker:
      'The responsible body (for the school) makes the hearing bundle. You send your evidence; check the bundle has these when it comes.',
    allPapers: 'You have every paper the claim needs.',
    noteWriter: 'The responsible body, which sends the bundle, writes that note.',
    evidenceIntro:
      'Evidence is the documents that show the SEND Tribunal (SENDIST) what the school did and how it affected the child or young person: reports, letters and emails, school records and policies, statements, and papers from the responsible body. Put each document in the right part of the bundle, in the order you want the tribunal to read it.',
    lettersIntro:
      'The app writes the letters for a disability discrimination claim: the claimant’s statement to go with the claim form (SEND4A), the responsible body’s response to the claim and its letters with the bundle, and requests to the tribunal. It fills in what it already knows; you answer the rest. You get a Word file (DOCX) and a PDF.',
  },
};

const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  'decision-letter': 'Decision letter',
  'ehc-plan': 'EHC plan',
  'appeal-form': 'Appeal form',
  response: "LA's response",
  'working-document': 'Working document',
  'expert-report': 'Report from a professional',
  'witness-statement': 'Witness statement',
  correspondence: 'Letters and emails',
  'mediation-certificate': 'Mediation certificate',
  'registration-letter': 'The tribunal’s registration letter',
  other: 'Other document',
};

/** A claim's names for the kinds whose appeal's names are an appeal's (its form, the respondent's reply). */
const CLAIM_DOCUMENT_KIND_LABELS: Partial<Record<DocumentKind, string>> = {
  'appeal-form': 'Claim form',
  response: "Responsible body's response",
  'decision-letter': 'Letter from the school',
};

/** The kinds of document a case's screens offer: a claim has no decision letter, mediation or working document. */
export const DOCUMENT_KINDS_OFFERED: Record<Proceeding, readonly DocumentKind[]> = {
  send: DOCUMENT_KINDS,
  dd: DOCUMENT_KINDS.filter(
    (k) => !['decision-letter', 'mediation-certificate', 'working-document'].includes(k),
  ),
};

/** What a kind of document is called, in the words of the case's proceedings. */
export function documentKindLabel(kind: DocumentKind, proceeding: Proceeding): string {
  return (proceeding === 'dd' ? CLAIM_DOCUMENT_KIND_LABELS[kind] : undefined) ?? DOCUMENT_KIND_LABELS[kind];
}

/** The choices of a "Kind of document" list: those offered, and `current` where it is not among them. */
export function documentKindOptions(
  proceeding: Proceeding,
  current?: DocumentKind,
): { value: DocumentKind; label: string }[] {
  const kinds = DOCUMENT_KINDS_OFFERED[proceeding];
  return DOCUMENT_KINDS.filter((k) => kinds.includes(k) || k === current).map((k) => ({
    value: k,
    label: documentKindLabel(k, proceeding),
  }));
}

export const CONVERSION_LABELS: Record<string, string> = {
  none: '',
  repaired: 'The file was damaged; the app repaired it.',
  decrypted: 'The file had a password lock on printing or copying; the app made an unlocked copy.',
  image: 'A picture; the app turned it into a PDF page.',
  docx: 'A Word, OpenDocument or RTF document; LibreOffice turned it into a PDF.',
  email: 'An email; the app turned its message into PDF pages.',
  'web-page':
    'A web page saved from a browser; the app laid its text out as PDF pages, without its pictures.',
  text: 'A text file; the app laid its text out as PDF pages.',
};

/** "3 May 2026" from "2026-05-03": dates are shown the way letters write them. */
export function formatDate(iso: string | null | undefined, options: { weekday?: boolean } = {}): string {
  if (!iso) return '';
  return isIsoDate(iso.slice(0, 10)) ? formatLongDate(iso.slice(0, 10), options) : iso;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The set-up's questions that a claim asks in its own words (claimant, responsible body, conduct). The
 * appeal's wording stays in the questions themselves; a claim's replaces it when the case is a claim.
 */
export const CLAIM_SETUP_COPY = {
  firstSection: 'The claim',
  conductDate: {
    label: 'On what date did the treatment you are complaining about happen?',
    hint: 'If it went on over a period, give the date it began. Leave it empty if you are not sure yet.',
    what: 'the date of the conduct complained of',
    review: 'Date of the conduct complained of',
    help: [
      'A claim must usually be made within 6 months, starting with the date of what the school did (or failed to do).',
      'If it went on over a period, time runs from the end of that period. The app works out the last day for you.',
    ],
  },
  conductEnd: {
    label: 'If it went on over a period, until when? (optional)',
    hint: 'The last date it happened. Leave it empty if it happened once.',
    what: 'the date the conduct continued until',
    review: 'Conduct continued until',
    help: ['Conduct that goes on over a period counts as done at its end (Equality Act 2010, Schedule 17).'],
  },
  conciliation: {
    label: 'Was the dispute referred for conciliation? If so, on what date? (optional)',
    hint: 'Leave it empty if it was not.',
    what: 'the date the dispute was referred for conciliation',
    review: 'Referred for conciliation',
    help: [
      'If the dispute was referred for conciliation before the 6 months ended, you have 3 more months to claim.',
    ],
  },
  child: {
    hint: 'Their full name, as the school has it.',
    help: 'The claim is about this child or young person. Their name goes on the bundle and in letters.',
  },
  you: {
    help: 'Your name goes on the letters the app writes for you, such as your claim statement.',
    jobHint: 'For example Headteacher, or Clerk to the governing body.',
  },
  applicant: {
    label: 'Who is making the claim? (optional)',
    hint: 'Usually the parent. Leave it empty if you do not know yet.',
    review: 'Claimant',
    help: 'The claimant is the person making the claim: usually a parent. Their name goes on the bundle’s cover and in letters.',
  },
  respondent: {
    labelForStaff: 'Which responsible body do you answer for?',
    labelForFamily: 'Who is the responsible body for the school?',
    hint: 'For example The governing body of Hilltop Primary School, or Hilltop Academy Trust. For a school the council maintains, it may be the council.',
    missing: 'Enter the name of the responsible body',
    review: 'Responsible body',
    help: 'The responsible body answers the claim for the school: its governing body, proprietor or academy trust (or the council, for a school it maintains).',
  },
  registration: {
    label: 'Has the tribunal registered the claim?',
    dateLabel: 'Date the claim was registered (optional)',
    what: 'the date the claim was registered',
    help: 'After a claim is sent, the tribunal registers it and sends a letter with a reference number and the key dates.',
  },
  hearing: {
    help: 'The hearing date is in the tribunal’s letters, with the date by which the hearing bundle must be sent.',
  },
  deadlineHeading: 'Last day to make the claim',
  deadlineNote:
    'Worked out from the dates you gave. If the tribunal has already registered the claim, this no longer matters.',
} as const;

/** The sides a witness can speak for, named as the proceeding names them. */
export const WITNESS_SIDES: Record<Proceeding, { value: WitnessFields['party']; label: string }[]> = {
  send: [
    { value: 'appellant', label: 'The family (the appellant)' },
    { value: 'la', label: 'The local authority (LA)' },
    { value: 'health', label: 'Health' },
    { value: 'social-care', label: 'Social care' },
    { value: 'school', label: 'A school or college' },
    { value: 'other', label: 'Someone else' },
  ],
  dd: [
    { value: 'appellant', label: 'The family (the claimant)' },
    { value: 'la', label: 'The responsible body (the school)' },
    { value: 'school', label: 'Another school or college' },
    { value: 'other', label: 'Someone else' },
  ],
};

/** A heading for each kind of checker finding, so findings can be grouped on the screen with a count. */
export const CHECK_CODE_TITLES: Record<CheckFindingCode, string> = {
  'not-a-pdf': 'Not a PDF file',
  'password-protected': 'Locked with a password',
  damaged: 'Damaged file',
  'damaged-repairable': 'Damaged, but it could be read',
  'encrypted-restrictions': 'Locked against printing or copying',
  'no-pages': 'No pages',
  'page-unreadable': 'Pages that could not be read',
  'no-pagination': 'No page numbers',
  'page-number-missing': 'Pages without a page number',
  'page-number-position': 'Page numbers in an unusual place',
  'page-number-gap': 'Page numbers skipped',
  'page-number-repeated': 'Page numbers used twice',
  'page-out-of-order': 'Pages out of order',
  'page-label-mismatch': 'PDF page numbers that differ from the printed ones',
  'page-labels-missing': 'No page numbers in the PDF itself',
  'index-missing': 'No index',
  'index-gap': 'Pages no index entry covers',
  'index-entry-not-found': 'Index entries that point nowhere',
  'index-entry-mismatch': 'Index entries with the wrong pages',
  'index-ranges-overlap': 'Index entries that overlap',
  'index-link-wrong-page': 'Index links to the wrong page',
  'index-link-broken': 'Broken index links',
  'index-links-missing': 'Index entries without links',
  'bookmarks-missing': 'No bookmarks',
  'bookmark-broken': 'Broken bookmarks',
  'bookmarks-out-of-order': 'Bookmarks out of order',
  'document-bookmarks-out-of-order': "A document's own bookmarks out of order",
  'bookmark-missing-for-document': 'Documents without a bookmark',
  'parts-not-identified': 'Sections that could not be told apart',
  'part-over-limit': 'Over the page limit',
  'part-over-limit-for-some-appeals': 'Over the page limit for some appeals',
  'statement-over-limit': 'Witness statements that are too long',
  'report-over-limit': 'Reports that are too long',
  'needs-ocr': 'Pages with no text a computer can read',
  'covered-text': 'Words hidden by a box but still in the file',
  'redaction-marks': 'Words marked for redaction but never redacted',
  'earlier-versions': 'Pages whose earlier versions are still in the file',
  'photo-location': 'Photos that hold where they were taken',
  comments: 'Comments that show only when opened',
  'blank-page': 'Blank pages',
  'landscape-page': 'Landscape pages',
  'page-turned': 'Pages that read sideways or upside down',
  'not-a4': 'Pages that are not A4',
  'title-missing': 'No title in the PDF',
  'not-a-bundle': 'Not a hearing bundle',
  'email-thread': 'Email threads',
  'duplicate-document': 'Documents in twice',
  'report-too-old': 'Reports more than 3 years old',
  'out-of-date-order': 'Documents out of date order',
  'small-type': 'Type that is too small',
  'paragraphs-not-numbered': 'Paragraphs without numbers',
  'summary-over-limit': 'Executive summaries that are too long',
  'active-content': 'Content that runs when the file is opened',
};
