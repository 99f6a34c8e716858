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

/** The plain-English message for input that does not match the contract. */
export function describeIssues(issues: z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first) return 'Some of the information sent was not valid.';
  const where = first.path.length > 0 ? `"${first.path.join('.')}": ` : '';
  return `Some of the information sent was not valid (${where}${first.message}).`;
}

export function createRouter(handlers: Handlers, log: (error: unknown) => void = console.error): Router {
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
      try {
        const handler = handlers[method] as Handler<MethodName>;
        const value = await handler(parsed.data, context);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
        const fault = storageFault(error);
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
