/**
 * The one start-up clean-up of a data folder, run once by each host (the Electron main process, the
 * browser bridge, each CLI command) after it opens the folder: store files no document refers to,
 * stale temp files of the atomic writer (bundles, letters, reports, exports, and `--out` copies outside
 * the folder, found through the temp journal), scratch files of helper programs, and staging folders of
 * an interrupted case import.
 *
 * Another process may be working in the same folder right now (the app and the CLI, or two CLI runs), so
 * only leftovers older than `minAgeMs` go (see documents/garbage.ts). A read-only folder is left alone.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TEMP_NAME } from '../store/atomicFile';
import type { ServiceContext } from './context';
import { collectOrphanFiles, ORPHAN_MIN_AGE_MS } from './documents/garbage';

interface HousekeepingOptions {
  minAgeMs?: number;
  now?: number;
}

function olderThan(path: string, cutoff: number): boolean {
  try {
    return statSync(path).mtimeMs < cutoff;
  } catch {
    return false;
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function runHousekeeping(ctx: ServiceContext, options: HousekeepingOptions = {}): { removed: number } {
  if (ctx.readOnly) return { removed: 0 };
  const minAgeMs = options.minAgeMs ?? ORPHAN_MIN_AGE_MS;
  const cutoff = (options.now ?? Date.now()) - minAgeMs;
  let removed = 0;
  const remove = (path: string, recursive = false) => {
    rmSync(path, { force: true, recursive });
    removed++;
  };
  const step = (work: () => void) => {
    try {
      work();
    } catch {
      // Clean-up is housekeeping: never a reason not to open the case folder.
    }
  };

  // Temp files outside the data folder, noted in the journal before they were made.
  step(() => {
    for (const name of entries(ctx.paths.tempJournal)) {
      const note = join(ctx.paths.tempJournal, name);
      if (!olderThan(note, cutoff)) continue;
      try {
        const { tempPath } = JSON.parse(readFileSync(note, 'utf8')) as { tempPath?: unknown };
        if (typeof tempPath === 'string' && TEMP_NAME.test(basename(tempPath)) && olderThan(tempPath, cutoff))
          remove(tempPath);
      } catch {
        // A note cut short by the crash: nothing to follow.
      }
      rmSync(note, { force: true });
    }
  });

  // Temp files of the atomic writer inside the data folder.
  step(() => {
    const sweep = (dir: string, depth: number) => {
      for (const name of entries(dir)) {
        const path = join(dir, name);
        if (TEMP_NAME.test(name)) {
          if (olderThan(path, cutoff)) remove(path);
        } else if (depth > 0 && !name.startsWith('.')) {
          try {
            if (statSync(path).isDirectory()) sweep(path, depth - 1);
          } catch {
            // Gone already.
          }
        }
      }
    };
    for (const dir of [ctx.paths.bundles, ctx.paths.letters, ctx.paths.reports]) sweep(dir, 1);
    sweep(join(ctx.paths.dataDir, 'exports'), 0);
    sweep(ctx.paths.dataDir, 0);
  });

  // Store files no document refers to, and the store's scratch folder.
  step(() => {
    removed += collectOrphanFiles(ctx, { minAgeMs, now: options.now }).removed.length;
  });

  // Staging folders left by a case import that was interrupted (archive/import.ts).
  step(() => {
    for (const name of entries(ctx.paths.dataDir)) {
      if (!name.startsWith('.import-')) continue;
      const path = join(ctx.paths.dataDir, name);
      if (olderThan(path, cutoff)) remove(path, true);
    }
  });
  return { removed };
}
