/**
 * scripts/asciiOutput.mjs: the CLI's bundles made pure ASCII without changing what the code does.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../../scripts/asciiOutput.mjs';

const isAscii = (text: string) => [...text].every((c) => c.charCodeAt(0) < 0x80);

describe('asciiOnly', () => {
  it('escapes comments, regular expressions and identifiers, and the code does the same', () => {
    const code = [
      '/** A dash – and an egg 🥚 */',
      '// “quoted” in a line comment',
      'const dash = /^\\s*[-–—:]\\s*$/;',
      'const egg = /^(?:🥚)+$/;',
      'const eggU = /^🥚+$/u;',
      'const café = "–" + "\\u2014";',
      'const word = café;',
      'const plain = `a ${word} b`;',
      'const rawDash = new RegExp(String.raw`^\\u2013$`);',
      '({ dash: dash.test("–"), emDash: dash.test(" — "), egg: egg.test("🥚🥚"), eggU: eggU.test("🥚"),',
      '   notEgg: egg.test("x"), café, plain, raw: rawDash.test("–") })',
    ].join('\n');
    const ascii = asciiOnly(code);
    expect(ascii.unsafe).toBeUndefined();
    expect(isAscii(ascii.code!)).toBe(true);
    expect(ascii.code).toContain('\\u2013');
    expect(ascii.code).toContain('\\ud83e\\udd5a'); // the egg, as its two UTF-16 halves
    const before = runInNewContext(code);
    expect(before).toEqual({
      dash: true,
      emDash: true,
      egg: true,
      eggU: true,
      notEgg: false,
      café: '–—',
      plain: 'a –— b',
      raw: true,
    });
    expect(runInNewContext(ascii.code!)).toEqual(before);
  });

  it('leaves a file whose template on a line of code has a non-ASCII character, and says where', () => {
    const code = 'const a = 1;\n// a comment with `code` – fine\nconst sep = String.raw`\\s*(?:-|–)\\s*`;\n';
    const ascii = asciiOnly(code);
    expect(ascii.code).toBeUndefined();
    expect(ascii.unsafe).toEqual({ line: 3, text: 'const sep = String.raw`\\s*(?:-|–)\\s*`;' });
  });

  it('returns ASCII code as it is', () => {
    const code = 'const a = /x/; // plain\n';
    expect(asciiOnly(code)).toEqual({ code });
  });
});
