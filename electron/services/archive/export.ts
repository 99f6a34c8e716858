import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { ApiError } from '../../../shared/api/errors';
import { encodeWire } from '../../../shared/api/wire';
import type { CaseExportResult } from '../../../shared/domain/case';
import { LATEST_VERSION } from '../../db/migrations';
import { AtomicFile } from '../../store/atomicFile';
import { hashFile } from '../../store/fileStore';
import { requireCase } from '../../db/caseRecords';
import type { OperationOptions, ServiceContext } from '../context';
import { caseTables, readCaseRows, type Row } from './caseGraph';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  CASE_ENTRY,
  dataEntry,
  FILE_STYLES,
  fileToken,
  type FileStyle,
  isSafeDataPath,
  MANIFEST_ENTRY,
  storeEntry,
  type CaseData,
  type Manifest,
} from './format';

/** What an export wrote: the contract's result without the file name (the caller adds it for display). */
export type ExportResult = Omit<CaseExportResult, 'fileName'>;

interface SourceFile {
  entry: string;
  source: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Finds the generated files a row value points to and replaces each with a token naming its archive
 * entry and how the row wrote the path: absolute, or relative to the data dir or to one of its folders
 * (bundles store absolute paths, letters paths relative to letters/). JSON columns (letters.files) are
 * searched string by string and rewritten without reformatting.
 */
export class FileReferences {
  readonly dataFiles: CaseData['dataFiles'] = [];
  private readonly byPath = new Map<string, string>();

  constructor(private readonly dataDir: string) {}

  /** The data-dir-relative path of a file this value names, and the style it was written in; or null. */
  private locate(value: string): { rel: string; style: FileStyle } | null {
    if (value.length > 4096 || /[\n\r]/.test(value)) return null;
    const absolute = isAbsolute(value);
    if (!absolute && !value.includes('/') && !value.includes('\\')) return null;
    const candidates: { full: string; style: FileStyle }[] = absolute
      ? [{ full: resolve(value), style: 'abs' }]
      : FILE_STYLES.filter((s) => s !== 'abs').map((style) => ({
          full: resolve(this.dataDir, style.slice('rel:'.length), value),
          style,
        }));
    for (const { full, style } of candidates) {
      const rel = relative(this.dataDir, full).split(sep).join('/');
      if (!isSafeDataPath(rel)) continue;
      try {
        if (statSync(full).isFile()) return { rel, style };
      } catch {
        // not this one
      }
    }
    return null;
  }

  private token(value: string): string | null {
    const found = this.locate(value);
    if (!found) return null;
    const entry = dataEntry(found.rel);
    if (!this.byPath.has(entry)) {
      this.byPath.set(entry, join(this.dataDir, ...found.rel.split('/')));
      this.dataFiles.push({ entry, path: found.rel });
    }
    return fileToken(entry, found.style);
  }

  replace(value: string): string {
    const direct = this.token(value);
    if (direct) return direct;
    const trimmed = value.trimStart();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return value;
    }
    let text = value;
    for (const leaf of stringLeaves(parsed)) {
      const token = this.token(leaf);
      if (token) text = text.split(JSON.stringify(leaf)).join(JSON.stringify(token));
    }
    return text;
  }

  sources(): SourceFile[] {
    return [...this.byPath].map(([entry, source]) => ({ entry, source }));
  }
}

/**
 * Reads a file only when the zip writer reaches it (so a case with 500 documents does not hold 500
 * open files), and fails the export if the bytes differ from the hash already put in the manifest.
 */
function verifiedFileStream(path: string, sha256: string): Readable {
  let fd: number | null = null;
  const hash = createHash('sha256');
  return new Readable({
    read(size) {
      try {
        if (fd === null) fd = openSync(path, 'r');
        const buffer = Buffer.allocUnsafe(Math.max(size, 1 << 20));
        const n = readSync(fd, buffer, 0, buffer.length, null);
        if (n > 0) {
          hash.update(buffer.subarray(0, n));
          this.push(buffer.subarray(0, n));
          return;
        }
        closeSync(fd);
        fd = null;
        if (hash.digest('hex') !== sha256)
          throw new ApiError(
            'conflict',
            `${basename(path)} changed while it was being exported. Please try again.`,
          );
        this.push(null);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
    destroy(error, callback) {
      if (fd !== null) closeSync(fd);
      fd = null;
      callback(error);
    },
  });
}

function* stringLeaves(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* stringLeaves(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* stringLeaves(v);
}

/**
 * Every bundle and letter the case records must be in the folder: an export that left one out would
 * look complete and lose it. Refuses, naming each missing file.
 */
function assertFilesPresent(ctx: ServiceContext, rows: Record<string, Row[]>): void {
  const missing: string[] = [];
  const where = (path: string) => relative(ctx.paths.dataDir, path).split(sep).join('/');
  for (const row of rows.bundles ?? []) {
    const path = resolve(ctx.paths.bundles, String(row.path));
    if (!existsSync(path)) missing.push(`bundle version ${String(row.version)} (${where(path)})`);
  }
  for (const row of rows.letters ?? []) {
    let files: unknown[] = [];
    try {
      const parsed: unknown = JSON.parse(String(row.files));
      if (Array.isArray(parsed)) files = parsed;
    } catch {
      // Not a list of files: nothing this check can follow.
    }
    for (const f of files) {
      if (typeof f !== 'object' || f === null || !('path' in f) || typeof f.path !== 'string') continue;
      const path = resolve(ctx.paths.letters, f.path);
      if (!existsSync(path)) missing.push(`letter "${String(row.template)}" (${where(path)})`);
    }
  }
  if (missing.length > 0)
    throw new ApiError(
      'refused',
      `This case cannot be exported because ${missing.length === 1 ? 'a file it records is' : `${missing.length} files it records are`} missing from the case folder: ${missing.join('; ')}. ` +
        'Put the missing files back (from a backup of the folder), or build or write them again, then export again.',
    );
}

/** Informational only (the schema version decides compatibility); Electron's main sets it from app.getVersion(). */
function appVersion(): string {
  return process.env.SEND_BUNDLE_APP_VERSION ?? process.env.npm_package_version ?? 'unknown';
}

/**
 * Writes one case (its rows, documents, bundles and letters) to a single .zip at `outPath`.
 * The zip is written to a temporary file and renamed, so a failed export never leaves half a file
 * under the name the user chose.
 */
export async function exportCase(
  ctx: ServiceContext,
  caseId: number,
  outPath: string,
  op: OperationOptions = {},
): Promise<ExportResult> {
  const caseRow = requireCase(ctx.db, caseId);
  const tables = caseTables(ctx.db);
  const rows = readCaseRows(ctx.db, tables, caseId);

  assertFilesPresent(ctx, rows);
  const refs = new FileReferences(ctx.paths.dataDir);
  const storeFiles = new Map<string, { kind: 'pdf' | 'original'; sha256: string }>();
  const encodedTables: Record<string, Row[]> = {};
  for (const t of tables) {
    encodedTables[t.name] = rows[t.name].map((row) => {
      const out: Row = {};
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && SHA256.test(value)) {
          if (ctx.store.hasPdf(value)) storeFiles.set(`pdf:${value}`, { kind: 'pdf', sha256: value });
          if (existsSync(ctx.store.originalPath(value)))
            storeFiles.set(`original:${value}`, { kind: 'original', sha256: value });
        }
        out[column] = typeof value === 'string' ? refs.replace(value) : value;
      }
      return out;
    });
  }

  const caseData: CaseData = {
    schemaVersion: LATEST_VERSION,
    caseId,
    tables: encodedTables,
    storeFiles: [...storeFiles.values()],
    dataFiles: refs.dataFiles,
  };
  const sources: SourceFile[] = [
    ...caseData.storeFiles.map((f) => ({
      entry: storeEntry(f.kind, f.sha256),
      source: f.kind === 'pdf' ? ctx.store.pdfPath(f.sha256) : ctx.store.originalPath(f.sha256),
    })),
    ...refs.sources(),
  ];

  const caseJson = Buffer.from(encodeWire(caseData), 'utf8');
  const files: Manifest['files'] = [
    { path: CASE_ENTRY, sha256: createHash('sha256').update(caseJson).digest('hex'), bytes: caseJson.length },
  ];
  const total = sources.length + 1;
  for (const [index, file] of sources.entries()) {
    if (op.signal?.aborted) throw new ApiError('cancelled', 'Stopped. Nothing was saved.');
    op.onProgress?.({ message: `Checking ${file.entry.split('/').pop()}`, done: index, total });
    const { sha256, bytes } = hashFile(file.source);
    // A store file is named by its hash: if they differ the stored copy is damaged, and exporting it
    // would make an archive that can never be imported.
    const named = /([0-9a-f]{64})(\.pdf)?$/.exec(file.entry);
    if (file.entry.startsWith('store/') && named && named[1] !== sha256) {
      throw new ApiError(
        'conflict',
        `A stored document (${named[1].slice(0, 12)}…) is damaged on this computer, so the case cannot be exported. ` +
          'Remove that document from the case, add it again, and export again.',
      );
    }
    files.push({ path: file.entry, sha256, bytes });
  }

  const tableCount = (name: string) => rows[name]?.length ?? 0;
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    app: { name: 'SEND Bundle Builder', version: appVersion() },
    schemaVersion: LATEST_VERSION,
    exportedAt: ctx.clock().toISOString(),
    case: {
      id: caseId,
      title: caseRow.title,
      createdAt: caseRow.created_at,
    },
    counts: {
      documents: tableCount('documents'),
      bundles: tableCount('bundles'),
      letters: tableCount('letters'),
    },
    files,
  };

  const zip = new JSZip();
  // Fixed dates keep two exports of the same case byte-identical apart from the manifest's export time.
  const date = new Date('2020-01-01T00:00:00Z');
  const entryOptions = { date, createFolders: false };
  zip.file(MANIFEST_ENTRY, JSON.stringify(manifest, null, 2), { ...entryOptions, compression: 'DEFLATE' });
  zip.file(CASE_ENTRY, caseJson, { ...entryOptions, compression: 'DEFLATE' });
  for (const file of sources) {
    // PDFs are already compressed; storing them keeps export fast and the zip readable anywhere.
    const expected = files.find((f) => f.path === file.entry)!.sha256;
    zip.file(file.entry, verifiedFileStream(file.source, expected), {
      ...entryOptions,
      compression: 'STORE',
      binary: true,
    });
  }

  const target = resolve(outPath);
  const file = new AtomicFile(target, {
    journalDir: ctx.readOnly ? undefined : ctx.paths.tempJournal,
  });
  try {
    op.onProgress?.({ message: 'Writing the export file', done: total - 1, total });
    await new Promise<void>((resolvePromise, reject) => {
      const stream = zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, platform: 'UNIX' });
      stream.on('data', (chunk: Buffer) => {
        try {
          file.write(chunk);
        } catch (error) {
          reject(error);
          stream.pause();
        }
      });
      stream.on('error', reject);
      stream.on('end', () => resolvePromise());
    });
    if (op.signal?.aborted) throw new ApiError('cancelled', 'Stopped. Nothing was saved.');
    file.commit();
  } catch (error) {
    file.discard();
    throw error;
  }
  const written = hashFile(target);
  op.onProgress?.({ message: 'Export finished', done: total, total });
  return {
    path: target,
    bytes: written.bytes,
    sha256: written.sha256,
    documents: manifest.counts.documents,
    bundles: manifest.counts.bundles,
    letters: manifest.counts.letters,
    files: files.length,
  };
}
