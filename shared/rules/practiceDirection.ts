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
