import type { Case } from '../../../../shared/domain/case';
import type { Party, Recommendation, TribunalOrder, Witness } from '../../../../shared/domain/caseRecords';
import type { DocumentRecord } from '../../../../shared/domain/documents';
import type { LetterTemplateInfo } from '../../../../shared/domain/letters';
import type { DeadlineList } from '../../../../shared/deadlines';
import type { Proceeding } from '../../../../shared/rules/proceedings';
import type { FactProblem, FieldDef, FieldWording } from '../fields';
import type { Letter } from '../model';

/** What the latest hearing bundle says, when one has been built. */
export interface BundleFacts {
  version: number;
  pageCount: number;
  compiledDate: string;
  /** Bundle pages of each document ("C12–C20"), by document id. */
  documentPages: Map<number, string>;
  /** Parts the compiler fills (and documents) over the Practice Direction's limits: the note's business. */
  overLimits: { part: string; limit: string; actual: string }[];
  /** A party's own evidence over its limit: that party asks the tribunal's permission (SEND7). */
  permissionNeeded: { part: string; limit: string; actual: string; party: string }[];
  /** Its supplementary pack (only the pages new or changed since the version sent before), if made. */
  supplement: { fromVersion: number; pageCount: number; summary: string } | null;
  /** Its delivery parts, in order, if made: each part's cover line, size and email subject line. */
  parts: { coverLine: string; size: string; emailSubject: string }[];
  /** A subject line for an email sending the whole bundle, in the form parties are asked to use. */
  emailSubject: string;
}

/** Everything a template may prefill from: read once per request. */
export interface CaseFacts {
  today: string;
  case: Case;
  parties: Party[];
  recommendations: Recommendation[];
  documents: DocumentRecord[];
  witnesses: Witness[];
  /** Tribunal orders, unopposed notices and mediation agreements (the Tribunal's decision tab). */
  orders: TribunalOrder[];
  deadlines: DeadlineList;
  bundle: BundleFacts | null;
}

export interface LetterTemplate<T = Record<string, unknown>> {
  id: string;
  label: string;
  description: string;
  /** For a letter used in both kinds of case, where `description` speaks of an appeal: a claim's. */
  claimDescription?: string;
  writer: LetterTemplateInfo['writer'];
  /** The kinds of case it is for: an appeal ("send"), a disability discrimination claim ("dd"), or both. */
  proceedings: Proceeding[];
  /**
   * Only for appeals that can be extended (shared/rules/extendedAppeals.ts): a reply to the tribunal's
   * health or social care recommendations, which no other appeal has.
   */
  extendedAppealsOnly?: true;
  /**
   * For a letter used in both kinds of case: a claim's own words for the questions whose appeal wording
   * does not fit, by field name. The facts stay the same; only what the screen asks changes.
   */
  claimWording?: Record<string, FieldWording>;
  fields: FieldDef[];
  /** Values found in the case for this template's fields. */
  prefill(facts: CaseFacts): Record<string, unknown>;
  /**
   * Facts needed only in some situations (reasons when a recommendation is not followed …). A letter used
   * in both kinds of case gets the case's kind as `proceeding`.
   */
  check?(values: T): FactProblem[];
  build(values: T): Letter;
}

/** Lets each template keep its own value type while the registry holds them all. */
export function defineTemplate<T>(template: LetterTemplate<T>): LetterTemplate {
  return template as unknown as LetterTemplate;
}
