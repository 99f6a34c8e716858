/** The text-field checks screens share (renderer/fieldChecks.ts). */
import { describe, expect, it } from 'vitest';
import { notTooLong, textLimitsOf } from '../../../renderer/fieldChecks';
import { RecommendationFields, WitnessFields } from '../../../shared/domain/caseRecords';

describe('notTooLong', () => {
  it('is a problem at the field past the limit, counting what was typed without the spaces around it', () => {
    expect(notTooLong('x'.repeat(1201), 'notes', 'The note', 1200)).toEqual([
      { fieldId: 'notes', message: 'The note can have at most 1,200 characters (this has 1,201)' },
    ]);
    expect(notTooLong(`  ${'x'.repeat(1200)}  `, 'notes', 'The note', 1200)).toEqual([]);
  });
});

describe('textLimitsOf', () => {
  it("reads each text field's longest answer from the contract, through optional and nullable", () => {
    expect(textLimitsOf(WitnessFields)).toEqual({
      name: 200,
      role: 200,
      organisation: 200,
      interpreterLanguage: 100,
      accessNeeds: 2000,
    });
    expect(textLimitsOf(RecommendationFields)).toMatchObject({
      text: 5000,
      responder: 200,
      responseText: 10000,
    });
    expect(textLimitsOf(RecommendationFields)).not.toHaveProperty('madeDate');
  });
});
