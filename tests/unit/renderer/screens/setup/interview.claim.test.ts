/**
 * A disability discrimination claim on the screens (#13): the set-up asks a claim's questions in a
 * claim's words (conduct, claimant, responsible body; no mediation certificate), and the words the screens
 * take from renderer/copy.ts never give a claim an appeal's terms.
 */
import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  CASE_COPY,
  CLAIM_SETUP_COPY,
  DEADLINE_WHO,
  documentKindOptions,
  roleCaption,
  TRIBUNAL_DATE_LABELS,
  WITNESS_SIDES,
} from '../../../../../renderer/copy';
import {
  EMPTY_DRAFT,
  claimDeadline,
  draftFromCase,
  draftToFields,
  questionsFor,
  sectionTitle,
  type Draft,
} from '../../../../../renderer/screens/setup/interview';
import { dateEntryFromIso } from '../../../../../shared/dates/entry';
import type { Case } from '../../../../../shared/domain/case';
import { tempServices } from '../../../../helpers/context';

const APPEAL_WORDS = /\bappeal|appellant|local authority|\bLA\b|decision/i;

const claim: Draft = {
  ...EMPTY_DRAFT,
  appealType: 'disability-discrimination',
  decisionDate: dateEntryFromIso('2026-03-02'),
  conductEndDate: dateEntryFromIso('2026-05-20'),
  conciliationDate: dateEntryFromIso('2026-06-01'),
  childName: 'Sam Smith',
  yourName: 'Zoë Kowalczyk',
  laName: 'The governing body of Hilltop Primary School',
};

describe('the set-up for a claim', () => {
  it('asks about the conduct and conciliation, and not about a mediation certificate', () => {
    const ids = questionsFor(claim, 'parent').map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['decision-date', 'conduct-end', 'conciliation', 'la']));
    expect(ids).not.toContain('mediation');
    expect(ids).not.toContain('mediation-date');
    expect(ids).not.toContain('extended');
    const appeal = questionsFor({ ...claim, appealType: 'contents-of-plan' }, 'parent').map((q) => q.id);
    expect(appeal).not.toContain('conduct-end');
    expect(appeal).toContain('mediation');
  });

  it('asks each question, and helps with it, in the claim’s words', () => {
    const text = (node: ReactNode) =>
      renderToStaticMarkup(createElement(Fragment, null, node))
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#x27;|&quot;/g, "'");
    for (const role of ['parent', 'la', 'health-commissioner', 'social-care-commissioner', 'clerk'] as const)
      // The first question asks which it is, an appeal or a claim.
      for (const question of questionsFor(claim, role).filter((q) => q.id !== 'appeal-type')) {
        const shown = question.render({
          draft: claim,
          set: () => {},
          role,
          warning: null,
          error: () => undefined,
        });
        expect(text(question.help(role, claim)), question.id).not.toMatch(APPEAL_WORDS);
        expect(text(shown), question.id).not.toMatch(APPEAL_WORDS);
      }
    // The responsible body's staff are asked for their job with a school's examples.
    const you = questionsFor(claim, 'la').find((q) => q.id === 'you')!;
    expect(
      text(you.render({ draft: claim, set: () => {}, role: 'la', warning: null, error: () => undefined })),
    ).toMatch(/Headteacher/);
    const conduct = questionsFor(claim, 'parent').find((q) => q.id === 'decision-date')!;
    expect(text(conduct.help('parent', claim))).toMatch(
      /within 6 months.*time runs from the end of that period/s,
    );
    // An appeal's help keeps its own words.
    const appeal = { ...claim, appealType: 'contents-of-plan' } as const;
    expect(text(conduct.help('parent', appeal))).toMatch(/decision letter.*2 months/s);
  });

  it('reviews the answers in the claim’s words', () => {
    const rows = questionsFor(claim, 'la').flatMap((q) => q.review(claim, 'la'));
    const text = rows.map((r) => `${r.label}: ${r.value}`).join('\n');
    expect(text).not.toMatch(APPEAL_WORDS);
    expect(text).toMatch(/Date of the conduct complained of: 2 March 2026/);
    expect(text).toMatch(/Conduct continued until: 20 May 2026/);
    expect(text).toMatch(/Responsible body: The governing body of Hilltop Primary School/);
    expect(text).toMatch(/Claimant: /);
    expect(sectionTitle('decision', 'disability-discrimination')).toBe('The claim');
    expect(sectionTitle('decision', 'refusal-to-issue')).toBe('The decision');
  });

  it('works out the last day to claim from the same rule as the deadlines (Sch 17 para 4)', () => {
    // Conduct to 20 May 2026, referred for conciliation on 1 June (in time): 9 months starting with
    // 20 May end on 19 February 2027.
    expect(claimDeadline(claim)?.due).toBe('2027-02-19');
    expect(claimDeadline({ ...claim, appealType: 'contents-of-plan' })).toBeNull();
  });

  it('saves the claim’s facts, and never a mediation certificate for a claim', () => {
    const fields = draftToFields(
      { ...claim, mediation: 'yes', mediationCertificateDate: dateEntryFromIso('2026-04-01') },
      'parent',
    );
    expect(fields).toMatchObject({
      appealType: 'disability-discrimination',
      decisionDate: '2026-03-02',
      conductEndDate: '2026-05-20',
      conciliationDate: '2026-06-01',
      mediationCertificateDate: null,
      extended: false,
    });
    // Switching to an appeal drops the claim's facts (the service would refuse them).
    expect(draftToFields({ ...claim, appealType: 'refusal-to-assess' }, 'parent')).toMatchObject({
      conductEndDate: null,
      conciliationDate: null,
    });
    const stored = { ...fields, id: 1, archived: false } as unknown as Case;
    expect(draftFromCase(stored, []).conductEndDate).toEqual(dateEntryFromIso('2026-05-20'));
  });
});

describe('the screens’ words for a claim (renderer/copy.ts)', () => {
  it('never use an appeal’s terms', () => {
    const words = [
      ...Object.values(TRIBUNAL_DATE_LABELS.dd),
      ...WITNESS_SIDES.dd.map((s) => s.label),
      DEADLINE_WHO.claimant,
      DEADLINE_WHO['responsible-body'],
      CASE_COPY.dd.intro('Sam', 'disability discrimination claim', 'Hilltop Academy Trust'),
      CASE_COPY.dd.subjectDate,
      CASE_COPY.dd.subjectDateMissing,
      CASE_COPY.dd.lettersIntro,
      CASE_COPY.dd.sendWith,
      CASE_COPY.dd.bundleMaker,
      CASE_COPY.dd.bundleSender,
      CASE_COPY.dd.allPapers,
      CASE_COPY.dd.evidenceIntro,
      CASE_COPY.dd.noteWriter,
      ...(['parent', 'la', 'clerk'] as const).map((role) => roleCaption(role, 'dd')),
      ...documentKindOptions('dd').map((o) => o.label),
      JSON.stringify(CLAIM_SETUP_COPY),
    ];
    for (const w of words) expect(w).not.toMatch(APPEAL_WORDS);
  });
});

describe('the kinds of document a claim offers', () => {
  it('are named in its words, without an appeal’s papers, keeping a document’s own kind among them', () => {
    expect(documentKindOptions('dd').map((o) => o.value)).not.toEqual(
      expect.arrayContaining(['decision-letter']),
    );
    expect(documentKindOptions('dd')).toContainEqual({ value: 'appeal-form', label: 'Claim form' });
    expect(documentKindOptions('send')).toContainEqual({ value: 'appeal-form', label: 'Appeal form' });
    expect(documentKindOptions('send').map((o) => o.value)).toContain('mediation-certificate');
    // A document already of a kind a claim does not offer (the case was an appeal before) keeps it.
    expect(documentKindOptions('dd', 'mediation-certificate').map((o) => o.value)).toContain(
      'mediation-certificate',
    );
  });
});

describe('a claim’s hearing bundle', () => {
  it('names the claimant and the responsible body on its cover', () => {
    const t = tempServices();
    try {
      const c = t.services.cases.create({
        title: 'C',
        role: 'la',
        appealType: 'disability-discrimination',
        childName: 'Sam Smith',
        laName: 'Hilltop Academy Trust',
      });
      t.services.cases.saveParty(c.id, undefined, { kind: 'appellant', name: 'Zoë Kowalczyk' });
      const rows = t.services.bundle.plan(c.id).cover.rows;
      expect(rows.map((r) => r.label)).toEqual(expect.arrayContaining(['Claimant', 'Responsible body']));
      expect(rows.map((r) => r.label).join(' ')).not.toMatch(APPEAL_WORDS);
      expect(rows.find((r) => r.label === 'Responsible body')?.value).toBe('Hilltop Academy Trust');
    } finally {
      t.dispose();
    }
  });
});
