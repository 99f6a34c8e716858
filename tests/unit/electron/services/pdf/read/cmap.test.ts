/**
 * The checker's reader of a font's /ToUnicode CMap (pdf/read/cmap.ts): what it maps, and the bounds that keep
 * a hostile CMap from costing minutes.
 */
import { describe, expect, it } from 'vitest';
import { parseToUnicode, splitCodes } from '../../../../../../electron/services/pdf/read/cmap';

const cmapOf = (body: string) => Buffer.from(`begincmap\n${body}\nendcmap\n`, 'latin1');

describe('a ToUnicode CMap', () => {
  it('maps single codes and ranges, counting up from the range’s text', () => {
    const cmap = parseToUnicode(
      cmapOf(
        '1 begincodespacerange <00> <FF> endcodespacerange\n' +
          '2 beginbfchar <01> <0053> <02> <0061> endbfchar\n' +
          '1 beginbfrange <10> <12> <0041> endbfrange',
      ),
    );
    expect([...cmap.map]).toEqual([
      [1, 'S'],
      [2, 'a'],
      [16, 'A'],
      [17, 'B'],
      [18, 'C'],
    ]);
    expect(splitCodes(Uint8Array.of(1, 2, 16), cmap.codeSpace, 2)).toEqual([1, 2, 16]);
  });

  it('stops mapping after 200,000 codes: a thousand ranges of every two-byte code read in a moment', () => {
    // 1.4 KB compressed in a file: before, 8 s to read for each font naming it (a check of one page: 91 s).
    const ranges = Array.from({ length: 10 }, () =>
      ['100 beginbfrange', ...Array.from({ length: 100 }, () => '<0000> <FFFF> <0041>'), 'endbfrange'].join(
        '\n',
      ),
    );
    const started = performance.now();
    const cmap = parseToUnicode(
      cmapOf(['1 begincodespacerange <0000> <FFFF> endcodespacerange', ...ranges].join('\n')),
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    // The first range is read whole: every code mapped, counting up from "A".
    expect(cmap.size).toBe(65_536);
    expect(cmap.map.get(0)).toBe('A');
    expect(cmap.map.get(1)).toBe('B');
  });
});
