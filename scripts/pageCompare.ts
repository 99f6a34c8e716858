/**
 * Two drawings of one page compared as a person would see them (scripts/pageSweep.ts): each is averaged
 * over blocks of a few pixels, so that a glyph's edge a fraction of a pixel away is not a difference and a
 * missing word, box or picture is. The bundle number's corner and the page's outermost blocks (a partly
 * covered pixel is drawn clipped in the bundle, whose page is a form) are left out.
 */

/** A picture as poppler's `pdftoppm` writes it without -png: binary PPM, 8 bits, RGB. */
export interface Rgb {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function parsePpm(bytes: Uint8Array): Rgb {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(Buffer.from(bytes.subarray(0, 64)).toString('latin1'));
  if (!header) throw new Error('not a binary 8-bit PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = bytes.subarray(header[0].length, header[0].length + width * height * 3);
  if (pixels.length !== width * height * 3) throw new Error('PPM cut short');
  return { width, height, pixels };
}

/** The picture's average colour over blocks of `block` by `block` pixels (the last part-blocks dropped). */
export function blockAverages(
  picture: Rgb,
  block: number,
): { width: number; height: number; values: Float32Array } {
  const width = Math.floor(picture.width / block);
  const height = Math.floor(picture.height / block);
  const values = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = 0; dy < block; dy++)
          for (let dx = 0; dx < block; dx++)
            sum += picture.pixels[((y * block + dy) * picture.width + x * block + dx) * 3 + c];
        values[(y * width + x) * 3 + c] = sum / (block * block);
      }
  return { width, height, values };
}

export interface Comparison {
  /** The two differ in size by more than a pixel: not compared. */
  sizes?: string;
  /** Share of the blocks compared whose colour differs by more than the tolerance in any channel. */
  differing: number;
}

export interface CompareOptions {
  /** Block side in pixels. */
  block: number;
  /** Dots per inch both were drawn at, to size the stamp's corner. */
  dpi: number;
  /** Largest difference in a channel (0-255) still taken as the same. */
  tolerance?: number;
}

/** The bundle number's corner, in points from the bottom-right: its box with its margin, and room to spare. */
const STAMP_CORNER = { width: 110, height: 45 };

export function comparePages(source: Rgb, bundle: Rgb, options: CompareOptions): Comparison {
  if (Math.abs(source.width - bundle.width) > 1 || Math.abs(source.height - bundle.height) > 1)
    return {
      sizes: `${source.width}×${source.height} against ${bundle.width}×${bundle.height}`,
      differing: 1,
    };
  const tolerance = options.tolerance ?? 40;
  const a = blockAverages(source, options.block);
  const b = blockAverages(bundle, options.block);
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  const inBlocks = (points: number) => (points * options.dpi) / 72 / options.block;
  const stampLeft = Math.min(width * 0.6, width - inBlocks(STAMP_CORNER.width));
  const stampTop = Math.min(height * 0.88, height - inBlocks(STAMP_CORNER.height));
  let compared = 0;
  let differing = 0;
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++) {
      if (x > stampLeft && y > stampTop) continue;
      compared++;
      const i = (y * a.width + x) * 3;
      const j = (y * b.width + x) * 3;
      for (let c = 0; c < 3; c++)
        if (Math.abs(a.values[i + c] - b.values[j + c]) > tolerance) {
          differing++;
          break;
        }
    }
  return { differing: compared ? differing / compared : 0 };
}
