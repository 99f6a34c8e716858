/** Checks of a form's text fields that several screens share, each a problem at its field. */
import { z } from 'zod';
import type { FieldProblem } from './components/ErrorSummary';

/** A name, reference or title longer than the app keeps (shared/domain/case.ts TEXT_MAX), as a problem at its field. */
export function notTooLong(value: string, fieldId: string, what: string, max: number): FieldProblem[] {
  const length = value.trim().length;
  return length > max
    ? [
        {
          fieldId,
          message: `${what} can have at most ${max.toLocaleString('en-GB')} characters (this has ${length.toLocaleString('en-GB')})`,
        },
      ]
    : [];
}

/**
 * The longest text each field of a contract schema takes (its zod `.max`), by field name: so a form can say
 * so at the field, before the service refuses the whole record.
 */
export function textLimitsOf(schema: z.ZodObject): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    let inner: z.ZodType = field as z.ZodType;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable)
      inner = inner.unwrap() as z.ZodType;
    if (inner instanceof z.ZodString && inner.maxLength !== null) limits[name] = inner.maxLength;
  }
  return limits;
}
