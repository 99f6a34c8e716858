/**
 * The page sweep's comparison (scripts/pageCompare.ts): a missing box is a difference, a glyph edge a pixel
 * away is not, and the bundle number's corner and the page's edge are left out.
 */
import { describe, expect, it } from 'vitest';
import { blockAverages, comparePages, parsePpm, type Rgb } from '../../../scripts/pageCompare';

function blank(width: number, height: number): Rgb {
  return { width, height, pixels: new Uint8Array(width * height * 3).fill(255) };
}
function paint(picture: Rgb, x0: number, y0: number, x1: number, y1: number, colour = [0, 0, 0]): Rgb {
  const pixels = picture.pixels.slice();
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) pixels.set(colour, (y * picture.width + x) * 3);
  return { ...picture, pixels };
}
// A page 4 by 6 inches at 30 dpi.
const PAGE = blank(120, 180);
const OPTIONS = { block: 3, dpi: 30 };

describe('comparePages', () => {
  it('finds a box that is missing, and nothing between a page and itself', () => {
    const withBox = paint(PAGE, 20, 20, 60, 50);
    expect(comparePages(withBox, withBox, OPTIONS).differing).toBe(0);
    expect(comparePages(withBox, PAGE, OPTIONS).differing).toBeGreaterThan(0.05);
  });

  it('does not count a thin line one pixel away', () => {
    const line = paint(PAGE, 20, 40, 80, 41);
    const moved = paint(PAGE, 20, 41, 80, 42);
    expect(comparePages(line, moved, OPTIONS).differing).toBe(0);
  });

  it("leaves out the bundle number's corner and the page's outermost blocks", () => {
    const stamped = paint(PAGE, 100, 165, 115, 175);
    expect(comparePages(PAGE, stamped, OPTIONS).differing).toBe(0);
    const edge = paint(PAGE, 118, 0, 120, 100, [255, 0, 0]);
    expect(comparePages(PAGE, edge, OPTIONS).differing).toBe(0);
    // The same mark anywhere else counts.
    expect(comparePages(PAGE, paint(PAGE, 10, 10, 25, 20), OPTIONS).differing).toBeGreaterThan(0);
  });

  it('says when the sizes differ rather than comparing', () => {
    expect(comparePages(PAGE, blank(120, 200), OPTIONS)).toMatchObject({
      differing: 1,
      sizes: '120×180 against 120×200',
    });
  });
});

describe('parsePpm and blockAverages', () => {
  it("read pdftoppm's pictures and average them over blocks", () => {
    const ppm = new Uint8Array([
      ...Buffer.from('P6\n2 2\n255\n'),
      0,
      0,
      0,
      255,
      255,
      255,
      255,
      255,
      255,
      255,
      255,
      255,
    ]);
    const picture = parsePpm(ppm);
    expect(picture).toMatchObject({ width: 2, height: 2 });
    expect(Array.from(blockAverages(picture, 2).values)).toEqual([191.25, 191.25, 191.25]);
    expect(() => parsePpm(ppm.subarray(0, 14))).toThrow('cut short');
  });
});
