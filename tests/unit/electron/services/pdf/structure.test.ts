/**
 * The quick check of a PDF's skeleton (its tables and trailer) that decides whether import keeps a file as
 * it is or re-saves it.
 */
import { describe, expect, it } from 'vitest';
import { findStructureProblem } from '../../../../../electron/services/pdf/structure';
import { updatedPdf } from '../../../../helpers/damage';

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
