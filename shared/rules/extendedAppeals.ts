/**
 * Which cases can be extended appeals: appeals in which the tribunal may also make (non-binding)
 * recommendations about health and social care. The screens offer the choice only where it applies, and
 * the API contract refuses it elsewhere (shared/api/contract.ts), so the CLI and scripts obey the same rule.
 *
 * Source: the First-tier Tribunal recommendations power (the Special Educational Needs and Disability
 * (First-tier Tribunal Recommendations Power) Regulations 2017), as summarised in the team's DOMAIN.md
 * ("Extended appeals": not available for refusal-to-assess appeals, where there is no plan to recommend
 * provision in). A disability discrimination claim is brought under the Equality Act 2010, not as an
 * appeal about an EHC plan, so the power does not reach it.
 */
import type { AppealType } from '../domain/case';

/** Appeal types in which health and social care recommendations cannot be asked for. */
const NEVER_EXTENDED: readonly AppealType[] = ['refusal-to-assess', 'disability-discrimination'];

export function extendedAllowed(appealType: AppealType | null): boolean {
  return appealType !== null && !NEVER_EXTENDED.includes(appealType);
}

/** Why a case of this type cannot be extended, in words for the person filling in the form. */
export function extendedRefusal(appealType: AppealType): string {
  return appealType === 'disability-discrimination'
    ? 'A disability discrimination claim cannot ask for health and social care recommendations: only appeals about an EHC plan can be extended.'
    : 'An appeal against a refusal to assess cannot ask for health and social care recommendations (an extended appeal): there is no plan yet to recommend changes to.';
}

/** The extended-appeal fields of a case, as the API takes them. */
interface ExtendedFields {
  appealType?: AppealType;
  extended?: boolean;
  extendedHealth?: boolean;
  extendedSocialCare?: boolean;
}

/** The field that asks for an extended appeal where the appeal type does not allow one, if any. */
export function disallowedExtendedField(fields: ExtendedFields): keyof ExtendedFields | null {
  if (!fields.appealType || extendedAllowed(fields.appealType)) return null;
  if (fields.extended) return 'extended';
  if (fields.extendedHealth) return 'extendedHealth';
  if (fields.extendedSocialCare) return 'extendedSocialCare';
  return null;
}
