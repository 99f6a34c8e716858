import { afterEach, expect, it } from 'vitest';
import { tempServices } from '../../helpers/context';
import { makeTextPdf, seedDocument } from '../../helpers/seed';

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

it('seeds documents in order within a section, stored by content hash', async () => {
  const t = tempServices();
  dispose = t.dispose;
  const c = t.services.cases.create({ title: 'Seed', role: 'la', appealType: 'contents-of-plan' });
  const first = await seedDocument(t.ctx, c.id, 'C', await makeTextPdf('Report', 3), { title: 'Report' });
  const second = await seedDocument(t.ctx, c.id, 'C', await makeTextPdf('Letter', 1), { title: 'Letter' });
  expect([first.position, second.position]).toEqual([1, 2]);
  expect(first.pageCount).toBe(3);
  expect(t.ctx.store.hasPdf(first.sha256)).toBe(true);
  const reordered = t.services.documents.reorder(c.id, 'C', [second.id, first.id]);
  expect(reordered.map((d) => d.title)).toEqual(['Letter', 'Report']);
});
