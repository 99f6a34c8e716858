import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { currentVersion, LATEST_VERSION, migrate, NewerDatabaseError } from './migrations';

export type Db = Database.Database;

/** Reads the version and refuses a newer database before anything is written to the file. */
function checkVersion(db: Db): number {
  const version = currentVersion(db); // a file that is not a database throws SQLITE_NOTADB here
  if (version > LATEST_VERSION) throw new NewerDatabaseError(version);
  return version;
}

/**
 * Opens (creating if needed) the case database: WAL, foreign keys on, migrated to the latest version.
 * An existing database is copied to `backups/` before any migration runs. A file that is not a database,
 * or one from a newer version, is refused and left exactly as it was.
 */
export function openDatabase(file: string, options: { backupDir?: string; now?: () => Date } = {}): Db {
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file);
  const db = new Database(file);
  try {
    const version = checkVersion(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    if (existed && version > 0 && version < LATEST_VERSION) {
      const backupDir = options.backupDir ?? join(dirname(file), 'backups');
      mkdirSync(backupDir, { recursive: true });
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      db.prepare('VACUUM INTO ?').run(join(backupDir, `cases-v${version}-${stamp}.sqlite`));
    }
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The database of a folder that can only be read needs updating first, which needs a writable folder. */
export class OutdatedReadOnlyDatabaseError extends Error {
  constructor() {
    super(
      'The cases in this folder were saved by an older version of SEND Bundle Builder and need updating, ' +
        'which cannot be done because the folder can only be read. Copy the whole folder to this computer ' +
        'and open the copy.',
    );
  }
}

/**
 * Opens the database of a folder that can only be read (a write-protected stick, a backup share). SQLite
 * cannot open a WAL database where it cannot make its shared-memory file, so the database (with its
 * write-ahead log, if any) is copied to a private temporary folder and opened there with writes refused
 * (`query_only`). Returns the connection and a clean-up for when it is closed.
 */
export function openDatabaseReadOnly(file: string): { db: Db; cleanup: () => void } {
  if (!existsSync(file)) {
    const error = new Error(`There is no case database in ${dirname(file)}.`) as Error & { code: string };
    error.code = 'SQLITE_CANTOPEN';
    throw error;
  }
  const copyDir = mkdtempSync(join(tmpdir(), 'send-bundle-readonly-'));
  const cleanup = () => rmSync(copyDir, { recursive: true, force: true });
  let db: Db | undefined;
  try {
    const copy = join(copyDir, 'cases.sqlite');
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    db = new Database(copy);
    const version = checkVersion(db);
    if (version < LATEST_VERSION) throw new OutdatedReadOnlyDatabaseError();
    db.pragma('foreign_keys = ON');
    db.pragma('query_only = ON');
    return { db, cleanup };
  } catch (error) {
    db?.close();
    cleanup();
    throw error;
  }
}
