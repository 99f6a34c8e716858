import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  findExecutable,
  findSoffice,
  killProcessTree,
  runProgram,
} from '../../../../../electron/services/documents/executables';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function fakeProgram(folder: string, name: string, executable = true): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

it.skipIf(process.platform === 'win32')('finds LibreOffice on PATH as soffice or as libreoffice', () => {
  dir = mkdtempSync(join(tmpdir(), 'which-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const libreoffice = fakeProgram(b, 'libreoffice');
  expect(findSoffice({ pathEnv: [a, b].join(delimiter), platform: 'linux' })).toBe(libreoffice);
  // soffice is preferred when both exist, wherever it is on PATH.
  const soffice = fakeProgram(b, 'soffice');
  expect(findSoffice({ pathEnv: [a, b].join(delimiter), platform: 'linux' })).toBe(soffice);
});

it.skipIf(process.platform === 'win32')(
  'ignores files that are not executable, and says null when absent',
  () => {
    dir = mkdtempSync(join(tmpdir(), 'which-'));
    fakeProgram(dir, 'soffice', false);
    expect(findSoffice({ pathEnv: dir, platform: 'linux' })).toBeNull();
    expect(findExecutable(['qpdf'], { pathEnv: '' })).toBeNull();
    const extra = fakeProgram(join(dir, 'program'), 'soffice');
    expect(findSoffice({ pathEnv: '', platform: 'linux', extraDirs: [join(dir, 'program')] })).toBe(extra);
  },
);

describe.skipIf(process.platform === 'win32')('runProgram', () => {
  /** Running (a killed process whose parent is gone may linger as a zombie until init reaps it). */
  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  }

  it('returns the exit code and output', async () => {
    const r = await runProgram('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 10_000 });
    expect(r).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('on timeout ends the program and everything it started', async () => {
    dir = mkdtempSync(join(tmpdir(), 'run-'));
    const pidFile = join(dir, 'grandchild.pid');
    const started = Date.now();
    const error = await runProgram('/bin/sh', ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], {
      timeoutMs: 500,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ killed: true });
    expect(Date.now() - started).toBeLessThan(10_000);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it("on Windows ends the program's whole tree with taskkill, where ending the launcher alone leaves LibreOffice running", () => {
    const calls: { file: string; args: readonly string[] }[] = [];
    const taskkill = new EventEmitter();
    const fakeSpawn = ((file: string, args: readonly string[]) => {
      calls.push({ file, args });
      return taskkill;
    }) as unknown as typeof spawn;
    const kill = vi.fn(() => true);
    const saved = process.env.SystemRoot;
    process.env.SystemRoot = 'D:\\WINDOWS';
    try {
      killProcessTree({ pid: 4242, kill }, 'win32', fakeSpawn);
    } finally {
      if (saved === undefined) delete process.env.SystemRoot;
      else process.env.SystemRoot = saved;
    }
    expect(calls).toEqual([
      { file: 'D:\\WINDOWS\\System32\\taskkill.exe', args: ['/PID', '4242', '/T', '/F'] },
    ]);
    expect(kill).not.toHaveBeenCalled();
    // Where taskkill cannot be started, the program itself is ended.
    taskkill.emit('error', new Error('ENOENT'));
    expect(kill).toHaveBeenCalledWith('SIGKILL');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const running = runProgram('/bin/sh', ['-c', 'sleep 30'], {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toBeDefined();
  });
});
