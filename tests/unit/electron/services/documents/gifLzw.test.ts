/** A GIF frame's LZW data checked before omggif decodes it: sound GIFs pass, a damaged one is refused at once. */
import { GifReader } from 'omggif';
import { describe, expect, it } from 'vitest';
import { gifLzwIsSound } from '../../../../../electron/services/documents/gifLzw';
import { pictureToPdf } from '../../../../../electron/services/documents/pictures';
import { gifFile, type PicturePixels } from '../../../../helpers/pictures';

/** 96 × 72, 16 colours in squares of 8 pixels, the blue `shift`. */
const squares = (shift: number): PicturePixels => ({
  width: 96,
  height: 72,
  pixel: (x, y) => [((x >> 3) % 4) * 80, ((y >> 3) % 4) * 80, shift],
});

/** The bytes npm run fuzz changed (seed 9, its sixth file): offset and new value. */
const CHANGED: [number, number][] = [
  [168, 0x7d],
  [183, 0xd5],
  [394, 0x84],
  [718, 0x8d],
  [762, 0xa8],
  [800, 0x89],
  [820, 0x0c],
  [1295, 0x7e],
  [1510, 0x88],
  [1615, 0x7f],
  [1731, 0x32],
  [1968, 0x93],
  [2156, 0x34],
  [2355, 0x91],
];

describe('gifLzwIsSound', () => {
  it('passes every frame of the GIFs an encoder writes', () => {
    const noisy: PicturePixels = {
      width: 61,
      height: 47,
      pixel: (x, y) => [((x * 7 + y * 3) % 16) * 16, ((x ^ y) % 16) * 16, 0],
    };
    for (const gif of [gifFile([squares(40), squares(200)]), gifFile([noisy])]) {
      const reader = new GifReader(gif);
      for (let frame = 0; frame < reader.numFrames(); frame++)
        expect(gifLzwIsSound(gif, reader.frameInfo(frame).data_offset)).toBe(true);
    }
  });

  it('refuses a damaged GIF that held omggif in a loop, at once', async () => {
    const gif = Buffer.from(gifFile([squares(40), squares(200)]));
    for (const [at, value] of CHANGED) gif[at] = value;
    const reader = new GifReader(gif);
    expect(gifLzwIsSound(gif, reader.frameInfo(0).data_offset)).toBe(false);
    await expect(pictureToPdf(gif, 'GIF', 'Damaged')).rejects.toThrow(/damaged/);
  });
});
