import { afterEach, describe, expect, it } from 'vitest';
import { tempServices } from '../../../helpers/context';
import { createRouter } from '../../../../electron/ipc/router';
import { createHandlers } from '../../../../electron/ipc/handlers';

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

describe('case store', () => {
  it('round-trips names with non-Latin characters', () => {
    const t = tempServices();
    dispose = t.dispose;
    const created = t.services.cases.create({
      title: 'Appeal for Zoë Kowalczyk',
      role: 'parent',
      appealType: 'refusal-to-assess',
      childName: 'Zoë Kowalczyk',
      laName: 'محمد Borough Council',
    });
    const again = t.services.cases.get(created.id);
    expect(again.childName).toBe('Zoë Kowalczyk');
    expect(again.laName).toBe('محمد Borough Council');
    const party = t.services.cases.saveParty(created.id, undefined, {
      kind: 'appellant',
      name: 'محمد Al-Amin',
    });
    expect(t.services.cases.listParties(created.id)).toEqual([party]);
  });

  it('updates, archives and lists cases', () => {
    const t = tempServices();
    dispose = t.dispose;
    const a = t.services.cases.create({ title: 'A', role: 'la', appealType: 'contents-of-plan' });
    t.services.cases.create({ title: 'B', role: 'la', appealType: 'cease-to-maintain' });
    const updated = t.services.cases.update(a.id, { hearingDate: '2026-06-01', extended: true });
    expect(updated.hearingDate).toBe('2026-06-01');
    expect(updated.extended).toBe(true);
    t.services.cases.archive(a.id, true);
    expect(t.services.cases.list().map((c) => c.title)).toEqual(['B']);
    expect(t.services.cases.list({ includeArchived: true })).toHaveLength(2);
  });
});

describe('API router', () => {
  it('validates input and returns typed errors, never throws', async () => {
    const t = tempServices();
    dispose = t.dispose;
    const router = createRouter(createHandlers(t.services), () => {});
    expect(await router.call('cases.create', { title: '', role: 'parent', appealType: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await router.call('no.such.method', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await router.call('cases.get', { caseId: 99 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await router.call('cases.get', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const made = await router.call('cases.create', {
      title: 'T',
      role: 'clerk',
      appealType: 'refusal-to-issue',
    });
    expect(made).toMatchObject({ ok: true, value: { title: 'T', role: 'clerk' } });
  });
});
