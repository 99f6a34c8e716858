/**
 * The text of Outlook's formatted bodies: compressed RTF ([MS-OXRTFCP]) decompressed, and RTF read to text,
 * or to the HTML an HTML email kept as RTF carries ([MS-OXRTFEX]). The compressed bodies are those of real
 * Outlook files (tests/fixtures/outlook/README.md), whose plain bodies say what they should read as.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MsgReaderExport from '@kenjiuno/msgreader';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../../../electron/services/documents/email';
import { messageText } from '../../../../../electron/services/documents/outlookMsg';
import {
  decompressRtf,
  MAX_RTF_BYTES,
  RtfReadError,
  rtfContent,
} from '../../../../../electron/services/documents/rtf';
import { REPO_ROOT } from '../../../../helpers/repo';

const MsgReader =
  (MsgReaderExport as unknown as { default?: typeof MsgReaderExport }).default ?? MsgReaderExport;

function fields(name: string) {
  const bytes = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'outlook', name));
  return new MsgReader(new Uint8Array(bytes).buffer).getFileData();
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const rtf = (source: string) => new Uint8Array(Buffer.from(source, 'latin1'));

describe('Outlook formatted bodies', () => {
  it('decompress and read to the words of the plain body Outlook kept beside them', () => {
    for (const name of ['attachmentFiles.msg', 'hello-cjk.msg', 'msgInMsg.msg']) {
      const message = fields(name);
      const content = rtfContent(decompressRtf(message.compressedRtf!));
      // These are HTML emails, kept as RTF that carries the HTML.
      expect(content.html, name).toBe(true);
      expect(words(htmlToText(content.text)), name).toEqual(words(message.body!));
    }
  });

  it('give a message with no plain or HTML body its text', () => {
    const message = fields('hello-cjk.msg');
    expect(messageText({ compressedRtf: message.compressedRtf })).toBe(
      'Hello\n\nC 你好\n\nJ こんにちは\n\nK 안녕하세요',
    );
    expect(messageText({ body: 'Plain.', compressedRtf: message.compressedRtf })).toBe('Plain.');
    // A formatted body that cannot be read leaves the text empty, as having none does.
    expect(messageText({ compressedRtf: new Uint8Array([1, 2, 3]) })).toBe('');
  });

  it('read RTF written as RTF: paragraphs, tabs, escapes, Unicode, fonts’ character sets; not tables or pictures', () => {
    const source =
      '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fnil\\fcharset134 SimSun;}}' +
      '{\\colortbl;\\red255\\green0\\blue0;}{\\*\\generator Riched20 10.0;}' +
      "\\pard Dear Ms O\\'92Brien,\\par Caf\\'e9 \\u8364? 100\\tab paid\\par{\\f1 \\'c4\\'e3\\'ba\\'c3}\\par" +
      '{\\pict\\pngblip\\bin4 \\par}Braces \\{ and \\} and \\\\.\\line Bye\\~now\\par}';
    expect(rtfContent(rtf(source))).toEqual({
      html: false,
      text: 'Dear Ms O’Brien,\nCafé € 100\tpaid\n你好\nBraces { and } and \\.\nBye\u00a0now\n',
    });
  });

  it('leave out the NULs Outlook ends some bodies in (a calendar item with no text is empty)', () => {
    expect(rtfContent(rtf('{\\rtf1\\ansi Lunch on Friday\\par}\u0000'))).toEqual({
      html: false,
      text: 'Lunch on Friday\n',
    });
    expect(rtfContent(rtf('{\\rtf1\\ansi \\u0?}\u0000')).text.trim()).toBe('');
  });

  it('read the HTML an HTML email kept as RTF carries, leaving out what is there for RTF readers only', () => {
    const source =
      '{\\rtf1\\ansi\\fbidis\\ansicpg1252\\deff0\\fromhtml1{\\fonttbl{\\f0\\fswiss Arial;}}' +
      '{\\*\\htmltag19 <html>}{\\*\\htmltag34 <head>}{\\*\\htmltag41 </head>}{\\*\\htmltag50 <body>}' +
      '{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Meeting on \\htmlrtf\\b\\htmlrtf0{\\*\\htmltag84 <b>}' +
      'Tuesday{\\*\\htmltag92 </b>}\\htmlrtf0 .\\htmlrtf\\par}\\htmlrtf0{\\*\\htmltag72 </p>}' +
      '{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}}';
    const content = rtfContent(rtf(source));
    expect(content.html).toBe(true);
    expect(content.text.replace(/\s+/g, ' ')).toBe(
      '<html><head></head><body><p>Meeting on <b>Tuesday</b>.</p></body></html>',
    );
  });

  it('take an uncompressed body, and refuse a body too large or cut short, and nesting without end', () => {
    const body = Buffer.from('{\\rtf1 Hello\\par}', 'latin1');
    const header = Buffer.alloc(16);
    header.writeUInt32LE(body.length + 12, 0);
    header.writeUInt32LE(body.length, 4);
    header.write('MELA', 8, 'latin1');
    const uncompressed = decompressRtf(new Uint8Array(Buffer.concat([header, body])));
    expect(rtfContent(uncompressed).text).toBe('Hello\n');

    const huge = Buffer.from(header);
    huge.writeUInt32LE(MAX_RTF_BYTES + 1, 4);
    huge.write('LZFu', 8, 'latin1');
    expect(() => decompressRtf(new Uint8Array(huge))).toThrow(RtfReadError);
    expect(() => decompressRtf(new Uint8Array(8))).toThrow(RtfReadError);
    // Cut short: what there is, no more.
    const real = fields('attachmentFiles.msg').compressedRtf!;
    const whole = decompressRtf(real);
    const part = decompressRtf(real.subarray(0, 200));
    expect(part.length).toBeGreaterThan(0);
    expect(Buffer.from(whole.subarray(0, part.length)).equals(Buffer.from(part))).toBe(true);

    expect(() => rtfContent(rtf('{'.repeat(100_000)))).toThrow(RtfReadError);
  });
});
