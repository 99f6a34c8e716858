import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { currentVersion, LATEST_VERSION, migrate } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the case database: WAL, foreign keys on, migrated to the latest version.
 * An existing database is copied to `backups/` before any migration runs.
 */
export function openDatabase(file: string, options: { backupDir?: string; now?: () => Date } = {}): Db {
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const version = currentVersion(db);
  if (existed && version > 0 && version < LATEST_VERSION) {
    const backupDir = options.backupDir ?? join(dirname(file), 'backups');
    mkdirSync(backupDir, { recursive: true });
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    db.prepare('VACUUM INTO ?').run(join(backupDir, `cases-v${version}-${stamp}.sqlite`));
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
