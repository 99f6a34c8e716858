import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLog, problemDialog } from '../../electron/shell/crash';
import { runHousekeeping as collectStoreGarbage } from '../../electron/services/housekeeping';
import { tempServices } from '../helpers/context';
import { makeTextPdf, seedDocument } from '../helpers/seed';

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

describe('log and problem dialog', () => {
  it('appends timestamped lines with the stack, and starts a new file past 1 MB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-log-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'logs', 'main.log');
    const log = createLog(file, () => new Date('2026-03-01T10:00:00Z'));
    log.info('Starting');
    log.error('Something failed', new Error('disk full'));
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^2026-03-01T10:00:00.000Z INFO Starting\n/);
    expect(text).toMatch(/ERROR Something failed\nError: disk full\n\s+at /);
    writeFileSync(file, 'x'.repeat(1024 * 1024 + 1));
    log.info('after rotation');
    expect(readFileSync(file, 'utf8')).toBe('2026-03-01T10:00:00.000Z INFO after rotation\n');
    expect(existsSync(`${file}.1`)).toBe(true);
  });

  it('never throws, even when the log cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-log-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'a-file'), '');
    // The log's folder would have to be inside a file: every write fails.
    const log = createLog(join(dir, 'a-file', 'logs', 'main.log'));
    expect(() => log.error('x', new Error('y'))).not.toThrow();
  });

  it('tells the user their data is safe, where it is, and where the log is', () => {
    const where = {
      dataDir: '/home/a/.config/SEND Bundle Builder',
      logFile: '/home/a/.config/SEND Bundle Builder/logs/main.log',
    };
    for (const kind of ['startup', 'main', 'window'] as const) {
      const d = problemDialog(kind, where);
      expect(d.detail, kind).toContain('Your cases and documents are safe');
      expect(d.detail, kind).toContain(where.dataDir);
      expect(d.detail, kind).toContain(where.logFile);
      expect(d.detail, kind).toContain('does not contain your documents');
      expect(d.buttons[d.cancelId], kind).toBeDefined();
    }
    expect(problemDialog('window', where).buttons).toEqual(['Reload', 'Close the app']);
    expect(problemDialog('startup', where, 'This case file was saved by a newer version').message).toBe(
      'This case file was saved by a newer version',
    );
  });
});
