/**
 * The one way the app writes a file: a temp file beside the target (or in a given folder on the same
 * disk), fsync, rename, fsync the folder. Until `commit()` the final path is untouched; `discard()`
 * removes the temp file, so a failed or cancelled write leaves nothing behind. A crash can still leave a
 * temp file; its name says so (`.<target name>.<pid>.<random>.tmp`), and the start-up housekeeping
 * (services/housekeeping.ts) removes stale ones. A temp file outside the data folder (a CLI `--out`
 * copy, an export to a chosen place) is noted in the data folder's journal first, so housekeeping can
 * find it too.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import {
  closeSync,
  fsync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temp names this writer makes (and the ones earlier versions made), for housekeeping. */
export const TEMP_NAME = /^\.(?:.+\.\d+(?:\.[0-9a-f]+)?\.tmp|tmp-\d+-[0-9a-f]+|export-\d+-[0-9a-f]+\.tmp)$/;

interface AtomicFileOptions {
  /** Folder for the temp file (same disk as the target); default: the target's folder. */
  tmpDir?: string;
  /** The data folder's journal of temp files outside it (see housekeeping.ts). */
  journalDir?: string;
  /**
   * Whether `finish()` returns the SHA-256 of what was written (default true). A caller that hashes the
   * finished file itself (off the main thread) turns it off and finishes with `finishInBackground()`.
   */
  hash?: boolean;
}

/** Fsyncs a folder so a rename in it survives a power cut; not possible everywhere (Windows). */
function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The rename is still atomic there.
  }
}

export class AtomicFile {
  readonly tempPath: string;
  private fd: number | null;
  private readonly hash: Hash | null;
  private readonly journalEntry: string | null = null;
  size = 0;

  constructor(
    readonly path: string,
    options: AtomicFileOptions = {},
  ) {
    this.hash = options.hash === false ? null : createHash('sha256');
    const dir = options.tmpDir ?? dirname(path);
    mkdirSync(dir, { recursive: true });
    mkdirSync(dirname(path), { recursive: true });
    const id = randomBytes(6).toString('hex');
    this.tempPath = join(dir, `.${basename(path)}.${process.pid}.${id}.tmp`);
    if (options.journalDir) {
      mkdirSync(options.journalDir, { recursive: true });
      this.journalEntry = join(options.journalDir, `${id}.json`);
      writeFileSync(this.journalEntry, JSON.stringify({ tempPath: this.tempPath }));
    }
    try {
      this.fd = openSync(this.tempPath, 'w');
    } catch (error) {
      this.forget();
      throw error;
    }
  }

  write(chunk: Uint8Array): void {
    if (this.fd === null) throw new Error('The file is already closed.');
    let offset = 0;
    while (offset < chunk.length) offset += writeSync(this.fd, chunk, offset, chunk.length - offset);
    this.hash?.update(chunk);
    this.size += chunk.length;
  }

  /** Flushes to disk and closes the temp file; returns its SHA-256. Still not under the final name. */
  finish(): string {
    if (this.fd === null) throw new Error('The file is already closed.');
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    if (!this.hash) throw new Error('This file was written without its SHA-256.');
    return this.hash.digest('hex');
  }

  /**
   * Flushes to disk and closes the temp file on the thread pool (a big file's flush can take a while on a
   * real disk), so this thread can go on meanwhile. Await it before `commit()`. Still not under the final
   * name. Further writes are refused at once.
   */
  async finishInBackground(): Promise<void> {
    if (this.fd === null) throw new Error('The file is already closed.');
    const fd = this.fd;
    this.fd = null;
    try {
      await new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
    } finally {
      closeSync(fd);
    }
  }

  /** Moves the finished temp file to its final name. */
  commit(): void {
    if (this.fd !== null) this.finish();
    renameSync(this.tempPath, this.path);
    fsyncDirectory(dirname(this.path));
    this.forget();
  }

  discard(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already closed by a failed write.
      }
      this.fd = null;
    }
    rmSync(this.tempPath, { force: true });
    this.forget();
  }

  private forget(): void {
    if (this.journalEntry) rmSync(this.journalEntry, { force: true });
  }
}

/** Writes `bytes` (or chunks) to `path` atomically; on any failure nothing is left behind. */
export function writeFileAtomic(
  path: string,
  bytes: Uint8Array | Iterable<Uint8Array>,
  options: AtomicFileOptions = {},
): void {
  const file = new AtomicFile(path, options);
  try {
    for (const chunk of bytes instanceof Uint8Array ? [bytes] : bytes) file.write(chunk);
    file.commit();
  } catch (error) {
    file.discard();
    throw error;
  }
}

/**
 * Moves a file already written and flushed elsewhere on the same disk (a staging folder) to `path`: one
 * rename, then the folder's fsync, as commit() does.
 */
export function moveFileAtomic(from: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  renameSync(from, path);
  fsyncDirectory(dirname(path));
}
