/**
 * Whether the document files a bundle is built from are still the files that were added. The store names
 * each file by its SHA-256 and never changes one, but other programs can: a PDF opened from the case
 * folder and saved with a highlight, a sync tool's older copy, a failing disk. A bundle built from such a
 * file would carry pages nobody added, with nothing to say so.
 *
 * Hashing every file before every build would cost as much as a quarter of the build, so each file found
 * whole is recorded with its size and modification time (table store_checks), and hashed again only when
 * either differs: any program that writes the file changes its modification time. A change that keeps
 * both (bits flipped on the disk itself) is found by a case export, which hashes every file.
 */
import { statSync } from 'node:fs';
import { first } from '../db/query';
import type { StoreCheckRow } from '../db/schema';
import { sha256OfFile } from '../store/fileStore';
import type { ServiceContext } from './context';

type FileState = { size: number; modifiedNs: string };

function stateOf(path: string): FileState | null {
  try {
    const stat = statSync(path, { bigint: true });
    return { size: Number(stat.size), modifiedNs: String(stat.mtimeNs) };
  } catch (error) {
    // A missing file is reported by whatever reads it, in its own words.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function record(ctx: ServiceContext, sha256: string, state: FileState): void {
  if (ctx.readOnly) return;
  try {
    ctx.db
      .prepare(
        `INSERT INTO store_checks (sha256, size_bytes, modified_ns, checked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (sha256) DO UPDATE SET size_bytes = excluded.size_bytes,
           modified_ns = excluded.modified_ns, checked_at = excluded.checked_at`,
      )
      .run(sha256, state.size, state.modifiedNs, ctx.clock().toISOString());
  } catch {
    // Only a saving of time: the file is hashed again next time.
  }
}

/** Records the stored PDF `sha256` as whole as it is now (just written from bytes of that hash). */
export function noteStoredPdf(ctx: ServiceContext, sha256: string): void {
  const state = stateOf(ctx.store.pdfPath(sha256));
  if (state) record(ctx, sha256, state);
}

/**
 * Of the stored PDFs `sha256s`, those whose bytes are no longer what their names say. A file whose size
 * and modification time are as last recorded is taken as whole; any other is hashed (and recorded when it
 * is whole). Missing files are left to the reader to report.
 */
export async function changedStoredPdfs(
  ctx: ServiceContext,
  sha256s: Iterable<string>,
  signal?: AbortSignal,
  onFile?: (done: number, total: number) => void,
): Promise<string[]> {
  const changed: string[] = [];
  const files = [...new Set(sha256s)];
  for (const [done, sha256] of files.entries()) {
    signal?.throwIfAborted();
    onFile?.(done, files.length);
    const path = ctx.store.pdfPath(sha256);
    const state = stateOf(path);
    if (!state) continue;
    const known = first<StoreCheckRow>(ctx.db, 'SELECT * FROM store_checks WHERE sha256 = ?', sha256);
    if (known && known.size_bytes === state.size && known.modified_ns === state.modifiedNs) continue;
    if ((await sha256OfFile(path)) !== sha256) {
      changed.push(sha256);
      continue;
    }
    // Stated again after hashing: a write in between leaves it to be hashed next time.
    const after = stateOf(path);
    if (after && after.size === state.size && after.modifiedNs === state.modifiedNs)
      record(ctx, sha256, state);
  }
  return changed;
}
