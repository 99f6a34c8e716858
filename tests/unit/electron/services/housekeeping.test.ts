import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHousekeeping as collectStoreGarbage } from '../../../../electron/services/housekeeping';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('start-up housekeeping', () => {
  it('removes store files no document refers to, and keeps every referenced one', async () => {
    const t = tempServices();
    cleanups.push(t.dispose);
    const c = t.services.cases.create({ title: 'GC', role: 'parent', appealType: 'refusal-to-assess' });
    const kept = await seedDocument(t.ctx, c.id, 'B', await makeTextPdf('Kept', 1), { title: 'Kept' });
    const original = t.ctx.store.putOriginal(new TextEncoder().encode('word file')).sha256;
    t.ctx.db.prepare('UPDATE documents SET original_sha256 = ? WHERE id = ?').run(original, kept.id);
    const orphan = t.ctx.store.putPdf(await makeTextPdf('Orphan', 1)).sha256;
    const orphanOriginal = t.ctx.store.putOriginal(new TextEncoder().encode('orphan original')).sha256;
    writeFileSync(join(t.ctx.store.tmpDir, '.tmp-123-abc'), 'half a file');
    mkdirSync(join(t.dir, '.import-abc123'));
    writeFileSync(join(t.dir, '.import-abc123', '0'), 'a staged letter');

    // Fresh leftovers may belong to an import still running in another process: kept.
    expect(collectStoreGarbage(t.ctx)).toEqual({ removed: 0 });
    expect(t.ctx.store.hasPdf(orphan)).toBe(true);
    expect(collectStoreGarbage(t.ctx, { minAgeMs: 0, now: Date.now() + 1000 })).toEqual({ removed: 4 });
    expect(existsSync(join(t.dir, '.import-abc123'))).toBe(false);
    expect(t.ctx.store.hasPdf(kept.sha256)).toBe(true);
    expect(existsSync(t.ctx.store.originalPath(original))).toBe(true);
    expect(t.ctx.store.hasPdf(orphan)).toBe(false);
    expect(existsSync(t.ctx.store.originalPath(orphanOriginal))).toBe(false);
    expect(readdirSync(t.ctx.store.tmpDir)).toEqual([]);
  });
});
