/**
 * One-page PDFs whose picture is a JBIG2 stream holding a single symbol dictionary segment with damaged
 * data: what pdf.js decodes only to draw the page (scripts/pdfjsFixes.mjs, fixes 2 and 3). The damaged data
 * were found by trying random bytes against pdf.js 5.6 as published; each makes it decode for ever.
 */
import { rawPdf } from './rawPdf';

export const DAMAGED_SYMBOL_DICTIONARIES = {
  /** Arithmetic coding: the export flags' runs never cover the one symbol. */
  'export flags that never end': { huffman: false, data: '420282061a2359b62a3bca3d09243efebfff359b88e88a99' },
  /** Arithmetic coding: symbol after symbol in the first height class, past the one declared. */
  'symbols past those declared': { huffman: false, data: '63034749cbf343040f4f010a838acb4fb7f7a482bb5161d6' },
  /** Arithmetic coding: a symbol 571,874,006 pixels wide. */
  'a symbol half a billion pixels wide': {
    huffman: false,
    data: '8c0c2d76b86b058452a05c61ef264bc5ae0891621c22af2d',
  },
  /** Huffman coding (five new symbols, three exported). */
  'Huffman-coded symbols that never end': {
    huffman: true,
    data: 'e7074345ff94ba57af0afde4a8fe4535edda3c2b307053d8',
  },
} as const;

/** The picture: segment 0, a symbol dictionary (ITU T.88 7.4.2), in a PDF's embedded JBIG2 stream. */
function symbolDictionaryStream(huffman: boolean, data: Buffer): Buffer {
  const newSymbols = huffman ? 5 : 1;
  const exported = huffman ? 3 : 1;
  const flags = Buffer.alloc(2);
  flags.writeUInt16BE(huffman ? 1 : 0);
  // Template 0's nominal adaptive pixels (pdf.js's fast path when decoding the symbols' bitmaps).
  const adaptivePixels = huffman ? Buffer.alloc(0) : Buffer.from([3, 0xff, 0xfd, 0xff, 2, 0xfe, 0xfe, 0xfe]);
  const counts = Buffer.alloc(8);
  counts.writeUInt32BE(exported, 0);
  counts.writeUInt32BE(newSymbols, 4);
  const body = Buffer.concat([flags, adaptivePixels, counts, data]);
  const header = Buffer.alloc(11); // number 0, type 0, no referred segments, page 1, then the length
  header[6] = 1;
  header.writeUInt32BE(body.length, 7);
  return Buffer.concat([header, body]);
}

export function damagedJbig2Pdf(name: keyof typeof DAMAGED_SYMBOL_DICTIONARIES): Uint8Array<ArrayBuffer> {
  const { huffman, data } = DAMAGED_SYMBOL_DICTIONARIES[name];
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: 'q 100 0 0 100 0 0 cm /Im1 Do Q' },
      {
        dict: '<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /JBIG2Decode >>',
        stream: symbolDictionaryStream(huffman, Buffer.from(data, 'hex')),
      },
    ],
    '/Root 1 0 R',
  );
}
