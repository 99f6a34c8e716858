import { describe, expect, it } from 'vitest';
import { planBundle, type PlanInput } from '../../../../shared/bundle/plan';
import type { PlanDocument } from '../../../../shared/bundle/types';
import { SEND_PACK } from '../../../../shared/rules/index';
import { planCase, planOptions } from '../../../helpers/plan';

function doc(id: number, section: string, title: string): PlanDocument {
  return {
    id,
    section,
    title,
    documentDate: '2025-06-01',
    kind: 'other',
    pageCount: 2,
    sha256: String(id).padEnd(64, 'a'),
    pageSizes: [
      { width: 595, height: 842, rotate: 0 },
      { width: 595, height: 842, rotate: 0 },
    ],
    pagesWithoutText: [],
    included: true,
  };
}

function input(documents: PlanDocument[], extra: Partial<PlanInput['planCase']> = {}): PlanInput {
  return {
    pack: SEND_PACK,
    witnesses: [],
    documents,
    planCase: planCase({
      title: 'Appeal for Zoë',
      childName: 'Zoë Kowalczyk',
      laName: 'Northshire Council',
      appellants: ['محمد الحسن'],
      ...extra,
    }),
  };
}

const OPTIONS = planOptions();

const unprintable = (plan: ReturnType<typeof planBundle>) =>
  plan.findings.filter((f) => f.rule === 'unprintable-text');

describe('text the bundle fonts cannot print', () => {
  it('finds nothing in names and titles the fonts have (Arabic, Chinese and Bengali included)', () => {
    const plan = planBundle(
      input([doc(1, 'A', 'Decision letter — Ελένη'), doc(2, 'B', 'Plan'), doc(3, 'D', '学校报告 — আমার')], {
        title: 'Appeal for 王小明',
        childName: '王小明 (Wang Xiaoming)',
      }),
      OPTIONS,
    );
    expect(unprintable(plan)).toEqual([]);
  });

  it('warns of each cover row, the case title and each document title that would be empty boxes', () => {
    const many = Array.from({ length: 30 }, (_, i) => doc(10 + i, 'C', `Report ${i}`));
    const plan = planBundle(
      input([doc(1, 'A', 'Decision letter'), ...many, doc(2, 'D', '报告 ខ')], {
        title: 'Appeal for សុខា',
        childName: 'សុខា (Sokha)',
        laName: 'Northshire Council',
      }),
      OPTIONS,
    );
    const found = unprintable(plan);
    expect(found.map((f) => [f.id, f.severity, f.needsNote, f.documentIds, f.pages])).toEqual([
      ['unprintable-text:cover:Child or young person', 'warning', false, [], ['i']],
      ['unprintable-text:case-title', 'warning', false, [], plan.index.map((p) => plan.pages[p.page].label)],
      ['unprintable-text:2', 'warning', false, [2], [plan.pages[plan.index.at(-1)!.page].label]],
    ]);
    expect(plan.index.length).toBeGreaterThan(1);
    expect(found[0].message).toBe(
      "“Child or young person” on the cover has characters the bundle's fonts cannot print, “ស”, “ុ”, “ខ” and “ា”: they would print as empty boxes. Leave them out: for a name, use the spelling on the tribunal’s letters.",
    );
    // The Chinese of the title prints (a fallback font); the emoji does not.
    expect(found[2].message).toMatch(
      /^The title of D1 “报告 ខ” has characters .* cannot print, “ខ”: in the index/,
    );
    // Not a breach of the rules: nothing for the non-compliance note.
    expect(JSON.stringify(plan.nonComplianceNote)).not.toMatch(/print/);
  });

  it('uses the claim’s words on a claim’s cover', () => {
    const plan = planBundle(
      input([doc(1, 'A', 'Claim form')], {
        appealType: 'disability-discrimination',
        appellants: ['李娜 ស'],
        laName: 'The governing body of Anytown School',
      }),
      OPTIONS,
    );
    expect(unprintable(plan).map((f) => f.message)).toEqual([
      expect.stringMatching(/^“Claimant” on the cover has characters .* cannot print, “ស”/),
    ]);
  });
});
