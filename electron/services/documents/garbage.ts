/**
 * Start-up clean-up of the file store: a crash (or a killed process) between writing a document's file and
 * recording it in the database leaves a file nothing refers to, and a crash mid-write leaves a temp file.
 *
 * Another process may be importing into the same data folder right now (the app and the CLI, or two CLI
 * runs): its new file exists for a moment before its database row does. So only files older than
 * `minAgeMs` are removed (an import records its file within milliseconds of writing it; see import.ts,
 * which also refreshes the time of a file it reuses), and each candidate is checked against the database
 * again just before it is removed.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/connection';
import { all, preparedQuery } from '../../db/query';
import type { DocumentRow } from '../../db/schema';
import type { FileStore } from '../../store/fileStore';

export const ORPHAN_MIN_AGE_MS = 10 * 60 * 1000;
/** How long a removed document can be put back (Undo); its files are kept until then. */
export const REMOVED_KEEP_MS = 24 * 60 * 60 * 1000;

const PDF_NAME = /^([0-9a-f]{64})\.pdf$/;
const ORIGINAL_NAME = /^[0-9a-f]{64}$/;

function olderThan(path: string, cutoff: number): boolean {
  try {
    return statSync(path).mtimeMs < cutoff;
  } catch {
    return false; // Gone already.
  }
}

export function collectOrphanFiles(
  ctx: { db: Db; store: FileStore },
  options: { minAgeMs?: number; now?: number } = {},
): { removed: string[] } {
  const now = options.now ?? Date.now();
  const cutoff = now - (options.minAgeMs ?? ORPHAN_MIN_AGE_MS);
  const { db, store } = ctx;
  db.prepare('DELETE FROM removed_documents WHERE removed_at < ?').run(
    new Date(now - REMOVED_KEEP_MS).toISOString(),
  );
  const rows = all<Pick<DocumentRow, 'sha256' | 'original_sha256' | 'ocr_sha256'>>(
    db,
    `SELECT sha256, original_sha256, ocr_sha256 FROM documents
     UNION SELECT sha256, original_sha256, ocr_sha256 FROM removed_documents`,
  );
  // Conservative: a hash named anywhere (the PDF, the original, the searchable copy) keeps both kinds of file.
  const referenced = new Set(
    rows.flatMap((r) => [r.sha256, r.original_sha256, ...(r.ocr_sha256 ? [r.ocr_sha256] : [])]),
  );
  const stillUnreferenced = preparedQuery<{ free: number }>(
    db,
    `SELECT NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = @sha OR original_sha256 = @sha OR ocr_sha256 = @sha)
       AND NOT EXISTS (SELECT 1 FROM removed_documents WHERE sha256 = @sha OR original_sha256 = @sha OR ocr_sha256 = @sha)
       AS free`,
  );
  const isFree = (sha: string) => stillUnreferenced.first({ sha })?.free === 1;

  const removed: string[] = [];
  const sweep = (dir: string, pattern: RegExp, shaOf: (name: string) => string) => {
    for (const name of readdirSync(dir)) {
      if (!pattern.test(name)) continue; // Not a store file: leave it alone.
      const sha = shaOf(name);
      const path = join(dir, name);
      if (referenced.has(sha) || !olderThan(path, cutoff) || !isFree(sha)) continue;
      rmSync(path, { force: true });
      removed.push(path);
    }
  };
  sweep(store.documentsDir, PDF_NAME, (name) => name.slice(0, 64));
  sweep(store.originalsDir, ORIGINAL_NAME, (name) => name);
  for (const name of readdirSync(store.tmpDir)) {
    const path = join(store.tmpDir, name);
    if (!olderThan(path, cutoff)) continue;
    rmSync(path, { force: true, recursive: true });
    removed.push(path);
  }
  return { removed };
}
