/**
 * Finding optional helper programs (LibreOffice for Word files, qpdf for badly damaged PDFs) on this
 * computer, and running them with a time limit and cancellation.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

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

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (no shell) and resolves with its exit code; rejects only if it cannot start, times out or is cancelled. */
export function runProgram(
  file: string,
  args: string[],
  options: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        timeout: options.timeoutMs,
        signal: options.signal,
        env: options.env,
        cwd: options.cwd,
        maxBuffer: 4 * 1024 * 1024,
        windowsHide: true,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        const code = (error as (NodeJS.ErrnoException & { code?: unknown }) | null)?.code;
        if (error && typeof code !== 'number') {
          reject(error);
          return;
        }
        resolve({ exitCode: typeof code === 'number' ? code : 0, stdout, stderr });
      },
    );
  });
}
