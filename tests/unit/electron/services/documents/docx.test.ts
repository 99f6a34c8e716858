/** What import reads of Word files itself, before LibreOffice (electron/services/documents/docx.ts). */
import { describe, expect, it } from 'vitest';
import { wordBinaryEncrypted } from '../../../../../electron/services/documents/docx';
import { wordBinary } from '../../../../helpers/wordBinary';

describe('wordBinaryEncrypted', () => {
  it("reads a Word 97-2003 file's need of a password from its header, Word 6 and 95's too", () => {
    expect(wordBinaryEncrypted(wordBinary(0xa5ec, 0x0100))).toBe(true);
    expect(wordBinaryEncrypted(wordBinary(0xa5dc, 0x0100 | 0x0200))).toBe(true);
    expect(wordBinaryEncrypted(wordBinary(0xa5ec, 0x0200))).toBe(false);
    // The stream's name in capitals, as some programs write it.
    expect(wordBinaryEncrypted(wordBinary(0xa5ec, 0x0100, 'WORDDOCUMENT'))).toBe(true);
  });

  it('says no where the file is not one it can read for it', () => {
    expect(wordBinaryEncrypted(wordBinary(0x1234, 0x0100))).toBe(false);
    expect(
      wordBinaryEncrypted(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3])),
    ).toBe(false);
    expect(wordBinaryEncrypted(new Uint8Array(0))).toBe(false);
  });
});
