/**
 * Rule packs and the small API the bundle engine, the checker and the screens use to look rules up.
 * Nothing here knows a tribunal rule by heart: every number comes from a pack.
 */
import type { AppealType } from '../domain/case';
import type { DocumentKind } from '../domain/documents';
import { DD_PACK } from './disability';
import { SEND_PACK } from './send';
import type { PackSection, PagePart, RequiredDocument, RulePack } from './types';

export type * from './types';
export * from './proceedings';
export * from './extendedAppeals';
export { SEND_PACK, DD_PACK };
export { DELIVERY_RULES } from './delivery';

export const RULE_PACKS: readonly RulePack[] = [SEND_PACK, DD_PACK];

/** What a limit depends on, beyond the pack. */
export interface LimitSituation {
  appealType: AppealType;
  /** A contents-of-plan appeal only about the school or college named in section I. */
  placementOnly?: boolean;
  extendedHealth?: boolean;
  extendedSocialCare?: boolean;
  /**
   * Whether the appeal is extended. `false` drops the parts that exist only in extended appeals (a parent
   * should not see a health and social care meter they cannot use); unknown (a bundle checked without its
   * case) keeps them.
   */
  extended?: boolean;
  /** Pages the tribunal allowed for a part (by permission or direction), by part id: they replace its limit. */
  allowances?: Record<string, number>;
}

export function getPack(id: string): RulePack | undefined {
  return RULE_PACKS.find((p) => p.id === id);
}

/** The pack for a case's appeal type. */
export function packForAppealType(appealType: AppealType): RulePack {
  const pack = RULE_PACKS.find((p) => p.appealTypes.includes(appealType));
  if (!pack) throw new Error(`No rule pack covers appeal type "${appealType}".`);
  return pack;
}

export function sectionOf(pack: RulePack, letter: string): PackSection | undefined {
  return pack.sections.find((s) => s.letter === letter);
}

/** Section letters in bundle order: the pack's order first, then any others the case uses, alphabetically. */
export function sectionOrder(pack: RulePack, used: Iterable<string> = []): string[] {
  const known = pack.sections.map((s) => s.letter);
  const extra = [...new Set(used)].filter((l) => !known.includes(l)).sort();
  return [...known, ...extra];
}

function partApplies(part: PagePart, situation: LimitSituation): boolean {
  return !part.appliesTo || part.appliesTo.includes(situation.appealType);
}

/** The page limit of a part in this situation, or null when the pack sets none. */
export function partLimit(part: PagePart, situation: LimitSituation): number | null {
  if (!partApplies(part, situation)) return null;
  const allowed = situation.allowances?.[part.id];
  if (allowed !== undefined) return allowed;
  let limit: number | undefined =
    typeof part.limit === 'number' ? part.limit : part.limit[situation.appealType];
  if (limit === undefined) return null;
  if (situation.placementOnly && situation.appealType === 'contents-of-plan' && part.placementOnlyLimit) {
    limit = part.placementOnlyLimit;
  }
  if (part.perExtendedArea) {
    const areas = (situation.extendedHealth ? 1 : 0) + (situation.extendedSocialCare ? 1 : 0);
    if (situation.extended === false && areas === 0) return null;
    limit *= Math.max(1, areas);
  }
  return limit;
}

/** The parts with a limit in this situation, in pack order. */
export function partsFor(pack: RulePack, situation: LimitSituation): (PagePart & { pages: number })[] {
  return pack.parts
    .map((part) => ({ ...part, pages: partLimit(part, situation) }))
    .filter((p): p is PagePart & { pages: number } => p.pages !== null);
}

/** Whether a document (by section and kind) counts towards a part. */
export function partCovers(part: PagePart, doc: { section: string; kind: DocumentKind }): boolean {
  if (part.section !== doc.section) return false;
  if (part.kinds && !part.kinds.includes(doc.kind)) return false;
  if (part.excludeKinds && part.excludeKinds.includes(doc.kind)) return false;
  return true;
}

export function requiredDocumentsFor(pack: RulePack, situation: LimitSituation): RequiredDocument[] {
  return pack.requiredDocuments.filter(
    (r) =>
      (!r.appliesTo || r.appliesTo.includes(situation.appealType)) &&
      !(r.notWhenPlacementOnly && situation.placementOnly),
  );
}

/** Whether a document satisfies a required-document rule: by kind, else by words in its title. */
export function satisfiesRequirement(
  requirement: RequiredDocument,
  doc: { kind: DocumentKind; title: string },
): boolean {
  if (requirement.kinds?.includes(doc.kind)) return true;
  return requirement.titlePattern ? new RegExp(requirement.titlePattern, 'i').test(doc.title) : false;
}
