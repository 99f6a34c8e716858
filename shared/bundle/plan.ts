/**
 * The bundle plan as a pure function: case + ordered documents + rule pack + settings → every page of the
 * bundle (its number, what is on it), the index rows and where they link, the bookmarks, and compliance.
 * Same inputs, same plan: nothing here reads a clock or a file.
 */
import { sectionOf, sectionOrder } from '../rules/index';
import { termsFor } from '../rules/proceedings';
import type { RulePack } from '../rules/types';
import { assessCompliance, draftNonComplianceNote } from './compliance';
import { formatDate } from '../dates/isoDate';
import { formatLabelRange, formatRange, labelEnds, stableHash, toRoman } from './format';
import { PAGE_SETTING_DEFAULTS } from './settings';
import { layoutIndex, type IndexEntryInput } from './indexLayout';
import { numberPages, type NumberedDocument, type SectionDocuments } from './numbering';
import { estimateTextWidth, type MeasureText } from './textLayout';
import { unprintableFindings } from './printable';
import type {
  Bookmark,
  BundlePlan,
  CoverContent,
  IndexPage,
  IssuedBase,
  PlanCase,
  PlanDocument,
  PlannedDocument,
  PlannedPage,
  PlannedSection,
  PlanOptions,
  PlanWitness,
} from './types';

export interface PlanInput {
  planCase: PlanCase;
  /** Documents in the case's order (section order does not matter: the pack orders sections). */
  documents: PlanDocument[];
  witnesses: PlanWitness[];
  pack: RulePack;
}

function dividerLabel(letter: string): string {
  return `Section ${letter}`;
}

function sectionTitle(pack: RulePack, letter: string): string {
  return sectionOf(pack, letter)?.title ?? `Section ${letter}`;
}

/** Added after a version was sent: the index says so beside the title. */
const LATE_INSERT_MARK = '(late insert)';

/** A document's first and last bundle numbers (a stored document has at least one page). */
function documentEnds(d: NumberedDocument): { firstLabel: string; lastLabel: string } {
  const ends = labelEnds(d.labels);
  if (!ends) throw new Error(`The document "${d.doc.title}" has no pages, so it cannot go in the bundle.`);
  const [firstLabel, lastLabel] = ends;
  return { firstLabel, lastLabel };
}

export function planBundle(
  input: PlanInput,
  options: PlanOptions,
  measure: MeasureText = estimateTextWidth,
): BundlePlan {
  const { pack, planCase } = input;
  const included = input.documents.filter((d) => d.included);
  const letters = sectionOrder(
    pack,
    included.map((d) => d.section),
  );
  const sectionDocs: SectionDocuments[] = letters
    .map((letter) => ({ letter, documents: included.filter((d) => d.section === letter) }))
    .filter((s) => s.documents.length > 0);

  const numbering = numberPages(sectionDocs, options.numbering, options.lateInsertMode, options.issued);

  // The index: a heading row per section, a row per document. Its length fixes where documents start.
  const entries: IndexEntryInput[] = [];
  for (const section of numbering.sections) {
    const labels = section.documents.flatMap((d) => d.labels);
    entries.push({
      kind: 'section',
      section: section.letter,
      tab: section.letter,
      title: `Section ${section.letter}: ${sectionTitle(pack, section.letter)}`,
      date: null,
      firstLabel: labels[0] ?? null,
      lastLabel: labels[labels.length - 1] ?? null,
    });
    for (const d of section.documents) {
      const { firstLabel, lastLabel } = documentEnds(d);
      entries.push({
        kind: 'document',
        section: section.letter,
        documentId: d.doc.id,
        tab: d.tab,
        // Marked in the index itself, so everyone holding the sent version sees what was added since.
        title: d.lateInsert ? `${d.doc.title} ${LATE_INSERT_MARK}` : d.doc.title,
        date: d.doc.documentDate,
        firstLabel,
        lastLabel,
      });
    }
  }
  const indexLayout = layoutIndex(entries, measure);
  const frontMatter = 1 + indexLayout.length;

  // Every page, in order.
  // The cover's and the index pages' fingerprints are filled in once their content is known.
  const frontLabel = (i: number) => toRoman(i + 1);
  const coverPage: PlannedPage = { label: frontLabel(0), kind: 'cover', fingerprint: '' };
  const indexPages = indexLayout.map((rows, i) => {
    const page: PlannedPage = { label: frontLabel(i + 1), kind: 'index', fingerprint: '' };
    return { rows, page };
  });
  const pages: PlannedPage[] = [coverPage, ...indexPages.map((p) => p.page)];

  const sections: PlannedSection[] = [];
  const documents: PlannedDocument[] = [];
  for (const section of numbering.sections) {
    const title = sectionTitle(pack, section.letter);
    const labels = section.documents.flatMap((d) => d.labels);
    const firstPage = pages.length;
    if (options.dividers) {
      pages.push({
        label: dividerLabel(section.letter),
        kind: 'divider',
        section: section.letter,
        fingerprint: `divider:${stableHash(`${section.letter}|${title}|${formatLabelRange(labels)}`)}`,
      });
    }
    for (const d of section.documents) {
      const first = pages.length;
      const { firstLabel, lastLabel } = documentEnds(d);
      d.labels.forEach((label, p) =>
        pages.push({
          label,
          kind: 'document',
          section: section.letter,
          documentId: d.doc.id,
          sourcePage: (d.doc.keptPages?.[p] ?? p + 1) - 1,
          fingerprint: `doc:${d.doc.sha256}:${p}`,
        }),
      );
      documents.push({
        documentId: d.doc.id,
        section: section.letter,
        tab: d.tab,
        title: d.doc.title,
        documentDate: d.doc.documentDate,
        kind: d.doc.kind,
        sha256: d.doc.sha256,
        ...(d.doc.fileSha256 ? { fileSha256: d.doc.fileSha256 } : {}),
        ...(d.doc.keptPages ? { keptPages: d.doc.keptPages, filePageCount: d.doc.filePageCount } : {}),
        firstPage: first,
        pageCount: d.doc.pageCount,
        firstLabel,
        lastLabel,
        lateInsert: d.lateInsert,
      });
    }
    sections.push({
      letter: section.letter,
      title,
      firstPage,
      documentPages: labels.length,
      firstLabel: labels[0] ?? null,
      lastLabel: labels[labels.length - 1] ?? null,
      documentIds: section.documents.map((d) => d.doc.id),
    });
  }

  // Index rows link to the first page of their document (or the section's divider / first page).
  const docFirst = new Map(documents.map((d) => [d.documentId, d.firstPage]));
  const sectionFirst = new Map(sections.map((s) => [s.letter, s.firstPage]));
  const index: IndexPage[] = indexPages.map(({ rows: placed, page }, i) => {
    const rows = placed.map((row) => ({
      ...row,
      target: row.kind === 'document' ? docFirst.get(row.documentId!)! : sectionFirst.get(row.section)!,
    }));
    page.fingerprint = `index:${stableHash(JSON.stringify(rows))}`;
    return { page: 1 + i, rows };
  });

  const bookmarks: Bookmark[] = [
    { title: 'Cover', page: 0, children: [] },
    { title: 'Index', page: 1, children: [] },
    ...sections.map((s) => ({
      title: `Section ${s.letter}: ${s.title}`,
      page: s.firstPage,
      children: documents
        .filter((d) => d.section === s.letter)
        .map((d) => ({
          title: `${d.tab} ${d.title} (${formatRange(d.firstLabel, d.lastLabel)})`,
          page: d.firstPage,
          children: [],
        })),
    })),
  ];

  const compliance = assessCompliance(pack, planCase, numbering, input.witnesses, options);
  const appealType = pack.appealTypeLabels[planCase.appealType] ?? planCase.appealType;
  // A claim's cover names the claimant and the responsible body (shared/rules/proceedings.ts).
  const terms = termsFor(planCase.appealType);
  const [firstDoc] = documents;
  const lastDoc = documents.at(-1);
  const docLabels = firstDoc && lastDoc ? formatRange(firstDoc.firstLabel, lastDoc.lastLabel) : 'none';
  const cover: CoverContent = {
    title: 'Hearing bundle',
    tribunal: pack.tribunal,
    appealType,
    rows: [
      { label: terms.applicantTitle, value: planCase.appellants.join(', ') || '—' },
      { label: 'Child or young person', value: planCase.childName ?? '—' },
      { label: terms.respondentTitle, value: planCase.laName ?? '—' },
      { label: 'Tribunal reference', value: planCase.tribunalRef ?? 'not yet given' },
      {
        label: 'Hearing date',
        value: planCase.hearingDate ? formatDate(planCase.hearingDate, 'long') : 'not yet listed',
      },
      { label: 'Bundle version', value: String(options.version) },
      { label: 'Compiled on', value: formatDate(options.compiledDate, 'long') },
      {
        label: 'Pages',
        value: `${pages.length} in all: cover and index ${formatRange('i', toRoman(frontMatter))}, documents ${docLabels}`,
      },
    ],
    footer:
      'The number in the bottom-right corner of every page is its bundle page number. ' +
      'Use it to refer to pages at the hearing.',
  };
  coverPage.fingerprint = `cover:${stableHash(JSON.stringify(cover))}`;

  const ref = planCase.tribunalRef ? `, ${planCase.tribunalRef}` : '';
  const title = `Hearing bundle: ${planCase.title}`;
  return {
    caseId: planCase.id,
    version: options.version,
    compiledDate: options.compiledDate,
    numbering: options.numbering,
    lateInsertMode: numbering.mode,
    dividers: options.dividers,
    pageSettings: options.pageSettings ?? PAGE_SETTING_DEFAULTS,
    rulePack: { id: pack.id, name: pack.name, lastReviewed: pack.lastReviewed },
    metadata: {
      title,
      subject: `${pack.tribunal}: ${appealType}${ref}. Bundle version ${options.version}, compiled ${formatDate(options.compiledDate, 'long')}.`,
      keywords: ['hearing bundle', pack.id, ...(planCase.tribunalRef ? [planCase.tribunalRef] : [])],
    },
    cover,
    pageCount: pages.length,
    pages,
    sections,
    documents,
    index,
    bookmarks,
    meters: compliance.meters,
    checklist: compliance.checklist,
    findings: [
      ...compliance.findings,
      ...unprintableFindings(
        cover,
        coverPage.label,
        title,
        index,
        indexPages.map((p) => p.page.label),
        documents,
      ),
    ],
    nonComplianceNote: draftNonComplianceNote(pack, planCase, compliance.findings, options),
  };
}

/** What a later version needs from an issued one to number late documents around it. */
export function issuedBaseFromPlan(plan: BundlePlan): IssuedBase {
  const labelsByDoc = new Map<number, string[]>();
  for (const page of plan.pages) {
    if (page.kind !== 'document' || page.documentId === undefined) continue;
    labelsByDoc.set(page.documentId, [...(labelsByDoc.get(page.documentId) ?? []), page.label]);
  }
  return {
    version: plan.version,
    numbering: plan.numbering,
    documents: plan.documents.map((d) => ({
      documentId: d.documentId,
      section: d.section,
      sha256: d.sha256,
      tab: d.tab,
      labels: labelsByDoc.get(d.documentId) ?? [],
    })),
  };
}

export type { PlanCase, PlanDocument, PlanWitness, PlanOptions };
