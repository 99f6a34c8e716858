/**
 * A scanner's PDF: pages whose pictures are in the compressions office scanners and fax software write, which
 * pdf.js decodes only to draw a page (the preview, OCR), never to read its text. The same black-and-white
 * page (a frame and bars, like lines of print) as CCITT G4 (fax coding, by libtiff's tiffcp: an encoder that
 * is not ours) and as JBIG2 holding the same G4 data (a generic region, MMR coded: ITU T.88 6.2.6), then a
 * JPEG photo. Both bilevel pictures decode to the same pixels.
 */
import { makeJpeg } from './images';
import { rawPdf } from './rawPdf';
import { makeTiff, tiffcp } from './tiff';

export const SCAN_WIDTH = 320;
export const SCAN_HEIGHT = 200;

/** Black where a printed page would be: a frame, and bars like lines of text of varying length. */
function isBlack(x: number, y: number): boolean {
  if (x < 4 || y < 4 || x >= SCAN_WIDTH - 4 || y >= SCAN_HEIGHT - 4) return true;
  const line = Math.floor((y - 20) / 16);
  return y >= 20 && (y - 20) % 16 < 7 && x >= 20 && x < 60 + ((line * 53) % 230);
}

/** How many of the page's pixels are black. */
export function scanBlackPixels(): number {
  let count = 0;
  for (let y = 0; y < SCAN_HEIGHT; y++) for (let x = 0; x < SCAN_WIDTH; x++) if (isBlack(x, y)) count++;
  return count;
}

/** The page as CCITT G4 data in one strip (fax coding; 0 is black, as a PDF's /BlackIs1 false says). */
export function g4Page(): Buffer {
  const tiff = makeTiff([
    {
      width: SCAN_WIDTH,
      height: SCAN_HEIGHT,
      kind: 'bilevel',
      pixel: (x, y) => (isBlack(x, y) ? [0, 0, 0] : [255, 255, 255]),
    },
  ]);
  return onlyStrip(Buffer.from(tiffcp(tiff, 'g4', SCAN_HEIGHT)));
}

/** The data of a one-page, one-strip TIFF's only strip (tags 273 and 279). */
function onlyStrip(tiff: Buffer): Buffer {
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const tags = new Map<number, number>();
  for (let i = 0; i < u16(ifd); i++) {
    const entry = ifd + 2 + i * 12;
    const [tag, type, count] = [u16(entry), u16(entry + 2), u32(entry + 4)];
    if (count !== 1) throw new Error(`tiffcp wrote ${count} values for tag ${tag}: one strip was expected`);
    tags.set(tag, type === 3 ? u16(entry + 8) : u32(entry + 8));
  }
  const [offset, length] = [tags.get(273), tags.get(279)];
  if (offset === undefined || length === undefined) throw new Error('tiffcp wrote no strip');
  return tiff.subarray(offset, offset + length);
}

/** An embedded JBIG2 stream (no file header): page information, then one MMR-coded generic region. */
function jbig2OfG4(g4: Buffer): Buffer {
  const uint32 = (n: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(n);
    return bytes;
  };
  const segment = (number: number, type: number, data: Buffer) =>
    Buffer.concat([uint32(number), Buffer.from([type, 0, 1]), uint32(data.length), data]);
  const size = Buffer.concat([uint32(SCAN_WIDTH), uint32(SCAN_HEIGHT)]);
  const page = segment(0, 48, Buffer.concat([size, uint32(0), uint32(0), Buffer.from([0, 0, 0])]));
  // Region information (at 0, 0; OR), then its flags: MMR.
  const region = segment(1, 38, Buffer.concat([size, uint32(0), uint32(0), Buffer.from([0, 1]), g4]));
  return Buffer.concat([page, region]);
}

/** Three pages: the bilevel page as CCITT G4, the same as JBIG2, and a JPEG photo. */
export async function scannerPdf(): Promise<Uint8Array<ArrayBuffer>> {
  const g4 = g4Page();
  const photo = Buffer.from(await makeJpeg(160, 120));
  const bilevel = `/Width ${SCAN_WIDTH} /Height ${SCAN_HEIGHT} /BitsPerComponent 1 /ColorSpace /DeviceGray`;
  const page = (image: number, content: number) =>
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 320 200] /Resources << /XObject << /Im ${image} 0 R >> >> /Contents ${content} 0 R >>`;
  const draw = { dict: '<< >>', stream: 'q 320 0 0 200 0 0 cm /Im Do Q' };
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
      page(7, 6),
      page(8, 6),
      page(9, 6),
      draw,
      {
        dict: `<< /Type /XObject /Subtype /Image ${bilevel} /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ${SCAN_WIDTH} /Rows ${SCAN_HEIGHT} >> >>`,
        stream: g4,
      },
      { dict: `<< /Type /XObject /Subtype /Image ${bilevel} /Filter /JBIG2Decode >>`, stream: jbig2OfG4(g4) },
      {
        dict: '<< /Type /XObject /Subtype /Image /Width 160 /Height 120 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /DCTDecode >>',
        stream: photo,
      },
    ],
    '/Root 1 0 R',
  );
}
