/** Every failure that crosses the API is one of these, with a message a parent can understand. */
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'refused',
  'conflict',
  'cancelled',
  'unknown-method',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorShape).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as ApiErrorShape).code) &&
    typeof (value as ApiErrorShape).message === 'string'
  );
}
