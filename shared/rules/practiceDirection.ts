/**
 * The 2025 practice direction on hearing bundles covers SEND appeals (Schedule One) and disability
 * discrimination claims (Schedule Two) alike. The limits it sets once for both live here, so the two
 * packs cannot drift apart; what differs by tribunal stays in each pack.
 */
import type { RulePack } from './types';

export const PD = 'SEND/DD Practice Direction No. 1 of 2025';

export const PD_EXPERT_REPORT: RulePack['expertReport'] = {
  maxPages: 15,
  maxSummaryPages: 2,
  maxAgeYears: 3,
  citation: `${PD}: expert reports at most 15 pages of A4 (executive summary at most 2), normally no more than 3 years old`,
};

export const PD_WITNESS_STATEMENT: RulePack['witnessStatement'] = {
  maxPages: 10,
  citation: `${PD}: witness statements at most 10 pages unless a note explains why`,
};

/**
 * What a bundle must not contain, and how evidence is set out (the Practice Direction, as the summaries
 * give it: Schools Week "Schools could face SEND tribunal penalties" reporting Judge Meleri Tudur, read
 * 2026-11-30: email threads between the parties unless relevant to a specific issue, blank forms and pages,
 * more than one copy of a document, professional and school reports more than three years old;
 * SpecialEducationalNeeds.co.uk "What Parents Need To Know", read 2026-11-30: evidence in chronological
 * order within each section; Education Law Advice, 21 May 2025, read 2026-11-30: expert reports and witness
 * statements in 12-point type with numbered paragraphs, an executive summary of at most 2 pages of A4).
 * The Practice Direction itself could not be read here. `absolute`: the rule has no exception a note can
 * explain; the others are warnings a user can mark as explained in the non-compliance note.
 */
export const PD_CONTENT_RULES = {
  emailThreads: {
    absolute: false,
    citation: `${PD}: no email threads or correspondence between the parties unless relevant to a specific issue`,
  },
  blankPages: { absolute: true, citation: `${PD}: no blank forms or blank pages` },
  duplicates: { absolute: true, citation: `${PD}: no more than one copy of a document` },
  oldReports: {
    absolute: false,
    maxAgeYears: PD_EXPERT_REPORT.maxAgeYears,
    citation: `${PD}: no professional or school reports more than 3 years old, except in exceptional circumstances`,
  },
  chronological: { absolute: false, citation: `${PD}: evidence in chronological order within each section` },
  typeSize: {
    absolute: false,
    minPoints: 12,
    citation: `${PD}: expert reports and witness statements in type of at least 12 point`,
  },
  numberedParagraphs: {
    absolute: false,
    citation: `${PD}: expert reports and witness statements in numbered paragraphs`,
  },
  executiveSummary: {
    absolute: false,
    maxPages: PD_EXPERT_REPORT.maxSummaryPages,
    citation: `${PD}: an expert report's executive summary at most 2 pages of A4`,
  },
} as const;
