/** The pure picture work behind text recognition: turning, straightening, resizing, and the maps back. */
import { describe, expect, it } from 'vitest';
import {
  apply,
  compose,
  encodePgm,
  estimateSkew,
  greyFromPdfjs,
  invert,
  resample,
  rotate,
  uprightByQuarterTurns,
  type Raster,
} from '../../../../../electron/services/ocr/raster';

function numbered(width: number, height: number): Raster {
  return { width, height, grey: Uint8Array.from({ length: width * height }, (_, i) => i) };
}

/** Dark horizontal lines of "text" turned by `degrees` (clockwise as seen, y down) about the centre. */
function lines(width: number, height: number, degrees: number): Raster {
  const grey = new Uint8Array(width * height).fill(250);
  const t = (degrees * Math.PI) / 180;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      // Where this pixel was before the page was turned.
      const dx = x - width / 2;
      const dy = y - height / 2;
      const ox = Math.cos(t) * dx + Math.sin(t) * dy + width / 2;
      const oy = -Math.sin(t) * dx + Math.cos(t) * dy + height / 2;
      const inText = ox > 60 && ox < width - 60 && oy > 60 && oy < height - 60;
      if (inText && oy % 30 < 7 && Math.floor(ox / 9) % 5 !== 0) grey[y * width + x] = 20;
    }
  return { width, height, grey };
}

describe('turning a picture upright by quarter turns', () => {
  // Every way a picture can be drawn square to the page: where one pixel right (dx) and one pixel down
  // (dy) of the stored picture go on the displayed page.
  const cases: [string, [number, number], [number, number]][] = [
    ['as stored', [1, 0], [0, 1]],
    ['mirrored', [-1, 0], [0, 1]],
    ['upside down', [-1, 0], [0, -1]],
    ['flipped', [1, 0], [0, -1]],
    ['on its side, mirrored', [0, 1], [1, 0]],
    ['turned a quarter clockwise (EXIF 6)', [0, 1], [-1, 0]],
    ['on its side, mirrored the other way', [0, -1], [-1, 0]],
    ['turned a quarter anticlockwise (EXIF 8)', [0, -1], [1, 0]],
  ];
  for (const [name, dx, dy] of cases) {
    it(name, () => {
      const source = numbered(4, 3);
      const result = uprightByQuarterTurns(source, dx, dy)!;
      const { raster, sourceFromUpright } = result;
      const transposed = dx[0] === 0;
      expect([raster.width, raster.height]).toEqual(transposed ? [3, 4] : [4, 3]);
      for (let y = 0; y < raster.height; y++)
        for (let x = 0; x < raster.width; x++) {
          // The map takes the upright pixel's centre to the centre of the source pixel shown there.
          const [sx, sy] = apply(sourceFromUpright, x + 0.5, y + 0.5);
          expect(raster.grey[y * raster.width + x]).toBe(source.grey[Math.floor(sy) * 4 + Math.floor(sx)]);
        }
      // Moving right on the upright picture moves right on the display.
      const [ax, ay] = apply(sourceFromUpright, 1.5, 0.5);
      const [bx, by] = apply(sourceFromUpright, 0.5, 0.5);
      const step = [ax - bx, ay - by];
      const displayX = step[0] * dx[0] + step[1] * dy[0];
      const displayY = step[0] * dx[1] + step[1] * dy[1];
      expect([displayX + 0, displayY + 0]).toEqual([1, 0]);
    });
  }

  it('refuses a picture drawn at an angle (the page is rendered instead)', () => {
    expect(uprightByQuarterTurns(numbered(4, 3), [0.7, 0.7], [-0.7, 0.7])).toBeNull();
  });
});

describe('straightening', () => {
  it.each([2, -1.5, 3.5, 0])('finds lines turned %f° to within a tenth of a degree', (degrees) => {
    expect(Math.abs(estimateSkew(lines(700, 900, degrees), 100) - degrees)).toBeLessThanOrEqual(0.1);
  });

  it('says 0 for a page with no ink', () => {
    expect(estimateSkew({ width: 300, height: 300, grey: new Uint8Array(90_000).fill(255) }, 100)).toBe(0);
  });

  it('turns the picture back, and maps its pixels to where they came from', () => {
    const turned = lines(600, 800, 2.5);
    const { raster, sourceFromRotated } = rotate(turned, 2.5);
    expect(Math.abs(estimateSkew(raster, 100))).toBeLessThanOrEqual(0.1);
    let checked = 0;
    for (let y = 100; y < 700; y += 37)
      for (let x = 100; x < 500; x += 41) {
        const [sx, sy] = apply(sourceFromRotated, x + 0.5, y + 0.5);
        const from = turned.grey[Math.round(sy - 0.5) * 600 + Math.round(sx - 0.5)];
        expect(Math.abs(raster.grey[y * 600 + x] - from)).toBeLessThan(160);
        checked++;
      }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('pixels and maps', () => {
  it('reads pdf.js 1-bit pictures with a set bit as white', () => {
    const r = greyFromPdfjs({
      width: 10,
      height: 1,
      kind: 1,
      data: new Uint8Array([0b10100000, 0b01000000]),
    });
    expect([...r.grey]).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 0, 255]);
  });

  it('shrinks by averaging and keeps the size right', () => {
    const r = resample(
      { width: 4, height: 2, grey: new Uint8Array([0, 100, 200, 200, 0, 100, 200, 200]) },
      0.5,
    );
    expect([r.width, r.height, ...r.grey]).toEqual([2, 1, 50, 200]);
  });

  it('composes and inverts maps', () => {
    const m = compose([2, 0, 0, 3, 10, 20], [0, 1, -1, 0, 5, 6]);
    const [x, y] = apply(m, 7, 8);
    expect(apply(invert(m), x, y).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([7, 8]);
  });

  it('writes binary PGM', () => {
    const pgm = encodePgm({ width: 2, height: 1, grey: new Uint8Array([0, 255]) });
    expect(new TextDecoder().decode(pgm.subarray(0, 11))).toBe('P5\n2 1\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 255]);
  });
});
