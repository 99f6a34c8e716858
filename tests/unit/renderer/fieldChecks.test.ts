/** The text-field checks screens share (renderer/fieldChecks.ts). */
import { describe, expect, it } from 'vitest';
import { notTooLong } from '../../../renderer/fieldChecks';

describe('notTooLong', () => {
  it('is a problem at the field past the limit, counting what was typed without the spaces around it', () => {
    expect(notTooLong('x'.repeat(1201), 'notes', 'The note', 1200)).toEqual([
      { fieldId: 'notes', message: 'The note can have at most 1200 characters (this has 1,201)' },
    ]);
    expect(notTooLong(`  ${'x'.repeat(1200)}  `, 'notes', 'The note', 1200)).toEqual([]);
  });
});
