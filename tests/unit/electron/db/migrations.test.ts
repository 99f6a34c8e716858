import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  currentVersion,
  LATEST_VERSION,
  migrate,
  MIGRATIONS,
  NewerDatabaseError,
} from '../../../../electron/db/migrations';
import { openDatabase } from '../../../../electron/db/connection';

function schemaOf(db: Database.Database): string[] {
  return (
    db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as {
      sql: string;
    }[]
  ).map((r) => JSON.stringify(r));
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'send-bundle-mig-'));
  dirs.push(d);
  return d;
}

describe('migrations', () => {
  it('bring an empty database to the latest version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(currentVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  const fresh = new Database(':memory:');
  migrate(fresh);
  const latestSchema = schemaOf(fresh);

  for (let version = 1; version < LATEST_VERSION; version++) {
    it(`upgrade a database at version ${version} to the same schema as a new one`, () => {
      const dir = tempDir();
      const file = join(dir, 'cases.sqlite');
      const old = new Database(file);
      migrate(old, version);
      old.close();
      const db = openDatabase(file, { backupDir: join(dir, 'backups') });
      expect(currentVersion(db)).toBe(LATEST_VERSION);
      expect(schemaOf(db)).toEqual(latestSchema);
      expect(readdirSync(join(dir, 'backups')).length).toBe(1);
      db.close();
    });
  }

  it('refuse a database from a newer app and leave it untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'cases.sqlite');
    const future = new Database(file);
    future.pragma(`user_version = ${LATEST_VERSION + 1}`);
    future.close();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    const again = new Database(file);
    expect(currentVersion(again)).toBe(LATEST_VERSION + 1);
    again.close();
  });

  it('roll back every step when one migration fails', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE cases (id INTEGER)'); // makes migration 1 fail part-way
    expect(() => migrate(db)).toThrow();
    expect(currentVersion(db)).toBe(0);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'documents'").get()).toEqual({
      n: 0,
    });
  });

  it('do nothing to a database at the latest version: no step, no check of its links', () => {
    const db = new Database(':memory:');
    migrate(db);
    // A link already broken (written with foreign keys off) is not this app's opening to refuse.
    db.pragma('foreign_keys = OFF');
    db.prepare(
      "INSERT INTO case_dates (case_id, kind, due_date) VALUES (999, 'hearing', '2027-01-01')",
    ).run();
    expect(db.prepare('PRAGMA foreign_key_check').all().length).toBe(1);
    expect(migrate(db)).toEqual([]);
    expect(currentVersion(db)).toBe(LATEST_VERSION);
  });

  it('turn on WAL and foreign keys', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'cases.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});

describe('migration 3: roles, document kinds, drafts and removals', () => {
  it('rebuilds cases and documents keeping every row and link, and gives commissioners their role', () => {
    const dir = tempDir();
    const file = join(dir, 'cases.sqlite');
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    migrate(old, 2);
    const now = '2026-01-01T00:00:00Z';
    const addCase = old.prepare(
      `INSERT INTO cases (title, role, appeal_type, created_at, updated_at) VALUES (?, ?, 'contents-of-plan', ?, ?)`,
    );
    const ica = Number(addCase.run('ICB case', 'la', now, now).lastInsertRowid);
    const laCase = Number(addCase.run('LA case', 'la', now, now).lastInsertRowid);
    old
      .prepare(`INSERT INTO parties (case_id, kind, name) VALUES (?, 'health-commissioner', 'Dr Moss')`)
      .run(ica);
    old.prepare(`INSERT INTO parties (case_id, kind, name) VALUES (?, 'la', 'Sam Patel')`).run(laCase);
    const doc = Number(
      old
        .prepare(
          `INSERT INTO documents (case_id, section, title, kind, page_count, sha256, original_sha256, original_name,
             position, page_sizes, created_at) VALUES (?, 'D', 'Report', 'expert-report', 3, 'a', 'a', 'r.pdf', 1, '[]', ?)`,
        )
        .run(laCase, now).lastInsertRowid,
    );
    old.prepare(`INSERT INTO report_details (document_id, author_profession) VALUES (?, 'EP')`).run(doc);
    old
      .prepare(`INSERT INTO witnesses (case_id, name, party, statement_document_id) VALUES (?, 'W', 'la', ?)`)
      .run(laCase, doc);
    old.close();

    const db = openDatabase(file, { backupDir: join(dir, 'backups') });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, role FROM cases ORDER BY id').all()).toEqual([
      { id: ica, role: 'health-commissioner' },
      { id: laCase, role: 'la' },
    ]);
    expect(db.prepare('SELECT author_profession FROM report_details WHERE document_id = ?').get(doc)).toEqual(
      {
        author_profession: 'EP',
      },
    );
    expect(db.prepare('SELECT statement_document_id AS d FROM witnesses').get()).toEqual({ d: doc });
    db.prepare(`UPDATE documents SET kind = 'mediation-certificate' WHERE id = ?`).run(doc);
    expect(() => db.prepare(`UPDATE documents SET kind = 'nonsense' WHERE id = ?`).run(doc)).toThrow();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Links still hold: removing the case takes its documents and their details with it.
    db.prepare('DELETE FROM cases WHERE id = ?').run(laCase);
    expect(db.prepare('SELECT COUNT(*) AS n FROM report_details').get()).toEqual({ n: 0 });
    db.close();
  });
});
