import { z } from 'zod';

/**
 * The case archive: one .zip file a parent can move to a new laptop or send to an adviser.
 *
 *   manifest.json                  what is inside, with the SHA-256 and size of every other entry
 *   case.json                      every database row of the case (see CaseData)
 *   store/documents/<sha256>.pdf   the documents, named by their content hash
 *   store/originals/<sha256>       the files as the user gave them, where import had to change them
 *   files/<path in the data dir>   bundles, letters and other generated files the rows point to
 *
 * Plain zip so an adviser without the app can still open the PDFs.
 */
export const ARCHIVE_FORMAT = 'send-bundle-builder/case';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const CASE_ENTRY = 'case.json';

/** Folders of the data directory whose files may travel with a case (never the database or backups). */
const DATA_FOLDERS = ['bundles', 'letters', 'reports'] as const;

/**
 * A row value in case.json that stands for a file in the archive:
 * `sendcase-file:<entry>|<style>`, where the style says how the row wrote the path, so import writes it
 * the same way for the new location: `abs` (absolute), `rel:` (relative to the data dir) or
 * `rel:<folder>` (relative to that folder of the data dir).
 */
export const FILE_TOKEN_PREFIX = 'sendcase-file:';
export const FILE_STYLES = ['abs', 'rel:', ...DATA_FOLDERS.map((f) => `rel:${f}` as const)] as const;
export type FileStyle = (typeof FILE_STYLES)[number];
export const FILE_TOKEN = /sendcase-file:([^"\\|]+)\|(abs|rel:[a-z]*)/g;

export function fileToken(entry: string, style: FileStyle): string {
  return `${FILE_TOKEN_PREFIX}${entry}|${style}`;
}

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const ManifestFile = z.object({
  path: z.string().min(1).max(600),
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
});

export const Manifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().positive(),
  app: z.object({ name: z.string(), version: z.string() }),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string(),
  case: z.object({ id: z.number().int().positive(), title: z.string(), createdAt: z.string() }),
  counts: z.object({
    documents: z.number().int().nonnegative(),
    bundles: z.number().int().nonnegative(),
    letters: z.number().int().nonnegative(),
  }),
  files: z.array(ManifestFile).max(100_000),
});
export type Manifest = z.infer<typeof Manifest>;

const CellValue = z.union([z.null(), z.number(), z.string(), z.instanceof(Uint8Array)]);

export const CaseData = z.object({
  schemaVersion: z.number().int().positive(),
  caseId: z.number().int().positive(),
  /** Rows per table, as SELECT * returned them (file paths replaced by tokens). */
  tables: z.record(z.string().min(1).max(100), z.array(z.record(z.string().min(1).max(100), CellValue))),
  /** Store files the rows name by hash. */
  storeFiles: z.array(z.object({ kind: z.enum(['pdf', 'original']), sha256: Sha256 })),
  /** Generated files the rows point to, by where they lived under the data dir. */
  dataFiles: z.array(z.object({ entry: z.string().min(1).max(600), path: z.string().min(1).max(500) })),
});
export type CaseData = z.infer<typeof CaseData>;

export function storeEntry(kind: 'pdf' | 'original', sha256: string): string {
  return kind === 'pdf' ? `store/documents/${sha256}.pdf` : `store/originals/${sha256}`;
}

export function dataEntry(relPath: string): string {
  return `files/${relPath}`;
}

/**
 * A path relative to the data directory that may be written on import: forward slashes, no `..`,
 * no drive letters or odd characters, and inside one of DATA_FOLDERS.
 */
export function isSafeDataPath(path: string): boolean {
  if (path.length === 0 || path.length > 500) return false;
  if (path.startsWith('/') || path.includes('\\') || path.includes(':')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f<>"|?*]/.test(path)) return false;
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.endsWith('.') || p.endsWith(' ')))
    return false;
  return (DATA_FOLDERS as readonly string[]).includes(parts[0]) && parts.length >= 2;
}

/** An entry name our exporter could have written: anything else in an archive is refused. */
export function isKnownEntry(name: string): boolean {
  if (name === MANIFEST_ENTRY || name === CASE_ENTRY) return true;
  if (/^store\/documents\/[0-9a-f]{64}\.pdf$/.test(name)) return true;
  if (/^store\/originals\/[0-9a-f]{64}$/.test(name)) return true;
  return name.startsWith('files/') && isSafeDataPath(name.slice('files/'.length));
}

/** A file name for the export made from the case title: safe on Windows, macOS and Linux. */
export function suggestedArchiveName(title: string, date: Date): string {
  const safe =
    title
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[. ]+$/, '')
      .slice(0, 80) || 'Case';
  return `${safe} - case export ${date.toISOString().slice(0, 10)}.zip`;
}
