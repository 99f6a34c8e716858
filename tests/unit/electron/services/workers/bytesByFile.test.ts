/** Large byte arrays between the app and an isolated process go by file (electron/services/workers/bytesByFile.ts). */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BYTES_BY_FILE_FROM,
  bytesFromFiles,
  bytesToFiles,
  ForgedBytesFile,
} from '../../../../../electron/services/workers/bytesByFile';

let folder: string;
beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'bytes-by-file-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('byte arrays by file', () => {
  it('writes arrays of a megabyte or more to files, keeps smaller ones, and reads them back once', () => {
    const big = new Uint8Array(BYTES_BY_FILE_FROM).fill(7);
    const small = new Uint8Array(BYTES_BY_FILE_FROM - 1).fill(3);
    const message: { type: string; input: { bytes: unknown; parts: [{ bytes: unknown }, unknown] } } = {
      type: 'run',
      input: { bytes: big, parts: [{ bytes: small }, big] },
    };
    const sent = bytesToFiles(message, folder) as typeof message;
    expect(readdirSync(folder)).toHaveLength(2);
    expect(sent.input.bytes).not.toBeInstanceOf(Uint8Array);
    expect(sent.input.parts[0].bytes).toBe(small);
    // What goes through the pipe is small.
    expect(JSON.stringify(sent.input.bytes).length).toBeLessThan(100);

    const received = bytesFromFiles(sent, folder) as typeof message;
    expect(Buffer.compare(received.input.bytes as Uint8Array, big)).toBe(0);
    expect(Buffer.compare(received.input.parts[1] as Uint8Array, big)).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses a name that is not one of its own files, and reads nothing', () => {
    writeFileSync(join(folder, '..', 'secret.txt'), 'private');
    for (const name of ['../secret.txt', '/etc/passwd', 'a.bin', `${'0'.repeat(32)}.bin/..`])
      expect(() => bytesFromFiles({ __sendBundleBytesFile: name }, folder)).toThrow(ForgedBytesFile);
    rmSync(join(folder, '..', 'secret.txt'));
  });

  it('hands over plain arrays: a Buffer, or a view of part of a buffer, arrives as a Uint8Array of its own', () => {
    const whole = new Uint8Array(new ArrayBuffer(16)).fill(1);
    const part = new Uint8Array(new ArrayBuffer(16), 4, 8);
    const received = bytesFromFiles({ a: Buffer.from([1, 2]), whole, part }, folder) as Record<
      string,
      Uint8Array
    >;
    expect(Buffer.isBuffer(received.a)).toBe(false);
    expect(received.a).toEqual(new Uint8Array([1, 2]));
    expect(received.whole.buffer).toBe(whole.buffer);
    expect(received.part.buffer.byteLength).toBe(8);
  });

  it('sends an array through the pipe after all when its file cannot be written', () => {
    const big = new Uint8Array(BYTES_BY_FILE_FROM);
    expect((bytesToFiles({ big }, join(folder, 'gone')) as { big: unknown }).big).toBe(big);
  });
});
