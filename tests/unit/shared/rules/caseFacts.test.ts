/** A case's facts must fit its kind of proceedings: the service refuses one that cannot apply, and says why. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { createRouter } from '../../../../electron/ipc/router';
import { ApiError } from '../../../../shared/api/errors';
import { runCli } from '../../../helpers/cli';
import { caseFactProblems } from '../../../../shared/rules/caseFacts';
import { tempServices } from '../../../helpers/context';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function services() {
  const t = tempServices({ clock: () => new Date('2026-05-01T09:00:00Z') });
  cleanup.push(t.dispose);
  return t.services;
}

function refusal(work: () => unknown): ApiError {
  try {
    work();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('facts that belong to one kind of proceedings', () => {
  it('keeps a claim’s continuing conduct and conciliation, and works the time limit from them', () => {
    const s = services();
    const c = s.cases.create({
      title: 'Claim',
      role: 'parent',
      appealType: 'disability-discrimination',
      decisionDate: '2026-03-02',
      conductEndDate: '2026-05-20',
      conciliationDate: '2026-06-01',
      laName: 'Governing body of Hilltop Primary School',
    });
    expect(s.cases.get(c.id)).toMatchObject({ conductEndDate: '2026-05-20', conciliationDate: '2026-06-01' });
    // Time runs from 20 May (Sch 17 para 4(5)(b)); referred for conciliation within the 6 months
    // (which end on 19 November), so 9 months starting with 20 May 2026 end on 19 February 2027.
    const d = s.deadlines.list(c.id).deadlines.find((x) => x.id === 'claim-registration');
    expect(d).toMatchObject({ due: '2027-02-19', who: 'claimant' });
  });

  it('refuses a claim’s facts in an appeal, and an appeal’s in a claim', () => {
    const s = services();
    const appeal = refusal(() =>
      s.cases.create({
        title: 'A',
        role: 'parent',
        appealType: 'contents-of-plan',
        conciliationDate: '2026-04-01',
      }),
    );
    expect(appeal).toMatchObject({ code: 'invalid-input' });
    expect(appeal.message).toMatch(/conciliation date belongs to a disability discrimination claim/);

    const claim = refusal(() =>
      s.cases.create({
        title: 'C',
        role: 'parent',
        appealType: 'disability-discrimination',
        mediationCertificateDate: '2026-04-01',
      }),
    );
    expect(claim.message).toMatch(/claim has no mediation certificate/);
  });

  it('checks an update against what is stored: changing the kind of case keeps no stray facts', () => {
    const s = services();
    const c = s.cases.create({
      title: 'C',
      role: 'parent',
      appealType: 'disability-discrimination',
      decisionDate: '2026-03-02',
      conciliationDate: '2026-04-01',
    });
    const e = refusal(() => s.cases.update(c.id, { appealType: 'refusal-to-assess' }));
    expect(e.message).toMatch(/conciliation date belongs to a disability discrimination claim/);
    expect(s.cases.update(c.id, { appealType: 'refusal-to-assess', conciliationDate: null })).toMatchObject({
      appealType: 'refusal-to-assess',
      conciliationDate: null,
    });
  });

  it('refuses conduct that ends before it began', () => {
    expect(
      caseFactProblems({
        appealType: 'disability-discrimination',
        decisionDate: '2026-03-02',
        conductEndDate: '2026-02-01',
      }).map((p) => p.field),
    ).toEqual(['conductEndDate']);
  });
});

describe('the refused extended flag (Recommendations Power Regulations 2017: s.51(2)(b)–(f) appeals only)', () => {
  it('is refused through the API even when the appeal type is stored and only the flag is sent', async () => {
    const t = tempServices();
    cleanup.push(t.dispose);
    const api = createRouter(createHandlers(t.services), () => {});
    const c = t.services.cases.create({ title: 'R', role: 'parent', appealType: 'refusal-to-assess' });
    const flagOnly = await api.call('cases.update', { caseId: c.id, fields: { extendedHealth: true } });
    expect(flagOnly).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringMatching(
          /refusal to assess cannot ask for health and social care recommendations/,
        ),
      },
    });
    expect(t.services.cases.get(c.id)).toMatchObject({ extended: false, extendedHealth: false });
  });

  it('is refused when the type changes under an extended case, until the case is no longer extended', () => {
    const s = services();
    const c = s.cases.create({
      title: 'E',
      role: 'la',
      appealType: 'contents-of-plan',
      extended: true,
      extendedHealth: true,
    });
    const e = refusal(() => s.cases.update(c.id, { appealType: 'disability-discrimination' }));
    expect(e.message).toMatch(/disability discrimination claim cannot ask for health and social care/);
    // Not extended: the health part goes with it.
    expect(s.cases.update(c.id, { appealType: 'refusal-to-assess', extended: false })).toMatchObject({
      appealType: 'refusal-to-assess',
      extended: false,
      extendedHealth: false,
    });
  });

  it('refuses a recommendation in a case the tribunal cannot make one in, and a type change that would strand one', () => {
    const s = services();
    const claim = s.cases.create({ title: 'C', role: 'parent', appealType: 'disability-discrimination' });
    const rec = { area: 'health' as const, text: 'Therapy', madeDate: '2026-04-01' };
    expect(refusal(() => s.recommendations.save(claim.id, undefined, rec)).message).toMatch(
      /disability discrimination claim cannot ask for health and social care recommendations/,
    );
    const appeal = s.cases.create({ title: 'A', role: 'la', appealType: 'contents-of-plan', extended: true });
    s.recommendations.save(appeal.id, undefined, rec);
    expect(
      refusal(() => s.cases.update(appeal.id, { appealType: 'refusal-to-assess', extended: false })).message,
    ).toMatch(/This case has a recommendation recorded: remove it before changing the kind of case/);
  });

  it('is refused by the CLI (exit 1), which goes through the same service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-cli-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const r = await runCli([
      'case',
      'new',
      '--data-dir',
      dir,
      '--title',
      'T',
      '--role',
      'parent',
      '--appeal-type',
      'refusal-to-assess',
      '--extended',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusal to assess cannot ask for health and social care recommendations/);
  });
});
