import { packForAppealType, sectionOrder, type PackSection, type PartyId } from '../../../shared/rules';
import type { Case, UserRole } from '../../../shared/domain/case';
import { evidencePartiesFor } from '../../../shared/roles';

export interface SectionView {
  letter: string;
  title: string;
  contents: string;
}

/** The bundle's sections for this case, in bundle order (from the rule pack), plus any others in use. */
export function sectionsFor(c: Case, usedLetters: string[] = []): SectionView[] {
  const pack = packForAppealType(c.appealType);
  const visible = pack.sections.filter((s: PackSection) => !s.extendedOnly || c.extended);
  return sectionOrder(pack, usedLetters)
    .map((letter) => {
      const known = visible.find((s) => s.letter === letter);
      if (known) return { letter, title: known.title, contents: known.contents };
      return usedLetters.includes(letter) ? { letter, title: `Section ${letter}`, contents: '' } : null;
    })
    .filter((s): s is SectionView => s !== null);
}

/** Where this user's own evidence usually goes: the first section their side fills. */
export function defaultSectionFor(c: Case, role: UserRole): string {
  const pack = packForAppealType(c.appealType);
  const mine: PartyId[] = evidencePartiesFor(role);
  const found = pack.sections.find(
    (s) => Array.isArray(s.filledBy) && s.filledBy.some((p) => mine.includes(p)),
  );
  return found?.letter ?? pack.sections[0]?.letter ?? 'A';
}
