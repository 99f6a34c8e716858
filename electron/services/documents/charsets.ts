/**
 * Text in the character sets emails and Outlook's formatted bodies name. TextDecoder reads them all, but
 * Node 20's reads Windows-1252 (which the web's rules also use for "iso-8859-1", "latin1" and "us-ascii")
 * as ISO-8859-1, turning bytes 0x80–0x9F into invisible control characters: the curly quotes, dashes and
 * euro sign of every email written in Outlook with its default settings. Those 32 bytes are mapped here.
 */

/** Windows-1252's characters for bytes 0x80–0x9F (the five it leaves unassigned stay as they are). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export interface Decoder {
  decode(bytes: Uint8Array): string;
}

const windows1252: Decoder = {
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
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}
