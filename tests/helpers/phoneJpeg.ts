/**
 * A phone's photo as it saves it: EXIF details with a GPS position, XMP, a comment and a motion photo's
 * video after the picture's end; and libjpeg's decoding, to show a picture is the same to the pixel.
 */
import { execFileSync } from 'node:child_process';

export function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** EXIF (big-endian) with an orientation and, when asked, a GPS directory giving a latitude. */
export function exif(withLocation: boolean): Buffer {
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(withLocation ? 2 : 1, 8);
  // Orientation: 1.
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(1, 18);
  if (withLocation) {
    // GPS directory pointer, to offset 40: one entry, GPSLatitudeRef "N".
    tiff.writeUInt16BE(0x8825, 22);
    tiff.writeUInt16BE(4, 24);
    tiff.writeUInt32BE(1, 26);
    tiff.writeUInt32BE(40, 30);
    tiff.writeUInt16BE(1, 40);
    tiff.writeUInt16BE(0x0002, 42);
    tiff.writeUInt16BE(2, 44);
    tiff.writeUInt32BE(2, 46);
    tiff.write('N\0', 50, 'latin1');
  }
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

export const XMP = Buffer.from(
  'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description GCamera:MicroVideo="1"/></x:xmpmeta>',
  'latin1',
);
export const VIDEO = Buffer.concat([
  Buffer.from('\0\0\0\x18ftypmp42', 'latin1'),
  Buffer.alloc(200_000, 0x42),
]);

/** `jpeg` as a phone saves a motion photo: its details after SOI, a comment, and a video after its end. */
export function asPhoneSavesIt(
  jpeg: Uint8Array,
  options: { location?: boolean; video?: boolean } = {},
): Buffer {
  return Buffer.concat([
    Buffer.from(jpeg.subarray(0, 2)),
    segment(0xe1, exif(options.location ?? true)),
    segment(0xe1, XMP),
    segment(0xfe, Buffer.from('Taken at 12 Acacia Avenue', 'latin1')),
    Buffer.from(jpeg.subarray(2)),
    ...(options.video === false ? [] : [VIDEO]),
  ]);
}

/** libjpeg's decoding of a JPEG (djpeg, PPM). */
export function djpeg(jpeg: Uint8Array): Buffer {
  return execFileSync('djpeg', ['-pnm'], { input: jpeg, maxBuffer: 64 * 1024 * 1024 });
}
