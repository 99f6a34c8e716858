/**
 * The isolated processes' folders in the system's temporary folder (electron/services/workers/readerFolders.ts):
 * named by their app's process id, and those of apps no longer running removed by the next one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  newReaderFolder,
  removeLeftReaderFolders,
} from '../../../../../electron/services/workers/readerFolders';

const dir = mkdtempSync(join(tmpdir(), 'reader-folders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The id of a process that has run and ended. */
function endedPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(run.stdout);
}

describe('the folders isolated processes pass byte arrays through', () => {
  it('are named by the app that made them', () => {
    const folder = newReaderFolder();
    try {
      expect(dirname(folder)).toBe(tmpdir());
      expect(basename(folder)).toMatch(new RegExp(`^send-bundle-reader-${process.pid}-`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('of apps no longer running are removed, with what is in them; no other folder is', async () => {
    const ended = endedPid();
    const names = {
      ended: `send-bundle-reader-${ended}-aB3dE9`,
      ours: `send-bundle-reader-${process.pid}-fG5hJ1`,
      running: `send-bundle-reader-${process.ppid}-kL7mN2`,
      unnamed: 'send-bundle-reader-pQ9rS4',
      other: `other-${ended}-tU6vW8`,
    };
    for (const name of Object.values(names)) mkdirSync(join(dir, name));
    writeFileSync(join(dir, names.ended, 'bytes-1'), 'left behind');
    expect(await removeLeftReaderFolders(dir)).toBe(1);
    expect(existsSync(join(dir, names.ended))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual([names.ours, names.running, names.unnamed, names.other].sort());
  });
});
