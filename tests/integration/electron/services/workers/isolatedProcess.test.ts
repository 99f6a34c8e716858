/**
 * An isolated process (electron/services/workers/isolatedProcess.ts): whatever the file it reads makes it
 * do (take all the memory it may, crash in native code, start programs, forge a message), this process
 * carries on, is told what happened, and nothing is left running.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IsolatedProcess,
  IsolatedProcessCrash,
} from '../../../../../electron/services/workers/isolatedProcess';
import { ForgedBytesFile } from '../../../../../electron/services/workers/bytesByFile';
import type { IsolatedWorkerRequest } from '../../../../helpers/isolatedWorker';

const launch = {
  entry: fileURLToPath(new URL('../../../../../electron/services/untrusted/boot.mjs', import.meta.url)),
  data: { entry: fileURLToPath(new URL('../../../../helpers/isolatedWorker.ts', import.meta.url)) },
};

const run = promisify(execFile);
const ISOLATED_HOST = fileURLToPath(new URL('../../../../../tests/helpers/isolatedHost.ts', import.meta.url));

const started: IsolatedProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop()));
});

function start(heapMb = 64): IsolatedProcess {
  const isolated = new IsolatedProcess(launch, { heapMb });
  started.push(isolated);
  return isolated;
}

function ask(isolated: IsolatedProcess, request: IsolatedWorkerRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    isolated.once('message', resolve);
    isolated.once('error', reject);
    isolated.postMessage(request);
  });
}

/** Running, and not a zombie (a killed process whose new parent has yet to reap it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('a worker in a process of its own', () => {
  it('that fills its heap ends with an out-of-memory crash, and this process carries on', async () => {
    const isolated = start(32);
    const error = await ask(isolated, { do: 'fill-heap' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IsolatedProcessCrash);
    expect((error as IsolatedProcessCrash).outOfMemory).toBe(true);
    expect((error as IsolatedProcessCrash).stderrTail).toMatch(/heap/i);
  }, 60_000);

  it('that crashes in native code (SIGSEGV) says so, as a crash that is not for lack of memory', async () => {
    const isolated = start();
    const error = await ask(isolated, { do: 'crash' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IsolatedProcessCrash);
    expect(error).toMatchObject({ signal: 'SIGSEGV', outOfMemory: false });
    expect((error as Error).message).toMatch(/stopped unexpectedly \(SIGSEGV\)/);
  }, 60_000);

  it('sends large byte arrays by file both ways, and leaves no file behind', async () => {
    const isolated = start();
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const small = new Uint8Array([1, 2, 3]);
    const reply = (await ask(isolated, { do: 'echo', value: { big, list: [small, big] } })) as {
      echoed: { big: Uint8Array; list: Uint8Array[] };
    };
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
    expect(same(reply.echoed.big, big)).toBe(true);
    expect(reply.echoed.list[0]).toEqual(small);
    expect(same(reply.echoed.list[1], big)).toBe(true);
    // Each file was deleted as it was read.
    expect(readdirSync(isolated.folder)).toEqual([]);
    const folder = isolated.folder;
    await isolated.stop();
    expect(existsSync(folder)).toBe(false);
  }, 60_000);

  it('that names a file outside its folder is stopped, and the file is not read', async () => {
    const isolated = start();
    const error = await ask(isolated, { do: 'forge-file-name' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgedBytesFile);
  }, 60_000);

  it('when stopped, ends the programs it started with it', async () => {
    const isolated = start();
    const { helperPid } = (await ask(isolated, { do: 'start-helper' })) as { helperPid: number };
    expect(isRunning(helperPid)).toBe(true);
    await isolated.stop();
    // Killed with its group: a moment later it has gone.
    for (let i = 0; i < 50 && isRunning(helperPid); i++) await new Promise((r) => setTimeout(r, 20));
    expect(isRunning(helperPid)).toBe(false);
  }, 60_000);

  it('ends itself when the app that started it is killed, even while a parser keeps it busy', async () => {
    const helper = fileURLToPath(new URL('../../../../../tests/helpers/orphanParent.ts', import.meta.url));
    // It kills itself: the command "fails", with the pid on its stdout.
    const ended = (await run(process.execPath, ['--import', 'tsx', helper], { timeout: 60_000 }).catch(
      (error: unknown) => error,
    )) as { signal?: string; stdout: string };
    expect(ended.signal).toBe('SIGKILL');
    const orphan = Number(ended.stdout.trim());
    expect(orphan).toBeGreaterThan(0);
    for (let i = 0; i < 100 && isRunning(orphan); i++) await new Promise((r) => setTimeout(r, 50));
    expect(isRunning(orphan)).toBe(false);
  }, 60_000);

  it('is ended, and its folder removed, when the app exits without stopping it (as a command does)', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', ISOLATED_HOST, 'exit'], {
      timeout: 60_000,
    });
    const { pid, folder } = JSON.parse(stdout) as { pid: number; folder: string };
    expect(folder).toMatch(/send-bundle-reader-/);
    expect(existsSync(folder)).toBe(false);
    for (let i = 0; i < 50 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 20));
    expect(isRunning(pid)).toBe(false);
  }, 60_000);

  it('keeps whoever waits for it to stop waiting, though it was idle (a host closing its idle workers)', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', ISOLATED_HOST, 'stop-idle'], {
      timeout: 60_000,
    });
    expect(stdout).toBe('stopped\n');
  }, 60_000);
});
