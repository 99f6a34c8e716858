/**
 * Colour profiles made from the numbers a picture gives for its colours in place of a profile of its own,
 * so that its page shows the colours a browser shows (the page's image names the profile: an ICC version 2
 * display profile of three colourants and a curve, ICC.1:2001-04).
 *
 * - Code points (ITU-T H.273: colour primaries and transfer characteristics), in an HEIC or AVIF picture's
 *   `nclx` colour box or a PNG's `cICP` chunk: Android phones save HEIF photos in Display P3 so. Without a
 *   profile the page shows the numbers as ordinary screen (sRGB) colours, duller than the phone showed
 *   them. Transfer as Chromium takes it for pictures: the video curves (BT.709, BT.601, BT.2020) as sRGB's.
 *   High dynamic range (PQ, HLG) and curves pictures do not use are left alone (no profile).
 * - A PNG's gamma (`gAMA`) and chromaticities (`cHRM`), as browsers read them: a gamma within 5% of sRGB's
 *   without chromaticities is sRGB (libpng's threshold, which Chromium's decoder keeps).
 */
type Xy = [number, number];
type Xyz = [number, number, number];
type Matrix = [Xyz, Xyz, Xyz];

interface Primaries {
  red: Xy;
  green: Xy;
  blue: Xy;
  white: Xy;
}

const D65: Xy = [0.3127, 0.329];

/** H.273's colour primaries (Table 2) that pictures use, by code point. */
const PRIMARIES: Record<number, Primaries> = {
  1: { red: [0.64, 0.33], green: [0.3, 0.6], blue: [0.15, 0.06], white: D65 }, // BT.709, sRGB
  4: { red: [0.67, 0.33], green: [0.21, 0.71], blue: [0.14, 0.08], white: [0.31, 0.316] }, // BT.470 M
  5: { red: [0.64, 0.33], green: [0.29, 0.6], blue: [0.15, 0.06], white: D65 }, // BT.601 625
  6: { red: [0.63, 0.34], green: [0.31, 0.595], blue: [0.155, 0.07], white: D65 }, // BT.601 525
  7: { red: [0.63, 0.34], green: [0.31, 0.595], blue: [0.155, 0.07], white: D65 }, // SMPTE 240M
  9: { red: [0.708, 0.292], green: [0.17, 0.797], blue: [0.131, 0.046], white: D65 }, // BT.2020
  11: { red: [0.68, 0.32], green: [0.265, 0.69], blue: [0.15, 0.06], white: [0.314, 0.351] }, // DCI-P3
  12: { red: [0.68, 0.32], green: [0.265, 0.69], blue: [0.15, 0.06], white: D65 }, // Display P3
  22: { red: [0.63, 0.34], green: [0.295, 0.605], blue: [0.155, 0.077], white: D65 }, // EBU 3213
};

/** sRGB's own primaries: unspecified (2) is taken for them, as browsers do. */
const SRGB_PRIMARIES = new Set([1, 2]);

/** Transfer characteristics (Table 3) and the curve a picture's page uses for each. */
type Curve = { srgb: true } | { gamma: number };
const TRANSFERS: Record<number, Curve> = {
  1: { srgb: true }, // BT.709
  2: { srgb: true }, // unspecified
  4: { gamma: 2.2 }, // BT.470 M
  5: { gamma: 2.8 }, // BT.470 B, G
  6: { srgb: true }, // BT.601
  8: { gamma: 1 }, // linear
  13: { srgb: true }, // sRGB
  14: { srgb: true }, // BT.2020, 10 bits
  15: { srgb: true }, // BT.2020, 12 bits
};

/** The white point profiles' colours are given against (ICC's D50). */
const PCS_WHITE: Xyz = [0.9642, 1, 0.8249];

const BRADFORD: Matrix = [
  [0.8951, 0.2664, -0.1614],
  [-0.7502, 1.7135, 0.0367],
  [0.0389, -0.0685, 1.0296],
];

function multiply(a: Matrix, b: Matrix): Matrix {
  return a.map((row) =>
    [0, 1, 2].map((j) => row[0] * b[0][j] + row[1] * b[1][j] + row[2] * b[2][j]),
  ) as Matrix;
}

function apply(m: Matrix, v: Xyz): Xyz {
  return m.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]) as Xyz;
}

function invert(m: Matrix): Matrix {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

const toXyz = ([x, y]: Xy): Xyz => [x / y, 1, (1 - x - y) / y];

/**
 * The profile's colourants: red, green and blue as XYZ, seen under D50 (Bradford's adaptation from the
 * primaries' own white), as ICC profiles give them.
 */
export function colourantsOf(primaries: Primaries): { red: Xyz; green: Xyz; blue: Xyz } | null {
  const points = [primaries.red, primaries.green, primaries.blue, primaries.white];
  if (!points.every(([x, y]) => x >= 0 && x <= 1 && y > 0 && y <= 1 && x + y <= 1)) return null;
  const columns = [primaries.red, primaries.green, primaries.blue].map(toXyz);
  const chromaticities: Matrix = [0, 1, 2].map((r) => columns.map((c) => c[r])) as Matrix;
  const white = toXyz(primaries.white);
  const scale = apply(invert(chromaticities), white);
  const toXyzMatrix = chromaticities.map((row) => row.map((v, j) => v * scale[j])) as Matrix;
  const source = apply(BRADFORD, white);
  const target = apply(BRADFORD, PCS_WHITE);
  const gain: Matrix = [
    [target[0] / source[0], 0, 0],
    [0, target[1] / source[1], 0],
    [0, 0, target[2] / source[2]],
  ];
  const adapted = multiply(multiply(invert(BRADFORD), multiply(gain, BRADFORD)), toXyzMatrix);
  if (!adapted.flat().every(Number.isFinite)) return null;
  const column = (j: number): Xyz => [adapted[0][j], adapted[1][j], adapted[2][j]];
  const colourants = { red: column(0), green: column(1), blue: column(2) };
  // Their sum is the white they were adapted to: not so when the primaries lie on one line.
  const sum = [0, 1, 2].map((i) => colourants.red[i] + colourants.green[i] + colourants.blue[i]);
  return sum.every((v, i) => Math.abs(v - PCS_WHITE[i]) < 0.01) ? colourants : null;
}

const CURVE_POINTS = 1024;

function curveTag(curve: Curve): Uint8Array {
  if ('gamma' in curve) {
    const tag = new Uint8Array(14);
    const view = new DataView(tag.buffer);
    tag.set(ascii('curv'), 0);
    view.setUint32(8, 1);
    view.setUint16(12, Math.round(curve.gamma * 256));
    return tag;
  }
  const tag = new Uint8Array(12 + CURVE_POINTS * 2);
  const view = new DataView(tag.buffer);
  tag.set(ascii('curv'), 0);
  view.setUint32(8, CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; i++) {
    const v = i / (CURVE_POINTS - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    view.setUint16(12 + i * 2, Math.round(linear * 65535));
  }
  return tag;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function s15Fixed16(view: DataView, at: number, value: number): void {
  view.setInt32(at, Math.round(value * 65536));
}

function xyzTag(xyz: Xyz): Uint8Array {
  const tag = new Uint8Array(20);
  const view = new DataView(tag.buffer);
  tag.set(ascii('XYZ '), 0);
  xyz.forEach((v, i) => s15Fixed16(view, 8 + i * 4, v));
  return tag;
}

/** A version 2 text description: its ASCII, and empty Unicode and ScriptCode parts. */
function descriptionTag(text: string): Uint8Array {
  const tag = new Uint8Array(12 + text.length + 1 + 8 + 3 + 67);
  const view = new DataView(tag.buffer);
  tag.set(ascii('desc'), 0);
  view.setUint32(8, text.length + 1);
  tag.set(ascii(text), 12);
  return tag;
}

function textTag(text: string): Uint8Array {
  const tag = new Uint8Array(8 + text.length + 1);
  tag.set(ascii('text'), 0);
  tag.set(ascii(text), 8);
  return tag;
}

/**
 * An ICC version 2 display profile: RGB, of these primaries' colourants with one curve for all three; or,
 * for a grey picture (`primaries` null), grey with the curve.
 */
function displayProfile(description: string, primaries: Primaries | null, curve: Curve): Uint8Array | null {
  const colourants = primaries && colourantsOf(primaries);
  if (primaries && !colourants) return null;
  const trc = curveTag(curve);
  const tags: [string, Uint8Array][] = [
    ['desc', descriptionTag(description)],
    ['cprt', textTag('No copyright: made by SEND Bundle Builder from the picture\u2019s own numbers')],
    ['wtpt', xyzTag(PCS_WHITE)],
    ...(colourants
      ? ([
          ['rXYZ', xyzTag(colourants.red)],
          ['gXYZ', xyzTag(colourants.green)],
          ['bXYZ', xyzTag(colourants.blue)],
        ] as [string, Uint8Array][])
      : []),
    [colourants ? 'rTRC' : 'kTRC', trc],
  ];
  // Green's and blue's curves are red's (one tag, three names, as ICC allows).
  const shared = colourants ? ['gTRC', 'bTRC'] : [];
  const tableEnd = 128 + 4 + (tags.length + shared.length) * 12;
  const offsets: number[] = [];
  let size = tableEnd;
  for (const [, data] of tags) {
    offsets.push(size);
    size += (data.length + 3) & ~3;
  }
  const profile = new Uint8Array(size);
  const view = new DataView(profile.buffer);
  view.setUint32(0, size);
  view.setUint32(8, 0x02100000);
  profile.set(ascii('mntr'), 12);
  profile.set(ascii(colourants ? 'RGB ' : 'GRAY'), 16);
  profile.set(ascii('XYZ '), 20);
  // Its date: 1 January 2000 (a made profile's bytes are the same every time).
  view.setUint16(24, 2000);
  view.setUint16(26, 1);
  view.setUint16(28, 1);
  profile.set(ascii('acsp'), 36);
  PCS_WHITE.forEach((v, i) => s15Fixed16(view, 68 + i * 4, v));
  view.setUint32(128, tags.length + shared.length);
  const entry = (i: number, signature: string, offset: number, length: number) => {
    profile.set(ascii(signature), 132 + i * 12);
    view.setUint32(132 + i * 12 + 4, offset);
    view.setUint32(132 + i * 12 + 8, length);
  };
  tags.forEach(([signature, data], i) => {
    entry(i, signature, offsets[i], data.length);
    profile.set(data, offsets[i]);
  });
  const trcAt = offsets[tags.length - 1];
  shared.forEach((signature, i) => entry(tags.length + i, signature, trcAt, trc.length));
  return profile;
}

/**
 * The profile for a PNG's gamma (`gAMA`: the picture's gamma times 100,000) and chromaticities (`cHRM`: white,
 * red, green and blue, x and y times 100,000), as browsers read them, grey for a grey picture; null when the
 * picture's colours are to be shown as they are: a gamma of about sRGB's and no chromaticities (or a grey
 * picture), chromaticities without a gamma, or numbers no picture could mean.
 */
export function profileForPngGamma(
  gamma: number | null,
  chromaticities: number[] | null,
  options: { grey?: boolean } = {},
): Uint8Array | null {
  if (!gamma) return null;
  const exponent = 100000 / gamma;
  if (!(exponent >= 0.2 && exponent <= 10)) return null;
  const nearSrgb = Math.abs(gamma / 45455 - 1) <= 0.05;
  const description = `PNG gamma ${(1 / exponent).toFixed(5)}`;
  if (options.grey) return nearSrgb ? null : displayProfile(description, null, { gamma: exponent });
  let colours = PRIMARIES[1];
  if (chromaticities?.length === 8) {
    const xy = (i: number): Xy => [chromaticities[i] / 100000, chromaticities[i + 1] / 100000];
    const given = { white: xy(0), red: xy(2), green: xy(4), blue: xy(6) };
    if (colourantsOf(given)) colours = given;
  } else if (nearSrgb) return null;
  return displayProfile(description, colours, { gamma: exponent });
}

/** Transfer characteristics of high dynamic range: PQ (SMPTE ST 2084) and HLG (ARIB STD-B67). */
const HIGH_DYNAMIC_RANGE = new Set([16, 18]);

/**
 * For a picture whose code points say high dynamic range: what its page shows, which browsers and phones
 * map to the screen and the page does not. Null otherwise.
 */
export function highDynamicRangeNote(codePoints: { transfer: number } | null): string | null {
  return codePoints && HIGH_DYNAMIC_RANGE.has(codePoints.transfer)
    ? 'It is a high dynamic range (HDR) picture: its page shows its colours as they are stored, which can look duller or darker than on the phone or screen it was taken for. If its colours matter, open it on that phone, take a screenshot, and add that.'
    : null;
}

/**
 * The profile for a picture whose colours are given by these code points; null when it needs none (sRGB's
 * primaries with an sRGB-like curve: shown as they are) or when they are ones the app does not turn
 * (unknown primaries, high dynamic range, a curve pictures do not use).
 */
export function profileForCodePoints(
  codePoints: { primaries: number; transfer: number },
  options: { grey?: boolean } = {},
): Uint8Array | null {
  const { primaries, transfer } = codePoints;
  const curve = TRANSFERS[transfer];
  const description = `Colour code points ${primaries}/${transfer} (ITU-T H.273)`;
  if (options.grey) return curve && !('srgb' in curve) ? displayProfile(description, null, curve) : null;
  const colours = PRIMARIES[SRGB_PRIMARIES.has(primaries) ? 1 : primaries];
  if (!curve || !colours) return null;
  if (SRGB_PRIMARIES.has(primaries) && 'srgb' in curve) return null;
  return displayProfile(description, colours, curve);
}
