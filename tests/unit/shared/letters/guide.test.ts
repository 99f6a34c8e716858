import { describe, expect, it } from 'vitest';
import type { LetterField } from '../../../../shared/domain/letters';
import { answerNotes } from '../../../../shared/letters/guide';

const witnesses: LetterField = {
  name: 'witnesses',
  label: 'Witnesses',
  question: 'Who will give evidence?',
  type: 'records',
  required: false,
  itemFields: [{ name: 'name', label: 'Name', question: 'Name?', type: 'text', required: true }],
  usualMost: { count: 3, items: 'witnesses', advice: 'Ask with form SEND7.' },
};
const list = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `W${i}` }));

describe('answerNotes', () => {
  it('says when a table has more items than usually allowed, and not at the limit', () => {
    expect(answerNotes([witnesses], { witnesses: list(3) })).toEqual([]);
    expect(answerNotes([witnesses], { witnesses: list(5) })).toEqual([
      '5 witnesses are listed; the usual limit is 3. Ask with form SEND7.',
    ]);
  });

  it('says nothing about a table that is not asked, given the facts beside it', () => {
    const onlyWhenCalling: LetterField = { ...witnesses, when: { field: 'calling', in: ['yes'] } };
    expect(answerNotes([onlyWhenCalling], { calling: 'no', witnesses: list(5) })).toEqual([]);
    expect(answerNotes([onlyWhenCalling], { calling: 'yes', witnesses: list(5) })).toHaveLength(1);
  });
});
