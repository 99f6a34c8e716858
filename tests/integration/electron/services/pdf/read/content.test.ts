/**
 * A page whose content streams are damaged is told apart from one that is only unusual: readers show the
 * first blank or incomplete, and import says so (documents/preflight.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { contentDamaged } from '../../../../../../electron/services/pdf/read/content';
import { FIXTURES } from '../../../../../helpers/context';
import { withUnderstatedWindow } from '../../../../../helpers/hostile';
import { rawPdf, type RawObject } from '../../../../../helpers/rawPdf';
import { jp2Outline } from '../../../../../helpers/images';
import { jpegScanPdf } from '../../../../../helpers/scanPdf';
import { REPO_ROOT } from '../../../../../helpers/repo';

function damagedPages(bytes: Uint8Array, pictures = false): number[] {
  const file = PdfFile.open({ bytes });
  try {
    const decoded = new Map();
    return file.pages
      .filter((p) => contentDamaged(file.reader, p, decoded, pictures))
      .map((p) => p.index + 1);
  } finally {
    file.close();
  }
}

/** A PDF whose pages draw with the given content streams, stored with the given filters. */
async function pdfWithContents(streams: { data: Uint8Array; filter?: string }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const stream of streams) {
    const page = doc.addPage([595, 842]);
    const dict = doc.context.obj({});
    if (stream.filter) dict.set(PDFName.of('Filter'), PDFName.of(stream.filter));
    dict.set(PDFName.of('Length'), PDFNumber.of(stream.data.length));
    const ref = doc.context.register(doc.context.stream(stream.data, dict as never));
    page.node.set(PDFName.of('Contents'), ref);
  }
  return doc.save({ useObjectStreams: false });
}

const text = Buffer.from('BT /F1 24 Tf 72 720 Td (Hello) Tj ET');

describe('damaged page content', () => {
  it('finds the page of a third-party file whose LZW content stream breaks off', () => {
    expect(damagedPages(readFileSync(join(FIXTURES, 'malformed', 'qpdf-broken-lzw.pdf')))).toEqual([1]);
  });

  it('leaves alone a damaged stream the page does not draw, and sound files', () => {
    for (const file of ['malformed/qpdf-damaged-stream.pdf', 'valid/pdflib-us_constitution.pdf'])
      expect(damagedPages(readFileSync(join(FIXTURES, file))), file).toEqual([]);
  });

  it('finds Flate data that cannot be decoded, and passes Flate data that only lacks its checksum', async () => {
    const whole = deflateSync(text);
    const garbled = Uint8Array.from(whole);
    garbled.fill(0xff, 2, 12);
    const pdf = await pdfWithContents([
      { data: whole, filter: 'FlateDecode' },
      { data: whole.subarray(0, whole.length - 4), filter: 'FlateDecode' },
      { data: garbled, filter: 'FlateDecode' },
      { data: text },
    ]);
    expect(damagedPages(pdf)).toEqual([3]);
  });

  // pdf.js's issue18036.pdf: a font whose zlib header names an 8 KB window, its matches reaching further;
  // Node's inflater, given options, read the header's window and called the font damaged.
  it('passes Flate data whose header names a smaller window than its matches use', async () => {
    // A 1 KB comment of no pattern, repeated past the 16 KB zlib hands back at a time: each copy matches
    // only the one 1 KB back, across the edge of a piece too.
    let seed = 1;
    const comment = `% ${Array.from({ length: 1020 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(33 + ((seed >> 16) % 90));
    }).join('')}\n`;
    const data = withUnderstatedWindow(Buffer.from(`${comment.repeat(40)}${text.toString()}`));
    expect(damagedPages(await pdfWithContents([{ data, filter: 'FlateDecode' }]))).toEqual([]);
  });
});

/** Flate data with ten bytes garbled after its header: it cannot be decoded. */
function garbledFlate(data: Uint8Array | string): Buffer {
  const packed = Buffer.from(deflateSync(data));
  packed.fill(0xff, 2, 12);
  return packed;
}

/**
 * One page that writes with font 5 and shows annotation 6, each given as `font` and `annotation`, with
 * `resources` added to its resources.
 */
function pageWith(
  font: RawObject[],
  annotation: string | null,
  more: RawObject[] = [],
  resources = '',
): Uint8Array {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> ${resources} >> /Contents 4 0 R${annotation ? ' /Annots [6 0 R]' : ''} >>`,
      { dict: '<< >>', stream: 'BT /F1 24 Tf 72 720 Td (Hello) Tj ET' },
      ...font,
      ...(annotation ? [annotation] : []),
      ...more,
    ],
    '/Root 1 0 R',
  );
}

describe('damaged fonts and annotations a page draws', () => {
  const liberation = readFileSync(
    join(REPO_ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'),
  );
  const trueType = (program: Uint8Array): RawObject[] => [
    '<< /Type /Font /Subtype /TrueType /BaseFont /LiberationSans /FirstChar 32 /LastChar 126 /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>',
    '<< /Type /FontDescriptor /FontName /LiberationSans /Flags 32 /FontBBox [0 -212 1000 905] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 /FontFile2 7 0 R >>',
    { dict: '<< /Filter /FlateDecode >>', stream: program },
  ];

  // A font program damaged in transfer (pdf-lib's fancy_fields.pdf with its line ends converted): pdf.js
  // and poppler draw the page without the letters that font writes, and import said nothing.
  it('finds the page whose embedded font cannot be decoded, and passes it whole', () => {
    expect(damagedPages(pageWith(trueType(garbledFlate(liberation)), null))).toEqual([1]);
    expect(damagedPages(pageWith(trueType(deflateSync(liberation)), null))).toEqual([]);
  });

  // A photo's or chart's Flate data cut off part way: readers draw it down to the damage and leave the rest
  // of it empty. Import asks for pictures to be looked at; the checker does not.
  it('finds the page whose Flate picture cannot be decoded, when asked to look at pictures', () => {
    const rows = Buffer.alloc(64 * 64 * 3, 0x80);
    const picture = (data: Uint8Array): RawObject[] => [
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '<< /Type /Annot /Subtype /Square /Rect [0 0 1 1] >>',
      {
        dict: '<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode >>',
        stream: data,
      },
    ];
    const withPicture = (data: Uint8Array) => pageWith(picture(data), null, [], '/XObject << /P 7 0 R >>');
    expect(damagedPages(withPicture(garbledFlate(rows)), true)).toEqual([1]);
    expect(damagedPages(withPicture(garbledFlate(rows)))).toEqual([]);
    expect(damagedPages(withPicture(deflateSync(rows)), true)).toEqual([]);
  });

  it('finds the page whose JPEG picture is cut short, asked to look at pictures or not, and passes it whole', async () => {
    expect(damagedPages(await jpegScanPdf(3, [2]))).toEqual([2]);
    expect(damagedPages(await jpegScanPdf(3, [2]), true)).toEqual([2]);
    expect(damagedPages(await jpegScanPdf(3), true)).toEqual([]);
  });

  it('finds the page whose JPEG 2000 picture is cut short, and passes it whole', () => {
    const jp2 = jp2Outline();
    const page = (data: Uint8Array) =>
      rawPdf(
        [
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im 5 0 R >> >> /Contents 4 0 R >>',
          { dict: '<< >>', stream: 'q 595 0 0 842 0 0 cm /Im Do Q' },
          {
            dict: '<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /JPXDecode >>',
            stream: data,
          },
        ],
        '/Root 1 0 R',
      );
    expect(damagedPages(page(jp2))).toEqual([]);
    expect(damagedPages(page(jp2.subarray(0, jp2.length - 20)))).toEqual([1]);
  });

  it("finds the page whose Type3 font's glyph cannot be decoded", () => {
    const type3 = (glyph: Uint8Array | string): RawObject[] => [
      '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /H 6 0 R >> /Encoding << /Differences [72 /H] >> /FirstChar 72 /LastChar 72 /Widths [1000] >>',
      { dict: '<< /Filter /FlateDecode >>', stream: glyph },
    ];
    expect(damagedPages(pageWith(type3(garbledFlate('1000 0 d0 0 0 1000 1000 re f')), null))).toEqual([1]);
    expect(damagedPages(pageWith(type3(deflateSync('1000 0 d0 0 0 1000 1000 re f')), null))).toEqual([]);
  });

  it("finds the page whose annotation's appearance (a field's answer, a ticked box) cannot be decoded", () => {
    const helvetica = ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
    const answer = 'BT /F1 12 Tf 2 4 Td (Yes) Tj ET';
    const field = (state: string) =>
      `<< /Type /Annot /Subtype /Widget /Rect [72 600 92 620] /AP << /N << /Yes 7 0 R /Off 8 0 R >> >> /AS /${state} >>`;
    const appearances = (yes: Uint8Array | string): RawObject[] => [
      { dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 20 20] /Filter /FlateDecode >>', stream: yes },
      { dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 20 20] >>', stream: '' },
    ];
    expect(damagedPages(pageWith(helvetica, field('Yes'), appearances(garbledFlate(answer))))).toEqual([1]);
    // The box not ticked shows its Off appearance: the damaged Yes is not what the page shows.
    expect(damagedPages(pageWith(helvetica, field('Off'), appearances(garbledFlate(answer))))).toEqual([]);
    expect(damagedPages(pageWith(helvetica, field('Yes'), appearances(deflateSync(answer))))).toEqual([]);
  });
});
