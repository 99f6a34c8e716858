/**
 * The renderer's pure parts: screen addresses, host file paths (shared with the Electron protocol), and the
 * set-up interview's mapping between answers, the case and its people.
 */
import { describe, expect, it } from 'vitest';
import { hostFilePath, parseHostFilePath, type HostFile } from '../../shared/api/hostFiles';
import { hrefFor, parseHash, type Route } from '../../renderer/router';
import {
  EMPTY_DRAFT,
  draftFromCase,
  draftToFields,
  partiesFromDraft,
  QUESTIONS,
  questionsFor,
  registrationDeadline,
  suggestedTitle,
  draftProblems,
  normaliseDraft,
  type Draft,
} from '../../renderer/screens/setup/interview';
import { dateEntryFromIso } from '../../shared/dates/entry';
import { moveId } from '../../renderer/screens/evidence/order';
import type { Case } from '../../shared/domain/case';

describe('screen addresses', () => {
  it('round-trips every kind of route and refuses anything else', () => {
    const routes: Route[] = [
      { name: 'start' },
      { name: 'who' },
      { name: 'new' },
      { name: 'check' },
      { name: 'case', caseId: 12, tab: 'overview' },
      { name: 'case', caseId: 3, tab: 'evidence' },
      { name: 'case', caseId: 3, tab: 'setup', step: 'review' },
      { name: 'case', caseId: 3, tab: 'decision' },
    ];
    for (const route of routes) expect(parseHash(hrefFor(route))).toEqual(route);
    for (const bad of ['#/case/0', '#/case/x/evidence', '#/case/1/secrets', '#/elsewhere', '#/case/-1']) {
      expect(parseHash(bad)).toEqual({ name: 'not-found' });
    }
    expect(parseHash('')).toEqual({ name: 'start' });
  });
});

describe('host file paths', () => {
  it('round-trips documents, bundles and letters', () => {
    const files: HostFile[] = [
      { kind: 'document', sha256: 'a'.repeat(64) },
      { kind: 'bundle', id: 7 },
      { kind: 'bundleFile', id: 9 },
      { kind: 'letter', id: 12, format: 'docx' },
      { kind: 'letter', id: 12, format: 'pdf' },
    ];
    for (const file of files) expect(parseHostFilePath(hostFilePath(file))).toEqual(file);
  });

  it('refuses paths, bad hashes, zero or odd ids, unknown formats and extra parts', () => {
    for (const bad of [
      'document/../../cases.sqlite',
      `document/${'A'.repeat(64)}`,
      `document/${'a'.repeat(63)}`,
      `document/${'a'.repeat(64)}/x`,
      'bundle/0',
      'bundle/01',
      'bundle/1e3',
      'bundle/-1',
      'letter/1/exe',
      'letter/1',
      'letter/1/pdf/x',
      'store/abc',
      '',
    ]) {
      expect(parseHostFilePath(bad), bad).toBeNull();
    }
  });
});

describe('the set-up interview', () => {
  const answers: Draft = {
    ...EMPTY_DRAFT,
    appealType: 'contents-of-plan',
    decisionDate: dateEntryFromIso('2026-05-01'),
    mediation: 'yes',
    mediationCertificateDate: dateEntryFromIso('2026-05-20'),
    childName: '  Zoë Kowalczyk ',
    yourName: 'Helen Moss',
    yourJob: 'Designated Clinical Officer',
    yourOrganisation: 'NHS Anytown ICB',
    appellantName: 'Anna Kowalczyk',
    laName: 'Anytown Borough Council',
    extendedAreas: ['health'],
    tribunalRef: '',
  };

  it('asks about health and social care only where an extended appeal is possible', () => {
    const ids = (d: Draft, role: 'parent' | 'la' | 'clerk') => questionsFor(d, role).map((q) => q.id);
    expect(ids(answers, 'la')).toContain('extended');
    expect(ids({ ...answers, appealType: 'refusal-to-assess' }, 'la')).not.toContain('extended');
    expect(ids(answers, 'parent')).not.toContain('appellant');
    expect(ids({ ...answers, mediation: 'no' }, 'parent')).not.toContain('mediation-date');
  });

  it('turns answers into case fields, blank as null, extended only when allowed', () => {
    expect(draftToFields(answers, 'health-commissioner')).toMatchObject({
      title: 'Zoë Kowalczyk – contents of the plan',
      appealType: 'contents-of-plan',
      childName: 'Zoë Kowalczyk',
      tribunalRef: null,
      mediationCertificateDate: '2026-05-20',
      extended: true,
      extendedHealth: true,
      extendedSocialCare: false,
    });
    const assess = draftToFields({ ...answers, appealType: 'refusal-to-assess' }, 'parent');
    expect(assess).toMatchObject({ extended: false, extendedHealth: false });
    expect(draftToFields({ ...answers, mediation: 'not-needed' }, 'la').mediationCertificateDate).toBeNull();
    expect(suggestedTitle(EMPTY_DRAFT)).toBe('New case – appeal');
  });

  it('really requires the answers it needs, and names each problem', () => {
    const messages = (d: Draft, role: 'parent' | 'la') =>
      draftProblems(d, role).map((p) => p.problem.message);
    expect(messages(EMPTY_DRAFT, 'parent')).toEqual([
      'Select what the local authority decided',
      'Select whether you have a mediation certificate',
      'Enter the name of the child or young person',
      'Enter your name',
      'Enter the name of the local authority',
    ]);
    expect(
      messages({ ...answers, decisionDate: { day: '31', month: '2', year: '2026' }, yourName: 'A' }, 'la'),
    ).toEqual(['The date on the decision letter must be a real date: February 2026 has 28 days']);
    // A problem links to the box to fix.
    expect(
      draftProblems(
        { ...answers, decisionDate: { day: '31', month: '', year: '2026' }, yourName: 'A' },
        'la',
      )[0].problem.fieldId,
    ).toBe('decision-date-month');
    expect(() => draftToFields(EMPTY_DRAFT, 'parent')).toThrow();
  });

  it('reads back a stored draft, even one with dates written the old way', () => {
    expect(
      normaliseDraft({ ...answers, decisionDate: '2026-05-01', extendedAreas: ['x'] }, 'la'),
    ).toMatchObject({
      decisionDate: { day: '1', month: '5', year: '2026' },
      extendedAreas: [],
    });
    expect(normaliseDraft(null, 'health-commissioner').extendedAreas).toEqual(['health']);
  });

  it('records the people once: the commissioner and the appellant for LA-side users, the appellant for parents', () => {
    expect(partiesFromDraft(answers, 'health-commissioner')).toEqual([
      {
        kind: 'health-commissioner',
        name: 'Helen Moss',
        roleTitle: 'Designated Clinical Officer',
        organisation: 'NHS Anytown ICB',
      },
      { kind: 'appellant', name: 'Anna Kowalczyk' },
    ]);
    expect(partiesFromDraft(answers, 'la')[0]).toMatchObject({
      kind: 'la',
      organisation: 'Anytown Borough Council',
    });
    expect(partiesFromDraft(answers, 'parent')).toEqual([{ kind: 'appellant', name: 'Helen Moss' }]);
  });

  it('reads a saved case back into the same answers', () => {
    const fields = draftToFields(answers, 'health-commissioner');
    const saved = {
      id: 1,
      ...fields,
      childName: fields.childName ?? null,
      laName: fields.laName ?? null,
      tribunalRef: null,
      decisionDate: '2026-05-01',
      mediationCertificateDate: '2026-05-20',
      registeredDate: null,
      hearingDate: null,
      numbering: 'continuous',
      notes: null,
      archived: false,
      createdAt: '',
      updatedAt: '',
    } as Case;
    const parties = partiesFromDraft(answers, 'health-commissioner').map((p, i) => ({
      id: i + 1,
      caseId: 1,
      organisation: null,
      roleTitle: null,
      email: null,
      phone: null,
      address: null,
      ...p,
    }));
    const back = draftFromCase(saved, parties);
    expect(back).toMatchObject({
      appealType: 'contents-of-plan',
      childName: 'Zoë Kowalczyk',
      yourName: 'Helen Moss',
      yourOrganisation: 'NHS Anytown ICB',
      appellantName: 'Anna Kowalczyk',
      extendedAreas: ['health'],
      mediation: 'yes',
    });
  });
});

describe('soft warnings in the set-up', () => {
  const warn = (id: string, d: Draft, today: string) =>
    QUESTIONS.find((q) => q.id === id)?.warning?.(d, today) ?? null;
  const base: Draft = {
    ...EMPTY_DRAFT,
    appealType: 'refusal-to-assess',
    decisionDate: dateEntryFromIso('2026-05-01'),
    mediation: 'no',
  };

  it('works out the last day to register from the shared deadline rules', () => {
    expect(registrationDeadline(base)?.due).toBe('2026-07-01');
    // A later mediation certificate gives longer: one month from it.
    expect(
      registrationDeadline({
        ...base,
        mediation: 'yes',
        mediationCertificateDate: dateEntryFromIso('2026-06-20'),
      })?.due,
    ).toBe('2026-07-20');
    expect(registrationDeadline({ ...base, appealType: 'disability-discrimination' })).toBeNull();
  });

  it('warns (never blocks) about a date in the future or a deadline that has passed', () => {
    expect(warn('decision-date', base, '2026-05-10')).toBeNull();
    expect(warn('decision-date', base, '2026-04-01')).toContain('after today');
    expect(warn('decision-date', base, '2026-08-01')).toContain(
      'the last day to register the appeal was 1 July 2026',
    );
    expect(warn('mediation', base, '2026-05-10')).toContain('usually need a mediation certificate');
  });

  it('says nothing of a late appeal or claim once the tribunal has registered it', () => {
    const registered = { ...base, registeredDate: dateEntryFromIso('2026-06-01') };
    expect(warn('decision-date', registered, '2026-08-01')).toBeNull();
    expect(warn('decision-date', { ...base, tribunalRef: 'EH123/26/00042' }, '2026-08-01')).toBeNull();
    const claim: Draft = {
      ...base,
      appealType: 'disability-discrimination',
      decisionDate: dateEntryFromIso('2025-01-10'),
    };
    expect(warn('decision-date', claim, '2026-08-01')).toContain('the last day to make the claim was');
    expect(warn('decision-date', { ...claim, tribunalRef: 'EH123/26/00042' }, '2026-08-01')).toBeNull();
  });
});

describe('moving a document', () => {
  it('moves one id and keeps the rest in order', () => {
    expect(moveId([1, 2, 3, 4], 0, 2)).toEqual([2, 3, 1, 4]);
    expect(moveId([1, 2, 3, 4], 3, 0)).toEqual([4, 1, 2, 3]);
  });
});
