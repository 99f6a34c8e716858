/**
 * A JPEG's page holds its picture only: a phone photo's EXIF and XMP details (its GPS position among them),
 * comments and a motion photo's video are left out, and the picture is the same to the pixel (libjpeg's
 * djpeg decodes the JPEG as added and as put on the page: the same bytes out), baseline, progressive (many
 * scans) or with restart markers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  jpegCarriesDetails,
  jpegPictureOnly,
  leftOutOfJpegNotes,
} from '../../../../../electron/services/documents/jpegPicture';
import { imageToPdf } from '../../../../../electron/services/documents/images';
import { makeJpeg } from '../../../../helpers/images';
import { look, near } from '../../../../helpers/popplerLook';
import { asPhoneSavesIt, djpeg, exif, segment, VIDEO } from '../../../../helpers/phoneJpeg';

/** `jpeg` rewritten by jpegtran with these options, every marker copied. */
function jpegtran(jpeg: Uint8Array, options: string[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'jpegtran-'));
  try {
    writeFileSync(join(dir, 'in.jpg'), jpeg);
    execFileSync('jpegtran', [
      '-copy',
      'all',
      ...options,
      '-outfile',
      join(dir, 'out.jpg'),
      join(dir, 'in.jpg'),
    ]);
    return new Uint8Array(readFileSync(join(dir, 'out.jpg')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('jpegPictureOnly', () => {
  it('leaves out the details, comments and video, and keeps the picture to the pixel', async () => {
    const plain = await makeJpeg(320, 240);
    const baseline = asPhoneSavesIt(plain);
    for (const [name, phone] of [
      ['baseline', baseline],
      [
        'progressive',
        Buffer.concat([
          jpegtran(baseline.subarray(0, baseline.length - VIDEO.length), ['-progressive']),
          VIDEO,
        ]),
      ],
      [
        'restart markers',
        Buffer.concat([
          jpegtran(baseline.subarray(0, baseline.length - VIDEO.length), ['-restart', '1']),
          VIDEO,
        ]),
      ],
    ] as const) {
      expect(phone.includes('Exif'), name).toBe(true);
      const result = jpegPictureOnly(phone);
      expect(result, name).not.toBeNull();
      const page = Buffer.from(result!.jpeg);
      for (const hidden of ['Exif', 'xmpmeta', 'Acacia', 'ftyp'])
        expect(page.includes(hidden, 0, 'latin1'), `${name}: ${hidden}`).toBe(false);
      expect(result!.leftOut, name).toEqual({ video: true, location: true });
      expect(djpeg(page).equals(djpeg(phone)), name).toBe(true);
      // Ends at the picture's end.
      expect([page[page.length - 2], page[page.length - 1]]).toEqual([0xff, 0xd9]);
    }
  });

  it('keeps the segments that say how the colours are coded (JFIF, Adobe)', async () => {
    const plain = Buffer.from(await makeJpeg(64, 48));
    const adobe = segment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
    const withAdobe = Buffer.concat([plain.subarray(0, 2), adobe, plain.subarray(2)]);
    const page = Buffer.from(jpegPictureOnly(withAdobe)!.jpeg);
    expect(page.includes(adobe)).toBe(true);
    expect(page.includes('JFIF\0', 0, 'latin1')).toBe(true);
    // Its colour profile (APP2) goes with its image on the page instead (colourProfile.ts).
    expect(withAdobe.includes('ICC_PROFILE', 0, 'latin1')).toBe(true);
    expect(page.includes('ICC_PROFILE', 0, 'latin1')).toBe(false);
    expect(djpeg(page).equals(djpeg(withAdobe))).toBe(true);
  });

  it('says nothing was left out when there was nothing to leave', async () => {
    const photo = asPhoneSavesIt(await makeJpeg(64, 48), { location: false, video: false });
    const { leftOut } = jpegPictureOnly(photo)!;
    expect(leftOut).toEqual({ video: false, location: false });
    expect(leftOutOfJpegNotes(leftOut)).toEqual([]);
  });

  it('gives up (the JPEG used as it is) when its segments cannot be walked to its end', async () => {
    const plain = await makeJpeg(64, 48);
    expect(jpegPictureOnly(plain.subarray(0, plain.length - 40))).toBeNull();
    expect(jpegPictureOnly(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toBeNull();
  });
});

describe('jpegCarriesDetails', () => {
  it('tells from the header and the last bytes whether there is anything to leave out', async () => {
    const plain = Buffer.from(await makeJpeg(64, 48));
    // pdftoppm's JPEG has JFIF's segment and a colour profile: nothing to leave out.
    expect(plain.includes('ICC_PROFILE', 0, 'latin1')).toBe(true);
    expect(jpegCarriesDetails(plain)).toBe(false);
    expect(jpegCarriesDetails(Buffer.concat([plain, Buffer.from('\r\n\0\0 ', 'latin1')]))).toBe(false);
    const afterSoi = (extra: Buffer) => Buffer.concat([plain.subarray(0, 2), extra, plain.subarray(2)]);
    expect(jpegCarriesDetails(afterSoi(segment(0xe1, exif(false))))).toBe(true);
    expect(jpegCarriesDetails(afterSoi(segment(0xfe, Buffer.from('a comment'))))).toBe(true);
    expect(jpegCarriesDetails(afterSoi(segment(0xed, Buffer.from('Photoshop 3.0\0'))))).toBe(true);
    expect(jpegCarriesDetails(Buffer.concat([plain, VIDEO]))).toBe(true);
    expect(jpegCarriesDetails(asPhoneSavesIt(plain, { location: false, video: false }))).toBe(true);
    expect(jpegCarriesDetails(Buffer.from('not a JPEG at all'))).toBe(false);
    expect(jpegCarriesDetails(plain.subarray(0, 30))).toBe(false);
  });
});

describe('a motion photo imported', () => {
  it('has a page the size of its picture, showing it, and a note of what was left out', async () => {
    const plain = await makeJpeg(900, 1200);
    const phone = asPhoneSavesIt(plain);
    const { pdf, notes } = await imageToPdf(phone, 'jpeg', 'Bedroom');
    const bytes = Buffer.from(pdf);
    for (const hidden of ['Exif', 'xmpmeta', 'Acacia', 'ftyp'])
      expect(bytes.includes(hidden, 0, 'latin1')).toBe(false);
    expect(pdf.length).toBeLessThan(plain.length + 5_000);
    expect(notes.join(' ')).toContain('motion photo');
    expect(notes.join(' ')).toContain('GPS position');
    // The quarters picture's top-left quarter is red.
    expect(near(look(pdf, 1, 0.3, 0.15).colour, [255, 0, 0])).toBe(true);
  });
});
