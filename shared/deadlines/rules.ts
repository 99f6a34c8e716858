/**
 * The time limits the deadlines engine applies, each with its source, as data. These rules change:
 * review them against the sources when the law or the tribunal's guidance changes, and update REVIEWED.
 * [P] marks a rule taken from secondary guides that should be confirmed against the regulation text.
 */
import { APPEAL_TYPES, type AppealType } from '../domain/case';

export const DEADLINE_RULES_REVIEWED = '2026-11-30';

/** A primary text the rules rest on: where it was read, the part read, and when (null: not available). */
interface PrimaryText {
  title: string;
  section: string;
  /** Where the text was read (legislation.gov.uk where possible). */
  where: string;
  /** YYYY-MM-DD, or null when the text could not be read and the rule rests on secondary sources. */
  read: string | null;
  note?: string;
}

/**
 * The primary texts behind the deadlines, as read for #13 (2026-11-30). Where a text could not be read
 * the rule says so, and the app tells the user to check the date in the tribunal's letter.
 */
export const PRIMARY_TEXTS: readonly PrimaryText[] = [
  {
    title: 'Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008',
    section: 'r.12 (calculating time), as amended by the Tribunal Procedure (Amendment) Rules 2020',
    where:
      'mentalhealthlaw.co.uk revision of "Tribunal rule 12" marking the 2020 amendment (21 July 2020); Upper Tribunal r.12 text for the 5pm rule',
    read: '2026-11-30',
    note: 'r.12(3) now covers special educational needs cases only; the Upper Tribunal had held it could not extend the Equality Act time limit (Doughty Street Chambers note). legislation.gov.uk does not carry the revised HESC Rules.',
  },
  {
    title: 'Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008',
    section:
      'r.20(1)(a) and (c) (the application notice: 2 months, or 1 month from the mediation certificate if later)',
    where: 'legislation.gov.uk/uksi/2008/2699/article/20',
    read: '2026-11-30',
  },
  {
    title: 'Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008',
    section: 'r.21 (the response: contents in r.21(2), copies in r.21(5))',
    where: 'legislation.gov.uk/uksi/2008/2699/article/21/made',
    read: '2026-11-30',
    note: 'Read as made. The 30 working days for a special educational needs response is in the amended rule, which could not be read: it is from IPSEA and the tribunal guidance ("within 6 weeks"). No period for a disability discrimination response was found: check the date in the tribunal\'s letter.',
  },
  {
    title: 'Equality Act 2010',
    section: 'Schedule 17, para 4 (time for bringing proceedings) and para 5 (powers)',
    where: 'legislation.gov.uk/ukpga/2010/15/schedule/17/enacted',
    read: '2026-11-30',
    note: 'Read as enacted; the explanatory notes (para 912) agree. Later changes for Wales (dispute resolution, para 6C) do not apply in England.',
  },
  {
    title: 'Special Educational Needs and Disability Regulations 2014',
    section: 'reg 44(1) and (2)(a)–(c) (compliance with orders)',
    where: "legislation.gov.uk text as reproduced word for word in a parents' guide (sendfamilymagic)",
    read: '2026-11-30',
    note: 'reg 44(2)(d)–(h) and 44(3) could not be read: from SENDIASS and IPSEA guides [P].',
  },
  {
    title: 'Special Educational Needs and Disability (Amendment) Regulations 2015 (S.I. 2015/359)',
    section: 'reg 8 (substituting reg 45(3)–(4): unopposed appeals)',
    where: 'legislation.gov.uk/id/uksi/2015/359/regulation/8',
    read: '2026-11-30',
    note: 'reg 45(5)–(7) as substituted could not be read: from SENDIASS guides [P].',
  },
  {
    title: 'Special Educational Needs and Disability Regulations 2014',
    section: 'reg 32–33 (mediation information; contact within 2 months of the decision)',
    where: 'legislation.gov.uk/uksi/2014/1530/part/2/crossheading/mediation/made',
    read: '2026-11-30',
  },
  {
    title: 'Special Educational Needs and Disability Regulations 2014',
    section: 'reg 22(3) (amended plan within 8 weeks of the proposals)',
    where: 'legislation.gov.uk/cy/uksi/2014/1530/regulation/22/2020-05-01',
    read: '2026-11-30',
  },
  {
    title: 'Special Educational Needs and Disability Regulations 2014',
    section: 'reg 18 (phase transfers) and reg 20 (review timings)',
    where: 'not available here',
    read: null,
    note: 'From IPSEA, Essex SENDIASS and Victa, which quote reg 18 ("before 15 February", "before 31 March"), and local-offer pages for reg 20.',
  },
  {
    title:
      'Special Educational Needs and Disability (First-tier Tribunal Recommendations Power) Regulations 2017 (S.I. 2017/1306)',
    section: 'explanatory note (regs 3–6); the duty to respond within 5 weeks',
    where: 'legislation.gov.uk/uksi/2017/1306/note',
    read: '2026-11-30',
    note: 'Only the explanatory note could be read: whether the 5 weeks run "from" or "beginning with" the date is not confirmed. The app reads "from" (DfE/MoJ report 2017 ch.8) and says so.',
  },
  {
    title: 'SEND/DD Practice Direction No. 1 of 2025 (hearing bundles)',
    section: 'Schedules One and Two (page limits; SEND7 for more pages)',
    where: 'not available here',
    read: null,
    note: 'From summaries by Birkett Long, Local Government Lawyer, Education Law Advice and SpecialEducationalNeeds.co.uk.',
  },
  {
    title: 'GOV.UK, "Preparing a SEND Tribunal case: local authorities" (replaces SEND2 and SEND27)',
    section: "the response: authorised officer, representative, facts, reasons, child's views",
    where: 'hmctsformfinder.justice.gov.uk leaflet 4827 (GOV.UK guidance)',
    read: '2026-11-30',
  },
];

const HESC =
  'Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules 2008';

export const SOURCES = {
  appealRegistration: `${HESC}, r.20(1)(c) (2 months after written notice of the decision was sent, or 1 month from the date of issue of the mediation certificate if later) and r.12 (the time for starting proceedings ending 25 December–1 January or in August; acts due by 5pm)`,
  claimRegistration:
    'Equality Act 2010, Schedule 17, para 4 (6 months starting with the date of the conduct; 3 months more when the dispute is referred for conciliation in time; conduct extending over a period treated as done at its end; the tribunal may consider a claim out of time); ' +
    `${HESC}, r.20(1)(a) (the time is the one the Act sets). No Christmas or August extension: r.12(3) covers special educational needs cases only since the Tribunal Procedure (Amendment) Rules 2020`,
  laResponse: `${HESC}, r.21 (the response) and r.12 (counting working days); the tribunal's registration letter sets the actual date`,
  ddResponse: `${HESC}, r.21 (the response); GOV.UK guidance SEND22 (responding to a disability discrimination claim). No period for the responsible body's response could be confirmed from a primary text: the tribunal's letter sets it`,
  tribunalDirections: `The tribunal's directions in its registration letter; ${HESC}, r.12 (a date the tribunal directs is kept exactly as given)`,
  bundle: `SEND/DD Practice Direction No. 1 of 2025 (hearing bundles) and the tribunal's directions; counted under ${HESC}, r.12(3)(b) (special educational needs cases)`,
  ddBundle: `SEND/DD Practice Direction No. 1 of 2025 (hearing bundles, Schedule Two) and the tribunal's directions; ordinary working days (${HESC}, r.1 and r.12(2)): r.12(3) does not apply to disability discrimination claims`,
  hearing:
    "The tribunal's hearing notice; the tribunal aims to hear appeals about 12 weeks after registration",
  ddHearing: "The tribunal's hearing notice",
  commissionerResponse:
    'Special Educational Needs and Disability (First-tier Tribunal Recommendations Power) Regulations 2017 (S.I. 2017/1306): ' +
    'explanatory note read on legislation.gov.uk 2026-11-30 (reg 6: the tribunal sends a health recommendation to the responsible commissioning body); ' +
    'the text of the duty to respond could not be read. The 5 weeks "from the date of the recommendation (or the date specified by the tribunal, if different)": ' +
    'DfE/MoJ report to Parliament on SEND disagreement resolution (March 2017), chapter 8; "within 5 weeks" of the decision: DfE National Trial note (November 2017) and IPSEA',
  compliance: 'Special Educational Needs and Disability Regulations 2014',
  phaseTransfer:
    'Special Educational Needs and Disability Regulations 2014, reg 18 (review and amend the plan before 15 February, or before 31 March for a move from secondary school to a post-16 institution, in the calendar year of the transfer; at least 5 months before a move between post-16 institutions) [P]: the regulation text could not be read here; its words are quoted by IPSEA, Essex SENDIASS and Victa (read 2026-11-30)',
  annualReview:
    'Special Educational Needs and Disability Regulations 2014, reg 20 (the school sends its report within 2 weeks of the review meeting; the LA decides within 4 weeks of it) and reg 22(3) (an amended plan within 8 weeks of the proposed amendments; legislation.gov.uk, read 2026-11-30); Children and Families Act 2014, s.44(1) (a review at least every 12 months) [P]: reg 20 and s.44 taken from SENDIASS guides',
} as const;

/** The numbers, named. */
export const LIMITS = {
  appealMonthsFromDecision: 2,
  appealMonthsFromMediationCertificate: 1,
  claimMonths: 6,
  /** Equality Act 2010, Sch 17 para 4(2): added when the dispute is referred for conciliation in time. */
  claimConciliationMonths: 3,
  laResponseWorkingDays: 30,
  bundleWorkingDaysBeforeHearing: 10,
  hearingWeeksAfterRegistration: 12,
  commissionerResponseWeeks: 5,
  /** A deadline this many working days away or fewer is "due soon". */
  dueSoonWorkingDays: 5,
} as const;

interface ComplianceStep {
  /** Short id, unique within the order kind. */
  step: string;
  label: string;
  /** Weeks from the order (or from the LA's notice to the tribunal, for unopposed appeals); 0 = immediately. */
  weeks: number;
}

interface ComplianceOrderKind {
  id: string;
  label: string;
  /** The appeals that can end in this order or notice (a mediation agreement can come in any appeal). */
  appeals: readonly AppealType[];
  /** What the clock runs from. */
  from: 'order' | 'notice' | 'agreement';
  steps: ComplianceStep[];
  source: string;
  /** Which kind to choose instead in a neighbouring situation (school only, or with other sections). */
  hint?: string;
  /** Taken from secondary guides: confirm against the regulation text. */
  unconfirmed?: boolean;
}

const REG44 = `${SOURCES.compliance}, reg 44`;
const REG45 = `${SOURCES.compliance}, reg 45 (as substituted by the SEND (Amendment) Regulations 2015, S.I. 2015/359, reg 8)`;
const REG44_EXCEPTIONS =
  ' The LA need not meet the period where it is impractical to do so for a reason reg 44(3) allows (for example exceptional personal circumstances of the child or family, or their absence from the area for 2 weeks or more).';
const REG45_EXCEPTIONS =
  ' The same exceptions as for an order apply (reg 45, applying reg 44(3)): for example exceptional personal circumstances, or the family being away from the area for 2 weeks or more.';

/**
 * Read 2026-11-30: reg 44(1) and (2)(a)–(c) as reproduced word for word from legislation.gov.uk by a
 * parents' guide; reg 45(1)–(4) as substituted by S.I. 2015/359 reg 8 (legislation.gov.uk, as made). Reg 44(2)(d)–(h),
 * 44(3) and 45(5)–(7) could not be read in full: taken from SENDIASS and IPSEA guides ([P]) and the
 * 2001 regulations they replaced, which had the same periods.
 */
export const COMPLIANCE_SOURCES_READ = '2026-11-30';

/**
 * What the LA must do, and by when, after the tribunal's order (reg 44) or after it tells the tribunal
 * it will not oppose an appeal (reg 45).
 */
const ASSESSMENT_APPEALS: readonly AppealType[] = ['refusal-to-assess', 'refusal-to-reassess'];
/** Appeals about what a plan says: its contents, or a refusal to amend it after a review. */
const PLAN_APPEALS: readonly AppealType[] = ['contents-of-plan', 'refusal-to-amend'];
const SEND_APPEALS: readonly AppealType[] = APPEAL_TYPES.filter((t) => t !== 'disability-discrimination');

export const COMPLIANCE_ORDER_KINDS: readonly ComplianceOrderKind[] = [
  {
    id: 'cease-dismissed',
    label: 'Appeal against ceasing the plan dismissed',
    appeals: ['cease-to-maintain'],
    from: 'order',
    steps: [{ step: 'cease', label: 'The LA may stop maintaining the plan', weeks: 0 }],
    source: `${REG44}(2)(a)`,
  },
  {
    id: 'assess',
    label: 'Order to carry out an EHC needs assessment or reassessment',
    appeals: ASSESSMENT_APPEALS,
    from: 'order',
    steps: [
      { step: 'notify', label: 'LA tells the family it will assess', weeks: 2 },
      {
        step: 'decide-not-to-issue',
        label: 'If the LA decides a plan is not needed: tell the family, with reasons',
        weeks: 10,
      },
      { step: 'final-plan', label: 'If a plan is needed: LA sends the final EHC plan', weeks: 14 },
    ],
    source: `${REG44}(2)(b)`,
  },
  {
    id: 'make-plan',
    label: 'Order to make and maintain an EHC plan',
    appeals: ['refusal-to-issue'],
    from: 'order',
    steps: [
      { step: 'draft-plan', label: 'LA issues the draft EHC plan', weeks: 5 },
      { step: 'final-plan', label: 'LA sends the final EHC plan', weeks: 11 },
    ],
    source: `${REG44}(2)(c)`,
  },
  {
    id: 'reconsider',
    label: 'Case sent back to the LA to reconsider making a plan',
    appeals: ['refusal-to-issue'],
    from: 'order',
    steps: [{ step: 'reconsider', label: 'LA reconsiders and tells the family its decision', weeks: 2 }],
    source: `${REG44}(2) [P]`,
    unconfirmed: true,
  },
  {
    id: 'amend-plan',
    label: 'Order to amend the EHC plan (sections B, F and others)',
    appeals: PLAN_APPEALS,
    from: 'order',
    steps: [{ step: 'amended-plan', label: 'LA issues the amended EHC plan', weeks: 5 }],
    source: `${REG44}(2) [P]`,
  },
  {
    id: 'continue-to-maintain',
    label: 'Order to continue to maintain the EHC plan',
    appeals: ['cease-to-maintain'],
    from: 'order',
    steps: [{ step: 'continue', label: 'LA continues to maintain the plan', weeks: 0 }],
    source: `${REG44}(2) [P]`,
  },
  {
    id: 'continue-and-amend',
    label: 'Order to continue to maintain and amend the EHC plan',
    appeals: ['cease-to-maintain'],
    from: 'order',
    steps: [
      { step: 'continue', label: 'LA continues to maintain the plan', weeks: 0 },
      { step: 'amended-plan', label: 'LA issues the amended EHC plan', weeks: 5 },
    ],
    source: `${REG44}(2) [P]`,
  },
  {
    id: 'change-school',
    label: 'Order to change only the school or college named in section I',
    appeals: PLAN_APPEALS,
    hint: 'School only: 2 weeks. If other sections of the plan change too, it is an order to amend the EHC plan ("amend-plan", 5 weeks).',
    from: 'order',
    steps: [{ step: 'amended-plan', label: 'LA issues the plan naming the new school or college', weeks: 2 }],
    source: `${REG44}(2) [P]`,
  },
  {
    id: 'unopposed-assess',
    label: 'Unopposed appeal about an assessment or reassessment',
    appeals: ASSESSMENT_APPEALS,
    from: 'notice',
    steps: [
      { step: 'notify', label: 'LA tells the family it will assess', weeks: 2 },
      {
        step: 'decide-not-to-issue',
        label: 'If the LA decides a plan is not needed: tell the family, with reasons',
        weeks: 10,
      },
      { step: 'final-plan', label: 'If a plan is needed: LA sends the final EHC plan', weeks: 14 },
    ],
    source: `${REG45}(3), (3A)`,
  },
  {
    id: 'unopposed-make-plan',
    label: 'Unopposed appeal against a refusal to make a plan',
    appeals: ['refusal-to-issue'],
    from: 'notice',
    steps: [
      { step: 'draft-plan', label: 'LA issues the draft EHC plan', weeks: 5 },
      { step: 'final-plan', label: 'LA sends the final EHC plan', weeks: 11 },
    ],
    source: `${REG45} [P]`,
  },
  {
    id: 'unopposed-contents',
    label: 'Unopposed appeal about the contents of the plan (or a refusal to amend)',
    appeals: PLAN_APPEALS,
    from: 'notice',
    steps: [{ step: 'amended-plan', label: 'LA issues the amended EHC plan', weeks: 5 }],
    source: `${REG45}(4)`,
  },
  {
    id: 'unopposed-school',
    label: 'Unopposed appeal only about the school or college in section I',
    appeals: PLAN_APPEALS,
    hint: 'School only: 2 weeks. If other sections are agreed too, it is an unopposed appeal about the contents of the plan ("unopposed-contents", 5 weeks).',
    from: 'notice',
    steps: [{ step: 'amended-plan', label: 'LA issues the plan naming the school or college', weeks: 2 }],
    source: `${REG45} [P]`,
  },
  {
    id: 'unopposed-cease',
    label: 'Unopposed appeal against ceasing the plan',
    appeals: ['cease-to-maintain'],
    from: 'notice',
    steps: [{ step: 'continue', label: 'LA continues to maintain the plan', weeks: 0 }],
    source: `${REG45} [P]`,
  },
  {
    id: 'unopposed-cease-and-amend',
    label: 'Unopposed appeal against ceasing the plan, where the LA also agrees to amend it',
    appeals: ['cease-to-maintain'],
    from: 'notice',
    steps: [
      { step: 'continue', label: 'LA continues to maintain the plan', weeks: 0 },
      { step: 'amended-plan', label: 'LA issues the amended EHC plan', weeks: 5 },
    ],
    source: `${REG45} [P]`,
  },
  {
    id: 'mediation-agreement',
    label: 'Agreement reached in mediation',
    appeals: SEND_APPEALS,
    from: 'agreement',
    steps: [{ step: 'act', label: 'LA (or commissioner) does what was agreed', weeks: 2 }],
    source: `${SOURCES.compliance}, reg 42 [P]`,
    unconfirmed: true,
  },
];

/**
 * The kinds of order (or unopposed notice, or mediation agreement) an appeal of this type can end in, for
 * choosing one; none for a disability discrimination claim, whose orders the SEND Regulations do not time.
 */
export function orderKindsFor(appealType: AppealType): ComplianceOrderKind[] {
  return COMPLIANCE_ORDER_KINDS.filter((k) => k.appeals.includes(appealType)).map((k) =>
    complianceOrderKind(k.id)!,
  );
}

export function complianceOrderKind(id: string): ComplianceOrderKind | undefined {
  const kind = COMPLIANCE_ORDER_KINDS.find((k) => k.id === id);
  // A period whose regulation text could not be read is said to be from the guides ([P]).
  return kind && kind.source.includes('[P]') ? { ...kind, unconfirmed: true } : kind;
}

export const COMPLIANCE_EXCEPTIONS_NOTE = REG44_EXCEPTIONS;
export const UNOPPOSED_EXCEPTIONS_NOTE = REG45_EXCEPTIONS;

/**
 * How the app reads "within 5 weeks from the date of the recommendation": the DfE/MoJ report (March 2017,
 * ch.8) words it "from"; the regulation's own text could not be read to confirm "from" or "beginning
 * with", so the rule says which reading is used and what the other would give.
 */
export const COMMISSIONER_COUNTING = 'from' as const;
export const COMMISSIONER_COUNTING_NOTE =
  'The app reads the 5 weeks as running "from" that date (as the DfE/MoJ report to Parliament puts it); the text of the ' +
  'Recommendations Power Regulations could not be checked here, and if it says "beginning with", the last day is one day earlier. ' +
  "Check the date in the tribunal's letter.";
