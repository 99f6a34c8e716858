import { DELIVERY_RULES } from './delivery';
import { PD, PD_EXPERT_REPORT, PD_WITNESS_STATEMENT } from './practiceDirection';
import type { RulePack } from './types';

/** Evidence pages per party, by appeal type (PD 2025; see DOMAIN.md's appeal-type table). */
const EVIDENCE_PER_PARTY = {
  'refusal-to-assess': 75,
  'refusal-to-reassess': 75,
  'refusal-to-issue': 100,
  'contents-of-plan': 100,
  'refusal-to-amend': 100,
  'cease-to-maintain': 75,
} as const;

/** The SEND appeal pack: Schedule One of the 2025 practice direction on hearing bundles. */
export const SEND_PACK: RulePack = {
  id: 'send-2025',
  name: 'SEND appeal hearing bundle (Practice Direction 2025)',
  tribunal: 'First-tier Tribunal (Special Educational Needs and Disability)',
  appealTypes: [
    'refusal-to-assess',
    'refusal-to-reassess',
    'refusal-to-issue',
    'contents-of-plan',
    'refusal-to-amend',
    'cease-to-maintain',
  ],
  source: {
    title: `${PD} (hearing bundles in SEND appeals and disability discrimination claims)`,
    part: 'Schedule One (SEND appeals)',
    effectiveFrom: '2025-07-15',
    notes:
      'Applies to hearings listed after 15 July 2025. The Practice Direction itself could not be read here ' +
      '(reviewed 2026-11-30): encoded from summaries by Birkett Long, Local Government Lawyer, Education Law ' +
      'Advice and SpecialEducationalNeeds.co.uk, and IPSEA and SENDIASS guides. More pages need a SEND7 request ' +
      "(summaries). Schedule One's section letters are not confirmed: sections stay configurable.",
  },
  lastReviewed: '2026-11-30',
  sections: [
    {
      letter: 'A',
      title: 'Appeal papers',
      contents:
        "Appeal form, the LA's decision letter, mediation certificate, the tribunal's registration letter and directions, the LA's response",
      filledBy: 'compiler',
    },
    {
      letter: 'B',
      title: 'The EHC plan and working document',
      contents: 'The EHC plan with its section K appendices, and the working document',
      filledBy: ['la'],
    },
    {
      letter: 'C',
      title: "Appellant's evidence",
      contents: 'Reports, witness statements and other documents from the parent or young person',
      filledBy: ['appellant'],
    },
    {
      letter: 'D',
      title: "Local authority's evidence",
      contents: 'Reports, witness statements and other documents from the local authority',
      filledBy: ['la'],
    },
    {
      letter: 'E',
      title: 'Health and social care evidence',
      contents: 'Evidence on health and social care needs and provision (extended appeals)',
      filledBy: ['health', 'social-care'],
      extendedOnly: true,
    },
  ],
  parts: [
    {
      id: 'core',
      label: 'Core bundle (appeal papers)',
      section: 'A',
      party: null,
      limit: 100,
      citation: `${PD}, Schedule One: core bundle at most 100 pages`,
    },
    {
      id: 'plan',
      label: 'EHC plan with section K appendices',
      section: 'B',
      party: null,
      excludeKinds: ['working-document'],
      limit: 150,
      citation: `${PD}, Schedule One: EHC plan with its appendices at most 150 pages`,
    },
    {
      id: 'working-document',
      label: 'Working document',
      section: 'B',
      party: null,
      kinds: ['working-document'],
      limit: 25,
      citation: `${PD}, Schedule One: working document at most 25 pages`,
    },
    {
      id: 'appellant-evidence',
      label: "Appellant's evidence",
      section: 'C',
      party: 'appellant',
      limit: EVIDENCE_PER_PARTY,
      placementOnlyLimit: 75,
      citation: `${PD}, Schedule One: each party's evidence at most 75 or 100 pages by appeal type`,
    },
    {
      id: 'la-evidence',
      label: "Local authority's evidence",
      section: 'D',
      party: 'la',
      limit: EVIDENCE_PER_PARTY,
      placementOnlyLimit: 75,
      citation: `${PD}, Schedule One: each party's evidence at most 75 or 100 pages by appeal type`,
    },
    {
      id: 'health-social-care-evidence',
      label: 'Health and social care evidence',
      section: 'E',
      party: null,
      limit: 75,
      perExtendedArea: true,
      citation: `${PD}, Schedule One: extended appeals, 75 pages each for health and for social care`,
    },
  ],
  // The same for both tribunals (15 pages, summary 2, 3 years; statements 10 pages): practiceDirection.ts.
  expertReport: PD_EXPERT_REPORT,
  witnessStatement: PD_WITNESS_STATEMENT,
  witnesses: {
    perParty: 3,
    citation:
      'Tribunal guidance for SEND appeals: 3 witnesses per party unless the tribunal agrees more (SEND7)',
  },
  requiredDocuments: [
    {
      id: 'appeal-form',
      label: 'Appeal form (SEND35 or SEND35a)',
      section: 'A',
      kinds: ['appeal-form'],
      titlePattern: 'appeal form|send ?35',
      citation: `${PD}, Schedule One: appeal papers`,
    },
    {
      id: 'decision-letter',
      label: "The local authority's decision letter",
      section: 'A',
      kinds: ['decision-letter'],
      titlePattern: 'decision',
      citation: `${PD}, Schedule One: appeal papers`,
    },
    {
      id: 'mediation-certificate',
      label: 'Mediation certificate',
      section: 'A',
      kinds: ['mediation-certificate'],
      titlePattern: 'mediation',
      notWhenPlacementOnly: true,
      citation:
        'Children and Families Act 2014 s.55 (not read here) and SEND Regulations 2014 reg 32(b) (read on legislation.gov.uk 2026-11-30): a certificate is needed before an appeal, unless the appeal is only about the school',
    },
    {
      id: 'registration-letter',
      label: "The tribunal's registration letter and directions",
      section: 'A',
      kinds: ['registration-letter'],
      titlePattern: 'registration|directions',
      citation: `${PD}, Schedule One: appeal papers`,
    },
    {
      id: 'la-response',
      label: "The local authority's response to the appeal",
      section: 'A',
      kinds: ['response'],
      titlePattern: 'response',
      citation: 'Tribunal Procedure (HESC) Rules 2008 r.21 (read as made on legislation.gov.uk 2026-11-30)',
    },
    {
      id: 'ehc-plan',
      label: 'The EHC plan (with its appendices)',
      section: 'B',
      kinds: ['ehc-plan'],
      titlePattern: 'ehc ?p|education,? health and care plan',
      appliesTo: ['contents-of-plan', 'refusal-to-amend', 'refusal-to-reassess', 'cease-to-maintain'],
      citation: `${PD}, Schedule One: the EHC plan with its section K appendices`,
    },
    {
      id: 'working-document',
      label: 'The working document',
      section: 'B',
      kinds: ['working-document'],
      titlePattern: 'working document',
      appliesTo: ['contents-of-plan'],
      citation: `${PD}, Schedule One: contents-of-plan appeals include the working document`,
    },
  ],
  appealTypeLabels: {
    'refusal-to-assess': 'Refusal to carry out an EHC needs assessment',
    'refusal-to-reassess': 'Refusal to carry out a reassessment',
    'refusal-to-issue': 'Refusal to issue an EHC plan',
    'contents-of-plan': 'Contents of an EHC plan',
    'refusal-to-amend': 'Refusal to amend an EHC plan after a review',
    'cease-to-maintain': 'Decision to cease to maintain an EHC plan',
  },
  delivery: DELIVERY_RULES,
  nonComplianceNote: {
    title: 'Note explaining why the hearing bundle does not comply with the Practice Direction',
    addressee: 'The First-tier Tribunal (Special Educational Needs and Disability)',
    citation: `${PD}: a bundle that does not comply may be rejected unless a note explains why non-compliance is necessary`,
  },
};
