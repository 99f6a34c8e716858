/**
 * One-page PDFs whose picture is a JBIG2 stream that pdf.js 5.6 as published decodes for ever (or until
 * memory runs out): what it decodes only to draw the page (scripts/pdfjsFixes.mjs, fixes 2 to 6). A single
 * symbol dictionary with damaged data, found by trying random bytes (fixes 2 and 3); a page or region far
 * larger than any page, whose size pdf.js takes as given (fix 4); a segment header that does not fit its
 * data (fixes 5 and 6). And pictures within every limit that take pdf.js seconds (the fuzz's timing).
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
  /**
   * Arithmetic coding, given whole (flags, adaptive pixels and counts): a scanned page's JPEG data read as
   * a dictionary of 151 million symbols (the fuzz, seed 52), whose height classes, past its data, end at
   * once and add none.
   */
  'height classes of no symbols': {
    huffman: false,
    whole: true,
    data: 'c4002411010000020905000000000000000000000003060102041754a1a3d1d20514155253ffda000c03010002110311003f00ce8030c5530000000000005de0',
  },
  /** Huffman coding (five new symbols, three exported). */
  'Huffman-coded symbols that never end': {
    huffman: true,
    data: 'e7074345ff94ba57af0afde4a8fe4535edda3c2b307053d8',
  },
} as const;

/** Template 0's nominal adaptive pixels (pdf.js's fast path when decoding a bitmap). */
const NOMINAL_ADAPTIVE_PIXELS = Buffer.from([3, 0xff, 0xfd, 0xff, 2, 0xfe, 0xfe, 0xfe]);
/** Bytes to decode: what they are matters little, since a decoder past its data goes on reading 0xFF. */
const ANY_DATA = Buffer.from('4196935ae7bf3f9ed15eabf1094ce0d6ba5274b88659c34e', 'hex');

const uint32 = (n: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(n);
  return bytes;
};

/** A segment (ITU T.88 7.2) of page 1: number, type, the segments it refers to (numbered below 256), data. */
function segment(number: number, type: number, data: Buffer, referredTo: number[] = []): Buffer {
  const header = Buffer.from([type, referredTo.length << 5, ...referredTo, 1]);
  return Buffer.concat([uint32(number), header, uint32(data.length), data]);
}

/** Page information (7.4.8): its size in pixels. */
const pageInformation = (width: number, height: number) =>
  segment(
    0,
    48,
    Buffer.concat([uint32(width), uint32(height), uint32(0), uint32(0), Buffer.from([0, 0, 0])]),
  );

/** A region's size, at the page's top left, drawn with OR (7.4.1). */
const regionInformation = (width: number, height: number) =>
  Buffer.concat([uint32(width), uint32(height), uint32(0), uint32(0), Buffer.from([0])]);

const SMALL_PAGE = pageInformation(8, 8);
const HUGE = 100_000;

/** A page 8 pixels square with an arithmetic-coded generic region `side` pixels square drawn on it. */
const genericRegion = (side: number) =>
  Buffer.concat([
    SMALL_PAGE,
    segment(
      1,
      38,
      Buffer.concat([regionInformation(side, side), Buffer.from([0]), NOMINAL_ADAPTIVE_PIXELS, ANY_DATA]),
    ),
  ]);

export const OVERSIZED_JBIG2_PICTURES = {
  /** An immediate generic region (7.4.6), arithmetic coded: 10^10 pixels decoded one by one. */
  'a generic region 100,000 pixels square': () => genericRegion(HUGE),
  /** The same, MMR coded (the fax coding): gigabytes of rows before it gives up. */
  'an MMR-coded generic region 100,000 pixels square': () =>
    Buffer.concat([
      SMALL_PAGE,
      segment(1, 38, Buffer.concat([regionInformation(HUGE, HUGE), Buffer.from([1]), ANY_DATA])),
    ]),
  /** A pattern dictionary (7.4.4) of a million 255 by 255 patterns, decoded as one bitmap side by side. */
  'a million patterns 255 pixels square': () =>
    Buffer.concat([
      SMALL_PAGE,
      segment(
        1,
        16,
        Buffer.concat([Buffer.from([0, 255, 255]), uint32(999_999), NOMINAL_ADAPTIVE_PIXELS, ANY_DATA]),
      ),
    ]),
  /**
   * A pattern dictionary of 2^32 patterns no pixel wide and 90 high: their shared bitmap is empty, but
   * pdf.js made a view of each pattern's rows until its memory ran out (pdf.js's own
   * bitmap-halftone-refine.pdf with 7 bytes changed: fuzz, seed 3).
   */
  'four billion patterns no pixel wide': () =>
    Buffer.concat([
      SMALL_PAGE,
      segment(
        1,
        16,
        Buffer.concat([Buffer.from([0, 0, 90]), uint32(0xffffffff), NOMINAL_ADAPTIVE_PIXELS, ANY_DATA]),
      ),
    ]),
  /** A halftone region (7.4.5) whose grid of patterns is 100,000 cells square (over four 2 by 2 patterns). */
  'a halftone grid 100,000 cells square': () => {
    const patterns = segment(
      1,
      16,
      Buffer.concat([Buffer.from([0, 2, 2]), uint32(3), NOMINAL_ADAPTIVE_PIXELS, ANY_DATA]),
    );
    const gridVector = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]); // offsets 0, 0; vector 256, 0: a pixel across
    const halftone = Buffer.concat([
      regionInformation(8, 8),
      Buffer.from([0]),
      uint32(HUGE),
      uint32(HUGE),
      gridVector,
      ANY_DATA,
    ]);
    return Buffer.concat([SMALL_PAGE, patterns, segment(2, 22, halftone, [1])]);
  },
} as const;

/** The picture: segment 0, a symbol dictionary (ITU T.88 7.4.2), in a PDF's embedded JBIG2 stream. */
function symbolDictionaryStream(huffman: boolean, data: Buffer): Buffer {
  const flags = Buffer.from([0, huffman ? 1 : 0]);
  // Five new symbols, three exported; or one and one.
  const counts = huffman ? Buffer.concat([uint32(3), uint32(5)]) : Buffer.concat([uint32(1), uint32(1)]);
  const adaptivePixels = huffman ? Buffer.alloc(0) : NOMINAL_ADAPTIVE_PIXELS;
  return segment(0, 0, Buffer.concat([flags, adaptivePixels, counts, data]));
}

export function damagedJbig2Pdf(name: keyof typeof DAMAGED_SYMBOL_DICTIONARIES): Uint8Array<ArrayBuffer> {
  const dictionary = DAMAGED_SYMBOL_DICTIONARIES[name];
  const data = Buffer.from(dictionary.data, 'hex');
  return jbig2Pdf(
    'whole' in dictionary ? segment(0, 0, data) : symbolDictionaryStream(dictionary.huffman, data),
  );
}

/**
 * A segment whose header (ITU T.88 7.2.4) says it refers to 536,870,911 other segments, in a stream of 63
 * bytes (found reading pdf.js's segment headers, looking for what held the fuzz's damaged scan, seed 44).
 */
export function manyReferencesJbig2Pdf(): Uint8Array<ArrayBuffer> {
  const header = Buffer.concat([uint32(1), Buffer.from([38, 0xff, 0xff, 0xff, 0xff])]);
  return jbig2Pdf(Buffer.concat([SMALL_PAGE, header, ANY_DATA]));
}

/**
 * A tables segment (7.4.13: a custom Huffman table) whose length says it runs 3,985,980,201 bytes, in a
 * stream of 45 bytes (the fuzz's damaged scan again, seed 44: its 4 bytes of data as they were).
 */
export function overlongSegmentJbig2Pdf(): Uint8Array<ArrayBuffer> {
  const header = Buffer.concat([uint32(1), Buffer.from([53, 0, 1]), uint32(0xed953b29)]);
  return jbig2Pdf(Buffer.concat([SMALL_PAGE, header, Buffer.from('709a3335', 'hex')]));
}

/**
 * A picture that takes pdf.js seconds to decode though it is within every limit: a generic region 16,384
 * pixels square (2^28 pixels, the most a picture may decode; 4.7 s on a 2-core EPYC).
 */
export function slowJbig2Pdf(): Uint8Array<ArrayBuffer> {
  return jbig2Pdf(genericRegion(16_384), 16_384);
}

export function oversizedJbig2Pdf(name: keyof typeof OVERSIZED_JBIG2_PICTURES): Uint8Array<ArrayBuffer> {
  return jbig2Pdf(OVERSIZED_JBIG2_PICTURES[name]());
}

/**
 * A page whose only content is a picture drawn from `stream`, a PDF's embedded JBIG2 stream: `side` pixels
 * square as the PDF gives its size (pdf.js's budget for decoding it follows that: scripts/pdfjsFixes.mjs).
 */
function jbig2Pdf(stream: Buffer, side = 8): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: 'q 100 0 0 100 0 0 cm /Im1 Do Q' },
      {
        dict: `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /JBIG2Decode >>`,
        stream,
      },
    ],
    '/Root 1 0 R',
  );
}
