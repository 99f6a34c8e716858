import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../../../shared/bundle/diff';
import {
  formatRange,
  letterSuffix,
  parseLabel,
  suffixIndex,
  toRoman,
} from '../../../../shared/bundle/format';
import { yearsBefore } from '../../../../shared/dates/isoDate';
import { INDEX } from '../../../../shared/bundle/indexLayout';
import { issuedBaseFromPlan, planBundle, type PlanInput } from '../../../../shared/bundle/plan';
import { visualRuns, wrapText, estimateTextWidth } from '../../../../shared/bundle/textLayout';
import type { BundlePlan, PlanDocument, PlanOptions } from '../../../../shared/bundle/types';
import { SEND_PACK } from '../../../../shared/rules/index';

let nextId = 1;
function doc(section: string, pageCount: number, extra: Partial<PlanDocument> = {}): PlanDocument {
  const id = extra.id ?? nextId++;
  return {
    id,
    section,
    title: `Document ${id}`,
    documentDate: '2025-06-01',
    kind: 'other',
    pageCount,
    sha256: `${String(id).padStart(4, '0')}`.padEnd(64, 'a'),
    pageSizes: Array.from({ length: pageCount }, () => ({ width: 595, height: 842, rotate: 0 })),
    pagesWithoutText: [],
    included: true,
    ...extra,
  };
}

function input(documents: PlanDocument[], extra: Partial<PlanInput['planCase']> = {}): PlanInput {
  return {
    pack: SEND_PACK,
    witnesses: [],
    documents,
    planCase: {
      id: 1,
      title: 'Appeal for Zoë',
      appealType: 'contents-of-plan',
      childName: 'Zoë Kowalczyk',
      laName: 'Northshire Council',
      tribunalRef: 'EH123/25/00001',
      hearingDate: '2026-02-10',
      extended: false,
      extendedHealth: false,
      extendedSocialCare: false,
      appellants: ['Anna Kowalczyk'],
      ...extra,
    },
  };
}

const OPTIONS: PlanOptions = {
  numbering: 'continuous',
  lateInsertMode: 'sub-number',
  dividers: false,
  compiledDate: '2026-01-20',
  version: 1,
  placementOnly: false,
  issued: null,
};

const docLabels = (plan: BundlePlan) => plan.pages.filter((p) => p.kind === 'document').map((p) => p.label);
const labelsOf = (plan: BundlePlan, id: number) =>
  plan.pages.filter((p) => p.documentId === id).map((p) => p.label);

describe('bundle numbering', () => {
  it('numbers continuously 1…N across sections in pack order, after a roman-numbered cover and index', () => {
    const docs = [doc('C', 2), doc('A', 3), doc('B', 1)];
    const plan = planBundle(input(docs), OPTIONS);
    expect(plan.pages.slice(0, 2).map((p) => [p.kind, p.label])).toEqual([
      ['cover', 'i'],
      ['index', 'ii'],
    ]);
    expect(docLabels(plan)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(plan.sections.map((s) => [s.letter, s.firstLabel, s.lastLabel])).toEqual([
      ['A', '1', '3'],
      ['B', '4', '4'],
      ['C', '5', '6'],
    ]);
    expect(plan.documents.map((d) => d.tab)).toEqual(['A1', 'B1', 'C1']);
  });

  it('numbers per section A1…, B1… in section mode', () => {
    const docs = [doc('A', 2), doc('A', 1), doc('B', 2), doc('D', 1)];
    const plan = planBundle(input(docs), { ...OPTIONS, numbering: 'section' });
    expect(docLabels(plan)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'D1']);
    expect(plan.index[0].rows.filter((r) => r.kind === 'document').map((r) => r.pages)).toEqual([
      'A1–A2',
      'A3',
      'B1–B2',
      'D1',
    ]);
  });

  it('adds divider pages labelled "Section X" without taking a number', () => {
    const docs = [doc('A', 2), doc('C', 1)];
    const plan = planBundle(input(docs), { ...OPTIONS, dividers: true });
    expect(plan.pages.map((p) => p.label)).toEqual(['i', 'ii', 'Section A', '1', '2', 'Section C', '3']);
    expect(plan.sections[1].firstPage).toBe(5);
    const sectionRow = plan.index[0].rows.find((r) => r.kind === 'section' && r.section === 'C')!;
    expect(sectionRow.target).toBe(5);
  });

  it('leaves out documents that are not included', () => {
    const keep = doc('A', 2);
    const plan = planBundle(input([keep, doc('A', 5, { included: false })]), OPTIONS);
    expect(plan.documents.map((d) => d.documentId)).toEqual([keep.id]);
    expect(plan.pageCount).toBe(4);
  });
});

describe('index, links and bookmarks in the plan', () => {
  it('links every index row to the first page of its document', () => {
    const docs = [doc('A', 3), doc('B', 4), doc('C', 2)];
    const plan = planBundle(input(docs), OPTIONS);
    for (const row of plan.index.flatMap((p) => p.rows).filter((r) => r.kind === 'document')) {
      const d = plan.documents.find((x) => x.documentId === row.documentId)!;
      expect(row.target).toBe(d.firstPage);
      expect(plan.pages[row.target].label).toBe(d.firstLabel);
      expect(plan.pages[row.target].sourcePage).toBe(0);
    }
  });

  it('spreads a long index over several pages, rows inside the printable area, links still right', () => {
    const docs = Array.from({ length: 90 }, (_, i) =>
      doc(['A', 'B', 'C', 'D'][i % 4], 1 + (i % 3), {
        title:
          i % 7 === 0
            ? `A long report title that goes on and on about assessments ${i} `.repeat(2)
            : `Doc ${i}`,
      }),
    );
    const plan = planBundle(input(docs), OPTIONS);
    expect(plan.index.length).toBeGreaterThan(1);
    expect(plan.pages.filter((p) => p.kind === 'index').length).toBe(plan.index.length);
    for (const page of plan.index) {
      for (const row of page.rows) expect(row.top + row.height).toBeLessThanOrEqual(INDEX.bottom);
    }
    // Documents start right after the last index page.
    expect(plan.documents[0].firstPage).toBe(1 + plan.index.length);
    const rows = plan.index.flatMap((p) => p.rows).filter((r) => r.kind === 'document');
    expect(rows).toHaveLength(90);
    for (const row of rows)
      expect(row.target).toBe(plan.documents.find((d) => d.documentId === row.documentId)!.firstPage);
  });

  it('has one bookmark per section with one child per document, each at its first page', () => {
    const docs = [doc('A', 1), doc('A', 2), doc('D', 3)];
    const plan = planBundle(input(docs), { ...OPTIONS, dividers: true });
    const sections = plan.bookmarks.filter((b) => b.title.startsWith('Section'));
    expect(sections.map((s) => s.title)).toEqual([
      'Section A: Appeal papers',
      "Section D: Local authority's evidence",
    ]);
    expect(sections.map((s) => plan.pages[s.page].kind)).toEqual(['divider', 'divider']);
    const children = sections.flatMap((s) => s.children);
    expect(children.map((c) => c.page)).toEqual(plan.documents.map((d) => d.firstPage));
    expect(children[1].title).toBe(`A2 ${plan.documents[1].title} (2–3)`);
  });
});

describe('late inserts and versions', () => {
  function issued(docs: PlanDocument[], numbering: 'continuous' | 'section' = 'continuous') {
    return issuedBaseFromPlan(planBundle(input(docs), { ...OPTIONS, numbering }));
  }

  it('gives a late document 12a, 12b… and leaves every other number alone', () => {
    const a = doc('A', 12);
    const b = doc('B', 5);
    const base = issued([a, b]);
    const late = doc('A', 2);
    const plan = planBundle(input([a, late, b]), { ...OPTIONS, version: 2, issued: base });
    expect(plan.lateInsertMode).toBe('sub-number');
    expect(labelsOf(plan, a.id)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(labelsOf(plan, late.id)).toEqual(['12a', '12b']);
    expect(labelsOf(plan, b.id)).toEqual(['13', '14', '15', '16', '17']);
    // Last in its section, so its tab simply continues the section's tabs.
    expect(plan.documents.find((d) => d.documentId === late.id)).toMatchObject({
      tab: 'A2',
      lateInsert: true,
    });
  });

  it('numbers a second late document after the first without clashing (12c…)', () => {
    const a = doc('A', 12);
    const b = doc('B', 1);
    const late1 = doc('A', 2);
    const v2 = planBundle(input([a, late1, b]), { ...OPTIONS, version: 2, issued: issued([a, b]) });
    const late2 = doc('A', 1);
    const v3 = planBundle(input([a, late1, late2, b]), {
      ...OPTIONS,
      version: 3,
      issued: issuedBaseFromPlan(v2),
    });
    expect(labelsOf(v3, late1.id)).toEqual(['12a', '12b']);
    expect(labelsOf(v3, late2.id)).toEqual(['12c']);
    expect(labelsOf(v3, b.id)).toEqual(['13']);
  });

  it('sub-numbers within a section in section mode (B12a)', () => {
    const a = doc('A', 2);
    const b = doc('B', 12);
    const b2 = doc('B', 3);
    const late = doc('B', 1);
    const plan = planBundle(input([a, b, late, b2]), {
      ...OPTIONS,
      numbering: 'section',
      version: 2,
      issued: issued([a, b, b2], 'section'),
    });
    expect(labelsOf(plan, late.id)).toEqual(['B12a']);
    expect(labelsOf(plan, b2.id)).toEqual(['B13', 'B14', 'B15']);
    expect(plan.documents.map((d) => d.tab)).toEqual(['A1', 'B1', 'B1a', 'B2']);
  });

  it('continues whole numbers when nothing issued comes after the late document', () => {
    const a = doc('A', 3);
    const late = doc('C', 2);
    const plan = planBundle(input([a, late]), { ...OPTIONS, version: 2, issued: issued([a]) });
    expect(labelsOf(plan, late.id)).toEqual(['4', '5']);
  });

  it('renumbers everything when asked, or when the numbering style changed since issue', () => {
    const a = doc('A', 2);
    const b = doc('B', 2);
    const late = doc('A', 1);
    const base = issued([a, b]);
    const renumbered = planBundle(input([a, late, b]), {
      ...OPTIONS,
      lateInsertMode: 'renumber',
      issued: base,
    });
    expect(docLabels(renumbered)).toEqual(['1', '2', '3', '4', '5']);
    const styleChanged = planBundle(input([a, late, b]), { ...OPTIONS, numbering: 'section', issued: base });
    expect(styleChanged.lateInsertMode).toBe('renumber');
    expect(styleChanged.findings.some((f) => f.rule === 'numbering')).toBe(true);
  });

  it('does not reuse the numbers of a document taken out after issue', () => {
    const a = doc('A', 2);
    const gone = doc('A', 2);
    const b = doc('B', 2);
    const plan = planBundle(input([a, b]), { ...OPTIONS, version: 2, issued: issued([a, gone, b]) });
    expect(docLabels(plan)).toEqual(['1', '2', '5', '6']);
    expect(plan.findings.find((f) => f.rule === 'numbering')?.message).toContain(
      'Pages 3–4 of version 1 were taken out',
    );
  });

  it('reports exactly the changed pages between two versions', () => {
    const a = doc('A', 12);
    const b = doc('B', 3);
    const v1 = planBundle(input([a, b]), OPTIONS);
    const late = doc('A', 1);
    const v2 = planBundle(input([a, late, b]), { ...OPTIONS, version: 2, issued: issuedBaseFromPlan(v1) });
    const diff = diffPlans(v1, v2);
    expect(diff.added).toEqual(['12a']);
    expect(diff.removed).toEqual([]);
    // The cover (new version) and the index (a new row) changed; no document page did.
    expect(diff.changed).toEqual(['i', 'ii']);
    expect(diff.unchanged).toBe(15);
    expect(diff.summary).toContain('new page 12a');
  });

  it('shows renumbered pages as changed after a full renumber', () => {
    const a = doc('A', 2);
    const b = doc('B', 2);
    const v1 = planBundle(input([a, b]), OPTIONS);
    const late = doc('A', 1);
    const v2 = planBundle(input([a, late, b]), { ...OPTIONS, version: 2, lateInsertMode: 'renumber' });
    const diff = diffPlans(v1, v2);
    expect(diff.changed).toEqual(['i', 'ii', '3', '4']);
    expect(diff.added).toEqual(['5']);
  });
});

describe('compliance findings', () => {
  const limitDocs = (section: string, pages: number, extra: Partial<PlanDocument> = {}) => [
    doc(section, pages, extra),
  ];
  const finding = (plan: BundlePlan, rule: string) => plan.findings.filter((f) => f.rule === rule);

  it.each([
    ['A', 'core', 100],
    ['B', 'plan', 150],
    ['C', 'appellant-evidence', 100],
    ['D', 'la-evidence', 100],
  ])('section %s (%s): %i pages is at the limit, one more is over', (section, partId, limit) => {
    const at = planBundle(input(limitDocs(section, limit)), OPTIONS);
    expect(at.meters.find((m) => m.partId === partId)).toMatchObject({
      pages: limit,
      limit,
      status: 'at-limit',
    });
    expect(at.findings.filter((f) => f.id === `page-limit:${partId}`)).toEqual([]);
    const over = planBundle(input(limitDocs(section, limit + 1)), OPTIONS);
    expect(over.meters.find((m) => m.partId === partId)?.status).toBe('over');
    const f = over.findings.find((x) => x.id === `page-limit:${partId}`)!;
    // #13: a party's own evidence over its limit is that party's SEND7 request for permission; the
    // non-compliance note is for the parts the bundle's compiler fills.
    const partyPart = section === 'C' || section === 'D';
    expect(f).toMatchObject({ severity: 'breach', needsNote: !partyPart, limit, actual: limit + 1 });
    const noted = over.nonComplianceNote?.items.map((i) => i.findingId) ?? [];
    if (partyPart) {
      expect(f).toMatchObject({ needsPermission: true, message: expect.stringMatching(/form SEND7/) });
      expect(noted).not.toContain(`page-limit:${partId}`);
    } else expect(noted).toContain(`page-limit:${partId}`);
  });

  it('uses the appeal type and section-I-only limits (75) and the working document limit (25)', () => {
    const assess = planBundle(input(limitDocs('C', 76), { appealType: 'refusal-to-assess' }), OPTIONS);
    expect(assess.meters.find((m) => m.partId === 'appellant-evidence')).toMatchObject({
      limit: 75,
      status: 'over',
    });
    const placement = planBundle(input(limitDocs('D', 75)), { ...OPTIONS, placementOnly: true });
    expect(placement.meters.find((m) => m.partId === 'la-evidence')).toMatchObject({
      limit: 75,
      status: 'at-limit',
    });
    const wd = planBundle(input(limitDocs('B', 26, { kind: 'working-document' })), OPTIONS);
    expect(wd.meters.find((m) => m.partId === 'working-document')).toMatchObject({
      pages: 26,
      status: 'over',
    });
    expect(wd.meters.find((m) => m.partId === 'plan')).toMatchObject({ pages: 0 });
  });

  it('gives health and social care 75 pages each in extended appeals', () => {
    const both = planBundle(
      input(limitDocs('E', 150), { extended: true, extendedHealth: true, extendedSocialCare: true }),
      OPTIONS,
    );
    expect(both.meters.find((m) => m.partId === 'health-social-care-evidence')).toMatchObject({
      limit: 150,
      status: 'at-limit',
    });
    const notExtended = planBundle(input(limitDocs('E', 2)), OPTIONS);
    expect(finding(notExtended, 'extended-section')).toHaveLength(1);
  });

  it('flags expert reports over 15 pages and witness statements over 10, not at the limit', () => {
    const docs = [
      doc('C', 15, { kind: 'expert-report', title: 'EP report' }),
      doc('C', 16, { kind: 'expert-report', title: 'SALT report' }),
      doc('D', 10, { kind: 'witness-statement' }),
      doc('D', 11, { kind: 'witness-statement', title: 'Statement of the SENCo' }),
    ];
    const plan = planBundle(input(docs), OPTIONS);
    const reports = finding(plan, 'expert-report-length');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ documentIds: [docs[1].id], limit: 15, actual: 16, pages: ['16–31'] });
    expect(reports[0].message).toContain('"SALT report" has 16 pages');
    const statements = finding(plan, 'witness-statement-length');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ documentIds: [docs[3].id], limit: 10, actual: 11 });
  });

  it('flags reports more than 3 years before the hearing, not one exactly 3 years old', () => {
    const docs = [
      doc('C', 1, { kind: 'expert-report', documentDate: '2023-02-10' }),
      doc('C', 1, { kind: 'expert-report', documentDate: '2023-02-09' }),
      doc('C', 1, { kind: 'expert-report', documentDate: '2020-01-01', assessmentDate: '2024-05-01' }),
      doc('C', 1, { kind: 'expert-report', documentDate: null }),
    ];
    const plan = planBundle(input(docs), OPTIONS);
    const age = finding(plan, 'report-age');
    expect(age.filter((f) => f.severity === 'breach').map((f) => f.documentIds[0])).toEqual([docs[1].id]);
    expect(age.filter((f) => f.severity === 'info').map((f) => f.documentIds[0])).toEqual([docs[3].id]);
  });

  it('flags more than 3 attending witnesses for a party', () => {
    const w = (party: 'appellant' | 'la', attending = true) => ({ name: 'W', party, attending });
    const base = input([doc('A', 1)]);
    const three = planBundle({ ...base, witnesses: [w('la'), w('la'), w('la'), w('la', false)] }, OPTIONS);
    expect(finding(three, 'witness-count')).toEqual([]);
    const four = planBundle(
      { ...base, witnesses: [w('appellant'), w('appellant'), w('appellant'), w('appellant')] },
      OPTIONS,
    );
    expect(finding(four, 'witness-count')[0]).toMatchObject({ limit: 3, actual: 4, severity: 'breach' });
  });

  it('lists missing required documents, and finds them by kind or title', () => {
    const empty = planBundle(input([doc('C', 1)]), OPTIONS);
    expect(empty.checklist.every((c) => !c.present)).toBe(true);
    expect(empty.checklist.map((c) => c.id)).toEqual([
      'appeal-form',
      'decision-letter',
      'mediation-certificate',
      'registration-letter',
      'la-response',
      'ehc-plan',
      'working-document',
    ]);
    const decision = doc('A', 2, { kind: 'decision-letter' });
    const mediation = doc('A', 1, { title: 'Mediation certificate from Global Mediation' });
    const plan = planBundle(input([decision, mediation]), { ...OPTIONS, placementOnly: false });
    expect(plan.checklist.find((c) => c.id === 'decision-letter')).toMatchObject({
      present: true,
      documentIds: [decision.id],
    });
    expect(plan.checklist.find((c) => c.id === 'mediation-certificate')?.present).toBe(true);
    expect(finding(plan, 'missing-document').map((f) => f.id)).not.toContain(
      'missing-document:decision-letter',
    );
    // Section I only: no mediation certificate is needed.
    const placement = planBundle(input([decision]), { ...OPTIONS, placementOnly: true });
    expect(placement.checklist.map((c) => c.id)).not.toContain('mediation-certificate');
  });

  it('reports landscape and unsearchable pages with their bundle numbers', () => {
    const d = doc('C', 4, {
      pageSizes: [
        { width: 595, height: 842, rotate: 0 },
        { width: 842, height: 595, rotate: 0 },
        { width: 595, height: 842, rotate: 90 },
        { width: 842, height: 595, rotate: 90 },
      ],
      pagesWithoutText: [1, 2, 4],
    });
    const plan = planBundle(input([doc('A', 1), d]), OPTIONS);
    expect(finding(plan, 'landscape-pages')[0].pages).toEqual(['3', '4']);
    const unsearchable = finding(plan, 'unsearchable-pages')[0];
    expect(unsearchable.pages).toEqual(['2', '3', '5']);
    // The bundle's numbers, named as such: "Page 2 of" the document read as the document's own page.
    expect(unsearchable.message).toContain(': bundle pages 2–3, 5 have no searchable text');
    expect(finding(plan, 'landscape-pages')[0].message).toContain(': bundle pages 3–4 are landscape');
  });

  it('warns of words under boxes painted over them, by bundle page, and not where none were found', () => {
    const covered = doc('C', 3, { title: 'Assessment', coveredTextPages: [2, 3] });
    const plan = planBundle(input([doc('A', 1), covered, doc('C', 2, { coveredTextPages: [] })]), OPTIONS);
    const found = finding(plan, 'covered-text');
    expect(found).toHaveLength(1);
    expect(found[0].documentIds).toEqual([covered.id]);
    expect(found[0].pages).toEqual(['3', '4']);
    expect(found[0].severity).toBe('warning');
    expect(found[0].needsNote).toBe(false);
    expect(found[0].message).toContain(
      'bundle pages 3–4 have words hidden by a box that are still in the file',
    );
    // A document not looked at yet (imported before import looked) says nothing either way.
    expect(finding(planBundle(input([doc('A', 2)]), OPTIONS), 'covered-text')).toEqual([]);
  });

  it('flags the same file twice and documents in sections the pack does not have', () => {
    const a = doc('A', 1);
    const copy = doc('C', 1, { sha256: a.sha256 });
    const odd = doc('Q', 1);
    const plan = planBundle(input([a, copy, odd]), OPTIONS);
    expect(finding(plan, 'duplicate-document')[0].documentIds).toEqual([a.id, copy.id]);
    expect(finding(plan, 'unknown-section')[0].documentIds).toEqual([odd.id]);
    // Unknown sections come after the pack's sections.
    expect(plan.sections.map((s) => s.letter)).toEqual(['A', 'C', 'Q']);
  });

  it('drafts no non-compliance note when nothing needs one', () => {
    const plan = planBundle(input([doc('A', 3)]), OPTIONS);
    expect(plan.nonComplianceNote).toBeNull();
  });

  it('is a pure function: the same inputs give the same plan', () => {
    const docs = [doc('A', 3), doc('C', 2, { title: 'محمد الحسن: witness statement' })];
    expect(JSON.stringify(planBundle(input(docs), OPTIONS))).toBe(
      JSON.stringify(planBundle(input(docs), OPTIONS)),
    );
  });
});

describe('formatting helpers', () => {
  it('formats labels, suffixes, ranges and dates', () => {
    expect([1, 2, 4, 9, 14].map(toRoman)).toEqual(['i', 'ii', 'iv', 'ix', 'xiv']);
    expect([1, 26, 27, 52].map(letterSuffix)).toEqual(['a', 'z', 'aa', 'az']);
    expect(suffixIndex('aa')).toBe(27);
    expect(parseLabel('B12a')).toEqual({ prefix: 'B', number: 12, suffix: 'a' });
    expect(formatRange('3', '3')).toBe('3');
    expect(yearsBefore('2024-02-29', 3)).toBe('2021-02-28');
  });

  it('wraps text and splits right-to-left runs in visual order', () => {
    const lines = wrapText('one two three four five six seven', 60, 10, estimateTextWidth);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('one two three four five six seven');
    expect(visualRuns('Zoë and محمد الحسن here')).toEqual([
      { text: 'Zoë and ', rtl: false },
      { text: 'محمد الحسن', rtl: true },
      { text: ' here', rtl: false },
    ]);
  });
});

describe('date order within evidence sections (#19)', () => {
  it('finds evidence out of date order and offers the order that mends it, undated documents kept in place', () => {
    const later = doc('C', 2, { documentDate: '2025-11-01' });
    const undated = doc('C', 1, { documentDate: null });
    const earlier = doc('C', 3, { documentDate: '2025-09-15' });
    const plan = planBundle(input([doc('A', 1), later, undated, earlier, doc('D', 1)]), OPTIONS);
    const found = plan.findings.filter((f) => f.rule === 'date-order');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      documentIds: [later.id, earlier.id],
      reorder: { section: 'C', documentIds: [earlier.id, undated.id, later.id] },
    });
    expect(found[0].citation).toMatch(/chronological order/);
    // In order: no finding.
    const fixed = planBundle(input([doc('A', 1), earlier, undated, later]), OPTIONS);
    expect(fixed.findings.filter((f) => f.rule === 'date-order')).toEqual([]);
  });
});
