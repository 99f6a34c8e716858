/**
 * Profiles made from pictures' colour code points (ITU-T H.273): their colourants are those published for
 * the same colour spaces (Apple's Display P3 profile, the sRGB profile), they pass the app's own check of a
 * profile a PDF reader can use, and lcms2 (through poppler) turns colours with them as the colour space says.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import {
  colourantsOf,
  profileForCodePoints,
  profileForPngGamma,
} from '../../../../../electron/services/documents/madeProfiles';
import { usableIccProfile } from '../../../../../electron/services/documents/colourProfile';
import { addPixelsPage } from '../../../../../electron/services/documents/pixels';
import { look } from '../../../../helpers/popplerLook';
import type { Rgb } from '../../../../helpers/tiff';

const D65: [number, number] = [0.3127, 0.329];

describe('colourantsOf', () => {
  it('gives Display P3 and sRGB the colourants their published profiles give (adapted to D50)', () => {
    const p3 = colourantsOf({ red: [0.68, 0.32], green: [0.265, 0.69], blue: [0.15, 0.06], white: D65 })!;
    // Apple's "Display P3" profile (macOS), rXYZ, gXYZ, bXYZ.
    const published = {
      red: [0.515121, 0.241196, -0.001053],
      green: [0.291977, 0.692245, 0.041885],
      blue: [0.157104, 0.066574, 0.784073],
    };
    for (const key of ['red', 'green', 'blue'] as const)
      p3[key].forEach((v, i) => expect(v, `${key} ${i}`).toBeCloseTo(published[key][i], 3));
    const srgb = colourantsOf({ red: [0.64, 0.33], green: [0.3, 0.6], blue: [0.15, 0.06], white: D65 })!;
    // The sRGB IEC61966-2.1 profile's.
    expect(srgb.red[0]).toBeCloseTo(0.4361, 3);
    expect(srgb.green[1]).toBeCloseTo(0.7169, 3);
    expect(srgb.blue[2]).toBeCloseTo(0.7141, 3);
  });
});

describe('colourantsOf, for primaries no picture could mean', () => {
  it('gives none for primaries on one line, or out of the chromaticity diagram', () => {
    const line = { red: [0.6, 0.3], green: [0.4, 0.4], blue: [0.2, 0.5], white: D65 } as const;
    expect(colourantsOf({ ...line, red: [0.6, 0.3], green: [0.4, 0.4], blue: [0.2, 0.5] })).toBeNull();
    expect(colourantsOf({ red: [0.64, 0.33], green: [0.3, 0.6], blue: [0.15, 0], white: D65 })).toBeNull();
    expect(colourantsOf({ red: [0.9, 0.3], green: [0.3, 0.6], blue: [0.15, 0.06], white: D65 })).toBeNull();
  });
});

describe('profileForPngGamma', () => {
  const P3 = [31270, 32900, 68000, 32000, 26500, 69000, 15000, 6000];
  it('makes none for a gamma within 5% of sRGB’s with no chromaticities, or for no gamma', () => {
    for (const gamma of [45455, 47619, 43478]) expect(profileForPngGamma(gamma, null), `${gamma}`).toBeNull();
    expect(profileForPngGamma(null, P3)).toBeNull();
    expect(profileForPngGamma(0, null)).toBeNull();
  });

  it('makes one for any other gamma, or for sRGB’s with chromaticities', () => {
    for (const [gamma, chromaticities] of [
      [50000, null],
      [41667, null],
      [100000, null],
      [45455, P3],
    ] as const) {
      const profile = profileForPngGamma(gamma, chromaticities);
      expect(usableIccProfile(profile, 3), `${gamma}`).toEqual(profile);
    }
  });

  it('takes sRGB’s primaries for chromaticities no picture could mean, as Chromium does', () => {
    const degenerate = [31270, 32900, 60000, 30000, 40000, 40000, 20000, 50000];
    expect(profileForPngGamma(100000, degenerate)).toEqual(profileForPngGamma(100000, null));
  });

  it('makes a grey profile for a grey image, and none for one of about sRGB’s gamma', () => {
    const grey = profileForPngGamma(100000, null, { grey: true });
    expect(usableIccProfile(grey, 1)).toEqual(grey);
    expect(usableIccProfile(grey, 3)).toBeNull();
    expect(
      profileForPngGamma(45455, [31270, 32900, 68000, 32000, 26500, 69000, 15000, 6000], { grey: true }),
    ).toBeNull();
    expect(
      usableIccProfile(profileForCodePoints({ primaries: 1, transfer: 8 }, { grey: true }), 1),
    ).not.toBeNull();
    expect(profileForCodePoints({ primaries: 12, transfer: 13 }, { grey: true })).toBeNull();
  });

  it('makes none for a gamma no picture could mean', () => {
    expect(profileForPngGamma(1, null)).toBeNull();
    expect(profileForPngGamma(4_000_000, null)).toBeNull();
  });
});

describe('profileForCodePoints', () => {
  it('makes none for sRGB (or unspecified) primaries with an sRGB-like curve: shown as they are', () => {
    for (const transfer of [1, 2, 6, 13, 14, 15])
      for (const primaries of [1, 2]) expect(profileForCodePoints({ primaries, transfer })).toBeNull();
  });

  it('makes none for high dynamic range, and for primaries or curves it does not know', () => {
    expect(profileForCodePoints({ primaries: 9, transfer: 16 })).toBeNull(); // PQ
    expect(profileForCodePoints({ primaries: 9, transfer: 18 })).toBeNull(); // HLG
    expect(profileForCodePoints({ primaries: 3, transfer: 13 })).toBeNull(); // reserved
    expect(profileForCodePoints({ primaries: 12, transfer: 17 })).toBeNull();
  });

  it('makes a profile a PDF reader can use, the same bytes each time', () => {
    for (const codePoints of [
      { primaries: 12, transfer: 13 },
      { primaries: 9, transfer: 14 },
      { primaries: 1, transfer: 8 },
      { primaries: 11, transfer: 4 },
    ]) {
      const profile = profileForCodePoints(codePoints);
      expect(profile, JSON.stringify(codePoints)).not.toBeNull();
      expect(usableIccProfile(profile, 3), JSON.stringify(codePoints)).toEqual(profile);
      expect(profileForCodePoints(codePoints)).toEqual(profile);
    }
  });

  it('turns a Display P3 colour into the sRGB colour it is (poppler, lcms2)', async () => {
    // (230, 60, 40) in Display P3, into sRGB through the published linear matrix from P3 to sRGB.
    const p3: Rgb = [230, 60, 40];
    const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const fromLinear = (v: number) =>
      Math.round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * Math.max(0, v) ** (1 / 2.4) - 0.055));
    const [r, g, b] = p3.map((v) => toLinear(v / 255));
    const expected = [
      1.2249 * r - 0.2247 * g,
      -0.042 * r + 1.0419 * g,
      -0.0197 * r - 0.0786 * g + 1.0979 * b,
    ].map(fromLinear);
    const page = async (profile: Uint8Array | null) => {
      const doc = await PDFDocument.create();
      const rgba = new Uint8Array(200 * 200 * 4);
      for (let i = 0; i < rgba.length; i += 4) rgba.set([...p3, 255], i);
      await addPixelsPage(doc, { width: 200, height: 200, rgba }, { colourProfile: profile });
      return look(await doc.save(), 1, 0.5, 0.2).colour;
    };
    const shown = await page(profileForCodePoints({ primaries: 12, transfer: 13 }));
    shown.forEach((v, i) =>
      expect(Math.abs(v - expected[i]), `${shown.join()} against ${expected.join()}`).toBeLessThanOrEqual(3),
    );
    // Without the profile, the numbers as they are.
    const asIs = await page(null);
    asIs.forEach((v, i) => expect(Math.abs(v - p3[i])).toBeLessThanOrEqual(2));
  });
});
