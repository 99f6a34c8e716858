/**
 * The text of a group a pattern requires, from a match of that pattern. TypeScript cannot know a required
 * group took part in the match (with noUncheckedIndexedAccess it says `string | undefined`); this says it,
 * and fails loudly if the pattern is ever changed so that it did not.
 */
export function requiredGroup(match: RegExpExecArray, index: number): string {
  const text = match[index];
  if (text === undefined) throw new Error(`Group ${index} of ${match[0]} took no part in the match.`);
  return text;
}
