/**
 * PDFs with a damaged Type 1 font (PostScript, its private dictionary eexec-encrypted) built byte by byte,
 * for scripts/pdfjsFixes.mjs.
 */
import { deflateSync } from 'node:zlib';
import { rawPdf } from './rawPdf';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** `plain` eexec-encrypted (Type 1 font format 7.2: key 55665, four bytes before it). */
function eexec(plain: Buffer): Buffer {
  const data = Buffer.concat([Buffer.alloc(4), plain]);
  let r = 55665;
  for (let i = 0; i < data.length; i++) {
    data[i] ^= r >> 8;
    r = ((data[i] + r) * 52845 + 22719) & 0xffff;
  }
  return data;
}

/**
 * One page of the text "A" in a Type 1 font whose glyphs (Type 1 charstrings, not encrypted: lenIV -1)
 * are `glyphs`, "A" the first, and whose subroutines are `subrs`.
 */
export function type1FontPdf(subrs: number[][], glyphs: number[][]): Uint8Array<ArrayBuffer> {
  const clear = latin1(
    '%!PS-AdobeFont-1.0: Damaged 001\n12 dict begin\n/FontName /Damaged def\n/PaintType 0 def\n' +
      '/FontType 1 def\n/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n/Encoding StandardEncoding def\n' +
      '/FontBBox {0 0 1000 1000} readonly def\ncurrentdict end\ncurrentfile eexec\n',
  );
  const parts = [
    latin1(
      'dup /Private 8 dict dup begin\n/RD{string currentfile exch readstring pop}executeonly def\n' +
        '/ND{noaccess def}executeonly def\n/NP{noaccess put}executeonly def\n/lenIV -1 def\n' +
        `/Subrs ${subrs.length} array\n`,
    ),
  ];
  subrs.forEach((subr, i) =>
    parts.push(latin1(`dup ${i} ${subr.length} RD `), Buffer.from(subr), latin1(' NP\n')),
  );
  parts.push(latin1(`ND\n2 index /CharStrings ${glyphs.length + 1} dict dup begin\n`));
  const notdef = [139, 248, 136, 13, 14]; // 0 500 hsbw endchar
  const named: Array<[string, number[]]> = [
    ['.notdef', notdef],
    ...glyphs.map((g, i): [string, number[]] => [i ? `g${i}` : 'A', g]),
  ];
  for (const [name, glyph] of named)
    parts.push(latin1(`/${name} ${glyph.length} RD `), Buffer.from(glyph), latin1(' ND\n'));
  parts.push(
    latin1(
      'end\nend\nreadonly put\nnoaccess put\ndup /FontName get exch definefont pop\nmark currentfile closefile\n',
    ),
  );
  const encrypted = eexec(Buffer.concat(parts));
  const font = Buffer.concat([clear, encrypted, latin1(`\n${'0'.repeat(64 * 8)}\ncleartomark\n`)]);
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: 'BT /F1 12 Tf 72 700 Td (A) Tj ET' },
      '<< /Type /Font /Subtype /Type1 /BaseFont /Damaged /FirstChar 65 /LastChar 65 /Widths [500] /FontDescriptor 6 0 R >>',
      '<< /Type /FontDescriptor /FontName /Damaged /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 /FontFile 7 0 R >>',
      {
        dict: `<< /Length1 ${clear.length} /Length2 ${encrypted.length} /Length3 ${font.length - clear.length - encrypted.length} /Filter /FlateDecode >>`,
        stream: deflateSync(font),
      },
    ],
    '/Root 1 0 R',
  );
}

/**
 * A Type 1 font of `glyphs` glyphs, each calling the first of `depth` subroutines, each of those calling
 * the next `calls` times (an operand, then callsubr), the last drawing a line of no length: calls^(depth -
 * 1) lines a glyph.
 */
export function subroutineFanOutType1Pdf(
  glyphs: number,
  calls: number,
  depth: number,
): Uint8Array<ArrayBuffer> {
  const subrs: number[][] = [];
  for (let d = 1; d < depth; d++) subrs.push([...new Array<number[]>(calls).fill([139 + d, 10]).flat(), 11]);
  subrs.push([139, 139, 5, 11]); // 0 0 rlineto return
  // 0 500 hsbw, 0 0 rmoveto, 0 callsubr, closepath, endchar
  const glyph = [139, 248, 136, 13, 139, 139, 21, 139, 10, 9, 14];
  return type1FontPdf(subrs, new Array<number[]>(glyphs).fill(glyph));
}
