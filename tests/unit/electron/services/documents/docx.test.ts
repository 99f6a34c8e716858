/** What import reads of Word files itself, before LibreOffice (electron/services/documents/docx.ts). */
import { describe, expect, it } from 'vitest';
import {
  wordBinaryEncrypted,
  wordMarkupBytes,
  wordNesting,
} from '../../../../../electron/services/documents/docx';
import { zipOf } from '../../../../helpers/hostile';
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

describe('wordMarkupBytes', () => {
  it("counts a .docx's or .odt's XML parts at the sizes its directory gives, not its pictures", () => {
    const docx = zipOf([
      { name: '[Content_Types].xml', data: Buffer.alloc(100, 0x20) },
      { name: '_rels/.rels', data: Buffer.alloc(50, 0x20) },
      { name: 'word/document.xml', data: Buffer.alloc(5000, 0x20) },
      { name: 'word/media/image1.png', data: Buffer.alloc(100_000, 1) },
    ]);
    expect(wordMarkupBytes(docx, 'docx')).toBe(5150);
    expect(wordMarkupBytes(zipOf([{ name: 'content.xml', data: Buffer.alloc(700, 0x20) }]), 'odt')).toBe(700);
    expect(wordMarkupBytes(Buffer.from('not a zip'), 'docx')).toBe(0);
  });

  it("counts an RTF file's bytes less its pictures', objects' and binary data", () => {
    const text = '{\\rtf1\\ansi Sam needs support.\\par ';
    const picture = '{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a}';
    const object = '{\\object{\\*\\objdata 01050000}}';
    const binary = '{\\*\\blipuid 0123}\\bin4 }}}}';
    const rtf = `${text}${picture}${object}${binary}Yours.}`;
    const counted = text.length + '{\\object}'.length + '\\bin4 '.length + 'Yours.}'.length;
    expect(wordMarkupBytes(Buffer.from(rtf, 'latin1'), 'rtf')).toBe(counted);
    // Nested groups inside a picture's, and a picture's group left open to the end of the file.
    expect(wordMarkupBytes(Buffer.from(`${text}{\\pict{\\*\\picprop{x}}ffff}}`, 'latin1'), 'rtf')).toBe(
      text.length + 1,
    );
    expect(wordMarkupBytes(Buffer.from(`${text}{\\pict ffff`, 'latin1'), 'rtf')).toBe(text.length);
    // Binary data longer than the file: passed over to its end.
    expect(wordMarkupBytes(Buffer.from(`${text}\\bin99999999999 xx`, 'latin1'), 'rtf')).toBe(
      text.length + 16,
    );
  });

  it("counts a Word 97-2003 file's text and table streams", () => {
    // wordBinary's streams: a 1,024-byte WordDocument and a 512-byte 1Table.
    expect(wordMarkupBytes(wordBinary(0xa5ec, 0), 'doc')).toBe(1536);
    expect(wordMarkupBytes(Buffer.from('not a compound file'), 'doc')).toBe(0);
  });
});

describe('wordNesting', () => {
  const nested = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
  const docx = (body: string) =>
    zipOf([
      {
        name: 'word/document.xml',
        data: Buffer.from(
          `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
        ),
      },
    ]);

  it("counts how deep a .docx's tables nest, not how many there are", () => {
    const cell = '<w:p><w:r><w:t>Hi</w:t></w:r></w:p>';
    expect(wordNesting(docx(cell), 'docx')).toEqual({ tables: 0, groups: 0 });
    expect(wordNesting(docx(nested(3, '<w:tbl><w:tr><w:tc>', '</w:tc></w:tr></w:tbl>')), 'docx').tables).toBe(
      3,
    );
    // Tables side by side, each with a table inside: 2.
    const pair = nested(2, '<w:tbl><w:tr><w:tc>', '</w:tc></w:tr></w:tbl>');
    expect(wordNesting(docx(pair.repeat(500)), 'docx').tables).toBe(2);
    // A table's properties (<w:tblPr>, <w:tblGrid>) and a self-closed tag are not tables.
    expect(wordNesting(docx('<w:tbl><w:tblPr/><w:tblGrid></w:tblGrid><w:tbl/></w:tbl>'), 'docx').tables).toBe(
      1,
    );
    expect(wordNesting(docx(nested(200, '<w:tbl>', '</w:tbl>')), 'docx').tables).toBe(200);
    expect(wordNesting(Buffer.from('not a zip'), 'docx').tables).toBe(0);
  });

  it("counts an .odt's tables in its content and styles (headers)", () => {
    const odt = (part: string, body: string) =>
      zipOf([{ name: part, data: Buffer.from(`<office:text>${body}</office:text>`) }]);
    const tables = nested(
      70,
      '<table:table table:name="T"><table:table-row><table:table-cell>',
      '</table:table-cell></table:table-row></table:table>',
    );
    expect(wordNesting(odt('content.xml', tables), 'odt').tables).toBe(70);
    expect(wordNesting(odt('styles.xml', tables), 'odt').tables).toBe(70);
    expect(wordNesting(odt('other.xml', tables), 'odt').tables).toBe(0);
  });

  it("counts an RTF's deepest groups and its tables' \\itap, passing over binary data and escaped braces", () => {
    const rtf = (text: string) => Buffer.from(text, 'latin1');
    expect(wordNesting(rtf('{\\rtf1 {\\b bold} {\\i {\\b both}}}'), 'rtf')).toEqual({ tables: 0, groups: 3 });
    expect(wordNesting(rtf(`{\\rtf1 ${nested(1001, '{\\b ', '}')}}`), 'rtf').groups).toBe(1002);
    expect(wordNesting(rtf('{\\rtf1 \\{ \\{ \\{ \\}}'), 'rtf').groups).toBe(1);
    expect(wordNesting(rtf('{\\rtf1 {\\pict\\bin6 {{{{{{}}'), 'rtf').groups).toBe(2);
    expect(wordNesting(rtf('{\\rtf1 \\pard\\intbl\\itap2 Hi\\nestcell \\itap65 x}'), 'rtf').tables).toBe(65);
  });
});
