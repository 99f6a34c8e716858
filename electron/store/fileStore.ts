import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { moveFileAtomic, writeFileAtomic } from './atomicFile';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The SHA-256 of a file on disk, read here in large pieces, giving way to other work every 16 MB (a build's
 * verification answers pdf.js's messages meanwhile; a cancel is heard). Not read on the thread pool: while
 * both cores are busy (a build hashes its file as pdf.js reads pages in the other thread), each read handed
 * to a pool thread waited for a core, about a third of the hash's time.
 */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
    for (let n = 1; ; n++) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      if (n % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Whether the file at `path` holds exactly `bytes`. */
function sameBytes(path: string, bytes: Uint8Array): boolean {
  try {
    if (statSync(path).size !== bytes.length) return false;
    return readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

/** The SHA-256 and size of a file on disk, read here in 1 MB pieces. */
export function hashFile(path: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let bytes = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Content-addressed store of document files: `documents/<sha256>.pdf` (what bundles are built from) and
 * `originals/<sha256>` (the file as the user gave it, when import had to change it). Never modified in place.
 */
export class FileStore {
  readonly documentsDir: string;
  readonly originalsDir: string;
  readonly tmpDir: string;

  constructor(
    readonly root: string,
    options: { readOnly?: boolean } = {},
  ) {
    this.documentsDir = join(root, 'documents');
    this.originalsDir = join(root, 'originals');
    this.tmpDir = join(root, 'tmp');
    if (!options.readOnly)
      for (const dir of [this.documentsDir, this.originalsDir, this.tmpDir])
        mkdirSync(dir, { recursive: true });
  }

  static isSha256(value: string): boolean {
    return SHA256.test(value);
  }

  pdfPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a content hash: ${sha256}`);
    return join(this.documentsDir, `${sha256}.pdf`);
  }

  originalPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a content hash: ${sha256}`);
    return join(this.originalsDir, sha256);
  }

  hasPdf(sha256: string): boolean {
    return existsSync(this.pdfPath(sha256));
  }

  /**
   * Stores PDF bytes under their hash. Returns the hash and whether a new file was written. A file already
   * there whose bytes are not these (changed by another program since) is written again.
   */
  putPdf(bytes: Uint8Array): { sha256: string; created: boolean } {
    return this.put(bytes, (sha256) => this.pdfPath(sha256));
  }

  putOriginal(bytes: Uint8Array): { sha256: string; created: boolean } {
    return this.put(bytes, (sha256) => this.originalPath(sha256));
  }

  private put(bytes: Uint8Array, pathOf: (sha256: string) => string): { sha256: string; created: boolean } {
    const sha256 = sha256Hex(bytes);
    const path = pathOf(sha256);
    if (existsSync(path)) {
      if (!sameBytes(path, bytes)) writeFileAtomic(path, bytes, { tmpDir: this.tmpDir });
      return { sha256, created: false };
    }
    writeFileAtomic(path, bytes, { tmpDir: this.tmpDir });
    return { sha256, created: true };
  }

  /**
   * Moves a file already written and checked elsewhere in the data folder (a case import's staging
   * folder) into the store under its hash, unless the store has it whole. The caller vouches for the hash.
   */
  adopt(kind: 'pdf' | 'original', sha256: string, path: string): void {
    const target = kind === 'pdf' ? this.pdfPath(sha256) : this.originalPath(sha256);
    if (existsSync(target)) {
      if (hashFile(target).sha256 === sha256) return;
      rmSync(target, { force: true });
    }
    moveFileAtomic(path, target);
  }

  removePdf(sha256: string): void {
    rmSync(this.pdfPath(sha256), { force: true });
  }

  removeOriginal(sha256: string): void {
    rmSync(this.originalPath(sha256), { force: true });
  }
}
