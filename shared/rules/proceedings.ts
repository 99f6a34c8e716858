/**
 * The two kinds of proceedings the tribunal hears, and the words each uses. A special educational needs
 * appeal has an appellant, a local authority and a decision; a disability discrimination claim has a
 * claimant, a responsible body and conduct. Every screen, deadline and letter takes its words from here,
 * by proceeding, so a claim is never described in an appeal's terms.
 *
 * Sources (read 2026-11-30):
 * - Equality Act 2010, Schedule 17, paras 3–4 (legislation.gov.uk, as enacted): a claim that a responsible
 *   body has contravened Chapter 1 of Part 6 because of a person's disability; time runs from "the conduct
 *   complained of".
 * - Equality Act 2010, s.85(9): the responsible body of a maintained school is the local authority or
 *   governing body; of an independent school or academy, its proprietor.
 * - Form SEND4A, "Disability discrimination claim by a parent" (HMCTS, 10.20); GOV.UK guidance SEND22,
 *   "Respond to a disability discrimination claim" (for the responsible body).
 * - Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008, r.1 (a "disability discrimination
 *   in schools case" and a "special educational needs case" are different kinds of proceedings).
 */
import type { AppealType } from '../domain/case';

export const PROCEEDINGS = ['send', 'dd'] as const;
export type Proceeding = (typeof PROCEEDINGS)[number];

export function proceedingOf(appealType: AppealType): Proceeding {
  return appealType === 'disability-discrimination' ? 'dd' : 'send';
}

export function isDisabilityClaim(appealType: AppealType): boolean {
  return proceedingOf(appealType) === 'dd';
}

/** The words of one kind of proceedings. Lower case unless the name says Title. */
export interface ProceedingTerms {
  proceeding: Proceeding;
  /** "appeal" or "claim". */
  caseNoun: string;
  /** "an appeal" or "a claim". */
  caseNounWithArticle: string;
  /** Who brings it: "appellant" or "claimant". */
  applicant: string;
  applicantTitle: string;
  /** Who answers it: "local authority" or "responsible body". */
  respondent: string;
  respondentTitle: string;
  /** How a screen can name the respondent briefly: "LA" or "responsible body". */
  respondentShort: string;
  /** One line explaining who the respondent is. */
  respondentExplained: string;
  /** What is challenged: "decision" or "conduct". */
  subject: string;
  /** The date the time limit runs from, as a field label. */
  subjectDateLabel: string;
  /** The same, as a question. */
  subjectDateQuestion: string;
  /** The form that starts the proceedings. */
  startForm: string;
  /** What the respondent sends back. */
  responseName: string;
  /** Starting the proceedings, as a task. */
  startTask: string;
  /** The tribunal's guidance for the respondent's reply. */
  responseGuidance: string;
}

export const PROCEEDING_TERMS: Record<Proceeding, ProceedingTerms> = {
  send: {
    proceeding: 'send',
    caseNoun: 'appeal',
    caseNounWithArticle: 'an appeal',
    applicant: 'appellant',
    applicantTitle: 'Appellant',
    respondent: 'local authority',
    respondentTitle: 'Local authority',
    respondentShort: 'LA',
    respondentExplained: 'The local authority (LA) is the council that made the decision.',
    subject: 'decision',
    subjectDateLabel: 'Date of the decision letter',
    subjectDateQuestion: "What is the date on the local authority's decision letter?",
    startForm: 'SEND35 (SEND35a for a refusal to assess)',
    responseName: "local authority's response to the appeal",
    startTask: 'Register the appeal with the tribunal',
    responseGuidance: 'GOV.UK, "Preparing a SEND Tribunal case: local authorities"',
  },
  dd: {
    proceeding: 'dd',
    caseNoun: 'claim',
    caseNounWithArticle: 'a claim',
    applicant: 'claimant',
    applicantTitle: 'Claimant',
    respondent: 'responsible body',
    respondentTitle: 'Responsible body',
    respondentShort: 'responsible body',
    respondentExplained:
      'The responsible body answers for the school: its governing body or proprietor (for a school the council maintains, the local authority or the governing body).',
    subject: 'conduct',
    subjectDateLabel: 'Date of the conduct complained of',
    subjectDateQuestion: 'On what date did the treatment you are complaining about happen?',
    startForm:
      'SEND4A (SEND4B for a young person’s own claim; SEND26A or SEND26B to ask for reinstatement after a permanent exclusion)',
    responseName: "responsible body's response to the claim",
    startTask: 'Send the disability discrimination claim form (SEND4A, 4B, 26A or 26B) to the tribunal',
    responseGuidance: 'GOV.UK guidance SEND22, "Respond to a disability discrimination claim"',
  },
};

export function termsFor(appealType: AppealType): ProceedingTerms {
  return PROCEEDING_TERMS[proceedingOf(appealType)];
}
