/**
 * The array set aside for the next file pdf.js reads in ranges (pdfjsFile.ts): given once, to a file that
 * fits, and only where pdf.js takes it (the command line's, scripts/pdfjsLoad.mjs).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setAsideFileBuffer } from '../../../../../../electron/services/pdf/read/pdfjsFile';

const take = (length: number) => globalThis.__sendBundlePdfjsFileBuffer!(length);

afterEach(() => {
  setAsideFileBuffer(0);
  globalThis.__sendBundlePdfjsTakesFileBuffer = undefined;
});

describe('the array set aside for the next file pdf.js reads in ranges', () => {
  it('is given once, as long as the file, to the first file that fits', () => {
    globalThis.__sendBundlePdfjsTakesFileBuffer = true;
    setAsideFileBuffer(1000);
    const given = take(800)!;
    expect(given).toHaveLength(800);
    expect(given.buffer.byteLength).toBe(1000);
    expect(given.every((b) => b === 0)).toBe(true);
    expect(take(800)).toBeUndefined();
  });

  it('is let go, not kept, when the next file does not fit in it', () => {
    globalThis.__sendBundlePdfjsTakesFileBuffer = true;
    setAsideFileBuffer(500);
    expect(take(800)).toBeUndefined();
    expect(take(100)).toBeUndefined();
  });

  it('is not made where pdf.js does not take it', () => {
    setAsideFileBuffer(1000);
    expect(take(100)).toBeUndefined();
  });
});
