/**
 * Finding optional helper programs (LibreOffice for Word files, qpdf for badly damaged PDFs) on this
 * computer, and running them with a time limit and cancellation.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, join, win32 } from 'node:path';

export interface LookupOptions {
  /** Defaults to process.env.PATH. */
  pathEnv?: string;
  platform?: NodeJS.Platform;
  /** Folders to try after PATH (programs that installers do not put on PATH). */
  extraDirs?: string[];
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` found as an executable on PATH (then in `extraDirs`), or null. */
export function findExecutable(names: string[], options: LookupOptions = {}): string | null {
  const platform = options.platform ?? process.platform;
  const dirs = [
    ...(options.pathEnv ?? process.env.PATH ?? '').split(platform === 'win32' ? ';' : delimiter),
    ...(options.extraDirs ?? []),
  ].filter((d) => d.trim() !== '');
  const suffixes = platform === 'win32' ? ['.exe', '.com', '.bat', ''] : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const candidate = join(dir.replace(/^"(.*)"$/, '$1'), name + suffix);
        if (isExecutable(candidate, platform)) return candidate;
      }
    }
  }
  return null;
}

/** Where LibreOffice installs itself when it does not add itself to PATH (Windows, macOS). */
function libreOfficeInstallDirs(platform: NodeJS.Platform): string[] {
  if (platform === 'win32') {
    return [process.env.ProgramFiles, process.env['ProgramFiles(x86)']]
      .filter((d): d is string => Boolean(d))
      .map((d) => join(d, 'LibreOffice', 'program'));
  }
  if (platform === 'darwin') return ['/Applications/LibreOffice.app/Contents/MacOS'];
  return [];
}

/** LibreOffice's command-line converter (`soffice`, or `libreoffice` on some Linux systems). */
export function findSoffice(options: LookupOptions = {}): string | null {
  const platform = options.platform ?? process.platform;
  return findExecutable(['soffice', 'libreoffice'], {
    ...options,
    extraDirs: [...(options.extraDirs ?? []), ...libreOfficeInstallDirs(platform)],
  });
}

export function findQpdf(options: LookupOptions = {}): string | null {
  return findExecutable(['qpdf'], options);
}

/** Poppler's page renderer: the best at drawing a damaged page that must become a picture. */
export function findPdftoppm(options: LookupOptions = {}): string | null {
  return findExecutable(['pdftoppm'], options);
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const OUTPUT_LIMIT = 64 * 1024;

/**
 * Ends a program run by runProgram and everything it started. On POSIX it has its own process group, ended
 * whole. On Windows there are no groups, and ending the program alone is not enough: LibreOffice's
 * `soffice.exe` starts the converter, `soffice.bin`, and waits for it, so the converter of a file that made it
 * spin would run on, using a core and holding the conversion's folder; `taskkill /T` ends the whole tree
 * (taken from the Windows folder, not PATH). Where taskkill cannot be started, the program itself is ended.
 */
export function killProcessTree(
  child: { pid?: number; kill: (signal: NodeJS.Signals) => boolean },
  platform: NodeJS.Platform = process.platform,
  spawnProgram: typeof spawn = spawn,
): void {
  if (child.pid === undefined) return;
  try {
    if (platform !== 'win32') {
      process.kill(-child.pid, 'SIGKILL');
      return;
    }
    const taskkill = win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'taskkill.exe');
    spawnProgram(taskkill, ['/PID', String(child.pid), '/T', '/F'], {
      windowsHide: true,
      stdio: 'ignore',
    }).on('error', () => child.kill('SIGKILL'));
  } catch {
    // Already gone, or taskkill could not be started at all: end the program itself.
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Why a run was stopped, as an Error: the abort signal's reason when it is one (it always is in this app). */
function stopError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error('Stopped.');
}

/**
 * Runs a program (no shell) and resolves with its exit code and (the start of) its output. Rejects if it
 * cannot start, runs past `timeoutMs` (the error has `killed: true`) or `signal` is aborted. A timeout or
 * cancel also ends what it started (killProcessTree: LibreOffice's `soffice` is a script, or on Windows a
 * launcher, that starts the real converter as a child or grandchild).
 */
export function runProgram(
  file: string,
  args: string[],
  options: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<RunResult> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(stopError(signal.reason));
      return;
    }
    const posix = process.platform !== 'win32';
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      detached: posix,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < OUTPUT_LIMIT) stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < OUTPUT_LIMIT) stderr += chunk.toString('utf8');
    });
    let stopReason: Error | null = null;
    const killAll = () => killProcessTree(child);
    const timer = setTimeout(() => {
      stopReason = Object.assign(
        new Error(`${basename(file)} did not finish within ${options.timeoutMs / 1000} s`),
        {
          killed: true,
        },
      );
      killAll();
    }, options.timeoutMs);
    const onAbort = () => {
      stopReason = stopError(signal?.reason);
      killAll();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const finish = (error: Error | null, code?: number | null, killedBy?: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else if (stopReason) reject(stopReason);
      else if (code === null || code === undefined)
        reject(new Error(`${basename(file)} was stopped (${killedBy})`));
      else resolve({ exitCode: code, stdout, stderr });
    };
    child.on('error', (error) => finish(error));
    child.on('close', (code, killedBy) => finish(null, code, killedBy));
  });
}
