/**
 * A JPEG cut short is told from a whole one by its markers alone (pdf/read/jpeg.ts): whole pictures with
 * padding, trailers or a second picture after them pass; a picture cut anywhere is caught, even where an
 * earlier end-of-image marker (an EXIF thumbnail's) is in what is left. A photo's GPS position is found
 * from its segments before the first scan, the rest never read.
 */
import { describe, expect, it } from 'vitest';
import {
  exifHasLocation,
  jpegCutShort,
  jpegHoldsLocation,
  jpxCutShort,
} from '../../../../../../electron/services/pdf/read/jpeg';
import { jp2Outline, JP2_CODESTREAM, makeJpeg } from '../../../../../helpers/images';
import { asPhoneSavesIt, exif, segment as jpegSegment, XMP } from '../../../../../helpers/phoneJpeg';

const cutShort = (data: Uint8Array) => jpegCutShort(data.subarray(Math.max(0, data.length - 64)), () => data);

const segment = (code: number, body: number[]) => [
  0xff,
  code,
  (body.length + 2) >> 8,
  (body.length + 2) & 0xff,
  ...body,
];

/**
 * A JPEG's structure by hand, as a progressive one has it: two scans with tables between them, coded data
 * holding stuffed 0xFF 0x00 and restart markers, and an EXIF segment whose thumbnail has its own SOI and EOI.
 */
const PROGRESSIVE = Uint8Array.from([
  0xff,
  0xd8,
  ...segment(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, 0xff, 0xd8, 0x12, 0xff, 0xd9]),
  ...segment(0xc2, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
  ...segment(0xda, [1, 1, 0, 0, 63, 0]),
  0x12,
  0xff,
  0x00,
  0x34,
  0xff,
  0xd0,
  0x56,
  0x78,
  0xff,
  0x00,
  ...segment(0xc4, [0, 1, 2, 3]),
  ...segment(0xda, [1, 1, 0, 1, 63, 0]),
  0x9a,
  0xbc,
  0xff,
  0x00,
  0xde,
  0xff,
  0xd1,
  0xf0,
  0xff,
  0xd9,
]);

describe('a JPEG cut short', () => {
  it('is not one whole, with padding or a trailer after it, or a second picture after it', async () => {
    const jpeg = await makeJpeg(300, 200);
    expect(cutShort(jpeg)).toBe(false);
    expect(cutShort(Buffer.concat([jpeg, Buffer.from('\r\n\0\0  ')]))).toBe(false);
    // A phone's trailer after the end-of-image marker: its end is not the picture's.
    expect(cutShort(Buffer.concat([jpeg, Buffer.from('SEFHxxxxSEFT\x01\x02\x03')]))).toBe(false);
    expect(cutShort(Buffer.concat([jpeg, jpeg.subarray(0, 100)]))).toBe(false);
    expect(cutShort(PROGRESSIVE)).toBe(false);
  });

  it('is found wherever it is cut, before the end-of-image marker', async () => {
    const jpeg = await makeJpeg(300, 200);
    for (const data of [jpeg, PROGRESSIVE]) {
      const cuts = [
        2,
        3,
        10,
        20,
        24,
        ...Array.from({ length: 9 }, (_, k) => Math.floor((data.length * (k + 1)) / 10)),
      ];
      for (const cut of [...cuts, data.length - 1, data.length - 2]) {
        expect({ cut, short: cutShort(data.subarray(0, cut)) }).toEqual({ cut, short: true });
        // Zeros where the rest was (a file whose end was never written) change nothing.
        const zeroed = Buffer.concat([data.subarray(0, cut), Buffer.alloc(500)]);
        expect({ cut, zeroed: cutShort(zeroed) }).toEqual({ cut, zeroed: true });
      }
    }
  });

  it('is not said of data that is no JPEG at all (readers fail on it whole, and say so)', () => {
    expect(cutShort(Buffer.from('not a picture'))).toBe(false);
    expect(cutShort(new Uint8Array(0))).toBe(false);
  });
});

const JP2 = jp2Outline();
const CODESTREAM = JP2_CODESTREAM;
const jpxCut = (data: Uint8Array) => jpxCutShort(data.subarray(Math.max(0, data.length - 64)), () => data);

describe('a JPEG 2000 picture cut short', () => {
  it('is not one whole: a bare codestream, a JP2 file with a box after its codestream, or padded', () => {
    expect(jpxCut(Uint8Array.from(CODESTREAM))).toBe(false);
    expect(jpxCut(JP2)).toBe(false);
    expect(jpxCut(Buffer.concat([JP2, Buffer.from('\n')]))).toBe(false);
  });

  it('is found wherever it is cut, in a bare codestream or in a JP2 file', () => {
    for (const data of [Uint8Array.from(CODESTREAM), JP2]) {
      // From its signature box on (fewer bytes are no JP2 file to tell).
      const [first, codestreamEnd] = data === JP2 ? [12, JP2.length - 12] : [2, data.length];
      for (let cut = first; cut < codestreamEnd; cut += 3)
        expect({ cut, short: jpxCut(data.subarray(0, cut)) }).toEqual({ cut, short: true });
    }
    // The codestream box running to the end of the file (length 0), its end lost.
    const open = Uint8Array.from([
      ...JP2.subarray(0, JP2.length - 12 - CODESTREAM.length - 8),
      0,
      0,
      0,
      0,
      ...Buffer.from('jp2c'),
      ...CODESTREAM.slice(0, -4),
    ]);
    expect(jpxCut(open)).toBe(true);
  });
});

describe('exifHasLocation', () => {
  it('reads a GPS latitude, and nothing from details cut short', () => {
    expect(exifHasLocation(exif(true))).toBe(true);
    expect(exifHasLocation(exif(false))).toBe(false);
    expect(exifHasLocation(exif(true).subarray(0, 40))).toBe(false);
    expect(exifHasLocation(XMP)).toBe(false);
  });
});

describe('jpegHoldsLocation', () => {
  /** Reads through a window onto `data`, counting the bytes asked for. */
  function reading(data: Uint8Array) {
    const asked = { bytes: 0 };
    const read = (offset: number, length: number) => {
      asked.bytes += length;
      return data.subarray(offset, offset + length);
    };
    return { read, asked };
  }

  it("finds a phone photo's position from its header, the picture's data not read", async () => {
    const plain = Buffer.from(await makeJpeg(800, 600));
    const photo = asPhoneSavesIt(plain);
    const { read, asked } = reading(photo);
    expect(jpegHoldsLocation(read)).toBe(true);
    expect(asked.bytes).toBeLessThan(10_000);
    expect(jpegHoldsLocation(reading(asPhoneSavesIt(plain, { location: false })).read)).toBe(false);
    expect(jpegHoldsLocation(reading(plain).read)).toBe(false);
  });

  it('reads on past the first bytes for details after a large colour profile', async () => {
    const plain = Buffer.from(await makeJpeg(64, 48));
    const profile = jpegSegment(0xe2, Buffer.alloc(20_000, 0x41));
    const late = Buffer.concat([
      plain.subarray(0, 2),
      profile,
      jpegSegment(0xe1, exif(true)),
      plain.subarray(2),
    ]);
    expect(jpegHoldsLocation(reading(late).read)).toBe(true);
  });

  it('gives no answer but false for what is not a JPEG or is cut short in its header', async () => {
    const photo = asPhoneSavesIt(Buffer.from(await makeJpeg(64, 48)));
    expect(jpegHoldsLocation(reading(Buffer.from('%PDF-1.7 not a picture')).read)).toBe(false);
    expect(jpegHoldsLocation(reading(photo.subarray(0, 30)).read)).toBe(false);
    expect(jpegHoldsLocation(reading(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01])).read)).toBe(false);
  });
});
