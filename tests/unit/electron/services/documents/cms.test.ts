/**
 * The message inside an S/MIME signature (electron/services/documents/cms.ts), from emails OpenSSL signed
 * and encrypted (tests/fixtures/smime/README.md), and from damaged ones.
 */
import { describe, expect, it } from 'vitest';
import {
  CmsDamaged,
  openSealedContent,
  sealedContentOf,
} from '../../../../../electron/services/documents/cms';
import { p7mOf as p7m, smimeFixture } from '../../../../helpers/smime';

const INNER_START = 'Content-Type: multipart/mixed; boundary="inner"';

describe('openSealedContent', () => {
  it('takes the message out of a signature with definite lengths (DER) and of a streamed one in pieces (BER)', () => {
    const der = openSealedContent(p7m('opaque-signed.eml'));
    const ber = openSealedContent(p7m('opaque-signed-streamed.eml'));
    expect(der.kind).toBe('signed');
    expect(ber.kind).toBe('signed');
    if (der.kind !== 'signed' || ber.kind !== 'signed') return;
    expect(Buffer.from(der.content).toString('utf8')).toMatch(new RegExp(`^${INNER_START}`));
    expect(Buffer.from(der.content).toString('utf8')).toContain('The decision letter for Zoë is attached.');
    expect(Buffer.from(ber.content)).toEqual(Buffer.from(der.content));
  });

  it('says an encrypted message is encrypted, and a detached signature holds no message', () => {
    expect(openSealedContent(p7m('encrypted.eml'))).toEqual({ kind: 'encrypted' });
    expect(openSealedContent(smimeFixture('detached-signature.p7s'))).toEqual({
      kind: 'signed-without-content',
    });
  });

  it('refuses what is not CMS, cut short or damaged, saying so, and never reads past its bytes', () => {
    const whole = p7m('opaque-signed-streamed.eml');
    expect(sealedContentOf(Buffer.from('Content-Type: text/plain\r\n\r\nHello'))).toBeNull();
    for (let length = 0; length < whole.length; length += 7) {
      // Each cut in memory of its own, so a read past its end would fail rather than read the next bytes.
      const cut = new Uint8Array(new ArrayBuffer(length));
      cut.set(whole.subarray(0, length));
      const opened = sealedContentOf(cut);
      if (opened?.kind === 'signed') expect(opened.content.length).toBeLessThanOrEqual(length);
    }
    let seed = 7;
    for (let round = 0; round < 3000; round++) {
      const damaged = Buffer.from(whole);
      for (let k = 0; k < 3; k++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        damaged[seed % damaged.length] = seed >> 8;
      }
      expect(() => sealedContentOf(damaged)).not.toThrow();
    }
  });

  it('refuses content nested deeper than a signer makes', () => {
    // A ContentInfo for signed data whose content is 100,000 pieces inside pieces, with no end.
    const signedData = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
    const deep = Buffer.concat([
      Buffer.from([0x30, 0x80]),
      signedData,
      Buffer.from([0xa0, 0x80]),
      Buffer.alloc(200_000).fill(Buffer.from([0x24, 0x80])),
    ]);
    expect(() => openSealedContent(deep)).toThrow(new CmsDamaged('nested too deeply'));
  });
});
