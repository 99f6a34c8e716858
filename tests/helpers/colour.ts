/**
 * PDFs whose colours or pictures are damaged or hostile: a colour space's tint function (stitching or
 * sampled), a shading, a CCITT fax image, a JPEG, written object by object, for scripts/pdfjsFixes.mjs.
 */
import { LANDSCAPE_JPEG } from './images';
import { rawPdf, type RawObject } from './rawPdf';

/**
 * One page filling two squares in a Separation colour space, the first at tint 0 and the second at 0.5,
 * whose tint function is object 5; `functions` are objects 5 on.
 */
function separationPdf(functions: RawObject[]): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /ColorSpace << /CS0 [/Separation /Spot /DeviceGray 5 0 R] >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: '/CS0 cs 0 scn 10 10 50 50 re f 0.5 scn 100 10 50 50 re f' },
      ...functions,
    ],
    '/Root 1 0 R',
  );
}

/**
 * The tint a stitching function of 10 parts, each the same stitching function of 10 parts, `depth` deep,
 * the last an exponential function: 10^depth functions to read when each part is read where it is named.
 */
export function stitchingFanOutPdf(depth = 7): Uint8Array<ArrayBuffer> {
  const bounds = Array.from({ length: 9 }, (_, i) => (i + 1) / 10).join(' ');
  const encode = Array.from({ length: 10 }, () => '0 1').join(' ');
  const stitching = Array.from({ length: depth }, (_, d) => {
    const parts = Array.from({ length: 10 }, () => `${6 + d} 0 R`).join(' ');
    return `<< /FunctionType 3 /Domain [0 1] /Functions [${parts}] /Bounds [${bounds}] /Encode [${encode}] >>`;
  });
  return separationPdf([...stitching, '<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>']);
}

/**
 * The tint a sampled function that says it holds `samples` 8-bit samples, its data 2 bytes of 255 (tint 0
 * white, tint 0.5 past the data: black).
 */
export function oversampledFunctionPdf(samples = 100_000_000): Uint8Array<ArrayBuffer> {
  return separationPdf([
    {
      dict: `<< /FunctionType 0 /Domain [0 1] /Range [0 1] /Size [${samples}] /BitsPerSample 8 >>`,
      stream: '\xff\xff',
    },
  ]);
}

/**
 * One page painting a mesh shading of `type` (4 to 7) whose vertices are read with 0 bits, its data a byte:
 * a vertex that reads nothing never comes to the end of the data.
 */
export function zeroBitsMeshPdf(type: 4 | 5 | 6 | 7): Uint8Array<ArrayBuffer> {
  const counts =
    '/BitsPerCoordinate 0 /BitsPerComponent 0 ' + (type === 5 ? '/VerticesPerRow 2' : '/BitsPerFlag 0');
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Shading << /Sh0 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: '/Sh0 sh' },
      {
        dict: `<< /ShadingType ${type} /ColorSpace /DeviceGray ${counts} /Decode [0 200 0 200 0 1] >>`,
        stream: '\0',
      },
    ],
    '/Root 1 0 R',
  );
}

/**
 * One page drawing a CCITT fax image (Group 3, one-dimensional) 10 pixels wide whose /Columns, the width
 * its rows are coded at, is `columns`; its data 20 bytes of zeros.
 */
export function wideCcittPdf(columns = 1_000_000_000): Uint8Array<ArrayBuffer> {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: 'q 100 0 0 100 0 0 cm /Im0 Do Q' },
      {
        dict: `<< /Type /XObject /Subtype /Image /Width 10 /Height 10 /ImageMask true /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K 0 /Columns ${columns} /Rows 10 >> >>`,
        stream: new Uint8Array(20),
      },
    ],
    '/Root 1 0 R',
  );
}

/**
 * One page drawing a JPEG (a 64 by 32 baseline JPEG, its coded data under 1 KB) whose frame says it is
 * `width` by `height` pixels, as the PDF does.
 */
export function oversizedJpegPdf(width = 16_000, height = 16_000): Uint8Array<ArrayBuffer> {
  const jpeg = Buffer.from(LANDSCAPE_JPEG);
  const frame = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(height, frame + 5);
  jpeg.writeUInt16BE(width, frame + 7);
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: 'q 100 0 0 100 0 0 cm /Im0 Do Q' },
      {
        dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode >>`,
        stream: jpeg,
      },
    ],
    '/Root 1 0 R',
  );
}
