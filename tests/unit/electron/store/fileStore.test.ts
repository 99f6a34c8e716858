/**
 * The content-addressed store: a file is named by its SHA-256; one changed by another program since is
 * written again when the same bytes are put or adopted, never kept as it is.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore, hashFile, sha256Hex } from '../../../../electron/store/fileStore';

let root: string;
let store: FileStore;
const bytes = new Uint8Array(Buffer.from('%PDF-1.7\n% a document\n%%EOF\n'));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'file-store-'));
  store = new FileStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('FileStore', () => {
  it('stores bytes under their hash once', () => {
    expect(store.putPdf(bytes)).toEqual({ sha256: sha256Hex(bytes), created: true });
    expect(store.putPdf(bytes)).toEqual({ sha256: sha256Hex(bytes), created: false });
    expect(hashFile(store.pdfPath(sha256Hex(bytes)))).toEqual({
      sha256: sha256Hex(bytes),
      bytes: bytes.length,
    });
  });

  it('writes again a stored file changed since, when the same bytes are put', () => {
    const { sha256 } = store.putPdf(bytes);
    for (const changed of [
      '%PDF-1.7\n% a document, saved again\n%%EOF\n',
      '%PDF-1.7\n% a dOcument\n%%EOF\n',
    ]) {
      writeFileSync(store.pdfPath(sha256), changed);
      expect(store.putPdf(bytes)).toEqual({ sha256, created: false });
      expect(new Uint8Array(readFileSync(store.pdfPath(sha256)))).toEqual(bytes);
    }
    const { sha256: original } = store.putOriginal(bytes);
    writeFileSync(store.originalPath(original), 'changed');
    store.putOriginal(bytes);
    expect(new Uint8Array(readFileSync(store.originalPath(original)))).toEqual(bytes);
  });

  it('adopts a checked file in place of a stored copy changed since, and keeps a whole one', () => {
    const sha256 = sha256Hex(bytes);
    const staged = join(root, 'staged.pdf');
    writeFileSync(store.pdfPath(sha256), 'changed');
    writeFileSync(staged, bytes);
    store.adopt('pdf', sha256, staged);
    expect(new Uint8Array(readFileSync(store.pdfPath(sha256)))).toEqual(bytes);
    writeFileSync(staged, bytes);
    store.adopt('pdf', sha256, staged);
    expect(readFileSync(staged)).toBeDefined(); // Left for the caller to remove: the store had it whole.
  });
});
