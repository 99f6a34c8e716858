/**
 * Bundle page numbers. Fresh numbering is continuous (1…N) or per section (A1…, B1…). Once a version has
 * been issued, documents added later are numbered around it without moving any issued number: pages
 * inserted before an issued page get letter suffixes (B12a, B12b); pages after the last issued page of
 * their sequence simply continue it. Numbers of documents taken out are not reused.
 */
import type { NumberingStyle } from '../domain/case';
import { formatLabelRange, letterSuffix, parseLabel, suffixIndex } from './format';
import type { IssuedBase, LateInsertMode, PlanDocument } from './types';

export interface NumberedDocument {
  doc: PlanDocument;
  labels: string[];
  tab: string;
  lateInsert: boolean;
}

interface NumberedSection {
  letter: string;
  documents: NumberedDocument[];
}

export interface Numbering {
  sections: NumberedSection[];
  mode: LateInsertMode;
  /** Why sub-numbering was not possible, or which issued documents were taken out. */
  notes: { kind: 'style-changed' | 'removed'; message: string; labels: string[] }[];
}

export interface SectionDocuments {
  letter: string;
  documents: PlanDocument[];
}

/**
 * `items` with the places of those that pass `test` filled, in turn, by `replacements` (as many as there are
 * such places; a place left over keeps its item). The others keep their places.
 */
export function fillPlaces<T>(
  items: readonly T[],
  test: (item: T) => boolean,
  replacements: readonly T[],
): T[] {
  const next = replacements[Symbol.iterator]();
  return items.map((item) => {
    if (!test(item)) return item;
    const replacement = next.next();
    return replacement.done ? item : replacement.value;
  });
}

/** Numbers every page from scratch. */
function numberFresh(sections: SectionDocuments[], style: NumberingStyle): NumberedSection[] {
  let counter = 0;
  return sections.map(({ letter, documents }) => {
    if (style === 'section') counter = 0;
    const prefix = style === 'section' ? letter : '';
    return {
      letter,
      documents: documents.map((doc, i) => {
        const labels: string[] = [];
        for (let p = 0; p < doc.pageCount; p++) labels.push(`${prefix}${++counter}`);
        return { doc, labels, tab: `${letter}${i + 1}`, lateInsert: false };
      }),
    };
  });
}

interface IssuedDoc {
  labels: string[];
  tab: string;
  order: number;
}

/**
 * Numbers around an issued version. Falls back to fresh numbering (with a note) when the numbering style
 * changed since that version.
 */
function numberAroundIssued(
  sections: SectionDocuments[],
  style: NumberingStyle,
  issued: IssuedBase,
): Numbering {
  if (issued.numbering !== style) {
    return {
      sections: numberFresh(sections, style),
      mode: 'renumber',
      notes: [
        {
          kind: 'style-changed',
          message:
            `Version ${issued.version} was issued with ${issued.numbering} page numbers; this version uses ` +
            `${style} numbers, so every page has been renumbered.`,
          labels: [],
        },
      ],
    };
  }

  // An issued document keeps its numbers if it is still in the same section with the same pages.
  const issuedById = new Map<number, IssuedDoc & { section: string; sha256: string }>();
  issued.documents.forEach((d, order) =>
    issuedById.set(d.documentId, {
      labels: d.labels,
      tab: d.tab,
      order,
      section: d.section,
      sha256: d.sha256,
    }),
  );
  const keeps = (doc: PlanDocument): IssuedDoc | undefined => {
    const found = issuedById.get(doc.id);
    return found &&
      found.section === doc.section &&
      found.sha256 === doc.sha256 &&
      found.labels.length === doc.pageCount
      ? found
      : undefined;
  };

  // Issued documents stay in their issued order (their numbers fix it); late ones keep their slots.
  const isKept = (doc: PlanDocument) => keeps(doc) !== undefined;
  const ordered = sections.map(({ letter, documents }) => {
    const issuedDocs = documents.filter(isKept).sort((a, b) => keeps(a)!.order - keeps(b)!.order);
    return { letter, documents: fillPlaces(documents, isKept, issuedDocs) };
  });

  const present = new Set(ordered.flatMap((s) => s.documents.map((d) => d.id)));
  const usedLabels = new Set(issued.documents.flatMap((d) => d.labels));
  const usedTabs = new Set(issued.documents.map((d) => d.tab));

  // A numbering sequence: the whole bundle (continuous, letter null) or one section (its letter).
  const scopes: { letter: string | null; sections: NumberedSection[] }[] = [];
  const result: NumberedSection[] = ordered.map((s) => ({ letter: s.letter, documents: [] }));
  if (style === 'continuous') scopes.push({ letter: null, sections: result });
  else result.forEach((s) => scopes.push({ letter: s.letter, sections: [s] }));

  for (const scope of scopes) {
    const flat: { section: NumberedSection; doc: PlanDocument }[] = [];
    for (const section of scope.sections) {
      for (const doc of ordered.find((o) => o.letter === section.letter)!.documents)
        flat.push({ section, doc });
    }
    const prefix = scope.letter ?? '';
    // Highest whole number used in this sequence by any issued document, kept or taken out.
    let maxNumber = 0;
    for (const d of issued.documents) {
      if (scope.letter !== null && d.section !== scope.letter) continue;
      for (const l of d.labels) maxNumber = Math.max(maxNumber, parseLabel(l)?.number ?? 0);
    }
    let prevLabel: string | null = null;
    const prevTabBySection = new Map<string, string | null>();
    const tabCountBySection = new Map<string, number>();

    flat.forEach(({ section, doc }, i) => {
      const kept = keeps(doc);
      if (kept) {
        section.documents.push({ doc, labels: kept.labels, tab: kept.tab, lateInsert: false });
        prevLabel = kept.labels.at(-1) ?? null;
        prevTabBySection.set(section.letter, kept.tab);
        const n = parseLabel(kept.tab.slice(1))?.number ?? 0;
        tabCountBySection.set(section.letter, Math.max(tabCountBySection.get(section.letter) ?? 0, n));
        return;
      }
      const issuedFollows = flat.slice(i + 1).some((f) => keeps(f.doc));
      const labels: string[] = [];
      if (!issuedFollows) {
        // Nothing issued comes after: continue the sequence with whole numbers.
        for (let p = 0; p < doc.pageCount; p++) {
          maxNumber++;
          labels.push(`${prefix}${maxNumber}`);
        }
      } else {
        const base = parseLabel(prevLabel ?? `${prefix}0`)!;
        let k = suffixIndex(base.suffix);
        for (let p = 0; p < doc.pageCount; p++) {
          let label: string;
          do label = `${base.prefix}${base.number}${letterSuffix(++k)}`;
          while (usedLabels.has(label));
          labels.push(label);
        }
      }
      labels.forEach((l) => usedLabels.add(l));
      prevLabel = labels.at(-1) ?? null;

      // Tabs follow the same rule within the section: C3a after C3, or the next whole tab at the end.
      const sectionIssuedFollows = flat.slice(i + 1).some((f) => f.section === section && keeps(f.doc));
      let tab: string;
      if (!sectionIssuedFollows) {
        const n = Math.max(
          tabCountBySection.get(section.letter) ?? 0,
          ...[...usedTabs]
            .filter((t) => t.startsWith(section.letter))
            .map((t) => parseLabel(t.slice(1))?.number ?? 0),
        );
        tab = `${section.letter}${n + 1}`;
        tabCountBySection.set(section.letter, n + 1);
      } else {
        const prevTab = prevTabBySection.get(section.letter) ?? `${section.letter}0`;
        const base = parseLabel(prevTab.slice(1))!;
        let k = suffixIndex(base.suffix);
        do tab = `${section.letter}${base.number}${letterSuffix(++k)}`;
        while (usedTabs.has(tab));
      }
      usedTabs.add(tab);
      prevTabBySection.set(section.letter, tab);
      section.documents.push({ doc, labels, tab, lateInsert: true });
    });
  }

  const notes: Numbering['notes'] = [];
  for (const d of issued.documents) {
    // A document without pages freed no numbers.
    if (present.has(d.documentId) || d.labels.length === 0) continue;
    notes.push({
      kind: 'removed',
      message: `Pages ${formatLabelRange(d.labels)} of version ${issued.version} were taken out; their numbers are not reused.`,
      labels: d.labels,
    });
  }
  return { sections: result, mode: 'sub-number', notes };
}

export function numberPages(
  sections: SectionDocuments[],
  style: NumberingStyle,
  mode: LateInsertMode,
  issued: IssuedBase | null,
): Numbering {
  if (!issued || mode === 'renumber') {
    return { sections: numberFresh(sections, style), mode: 'renumber', notes: [] };
  }
  return numberAroundIssued(sections, style, issued);
}
