/**
 * PDFs with a damaged CFF font (the compact font format of most PDFs' embedded fonts) built byte by byte,
 * for scripts/pdfjsFixes.mjs.
 */
import { deflateSync } from 'node:zlib';
import { rawPdf, type RawObject } from './rawPdf';

/** A CFF DICT integer in its five-byte form (operator 29), so a dictionary's length does not depend on it. */
const int32 = (value: number) => [
  29,
  (value >>> 24) & 0xff,
  (value >>> 16) & 0xff,
  (value >>> 8) & 0xff,
  value & 0xff,
];

/** A CFF INDEX of `entries` with one-byte offsets. */
function smallIndex(entries: number[][]): number[] {
  if (entries.length === 0) return [0, 0];
  const offsets = [1];
  for (const entry of entries) offsets.push(offsets[offsets.length - 1] + entry.length);
  return [0, entries.length, 1, ...offsets, ...entries.flat()];
}

/**
 * A CID-keyed CFF font whose FDArray (its font dictionaries) is an INDEX of 65,535 entries whose offsets go
 * up and down, 1, 60,001, 1, 60,001…: 32,768 entries of the same 60,000 zero bytes, each read as a
 * dictionary of 60,000 entries (pdf.js's own test file issue9278.pdf, 500 bytes zeroed, did the same).
 */
export function overlappingIndexCff(): Uint8Array {
  const count = 0xffff;
  const span = 60_000;
  const head = [1, 0, 4, 1, ...smallIndex([[0x41]])];
  const topDictLength = 5 + 6 + 7;
  const topIndexLength = 5 + topDictLength;
  const charStringsAt = head.length + topIndexLength + 2 + 2;
  const charStrings = smallIndex([[14]]);
  const fdArrayAt = charStringsAt + charStrings.length;
  const topDict = [139, 140, 139, 12, 30, ...int32(charStringsAt), 17, ...int32(fdArrayAt), 12, 36];
  const fdArray = [0xff, 0xff, 2];
  for (let i = 0; i <= count; i++) {
    const offset = i % 2 === 0 ? 1 : span + 1;
    fdArray.push(offset >> 8, offset & 0xff);
  }
  return new Uint8Array([
    ...head,
    ...smallIndex([topDict]),
    0,
    0, // no strings
    0,
    0, // no global subroutines
    ...charStrings,
    ...fdArray,
    ...new Array<number>(span).fill(0),
  ]);
}

/**
 * A CID-keyed CFF font of 2 glyphs whose FDSelect (format 3: ranges of glyphs, each with its font
 * dictionary) has 65,535 ranges, every other one from glyph 0 to 65,535, the others empty.
 */
export function manyRangesFdSelectCff(): Uint8Array {
  const head = [1, 0, 4, 1, ...smallIndex([[0x41]])];
  const topDictLength = 5 + 6 + 7 + 7;
  const topIndexLength = 5 + topDictLength;
  const charStringsAt = head.length + topIndexLength + 2 + 2;
  const charStrings = smallIndex([[14], [14]]);
  const fdArray = smallIndex([[139, 139, 18]]); // one font dictionary: a Private DICT of 0 bytes
  const fdArrayAt = charStringsAt + charStrings.length;
  const fdSelectAt = fdArrayAt + fdArray.length;
  const topDict = [139, 140, 139, 12, 30, ...int32(charStringsAt), 17, ...int32(fdArrayAt), 12, 36];
  topDict.push(...int32(fdSelectAt), 12, 37);
  const fdSelect = [3, 0xff, 0xff];
  for (let i = 0; i < 0xffff; i++) fdSelect.push(i % 2 ? 0xff : 0, i % 2 ? 0xff : 0, 0);
  fdSelect.push(0, 2); // the sentinel: the font's 2 glyphs
  return new Uint8Array([
    ...head,
    ...smallIndex([topDict]),
    0,
    0,
    0,
    0,
    ...charStrings,
    ...fdArray,
    ...fdSelect,
  ]);
}

/** A CFF font of `glyphs` empty glyphs (not CID-keyed). */
export function manyGlyphsCff(glyphs: number): Uint8Array {
  const head = [1, 0, 4, 1, ...smallIndex([[0x41]])];
  const topDict = [...int32(head.length + 5 + 6 + 2 + 2), 17];
  const charStrings = [glyphs >> 8, glyphs & 0xff, 2];
  for (let i = 0; i <= glyphs; i++) charStrings.push((i + 1) >> 8, (i + 1) & 0xff);
  for (let i = 0; i < glyphs; i++) charStrings.push(14);
  return new Uint8Array([...head, ...smallIndex([topDict]), 0, 0, 0, 0, ...charStrings]);
}

/** A CFF INDEX of `entries` with four-byte offsets. */
function index(entries: number[][]): number[] {
  if (entries.length === 0) return [0, 0];
  const offsets = [1];
  for (const entry of entries) offsets.push(offsets[offsets.length - 1] + entry.length);
  const out = [entries.length >> 8, entries.length & 0xff, 4];
  for (const offset of offsets) out.push(...int32(offset).slice(1));
  for (const entry of entries) out.push(...entry);
  return out;
}

/**
 * A CFF font (not CID-keyed) of `glyphs` glyphs after .notdef, each calling the first of `depth` global
 * subroutines, each of those calling the next `calls` times (Type 2: an operand, then callgsubr), the
 * last only returning: calls^(depth - 1) calls a glyph.
 */
export function subroutineFanOutCff(glyphs: number, calls: number, depth: number): Uint8Array {
  const call = (subr: number) => [subr - 107 + 139, 29];
  const subrs: number[][] = [];
  for (let d = 1; d < depth; d++) subrs.push([...new Array<number[]>(calls).fill(call(d)).flat(), 11]);
  subrs.push([11]);
  const charStrings = index([[14], ...new Array<number[]>(glyphs).fill([...call(0), 14])]);
  const head = [1, 0, 4, 1, ...smallIndex([[0x41]])];
  const subrIndex = index(subrs);
  const charStringsAt = head.length + 5 + 6 + 2 + subrIndex.length;
  return new Uint8Array([
    ...head,
    ...smallIndex([[...int32(charStringsAt), 17]]),
    0,
    0, // no strings
    ...subrIndex,
    ...charStrings,
  ]);
}

/**
 * One page of text in `cff`, its codes mapped to glyphs by an embedded CMap of one range from code
 * 0x100000: a sparse map, which pdf.js 5.6 searched from end to end for each of the font's glyphs (pdf.js's
 * issue9534_reduced.pdf with 1,341 bytes cut out did the same).
 */
export function sparseCMapPdf(cff: Uint8Array, glyphs: number): Uint8Array<ArrayBuffer> {
  const high = (0x100000 + glyphs - 1).toString(16).padStart(8, '0');
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Sparse def',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def',
    '1 begincodespacerange <00000000> <ffffffff> endcodespacerange',
    `1 begincidrange <00100000> <${high}> 0 endcidrange`,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  return cffFontPdf(cff, { encoding: '9 0 R', text: '<00100001>', more: [{ dict: '<< >>', stream: cmap }] });
}

/** One page of text in a font whose embedded program is `cff` (CID-keyed, Identity-H). */
export function cffFontPdf(
  cff: Uint8Array,
  { encoding = '/Identity-H', text = '<0001>', more = [] as RawObject[] } = {},
): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: `BT /F1 12 Tf 72 700 Td ${text} Tj ET` },
      `<< /Type /Font /Subtype /Type0 /BaseFont /Damaged /Encoding ${encoding} /DescendantFonts [6 0 R] >>`,
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Damaged /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>',
      '<< /Type /FontDescriptor /FontName /Damaged /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 /FontFile3 8 0 R >>',
      { dict: '<< /Subtype /CIDFontType0C /Filter /FlateDecode >>', stream: deflateSync(cff) },
      ...more,
    ],
    '/Root 1 0 R',
  );
}
