/**
 * Which case facts belong to which proceeding. A claim has no mediation certificate, an EHC plan's phase
 * transfer or annual review; an appeal has no continuing conduct or conciliation; only appeals about a plan
 * can be extended (shared/rules/extendedAppeals.ts). The service checks the case as it will be stored (what
 * is given over what is there), so changing one field cannot leave another that no longer applies; it
 * refuses with a message that says why, and the deadlines never rest on such a fact silently.
 */
import type { AppealType, CaseFields } from '../domain/case';
import { disallowedExtendedField, extendedRefusal } from './extendedAppeals';
import { proceedingOf } from './proceedings';

/** The facts that decide which others apply, and those others. */
type CaseFactsToCheck = Pick<
  CaseFields,
  | 'appealType'
  | 'decisionDate'
  | 'mediationCertificateDate'
  | 'conductEndDate'
  | 'conciliationDate'
  | 'phaseTransferDate'
  | 'phaseTransferKind'
  | 'annualReviewDate'
  | 'extended'
  | 'extendedHealth'
  | 'extendedSocialCare'
> & { appealType: AppealType };

interface CaseFactProblem {
  field: keyof CaseFields;
  message: string;
}

/** Everything wrong with a case's facts taken together (empty when they fit). */
export function caseFactProblems(facts: CaseFactsToCheck): CaseFactProblem[] {
  const problems: CaseFactProblem[] = [];
  const extendedField = disallowedExtendedField(facts);
  if (extendedField)
    problems.push({
      field: extendedField,
      message: `${extendedRefusal(facts.appealType)} Turn the extended appeal off (health and social care) first.`,
    });
  const claim = proceedingOf(facts.appealType) === 'dd';
  if (claim) {
    if (facts.mediationCertificateDate)
      problems.push({
        field: 'mediationCertificateDate',
        message:
          'A disability discrimination claim has no mediation certificate: remove the certificate date, or choose the kind of appeal it belongs to.',
      });
    for (const field of ['phaseTransferDate', 'phaseTransferKind', 'annualReviewDate'] as const)
      if (facts[field])
        problems.push({
          field,
          message:
            'Phase transfers and annual reviews belong to an EHC plan appeal, not to a disability discrimination claim.',
        });
    if (facts.conductEndDate && facts.decisionDate && facts.conductEndDate < facts.decisionDate)
      problems.push({
        field: 'conductEndDate',
        message: 'The date the conduct continued until is before the date it began. Check the two dates.',
      });
  } else {
    for (const field of ['conductEndDate', 'conciliationDate'] as const)
      if (facts[field])
        problems.push({
          field,
          message:
            field === 'conductEndDate'
              ? '"Conduct continued until" belongs to a disability discrimination claim, not to an appeal about a decision.'
              : 'A conciliation date belongs to a disability discrimination claim. In an appeal, give the mediation certificate date instead.',
        });
  }
  return problems;
}
