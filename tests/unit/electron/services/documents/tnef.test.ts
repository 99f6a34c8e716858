/** Outlook's packing of an email (winmail.dat): the files inside it, by the names Outlook showed, and its text. */
import { describe, expect, it } from 'vitest';
import { isTnef, readTnef, TnefReadError } from '../../../../../electron/services/documents/tnef';
import {
  ansi,
  ATT,
  attachedFile,
  attribute,
  LEVEL,
  messageProps,
  PR,
  PT,
  tnef,
  unicode,
} from '../../../../helpers/tnef';

const REPORT = Buffer.from('%PDF-1.7\n% the educational psychologist report\n');
const LETTER = Buffer.from('%PDF-1.7\n% the decision letter\n');

describe('readTnef', () => {
  it('gives each file by the long name Outlook showed, in order, with the message text', () => {
    const packed = tnef(
      attribute(LEVEL.message, ATT.oemCodepage, Buffer.from([0xe4, 0x04, 0, 0, 0, 0, 0, 0])), // 1252
      messageProps([
        { type: PT.unicode, id: PR.body, value: unicode('Dear parent,\r\nThe reports are attached.') },
      ]),
      ...attachedFile({
        title: 'EPREPO~1.PDF',
        data: REPORT,
        props: [
          { type: PT.unicode, id: PR.attachLongFilename, value: unicode('EP report – Sam, June 2026.pdf') },
        ],
      }),
      ...attachedFile({
        title: 'DECISI~1.PDF',
        data: LETTER,
        props: [
          { type: PT.long, id: PR.attachMethod, value: 1 },
          { type: PT.string8, id: PR.attachLongFilename, value: ansi('Décision letter.pdf') },
        ],
      }),
      // Only its short name, as Outlook for a file whose name fits in 8.3.
      ...attachedFile({ title: 'NOTES.TXT', data: Buffer.from('notes') }),
    );
    expect(isTnef(packed)).toBe(true);
    const contents = readTnef(packed);
    expect(contents.files.map((f) => [f.name, Buffer.from(f.bytes).toString()])).toEqual([
      ['EP report – Sam, June 2026.pdf', REPORT.toString()],
      ['Décision letter.pdf', LETTER.toString()],
      ['NOTES.TXT', 'notes'],
    ]);
    expect(contents.leftOut).toEqual([]);
    expect(contents.body).toEqual({ html: false, text: 'Dear parent,\r\nThe reports are attached.' });
  });

  it('reads 8-bit names in the code page the packing names', () => {
    // "Отчёт.pdf" in Windows-1251 (Cyrillic): read as Windows-1252 it would be "Îò÷¸ò.pdf".
    const title = Buffer.from([0xce, 0xf2, 0xf7, 0xb8, 0xf2, 0x2e, 0x70, 0x64, 0x66, 0]);
    const packed = tnef(
      attribute(LEVEL.message, ATT.oemCodepage, Buffer.from([0xe3, 0x04, 0, 0, 0, 0, 0, 0])), // 1251
      ...attachedFile({
        data: REPORT,
        props: [{ type: PT.string8, id: PR.attachLongFilename, value: title }],
      }),
    );
    expect(readTnef(packed).files.map((f) => f.name)).toEqual(['Отчёт.pdf']);
  });

  it("reads an HTML body in the code page given for it, not the packing's own", () => {
    const packed = tnef(
      attribute(LEVEL.message, ATT.oemCodepage, Buffer.from([0xe4, 0x04, 0, 0, 0, 0, 0, 0])), // 1252
      messageProps([
        { type: PT.long, id: PR.internetCodepage, value: 65001 },
        { type: PT.binary, id: PR.bodyHtml, value: Buffer.from('<p>Przesyłam raport – Zoë</p>', 'utf8') },
      ]),
    );
    expect(readTnef(packed).body).toEqual({ html: true, text: '<p>Przesyłam raport – Zoë</p>' });
  });

  it("reads a file's contents from its data property, and an HTML body", () => {
    const packed = tnef(
      messageProps([
        { type: PT.binary, id: PR.bodyHtml, value: Buffer.from('<p>See the <b>report</b>.</p>') },
      ]),
      ...attachedFile({
        props: [
          { type: PT.unicode, id: PR.attachLongFilename, value: unicode('report.pdf') },
          { type: PT.binary, id: PR.attachDataObj, value: REPORT },
        ],
      }),
    );
    const contents = readTnef(packed);
    expect(contents.files.map((f) => f.name)).toEqual(['report.pdf']);
    expect(Buffer.from(contents.files[0].bytes).equals(REPORT)).toBe(true);
    expect(contents.body).toEqual({ html: true, text: '<p>See the <b>report</b>.</p>' });
  });

  it('leaves out, saying why, an attached Outlook item and an embedded object', () => {
    const packed = tnef(
      ...attachedFile({
        props: [
          { type: PT.long, id: PR.attachMethod, value: 5 },
          { type: PT.unicode, id: PR.displayName, value: unicode('Re: annual review') },
          { type: PT.object, id: PR.attachDataObj, value: Buffer.alloc(40) },
        ],
      }),
      ...attachedFile({
        props: [
          { type: PT.long, id: PR.attachMethod, value: 6 },
          { type: PT.unicode, id: PR.displayName, value: unicode('Picture (Device Independent Bitmap)') },
        ],
      }),
    );
    const contents = readTnef(packed);
    expect(contents.files).toEqual([]);
    expect(contents.leftOut).toEqual([
      {
        name: 'Re: annual review',
        because: expect.stringMatching(/^is an Outlook item inside winmail\.dat and was not taken out/),
      },
      {
        name: 'Picture (Device Independent Bitmap)',
        because: expect.stringMatching(/^is an object embedded by Outlook inside winmail\.dat/),
      },
    ]);
  });

  it('gives the files whole before a cut, and says which lost its contents', () => {
    const whole = tnef(
      ...attachedFile({ title: 'first.pdf', data: REPORT }),
      ...attachedFile({ title: 'second.pdf', data: LETTER }),
    );
    // Cut in the middle of the second file's data.
    const cut = whole.subarray(0, whole.length - 10);
    const contents = readTnef(cut);
    expect(contents.files.map((f) => f.name)).toEqual(['first.pdf']);
    expect(contents.leftOut).toEqual([
      { name: 'second.pdf', because: 'is in winmail.dat without its contents (the file is cut short)' },
    ]);
  });

  it('is refused when it is not one, or damaged from its first part', () => {
    expect(isTnef(Buffer.from('%PDF-1.7'))).toBe(false);
    expect(() => readTnef(Buffer.from('not a packing at all'))).toThrow(TnefReadError);
    const damaged = Buffer.concat([tnef(), Buffer.from([9, 0, 0, 0, 0, 1, 0, 0, 0, 0])]);
    expect(() => readTnef(damaged)).toThrow('it is damaged');
  });

  it('stops at its bounds on hostile lengths and counts', () => {
    // A property list that claims four billion properties, one that claims a 4 GB value, and an attribute
    // that claims more bytes than the file has.
    const countLie = Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.alloc(64)]);
    const lengthLie = Buffer.concat([
      Buffer.from([1, 0, 0, 0]),
      Buffer.from([0x1f, 0, 0x07, 0x37]),
      Buffer.from([1, 0, 0, 0]),
      Buffer.from([0xff, 0xff, 0xff, 0xff]),
    ]);
    const packed = tnef(
      attribute(LEVEL.message, ATT.messageProps, countLie),
      ...attachedFile({ title: 'kept.pdf', data: REPORT }),
      attribute(LEVEL.attachment, ATT.attachment, lengthLie),
      Buffer.concat([
        Buffer.from([2]),
        Buffer.from([0x0f, 0x80, 0x06, 0x00]),
        Buffer.from([0xff, 0xff, 0xff, 0x7f]),
      ]),
    );
    const started = performance.now();
    const contents = readTnef(packed);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(contents.files.map((f) => f.name)).toEqual(['kept.pdf']);
    // Thousands of attachments, each an attribute of a few bytes: refused, not read without end.
    const many = tnef(
      ...Array.from({ length: 600 }, () => attachedFile({ title: 'x.pdf', data: REPORT })).flat(),
    );
    expect(() => readTnef(many)).toThrow('it holds too many files');
  });
});
