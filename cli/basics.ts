/**
 * What every command and the entry share, kept apart from io.ts (which opens the app) so that starting the
 * command line, and `send-bundle --help`, load nothing heavy.
 */
import { ApiError } from '../shared/api/errors';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was typed: exit 2 with the usage text. */
export class UsageError extends Error {}

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface GlobalOptions {
  dataDir?: string;
  json: boolean;
}

export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code !== 'internal';
}

/** A command; its one-line summary is in the list of commands (cli/main.ts). */
export interface Command {
  usage: string;
  run(args: string[], globals: GlobalOptions, io: CliIO): Promise<number>;
}

/** Pulls the options every command shares out of argv, wherever they appear. */
export function splitGlobals(argv: string[]): { globals: GlobalOptions; rest: string[] } {
  const globals: GlobalOptions = { json: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') globals.json = true;
    else if (arg === '--data-dir') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError('--data-dir needs a folder.');
      globals.dataDir = value;
    } else if (arg.startsWith('--data-dir=')) globals.dataDir = arg.slice('--data-dir='.length);
    else rest.push(arg);
  }
  return { globals, rest };
}
