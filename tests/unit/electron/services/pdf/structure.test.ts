/**
 * The quick check of a PDF's skeleton (its tables and trailer) that decides whether import keeps a file as
 * it is or re-saves it.
 */
import { describe, expect, it } from 'vitest';
import { cutShortUpdate, findStructureProblem } from '../../../../../electron/services/pdf/structure';
import { cutLinearizedPdf, cutUpdateXrefStreamPdf, updatedPdf } from '../../../../helpers/damage';

const withTail = (bytes: Uint8Array, tail: string) =>
  new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(tail, 'latin1')]));

describe('objects after the end-of-file marker', () => {
  it('finds an update whose table and trailer were cut off', () => {
    expect(findStructureProblem(updatedPdf(true))).toMatch(/objects follow its end that no table lists/);
  });

  it('finds nothing in the whole updated file', () => {
    expect(findStructureProblem(updatedPdf())).toBeNull();
  });

  it.each([
    ['blank lines and zeros', '\r\n\0\0\0\0\n'],
    ['words that are no object', 'an obj 12 objects 3 0 objection\n'],
  ])('lets %s after the end pass', (_, tail) => {
    expect(findStructureProblem(withTail(updatedPdf(), tail))).toBeNull();
  });
});

describe('cutShortUpdate', () => {
  it('is where the last whole revision ends, its line end with it', async () => {
    for (const cut of [updatedPdf(true), await cutUpdateXrefStreamPdf()]) {
      const end = cutShortUpdate(cut)!;
      expect(Buffer.from(cut.subarray(0, end)).toString('latin1')).toMatch(
        /startxref\s+\d+\s+%%EOF(\r?\n)?$/,
      );
      expect(Buffer.from(cut.subarray(end, end + 12)).toString('latin1')).toMatch(/^\d+ 0 obj/);
      expect(findStructureProblem(cut.subarray(0, end))).toBeNull();
    }
  });

  // The file up to a linearized file's first-page end-of-file marker would be nothing: such a file was
  // cut to a few hundred bytes and refused (fuzz --base seed 7).
  it("is null for a linearized file cut short, whose only end-of-file marker left is its first page's", () => {
    const cut = cutLinearizedPdf();
    expect(findStructureProblem(cut)).toMatch(/objects follow its end/);
    expect(cutShortUpdate(cut)).toBeNull();
  });

  it('is null for a whole file, and for one with only blanks or words after its end', () => {
    expect(cutShortUpdate(updatedPdf())).toBeNull();
    expect(cutShortUpdate(withTail(updatedPdf(), 'an obj 12 objects 3 0 objection\n'))).toBeNull();
  });
});
