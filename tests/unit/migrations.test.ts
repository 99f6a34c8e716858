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
} from '../../electron/db/migrations';
import { openDatabase } from '../../electron/db/connection';

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

  it('turn on WAL and foreign keys', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'cases.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
