/**
 * Checks shared by the import tests: what is in the store, independent PDF tools (poppler, qpdf) when
 * installed, and a database-wide "no half-imported document" check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { sha256Hex, type FileStore } from '../../electron/store/fileStore';
import { findExecutable } from '../../electron/services/documents/executables';

export const HAS_PDFINFO = findExecutable(['pdfinfo']) !== null;
export const HAS_PDFTOTEXT = findExecutable(['pdftotext']) !== null;
export const HAS_PDFTOPPM = findExecutable(['pdftoppm']) !== null;
export const HAS_QPDF = findExecutable(['qpdf']) !== null;

/** Every file under the store (documents, originals, tmp), as relative paths. */
export function storeFiles(store: FileStore): string[] {
  const list = (dir: string, prefix: string) =>
    existsSync(dir) ? readdirSync(dir).map((name) => `${prefix}/${name}`) : [];
  return [
    ...list(store.documentsDir, 'documents'),
    ...list(store.originalsDir, 'originals'),
    ...list(store.tmpDir, 'tmp'),
  ].sort();
}

/** Pages as poppler counts them (an independent reader). */
export function pdfinfoPages(path: string): number {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const match = /^Pages:\s+(\d+)/m.exec(out);
  if (!match) throw new Error(`pdfinfo gave no page count for ${path}`);
  return Number(match[1]);
}

export function pdftotext(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** The colour at (fx, fy) (fractions of width and height, from the top left) of page 1 rendered by poppler. */
export function renderedColour(pdfPath: string, fx: number, fy: number): [number, number, number] {
  const ppm = execFileSync('pdftoppm', ['-r', '24', '-f', '1', '-l', '1', '-singlefile', pdfPath], {
    maxBuffer: 64 * 1024 * 1024,
  });
  // P6 header: "P6\n<w> <h>\n<max>\n" then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not produce a PPM image');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const x = Math.min(width - 1, Math.floor(fx * width));
  const y = Math.min(height - 1, Math.floor(fy * height));
  const at = header[0].length + (y * width + x) * 3;
  return [ppm[at], ppm[at + 1], ppm[at + 2]];
}

export interface DocumentRow {
  id: number;
  sha256: string;
  original_sha256: string;
  conversion: string;
  page_count: number;
  page_sizes: string;
}

/**
 * Problems with the recorded documents: a row whose store file is missing or does not match its hash, a
 * changed file whose original was not kept, or a page count that disagrees with its page sizes.
 */
export function documentProblems(db: Database.Database, store: FileStore): string[] {
  const problems: string[] = [];
  const rows = db.prepare('SELECT * FROM documents').all() as DocumentRow[];
  for (const row of rows) {
    const pdf = store.pdfPath(row.sha256);
    if (!existsSync(pdf)) problems.push(`document ${row.id}: store file missing`);
    else if (sha256Hex(readFileSync(pdf)) !== row.sha256)
      problems.push(`document ${row.id}: store file changed`);
    if (row.conversion !== 'none' && !existsSync(store.originalPath(row.original_sha256)))
      problems.push(`document ${row.id}: original not kept`);
    if (!(row.page_count > 0)) problems.push(`document ${row.id}: no page count`);
    if ((JSON.parse(row.page_sizes) as unknown[]).length !== row.page_count)
      problems.push(`document ${row.id}: page sizes do not match the page count`);
  }
  return problems;
}
