/**
 * Large byte arrays in the messages between the app and an isolated process (./isolatedProcess.ts) go by
 * file: a PDF of 200 MB through the IPC pipe would be copied into and out of the pipe's serialiser in
 * pieces, and held several times over meanwhile. An array of a megabyte or more is written to a file in the
 * process's own folder and replaced by the file's name; the other side reads it back and deletes the file.
 * Where the file cannot be written (a full disk), the array goes through the pipe after all.
 *
 * The names are checked: a message from a process reading a hostile file names only a file of its own
 * folder, never a path elsewhere on the machine.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BYTES_BY_FILE_FROM = 1024 * 1024;

const MARK = '__sendBundleBytesFile';
const NAME = /^[0-9a-f]{32}\.bin$/;
const DEPTH = 6;

interface BytesFile {
  [MARK]: string;
}

function isBytesFile(value: unknown): value is BytesFile {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Record<string, unknown>)[MARK] === 'string' &&
    Object.keys(value).length === 1
  );
}

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `value` with each byte array of BYTES_BY_FILE_FROM or more written to a file in `folder` instead. */
export function bytesToFiles(value: unknown, folder: string, depth = 0): unknown {
  if (value instanceof Uint8Array) {
    if (value.byteLength < BYTES_BY_FILE_FROM) return value;
    const name = `${randomBytes(16).toString('hex')}.bin`;
    try {
      writeFileSync(join(folder, name), value, { mode: 0o600 });
      return { [MARK]: name } satisfies BytesFile;
    } catch {
      rmSync(join(folder, name), { force: true });
      return value;
    }
  }
  if (depth >= DEPTH || !isPlainContainer(value)) return value;
  if (Array.isArray(value)) return value.map((item) => bytesToFiles(item, folder, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = bytesToFiles(item, folder, depth + 1);
  return copy;
}

/** Thrown when a message names a file that is not one of the folder's own. */
export class ForgedBytesFile extends Error {
  constructor(name: string) {
    super(`A message named a file outside its folder: ${JSON.stringify(name).slice(0, 80)}`);
  }
}

/**
 * `value` with the files bytesToFiles wrote read back (and deleted). Arrays are plain Uint8Arrays over a
 * buffer of their own, whether they came by file or through the pipe (where a Buffer may arrive).
 */
export function bytesFromFiles(value: unknown, folder: string, depth = 0): unknown {
  if (value instanceof Uint8Array) return ownArray(value);
  if (isBytesFile(value)) {
    const name = value[MARK];
    if (!NAME.test(name)) throw new ForgedBytesFile(name);
    const path = join(folder, name);
    try {
      return ownArray(readFileSync(path));
    } finally {
      rmSync(path, { force: true });
    }
  }
  if (depth >= DEPTH || !isPlainContainer(value)) return value;
  if (Array.isArray(value)) return value.map((item) => bytesFromFiles(item, folder, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = bytesFromFiles(item, folder, depth + 1);
  return copy;
}

/** A plain Uint8Array of these bytes: the same memory when it is the whole of its buffer, else a copy. */
function ownArray(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  if (whole && bytes.buffer instanceof ArrayBuffer) return new Uint8Array(bytes.buffer);
  return new Uint8Array(bytes);
}
