/**
 * The log file and the words of the "something went wrong" dialog. The log holds error messages and
 * stack traces only: never documents, and never the contents of a case.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Log {
  readonly file: string;
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

const MAX_LOG_BYTES = 1024 * 1024;

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** An append-only text log; when it passes 1 MB the old one is kept as `<file>.1` and a new one started. */
export function createLog(file: string, now: () => Date = () => new Date()): Log {
  const write = (level: string, message: string) => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      try {
        if (statSync(file).size > MAX_LOG_BYTES) {
          rmSync(`${file}.1`, { force: true });
          renameSync(file, `${file}.1`);
        }
      } catch {
        // No log yet.
      }
      appendFileSync(file, `${now().toISOString()} ${level} ${message}\n`);
    } catch {
      // Logging must never be the reason the app fails.
    }
  };
  return {
    file,
    info: (message) => write('INFO', message),
    error: (message, error) =>
      write('ERROR', error === undefined ? message : `${message}\n${describeError(error)}`),
  };
}

type ProblemKind =
  /** The app could not start (the database could not be opened, the data folder is not writable...). */
  | 'startup'
  /** An unexpected error in the main process: the app carries on, but tells the user. */
  | 'main'
  /** The window's page crashed or stopped responding: it can be reloaded. */
  | 'window';

interface ProblemDialog {
  type: 'error';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

/**
 * What the user reads when something goes wrong: what happened, that their saved work is safe and where
 * it is, and where the log is if someone helping them asks for it.
 */
export function problemDialog(
  kind: ProblemKind,
  where: { dataDir: string; logFile: string },
  reason?: string,
): ProblemDialog {
  const safe = `Your cases and documents are safe. Everything you saved is kept in:\n${where.dataDir}`;
  const log = `A record of what went wrong is in:\n${where.logFile}\nIf you ask someone for help, send them that file. It does not contain your documents.`;
  switch (kind) {
    case 'startup':
      return {
        type: 'error',
        title: 'SEND Bundle Builder could not start',
        message: reason ?? 'SEND Bundle Builder could not open your cases, so it cannot start.',
        detail: `${safe}\n\nNothing has been changed or deleted.\n\n${log}`,
        buttons: ['Close'],
        defaultId: 0,
        cancelId: 0,
      };
    case 'window':
      return {
        type: 'error',
        title: 'SEND Bundle Builder stopped working',
        message: 'The app window stopped working. Reload it to carry on where you left off.',
        detail: `${safe}\n\nAnything you had not finished typing may need to be entered again.\n\n${log}`,
        buttons: ['Reload', 'Close the app'],
        defaultId: 0,
        cancelId: 1,
      };
    case 'main':
      return {
        type: 'error',
        title: 'SEND Bundle Builder had a problem',
        message:
          'Something went wrong inside the app. You can carry on, but if things look wrong, close and reopen it.',
        detail: `${safe}\n\n${log}`,
        buttons: ['OK'],
        defaultId: 0,
        cancelId: 0,
      };
  }
}
