/**
 * Grey pictures for text recognition, and the affine maps that say where each of their pixels lies on
 * the PDF page. Pure functions over typed arrays: no canvas, no PDF.
 *
 * Coordinates: a raster's pixel (x, y) covers [x, x+1) × [y, y+1), x to the right, y down. An Affine
 * [a, b, c, d, e, f] maps (x, y) to (a·x + c·y + e, b·x + d·y + f), as PDF matrices do.
 */

export interface Raster {
  width: number;
  height: number;
  /** One byte per pixel, 0 black to 255 white, rows top to bottom. */
  grey: Uint8Array;
}

export type Affine = [number, number, number, number, number, number];

/** `outer ∘ inner`: first inner, then outer. */
export function compose(outer: Affine, inner: Affine): Affine {
  const [a, b, c, d, e, f] = outer;
  const [A, B, C, D, E, F] = inner;
  return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

export function invert(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (Math.abs(det) < 1e-12) throw new Error('The picture has no area on the page.');
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function apply(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The linear part only (a direction, not a point). */
export function applyLinear(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y, m[1] * x + m[3] * y];
}

/** pdf.js image kinds (ImageKind in pdf.js's shared/util). */
const PDFJS_IMAGE_KIND = { GRAYSCALE_1BPP: 1, RGB_24BPP: 2, RGBA_32BPP: 3 } as const;

/** Grey pixels from a decoded pdf.js image (1-bit: a set bit is white, as pdf.js paints it). */
export function greyFromPdfjs(image: {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}): Raster {
  const { width, height, kind, data } = image;
  const grey = new Uint8Array(width * height);
  if (kind === PDFJS_IMAGE_KIND.GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      const row = y * rowBytes;
      const out = y * width;
      for (let x = 0; x < width; x++) grey[out + x] = (data[row + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
  } else if (kind === PDFJS_IMAGE_KIND.RGB_24BPP || kind === PDFJS_IMAGE_KIND.RGBA_32BPP) {
    const step = kind === PDFJS_IMAGE_KIND.RGB_24BPP ? 3 : 4;
    for (let i = 0, j = 0; i < grey.length; i++, j += step)
      grey[i] = (data[j] * 77 + data[j + 1] * 150 + data[j + 2] * 29) >> 8;
  } else {
    throw new Error(`Unknown picture format ${kind}.`);
  }
  return { width, height, grey };
}

/** Grey pixels from RGBA (a rendered canvas). */
export function greyFromRgba(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray): Raster {
  return greyFromPdfjs({ width, height, kind: PDFJS_IMAGE_KIND.RGBA_32BPP, data: rgba });
}

/**
 * Turns a raster by quarter turns and mirrors so that it reads upright, given where its pixel steps point
 * on the displayed page (`dx`: one pixel right, `dy`: one pixel down, in display coordinates with y down).
 * Returns the upright raster and the map from its pixels to the source raster's. Null when the picture is
 * not drawn square to the page (then the page is rendered instead).
 */
export function uprightByQuarterTurns(
  source: Raster,
  dx: [number, number],
  dy: [number, number],
): { raster: Raster; sourceFromUpright: Affine } | null {
  const near0 = (v: number, ref: number) => Math.abs(v) <= ref * 1e-3;
  const lenX = Math.hypot(...dx);
  const lenY = Math.hypot(...dy);
  let transpose: boolean;
  if (near0(dx[1], lenX) && near0(dy[0], lenY)) transpose = false;
  else if (near0(dx[0], lenX) && near0(dy[1], lenY)) transpose = true;
  else return null;
  const { width: W, height: H, grey } = source;
  // Display direction of the source's x and y axes: which output axis each becomes, and its sign.
  const xSign = transpose ? Math.sign(dx[1]) : Math.sign(dx[0]);
  const ySign = transpose ? Math.sign(dy[0]) : Math.sign(dy[1]);
  const outW = transpose ? H : W;
  const outH = transpose ? W : H;
  const out = new Uint8Array(outW * outH);
  // sourceFromUpright: output pixel (ox, oy) → source pixel (px, py), on pixel edges.
  let m: Affine;
  if (!transpose) {
    m = [xSign > 0 ? 1 : -1, 0, 0, ySign > 0 ? 1 : -1, xSign > 0 ? 0 : W, ySign > 0 ? 0 : H];
    for (let oy = 0; oy < outH; oy++) {
      const py = ySign > 0 ? oy : H - 1 - oy;
      const row = py * W;
      const o = oy * outW;
      if (xSign > 0) out.set(grey.subarray(row, row + W), o);
      else for (let ox = 0; ox < outW; ox++) out[o + ox] = grey[row + W - 1 - ox];
    }
  } else {
    // Output x runs along source y (dy is horizontal), output y along source x.
    m = [0, ySign > 0 ? 1 : -1, xSign > 0 ? 1 : -1, 0, xSign > 0 ? 0 : W, ySign > 0 ? 0 : H];
    for (let oy = 0; oy < outH; oy++) {
      const px = xSign > 0 ? oy : W - 1 - oy;
      const o = oy * outW;
      for (let ox = 0; ox < outW; ox++) {
        const py = ySign > 0 ? ox : H - 1 - ox;
        out[o + ox] = grey[py * W + px];
      }
    }
  }
  return { raster: { width: outW, height: outH, grey: out }, sourceFromUpright: m };
}

/** Resized by `scale` (area-averaged when shrinking, bilinear when enlarging). */
export function resample(source: Raster, scale: number): Raster {
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const out = new Uint8Array(width * height);
  const sx = source.width / width;
  const sy = source.height / height;
  const { grey, width: W, height: H } = source;
  if (sx >= 1 && sy >= 1) {
    for (let y = 0; y < height; y++) {
      const y0 = Math.floor(y * sy);
      const y1 = Math.min(H, Math.max(y0 + 1, Math.floor((y + 1) * sy)));
      for (let x = 0; x < width; x++) {
        const x0 = Math.floor(x * sx);
        const x1 = Math.min(W, Math.max(x0 + 1, Math.floor((x + 1) * sx)));
        let sum = 0;
        for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += grey[yy * W + xx];
        out[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  } else {
    for (let y = 0; y < height; y++) {
      const fy = Math.min(H - 1, Math.max(0, (y + 0.5) * sy - 0.5));
      const y0 = Math.floor(fy);
      const y1 = Math.min(H - 1, y0 + 1);
      const wy = fy - y0;
      for (let x = 0; x < width; x++) {
        const fx = Math.min(W - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        const x0 = Math.floor(fx);
        const x1 = Math.min(W - 1, x0 + 1);
        const wx = fx - x0;
        const top = grey[y0 * W + x0] * (1 - wx) + grey[y0 * W + x1] * wx;
        const bottom = grey[y1 * W + x0] * (1 - wx) + grey[y1 * W + x1] * wx;
        out[y * width + x] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return { width, height, grey: out };
}

/**
 * Running sums for the sum of any rectangle in O(1): (w+1)×(h+1) of them, kept modulo 2³² (a window's own
 * sum is far below that, and differences taken modulo 2³² are exact), so a big page costs 4 bytes a pixel.
 */
function integral(r: Raster): Uint32Array {
  const { width: W, height: H, grey } = r;
  const sums = new Uint32Array((W + 1) * (H + 1));
  for (let y = 0; y < H; y++) {
    let row = 0;
    for (let x = 0; x < W; x++) {
      row += grey[y * W + x];
      sums[(y + 1) * (W + 1) + x + 1] = sums[y * (W + 1) + x + 1] + row;
    }
  }
  return sums;
}

/**
 * Pixels clearly darker than their surroundings (ink), whatever the lighting: each pixel is compared with
 * the mean of a window about `radius` pixels across (a local threshold, after Sauvola and Bradley). Large
 * dark areas (a desk around a photographed page) are not ink: they are as dark as their surroundings.
 */
function inkMask(r: Raster, radius: number, contrast = 0.82): Uint8Array {
  const { width: W, height: H, grey } = r;
  const sums = integral(r);
  const mask = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(H, y + radius + 1);
    for (let x = 0; x < W; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(W, x + radius + 1);
      const area = (y1 - y0) * (x1 - x0);
      const sum =
        (sums[y1 * (W + 1) + x1] -
          sums[y0 * (W + 1) + x1] -
          sums[y1 * (W + 1) + x0] +
          sums[y0 * (W + 1) + x0]) >>>
        0;
      if (grey[y * W + x] < (sum / area) * contrast) mask[y * W + x] = 1;
    }
  }
  return mask;
}

/**
 * The angle (degrees, within ±maxDegrees) the text lines are turned by, clockwise as displayed, found by
 * the projection-profile method: ink counted along lines at each trial angle is most peaked (lines and
 * gaps) when the trial angle matches the text. Works on a copy about 100 dpi; 0 when there is too little
 * ink to tell.
 */
export function estimateSkew(r: Raster, dpi: number, maxDegrees = 5): number {
  const factor = Math.max(1, Math.round(dpi / 100));
  const small = factor > 1 ? resample(r, 1 / factor) : r;
  const mask = inkMask(small, 12);
  const xs: number[] = [];
  const ys: number[] = [];
  const { width: W, height: H } = small;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      if (mask[y * W + x]) {
        xs.push(x);
        ys.push(y);
      }
  if (xs.length < 200 || xs.length > W * H * 0.4) return 0;
  const diagonal = Math.ceil(Math.hypot(W, H));
  const bins = new Float64Array(diagonal * 2 + 2);
  const score = (degrees: number) => {
    const t = (degrees * Math.PI) / 180;
    const sin = Math.sin(t);
    const cos = Math.cos(t);
    bins.fill(0);
    // Row of each ink pixel once the picture is turned back by `degrees`.
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i] * cos - xs[i] * sin) + diagonal]++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let a = -maxDegrees; a <= maxDegrees + 1e-9; a += 0.25) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  const coarse = best;
  for (let a = coarse - 0.25; a <= coarse + 0.25 + 1e-9; a += 0.05) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  return Math.round(best * 100) / 100;
}

/**
 * The raster turned by `degrees` (anticlockwise as displayed, to undo a clockwise skew) about its centre,
 * same size, white where nothing was; and the map from its pixels back to the source's.
 */
export function rotate(source: Raster, degrees: number): { raster: Raster; sourceFromRotated: Affine } {
  const { width: W, height: H, grey } = source;
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = W / 2;
  const cy = H / 2;
  // Rotated pixel (x, y) shows source point R·(x − c) + c, with R turning clockwise on screen (y down)
  // by `degrees`, so the content turns anticlockwise.
  const sourceFromRotated: Affine = [cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy];
  const out = new Uint8Array(W * H).fill(255);
  for (let y = 0; y < H; y++) {
    const py = y + 0.5;
    for (let x = 0; x < W; x++) {
      const px = x + 0.5;
      const sx = cos * px - sin * py + sourceFromRotated[4] - 0.5;
      const sy = sin * px + cos * py + sourceFromRotated[5] - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= W || y0 + 1 >= H) continue;
      const wx = sx - x0;
      const wy = sy - y0;
      const i = y0 * W + x0;
      const top = grey[i] * (1 - wx) + grey[i + 1] * wx;
      const bottom = grey[i + W] * (1 - wx) + grey[i + W + 1] * wx;
      out[y * W + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return { raster: { width: W, height: H, grey: out }, sourceFromRotated };
}

/** Binary PGM (P5): a picture format the recogniser's image library reads without a codec. */
export function encodePgm(r: Raster): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${r.width} ${r.height}\n255\n`);
  const out = new Uint8Array(header.length + r.grey.length);
  out.set(header, 0);
  out.set(r.grey, header.length);
  return out;
}
