import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiError } from '../shared/api/errors';
import { closeServiceContext, openServiceContext, resolveDataDir } from '../electron/services/context';
import { createServices, type Services } from '../electron/services';

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

/** Opens the data directory, runs `work`, closes it again, whatever happens. */
export async function withServices<T>(
  options: GlobalOptions,
  work: (services: Services) => Promise<T> | T,
): Promise<T> {
  const ctx = openServiceContext(resolveDataDir(options.dataDir));
  try {
    return await work(createServices(ctx));
  } finally {
    closeServiceContext(ctx);
  }
}

export function printJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code !== 'internal';
}

export interface Command {
  summary: string;
  usage: string;
  run(args: string[], globals: GlobalOptions, io: CliIO): Promise<number>;
}

/** parseArgs with our usage errors: a thin wrapper commands share. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
