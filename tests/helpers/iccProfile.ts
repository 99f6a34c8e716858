/**
 * Colour profiles for test pictures: an ICC version 2 display profile built from three colourants and a
 * gamma (ICC.1:2001-04: header, tag table, XYZ and curve tags), and ways to put one into a JPEG or PNG.
 * `SWAPPED_PROFILE` gives red the colour of blue and blue of red, so a reader that uses the profile draws
 * a red picture blue, and one that leaves it out draws it red.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Xyz = [number, number, number];

/** sRGB's colourants as ICC profiles give them (adapted to D50). */
const SRGB_RED: Xyz = [0.4361, 0.2225, 0.0139];
const SRGB_GREEN: Xyz = [0.3851, 0.7169, 0.0971];
const SRGB_BLUE: Xyz = [0.1431, 0.0606, 0.7141];
const D50: Xyz = [0.9642, 1.0, 0.8249];

function s15Fixed16(value: number): number {
  return Math.round(value * 65536) | 0;
}

function xyzTag(xyz: Xyz): Buffer {
  const tag = Buffer.alloc(20);
  tag.write('XYZ ', 0, 'latin1');
  xyz.forEach((v, i) => tag.writeInt32BE(s15Fixed16(v), 8 + i * 4));
  return tag;
}

function curveTag(gamma: number): Buffer {
  const tag = Buffer.alloc(14);
  tag.write('curv', 0, 'latin1');
  tag.writeUInt32BE(1, 8);
  tag.writeUInt16BE(Math.round(gamma * 256), 12);
  return tag;
}

function textTag(text: string): Buffer {
  const tag = Buffer.alloc(8 + text.length + 1);
  tag.write('text', 0, 'latin1');
  tag.write(text, 8, 'latin1');
  return tag;
}

function descriptionTag(text: string): Buffer {
  const tag = Buffer.alloc(12 + text.length + 1 + 12 + 67);
  tag.write('desc', 0, 'latin1');
  tag.writeUInt32BE(text.length + 1, 8);
  tag.write(text, 12, 'latin1');
  return tag;
}

/** An RGB display profile with the given colourants, white point D50 and one gamma for all three. */
export function rgbProfile(
  colourants: { red: Xyz; green: Xyz; blue: Xyz },
  options: { gamma?: number; version?: number; deviceClass?: string; colourSpace?: string } = {},
): Buffer {
  const gamma = options.gamma ?? 2.2;
  const tags: [string, Buffer][] = [
    ['desc', descriptionTag('Test profile')],
    ['cprt', textTag('No copyright, test data')],
    ['wtpt', xyzTag(D50)],
    ['rXYZ', xyzTag(colourants.red)],
    ['gXYZ', xyzTag(colourants.green)],
    ['bXYZ', xyzTag(colourants.blue)],
    ['rTRC', curveTag(gamma)],
    ['gTRC', curveTag(gamma)],
    ['bTRC', curveTag(gamma)],
  ];
  const tableSize = 4 + tags.length * 12;
  let offset = 128 + tableSize;
  const placed = tags.map(([signature, data]) => {
    const at = offset;
    offset += Math.ceil(data.length / 4) * 4;
    return { signature, data, at };
  });
  const profile = Buffer.alloc(offset);
  profile.writeUInt32BE(offset, 0);
  profile.writeUInt32BE(((options.version ?? 2) << 24) | 0x100000, 8);
  profile.write(options.deviceClass ?? 'mntr', 12, 'latin1');
  profile.write(options.colourSpace ?? 'RGB ', 16, 'latin1');
  profile.write('XYZ ', 20, 'latin1');
  profile.write('acsp', 36, 'latin1');
  D50.forEach((v, i) => profile.writeInt32BE(s15Fixed16(v), 68 + i * 4));
  profile.writeUInt32BE(tags.length, 128);
  placed.forEach(({ signature, data, at }, i) => {
    profile.write(signature, 132 + i * 12, 'latin1');
    profile.writeUInt32BE(at, 136 + i * 12);
    profile.writeUInt32BE(data.length, 140 + i * 12);
    data.copy(profile, at);
  });
  return profile;
}

/** sRGB's colourants: a profile made of them is sRGB's, near enough. */
export const SRGB_COLOURANTS = { red: SRGB_RED, green: SRGB_GREEN, blue: SRGB_BLUE };

/** A profile in which red is sRGB's blue and blue is sRGB's red. */
export const SWAPPED_PROFILE = rgbProfile({ red: SRGB_BLUE, green: SRGB_GREEN, blue: SRGB_RED });

/** `jpeg`'s segments before its image data, without those holding a colour profile (Skia writes sRGB's). */
function withoutProfile(jpeg: Uint8Array): Buffer {
  const bytes = Buffer.from(jpeg);
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let pos = 2;
  while (bytes[pos + 1] !== 0xda) {
    const end = pos + 2 + bytes.readUInt16BE(pos + 2);
    if (!(bytes[pos + 1] === 0xe2 && bytes.toString('latin1', pos + 4, pos + 15) === 'ICC_PROFILE'))
      kept.push(bytes.subarray(pos, end));
    pos = end;
  }
  kept.push(bytes.subarray(pos));
  return Buffer.concat(kept);
}

/**
 * `jpeg` with `profile` in APP2 "ICC_PROFILE" segments after its start, split into `pieces`, in place of
 * any it had.
 */
export function jpegWithProfile(jpeg: Uint8Array, profile: Uint8Array, pieces = 1): Buffer {
  const plain = withoutProfile(jpeg);
  const size = Math.ceil(profile.length / pieces);
  const segments: Buffer[] = [];
  for (let i = 0; i < pieces; i++) {
    const piece = profile.subarray(i * size, Math.min(profile.length, (i + 1) * size));
    const header = Buffer.alloc(4 + 14);
    header.writeUInt16BE(0xffe2, 0);
    header.writeUInt16BE(2 + 14 + piece.length, 2);
    header.write('ICC_PROFILE\0', 4, 'latin1');
    header[16] = i + 1;
    header[17] = pieces;
    segments.push(header, Buffer.from(piece));
  }
  return Buffer.concat([plain.subarray(0, 2), ...segments, plain.subarray(2)]);
}

/** `png` with `profile` in an iCCP chunk after its header. */
export function pngWithProfile(png: Uint8Array, profile: Uint8Array): Buffer {
  return pngWithChunks(png, {
    iCCP: Buffer.concat([Buffer.from('Test\0\0', 'latin1'), deflateSync(profile)]),
  });
}

/** `png` with chunks (type: data) after its header, in the order given. */
export function pngWithChunks(png: Uint8Array, chunks: Record<string, Uint8Array>): Buffer {
  const written = Object.entries(chunks).map(([type, data]) => {
    const chunk = Buffer.alloc(12 + data.length);
    chunk.writeUInt32BE(data.length, 0);
    chunk.write(type, 4, 'latin1');
    chunk.set(data, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
    return chunk;
  });
  const headerEnd = 8 + 25;
  return Buffer.concat([
    Buffer.from(png.subarray(0, headerEnd)),
    ...written,
    Buffer.from(png.subarray(headerEnd)),
  ]);
}

/**
 * A picture of `format` written by its encoder (heif-enc, avifenc, cwebp: tests/helpers/pictures.ts) from
 * `png`, with the PNG's colour profile `profile` carried into it as each encoder does.
 */
export function encodedWithProfile(
  format: 'heic' | 'avif' | 'webp',
  png: Uint8Array,
  profile: Uint8Array,
): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'profile-'));
  try {
    const input = join(dir, 'in.png');
    const output = join(dir, `out.${format}`);
    writeFileSync(input, pngWithProfile(png, profile));
    const command: Record<typeof format, string[]> = {
      heic: ['heif-enc', '-q', '90', '-o', output, input],
      avif: ['avifenc', '--speed', '10', input, output],
      webp: ['cwebp', '-quiet', '-metadata', 'icc', input, '-o', output],
    };
    const [program, ...args] = command[format];
    execFileSync(program, args, { stdio: 'pipe' });
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
