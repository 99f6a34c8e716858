/** A Word 97-2003 file's header and tables, read in place (electron/services/documents/wordBinary.ts). */
import { describe, expect, it } from 'vitest';
import {
  wordBinaryBookmarks,
  wordBinaryFile,
  wordBinaryRevisions,
  wordBinaryText,
} from '../../../../../electron/services/documents/wordBinary';
import {
  wordBinary,
  wordBinaryWithFields,
  wordBinaryWithRuns,
  wordBinaryWithText,
} from '../../../../helpers/wordBinary';

describe('wordBinaryFile', () => {
  it("reads a Word 97 file's FIB and the tables it names, and no older or other file", () => {
    const file = wordBinaryFile(wordBinaryWithFields([[0x13, 0x1f]]))!;
    expect(file.fcLcb(16)).toEqual({ fc: 16, lcb: 10 });
    // Past the 93 pairs Word 97's FIB has.
    expect(file.fcLcb(93)).toBeNull();
    // Word 95 (nFib 104), a file whose table stream is missing, not a compound file.
    const word95 = new Uint8Array(wordBinaryWithFields([]));
    const at = wordBinaryFile(word95)!.document.offsetOf(2)!;
    word95.set([104, 0], at);
    expect(wordBinaryFile(word95)).toBeNull();
    expect(wordBinaryFile(wordBinary(0xa5ec, 0))).toBeNull();
    expect(wordBinaryFile(Buffer.from('not a compound file'))).toBeNull();
  });
});

describe('wordBinaryText', () => {
  it('reads the text between two character positions through the piece table, in single bytes or UTF-16', () => {
    const body = 'Dear Ms Smith – “the panel” decided ✓ on 1 November.';
    const file = wordBinaryFile(wordBinaryWithText({ body }, [], { singleBytes: 29 }))!;
    const textOf = wordBinaryText(file)!;
    expect(textOf(0, body.length)).toBe(body);
    // Across the pieces' boundary, within each, and at most `limit` characters.
    expect(textOf(20, 40)).toBe(body.slice(20, 40));
    expect(textOf(33, 37)).toBe('ed ✓');
    expect(textOf(0, body.length, 4)).toBe('Dear');
    // Past the text's end, or a file with no piece table.
    expect(textOf(0, body.length + 1)).toBeNull();
    expect(wordBinaryText(wordBinaryFile(wordBinaryWithFields([]))!)).toBeNull();
  });

  it('gives null, quickly, for a piece table that points outside the file', () => {
    const bytes = new Uint8Array(wordBinaryWithText({ body: 'Some text' }, []));
    const file = wordBinaryFile(bytes)!;
    const clx = file.fcLcb(33)!;
    // The second piece's FC, 1 GB on.
    const at = file.table.offsetOf(clx.fc + 30 + 2)!;
    bytes.set([0, 0, 0, 0x30], at);
    expect(wordBinaryText(wordBinaryFile(bytes)!)!(0, 9)).toBeNull();
  });
});

describe('wordBinaryBookmarks', () => {
  it("reads the names of a file's bookmarks in small letters, and none where it has none", () => {
    const withBookmarks = wordBinaryWithText({ body: 'Text' }, [], {
      bookmarks: ['Target1', '_Ref12345', 'Année'],
    });
    expect(wordBinaryBookmarks(wordBinaryFile(withBookmarks)!)).toEqual(
      new Set(['target1', '_ref12345', 'année']),
    );
    expect(wordBinaryBookmarks(wordBinaryFile(wordBinaryWithText({ body: 'Text' }, []))!)).toEqual(new Set());
  });

  it('gives null for a table that says it holds more names than it does', () => {
    const bytes = new Uint8Array(wordBinaryWithText({ body: 'Text' }, [], { bookmarks: ['Target1'] }));
    const file = wordBinaryFile(bytes)!;
    bytes[file.table.offsetOf(file.fcLcb(21)!.fc + 2)!] = 200;
    expect(wordBinaryBookmarks(wordBinaryFile(bytes)!)).toBeNull();
  });
});

describe('wordBinaryRevisions', () => {
  const deleted = [0x00, 0x08, 1];
  const inserted = [0x01, 0x08, 1];
  const bold = [0x35, 0x08, 1];

  it('counts the runs marked as taken out or added, reading past operands of every size', () => {
    const runs = [
      deleted,
      inserted,
      bold,
      // Marked off, not on.
      [0x00, 0x08, 0],
      // After a property whose operand gives its own length (sprmCPropRMark) and a 4-byte one.
      [0x57, 0xca, 3, 9, 9, 9, 0x0b, 0x68, 1, 2, 3, 4, ...inserted],
      [],
    ];
    expect(wordBinaryRevisions(wordBinaryWithRuns(runs, true))).toEqual({ runs: 3, shown: true });
    expect(wordBinaryRevisions(wordBinaryWithRuns([bold], true))).toEqual({ runs: 0, shown: true });
  });

  it('says whether the file is set to show them, as LibreOffice prints them', () => {
    expect(wordBinaryRevisions(wordBinaryWithRuns([deleted, inserted], false))).toEqual({
      runs: 2,
      shown: false,
    });
  });

  it('gives null for a file it cannot read for them', () => {
    expect(wordBinaryRevisions(wordBinary(0xa5ec, 0x0200))).toBeNull();
    expect(wordBinaryRevisions(new Uint8Array(0))).toBeNull();
  });
});
