/**
 * The arguments of `send-bundle check`, apart from the command (which loads the checker): cli/early.ts
 * reads the file's name from them before the command has loaded, to start scanning it.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const CHECK_OPTIONS = {
  rules: { type: 'string' },
  'appeal-type': { type: 'string' },
  report: { type: 'string' },
} as const;

/** The file `check` is given (its absolute path), or null when the arguments do not name exactly one. */
export function fileToCheck(args: string[]): string | null {
  try {
    const { positionals } = parseArgs({ args, options: CHECK_OPTIONS, allowPositionals: true, strict: true });
    return positionals.length === 1 ? resolve(positionals[0]) : null;
  } catch {
    return null;
  }
}
