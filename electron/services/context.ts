import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../db/connection';
import { FileStore } from '../store/fileStore';
import { collectOrphanFiles } from './documents/garbage';

export interface AppPaths {
  dataDir: string;
  database: string;
  bundles: string;
  letters: string;
  reports: string;
  backups: string;
}

/** What every service receives: no Electron objects, so tests, the CLI and the bridge run them unchanged. */
export interface ServiceContext {
  db: Db;
  store: FileStore;
  paths: AppPaths;
  clock: () => Date;
  /** Import refuses files larger than this (bytes). */
  maxImportBytes: number;
}

/** Per-call extras for long work. */
export interface OperationOptions {
  onProgress?: (event: { message: string; done: number; total: number }) => void;
  signal?: AbortSignal;
}

export const DEFAULT_MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export function resolveDataDir(explicit?: string): string {
  return resolve(explicit ?? process.env.SEND_BUNDLE_DATA ?? join(process.cwd(), '.data'));
}

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
  };
  for (const dir of [root, paths.bundles, paths.letters, paths.reports]) mkdirSync(dir, { recursive: true });
  const db = openDatabase(paths.database, { backupDir: paths.backups });
  const store = new FileStore(join(root, 'store'));
  const envCap = Number(process.env.SEND_BUNDLE_MAX_IMPORT_MB);
  try {
    // Store files a crash left behind (older than a few minutes, so not another process's import in flight).
    collectOrphanFiles({ db, store });
  } catch {
    // Clean-up is housekeeping: never a reason not to open the case store.
  }
  return {
    db,
    store,
    paths,
    clock: options.clock ?? (() => new Date()),
    maxImportBytes:
      options.maxImportBytes ??
      (Number.isFinite(envCap) && envCap > 0 ? envCap * 1024 * 1024 : DEFAULT_MAX_IMPORT_BYTES),
  };
}

export function closeServiceContext(ctx: ServiceContext): void {
  ctx.db.close();
}
