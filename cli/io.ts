import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiError } from '../shared/api/errors';
import { IsoDate } from '../shared/domain/case';
import {
  contract,
  type InputOf,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
  type ProgressEvent,
} from '../shared/api/contract';
import { describeIssues } from '../electron/ipc/router';
import type { Services } from '../electron/services';

import { UsageError, type CliIO, type GlobalOptions } from './basics';

export { EXIT_OK, EXIT_REFUSED, UsageError, type CliIO, type Command, type GlobalOptions } from './basics';

/**
 * What a command reaches the app through: the same router as the screens (electron/host/), so the
 * contract's validation runs for scripted use too.
 */
export interface CliApi {
  /** One contract method, validated as the screens' calls are. Failures throw ApiError. */
  call<M extends MethodName>(
    name: M,
    input: InputOf<M>,
    op?: { onProgress?: (progress: ProgressEvent) => void },
  ): Promise<OutputOf<M>>;
  /** Checks an input against a method's contract schema, for the documented exceptions below. */
  validate<M extends MethodName>(name: M, input: InputOf<M>): ParsedInputOf<M>;
  /**
   * The services themselves, for the documented exceptions only, each of which checks its input with
   * `validate` first. The contract leaves out, on purpose, any path the app should write to (a window must
   * never choose where the app writes), so these go to the service with that path:
   *  - `build --out FILE` and `demo --out DIR`: bundle.build, with a copy written to the user's file;
   *  - `case export ID --out FILE`: cases.export, written to the user's file instead of the data folder.
   * `check` and `compare` (cli/commands/) are the other exceptions: they need no data folder, so they call the
   * checker without a host, after `validateInput('checker.check' or 'checker.compare', …)`.
   */
  services: Services;
}

/** Opens the data directory as a host does, runs `work`, closes it again, whatever happens. */
export async function withApi<T>(options: GlobalOptions, work: (api: CliApi) => Promise<T> | T): Promise<T> {
  const unexpected: unknown[] = []; // What the host logged during the current call.
  // Loaded here, not with this module: check, compare and every --help need no data folder, and the host
  // (the database, every service) is most of a command's start-up.
  const [{ openHost }, { resolveDataDir }] = await Promise.all([
    import('../electron/host/open'),
    import('../electron/services/context'),
  ]);
  const host = openHost(resolveDataDir(options.dataDir), { log: (error) => unexpected.push(error) });
  const api: CliApi = {
    async call(name, input, op = {}) {
      unexpected.length = 0;
      const envelope = await host.router.call(name, input, { onProgress: op.onProgress });
      if (envelope.ok) return envelope.value as OutputOf<typeof name>;
      // A bug, not a refusal: the command line shows what really went wrong (exit 70).
      if (envelope.error.code === 'internal' && unexpected.length > 0) throw unexpected.at(-1);
      throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
    },
    validate: validateInput,
    services: host.services,
  };
  try {
    return await work(api);
  } finally {
    host.close();
  }
}

/** A method's input checked against the contract, with the router's message when it is not valid. */
export function validateInput<M extends MethodName>(name: M, input: InputOf<M>): ParsedInputOf<M> {
  const parsed = contract[name].input.safeParse(input);
  if (!parsed.success) {
    throw new ApiError('invalid-input', describeIssues(parsed.error.issues), parsed.error.issues);
  }
  return parsed.data as ParsedInputOf<M>;
}

export function printJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
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
