/**
 * When whatever reads the command's output stops reading (`send-bundle docs 1 | head`), the command drops
 * the rest of its output, finishes what it was doing and exits with its own status: no "write EPIPE" trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../helpers/cli';

const dataDir = mkdtempSync(join(tmpdir(), 'cli-closed-output-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the command with its standard output closed before it writes anything. */
function withOutputClosed(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawnCli(args);
  child.stdout!.destroy();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

it('exits quietly with its own status', async () => {
  expect(await withOutputClosed(['--help'])).toEqual({ code: 0, stderr: '' });
  const refused = await withOutputClosed(['--data-dir', dataDir, 'case', 'show', '99']);
  expect(refused.stderr).not.toMatch(/EPIPE|node:events/);
  expect(refused.code).not.toBe(0);
});

it('still finishes what it was changing', async () => {
  const created = await withOutputClosed([
    '--data-dir',
    dataDir,
    'case',
    'new',
    '--title',
    'Written with nobody reading',
    '--role',
    'parent',
    '--appeal-type',
    'refusal-to-assess',
  ]);
  expect(created).toEqual({ code: 0, stderr: '' });
  const list = await runCli(['--data-dir', dataDir, 'case', 'list']);
  expect(list.stdout).toContain('Written with nobody reading');
}, 30_000);
