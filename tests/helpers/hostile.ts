/**
 * Crafted hostile and huge inputs, generated (never stored): pictures declaring absurd sizes, a PNG bomb,
 * a Flate-bomb PDF, a PDF of 20,000 pages, deep nesting, and case-archive bombs. Shared by the limits
 * tests and the soak script (scripts/soak.ts), which uses the full sizes the issue measured.
 */
import { createDeflate, createDeflateRaw, deflateSync, crc32 as zlibCrc32 } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array, start = 0xffffffff): number {
  let c = start;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return c;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((crc32(data, crc32(head.subarray(4))) ^ 0xffffffff) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Deflates `total` zero bytes in pieces (never holding them all): zlib or raw deflate. */
export async function deflatedZeros(total: number, raw = false): Promise<Buffer> {
  const deflate = raw ? createDeflateRaw({ level: 9 }) : createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const piece = Buffer.alloc(Math.min(total, 4 * 1024 * 1024));
  for (let left = total; left > 0; left -= piece.length) {
    const part = left >= piece.length ? piece : piece.subarray(0, left);
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/**
 * An RGB PNG `width` × `height` whose rows are all zeros (filter 0, black): `idat` is the deflated
 * image data, or a few bytes only when `idatBytes` is given (the picture then only declares its size).
 */
export async function pngDeclaring(width: number, height: number, truncatedTo?: number): Promise<Uint8Array> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const idat =
    truncatedTo !== undefined
      ? (await deflatedZeros(1024)).subarray(0, truncatedTo)
      : await deflatedZeros((width * 3 + 1) * height);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', idat),
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}

/**
 * A 100 × 100 PNG whose picture data unpacks to `extra` bytes of zeros past its rows (`where` 'data'), or
 * with zTXt and iTXt text chunks that each unpack to `extra` bytes (`where` 'text'): a few MB, and pdf-lib's
 * decoder unpacks all of it.
 */
export async function pngUnpackingPast(extra: number, where: 'data' | 'text'): Promise<Uint8Array> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100, 0);
  header.writeUInt32BE(100, 4);
  header[8] = 8;
  header[9] = 2;
  const rows = (100 * 3 + 1) * 100;
  const bomb = await deflatedZeros(extra);
  const chunks =
    where === 'data'
      ? [pngChunk('IDAT', await deflatedZeros(rows + extra))]
      : [
          pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), bomb])),
          pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\x01\0\0\0', 'latin1'), bomb])),
          pngChunk('IDAT', await deflatedZeros(rows)),
        ];
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      ...chunks,
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}

/** A 100 × 100 animated PNG with `frames` more frames of `side` × `side` pixels of zeros (each deflated once). */
export async function animatedPng(frames: number, side: number): Promise<Uint8Array> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100, 0);
  header.writeUInt32BE(100, 4);
  header[8] = 8;
  header[9] = 2;
  const control = (sequence: number, width: number, height: number) => {
    const body = Buffer.alloc(26);
    body.writeUInt32BE(sequence, 0);
    body.writeUInt32BE(width, 4);
    body.writeUInt32BE(height, 8);
    body.writeUInt16BE(1, 20);
    body.writeUInt16BE(10, 22);
    return pngChunk('fcTL', body);
  };
  const count = Buffer.alloc(8);
  count.writeUInt32BE(frames + 1, 0);
  const frame = await deflatedZeros((side * 3 + 1) * side);
  const chunks = [pngChunk('IHDR', header), pngChunk('acTL', count), control(0, 100, 100)];
  chunks.push(pngChunk('IDAT', await deflatedZeros((100 * 3 + 1) * 100)));
  let sequence = 1;
  for (let i = 0; i < frames; i++) {
    chunks.push(control(sequence++, side, side));
    const body = Buffer.alloc(4 + frame.length);
    body.writeUInt32BE(sequence++, 0);
    frame.copy(body, 4);
    chunks.push(pngChunk('fdAT', body));
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      ...chunks,
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}

/** A baseline JPEG header declaring `width` × `height`, with a few bytes of scan data. */
export function jpegDeclaring(width: number, height: number): Uint8Array {
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
      sof,
      Buffer.from([0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00]),
      Buffer.alloc(100, 0x55),
      Buffer.from([0xff, 0xd9]),
    ]),
  );
}

/** A PDF from its objects (object n is objects[n - 1]); object 1 must be the catalog. */
export function pdfFromObjects(objects: (string | Buffer)[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const piece = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(piece);
    offset += piece.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
  ].join('');
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

function streamObject(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/** One page whose content stream unpacks to `inflatedBytes` (zeros: the parser still has to read them). */
export async function flateBombPdf(inflatedBytes: number): Promise<Uint8Array> {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    streamObject('/Filter /FlateDecode', await deflatedZeros(inflatedBytes)),
  ]);
}

/**
 * `data` deflated, its zlib header then made to name the smallest window (256 bytes) whatever its matches
 * reach back: as some writers' headers understate theirs (pdf.js's issue18036.pdf names 8 KB). pdf.js,
 * poppler and browsers read such data whole; Node's inflaters given options fail at the first match beyond
 * the named window once the data unpacks past their first 16 KB piece.
 */
export function withUnderstatedWindow(data: Uint8Array): Buffer {
  const packed = Buffer.from(deflateSync(data, { windowBits: 15 }));
  const method = 0x08; // deflate, window 2^(0 + 8)
  const levelBits = packed[1] & 0xc0;
  packed[0] = method;
  packed[1] = levelBits + (31 - ((method * 256 + levelBits) % 31));
  return packed;
}

/** A page whose content stream is `inflatedBytes` of a 1 KB random block again and again, its zlib header understating its window. */
export function farMatchBombPdf(inflatedBytes: number): Uint8Array {
  const block = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7919 + 13) % 251));
  const data = Buffer.alloc(inflatedBytes);
  for (let at = 0; at < inflatedBytes; at += block.length) block.copy(data, at);
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    streamObject('/Filter /FlateDecode', withUnderstatedWindow(data)),
  ]);
}

/**
 * The catalog, the page tree and `pages` pages (objects 4 on) sharing one content stream (object 3), each
 * page's dictionary ending with `pageEntries`: the start of a PDF whose further objects follow from
 * object `4 + pages`.
 */
function pagesSharingContent(pages: number, content: string, pageEntries = ''): (string | Buffer)[] {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 4} 0 R`).join(' ');
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    streamObject('', Buffer.from(content, 'latin1')),
  ];
  for (let i = 0; i < pages; i++)
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R${pageEntries} >>`);
  return objects;
}

/** A PDF of `pages` pages sharing one small content stream. */
export function manyPagesPdf(pages: number): Uint8Array {
  return pdfFromObjects(pagesSharingContent(pages, 'BT /F1 12 Tf 72 720 Td (Page) Tj ET'));
}

/**
 * `pages` pages, each drawing a form that draws the next form `fan` times, `levels` deep, the last a
 * rectangle: a few kB that ask a reader to draw fan^(levels-1) forms a page unless it remembers the forms
 * that show no text.
 */
export function formFanOutPdf(pages: number, levels: number, fan: number): Uint8Array {
  const firstForm = 4 + pages;
  const objects = pagesSharingContent(pages, '/F Do', ` /Resources << /XObject << /F ${firstForm} 0 R >> >>`);
  for (let level = 1; level <= levels; level++) {
    const last = level === levels;
    const resources = last ? '<< >>' : `<< /XObject << /F ${firstForm + level} 0 R >> >>`;
    const content = last ? '0 0 10 10 re f' : Array(fan).fill('/F Do').join('\n');
    objects.push(
      streamObject(
        `/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources ${resources}`,
        Buffer.from(content, 'latin1'),
      ),
    );
  }
  return pdfFromObjects(objects);
}

/** A one-page PDF whose page carries arrays nested `depth` deep. */
export function deepNestingPdf(depth: number): Uint8Array {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Nested ${'['.repeat(depth)}${']'.repeat(depth)} >>`,
  ]);
}

/**
 * A page of forms that each draw the next `copies` times, `depth` deep: a few KB that readers draw
 * copies^depth times over (2 and 20: over a million forms for one page).
 */
export function fanOutFormsPdf(depth: number, copies = 2): Uint8Array {
  const forms = Array.from({ length: depth }, (_, i) => {
    const inner = i + 1 < depth;
    const content = inner ? '/X Do '.repeat(copies) : 'BT /F1 12 Tf 72 600 Td (The innermost form) Tj ET';
    const resources = `/Font << /F1 4 0 R >>${inner ? ` /XObject << /X ${7 + i} 0 R >>` : ''}`;
    return `<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << ${resources} >> /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  const page = 'BT /F1 12 Tf 72 760 Td (A page of forms inside forms) Tj ET /X Do';
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...forms.slice(0, 1),
    `<< /Length ${page.length} >>\nstream\n${page}\nendstream`,
    ...forms.slice(1),
  ]);
}

/** A stream object of `content` (text), its dictionary `dict` with /Length added. */
const textStream = (dict: string, content: string) =>
  `${dict.slice(0, -2)}/Length ${content.length} >>\nstream\n${content}\nendstream`;

/** Forms numbered from `first`, each drawing the next `copies` times, `depth` deep. */
function fanOutForms(first: number, depth: number, copies: number): string[] {
  return Array.from({ length: depth }, (_, i) =>
    textStream(
      `<< /Type /XObject /Subtype /Form /BBox [0 0 1000 1000]${i + 1 < depth ? ` /Resources << /XObject << /X ${first + i + 1} 0 R >> >>` : ''} >>`,
      i + 1 < depth ? '/X Do '.repeat(copies) : '0 0 100 100 re f',
    ),
  );
}

/**
 * One page showing one glyph of a Type 3 font whose procedure for it draws forms that each draw the next
 * `copies` times, `depth` deep: what a reader loading the font draws, though the page draws no form itself
 * (a glyph drawing 10 million forms: pdf.js 97 s to list what the page draws; import 56 s, then refused for
 * memory, before glyph procedures were counted).
 */
export function glyphFormsPdf(depth: number, copies = 10): Uint8Array {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /T3 6 0 R >> >> /Contents 4 0 R >>',
    textStream('<< >>', 'BT /F1 12 Tf 72 760 Td (A page of one glyph) Tj /T3 50 Tf 0 -100 Td (a) Tj ET'),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1000] /Resources << /XObject << /X 8 0 R >> >> >>',
    textStream('<< >>', '1000 0 0 0 1000 1000 d1 /X Do'),
    ...fanOutForms(8, depth, copies),
  ]);
}

/**
 * One page painting a square with a tiling pattern whose cell draws forms that each draw the next `copies`
 * times, `depth` deep (10 million forms: the import took 4 s, unaware; pdf.js was still listing what the
 * page draws, as the preview does, after 150 s, before patterns were counted).
 */
export function patternFormsPdf(depth: number, copies = 10): Uint8Array {
  return formsBehindPdf(
    '/Pattern << /P0 6 0 R >>',
    'BT /F1 12 Tf 72 760 Td (A page of one pattern) Tj ET /Pattern cs /P0 scn 72 300 300 300 re f',
    '<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 1000 1000] /XStep 1000 /YStep 1000 /Resources << /XObject << /X 7 0 R >> >> >>',
    depth,
    copies,
  );
}

/**
 * One page painting a square through a soft mask whose group draws forms that each draw the next `copies`
 * times, `depth` deep (10 million forms: the import took 2 s, unaware; pdf.js was still listing what the
 * page draws after 60 s, before soft masks were counted).
 */
export function softMaskFormsPdf(depth: number, copies = 10): Uint8Array {
  return formsBehindPdf(
    '/ExtGState << /GS0 << /SMask << /S /Luminosity /G 6 0 R >> >> >>',
    'BT /F1 12 Tf 72 760 Td (A page with a soft mask) Tj ET /GS0 gs 72 300 300 300 re f',
    '<< /Type /XObject /Subtype /Form /BBox [0 0 1000 1000] /Group << /S /Transparency /CS /DeviceGray >> /Resources << /XObject << /X 7 0 R >> >> >>',
    depth,
    copies,
  );
}

/**
 * One page of `content` whose `resources` (besides the font /F1) name object 6, a stream of `holder`'s
 * dictionary that draws /X, the first of the fan-out of forms from object 7.
 */
function formsBehindPdf(
  resources: string,
  content: string,
  holder: string,
  depth: number,
  copies: number,
): Uint8Array {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> ${resources} >> /Contents 4 0 R >>`,
    textStream('<< >>', content),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    textStream(holder, '/X Do'),
    ...fanOutForms(7, depth, copies),
  ]);
}

/**
 * A flat grey JPEG of `width` × `height` pixels, coded in as few bytes as a baseline JPEG allows: one Huffman
 * code of one bit for every block's first coefficient and one for its end, so every byte of its data is 0.
 */
function flatJpeg(width: number, height: number): Buffer {
  const segment = (marker: number, payload: number[]) =>
    Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload]);
  const oneCode = [1, ...new Array<number>(15).fill(0), 0];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    segment(0xc4, [0x00, ...oneCode]),
    segment(0xc4, [0x10, ...oneCode]),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    Buffer.alloc(Math.ceil((blocks * 2) / 8)),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/**
 * One page drawing a flat grey JPEG picture of `width` × `height` pixels, compressed again with Flate: at
 * 16,000 square a PDF of 2 KB, which pdf.js takes 1.6 GB and 5 s to draw.
 */
export function bigPicturePdf(width: number, height: number): Uint8Array {
  const data = deflateSync(flatJpeg(width, height), { level: 9 });
  const content = 'q 595 0 0 842 0 0 cm /Im Do Q';
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im 5 0 R >> >> /Contents 4 0 R >>',
    textStream('<< >>', content),
    streamObject(
      `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter [/FlateDecode /DCTDecode]`,
      data,
    ),
  ]);
}

/**
 * One page drawing an inline image (BI … ID … EI, in the page's own content) of `width` × `height` grey pixels,
 * all there: zeros, Flate-compressed and written in hex, the content compressed again. At 12,000 square a PDF of
 * 1 KB; at 20,000 square pdf.js took 31 s and 4.3 GB to draw it.
 */
export async function inlinePicturePdf(width: number, height: number): Promise<Uint8Array> {
  const data = (await deflatedZeros(width * height)).toString('hex');
  const content = `q 595 0 0 842 0 0 cm BI /W ${width} /H ${height} /CS /G /BPC 8 /F [/AHx /Fl] ID ${data}> EI Q`;
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    streamObject('/Filter /FlateDecode', deflateSync(content, { level: 9 })),
  ]);
}

/**
 * One page whose one Flate content stream is `content` repeated `times` (built in pieces, so tens of
 * megabytes of it cost no string that long): a few KB to a few hundred that a reader takes seconds or
 * minutes over.
 */
export function repeatedContentPdf(content: (i: number) => string, times: number): Uint8Array {
  const pieces: Buffer[] = [];
  const chunk = 100_000;
  for (let i = 0; i < times; i += chunk) {
    let piece = '';
    for (let k = i; k < Math.min(times, i + chunk); k++) piece += content(k);
    pieces.push(Buffer.from(piece, 'latin1'));
  }
  const data = deflateSync(Buffer.concat([Buffer.from('BT /F1 1 Tf ET\n'), ...pieces]));
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    streamObject('/Filter /FlateDecode', data),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/** 78 KB whose page runs 40 million operators (`q Q`): pdf.js 9 s to read its text, an import 21 s. */
export const manyOperatorsPdf = (pairs = 20_000_000) => repeatedContentPdf(() => 'q Q\n', pairs);

/** One string of `words` words in one `Tj` ("Secret ab ab ab …"): 200,000 (600 KB of text) took a check 53 s (session 55). */
export const longStringPdf = (words: number) =>
  repeatedContentPdf(
    (i) => `${i === 0 ? 'BT /F1 12 Tf 72 700 Td (Secret ' : ''}ab ${i === words - 1 ? ') Tj ET\n' : ''}`,
    words,
  );

/** One line of `strings` strings in one `TJ`, a small gap between each: 200,000 took a check 110 s (session 55). */
export const longLinePdf = (strings: number) =>
  repeatedContentPdf(
    (i) => `${i === 0 ? 'BT /F1 0.001 Tf 72 700 Td [' : ''}(ab) -250 ${i === strings - 1 ? '] TJ ET\n' : ''}`,
    strings,
  );

/** A page of `pieces` one-letter pieces of text each in a place of its own (a million: an import 19 s, 900 MB). */
export const scatteredTextPdf = (pieces: number) =>
  repeatedContentPdf((i) => `BT /F1 1 Tf 1 0 0 1 ${(i * 7) % 590} ${(i * 13) % 840} Tm (a)Tj ET\n`, pieces);

/**
 * One page of text in `fonts` fonts that share one /ToUnicode CMap of `ranges` ranges, each of every
 * two-byte code (a few KB compressed): 1,000 took the checker's reader 8 s a font, a check 91 s (session 56).
 */
export function bigToUnicodePdf(ranges: number, fonts = 2): Uint8Array {
  const blocks: string[] = [];
  for (let n = 0; n < ranges; n += 100)
    blocks.push(`100 beginbfrange\n${'<0000> <FFFF> <0041>\n'.repeat(Math.min(100, ranges - n))}endbfrange`);
  const cmap = deflateSync(
    Buffer.from(
      `begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n${blocks.join('\n')}\nendcmap\n`,
    ),
  );
  const fontRefs = Array.from({ length: fonts }, (_, f) => `/F${f} ${5 + f} 0 R`).join(' ');
  const text = Array.from(
    { length: fonts },
    (_, f) => `BT /F${f} 12 Tf 72 ${700 - 14 * f} Td (Sam needs support) Tj ET`,
  );
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << ${fontRefs} >> >> /Contents 4 0 R >>`,
    streamObject('', Buffer.from(text.join('\n'), 'latin1')),
    ...Array.from(
      { length: fonts },
      () => `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode ${5 + fonts} 0 R >>`,
    ),
    streamObject('/Filter /FlateDecode', cmap),
  ]);
}

/**
 * One page of text whose font's /Widths holds `widths` numbers (4 bytes each as written, a few KB in an
 * object stream): 3 million took a check 30 s (session 57), pdf.js parsing it again for every 256 KB read.
 */
export function bigArrayPdf(widths: number): Uint8Array {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    streamObject('', Buffer.from('BT /F1 12 Tf 72 700 Td (Sam needs support) Tj ET', 'latin1')),
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 /Widths [${'500 '.repeat(widths)}] >>`,
  ]);
}

/**
 * `pages` pages that each draw one shared content stream of `pairs` `q Q` (a few KB however many pages):
 * each page within the limits of one, the file over them (70 pages of 4 million operators: pdf.js
 * reads each page's text in about a second).
 */
export function sharedContentPagesPdf(pages: number, pairs: number): Uint8Array {
  const data = deflateSync(Buffer.from('q Q\n'.repeat(pairs), 'latin1'));
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(' ');
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    streamObject('/Filter /FlateDecode', data),
    ...Array.from(
      { length: pages },
      () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>',
    ),
  ]);
}

interface ZipEntry {
  name: string;
  /** Stored bytes, or a deflated body with its inflated size and CRC. */
  data?: Uint8Array;
  deflated?: { body: Buffer; size: number; crc: number };
}

/** A zip file from entries (stored or already deflated); no zip64. */
export function zipOf(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.deflated ? entry.deflated.body : Buffer.from(entry.data ?? new Uint8Array());
    const size = entry.deflated ? entry.deflated.size : body.length;
    const crc = entry.deflated ? entry.deflated.crc : zlibCrc32(body);
    const method = entry.deflated ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  if (entries.length > 0xffff) {
    // More entries than a plain zip counts: a zip64 end record says how many (as zip tools write).
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(45, 12);
    end64.writeUInt16LE(45, 14);
    end64.writeBigUInt64LE(BigInt(entries.length), 24);
    end64.writeBigUInt64LE(BigInt(entries.length), 32);
    end64.writeBigUInt64LE(BigInt(cdBytes.length), 40);
    end64.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cdBytes.length), 8);
    locator.writeUInt32LE(1, 16);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    return new Uint8Array(Buffer.concat([...locals, cdBytes, end64, locator, end]));
  }
  return new Uint8Array(Buffer.concat([...locals, cdBytes, end]));
}

/** A case-export look-alike holding one entry that unpacks to `inflatedBytes` of zeros. */
export async function archiveBomb(inflatedBytes: number): Promise<Uint8Array> {
  const body = await deflatedZeros(inflatedBytes, true);
  let crc = 0;
  const piece = Buffer.alloc(Math.min(inflatedBytes, 4 * 1024 * 1024));
  for (let left = inflatedBytes; left > 0; left -= piece.length)
    crc = zlibCrc32(left >= piece.length ? piece : piece.subarray(0, left), crc);
  return zipOf([
    { name: 'manifest.json', data: Buffer.from('{}') },
    { name: `store/documents/${'0'.repeat(64)}.pdf`, deflated: { body, size: inflatedBytes, crc } },
  ]);
}

/**
 * A WhatsApp chat exported with its media whose one photo unpacks to `inflatedBytes` of zeros, though its
 * directory lists it as `listedBytes` (a lie, when smaller).
 */
export async function chatExportBomb(
  inflatedBytes: number,
  listedBytes = inflatedBytes,
): Promise<Uint8Array> {
  // A JPEG's first three bytes in a stored block of its own, then the zeros: read from its first bytes, it is
  // a photo, so it is unpacked.
  const jpegStart = Buffer.from([0x00, 0x03, 0x00, 0xfc, 0xff, 0xff, 0xd8, 0xff]);
  const body = Buffer.concat([jpegStart, await deflatedZeros(inflatedBytes - 3, true)]);
  return zipOf([
    { name: '_chat.txt', data: Buffer.from('[02/11/2026, 09:15:12] Mum: <attached: 00000002-PHOTO.jpg>\n') },
    { name: '00000002-PHOTO.jpg', deflated: { body, size: listedBytes, crc: 0 } },
  ]);
}

/**
 * A Word document (.docx) whose text starts as a real one's and then unpacks to `inflatedBytes` of zeros, though
 * its directory lists it as `listedBytes` (a lie, when smaller).
 */
export async function docxBomb(inflatedBytes: number, listedBytes = inflatedBytes): Promise<Uint8Array> {
  const start = Buffer.from('<w:document><w:body><w:p><w:r><w:t>Words</w:t></w:r></w:p>');
  // The start in a stored block of its own (final bit clear, type 0, length and its complement), then the zeros.
  const stored = Buffer.alloc(5);
  stored.writeUInt16LE(start.length, 1);
  stored.writeUInt16LE(~start.length & 0xffff, 3);
  const body = Buffer.concat([stored, start, await deflatedZeros(inflatedBytes - start.length, true)]);
  return zipOf([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'word/document.xml', deflated: { body, size: listedBytes, crc: 0 } },
  ]);
}

/**
 * A long WhatsApp chat as Android exports it, up to `bytes` of UTF-8: a parent and a school over many months,
 * an emoji now and then. Not hostile: the longest text file import takes.
 */
export function longChat(bytes: number): string {
  const said = [
    'Mrs Patel (SENCO): Sam had a good morning and joined in at carpet time.',
    'Mum: Thank you 👍 he said the new visual timetable helps.',
    'Mrs Patel (SENCO): The speech and language therapist is in on Thursday; I will ask about his targets.',
    'Mum: He was very upset at pick-up again. Can we talk about lunchtimes?',
    'Mrs Patel (SENCO): Of course. The TA support at lunch has been short this week, I am sorry ❤️',
  ];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const day = new Date(Date.UTC(2025, 8, 1) + Math.floor(i / 6) * 86_400_000);
    const stamp = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}, ${String(8 + (i % 6)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
    const line = `${stamp} - ${said[i % said.length]}\n`;
    size += Buffer.byteLength(line);
    if (size > bytes) return lines.join('');
    lines.push(line);
  }
}

/**
 * A web page saved from a browser at `bytes` (LIMITS.webPageBytes), mostly the scripts written into it, as
 * pages are, with about `textBytes` of text: the chat above as paragraphs.
 */
export function bigSavedWebPage(bytes: number, textBytes: number): string {
  const body = longChat(textBytes)
    .split('\n')
    .map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n');
  const start =
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Messages with the school</title><script>';
  const end = `</script></head><body>${body}</body></html>`;
  const statement = 'var row = "<div class=\\"message\\">";\n';
  const room = bytes - Buffer.byteLength(start) - Buffer.byteLength(end);
  return start + statement.repeat(Math.max(0, Math.floor(room / statement.length))) + end;
}

/**
 * A saved email whose To: header lists recipients, folded a line each, until its headers come to about
 * `headerBytes`; then, unless `endless`, its subject, a blank line and a message.
 */
export function emailWithLongHeaders(headerBytes: number, endless = false): Uint8Array {
  const start = 'From: School Office <office@school.example.org>\r\nTo: parent0@example.org';
  const recipient = (i: number) => `,\r\n parent${i}@example.org`;
  const pieces = [start];
  let length = start.length;
  for (let i = 1; length < headerBytes - 64; i++) {
    pieces.push(recipient(i));
    length += pieces[pieces.length - 1].length;
  }
  if (!endless) pieces.push('\r\nSubject: Term dates\r\n\r\nThe term starts on 5 January.\r\n');
  return Buffer.from(pieces.join(''), 'latin1');
}

/** A .docx (stored, not deflated) whose one table holds a table, `depth` deep. */
export function nestedTablesDocx(depth: number): Uint8Array {
  const body = '<w:tbl><w:tr><w:tc>'.repeat(depth) + '<w:p/>' + '</w:tc></w:tr></w:tbl><w:p/>'.repeat(depth);
  return zipOf([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    {
      name: 'word/document.xml',
      data: Buffer.from(
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
      ),
    },
  ]);
}

/** A zip of `count` tiny entries. */
export function manyEntriesArchive(count: number): Uint8Array {
  const entries: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from('{}') }];
  for (let i = 1; i < count; i++) entries.push({ name: `files/bundles/1/f${i}.pdf`, data: Buffer.from('x') });
  return zipOf(entries);
}

/** A WebP (extended header) declaring `width` × `height` pixels (at most 16384 each), with no picture. */
export function webpDeclaring(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(30);
  bytes.write('RIFF', 0);
  bytes.writeUInt32LE(22, 4);
  bytes.write('WEBPVP8X', 8);
  bytes.writeUInt32LE(10, 16);
  bytes.writeUIntLE(width - 1, 24, 3);
  bytes.writeUIntLE(height - 1, 27, 3);
  return new Uint8Array(bytes);
}

/** A GIF declaring `width` × `height` pixels with one frame as big, of a few bytes of data. */
export function gifDeclaring(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(13 + 6 + 10 + 5);
  bytes.write('GIF89a', 0);
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  bytes[10] = 0x80; // a global colour table of 2 colours
  let at = 19;
  bytes[at] = 0x2c; // image descriptor: at 0, 0, as big as the picture
  bytes.writeUInt16LE(width, at + 5);
  bytes.writeUInt16LE(height, at + 7);
  at += 10;
  bytes.set([2, 1, 0x44, 0, 0x3b], at); // LZW minimum code size, a 1-byte block, end, trailer
  return new Uint8Array(bytes);
}

/** A 24-bit BMP declaring `width` × `height` pixels, with none. */
export function bmpDeclaring(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(54);
  bytes.write('BM', 0);
  bytes.writeUInt32LE(54, 2);
  bytes.writeUInt32LE(54, 10);
  bytes.writeUInt32LE(40, 14);
  bytes.writeInt32LE(width, 18);
  bytes.writeInt32LE(height, 22);
  bytes.writeUInt16LE(1, 26);
  bytes.writeUInt16LE(24, 28);
  return new Uint8Array(bytes);
}
