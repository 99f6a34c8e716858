/** Input the contract refuses, described in plain English (electron/ipc/router.ts). */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from '../../../../electron/ipc/router';
import { CaseFields } from '../../../../shared/domain/case';

const problem = (input: unknown) => {
  const parsed = CaseFields.safeParse(input);
  if (parsed.success) throw new Error('expected a problem');
  return describeIssues(parsed.error.issues);
};

describe('describeIssues', () => {
  const base = { title: 'Case', role: 'parent', appealType: 'refusal-to-assess' };

  it('names a field too long in words, with its limit, not in zod’s terms', () => {
    expect(problem({ ...base, childName: 'x'.repeat(201) })).toBe(
      'The child or young person’s name: too long, at most 200 characters.',
    );
    expect(problem({ ...base, notes: 'x'.repeat(20_001) })).toBe(
      'The notes: too long, at most 20,000 characters.',
    );
  });

  it('gives the schema’s own message as it is, and any other problem with where it is', () => {
    expect(problem({ ...base, title: '  ' })).toBe('Give the case a name.');
    expect(problem({ ...base, childName: 5 })).toMatch(
      /^Some of the information sent was not valid \("childName": Invalid input/,
    );
    const list = z.object({ files: z.array(z.string()).max(2) }).safeParse({ files: ['a', 'b', 'c'] });
    expect(list.success || describeIssues(list.error.issues)).toBe(
      'The files: too many, at most 2 at a time.',
    );
  });
});
