/** Page boxes as readers show them, repaired, and where each page goes on A4 (bundle/pageBoxes.ts). */
import { describe, expect, it } from 'vitest';
import {
  applyMatrix,
  boxFromNumbers,
  normaliseRotation,
  placePage,
  US_LETTER,
  visibleArea,
} from '../../../../../electron/services/bundle/pageBoxes';
import { A4 } from '../../../../../shared/bundle/indexLayout';

const ON = { normalisePages: true, landscapePages: 'keep' } as const;

describe('boxes', () => {
  it.each([
    [[0, 0, 612, 792], { x0: 0, y0: 0, x1: 612, y1: 792 }],
    [[612, 792, 0, 0], { x0: 0, y0: 0, x1: 612, y1: 792 }],
    [[-300, -400, 312, 392], { x0: -300, y0: -400, x1: 312, y1: 392 }],
    [[0, 0, 0, 0], null],
    [[0, 0, 612, 0], null],
    [[0, 0, 0.5, 0.5], null],
    [[0, 0, 200000, 200000], null],
    [[0, 0, 612], null],
    [[0, 0, Number.NaN, 792], null],
    [['0', 0, 612, 792], null],
  ])('%j → %j', (numbers, expected) => {
    expect(boxFromNumbers(numbers as unknown[])).toEqual(expected);
  });

  it('shows the crop box cut to the media box, or the media box when the crop box misses it', () => {
    const media = { x0: 0, y0: 0, x1: 612, y1: 792 };
    expect(visibleArea(media, { x0: 50, y0: 50, x1: 700, y1: 700 })).toEqual({
      x0: 50,
      y0: 50,
      x1: 612,
      y1: 700,
    });
    expect(visibleArea(media, { x0: 5000, y0: 5000, x1: 6000, y1: 6000 })).toEqual(media);
    expect(visibleArea(media, null)).toEqual(media);
    expect(visibleArea(null, null)).toEqual(US_LETTER);
  });

  it("measures a page drawn in large units (/UserUnit) in points for its smallest size, in units for PDF's limit", () => {
    // 8.5 by 11 units of an inch each is US Letter, not a speck (pdf.js's issue19176.pdf).
    expect(boxFromNumbers([0, 0, 8.5, 11], 72)).toEqual({ x0: 0, y0: 0, x1: 8.5, y1: 11 });
    expect(boxFromNumbers([0, 0, 8.5, 11])).toBeNull();
    expect(boxFromNumbers([0, 0, 0.2, 11], 72)).toBeNull();
    expect(boxFromNumbers([0, 0, 14400, 100], 10)).toEqual({ x0: 0, y0: 0, x1: 14400, y1: 100 });
    expect(boxFromNumbers([0, 0, 14401, 100], 10)).toBeNull();
    // A crop box of a quarter inch in these units is kept; with no usable box, Letter in these units.
    const media = { x0: 0, y0: 0, x1: 8.5, y1: 11 };
    expect(visibleArea(media, { x0: 1, y0: 1, x1: 2, y1: 2 }, 72)).toEqual({ x0: 1, y0: 1, x1: 2, y1: 2 });
    expect(visibleArea(null, null, 72)).toEqual({ x0: 0, y0: 0, x1: 8.5, y1: 11 });
  });

  it.each([
    [0, 0],
    [90, 90],
    [-90, 270],
    [450, 90],
    [45, 0],
    [Number.NaN, 0],
    ['90', 0],
  ])('rotation %j → %j', (value, expected) => {
    expect(normaliseRotation(value)).toBe(expected);
  });
});

describe('placing a page on A4', () => {
  it('scales US Letter onto A4 portrait, centred, nothing cut off', () => {
    const placed = placePage({ x0: 0, y0: 0, x1: 612, y1: 792 }, 0, ON);
    expect(placed.media).toEqual({ x0: 0, y0: 0, x1: A4[0], y1: A4[1] });
    expect(placed.moved).toBe(true);
    const [left, bottom] = applyMatrix(placed.matrix, 0, 0);
    const [right, top] = applyMatrix(placed.matrix, 612, 792);
    expect(left).toBeCloseTo(0, 5);
    expect(right).toBeCloseTo(A4[0], 5);
    expect(bottom).toBeCloseTo(A4[1] - top, 5); // centred top to bottom
    expect(top).toBeLessThanOrEqual(A4[1]);
  });

  it('scales Legal by its height and centres it across', () => {
    const placed = placePage({ x0: 0, y0: 0, x1: 612, y1: 1008 }, 0, ON);
    const [left, bottom] = applyMatrix(placed.matrix, 0, 0);
    const [right, top] = applyMatrix(placed.matrix, 612, 1008);
    expect(bottom).toBeCloseTo(0, 5);
    expect(top).toBeCloseTo(A4[1], 5);
    expect(left).toBeCloseTo(A4[0] - right, 5);
  });

  it('moves a box that does not start at 0 0 onto the page', () => {
    const placed = placePage({ x0: -100, y0: 200, x1: 380, y1: 900 }, 0, ON);
    const [x0, y0] = applyMatrix(placed.matrix, -100, 200);
    const [x1, y1] = applyMatrix(placed.matrix, 380, 900);
    expect(Math.min(x0, y0)).toBeGreaterThanOrEqual(-1e-9);
    expect(x1).toBeLessThanOrEqual(A4[0] + 1e-9);
    expect(y1).toBeLessThanOrEqual(A4[1] + 1e-9);
  });

  it('keeps landscape pages landscape, on A4 landscape', () => {
    expect(placePage({ x0: 0, y0: 0, x1: 792, y1: 612 }, 0, ON).media).toEqual({
      x0: 0,
      y0: 0,
      x1: A4[1],
      y1: A4[0],
    });
    // A4 already (within 3 points either way): left exactly as it is.
    expect(placePage({ x0: 0, y0: 0, x1: 842, y1: 595 }, 0, ON)).toMatchObject({ moved: false, rotate: 0 });
  });

  it('turns pages that show landscape to portrait when asked, top towards the binding', () => {
    const rotate = { ...ON, landscapePages: 'rotate' } as const;
    expect(placePage({ x0: 0, y0: 0, x1: 842, y1: 595 }, 0, rotate).rotate).toBe(270);
    // Portrait paper shown landscape by /Rotate 90: turned back to portrait.
    expect(placePage({ x0: 0, y0: 0, x1: 595, y1: 842 }, 90, rotate).rotate).toBe(0);
    expect(placePage({ x0: 0, y0: 0, x1: 595, y1: 842 }, 0, rotate).rotate).toBe(0);
  });

  it('leaves sizes alone when normalisation is off', () => {
    const off = { normalisePages: false, landscapePages: 'keep' } as const;
    expect(placePage({ x0: 0, y0: 0, x1: 612, y1: 792 }, 0, off)).toMatchObject({
      moved: false,
      media: { x0: 0, y0: 0, x1: 612, y1: 792 },
    });
  });

  it('puts a page under an inch across on A4 even when normalisation is off: its number needs the room', () => {
    const off = { normalisePages: false, landscapePages: 'keep' } as const;
    // A cropped line of text, 120 by 30 points: on A4 landscape, scaled to its width.
    const strip = placePage({ x0: 0, y0: 0, x1: 120, y1: 30 }, 0, off);
    expect(strip).toMatchObject({ moved: true, media: { x0: 0, y0: 0, x1: A4[1], y1: A4[0] } });
    expect(strip.matrix[0]).toBeCloseTo(A4[1] / 120);
    // Tall and narrow, shown turned: still on A4, its own orientation kept.
    expect(placePage({ x0: 0, y0: 0, x1: 40, y1: 300 }, 0, off).media).toEqual({
      x0: 0,
      y0: 0,
      x1: A4[0],
      y1: A4[1],
    });
    // An inch square is kept.
    expect(placePage({ x0: 0, y0: 0, x1: 72, y1: 72 }, 0, off)).toMatchObject({ moved: false });
    // Over PDF's limit in points (a plan drawn in large units): no page can be that size without them.
    expect(placePage({ x0: 0, y0: 0, x1: 20000, y1: 10000 }, 0, off)).toMatchObject({
      moved: true,
      media: { x0: 0, y0: 0, x1: A4[1], y1: A4[0] },
    });
  });
});
