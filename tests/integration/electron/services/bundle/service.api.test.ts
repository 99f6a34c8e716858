/** The bundle's contract methods, called the way the renderer calls them: through the router. */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../electron/ipc/handlers';
import { createRouter } from '../../../../../electron/ipc/router';
import type { BundlePlan, BundleVersion } from '../../../../../shared/bundle/types';
import type { BundleDiff } from '../../../../../shared/bundle/diff';
import type { RulePack } from '../../../../../shared/rules/types';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

async function setup() {
  const e = tempServices();
  disposers.push(e.dispose);
  const router = createRouter(createHandlers(e.services), () => {});
  const c = e.services.cases.create({ title: 'API case', role: 'la', appealType: 'cease-to-maintain' });
  await seedDocument(e.ctx, c.id, 'A', await makeTextPdf('Decision letter', 2), {
    title: 'Decision letter',
    kind: 'decision-letter',
  });
  await seedDocument(e.ctx, c.id, 'D', await makeTextPdf('Annual review', 4), {
    title: 'Annual review notes',
  });
  const call = async <T>(name: string, input: unknown, op = {}) => {
    const envelope = await router.call(name, input, op);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
    return envelope.value as T;
  };
  return { e, router, call, caseId: c.id };
}

describe('bundle API', () => {
  it('plans, builds with progress, lists, issues and compares versions, and gives the rule pack', async () => {
    const { e, call, caseId } = await setup();
    const rules = await call<RulePack>('rules.get', { caseId });
    expect(rules.id).toBe('send-2025');

    const plan = await call<BundlePlan>('bundle.plan', { caseId, numbering: 'section', dividers: true });
    expect(plan.version).toBe(1);
    expect(plan.pages.filter((p) => p.kind === 'document').map((p) => p.label)).toEqual([
      'A1',
      'A2',
      'D1',
      'D2',
      'D3',
      'D4',
    ]);
    expect(plan.meters.find((m) => m.partId === 'la-evidence')).toMatchObject({ pages: 4, limit: 75 });
    expect(plan.checklist.find((c) => c.id === 'decision-letter')?.present).toBe(true);

    const progress: number[] = [];
    const v1 = await call<BundleVersion>(
      'bundle.build',
      { caseId, numbering: 'section' },
      {
        onProgress: (p: { done: number }) => progress.push(p.done),
      },
    );
    expect(v1.verification.ok).toBe(true);
    expect(progress.length).toBeGreaterThan(2);
    expect((await call<BundleVersion>('bundle.issue', { caseId, version: 1 })).issued).toBe(true);

    await seedDocument(e.ctx, caseId, 'A', await makeTextPdf('Late letter', 1), { title: 'Late letter' });
    const v2 = await call<BundleVersion>('bundle.build', { caseId, numbering: 'section' });
    expect(v2).toMatchObject({ version: 2, lateInsertMode: 'sub-number' });
    const versions = await call<BundleVersion[]>('bundle.versions', { caseId });
    expect(versions.map((v) => [v.version, v.issued])).toEqual([
      [1, true],
      [2, false],
    ]);
    const diff = await call<BundleDiff>('bundle.diff', { caseId, fromVersion: 1, toVersion: 2 });
    expect(diff.added).toEqual(['A3']);
  });

  it('refuses bad input and unknown versions in plain English', async () => {
    const { router, caseId } = await setup();
    const bad = await router.call('bundle.plan', { caseId, numbering: 'roman' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await router.call('bundle.diff', { caseId, fromVersion: 1, toVersion: 2 });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'This case has no bundle version 1.' },
    });
  });

  it('stops a build when the caller cancels', async () => {
    const { router, call, caseId } = await setup();
    const controller = new AbortController();
    controller.abort();
    const result = await router.call('bundle.build', { caseId }, { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call<BundleVersion[]>('bundle.versions', { caseId })).toEqual([]);
  });
});
