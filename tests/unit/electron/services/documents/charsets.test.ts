import { describe, expect, it } from 'vitest';
import { decoderFor } from '../../../../../electron/services/documents/charsets';
import { readEmail } from '../../../../../electron/services/documents/email';

describe('decoderFor', () => {
  it('reads Windows-1252’s quotes, dashes and euro sign (Node’s own decoder reads them as control characters)', () => {
    const bytes = Uint8Array.of(0x93, 0x4f, 0x92, 0x42, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0xe9, 0x81);
    for (const label of ['windows-1252', 'Windows-1252', 'iso-8859-1', 'latin1', 'cp1252'])
      expect(decoderFor(label)!.decode(bytes), label).toBe('“O’B” – €5é\u0081');
  });

  it('reads other character sets with TextDecoder, and knows none for a made-up name', () => {
    expect(decoderFor('windows-1250')!.decode(Uint8Array.of(0x8a))).toBe('Š');
    expect(decoderFor('gbk')!.decode(Uint8Array.of(0xc4, 0xe3))).toBe('你');
    expect(decoderFor('utf-8')!.decode(Buffer.from('Zoë'))).toBe('Zoë');
    expect(decoderFor('x-made-up')).toBeNull();
  });

  it('gives an email written in Outlook’s default character set its quotes', () => {
    const email = readEmail(
      Buffer.from(
        'From: a@example.org\r\nSubject: Hi\r\nContent-Type: text/plain; charset="iso-8859-1"\r\n' +
          'Content-Transfer-Encoding: quoted-printable\r\n\r\nSam=92s report =96 =80120.\r\n',
        'latin1',
      ),
    );
    expect(email.text.trim()).toBe('Sam’s report – €120.');
  });
});
