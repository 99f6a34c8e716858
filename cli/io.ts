import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiError } from '../shared/api/errors';
import { IsoDate } from '../shared/domain/types';
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

/** A record number typed on the command line (case 3, recommendation 12): a whole number above 0, else `problem`. */
export function parseId(value: string | undefined, problem: string): number {
  const id = Number(value);
  if (!value || !Number.isInteger(id) || id <= 0) throw new UsageError(problem);
  return id;
}

/** The case number, the first thing most commands take; `example` shows the command typed correctly. */
export function parseCaseId(value: string | undefined, example?: string): number {
  return parseId(value, example ? `Give the case number, for example: ${example}` : 'Give the case number.');
}

/** An optional date option (`--date`): a real calendar date written YYYY-MM-DD when it is given. */
export function checkDateOption(value: string | undefined, option: string): void {
  if (value !== undefined && !IsoDate.safeParse(value).success)
    throw new UsageError(`${option} must be a real date written YYYY-MM-DD.`);
}
