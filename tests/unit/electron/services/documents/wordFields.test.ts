import { Document, Footer, Header, Packer, Paragraph, SimpleField, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import {
  countWordBinaryDates,
  fieldsNote,
  fixFieldsForConversion,
  fixOpenDocumentDates,
  fixRtfFields,
  fixWordFields,
} from '../../../../../electron/services/documents/wordFields';
import { zipEntries, zipEntryData } from '../../../../../electron/services/documents/zipArchive';
import { zipOf } from '../../../../helpers/hostile';
import { wordBinaryWithFields, wordBinaryWithText, type FieldMark } from '../../../../helpers/wordBinary';

const run = (text: string) => `<w:r><w:t>${text}</w:t></w:r>`;
const fieldChar = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
const instruction = (text: string) => `<w:r><w:instrText xml:space="preserve">${text}</w:instrText></w:r>`;
/** A field as Word writes one: begin, instruction, separator, the result it showed when saved, end. */
const complex = (code: string, result: string) =>
  fieldChar('begin') + instruction(code) + fieldChar('separate') + run(result) + fieldChar('end');
/** A Word file, as the docx package writes one, with this header, body and (where given) footer. */
async function docxWith(header: Paragraph[], body: Paragraph[], footer?: Paragraph[]): Promise<Buffer> {
  const section = {
    headers: { default: new Header({ children: header }) },
    ...(footer ? { footers: { default: new Footer({ children: footer }) } } : {}),
    children: body,
  };
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [section] })));
}

const text = (xml: string) => [...xml.matchAll(/<w:t>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe("Word's dates that change to the day of opening", () => {
  it('are unlinked, leaving the date each showed when saved', () => {
    const xml =
      `<w:p>${run('Dated ')}${complex(' DATE \\@ "d MMMM yyyy" ', '1 November 2026')}</w:p>` +
      `<w:p><w:fldSimple w:instr=" TIME \\@ &quot;HH:mm&quot; ">${run('09:30')}</w:fldSimple></w:p>`;
    const result = fixWordFields(xml);
    expect(result.fixed).toEqual(['1 November 2026', '09:30']);
    expect(result.live).toBe(0);
    expect(result.xml).not.toMatch(/fldChar|instrText|fldSimple/);
    expect(text(result.xml)).toBe('Dated 1 November 202609:30');
  });

  it("are unlinked with the file's name and the date it was printed, which LibreOffice would take from its copy", () => {
    const xml =
      complex(' FILENAME ', 'EHCP draft.docx') +
      `<w:fldSimple w:instr=" PRINTDATE ">${run('3 November 2026')}</w:fldSimple>`;
    const result = fixWordFields(xml);
    // Kept as shown, and not named in the notes: they are not the document's date.
    expect(result).toMatchObject({ fixed: [], live: 0 });
    expect(result.xml).not.toMatch(/fldChar|instrText|fldSimple/);
    expect(text(result.xml)).toBe('EHCP draft.docx3 November 2026');
  });

  it('take the instruction from every run it is split over, in any case', () => {
    const xml =
      fieldChar('begin') +
      instruction(' da') +
      instruction('te \\@ "dd/MM/yyyy"') +
      fieldChar('separate') +
      run('01/11/2026') +
      fieldChar('end');
    expect(fixWordFields(xml).fixed).toEqual(['01/11/2026']);
  });

  it('leave other fields, and a form field with its data, as they are', () => {
    const formField =
      '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/></w:ffData></w:fldChar></w:r>' +
      instruction(' FORMTEXT ') +
      fieldChar('separate') +
      run('Sam') +
      fieldChar('end');
    const xml =
      complex(' CREATEDATE \\@ "dd/MM/yyyy" ', '02/11/2026') +
      complex(' SAVEDATE ', '03/11/2026') +
      formField +
      `<w:fldSimple w:instr=" PAGE ">${run('1')}</w:fldSimple>`;
    expect(fixWordFields(xml)).toEqual({ xml, fixed: [], live: 0, kept: 0, unkept: 0 });
  });

  it('count as live a date with no saved result, or inside the instruction of a field left, and leave them', () => {
    const noResult = fieldChar('begin') + instruction(' DATE ') + fieldChar('end');
    const inQuote =
      fieldChar('begin') +
      instruction(' QUOTE ') +
      complex(' DATE \\@ "yyyy" ', '2026') +
      fieldChar('separate') +
      run('2026') +
      fieldChar('end');
    const emptySimple = '<w:fldSimple w:instr=" DATE "/>';
    const xml = noResult + inQuote + emptySimple;
    expect(fixWordFields(xml)).toEqual({ xml, fixed: [], live: 3, kept: 0, unkept: 0 });
  });

  it('read a character reference past Unicode as the replacement character, not failing the import', () => {
    // String.fromCodePoint threw a RangeError here, and the file's import ended in an error.
    const xml = complex(' DATE &#x110000; ', '1 November &#99999999;');
    expect(fixWordFields(xml)).toMatchObject({ fixed: ['1 November \ufffd'], live: 0 });
  });

  it('are read in one pass in a hostile file: 200,000 fields inside each other', () => {
    const depth = 200_000;
    const xml =
      fieldChar('begin').repeat(depth) +
      instruction(' DATE ') +
      fieldChar('separate') +
      run('1 November 2026') +
      fieldChar('end').repeat(depth);
    // Marking every field around a new one as holding another took 20 billion steps here (50 s).
    expect(fixWordFields(xml)).toEqual({ xml, fixed: [], live: 1, kept: 0, unkept: 0 });
  }, 20_000);

  it('are found in headers and footers too, and the rewritten file is a sound zip', async () => {
    const docx = await docxWith(
      [new Paragraph({ children: [new SimpleField('DATE', '1 November 2026')] })],
      [new Paragraph('Letter to the family.')],
      [new Paragraph({ children: [new TextRun('Footer')] })],
    );
    const result = fixFieldsForConversion(docx, 'docx');
    expect(result.fixed).toEqual(['1 November 2026']);
    expect(result.bytes).not.toBe(docx);
    const before = zipEntries(docx).entries.map((e) => e.path);
    const after = zipEntries(result.bytes).entries;
    expect(after.map((e) => e.path)).toEqual(before);
    const header = after.find((e) => /^word\/header\d*\.xml$/.test(e.path))!;
    const data = zipEntryData(result.bytes, header, 1 << 20);
    expect('bytes' in data && Buffer.from(data.bytes).toString('utf8')).toMatch(/1 November 2026/);
    expect('bytes' in data && Buffer.from(data.bytes).toString('utf8')).not.toMatch(/fldSimple/);
    // A part named "__proto__", which the zip writer cannot take: the file goes as it is, its date noted as live.
    const hostile = Buffer.from(
      zipOf([
        ...zipEntries(docx).entries.map((entry) => {
          const data = zipEntryData(docx, entry, 1 << 20);
          return { name: entry.path, data: Buffer.from('bytes' in data ? data.bytes : []) };
        }),
        { name: '__proto__', data: Buffer.from('x') },
      ]),
    );
    expect(fixFieldsForConversion(hostile, 'docx')).toEqual({
      bytes: hostile,
      fixed: [],
      live: 1,
      unkept: 0,
    });
    // A file without such a date goes as it is.
    const plain = Buffer.from(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x')] }] })),
    );
    expect(fixFieldsForConversion(plain, 'docx')).toEqual({ bytes: plain, fixed: [], live: 0, unkept: 0 });
  });
});

describe('Word fields LibreOffice shows otherwise than Word did', () => {
  /** A merged letter's condition, as Word writes one: a merge field inside its instruction. */
  const condition =
    fieldChar('begin') +
    instruction(' IF ') +
    complex(' MERGEFIELD Gender ', 'F') +
    instruction(' = "M" "his" "her" ') +
    fieldChar('separate') +
    run('her') +
    fieldChar('end');

  it('are unlinked, leaving what they showed: a condition with the fields in its instruction, a symbol, a count', () => {
    const xml =
      `<w:p>${run('Sam and ')}${condition}${run(' parents')}</w:p>` +
      `<w:p>${complex(' SYMBOL 169 \\f "Symbol" ', '©')}${complex(' NUMWORDS ', '1,234')}</w:p>` +
      `<w:p><w:fldSimple w:instr=" TEMPLATE ">${run('Decision letter.dotx')}</w:fldSimple></w:p>`;
    const result = fixWordFields(xml);
    expect(result).toMatchObject({ fixed: [], live: 0, kept: 4, unkept: 0 });
    expect(result.xml).not.toMatch(/fldChar|instrText|fldSimple/);
    expect(text(result.xml)).toBe('Sam and her parents©1,234Decision letter.dotx');
    // Cut from inside the run of its begin mark to inside that of its separator: one empty run left there.
    expect(result.xml).toContain(
      '<w:p><w:r><w:t>Sam and </w:t></w:r><w:r></w:r><w:r><w:t>her</w:t></w:r><w:r></w:r><w:r><w:t> parents',
    );
  });

  it('keep a reference to a bookmark the document has, and unlink one to a bookmark an ASK field made or one deleted', () => {
    const xml =
      fieldChar('begin') +
      instruction(' ASK Name "Name?" ') +
      fieldChar('end') +
      complex(' REF Name ', 'Alex') +
      complex(' REF _Ref123 \\h ', 'section 3') +
      complex(' PAGEREF _Ref9 \\h ', '12') +
      '<w:bookmarkStart w:id="0" w:name="_REF123"/>';
    const result = fixWordFields(xml);
    expect(result).toMatchObject({ kept: 2, unkept: 0 });
    expect(text(result.xml)).toBe('Alexsection 312');
    expect(result.xml).toContain('REF _Ref123');
    expect(result.xml).not.toContain('REF Name');
  });

  it('unlink a date in the result of a condition too, and none in its instruction is left live', () => {
    const dateInResult =
      fieldChar('begin') +
      instruction(' IF 1 = 1 "Dated " ') +
      fieldChar('separate') +
      run('Dated ') +
      complex(' DATE ', '1 November 2026') +
      fieldChar('end');
    const dateInInstruction =
      fieldChar('begin') +
      instruction(' IF ') +
      complex(' DATE \\@ "yyyy" ', '2026') +
      instruction(' = 2026 "this year" "" ') +
      fieldChar('separate') +
      run('this year') +
      fieldChar('end');
    const result = fixWordFields(dateInResult + dateInInstruction);
    expect(result).toMatchObject({ fixed: ['1 November 2026'], live: 0, kept: 2, unkept: 0 });
    expect(result.xml).not.toMatch(/fldChar|instrText/);
    expect(text(result.xml)).toBe('Dated 1 November 2026this year');
  });

  it('leave a condition whose instruction runs over paragraphs, or through other markup, and count it', () => {
    const overParagraphs =
      '<w:p>' +
      fieldChar('begin') +
      instruction(' IF ') +
      complex(' MERGEFIELD Gender ', 'F') +
      instruction(' = "M" "He has" "She has') +
      '</w:p><w:p>' +
      instruction(' two sisters" ') +
      fieldChar('separate') +
      run('She has two sisters') +
      fieldChar('end') +
      '</w:p>';
    const throughHyperlink =
      '<w:p>' +
      fieldChar('begin') +
      instruction(' IF ') +
      complex(' MERGEFIELD Gender ', 'F') +
      '<w:hyperlink w:anchor="x">' +
      instruction(' = "M" "his" "her" ') +
      fieldChar('separate') +
      run('her') +
      fieldChar('end') +
      '</w:hyperlink></w:p>';
    // With no result there is nothing to keep: Word showed nothing either.
    const noResult = fieldChar('begin') + instruction(' IF 1 = 2 "x" ') + fieldChar('end');
    for (const xml of [overParagraphs, throughHyperlink])
      expect(fixWordFields(xml)).toEqual({ xml, fixed: [], live: 0, kept: 0, unkept: 1 });
    expect(fixWordFields(noResult)).toEqual({ xml: noResult, fixed: [], live: 0, kept: 0, unkept: 0 });
  });

  it('find bookmarks in every part of the file', async () => {
    const docx = await docxWith(
      [new Paragraph({ children: [new SimpleField('REF CaseRef', 'SEN-4471'), new TextRun('x')] })],
      [new Paragraph({ children: [new SimpleField('REF Missing', 'kept')] })],
    );
    const withBookmark = zipOf(
      zipEntries(docx).entries.map((entry) => {
        const data = zipEntryData(docx, entry, 1 << 20);
        const bytes = Buffer.from('bytes' in data ? data.bytes : []);
        return {
          name: entry.path,
          data:
            entry.path === 'word/document.xml'
              ? Buffer.from(
                  bytes
                    .toString('utf8')
                    .replace('<w:body>', '<w:body><w:bookmarkStart w:id="9" w:name="CaseRef"/>'),
                )
              : bytes,
        };
      }),
    );
    const result = fixFieldsForConversion(withBookmark, 'docx');
    const parts = zipEntries(result.bytes).entries.map((entry) => {
      const data = zipEntryData(result.bytes, entry, 1 << 20);
      return { path: entry.path, xml: Buffer.from('bytes' in data ? data.bytes : []).toString('utf8') };
    });
    expect(parts.find((p) => /^word\/header\d*\.xml$/.test(p.path))!.xml).toContain('REF CaseRef');
    expect(parts.find((p) => p.path === 'word/document.xml')!.xml).not.toContain('REF Missing');
  });
});

describe('RTF fields LibreOffice shows otherwise than Word did', () => {
  it('are replaced by their result, a condition with the fields in its instruction, and fields in a result dealt with too', () => {
    const condition =
      '{\\field{\\*\\fldinst { IF }{\\field{\\*\\fldinst { MERGEFIELD Gender }}{\\fldrslt {F}}}{ = "M" "his" "her" }}{\\fldrslt {her}}}';
    const symbol = "{\\field{\\*\\fldinst { SYMBOL 169 }}{\\fldrslt {\\'a9}}}";
    const dateInResult =
      '{\\field{\\*\\fldinst { IF 1 = 1 "x" }}{\\fldrslt {Dated {\\field{\\*\\fldinst DATE}{\\fldrslt 1 November 2026}}}}}';
    const reference = '{\\*\\bkmkstart CaseRef}{\\field{\\*\\fldinst REF CaseRef}{\\fldrslt SEN-4471}}';
    const setReference = '{\\field{\\*\\fldinst REF Name}{\\fldrslt Alex}}';
    const rtf = `{\\rtf1 Sam and ${condition} parents ${symbol} ${dateInResult} ${reference} ${setReference}}`;
    expect(fixRtfFields(rtf)).toEqual({
      rtf:
        "{\\rtf1 Sam and { {her}} parents { {\\'a9}} { {Dated { 1 November 2026}}} " +
        '{\\*\\bkmkstart CaseRef}{\\field{\\*\\fldinst REF CaseRef}{\\fldrslt SEN-4471}} { Alex}}',
      fixed: ['1 November 2026'],
      live: 0,
      kept: 4,
      unkept: 0,
    });
  });
});

describe("OpenDocument's dates that change to the day of opening", () => {
  it('are marked fixed where they have a stored date, so it shows; fixed ones and others are left', () => {
    const xml =
      '<text:p><text:date style:data-style-name="N1" text:date-value="2026-11-01T10:00:00">1 November 2026</text:date>' +
      '<text:time text:time-value="09:30:00" text:fixed="false">09:30</text:time>' +
      '<text:date text:date-value="2026-10-01" text:fixed="true">1 October 2026</text:date>' +
      '<text:date>today</text:date><text:creation-date>2 November 2026</text:creation-date>' +
      '<text:file-name text:display="name">EHCP draft.odt</text:file-name>' +
      '<text:date text:date-value="2026-11-03"><text:span>3 Nov</text:span></text:date></text:p>';
    const result = fixOpenDocumentDates(xml);
    expect(result.fixed).toEqual(['1 November 2026', '09:30', '']);
    expect(result.live).toBe(1);
    expect(result.xml).toContain(
      '<text:file-name text:display="name" text:fixed="true">EHCP draft.odt</text:file-name>',
    );
    // Markup inside a date: only its opening tag changes.
    expect(result.xml).toContain(
      '<text:date text:date-value="2026-11-03" text:fixed="true"><text:span>3 Nov</text:span></text:date>',
    );
    expect(result.xml).toContain('<text:creation-date>2 November 2026</text:creation-date>');
    expect(result.xml).toContain(
      '<text:date style:data-style-name="N1" text:date-value="2026-11-01T10:00:00" text:fixed="true">1 November 2026</text:date>',
    );
    expect(result.xml).toContain('<text:time text:time-value="09:30:00" text:fixed="true">09:30</text:time>');
    expect(result.xml).toContain(
      '<text:date text:date-value="2026-10-01" text:fixed="true">1 October 2026</text:date>',
    );
    expect(result.xml).toContain('<text:date>today</text:date>');
  });

  it('keep the mimetype first and stored in the rewritten file', () => {
    const odt = zipOf([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text') },
      {
        name: 'content.xml',
        data: Buffer.from(
          '<text:p><text:date text:date-value="2026-11-01">1 November 2026</text:date></text:p>',
        ),
      },
    ]);
    const result = fixFieldsForConversion(odt, 'odt');
    expect(result.fixed).toEqual(['1 November 2026']);
    const [first] = zipEntries(result.bytes).entries;
    expect(first).toMatchObject({ path: 'mimetype', method: 0 });
    // As the ODF standard asks: "mimetype" at offset 30, straight after the first local header.
    expect(Buffer.from(result.bytes.subarray(30, 38)).toString('latin1')).toBe('mimetype');
  });
});

describe("RTF's dates that change to the day of opening", () => {
  const dated =
    '{\\field{\\*\\fldinst { DATE \\\\@ "d MMMM yyyy" }}{\\fldrslt {\\lang2057 1 November 2026}}}';

  it('are replaced by the group of their result, every other byte kept', () => {
    const rtf = `{\\rtf1\\ansi Dated ${dated}, caf\\'e9 {\\field\\fldlock{\\*\\fldinst TIME}{\\fldrslt 09:30}}\\par}`;
    const result = fixRtfFields(rtf);
    expect(result).toEqual({
      rtf: "{\\rtf1\\ansi Dated { {\\lang2057 1 November 2026}}, caf\\'e9 { 09:30}\\par}",
      fixed: ['1 November 2026', '09:30'],
      live: 0,
      kept: 0,
      unkept: 0,
    });
  });

  it('leave other fields, a date with no result or inside the instruction of a field left, and a file they cannot be read in', () => {
    const others =
      '{\\field{\\*\\fldinst PAGE}{\\fldrslt 1}}{\\field{\\*\\fldinst {CREATEDATE}}{\\fldrslt 2 November}}';
    const noResult = '{\\field{\\*\\fldinst DATE}}';
    const inQuote = `{\\field{\\*\\fldinst QUOTE ${dated}}{\\fldrslt y}}`;
    const rtf = `{\\rtf1 ${others}${noResult}${inQuote}}`;
    expect(fixRtfFields(rtf)).toEqual({ rtf, fixed: [], live: 2, kept: 0, unkept: 0 });
    // Binary data (its bytes could be braces), a brace left open: nothing is changed.
    for (const unreadable of [`{\\rtf1 ${dated}{\\pict\\bin4 }}}}}`, `{\\rtf1 ${dated}`])
      expect(fixRtfFields(unreadable)).toEqual({ rtf: unreadable, fixed: [], live: 0, kept: 0, unkept: 0 });
  });

  it('read a hostile file in one pass: a million fields inside each other, or groups nested past any reader', () => {
    const deep = `{\\rtf1 ${'{\\field'.repeat(1_000_000)}${'}'.repeat(1_000_001)}`;
    expect(fixRtfFields(deep).live).toBe(0);
    const many = `{\\rtf1 ${dated.repeat(200_000)}}`;
    expect(fixRtfFields(many).fixed).toHaveLength(200_000);
    const nested = `{\\rtf1 ${'{'.repeat(20_000)}${dated}${'}'.repeat(20_000)}}`;
    expect(fixRtfFields(nested)).toEqual({ rtf: nested, fixed: [], live: 0, kept: 0, unkept: 0 });
  }, 20_000);
});

describe("Word 97-2003's fields", () => {
  const dateField: FieldMark[] = [
    [0x13, 0x1f],
    [0x14, 0],
    [0x15, 0],
  ];

  it("are marked in the file's table of fields as of a type LibreOffice shows the saved result of, one byte each", () => {
    for (const textBytes of [1024, 9000]) {
      const doc = wordBinaryWithFields(
        [
          ...dateField,
          // FILENAME, PAGE, and NUMWORDS
          [0x13, 0x1d],
          [0x14, 0],
          [0x15, 0],
          [0x13, 0x21],
          [0x14, 0],
          [0x15, 0],
          [0x13, 0x1b],
          [0x14, 0],
          [0x15, 0],
        ],
        textBytes,
      );
      const result = fixFieldsForConversion(doc, 'doc');
      expect(result).toMatchObject({ fixed: [''], live: 0, unfixed: 0, unkept: 0 });
      const changed = [...doc.keys()].filter((i) => doc[i] !== result.bytes[i]);
      expect(changed).toHaveLength(3);
      // Each the type byte of a field's begin mark, now IF's (0x07), and the file otherwise as it was.
      expect(changed.map((i) => [doc[i], result.bytes[i], doc[i - 1]])).toEqual([
        [0x1f, 0x07, 0x13],
        [0x1d, 0x07, 0x13],
        [0x1b, 0x07, 0x13],
      ]);
    }
  });

  /** The bytes `result` changed in `doc`: each as [before, after]. */
  const changes = (doc: Uint8Array, result: Uint8Array) =>
    [...doc.keys()].filter((i) => doc[i] !== result[i]).map((i) => [doc[i], result[i]]);

  it('name the saved text of each date they fix, read through the piece table', () => {
    for (const singleBytes of [0, 200]) {
      const body = 'Date: \x13 DATE \\@ "d MMMM yyyy" \x141 November 2026\x15. At \x13TIME\x14 09:30 \x15.';
      const doc = wordBinaryWithText({ body }, [0x1f, 0x20], { singleBytes });
      const result = fixFieldsForConversion(doc, 'doc');
      expect(result.fixed).toEqual(['1 November 2026', '09:30']);
      expect(changes(doc, result.bytes)).toEqual([
        [0x1f, 0x07],
        [0x20, 0x07],
      ]);
    }
  });

  it('mark a reference to a bookmark the file lacks, as LibreOffice shows an error for it, and leave one it has', () => {
    const body =
      'See \x13 REF Target1 \\h \x14the panel’s decision\x15, \x13 REF Present \x14here\x15, ' +
      '\x13 PAGEREF _Ref123 \\h \x144\x15, \x13 NOTEREF "Gone" \x142\x15 and \x13 Missing \x14as saved\x15.';
    const doc = wordBinaryWithText({ body }, [0x03, 0x03, 0x25, 0x48, 0x03], {
      bookmarks: ['present', 'Other'],
      singleBytes: 40,
    });
    const result = fixFieldsForConversion(doc, 'doc');
    expect(result).toMatchObject({ fixed: [], live: 0, unfixed: 0, unkept: 0 });
    // REF Target1, PAGEREF _Ref123, NOTEREF Gone and the bare name Missing; not REF Present.
    expect(changes(doc, result.bytes)).toEqual([
      [0x03, 0x07],
      [0x25, 0x07],
      [0x48, 0x07],
      [0x03, 0x07],
    ]);
    // One inside another field is left, and counted for the note.
    const inside = wordBinaryWithText(
      { body: '\x13 IF 1 = 1 "\x13 REF Gone \x14a\x15" \x14a\x15' },
      [0x07, 0x03],
    );
    expect(fixFieldsForConversion(inside, 'doc')).toMatchObject({ bytes: inside, unkept: 1 });
    // A file with the bookmark: nothing changed.
    const kept = wordBinaryWithText({ body: 'See \x13 REF Target1 \x14text\x15.' }, [0x03], {
      bookmarks: ['TARGET1'],
    });
    expect(fixFieldsForConversion(kept, 'doc').bytes).toBe(kept);
  });

  it("find a header's fields' text after the main text's", () => {
    const doc = wordBinaryWithText(
      {
        body: 'The body of the letter, with a \x13 REF Missing \x14reference\x15.\r',
        header: 'Dated \x13 DATE \x141 May 2026\x15, ref \x13 REF Gone \x14ABC/123\x15',
      },
      [0x1f, 0x03],
      { bookmarks: ['missing'], singleBytes: 10 },
    );
    const result = fixFieldsForConversion(doc, 'doc');
    expect(result.fixed).toEqual(['1 May 2026']);
    expect(changes(doc, result.bytes)).toEqual([
      [0x1f, 0x07],
      [0x03, 0x07],
    ]);
  });

  it("fix a date in another field's result, which LibreOffice works out on its own", () => {
    const body =
      'See \x13 HYPERLINK "https://example.org" \x14Letter of \x13 DATE \x141 November 2025\x15\x15.';
    const doc = wordBinaryWithText({ body }, [0x58, 0x1f]);
    const result = fixFieldsForConversion(doc, 'doc');
    expect(result).toMatchObject({ fixed: ['1 November 2025'], unfixed: 0 });
    expect(changes(doc, result.bytes)).toEqual([[0x1f, 0x07]]);
  });

  it('leave a date inside another field or with no result, counting it, and a file they cannot be read in', () => {
    const nested: FieldMark[] = [[0x13, 0x07], ...dateField, [0x14, 0], [0x15, 0]];
    const noResult: FieldMark[] = [
      [0x13, 0x20],
      [0x15, 0],
    ];
    const doc = wordBinaryWithFields([...nested, ...noResult]);
    expect(fixFieldsForConversion(doc, 'doc')).toEqual({
      bytes: doc,
      fixed: [],
      live: 0,
      unkept: 0,
      unfixed: 2,
    });
    // Not a Word 97 file (its text is counted for dates instead), or not a compound file at all.
    const notRead = Buffer.from('\x13 DATE \x1401/11/2026\x15', 'latin1');
    expect(fixFieldsForConversion(notRead, 'doc')).toMatchObject({ bytes: notRead, fixed: [], unfixed: 1 });
  });
});

describe("Word 97-2003's dates", () => {
  it('are counted in its text, in single bytes or UTF-16', () => {
    const single = Buffer.from(
      '\x13 DATE \\@ "d MMMM yyyy" \x141 November 2026\x15 \x13TIME\x1409:30\x15 \x13 DATEX',
      'latin1',
    );
    expect(countWordBinaryDates(single)).toBe(2);
    const wide = Buffer.from('\x13 DATE \\@ "dd/MM/yyyy"\x1401/11/2026\x15 \x13 CREATEDATE\x14', 'utf16le');
    expect(countWordBinaryDates(wide)).toBe(1);
  });
});

describe('the note', () => {
  it('says what the pages show, and where a date was left to the day of import', () => {
    expect(fieldsNote({ fixed: [], live: 0 })).toEqual([]);
    expect(fieldsNote({ fixed: ['1 November 2026', '1 November 2026'], live: 1 })).toEqual([
      'It has 2 dates that Word and LibreOffice change to the day it is opened (a date field): its pages show ' +
        'the date each had when the file was last saved (“1 November 2026”), not the day it was added.',
      'It has a date that changes to the day it is opened (a date field) with no saved date to show instead: ' +
        'its pages show the day it was added there. Check the date on the document itself.',
    ]);
    expect(fieldsNote({ fixed: [], live: 0, unfixed: 2 })).toEqual([
      'It has 2 dates that Word and LibreOffice change to the day it is opened (a date field), which the app ' +
        'cannot fix in a Word 97-2003 file: its pages show the day it was added, not the date it was written. ' +
        'Check the date against the letter as it was sent (a printed or PDF copy), and add that copy if they differ.',
    ]);
    expect(fieldsNote({ fixed: [], live: 0, unkept: 2 })).toEqual([
      'It has 2 fields (text Word works out as it shows the document: a condition, a symbol, a count or a ' +
        'reference) that LibreOffice shows otherwise, and that the app could not keep as the document showed ' +
        'them: check these pages against the document as it was sent.',
    ]);
  });
});
