/**
 * Animated AVIF pictures (GIFs made AVIF, pictures saved from web pages): a page shows the frame libavif
 * decodes, as web browsers show it before it moves, and a note says it moves. Written by avifenc from
 * several PNGs (Debian's libavif-bin); the file with a sound track is libavif's own test file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { decodePicture } from '../../../../../electron/services/documents/pictures';

const FIXTURES = join(__dirname, '../../../../fixtures/pictures');

/** An animated AVIF of one frame a colour (64 × 48), as avifenc writes it: frames, and the first as a still. */
function animatedAvif(colours: string[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'animated-avif-'));
  try {
    const inputs = colours.map((colour, i) => {
      const canvas = createCanvas(64, 48);
      const context = canvas.getContext('2d');
      context.fillStyle = colour;
      context.fillRect(0, 0, 64, 48);
      const path = join(dir, `${i}.png`);
      writeFileSync(path, canvas.toBuffer('image/png'));
      return path;
    });
    const output = join(dir, 'out.avif');
    execFileSync('avifenc', ['--speed', '10', '--fps', '10', ...inputs, output], { stdio: 'pipe' });
    return readFileSync(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `avif` without its still picture (its `pitm` box made `free`): only frames, as some converters write. */
function withoutStillPicture(avif: Buffer): Buffer {
  const copy = Buffer.from(avif);
  const pitm = copy.indexOf('pitm');
  copy.write('free', pitm, 'latin1');
  return copy;
}

const firstPixel = (rgba: Uint8Array) => [...rgba.subarray(0, 3)];

describe('animated AVIF pictures', () => {
  it('show their first frame, with a note that they move', async () => {
    const avif = animatedAvif(['#ff0000', '#00a000', '#0000ff']);
    for (const file of [avif, withoutStillPicture(avif)]) {
      const decoded = await decodePicture(file, 'AVIF');
      expect([decoded.width, decoded.height]).toEqual([64, 48]);
      const [r, g, b] = firstPixel(decoded.rgba);
      expect(r).toBeGreaterThan(200);
      expect(g + b).toBeLessThan(60);
      expect(decoded.notes).toEqual([
        'It is a moving picture (an animated AVIF of 3 frames): its page shows the first frame.',
      ]);
    }
  });

  it('are read with a sound track beside the frames, which libavif 1.0 would refuse', async () => {
    const decoded = await decodePicture(
      readFileSync(join(FIXTURES, 'colors-animated-8bpc-audio.avif')),
      'AVIF',
    );
    expect([decoded.width, decoded.height]).toEqual([150, 150]);
    expect(decoded.notes).toEqual([
      'It is a moving picture (an animated AVIF of 5 frames): its page shows the first frame.',
    ]);
  });
});
