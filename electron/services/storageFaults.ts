/**
 * What goes wrong with the disk under the app, as a refusal a person can act on instead of a stack
 * trace: a full disk, a read-only or forbidden folder, a damaged or foreign `cases.sqlite`, disk errors,
 * and a database from a newer version. Used wherever an unexpected error would otherwise surface: the
 * router (the app's screens), the CLI (exit 1), and the hosts' start-up.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { OutdatedReadOnlyDatabaseError } from '../db/connection';
import { NewerDatabaseError } from '../db/migrations';

/** Refused because the data folder can only be read (see openServiceContext). */
export function readOnlyRefusal(dataDir?: string): ApiError {
  return new ApiError(
    'refused',
    `The case folder${dataDir ? ` (${dataDir})` : ''} can only be read, not changed: it may be on a write-protected memory stick, a CD, or a backup share. Your cases can still be opened, previewed, checked and exported, but nothing can be saved there. To make changes, copy the whole folder to this computer and open the copy.`,
  );
}

function code(error: unknown): string {
  const value = (error as { code?: unknown } | null)?.code;
  return typeof value === 'string' ? value : '';
}

/** Free bytes below which a disk counts as full: SQLite's and the writers' next few pages would not fit. */
const NEARLY_FULL_BYTES = 4 * 1024 * 1024;

/**
 * Whether the disk holding `folder` (or its nearest folder that exists) is as good as full. A full disk
 * does not always say ENOSPC: SQLite reports a write-ahead log's shared memory it cannot grow as
 * SQLITE_IOERR_SHMSIZE, a disk error, and the user was told to check their memory stick instead of to
 * free some space.
 */
function diskNearlyFull(folder: string | undefined): boolean {
  for (let dir = folder; dir; dir = dirname(dir) === dir ? undefined : dirname(dir)) {
    try {
      const stats = statfsSync(dir);
      return stats.bavail * stats.bsize < NEARLY_FULL_BYTES;
    } catch {
      // Not there (yet): its parent's disk is the one it would be on.
    }
  }
  return false;
}

/** The message for a full disk (ENOSPC, or a disk error on a disk with next to no space left). */
const DISK_FULL =
  'The disk is full, so nothing was saved. Your saved work is safe. Free some space (empty the bin, or move large files such as videos off this computer), then try again.';

/**
 * The refusal for a storage fault, or null when `error` is something else. `volume`: a folder on the disk
 * the failed work was writing to (the data folder; by default `dataDir`), to tell a disk error from a full disk.
 */
export function storageFault(error: unknown, dataDir?: string, volume = dataDir): ApiError | null {
  if (error instanceof ApiError) return null;
  if (error instanceof NewerDatabaseError || error instanceof OutdatedReadOnlyDatabaseError)
    return new ApiError('refused', error.message);
  const c = code(error);
  const folder = dataDir ? ` (${dataDir})` : '';
  if (c === 'ENOSPC' || c === 'EDQUOT' || c === 'SQLITE_FULL') return new ApiError('refused', DISK_FULL);
  if (c === 'EROFS' || c.startsWith('SQLITE_READONLY')) return readOnlyRefusal(dataDir);
  if (c === 'EACCES' || c === 'EPERM')
    return new ApiError(
      'refused',
      `This computer did not allow the app to save into the case folder${folder}. Check that the folder is yours and is not set to read-only, then try again.`,
    );
  if (c === 'SQLITE_NOTADB' || c === 'SQLITE_CORRUPT' || c.startsWith('SQLITE_CORRUPT'))
    return new ApiError(
      'refused',
      `The file cases.sqlite in the case folder${folder} is not a case database, or it is damaged, so the app left it exactly as it is. Put back a copy from your backup (the "backups" folder beside it holds copies made before each update), or choose another case folder.`,
    );
  if (c === 'SQLITE_CANTOPEN')
    return new ApiError(
      'refused',
      `The case database in the case folder${folder} could not be opened. Check that the folder is still there (a memory stick or network drive may have been disconnected) and that the app may use it, then try again.`,
    );
  if (c.startsWith('SQLITE_IOERR') || c === 'EIO') {
    // The file the error names (a file system error names one; SQLite's do not), else the data folder.
    const path = (error as { path?: unknown }).path;
    if (diskNearlyFull(typeof path === 'string' ? dirname(path) : volume))
      return new ApiError('refused', DISK_FULL);
    return new ApiError(
      'refused',
      `The disk could not be read or written (a disk error), so nothing was changed. If the case folder${folder} is on a memory stick or a network drive, check it is connected, or copy the folder to this computer, then try again.`,
    );
  }
  return null;
}
