import type { z } from 'zod';
import {
  contract,
  METHOD_NAMES,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
  type ProgressEvent,
} from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Envelope } from '../../shared/api/host';
import { storageFault } from '../services/storageFaults';

interface OperationContext {
  onProgress: (event: ProgressEvent) => void;
  signal: AbortSignal;
}

type Handler<M extends MethodName> = (
  input: ParsedInputOf<M>,
  op: OperationContext,
) => OutputOf<M> | Promise<OutputOf<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

export interface Router {
  call(name: unknown, rawInput: unknown, op?: Partial<OperationContext>): Promise<Envelope>;
}

/** What a field is called in a message, where its name in the contract does not say it well. */
const FIELD_WORDS: Record<string, string> = {
  title: 'the name',
  childName: 'the child or young person’s name',
  laName: 'the name of the local authority (or responsible body)',
  tribunalRef: 'the tribunal reference',
  appellantName: 'the name of the person appealing (or claiming)',
  roleTitle: 'the job title',
  author: 'who wrote it',
};

/** "childName" as words: "the child name", unless FIELD_WORDS says better. */
function fieldWords(path: readonly PropertyKey[]): string | null {
  const name = [...path].reverse().find((key): key is string => typeof key === 'string');
  if (!name) return null;
  return FIELD_WORDS[name] ?? `the ${name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/**
 * One problem with input, in plain English: a text too long or empty, or too many of something, named by its
 * field; any other problem in the contract's own words (those given in the schema are already plain).
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const field = fieldWords(issue.path);
  const named = (text: string) =>
    field ? `${field[0].toUpperCase()}${field.slice(1)}: ${text}` : `Not valid: ${text}`;
  // The schema's own messages ("Give the case a name.") are already plain; zod's start so.
  if (!/^(Too big|Too small|Invalid|Expected|Unrecognized)\b/.test(issue.message)) return issue.message;
  const isDefault = /^(Too big|Too small):/.test(issue.message);
  if (isDefault && issue.code === 'too_big' && issue.origin === 'string')
    return named(`too long, at most ${Number(issue.maximum).toLocaleString('en-GB')} characters.`);
  if (isDefault && issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
    return named('empty; it needs an answer.');
  if (isDefault && issue.code === 'too_big' && issue.origin === 'array')
    return named(`too many, at most ${Number(issue.maximum).toLocaleString('en-GB')} at a time.`);
  const where = issue.path.length > 0 ? `"${issue.path.map(String).join('.')}": ` : '';
  return `Some of the information sent was not valid (${where}${issue.message}).`;
}

/** The plain-English message for input that does not match the contract: its first problem. */
export function describeIssues(issues: z.core.$ZodIssue[]): string {
  const first = issues[0];
  return first ? describeIssue(first) : 'Some of the information sent was not valid.';
}

export interface RouterOptions {
  /**
   * The data folder the handlers write to, whose disk's free space tells a full disk from a failing one
   * when a write fails with a disk error.
   */
  dataDir?: string;
  /**
   * Why the data folder cannot be used any more (moved, deleted, its drive gone), or null: asked before
   * and after each call, as the open database would otherwise go on taking writes that are then lost.
   */
  folderGone?: () => ApiError | null;
}

export function createRouter(
  handlers: Handlers,
  log: (error: unknown) => void = console.error,
  { dataDir, folderGone = () => null }: RouterOptions = {},
): Router {
  return {
    async call(name, rawInput, op = {}) {
      if (typeof name !== 'string' || !(METHOD_NAMES as string[]).includes(name)) {
        return {
          ok: false,
          error: { code: 'unknown-method', message: 'The app asked for something it does not have.' },
        };
      }
      const method = name as MethodName;
      const parsed = contract[method].input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid-input',
            message: describeIssues(parsed.error.issues),
            details: parsed.error.issues,
          },
        };
      }
      const context: OperationContext = {
        onProgress: op.onProgress ?? (() => {}),
        signal: op.signal ?? new AbortController().signal,
      };
      const gone = folderGone();
      if (gone) return { ok: false, error: gone.toJSON() };
      try {
        const handler = handlers[method] as Handler<MethodName>;
        const value = await handler(parsed.data, context);
        // Gone while the call ran: what it wrote went into a file no one can open again.
        const goneSince = folderGone();
        if (goneSince) return { ok: false, error: goneSince.toJSON() };
        return { ok: true, value };
      } catch (error) {
        const goneSince = folderGone();
        if (goneSince) return { ok: false, error: goneSince.toJSON() };
        if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
        const fault = storageFault(error, undefined, dataDir);
        if (fault) return { ok: false, error: fault.toJSON() };
        if (context.signal.aborted) return { ok: false, error: { code: 'cancelled', message: 'Stopped.' } };
        log(error);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'Something went wrong inside the app. Your saved work is safe. Please try again.',
          },
        };
      }
    },
  };
}
