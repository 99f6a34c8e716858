/**
 * Pictures' colour profiles: found in each format, checked, and named by the page's image, so that a PDF
 * reader shows the colours the picture's profile says (poppler, which turns them with lcms2, is the judge).
 * The test pictures carry a profile that gives red the colour of blue: a page that uses it shows blue.
 */
import { describe, expect, it } from 'vitest';
import {
  jpegIccProfile,
  pngIccProfile,
  usableIccProfile,
  webpIccProfile,
  isoIccProfile,
  isoColourCodePoints,
  isoColourProfile,
} from '../../../../../electron/services/documents/colourProfile';
import { avifFile, heicFile, withColourCodePoints } from '../../../../helpers/pictures';
import { imageToPdf } from '../../../../../electron/services/documents/images';
import { pictureToPdf } from '../../../../../electron/services/documents/pictures';
import { tiffToPdf } from '../../../../../electron/services/documents/tiff';
import { makeJpeg, makePng, type Rgb } from '../../../../helpers/images';
import {
  encodedWithProfile,
  jpegWithProfile,
  pngWithChunks,
  pngWithProfile,
  rgbProfile,
  SRGB_COLOURANTS,
  SWAPPED_PROFILE,
} from '../../../../helpers/iccProfile';
import { look, near } from '../../../../helpers/popplerLook';
import { makeTiff } from '../../../../helpers/tiff';
import { LIMITS } from '../../../../../shared/limits';

const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];

/** Poppler's colour at a point inside the picture: the middle of its top-left (red) quarter. */
function topLeftQuarter(pdf: Uint8Array): Rgb {
  // The quarters picture (makePng, makeJpeg) is fitted to the page's width, at its top.
  return look(pdf, 1, 0.3, 0.15).colour;
}

/** A red picture, 900 × 1200, as a PNG (the other formats are written from it). */
const redPng = () => makePng(900, 1200, () => RED);

/** Poppler's colour at the middle of a page showing a red picture fitted to it. */
const middle = (pdf: Uint8Array) => look(pdf, 1, 0.5, 0.5).colour;

describe('usableIccProfile', () => {
  it('takes an RGB display profile for RGB pixels, and no other number of colours', () => {
    expect(Buffer.from(usableIccProfile(SWAPPED_PROFILE, 3)!).equals(SWAPPED_PROFILE)).toBe(true);
    expect(usableIccProfile(SWAPPED_PROFILE, 1)).toBeNull();
    expect(usableIccProfile(SWAPPED_PROFILE, 4)).toBeNull();
  });

  it('cuts trailing bytes to the length the profile gives', () => {
    const padded = Buffer.concat([SWAPPED_PROFILE, Buffer.alloc(20)]);
    expect(usableIccProfile(padded, 3)?.length).toBe(SWAPPED_PROFILE.length);
  });

  it('refuses what a PDF reader cannot take, or may choke on', () => {
    const changed = (at: number, text: string) => {
      const copy = Buffer.from(SWAPPED_PROFILE);
      copy.write(text, at, 'latin1');
      return copy;
    };
    const bad: [string, Uint8Array][] = [
      ['a link between two profiles', rgbProfile(SRGB_COLOURANTS, { deviceClass: 'link' })],
      ['an ICC 5 profile', rgbProfile(SRGB_COLOURANTS, { version: 5 })],
      ['no signature', changed(36, 'xxxx')],
      ['a colour space of CMY', rgbProfile(SRGB_COLOURANTS, { colourSpace: 'CMY ' })],
      ['cut short', SWAPPED_PROFILE.subarray(0, SWAPPED_PROFILE.length - 10)],
      ['a header only', SWAPPED_PROFILE.subarray(0, 131)],
    ];
    for (const [what, profile] of bad) expect(usableIccProfile(profile, 3), what).toBeNull();
    const tagPastEnd = Buffer.from(SWAPPED_PROFILE);
    tagPastEnd.writeUInt32BE(SWAPPED_PROFILE.length, 136); // the first tag starts at the end
    expect(usableIccProfile(tagPastEnd, 3)).toBeNull();
    const noCurves = Buffer.from(SWAPPED_PROFILE);
    for (let i = 0; i < noCurves.readUInt32BE(128); i++)
      if (noCurves.toString('latin1', 132 + i * 12, 136 + i * 12) === 'rTRC')
        noCurves.write('xTRC', 132 + i * 12);
    expect(usableIccProfile(noCurves, 3)).toBeNull();
  });
});

describe('finding a picture’s profile', () => {
  it('joins a JPEG’s profile from its numbered pieces, in order', async () => {
    const jpeg = await makeJpeg(40, 30);
    expect(jpegIccProfile(jpegWithProfile(jpeg, SWAPPED_PROFILE, 3))).toEqual(
      new Uint8Array(SWAPPED_PROFILE),
    );
    // The pieces out of order in the file.
    const twoPieces = jpegWithProfile(jpeg, SWAPPED_PROFILE, 2);
    const first = 2;
    const firstEnd = first + 2 + twoPieces.readUInt16BE(first + 2);
    const secondEnd = firstEnd + 2 + twoPieces.readUInt16BE(firstEnd + 2);
    const swapped = Buffer.concat([
      twoPieces.subarray(0, first),
      twoPieces.subarray(firstEnd, secondEnd),
      twoPieces.subarray(first, firstEnd),
      twoPieces.subarray(secondEnd),
    ]);
    expect(jpegIccProfile(swapped)).toEqual(new Uint8Array(SWAPPED_PROFILE));
    // A piece missing, or one given twice (as libjpeg, none is used).
    expect(
      jpegIccProfile(Buffer.concat([twoPieces.subarray(0, first), twoPieces.subarray(firstEnd)])),
    ).toBeNull();
    expect(
      jpegIccProfile(
        Buffer.concat([
          twoPieces.subarray(0, firstEnd),
          twoPieces.subarray(first, firstEnd),
          twoPieces.subarray(firstEnd),
        ]),
      ),
    ).toBeNull();
  });

  it('unpacks a PNG’s, and reads those of HEIC, AVIF and WebP files as their encoders write them', () => {
    const png = makePng(40, 30);
    const expected = new Uint8Array(SWAPPED_PROFILE);
    expect(pngIccProfile(pngWithProfile(png, SWAPPED_PROFILE))).toEqual(expected);
    expect(pngIccProfile(png)).toBeNull();
    expect(isoIccProfile(encodedWithProfile('heic', png, SWAPPED_PROFILE))).toEqual(expected);
    expect(isoIccProfile(encodedWithProfile('avif', png, SWAPPED_PROFILE))).toEqual(expected);
    expect(webpIccProfile(encodedWithProfile('webp', png, SWAPPED_PROFILE))).toEqual(expected);
  });

  it('reads none from a PNG whose packed profile is damaged', () => {
    const withProfile = pngWithProfile(makePng(40, 30), SWAPPED_PROFILE);
    const at = withProfile.indexOf('iCCP') + 4 + 'Test\0\0'.length + 4;
    withProfile.fill(0xff, at, at + 8);
    expect(pngIccProfile(withProfile)).toBeNull();
  });
});

describe('a picture’s page shows the colours its profile gives', () => {
  it('a JPEG (a phone’s photo), whole or in pieces', async () => {
    const jpeg = await makeJpeg(900, 1200);
    for (const pieces of [1, 2]) {
      const { pdf } = await imageToPdf(jpegWithProfile(jpeg, SWAPPED_PROFILE, pieces), 'jpeg', 'photo');
      expect(near(topLeftQuarter(pdf), BLUE), `${pieces} pieces`).toBe(true);
    }
    const { pdf } = await imageToPdf(jpeg, 'jpeg', 'photo');
    expect(near(topLeftQuarter(pdf), RED)).toBe(true);
  });

  it('a PNG, embedded as it is or scaled down', async () => {
    const small = pngWithProfile(makePng(900, 1200), SWAPPED_PROFILE);
    expect(near(topLeftQuarter((await imageToPdf(small, 'png', 'screenshot')).pdf), BLUE)).toBe(true);
    const side = Math.ceil(Math.sqrt(LIMITS.imageDownscalePixels * 1.5));
    const large = pngWithProfile(makePng(side, Math.round(side * 1.3)), SWAPPED_PROFILE);
    expect(near(topLeftQuarter((await imageToPdf(large, 'png', 'screenshot')).pdf), BLUE)).toBe(true);
    // A grey one scaled down stays grey: a linear gamma shows 100 as Chromium does (168).
    const linear = Buffer.alloc(4);
    linear.writeUInt32BE(100000);
    const grey = makePng(side, Math.round(side * 1.3), () => [100, 100, 100], { grey: true });
    const greyPdf = (await imageToPdf(pngWithChunks(grey, { gAMA: linear }), 'png', 'scan')).pdf;
    expect(near(topLeftQuarter(greyPdf), [168, 168, 168], 3)).toBe(true);
  });

  it('HEIC, AVIF and WebP pictures', async () => {
    for (const [format, name] of [
      ['heic', 'HEIC'],
      ['avif', 'AVIF'],
      ['webp', 'WebP'],
    ] as const) {
      const { pdf } = await pictureToPdf(
        encodedWithProfile(format, redPng(), SWAPPED_PROFILE),
        name,
        'photo',
      );
      expect(near(middle(pdf), BLUE, 60), name).toBe(true);
    }
  });

  it('HEIC and AVIF pictures whose colours are given by code points (Android’s photos, in Display P3)', async () => {
    // (230, 60, 40) in Display P3 is about (250, 31, 13) in sRGB (madeProfiles.test.ts works it out).
    const p3 = { width: 600, height: 800, pixel: (): Rgb => [230, 60, 40] };
    for (const [name, bytes] of [
      ['HEIC', withColourCodePoints(heicFile(p3), [12, 13, 6])],
      ['AVIF', avifFile(p3, { lossless: true, cicp: [12, 13, 0] })],
      ['AVIF, lossy', avifFile(p3, { cicp: [12, 13, 6] })],
    ] as const) {
      expect(isoColourCodePoints(bytes), name).toEqual({ primaries: 12, transfer: 13 });
      const { pdf, notes } = await pictureToPdf(bytes, name.startsWith('AVIF') ? 'AVIF' : 'HEIC', 'photo');
      const shown = middle(pdf);
      expect(near(shown, [250, 31, 13], 8), `${name}: ${shown.join()}`).toBe(true);
      expect(notes.join(' ')).not.toContain('HDR');
    }
    // High dynamic range (PQ): shown as stored, and said so.
    const hdr = await pictureToPdf(avifFile(p3, { lossless: true, cicp: [9, 16, 0] }), 'AVIF', 'photo');
    expect(hdr.notes.join(' ')).toContain('high dynamic range (HDR)');
    // sRGB's code points: shown as they are, as before.
    const srgb = avifFile(p3, { lossless: true, cicp: [1, 13, 0] });
    expect(isoColourCodePoints(srgb)).toEqual({ primaries: 1, transfer: 13 });
    expect(near(middle((await pictureToPdf(srgb, 'AVIF', 'photo')).pdf), [230, 60, 40], 8)).toBe(true);
  });

  it('a PNG whose colours are given by code points, or a gamma and chromaticities, as Chromium shows it', async () => {
    // Chromium 156's colours for each (its canvas, from the same files), where the picture's numbers are
    // (200, 100, 50): it reads a gamma alone within 5% of sRGB's as sRGB, as libpng does.
    const u32 = (...values: number[]) => {
      const bytes = Buffer.alloc(values.length * 4);
      values.forEach((v, i) => bytes.writeUInt32BE(Math.round(v), i * 4));
      return bytes;
    };
    const gAMA = (gamma: number) => u32(gamma);
    const P3_CHROMATICITIES = u32(
      ...[0.3127, 0.329, 0.68, 0.32, 0.265, 0.69, 0.15, 0.06].map((v) => v * 1e5),
    );
    const cases: [string, Record<string, Uint8Array>, Rgb][] = [
      ['nothing', {}, [200, 100, 50]],
      ['a linear gamma', { gAMA: gAMA(100000) }, [229, 168, 122]],
      ['sRGB’s gamma, about', { gAMA: gAMA(45455) }, [200, 100, 50]],
      ['a gamma within 5% of it', { gAMA: gAMA(47619) }, [200, 100, 50]],
      ['a gamma of 1/1.8 (old Macs)', { gAMA: gAMA(55556) }, [210, 119, 65]],
      ['Display P3 with a gamma of 1/2.2', { gAMA: gAMA(45455), cHRM: P3_CHROMATICITIES }, [216, 93, 24]],
      ['chromaticities with no gamma', { cHRM: P3_CHROMATICITIES }, [200, 100, 50]],
      ['marked sRGB, with a linear gamma', { sRGB: Buffer.from([0]), gAMA: gAMA(100000) }, [200, 100, 50]],
      ['code points: Display P3', { cICP: Buffer.from([12, 13, 0, 1]) }, [215, 93, 31]],
      [
        'code points before a gamma',
        { cICP: Buffer.from([12, 13, 0, 1]), gAMA: gAMA(100000) },
        [215, 93, 31],
      ],
      ['code points: linear', { cICP: Buffer.from([1, 8, 0, 1]) }, [229, 168, 122]],
    ];
    const png = makePng(900, 1200, () => [200, 100, 50]);
    // A grey picture of 100 (Chromium's colours again): its gamma applies too.
    const grey = makePng(900, 1200, () => [100, 100, 100], { grey: true });
    const greyCases: [string, Record<string, Uint8Array>, Rgb][] = [
      ['grey, nothing', {}, [100, 100, 100]],
      ['grey, a linear gamma', { gAMA: gAMA(100000) }, [168, 168, 168]],
      ['grey, a gamma of 1/1.8', { gAMA: gAMA(55556) }, [119, 119, 119]],
      ['grey, code points: linear', { cICP: Buffer.from([1, 8, 0, 1]) }, [168, 168, 168]],
      [
        'grey, sRGB’s gamma with chromaticities',
        { gAMA: gAMA(45455), cHRM: P3_CHROMATICITIES },
        [100, 100, 100],
      ],
    ];
    for (const [name, chunks, chromium] of [
      ...cases.map(([n, c, e]) => [n, pngWithChunks(png, c), e] as const),
      ...greyCases.map(([n, c, e]) => [n, pngWithChunks(grey, c), e] as const),
    ]) {
      const shown = topLeftQuarter((await imageToPdf(chunks, 'png', name)).pdf);
      expect(near(shown, chromium, 3), `${name}: ${shown.join()} against Chromium's ${chromium.join()}`).toBe(
        true,
      );
    }
  });

  it('a picture’s own profile comes before its code points', async () => {
    const bytes = encodedWithProfile('avif', redPng(), SWAPPED_PROFILE);
    expect(isoColourProfile(bytes)).toEqual(new Uint8Array(SWAPPED_PROFILE));
  });

  it('a TIFF scan', async () => {
    const page = { width: 900, height: 1200, kind: 'rgb' as const, pixel: (): Rgb => RED };
    expect(
      near(middle(await tiffToPdf(makeTiff([{ ...page, colourProfile: SWAPPED_PROFILE }]), 'scan')), BLUE),
    ).toBe(true);
    expect(near(middle(await tiffToPdf(makeTiff([page]), 'scan')), RED)).toBe(true);
  });

  it('leaves out a profile that does not suit the picture’s colours, and shows the numbers as they are', async () => {
    const grey = rgbProfile(SRGB_COLOURANTS, { colourSpace: 'GRAY' });
    const { pdf } = await imageToPdf(jpegWithProfile(await makeJpeg(900, 1200), grey), 'jpeg', 'photo');
    expect(near(topLeftQuarter(pdf), RED)).toBe(true);
  });
});
