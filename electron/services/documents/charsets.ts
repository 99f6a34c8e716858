/**
 * Text in the character sets emails and Outlook's formatted bodies name. TextDecoder reads them all, but
 * Node 20's reads Windows-1252 (which the web's rules also use for "iso-8859-1", "latin1" and "us-ascii")
 * as ISO-8859-1, turning bytes 0x80–0x9F into invisible control characters: the curly quotes, dashes and
 * euro sign of every email written in Outlook with its default settings. Those 32 bytes are mapped here.
 */

/** Windows-1252's characters for bytes 0x80–0x9F (the five it leaves unassigned stay as they are). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export interface Decoder {
  /** The character set's name as TextDecoder gives it. */
  readonly encoding: string;
  decode(bytes: Uint8Array): string;
}

const windows1252: Decoder = {
  encoding: 'windows-1252',
  decode(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80]);
  },
};

/** A decoder for the character set `label` names, or null when it names none TextDecoder knows. */
export function decoderFor(label: string): Decoder | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
  return decoder.encoding === 'windows-1252' ? windows1252 : decoder;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text whose character set nobody named (a text file, a header line or body a mail program wrote in
 * 8 bits without saying which): UTF-8 when it reads as UTF-8, as modern programs write, else
 * Windows-1252 (older Notepad's "ANSI", Outlook's default in England). A UTF-8 byte order mark is dropped.
 */
export function decodeUnlabelled(bytes: Uint8Array): string {
  return asUtf8(bytes) ?? windows1252.decode(bytes);
}

/** `bytes` as UTF-8 text (a byte order mark dropped), or null when they are not UTF-8. */
export function asUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 text and where it starts: with its byte order mark (Notepad's "Unicode"), or without one, as some
 * programs and scripts write it, when every other byte of the start is zero (text in a Latin script) and
 * the rest reads as text. Null for anything else.
 */
export function utf16Text(bytes: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; start: number } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', start: 2 };
  const pairs = Math.min(bytes.length, 4096) >> 1;
  if (pairs < 2) return null;
  let zeroHigh = 0;
  let zeroLow = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) zeroLow++;
    if (bytes[2 * i + 1] === 0) zeroHigh++;
  }
  // Little-endian Latin text: the second byte of (nearly) every pair is zero, the first (nearly) never.
  if (zeroHigh >= pairs * 0.9 && zeroLow <= pairs * 0.01) return { encoding: 'utf-16le', start: 0 };
  if (zeroLow >= pairs * 0.9 && zeroHigh <= pairs * 0.01) return { encoding: 'utf-16be', start: 0 };
  return null;
}
