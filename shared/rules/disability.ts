import { DELIVERY_RULES } from './delivery';
import { PD, PD_EXPERT_REPORT, PD_WITNESS_STATEMENT } from './practiceDirection';
import type { RulePack } from './types';

/** Disability discrimination claims against schools: Schedule Two of the 2025 practice direction. */
export const DD_PACK: RulePack = {
  id: 'dd-2025',
  name: 'Disability discrimination claim hearing bundle (Practice Direction 2025)',
  tribunal: 'First-tier Tribunal (Special Educational Needs and Disability)',
  appealTypes: ['disability-discrimination'],
  source: {
    title: `${PD} (hearing bundles in SEND appeals and disability discrimination claims)`,
    part: 'Schedule Two (disability discrimination claims)',
    effectiveFrom: '2025-07-15',
    notes:
      'Applies to hearings listed after 15 July 2025. The Practice Direction itself could not be read here ' +
      '(reviewed 2026-11-30): limits from published summaries (core 100, supplementary 100, each party’s ' +
      "evidence 200). Schedule Two's section letters are not confirmed: sections stay configurable. A claim " +
      'counts ordinary working days: HESC Rules r.12(3) covers special educational needs cases only.',
  },
  lastReviewed: '2026-11-30',
  sections: [
    {
      letter: 'A',
      title: 'Claim papers',
      contents:
        "Claim form (SEND4A, SEND4B, SEND26A or SEND26B), the tribunal's registration letter and directions, the responsible body's response",
      filledBy: 'compiler',
    },
    {
      letter: 'B',
      title: 'Supplementary documents',
      contents: 'School policies, records and correspondence that both sides rely on',
      filledBy: 'compiler',
    },
    {
      letter: 'C',
      title: "Claimant's evidence",
      contents: 'Reports, witness statements and other documents from the parent or young person',
      filledBy: ['claimant'],
    },
    {
      letter: 'D',
      title: "Responsible body's evidence",
      contents: "Reports, witness statements and other documents from the school's responsible body",
      filledBy: ['responsible-body'],
    },
    {
      letter: 'E',
      title: 'Further evidence admitted by the tribunal',
      contents: 'Late evidence the tribunal has given permission for',
      filledBy: 'compiler',
    },
  ],
  parts: [
    {
      id: 'core',
      label: 'Core bundle (claim papers)',
      section: 'A',
      party: null,
      limit: 100,
      citation: `${PD}, Schedule Two: core bundle at most 100 pages`,
    },
    {
      id: 'supplementary',
      label: 'Supplementary bundle',
      section: 'B',
      party: null,
      limit: 100,
      citation: `${PD}, Schedule Two: supplementary bundle at most 100 pages`,
    },
    {
      id: 'claimant-evidence',
      label: "Claimant's evidence",
      section: 'C',
      party: 'claimant',
      limit: 200,
      citation: `${PD}, Schedule Two: each party's evidence at most 200 pages`,
    },
    {
      id: 'responsible-body-evidence',
      label: "Responsible body's evidence",
      section: 'D',
      party: 'responsible-body',
      limit: 200,
      citation: `${PD}, Schedule Two: each party's evidence at most 200 pages`,
    },
  ],
  // The same for both tribunals (15 pages, summary 2, 3 years; statements 10 pages): practiceDirection.ts.
  expertReport: PD_EXPERT_REPORT,
  witnessStatement: PD_WITNESS_STATEMENT,
  witnesses: {
    perParty: 5,
    citation:
      'Tribunal guidance for disability discrimination claims (as reproduced by local-offer pages, read 2026-11-30): up to 5 witnesses',
  },
  requiredDocuments: [
    {
      id: 'claim-form',
      label: 'Claim form (SEND4A, SEND4B, SEND26A or SEND26B)',
      section: 'A',
      kinds: ['appeal-form'],
      titlePattern: 'claim|send ?(?:4|26)[ab]',
      citation:
        `${PD}, Schedule Two: claim papers. The forms: SEND4A a parent's claim, SEND4B a young person's, ` +
        'SEND26A and SEND26B the same asking for reinstatement after a permanent exclusion (IPSEA, "Procedure ' +
        'for disability discrimination claims", read 2026-12-07; form SEND4A (10.20) says a young person ' +
        'over school leaving age must make their own claim)',
    },
    {
      id: 'registration-letter',
      label: "The tribunal's registration letter and directions",
      section: 'A',
      kinds: ['registration-letter'],
      titlePattern: 'registration|directions',
      citation: `${PD}, Schedule Two: claim papers`,
    },
    {
      id: 'response',
      label: "The responsible body's response to the claim",
      section: 'A',
      kinds: ['response'],
      titlePattern: 'response',
      citation:
        'Tribunal Procedure (HESC) Rules 2008 r.21 (read as made on legislation.gov.uk 2026-11-30); GOV.UK guidance SEND22',
    },
  ],
  appealTypeLabels: {
    'disability-discrimination': 'Disability discrimination claim against a school',
  },
  delivery: DELIVERY_RULES,
  nonComplianceNote: {
    title: 'Note explaining why the hearing bundle does not comply with the Practice Direction',
    addressee: 'The First-tier Tribunal (Special Educational Needs and Disability)',
    citation: `${PD}: a bundle that does not comply may be rejected unless a note explains why non-compliance is necessary`,
  },
};
