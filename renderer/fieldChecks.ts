/** Checks of a form's text fields that several screens share, each a problem at its field. */
import type { FieldProblem } from './components/ErrorSummary';

/** A name, reference or title longer than the app keeps (shared/domain/case.ts TEXT_MAX), as a problem at its field. */
export function notTooLong(value: string, fieldId: string, what: string, max: number): FieldProblem[] {
  const length = value.trim().length;
  return length > max
    ? [
        {
          fieldId,
          message: `${what} can have at most ${max} characters (this has ${length.toLocaleString('en-GB')})`,
        },
      ]
    : [];
}
