/**
 * The set-up checks a name or reference against what the case can keep before anything is sent: the
 * problem is at the field, where it can be put right, not an error from the contract after Save.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, questionsFor, type Draft } from '../../../../../renderer/screens/setup/interview';
import { TEXT_MAX } from '../../../../../shared/domain/case';

const problems = (draft: Draft, role: 'parent' | 'la' | 'health-commissioner') =>
  questionsFor(draft, role).flatMap((q) => q.check?.(draft, role) ?? []);

describe('the set-up’s names and references', () => {
  const draft: Draft = {
    ...EMPTY_DRAFT,
    mediation: 'no',
    appealType: 'refusal-to-issue',
    childName: 'Sam',
    yourName: 'Alex',
    laName: 'Anytown',
  };

  it('are refused at their field when longer than the case keeps, saying by how much', () => {
    const long = 'x'.repeat(TEXT_MAX.name + 1);
    expect(problems({ ...draft, childName: long }, 'parent')).toEqual([
      { fieldId: 'child-name', message: 'The name can have at most 200 characters (this has 201)' },
    ]);
    for (const [field, fieldId] of [
      ['laName', 'la-name'],
      ['yourName', 'your-name'],
      ['yourJob', 'your-job'],
      ['appellantName', 'appellant-name'],
    ] as const)
      expect(
        problems({ ...draft, [field]: long }, 'la').map((p) => p.fieldId),
        field,
      ).toEqual([fieldId]);
    expect(
      problems({ ...draft, yourOrganisation: long }, 'health-commissioner').map((p) => p.fieldId),
    ).toContain('your-organisation');
    expect(problems({ ...draft, tribunalRef: 'E'.repeat(TEXT_MAX.reference + 1) }, 'la')).toEqual([
      { fieldId: 'tribunal-ref', message: 'The reference can have at most 100 characters (this has 101)' },
    ]);
  });

  it('are accepted up to the limit', () => {
    const full = 'x'.repeat(TEXT_MAX.name);
    expect(problems({ ...draft, childName: full, laName: full, appellantName: full }, 'la')).toEqual([]);
  });
});
