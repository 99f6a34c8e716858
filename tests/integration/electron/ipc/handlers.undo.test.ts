/**
 * Things a person can take back: a removed document (Undo puts it back where it was, with its details and
 * witness links), "Mark as sent" (until a later version exists), and answers kept as drafts until saved.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { createRouter } from '../../../../electron/ipc/router';
import { collectOrphanFiles, REMOVED_KEEP_MS } from '../../../../electron/services/documents/garbage';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';

let t: ReturnType<typeof tempServices>;
beforeAll(() => {
  t = tempServices();
});
afterAll(() => t.dispose());

describe('undoing a removal', () => {
  it('puts the document back in its place, with its report details and witness link', async () => {
    const { services, ctx } = t;
    const c = services.cases.create({ title: 'Undo', role: 'parent', appealType: 'refusal-to-assess' });
    const a = await seedDocument(ctx, c.id, 'C', await makeTextPdf('A', 1), { title: 'A' });
    const b = await seedDocument(ctx, c.id, 'C', await makeTextPdf('B', 2), {
      title: 'B',
      kind: 'expert-report',
    });
    const d = await seedDocument(ctx, c.id, 'C', await makeTextPdf('D', 1), { title: 'D' });
    services.documents.setReportDetails(b.id, {
      authorProfession: 'Educational psychologist',
      planSections: ['B'],
    });
    const witness = services.witnesses.save(c.id, undefined, {
      name: 'Dr Shah',
      party: 'appellant',
      statementDocumentId: b.id,
    });

    services.documents.remove(b.id);
    expect(services.documents.list(c.id).map((x) => x.title)).toEqual(['A', 'D']);
    expect(services.witnesses.list(c.id)[0].statementDocumentId).toBeNull();
    // Its file is kept while it can be put back.
    expect(existsSync(ctx.store.pdfPath(b.sha256))).toBe(true);
    expect(collectOrphanFiles(ctx, { minAgeMs: 0, now: ctx.clock().getTime() }).removed).toEqual([]);

    const back = services.documents.restore(b.id);
    expect(back).toMatchObject({ id: b.id, title: 'B', kind: 'expert-report', pageCount: 2 });
    expect(services.documents.list(c.id).map((x) => x.title)).toEqual(['A', 'B', 'D']);
    expect(services.documents.getReportDetails(b.id)).toMatchObject({
      authorProfession: 'Educational psychologist',
      planSections: ['B'],
    });
    expect(services.witnesses.list(c.id).find((w) => w.id === witness.id)?.statementDocumentId).toBe(b.id);
    // Once back, there is nothing more to undo.
    expect(() => services.documents.restore(b.id)).toThrow(/can no longer be put back/);
    expect(a.id).toBeGreaterThan(0);
    expect(d.id).toBeGreaterThan(0);
  });

  it('refuses to put back a file that was added again meanwhile, and forgets removals after a day', async () => {
    const { services, ctx } = t;
    const c = services.cases.create({ title: 'Again', role: 'la', appealType: 'contents-of-plan' });
    const bytes = await makeTextPdf('Again', 1);
    const doc = await seedDocument(ctx, c.id, 'D', bytes, { title: 'First copy' });
    services.documents.remove(doc.id);
    await seedDocument(ctx, c.id, 'D', bytes, { title: 'Second copy' });
    expect(() => services.documents.restore(doc.id)).toThrow(/already back in this case, as “Second copy”/);

    const other = await seedDocument(ctx, c.id, 'D', await makeTextPdf('Old', 1), { title: 'Old' });
    services.documents.remove(other.id);
    // A day after the removal (the store's files carry the real time, the services a test clock).
    const later = Math.max(Date.now(), ctx.clock().getTime()) + REMOVED_KEEP_MS + 60_000;
    const swept = collectOrphanFiles(ctx, { minAgeMs: 0, now: later });
    expect(swept.removed.some((p) => p.includes(other.sha256))).toBe(true);
    expect(() => services.documents.restore(other.id)).toThrow(/can no longer be put back/);
  });
});

describe('undoing "Mark as sent"', () => {
  it('is allowed until a later version is built', async () => {
    const { services, ctx } = t;
    const c = services.cases.create({ title: 'Sent', role: 'la', appealType: 'refusal-to-assess' });
    await seedDocument(ctx, c.id, 'A', await makeTextPdf('Decision letter', 1), {
      title: 'Decision letter',
      kind: 'decision-letter',
    });
    await services.bundle.build(c.id, { dividers: false });
    expect(services.bundle.issue(c.id, 1).issued).toBe(true);
    expect(services.bundle.unissue(c.id, 1).issued).toBe(false);
    services.bundle.issue(c.id, 1);
    await services.bundle.build(c.id, { dividers: false });
    expect(() => services.bundle.unissue(c.id, 1)).toThrow(/Version 2 was built after version 1/);
    expect(services.bundle.versions(c.id).find((v) => v.version === 1)?.issued).toBe(true);
  });
});

describe('drafts', () => {
  it('keeps answers by screen until removed, through the router (keys checked)', async () => {
    const router = createRouter(createHandlers(t.services), () => {});
    const c = t.services.cases.create({ title: 'Draft', role: 'parent', appealType: 'refusal-to-assess' });
    const key = `case:${c.id}:setup`;
    expect(await router.call('drafts.get', { key })).toEqual({ ok: true, value: null });
    await router.call('drafts.save', { key, value: { childName: 'Zoë', decisionDate: { day: '31' } } });
    expect(await router.call('drafts.get', { key })).toMatchObject({
      ok: true,
      value: { key, value: { childName: 'Zoë', decisionDate: { day: '31' } } },
    });
    expect(await router.call('drafts.save', { key: '../etc', value: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await router.call('drafts.save', { key: 'case:999:setup', value: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await router.call('drafts.save', { key: 'new-case', value: 'x'.repeat(600_000) })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(await router.call('drafts.remove', { key })).toEqual({ ok: true, value: { removed: true } });
    expect(await router.call('drafts.get', { key })).toEqual({ ok: true, value: null });
  });
});
