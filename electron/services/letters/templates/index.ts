/** Every letter template, in the order a screen lists them. */
import { bundleCoveringLetter, nonComplianceNote } from './bundleLetters';
import { claimResponse } from './claimResponse';
import { claimStatement } from './claimStatement';
import { healthCommissionerResponse, socialCareCommissionerResponse } from './commissionerResponse';
import { laResponse } from './laResponse';
import { orderComplianceComplaint } from './orderCompliance';
import { reasonsForAppeal } from './reasonsForAppeal';
import { extensionRequest, extraPagesRequest, lateEvidenceRequest } from './requests';
import type { LetterTemplate } from './types';

export const TEMPLATES: readonly LetterTemplate[] = [
  healthCommissionerResponse,
  socialCareCommissionerResponse,
  reasonsForAppeal,
  claimStatement,
  laResponse,
  claimResponse,
  lateEvidenceRequest,
  extensionRequest,
  extraPagesRequest,
  nonComplianceNote,
  bundleCoveringLetter,
  orderComplianceComplaint,
];

export function findTemplate(id: string): LetterTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

export type { CaseFacts, BundleFacts, LetterTemplate } from './types';
