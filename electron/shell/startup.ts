/** Start-up housekeeping over the data folder (no Electron here, so it is tested in Node). */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../services/context';

/**
 * Deletes store files no document record refers to (left by a crash between writing a file and
 * recording it) and stale temporary files. Runs before the window opens, so no import is under way.
 */
export function collectStoreGarbage(ctx: ServiceContext): { removed: number } {
  const rows = ctx.db.prepare('SELECT sha256, original_sha256 FROM documents').all() as {
    sha256: string;
    original_sha256: string;
  }[];
  const pdfs = new Set<string>();
  const originals = new Set<string>();
  for (const row of rows) {
    pdfs.add(row.sha256);
    // A document imported as a PDF has original == stored; records.remove treats both as PDF references.
    pdfs.add(row.original_sha256);
    originals.add(row.original_sha256);
  }
  const result = ctx.store.collectGarbage({ pdfs, originals });
  // Staging folders left by a case import that was interrupted (electron/services/archive/import.ts).
  for (const name of readdirSync(ctx.paths.dataDir)) {
    if (!name.startsWith('.import-')) continue;
    rmSync(join(ctx.paths.dataDir, name), { recursive: true, force: true });
    result.removed++;
  }
  return result;
}
