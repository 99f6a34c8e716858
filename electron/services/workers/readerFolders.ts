/**
 * The folders isolated processes pass large byte arrays through (./isolatedProcess.ts), in the system's
 * temporary folder. Each is removed when its process stops or the app exits; one whose app was killed or
 * crashed is left behind, so each is named with its app's process id, and folders of apps no longer running
 * are removed later, by the next app or command that starts one.
 */
import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'send-bundle-reader-';
const OWNED = /^send-bundle-reader-(\d+)-/;

/** A new folder for an isolated process of this app. */
export function newReaderFolder(): string {
  return mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

/** Whether a process with this id is running (one that is not ours to signal is running). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the folders in `dir` left by apps that are no longer running; returns how many. Folders of
 * running apps, of this one, and any not named by an app's process id are left alone.
 */
export async function removeLeftReaderFolders(dir: string = tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    const owner = OWNED.exec(name);
    if (!owner) continue;
    const pid = Number(owner[1]);
    if (pid === process.pid || running(pid)) continue;
    try {
      await rm(join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      // Another user's (a shared temporary folder), or in use: left, and the rest still looked at.
    }
  }
  return removed;
}

let swept = false;

/** removeLeftReaderFolders, once in this process, in the background (it never fails anything). */
export function removeLeftReaderFoldersOnce(): void {
  if (swept) return;
  swept = true;
  removeLeftReaderFolders().catch(() => {});
}
