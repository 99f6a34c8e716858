/**
 * Pixels laid onto white and scaled down by a whole factor: every output pixel is the average of its
 * square of input pixels (a smaller square at the right and bottom edges), each on white by its opacity;
 * grey pictures stay one channel.
 */
import { describe, expect, it } from 'vitest';
import { flattenOnWhite } from '../../../../../electron/services/documents/pixels';

/** The same, one output pixel at a time, written as plainly as possible. */
function expected(rgba: Uint8Array, width: number, height: number, factor: number, channels: number) {
  const out: number[] = [];
  for (let oy = 0; oy < Math.ceil(height / factor); oy++)
    for (let ox = 0; ox < Math.ceil(width / factor); ox++)
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        let n = 0;
        for (let y = oy * factor; y < Math.min(height, (oy + 1) * factor); y++)
          for (let x = ox * factor; x < Math.min(width, (ox + 1) * factor); x++) {
            const p = (y * width + x) * 4;
            const a = rgba[p + 3];
            sum += Math.round((rgba[p + c] * a + 255 * (255 - a)) / 255);
            n++;
          }
        out.push(Math.round(sum / n));
      }
  return out;
}

function randomPicture(width: number, height: number, grey: boolean, seed: number): Uint8Array {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) % 256;
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const v = next();
    rgba.set(grey ? [v, v, v] : [v, next(), next()], p * 4);
    rgba[p * 4 + 3] = p % 5 === 0 ? next() : 255;
  }
  return rgba;
}

describe('flattenOnWhite', () => {
  it.each([
    [7, 5, 1, false],
    [7, 5, 2, false],
    [10, 9, 3, false],
    [11, 4, 4, true],
  ])('%i × %i scaled down %i times (grey: %s)', (width, height, factor, grey) => {
    const rgba = randomPicture(width, height, grey, width * 31 + factor);
    const result = flattenOnWhite(rgba, width, height, factor);
    expect(result.channels).toBe(grey ? 1 : 3);
    expect([result.width, result.height]).toEqual([Math.ceil(width / factor), Math.ceil(height / factor)]);
    expect([...result.data]).toEqual(expected(rgba, width, height, factor, result.channels));
  });
});
