import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, openDatabaseReadOnly, type Db } from '../db/connection';
import { FileStore } from '../store/fileStore';
import { ApiError } from '../../shared/api/errors';
import { readOnlyRefusal } from './storageFaults';

export interface AppPaths {
  dataDir: string;
  database: string;
  bundles: string;
  letters: string;
  reports: string;
  backups: string;
  /** Notes of temp files being written outside the data folder (housekeeping.ts removes stale ones). */
  tempJournal: string;
}

/** What every service receives: no Electron objects, so tests, the CLI and the bridge run them unchanged. */
export interface ServiceContext {
  db: Db;
  store: FileStore;
  paths: AppPaths;
  clock: () => Date;
  /** Import refuses files larger than this (bytes). */
  maxImportBytes: number;
  /**
   * The data folder can only be read (a write-protected stick, a backup share): cases can be listed,
   * shown, previewed, checked and exported; anything that writes is refused (see requireWritable).
   */
  readOnly: boolean;
  /** Run by closeServiceContext after the database is closed. */
  cleanup?: () => void;
  /** How background work (text recognition) is stopped; run by closeServiceContext before the database closes. */
  onClose: (() => void)[];
  /** The database file as opened (its device and inode), to notice the folder moved or deleted under it. */
  databaseFile?: { dev: number; ino: number };
}

/** Per-call extras for long work. */
export interface OperationOptions {
  onProgress?: (event: { message: string; done: number; total: number }) => void;
  signal?: AbortSignal;
}

const DEFAULT_MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export function resolveDataDir(explicit?: string): string {
  return resolve(explicit ?? process.env.SEND_BUNDLE_DATA ?? join(process.cwd(), '.data'));
}

/** Whether the folder exists but cannot be written (EROFS, or no permission). */
function isReadOnlyFolder(dir: string): boolean {
  if (!existsSync(dir)) return false;
  try {
    accessSync(dir, constants.W_OK);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return true;
    throw error;
  }
}

/** Refuses work that writes when the data folder can only be read; call before starting such work. */
export function requireWritable(ctx: ServiceContext): void {
  if (ctx.readOnly) throw readOnlyRefusal(ctx.paths.dataDir);
}

/**
 * Opens the data folder: the database (migrated, or read-only when the folder can only be read) and the
 * store. Housekeeping (stale temp files, orphans) is the host's job once, after opening:
 * see housekeeping.ts.
 */
export function openServiceContext(
  dataDir: string,
  options: { clock?: () => Date; maxImportBytes?: number } = {},
): ServiceContext {
  const root = resolve(dataDir);
  const paths: AppPaths = {
    dataDir: root,
    database: join(root, 'cases.sqlite'),
    bundles: join(root, 'bundles'),
    letters: join(root, 'letters'),
    reports: join(root, 'reports'),
    backups: join(root, 'backups'),
    tempJournal: join(root, 'temp-journal'),
  };
  const readOnly = isReadOnlyFolder(root);
  let db: Db;
  let cleanup: (() => void) | undefined;
  if (readOnly) {
    ({ db, cleanup } = openDatabaseReadOnly(paths.database));
  } else {
    for (const dir of [root, paths.bundles, paths.letters, paths.reports])
      mkdirSync(dir, { recursive: true });
    db = openDatabase(paths.database, { backupDir: paths.backups });
  }
  const store = new FileStore(join(root, 'store'), { readOnly });
  const opened = fileIdentity(paths.database);
  const envCap = Number(process.env.SEND_BUNDLE_MAX_IMPORT_MB);
  return {
    db,
    store,
    paths,
    readOnly,
    cleanup,
    onClose: [],
    databaseFile: opened ?? undefined,
    clock: options.clock ?? (() => new Date()),
    maxImportBytes:
      options.maxImportBytes ??
      (Number.isFinite(envCap) && envCap > 0 ? envCap * 1024 * 1024 : DEFAULT_MAX_IMPORT_BYTES),
  };
}

/** A file's device and inode, or null where it is not there. */
function fileIdentity(path: string): { dev: number; ino: number } | null {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch {
    return null;
  }
}

/**
 * The refusal for a data folder that is not where it was opened any more (moved, renamed or deleted, or its
 * memory stick or network drive disconnected), or null. SQLite goes on writing to a database file that was
 * deleted while open, and each save then looks done but is lost when the app closes.
 */
export function dataFolderGone(ctx: ServiceContext): ApiError | null {
  if (!ctx.databaseFile) return null;
  const here = fileIdentity(ctx.paths.database);
  // Windows refuses to delete or move a file the app holds open, and its file IDs are not inode numbers on
  // every file system (FAT memory sticks): there, only a file that is not there at all counts.
  if (
    here &&
    (process.platform === 'win32' || (here.dev === ctx.databaseFile.dev && here.ino === ctx.databaseFile.ino))
  )
    return null;
  return new ApiError(
    'refused',
    `The case folder (${ctx.paths.dataDir}) is no longer where it was: it may have been moved, renamed or deleted, or the memory stick or network drive it is on was disconnected. Nothing more can be saved to it, and what was just done may not have been saved. Put the folder back (or reconnect the drive), then close the app and open it again.`,
  );
}

export function closeServiceContext(ctx: ServiceContext): void {
  for (const stop of ctx.onClose.splice(0)) {
    try {
      stop();
    } catch {
      // Stopping background work must not stop the rest of the shutdown.
    }
  }
  ctx.db.close();
  ctx.cleanup?.();
}
