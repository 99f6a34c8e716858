import { describe, expect, it } from 'vitest';
import { collapseWhiteSpace, isWhiteSpaceCode } from '../../../../shared/text/whiteSpace';

/** Every UTF-16 code unit `\s` matches, from the engine itself. */
const SPACE_CODES = Array.from({ length: 0x10000 }, (_, code) => code).filter((code) =>
  /\s/.test(String.fromCharCode(code)),
);

/** Strings of letters and of every kind of white space, at random but the same each run. */
function samples(count: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = ['a', 'Z', '9', '.', '\u00e9', '\ud83d\ude00', '\u0000', '\u001f', ' ', ' ', ' '];
  for (const code of SPACE_CODES) alphabet.push(String.fromCharCode(code));
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * 12);
    return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  });
}

describe('white space as \\s knows it', () => {
  it('isWhiteSpaceCode agrees with \\s on every UTF-16 code unit', () => {
    const ours = Array.from({ length: 0x10000 }, (_, code) => code).filter(isWhiteSpaceCode);
    expect(ours).toEqual(SPACE_CODES);
  });

  it("collapseWhiteSpace is replace(/\\s+/g, ' ').trim()", () => {
    const texts = ['', ' ', 'a', 'a ', ' a', 'a b', 'a  b', 'a\tb', 'a \u00a0b', 'a b ', ...samples(20_000)];
    for (const text of texts) expect(collapseWhiteSpace(text)).toBe(text.replace(/\s+/g, ' ').trim());
  });
});
