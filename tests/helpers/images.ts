import { execFileSync } from 'node:child_process';
/**
 * Small pictures for import tests: a PNG encoder (zlib, no dependencies) and two JPEGs made once with
 * poppler's pdftoppm. Every picture has a red quarter at its top left and a blue quarter at its bottom
 * right, so a test can tell from a rendered page which way up it was placed.
 */
import { deflateSync, inflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export type Rgb = [number, number, number];

/** The test pattern: red top-left quarter, blue bottom-right quarter, white elsewhere. */
export function quarters(width: number, height: number): (x: number, y: number) => Rgb {
  return (x, y) => {
    const left = x < width / 2;
    const top = y < height / 2;
    if (left && top) return [255, 0, 0];
    if (!left && !top) return [0, 0, 255];
    return [255, 255, 255];
  };
}

/** An 8-bit RGB PNG; `pixel` gets x (right) and y (down). */
export function makePng(
  width: number,
  height: number,
  pixel = quarters(width, height),
  options: { grey?: boolean } = {},
): Uint8Array {
  // Grey (colour type 0) takes each pixel's red.
  const channels = options.grey ? 1 : 3;
  const raw = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * channels + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y).slice(0, channels), row + 1 + x * channels);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = options.grey ? 0 : 2; // colour type: grey or RGB
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

/** A JPEG of the test pattern (quarters), `width` × `height` as stored, drawn and encoded by @napi-rs/canvas. */
export async function makeJpeg(width: number, height: number): Promise<Uint8Array> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#ff0000';
  context.fillRect(0, 0, width / 2, height / 2);
  context.fillStyle = '#0000ff';
  context.fillRect(width / 2, height / 2, width / 2, height / 2);
  return new Uint8Array(await canvas.encode('jpeg', 90));
}

/** `jpeg` coded again arithmetically, without loss, by libjpeg-turbo's jpegtran (libjpeg-turbo-progs). */
export function arithmeticJpeg(jpeg: Uint8Array): Uint8Array {
  return new Uint8Array(execFileSync('jpegtran', ['-arithmetic'], { input: jpeg }));
}

/** `jpeg` with its frame header changed: its start-of-frame marker to `marker`, or its bits a sample to `bits`. */
export function withFrame(jpeg: Uint8Array, change: { marker?: number; bits?: number }): Uint8Array {
  const out = Uint8Array.from(jpeg);
  for (let at = 2; at + 4 < out.length; at += 2 + ((out[at + 2] << 8) | out[at + 3])) {
    const marker = out[at + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      if (change.marker !== undefined) out[at + 1] = change.marker;
      if (change.bits !== undefined) out[at + 4] = change.bits;
      return out;
    }
  }
  throw new Error('no frame header');
}

/** 64 x 32 pixels (landscape), baseline JPEG. */
export const LANDSCAPE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxO' +
    'UlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09P' +
    'T09PT09PT0//wAARCAAgAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF' +
    'BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW' +
    'V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi' +
    '4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC' +
    'AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm' +
    'Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq' +
    '8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDn6KKK8Y/SQooooA9uooor2T82CiiigAooooAKKKKAPnSiiiv0k4wooooA/9k=',
  'base64',
);

/** 32 x 64 pixels (portrait), baseline JPEG. */
export const PORTRAIT_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxO' +
    'UlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09P' +
    'T09PT09PT0//wAARCABAACADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF' +
    'BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW' +
    'V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi' +
    '4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC' +
    'AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm' +
    'Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq' +
    '8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDn6KKK8Y/ST26iiivZPzY8Rooorxj9JPbqKKK9k/NgooooA+dKKKK/STjPouiiivzY7D50' +
    'ooor9JOM/9k=',
  'base64',
);

/**
 * The same JPEG with an EXIF block saying how it should be turned to be seen the right way up
 * (6 = a quarter turn clockwise, as phones store portrait photos).
 */
/** An EXIF block (TIFF header and one IFD) holding only an orientation (1–8), big-endian. */
function exifOrientationTiff(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // first IFD right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  return tiff;
}

/**
 * The PNG with an eXIf chunk holding an EXIF orientation: before its image data (where readers look), or
 * after it; `prefixed` puts JPEG's "Exif" prefix in front of the TIFF header, as the PNG chunk must not.
 */
export function withPngOrientation(
  png: Uint8Array,
  orientation: number,
  where: { afterData?: boolean; prefixed?: boolean } = {},
): Uint8Array {
  const tiff = exifOrientationTiff(orientation);
  const exif = chunk(
    'eXIf',
    where.prefixed ? Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]) : tiff,
  );
  // Chunks: IHDR (8 + 25 bytes from the start), then the rest; IEND is the last 12 bytes.
  const at = where.afterData ? png.length - 12 : 33;
  return new Uint8Array(
    Buffer.concat([Buffer.from(png.subarray(0, at)), exif, Buffer.from(png.subarray(at))]),
  );
}

export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = exifOrientationTiff(orientation);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.alloc(4);
  segment[0] = 0xff;
  segment[1] = 0xe1;
  segment.writeUInt16BE(payload.length + 2, 2);
  // After SOI (2 bytes): APP1 then the rest of the original file.
  return new Uint8Array(
    Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), segment, payload, Buffer.from(jpeg.subarray(2))]),
  );
}

export interface DecodedImage {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel, rows top to bottom. */
  rgb: Uint8Array;
}

/** Decodes an 8-bit RGB or grey PNG (what pdftoppm -png writes), undoing each row's filter. */
export function decodePng(png: Uint8Array): DecodedImage {
  const buf = Buffer.from(png);
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 3;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || (data[9] !== 2 && data[9] !== 0)) throw new Error('only 8-bit RGB or grey PNGs');
      channels = data[9] === 2 ? 3 : 1;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? out[y * stride + x - channels] : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? out[(y - 1) * stride + x - channels] : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  if (channels === 3) return { width, height, rgb: out };
  const rgb = new Uint8Array(width * height * 3);
  out.forEach((v, i) => rgb.fill(v, i * 3, i * 3 + 3));
  return { width, height, rgb };
}

const jp2Box = (type: string, body: number[]) => {
  const length = body.length + 8;
  return [
    length >>> 24,
    (length >>> 16) & 0xff,
    (length >>> 8) & 0xff,
    length & 0xff,
    ...Buffer.from(type),
    ...body,
  ];
};

/** A JPEG 2000 codestream's outline (not a picture a decoder draws): SOC, SIZ, SOT, coded data, EOC. */
export const JP2_CODESTREAM = [
  0xff, 0x4f, 0xff, 0x51, 0, 4, 1, 2, 0xff, 0x90, 0, 4, 0, 0, 0x12, 0x34, 0x56, 0x78, 0xff, 0xd9,
];

/**
 * A JP2 file's outline around JP2_CODESTREAM: signature, file type, header, the codestream, and an XML box
 * after it (as some writers add), the last 12 bytes.
 */
export function jp2Outline(): Uint8Array {
  return Uint8Array.from([
    ...jp2Box('jP  ', [0x0d, 0x0a, 0x87, 0x0a]),
    ...jp2Box('ftyp', [...Buffer.from('jp2 '), 0, 0, 0, 0, ...Buffer.from('jp2 ')]),
    ...jp2Box('jp2h', [1, 2, 3, 4]),
    ...jp2Box('jp2c', JP2_CODESTREAM),
    ...jp2Box('xml ', [...Buffer.from('<x/>')]),
  ]);
}
