/** Start-up housekeeping over the data folder (no Electron here, so it is tested in Node). */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../services/context';
import { collectOrphanFiles, ORPHAN_MIN_AGE_MS } from '../services/documents/garbage';

/**
 * Deletes store files no document record refers to (left by a crash between writing a file and
 * recording it), stale temporary files and staging folders of an interrupted case import. The CLI may be
 * working in the same data folder, so only leftovers older than `minAgeMs` go (see documents/garbage.ts).
 */
export function collectStoreGarbage(
  ctx: ServiceContext,
  options: { minAgeMs?: number; now?: number } = {},
): { removed: number } {
  const minAgeMs = options.minAgeMs ?? ORPHAN_MIN_AGE_MS;
  const cutoff = (options.now ?? Date.now()) - minAgeMs;
  let removed = collectOrphanFiles(ctx, { minAgeMs, now: options.now }).removed.length;
  // Staging folders left by a case import that was interrupted (electron/services/archive/import.ts).
  for (const name of readdirSync(ctx.paths.dataDir)) {
    if (!name.startsWith('.import-')) continue;
    const path = join(ctx.paths.dataDir, name);
    if (statSync(path).mtimeMs >= cutoff) continue;
    rmSync(path, { recursive: true, force: true });
    removed++;
  }
  return { removed };
}
