/**
 * Word 97-2003 files as far as import reads them ([MS-DOC]), written with msgreader's compound-file writer:
 * a WordDocument stream whose FIB starts with `ident` (0xA5EC: Word 97 on) and has `flags` at offset 10
 * (0x0100: encrypted, needing a password to open; 0x0200: the table stream is 1Table), and a table stream;
 * and one whose FIB names a table of fields.
 */
import { burn } from '@kenjiuno/msgreader/lib/Burner';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader';

type Entry = Parameters<typeof burn>[0][number];

function stream(name: string, bytes: Uint8Array): Entry {
  const data = Array.from(bytes);
  return { name, type: TypeEnum.DOCUMENT, binaryProvider: () => data, length: data.length };
}

export function wordBinary(ident: number, flags: number, streamName = 'WordDocument'): Uint8Array {
  const fib = new Uint8Array(1024);
  fib.set([ident & 0xff, ident >> 8, 0xc1, 0x00], 0);
  fib.set([flags & 0xff, flags >> 8], 10);
  return burn([
    { name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [1, 2] },
    stream(streamName, fib),
    stream('1Table', new Uint8Array(512)),
  ]);
}

/**
 * A Word 97 WordDocument stream of `size` bytes with its FIB's fixed part: Word 97 (nFib 0xC1), the table
 * stream 1Table, fibRgW of 14 words, fibRgLw of 22 longs (at 64), FibRgFcLcb97's 93 pairs (at 154).
 */
function word97Document(size: number): { document: Uint8Array; view: DataView } {
  const document = new Uint8Array(size);
  const view = new DataView(document.buffer);
  view.setUint16(0, 0xa5ec, true);
  view.setUint16(2, 0x00c1, true);
  view.setUint16(10, 0x0200, true);
  view.setUint16(32, 14, true);
  view.setUint16(62, 22, true);
  view.setUint16(152, 93, true);
  return { document, view };
}

/** A field mark in a table of fields ([MS-DOC] FLD): 0x13 begins a field of `type`, 0x14 separates its result, 0x15 ends it. */
export type FieldMark = [mark: 0x13 | 0x14 | 0x15, type: number];

/**
 * A Word 97 file whose main text has these field marks (its table of fields, PlcFld, in 1Table, named by the
 * FIB's fcPlcfFldMom), its text stream `textBytes` long (over 4,096 bytes, it is kept in the file's ordinary
 * sectors; under, in its small ones).
 */
export function wordBinaryWithFields(marks: FieldMark[], textBytes = 1024): Uint8Array {
  const { document: fib, view } = word97Document(Math.max(textBytes, 1024));
  const plcFld = new Uint8Array(4 * (marks.length + 1) + 2 * marks.length);
  marks.forEach(([mark, type], i) => plcFld.set([mark, type], 4 * (marks.length + 1) + 2 * i));
  const fcLcb = 154 + 16 * 8; // fcPlcfFldMom, lcbPlcfFldMom
  view.setUint32(fcLcb, 16, true);
  view.setUint32(fcLcb + 4, plcFld.length, true);
  const table = new Uint8Array(16 + plcFld.length);
  table.set(plcFld, 16);
  return burn([
    { name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [1, 2] },
    stream('WordDocument', fib),
    stream('1Table', table),
  ]);
}

/** Some of Windows-1252's characters for bytes 0x80–0x9F, as Word keeps them in single bytes. */
const WINDOWS_1252: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94, '–': 0x96, '’': 0x92 };

function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => WINDOWS_1252[ch] ?? ch.charCodeAt(0));
}

/**
 * A Word 97 file with text: `body` is its main text and `header` its headers' (each with the field characters
 * 0x13, 0x14 and 0x15 where its fields' marks are, the type of each field in `types` in order), kept in two
 * pieces ([MS-DOC] Clx): the first `singleBytes` characters in single bytes (Windows-1252), the rest in
 * UTF-16. Its bookmarks' names are `bookmarks` (SttbfBkmk).
 */
export function wordBinaryWithText(
  story: { body: string; header?: string },
  types: number[],
  { bookmarks = [] as string[], singleBytes = 0 } = {},
): Uint8Array {
  const text = story.body + (story.header ?? '');
  const fieldText = story.header ?? story.body;
  const { document, view } = word97Document(2048 + text.length * 2 + 16);
  view.setUint32(64 + 3 * 4, story.body.length, true); // ccpText
  view.setUint32(64 + 5 * 4, story.header?.length ?? 0, true); // ccpHdd
  document.set(windows1252(text.slice(0, singleBytes)), 1024);
  document.set(Buffer.from(text.slice(singleBytes), 'utf16le'), 2048);

  // PlcFld: each mark's CP in its story, then its two bytes (the mark and, for a begin, the field's type).
  const marks = [...fieldText].flatMap((ch, cp) =>
    '\x13\x14\x15'.includes(ch) ? [{ cp, ch: ch.charCodeAt(0) }] : [],
  );
  const plcFld = new DataView(new ArrayBuffer(4 * (marks.length + 1) + 2 * marks.length));
  let type = 0;
  marks.forEach(({ cp, ch }, i) => {
    plcFld.setUint32(i * 4, cp, true);
    plcFld.setUint8(4 * (marks.length + 1) + 2 * i, ch);
    plcFld.setUint8(4 * (marks.length + 1) + 2 * i + 1, ch === 0x13 ? types[type++] : 0);
  });
  plcFld.setUint32(marks.length * 4, fieldText.length, true);
  // Clx: one Prc (skipped), then the Pcdt: PlcPcd's CPs and two Pcds (FC 1024 * 2 with fCompressed, and 2048).
  const clx = new DataView(new ArrayBuffer(3 + 2 + 5 + 12 + 16));
  clx.setUint8(0, 0x01);
  clx.setUint16(1, 2, true);
  clx.setUint8(5, 0x02);
  clx.setUint32(6, 12 + 16, true);
  clx.setUint32(10, 0, true);
  clx.setUint32(14, singleBytes, true);
  clx.setUint32(18, text.length, true);
  clx.setUint32(22 + 2, 0x40000000 | (1024 * 2), true);
  clx.setUint32(30 + 2, 2048, true);
  // SttbfBkmk, extended: 0xFFFF, the count, no extra data, each name's length and UTF-16 characters.
  const sttb = Buffer.concat([
    Buffer.from([0xff, 0xff, bookmarks.length, 0, 0, 0]),
    ...bookmarks.flatMap((name) => [Buffer.from([name.length, 0]), Buffer.from(name, 'utf16le')]),
  ]);
  const parts = [new Uint8Array(plcFld.buffer), new Uint8Array(clx.buffer), sttb];
  const table = Buffer.concat(parts);
  const pair = (index: number, fc: number, lcb: number) => {
    view.setUint32(154 + index * 8, fc, true);
    view.setUint32(154 + index * 8 + 4, lcb, true);
  };
  pair(story.header === undefined ? 16 : 17, 0, parts[0].length);
  pair(33, parts[0].length, parts[1].length);
  pair(21, parts[0].length + parts[1].length, bookmarks.length ? sttb.length : 0);
  return burn([
    { name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [1, 2] },
    stream('WordDocument', document),
    stream('1Table', table),
  ]);
}

/**
 * A Word 97 file whose text's runs have these character properties (each a CHPX's grpprl: sprms and their
 * operands, in one FKP that PlcBteChpx names), and whose Dop shows tracked changes (fRMView) or not.
 */
export function wordBinaryWithRuns(runs: number[][], shown: boolean): Uint8Array {
  const { document, view } = word97Document(1536);
  // The FKP, in the document's third 512-byte page: its runs' FCs, each run's CHPX offset (in words), crun.
  const fkp = 1024;
  let chpx = 500;
  runs.forEach((grpprl, i) => {
    chpx -= grpprl.length + 1;
    chpx -= chpx % 2;
    document.set([grpprl.length, ...grpprl], fkp + chpx);
    view.setUint32(fkp + i * 4, 1536 + i * 10, true);
    document[fkp + (runs.length + 1) * 4 + i] = chpx / 2;
  });
  view.setUint32(fkp + runs.length * 4, 1536 + runs.length * 10, true);
  document[fkp + 511] = runs.length;
  // The table stream: PlcBteChpx (two FCs and the FKP's page number, 2) at 0, the Dop at 16.
  const table = new Uint8Array(64);
  const tableView = new DataView(table.buffer);
  tableView.setUint32(0, 1536, true);
  tableView.setUint32(4, 1536 + runs.length * 10, true);
  tableView.setUint32(8, 2, true);
  table[16 + 7] = shown ? 0x18 : 0x10;
  const pair = (index: number, fc: number, lcb: number) => {
    view.setUint32(154 + index * 8, fc, true);
    view.setUint32(154 + index * 8 + 4, lcb, true);
  };
  pair(12, 0, 12);
  pair(31, 16, 48);
  return burn([
    { name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [1, 2] },
    stream('WordDocument', document),
    stream('1Table', table),
  ]);
}
