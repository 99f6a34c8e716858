/**
 * A file written in pieces that appears under its final name only when complete: temp file in the same
 * folder, fsync, rename, fsync the folder. Until `commit()`, the final path is untouched; `discard()`
 * removes the temp file (a failed or cancelled build leaves nothing behind).
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class AtomicFile {
  readonly tempPath: string;
  private fd: number | null;
  private readonly hash: Hash = createHash('sha256');
  size = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    // Named after the target and this process: no random part, and a leftover is recognisable.
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.tempPath, 'w');
  }

  write(chunk: Uint8Array): void {
    if (this.fd === null) throw new Error('The file is already closed.');
    let offset = 0;
    while (offset < chunk.length) offset += writeSync(this.fd, chunk, offset, chunk.length - offset);
    this.hash.update(chunk);
    this.size += chunk.length;
  }

  /** Flushes to disk and closes the temp file; returns its SHA-256. Still not under the final name. */
  finish(): string {
    if (this.fd === null) throw new Error('The file is already closed.');
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    return this.hash.digest('hex');
  }

  /** Moves the finished temp file to its final name. */
  commit(): void {
    if (this.fd !== null) this.finish();
    renameSync(this.tempPath, this.path);
    try {
      const dir = openSync(dirname(this.path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    } catch {
      // Directories cannot be fsynced on every platform (Windows); the rename is atomic there anyway.
    }
  }

  discard(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    rmSync(this.tempPath, { force: true });
  }
}
