/**
 * Extra pages the tribunal allowed (#13, defect 8): a party over its own limit asks permission on form
 * SEND7; once the permission (or a direction) is recorded, the meters and the bundle use the larger limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { createRouter } from '../../../../electron/ipc/router';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

async function setup() {
  const t = tempServices();
  dispose = t.dispose;
  const c = t.services.cases.create({ title: 'A', role: 'parent', appealType: 'contents-of-plan' });
  // PD 2025 Schedule One: 100 pages of the appellant's evidence in a contents-of-plan appeal.
  await seedDocument(t.ctx, c.id, 'C', await makeTextPdf('Report', 110), { title: 'Independent report' });
  return { ...t, caseId: c.id };
}

describe('extra pages allowed by the tribunal', () => {
  it('routes a party’s excess to a SEND7 request, then meters against the allowed pages once recorded', async () => {
    const { services, caseId } = await setup();
    const before = services.bundle.plan(caseId);
    expect(before.meters.find((m) => m.partId === 'appellant-evidence')).toMatchObject({
      pages: 110,
      limit: 100,
      status: 'over',
    });
    expect(before.findings.find((f) => f.id === 'page-limit:appellant-evidence')).toMatchObject({
      needsNote: false,
      needsPermission: true,
    });
    expect(before.nonComplianceNote).toBeNull();

    services.allowances.save(caseId, {
      partId: 'appellant-evidence',
      pages: 120,
      grantedDate: '2026-05-01',
      basis: 'permission',
    });
    const after = services.bundle.plan(caseId);
    expect(after.meters.find((m) => m.partId === 'appellant-evidence')).toMatchObject({
      pages: 110,
      limit: 120,
      status: 'ok',
      allowance: { pages: 120, basis: 'permission', grantedDate: '2026-05-01', usualLimit: 100 },
    });
    expect(after.findings.some((f) => f.id === 'page-limit:appellant-evidence')).toBe(false);

    // Over even the allowed pages: the finding says where the limit came from.
    services.allowances.save(caseId, {
      partId: 'appellant-evidence',
      pages: 105,
      grantedDate: '2026-05-02',
      basis: 'direction',
    });
    expect(
      services.bundle.plan(caseId).findings.find((f) => f.id === 'page-limit:appellant-evidence')?.message,
    ).toMatch(/has 110 pages; the tribunal allowed 105 \(by its direction of 2 May 2026\)/);
  });

  it('refuses an allowance that is no more than the usual limit, or for a part the bundle does not have', async () => {
    const { services, caseId } = await setup();
    const api = createRouter(createHandlers(services), () => {});
    expect(
      await api.call('allowances.save', {
        caseId,
        fields: { partId: 'appellant-evidence', pages: 100, grantedDate: '2026-05-01', basis: 'permission' },
      }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already allows 100 pages/) } });
    expect(
      await api.call('allowances.save', {
        caseId,
        fields: { partId: 'claimant-evidence', pages: 250, grantedDate: '2026-05-01', basis: 'permission' },
      }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a part of this bundle/) } });
    expect(await api.call('allowances.list', { caseId })).toMatchObject({ ok: true, value: [] });
  });
});
