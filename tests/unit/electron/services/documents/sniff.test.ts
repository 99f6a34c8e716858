/** What a file is, from its first bytes (electron/services/documents/sniff.ts): files of a few bytes. */
import { describe, expect, it } from 'vitest';
import { sniffFileType } from '../../../../../electron/services/documents/sniff';

describe('sniffFileType', () => {
  // An attached file is copied into memory of its own (email.ts), so its bytes end where its buffer does.
  it('reads a file of a few bytes in memory of its own without failing', () => {
    const starts = [
      [],
      [0x41],
      [0x52, 0x49],
      [0x52, 0x49, 0x46],
      [0x00, 0x00, 0x00],
      [0xff, 0xd8],
      [0x25, 0x50, 0x44],
    ];
    for (const start of starts) {
      const bytes = new Uint8Array(new ArrayBuffer(start.length));
      bytes.set(start);
      expect(() => sniffFileType(bytes), `bytes ${start.join(',')}`).not.toThrow();
    }
    expect(sniffFileType(new Uint8Array(new ArrayBuffer(3)).fill(0x41))).toEqual({ kind: 'text' });
  });
});
