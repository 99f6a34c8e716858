import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { largestFile, ReadBuffers } from '../../../../../electron/services/bundle/engine';

const dir = mkdtempSync(join(tmpdir(), 'read-buffers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, size: number, fill: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size, fill);
  bytes[size - 1] = 0xee; // the last byte read, too
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe("the engine's read buffers", () => {
  const small = file('small.pdf', 100, 1);
  const large = file('large.pdf', 70_000, 2);
  const middle = file('middle.pdf', 5_000, 3);

  it('are made the size of the largest file at once, so a larger file later does not make a new one', async () => {
    const buffers = new ReadBuffers(largestFile([small.path, large.path, middle.path]));
    const first = await buffers.read(0, small.path);
    expect(Buffer.from(first)).toEqual(small.bytes);
    const second = await buffers.read(0, large.path);
    expect(Buffer.from(second)).toEqual(large.bytes);
    expect(second.buffer).toBe(first.buffer);
    const third = await buffers.read(0, middle.path);
    expect(Buffer.from(third)).toEqual(middle.bytes);
    expect(third.buffer).toBe(first.buffer);
  });

  it('grow when the largest size is not known', async () => {
    const buffers = new ReadBuffers();
    const first = await buffers.read(0, small.path);
    const second = await buffers.read(0, large.path);
    expect(Buffer.from(second)).toEqual(large.bytes);
    expect(second.buffer).not.toBe(first.buffer);
  });

  it('leave a file that cannot be read now to be reported when it is read', async () => {
    const missing = join(dir, 'missing.pdf');
    expect(largestFile([small.path, missing, middle.path])).toBe(5_000);
    await expect(new ReadBuffers(5_000).read(1, missing)).rejects.toThrow(/ENOENT/);
  });
});
