/**
 * Errors crossing the worker boundary keep what callers act on: an import refusal's code and words, an
 * API error's code, message and details, and otherwise the message.
 */
import { ApiError, type ErrorCode } from '../../../shared/api/errors';
import type { ImportRefusalCode } from '../../../shared/domain/documents';
import { ImportRefusal } from '../documents/refusals';

export type WireError =
  | { kind: 'refusal'; code: ImportRefusalCode; message: string }
  | { kind: 'api'; code: ErrorCode; message: string; details?: unknown }
  | { kind: 'other'; name: string; message: string; stack?: string; code?: string };

export function toWire(error: unknown): WireError {
  if (error instanceof ImportRefusal) return { kind: 'refusal', code: error.code, message: error.message };
  if (error instanceof ApiError)
    return { kind: 'api', code: error.code, message: error.message, details: structuredSafe(error.details) };
  const e = error as (Error & { code?: unknown }) | undefined;
  return {
    kind: 'other',
    name: e?.name ?? 'Error',
    message: e?.message ?? String(error),
    stack: e?.stack,
    // Storage faults (ENOSPC, EROFS…) are recognised by their code on the other side.
    code: typeof e?.code === 'string' ? e.code : undefined,
  };
}

export function fromWire(wire: WireError): Error {
  if (wire.kind === 'refusal') return new ImportRefusal(wire.code, wire.message);
  if (wire.kind === 'api') return new ApiError(wire.code, wire.message, wire.details);
  const error = new Error(wire.message) as Error & { code?: string };
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  if (wire.code) error.code = wire.code;
  return error;
}

function structuredSafe(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return undefined;
  }
}
