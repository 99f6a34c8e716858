import { describe, expect, it } from 'vitest';
import { APPEAL_TYPES } from '../../../shared/domain/case';
import {
  DD_PACK,
  getPack,
  packForAppealType,
  partCovers,
  partLimit,
  partsFor,
  requiredDocumentsFor,
  satisfiesRequirement,
  RULE_PACKS,
  SEND_PACK,
  sectionOrder,
} from '../../../shared/rules/index';

describe('rule packs', () => {
  it('cover every appeal type, each with a source and a review date', () => {
    for (const type of APPEAL_TYPES) expect(packForAppealType(type)).toBeDefined();
    expect(packForAppealType('disability-discrimination')).toBe(DD_PACK);
    expect(packForAppealType('cease-to-maintain')).toBe(SEND_PACK);
    for (const pack of RULE_PACKS) {
      expect(pack.source.title).toMatch(/Practice Direction/);
      expect(pack.source.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(pack.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(getPack(pack.id)).toBe(pack);
    }
  });

  it('has the SEND sections A–E in order, and the limits of the 2025 Practice Direction', () => {
    expect(SEND_PACK.sections.map((s) => s.letter)).toEqual(['A', 'B', 'C', 'D', 'E']);
    const limit = (id: string, appealType: (typeof APPEAL_TYPES)[number], extra = {}) =>
      partLimit(
        SEND_PACK.parts.find((p) => p.id === id)!,
        { appealType, ...extra },
      );
    expect(limit('core', 'contents-of-plan')).toBe(100);
    expect(limit('plan', 'contents-of-plan')).toBe(150);
    expect(limit('working-document', 'contents-of-plan')).toBe(25);
    expect(limit('appellant-evidence', 'refusal-to-assess')).toBe(75);
    expect(limit('appellant-evidence', 'refusal-to-reassess')).toBe(75);
    expect(limit('appellant-evidence', 'refusal-to-issue')).toBe(100);
    expect(limit('la-evidence', 'contents-of-plan')).toBe(100);
    expect(limit('la-evidence', 'contents-of-plan', { placementOnly: true })).toBe(75);
    expect(limit('la-evidence', 'refusal-to-amend')).toBe(100);
    expect(limit('la-evidence', 'cease-to-maintain')).toBe(75);
    expect(limit('health-social-care-evidence', 'contents-of-plan', { extendedHealth: true })).toBe(75);
    expect(
      limit('health-social-care-evidence', 'contents-of-plan', {
        extendedHealth: true,
        extendedSocialCare: true,
      }),
    ).toBe(150);
    expect(SEND_PACK.expertReport).toMatchObject({ maxPages: 15, maxSummaryPages: 2, maxAgeYears: 3 });
    expect(SEND_PACK.witnessStatement.maxPages).toBe(10);
    expect(SEND_PACK.witnesses.perParty).toBe(3);
  });

  it('has the disability discrimination limits: core 100, supplementary 100, 200 per party, 5 witnesses', () => {
    const parts = partsFor(DD_PACK, { appealType: 'disability-discrimination' });
    expect(parts.map((p) => [p.id, p.pages])).toEqual([
      ['core', 100],
      ['supplementary', 100],
      ['claimant-evidence', 200],
      ['responsible-body-evidence', 200],
    ]);
    expect(DD_PACK.witnesses.perParty).toBe(5);
  });

  it('counts the working document apart from the plan, and orders unknown sections last', () => {
    const plan = SEND_PACK.parts.find((p) => p.id === 'plan')!;
    const wd = SEND_PACK.parts.find((p) => p.id === 'working-document')!;
    expect(partCovers(plan, { section: 'B', kind: 'ehc-plan' })).toBe(true);
    expect(partCovers(plan, { section: 'B', kind: 'working-document' })).toBe(false);
    expect(partCovers(wd, { section: 'B', kind: 'working-document' })).toBe(true);
    expect(sectionOrder(SEND_PACK, ['Z', 'C', 'F'])).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'Z']);
  });

  it('requires the working document only in contents-of-plan appeals', () => {
    const ids = (appealType: (typeof APPEAL_TYPES)[number]) =>
      requiredDocumentsFor(SEND_PACK, { appealType }).map((r) => r.id);
    expect(ids('contents-of-plan')).toContain('working-document');
    expect(ids('refusal-to-assess')).not.toContain('working-document');
    expect(ids('refusal-to-assess')).not.toContain('ehc-plan');
  });

  it('shows the health and social care part only when the appeal is extended, or when that is unknown', () => {
    const sectionsOf = (situation: Parameters<typeof partsFor>[1]) =>
      partsFor(SEND_PACK, situation).map((p) => p.section);
    expect(sectionsOf({ appealType: 'refusal-to-issue', extended: false })).not.toContain('E');
    expect(sectionsOf({ appealType: 'refusal-to-issue', extended: true })).toContain('E');
    expect(sectionsOf({ appealType: 'refusal-to-issue', extended: true, extendedHealth: true })).toContain(
      'E',
    );
    // A bundle checked without its case: keep every part the pack has.
    expect(sectionsOf({ appealType: 'refusal-to-issue' })).toContain('E');
  });
});

describe("a claim's claim form", () => {
  it('is found by any of the four forms’ names in a title, as a parent, a young person or after an exclusion', () => {
    const claimForm = DD_PACK.requiredDocuments.find((r) => r.id === 'claim-form')!;
    for (const title of ['SEND4A', 'send 4b scanned', 'SEND26A signed', 'Send26B', 'Claim to the tribunal'])
      expect(satisfiesRequirement(claimForm, { kind: 'other', title }), title).toBe(true);
    expect(satisfiesRequirement(claimForm, { kind: 'other', title: 'SEND35 appeal form' })).toBe(false);
    expect(satisfiesRequirement(claimForm, { kind: 'appeal-form', title: 'Form' })).toBe(true);
  });
});
