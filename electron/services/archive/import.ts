import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { CaseImportResult } from '../../../shared/domain/case';
import { LIMITS } from '../../../shared/limits';
import { LATEST_VERSION } from '../../db/migrations';
import { moveFileAtomic } from '../../store/atomicFile';
import { runUntrusted, stoppedJobError } from '../untrusted/runner';
import { caseFromRow } from '../cases';
import { requireCase } from '../../db/caseRecords';
import { all, exists, first } from '../../db/query';
import type { CaseRow } from '../../db/schema';
import type { OperationOptions, ServiceContext } from '../context';
import { caseTables, quoteIdent, readCaseRows, type CaseTable } from './caseGraph';
import { hashFile } from '../../store/fileStore';
import { noteStoredPdf } from '../storedFiles';
import { FileReferences } from './export';
import { type CaseData, FILE_STYLES, FILE_TOKEN, FILE_TOKEN_PREFIX, fileToken, storeEntry } from './format';
import { notAnArchive, type ArchiveReadOutput } from './read';

export interface ImportCaseOptions {
  /** Import even though this case is already in the app, as a separate copy. */
  asCopy?: boolean;
  /** Replace this case (it is deleted) with the one in the file. */
  replaceCaseId?: number;
}

/** What an import made: the contract's result type (shared/domain/case.ts). */
type ImportCaseResult = CaseImportResult;

/** Every table and column exists here, every row hangs off the case, and every file token is known. */
function checkRows(ctx: ServiceContext, data: CaseData, dataEntries: Set<string>, name: string): void {
  const local = new Map(caseTables(ctx.db).map((t) => [t.name, t]));
  const values = new Map<string, Set<unknown>>();
  const valuesOf = (table: string, column: string) => {
    const key = `${table}.${column}`;
    let set = values.get(key);
    if (!set) {
      set = new Set((data.tables[table] ?? []).map((r) => r[column]));
      values.set(key, set);
    }
    return set;
  };
  for (const [table, rows] of Object.entries(data.tables)) {
    // The manifest's schema version is not newer (read.ts): a table or column this app does not have
    // means the file was changed, not that the app is old.
    const t = local.get(table);
    if (!t) throw notAnArchive(name, `it has records of a kind this app does not know ("${table}")`);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (!t.columns.includes(column))
          throw notAnArchive(name, `a ${table} record has a field this app does not know ("${column}")`);
        if (typeof value === 'string' && value.includes(FILE_TOKEN_PREFIX)) {
          const tokens = [...value.matchAll(FILE_TOKEN)];
          if (tokens.length !== value.split(FILE_TOKEN_PREFIX).length - 1)
            throw notAnArchive(name, 'a record points to a file in a way this app does not know');
          for (const [, entry, style] of tokens)
            if (!dataEntries.has(entry) || !(FILE_STYLES as readonly string[]).includes(style))
              throw notAnArchive(name, 'a record points to a missing file');
        }
      }
      for (const fk of t.foreignKeys) {
        const value = row[fk.from];
        const isOwner = t.owner && fk.from === t.owner.from;
        if (value === null || value === undefined) {
          if (isOwner) throw notAnArchive(name, `a ${table} record does not belong to the case`);
          continue;
        }
        if (!local.has(fk.table)) continue;
        if (!valuesOf(fk.table, fk.to).has(value))
          throw notAnArchive(name, `a ${table} record points to something not in the file`);
      }
    }
  }
}

/** Rewrites the file tokens in one row value to the paths the files were given here. */
function resolveTokens(value: string, paths: Map<string, string>): string {
  if (!value.includes(FILE_TOKEN_PREFIX)) return value;
  const direct = paths.get(value);
  if (direct !== undefined) return direct;
  let text = value;
  for (const [token, path] of paths) text = text.split(JSON.stringify(token)).join(JSON.stringify(path));
  return text;
}

function idsAreFree(ctx: ServiceContext, tables: CaseTable[], data: CaseData): boolean {
  for (const t of tables) {
    if (!t.idColumn) continue;
    const ids = (data.tables[t.name] ?? []).map((r) => r[t.idColumn!]);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const row = first<{ n: number }>(
        ctx.db,
        `SELECT COUNT(*) AS n FROM ${quoteIdent(t.name)} WHERE ${quoteIdent(t.idColumn)} IN (${chunk.map(() => '?').join(',')})`,
        ...chunk,
      );
      if (row && row.n > 0) return false;
    }
  }
  return true;
}

/** Where an imported generated file goes: the same folder pattern under the new case id, never over another file. */
function targetFor(ctx: ServiceContext, rel: string, oldCaseId: number, newCaseId: number, sha256: string) {
  const parts = rel.split('/');
  if (parts.length > 2 && parts[1] === String(oldCaseId)) parts[1] = String(newCaseId);
  let candidate = parts.join('/');
  for (let n = 2; ; n++) {
    const full = join(ctx.paths.dataDir, ...candidate.split('/'));
    if (!existsSync(full)) return { rel: candidate, full, reuse: false };
    if (hashFile(full).sha256 === sha256) return { rel: candidate, full, reuse: true };
    const last = parts[parts.length - 1];
    const ext = extname(last);
    candidate = [
      ...parts.slice(0, -1),
      `${last.slice(0, last.length - ext.length)} (imported ${n})${ext}`,
    ].join('/');
  }
}

/** Generated files a case's rows point to (to tidy up after a replace). */
function caseDataFiles(ctx: ServiceContext, tables: CaseTable[], caseId: number): string[] {
  const refs = new FileReferences(ctx.paths.dataDir);
  for (const list of Object.values(readCaseRows(ctx.db, tables, caseId)))
    for (const row of list)
      for (const value of Object.values(row)) if (typeof value === 'string') refs.replace(value);
  return refs.sources().map((s) => s.source);
}

/**
 * Imports a case archive as a new case. Refuses (changing nothing) when the same case is already here,
 * unless the caller chose `asCopy` or `replaceCaseId`; the user must have been asked first.
 */
export async function importCase(
  ctx: ServiceContext,
  source: { path: string; name?: string } | { data: Uint8Array; name: string },
  options: ImportCaseOptions = {},
  op: OperationOptions = {},
): Promise<ImportCaseResult> {
  if (options.asCopy && options.replaceCaseId !== undefined)
    throw new ApiError('invalid-input', 'Choose either "import as a copy" or "replace", not both.');
  const name = source.name ?? ('path' in source ? basename(source.path) : 'the file');
  if ('path' in source) {
    try {
      statSync(source.path);
    } catch {
      throw new ApiError('not-found', `Could not find "${name}". Check where it was saved and try again.`);
    }
  }

  // Read and check everything in the untrusted-file worker, which copies each checked entry into a
  // staging folder here. Nothing else is written until the rows are checked and the user's choice known.
  const staging = join(ctx.paths.dataDir, `.import-${randomBytes(6).toString('hex')}`);
  const removeStaging = () => rmSync(staging, { recursive: true, force: true });
  let read: ArchiveReadOutput;
  try {
    read = await runUntrusted(
      'archive.read',
      {
        source: 'path' in source ? { path: source.path } : { data: source.data },
        name,
        staging,
        latestSchemaVersion: LATEST_VERSION,
      },
      { signal: op.signal, onProgress: op.onProgress, timeoutMs: LIMITS.archiveSeconds * 1000 },
    );
  } catch (error) {
    removeStaging();
    throw stoppedJobError(error, op.signal, {
      cancelled: 'Stopped. Nothing was imported.',
      tooLong: `Reading "${name}" took longer than ${Math.round(LIMITS.archiveSeconds / 60)} minutes (the most a case export may take), so it was stopped. Nothing was imported.`,
      tooMuchMemory: `Reading "${name}" needed more memory than one file may use, so it was stopped. Nothing was imported.`,
      crashed: `"${name}" made the program reading it stop: it may be damaged. Nothing was imported. Export the case again from the computer it came from.`,
    });
  }
  const { manifest, data, staged } = read;
  const archivedCase = data.tables.cases[0];
  const tables = caseTables(ctx.db).filter((t) => data.tables[t.name]);

  let duplicate: { id: number } | undefined;
  try {
    checkRows(ctx, data, new Set(data.dataFiles.map((f) => f.entry)), name);
    duplicate = first<Pick<CaseRow, 'id'>>(
      ctx.db,
      'SELECT id FROM cases WHERE title = ? AND created_at = ?',
      archivedCase.title,
      archivedCase.created_at,
    );
    if (options.replaceCaseId !== undefined) {
      if (!exists(ctx.db, 'SELECT 1 FROM cases WHERE id = ?', options.replaceCaseId))
        throw new ApiError('not-found', `There is no case number ${options.replaceCaseId} to replace.`);
    } else if (duplicate && !options.asCopy) {
      throw new ApiError(
        'conflict',
        `"${manifest.case.title}" is already in the app (case ${duplicate.id}). Choose whether to import it as a ` +
          'separate copy or to replace the case in the app with the one in the file. Nothing was imported.',
        { existingCaseId: duplicate.id },
      );
    }
    // Everything is checked: now write. Documents move into the store (named by their hash, so an
    // existing whole copy is simply kept; if saving the records fails below, unreferenced ones are removed at
    // the next start). Bundles and letters stay staged and are moved into place inside the database
    // transaction, once the case has its number here.
    for (const [index, f] of data.storeFiles.entries()) {
      op.onProgress?.({ message: 'Saving the documents', done: index, total: data.storeFiles.length });
      ctx.store.adopt(f.kind, f.sha256, staged[storeEntry(f.kind, f.sha256)]);
      if (f.kind === 'pdf') noteStoredPdf(ctx, f.sha256);
    }
  } catch (error) {
    removeStaging();
    throw error;
  }
  const expected = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const stagedData = new Map(data.dataFiles.map((f) => [f.entry, staged[f.entry]]));

  const oldFiles =
    options.replaceCaseId !== undefined ? caseDataFiles(ctx, caseTables(ctx.db), options.replaceCaseId) : [];
  const written: string[] = [];
  const keptPaths = new Set<string>();
  let idsKept = false;
  let newCaseId = 0;
  op.onProgress?.({
    message: 'Saving the case',
    done: manifest.files.length,
    total: manifest.files.length + 1,
  });
  try {
    ctx.db.transaction(() => {
      if (options.replaceCaseId !== undefined)
        ctx.db.prepare('DELETE FROM cases WHERE id = ?').run(options.replaceCaseId);
      idsKept = idsAreFree(ctx, tables, data);
      const idMaps = new Map<string, Map<unknown, unknown>>();
      const filePaths = new Map<string, string>();

      for (const t of tables) {
        const map = new Map<unknown, unknown>();
        idMaps.set(t.name, map);
        for (const original of data.tables[t.name]) {
          // Values on their way in: a reference is replaced by the id its row was given here.
          const row: Record<string, unknown> = { ...original };
          for (const fk of t.foreignKeys) {
            const mapped = idMaps.get(fk.table);
            const target = tables.find((x) => x.name === fk.table);
            if (mapped && target?.idColumn === fk.to && row[fk.from] !== null && row[fk.from] !== undefined)
              row[fk.from] = mapped.get(row[fk.from]);
          }
          if (t.name === 'cases' && options.asCopy && duplicate)
            row.title = `${String(row.title)} (imported copy)`;
          for (const [column, value] of Object.entries(row)) {
            if (typeof value === 'string') row[column] = resolveTokens(value, filePaths);
            else if (value instanceof Uint8Array) row[column] = Buffer.from(value);
          }
          if (t.idColumn && !idsKept) delete row[t.idColumn];
          const columns = Object.keys(row);
          const info = ctx.db
            .prepare(
              `INSERT INTO ${quoteIdent(t.name)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
            )
            .run(...columns.map((c) => row[c]));
          if (t.idColumn)
            map.set(original[t.idColumn], idsKept ? original[t.idColumn] : Number(info.lastInsertRowid));
        }

        if (t.name === 'cases') {
          // Now the case has its id here, place the generated files before any row refers to them.
          newCaseId = Number(map.get(data.caseId));
          for (const f of data.dataFiles) {
            const target = targetFor(ctx, f.path, data.caseId, newCaseId, expected.get(f.entry)!);
            if (!target.reuse) {
              moveFileAtomic(stagedData.get(f.entry)!, target.full);
              written.push(target.full);
            }
            keptPaths.add(target.full);
            for (const style of FILE_STYLES) {
              const base = style === 'abs' || style === 'rel:' ? '' : `${style.slice('rel:'.length)}/`;
              // Archives from before bundles were recorded relative to their folder (migration 6)
              // name them by absolute path: record them the way this app does now.
              if (style === 'abs')
                filePaths.set(
                  fileToken(f.entry, style),
                  target.rel.startsWith('bundles/') ? target.rel.slice('bundles/'.length) : target.full,
                );
              else if (target.rel.startsWith(base))
                filePaths.set(fileToken(f.entry, style), target.rel.slice(base.length));
            }
          }
        }
      }

      const problems = all<Record<string, unknown>>(ctx.db, 'PRAGMA foreign_key_check');
      if (problems.length > 0)
        throw new ApiError(
          'invalid-input',
          `"${name}" has records that do not fit together. Nothing was imported.`,
        );
    })();
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    removeStaging();
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      'invalid-input',
      `"${name}" could not be imported: its records do not fit this version of the app (${(error as Error).message}). Nothing was imported.`,
    );
  }
  removeStaging();
  // The replaced case's generated files are no longer referenced by any row.
  for (const file of oldFiles) if (!keptPaths.has(file)) rmSync(file, { force: true });

  const imported = caseFromRow(requireCase(ctx.db, newCaseId));
  op.onProgress?.({
    message: 'Import finished',
    done: manifest.files.length + 1,
    total: manifest.files.length + 1,
  });
  return {
    case: imported,
    replacedCaseId: options.replaceCaseId ?? null,
    idsKept,
    documents: manifest.counts.documents,
    bundles: manifest.counts.bundles,
    letters: manifest.counts.letters,
    files: manifest.files.length,
  };
}
