/**
 * Page boxes as a reader shows them, repaired where they are broken, and where a page goes on A4. Pure
 * functions over numbers (no pdf-lib objects), so every case is tested directly.
 *
 * What readers do with a broken box, and what the bundle does:
 * - a box that is not four finite numbers, or has no area, is ignored (pdf.js and poppler fall back to US
 *   Letter for the media box; a broken crop box means "the media box");
 * - an inverted box ([612 792 0 0]) is the same rectangle written the other way round;
 * - a crop box that misses the media box is ignored; one that overlaps it is cut to it;
 * - a box smaller than a quarter of an inch or larger than the PDF limit (14,400 units) cannot be a real
 *   page: it is treated as broken too, so the page's content shows instead of a dot or a speck. A page
 *   with /UserUnit (PDF 1.6: each unit that many points) is measured in points for the first;
 * - /Rotate that is not a multiple of 90 is 0 (as pdf.js); other values are brought into 0–270.
 */
import { A4 } from '../../../shared/bundle/indexLayout';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** What readers show for a page whose media box is unusable. */
export const US_LETTER: Box = { x0: 0, y0: 0, x1: 612, y1: 792 };
/** Smallest side a real page has, in points, and the largest side PDF allows, in units (200 inches unscaled). */
const MIN_SIDE = 18;
const MAX_SIDE = 14400;
/**
 * A page kept at its own size must still carry its number, legibly, in its bottom-right corner: one with a
 * side shorter than an inch (a cropped line of text, a label) has no room, so it goes on A4 whatever the
 * settings say.
 */
const MIN_KEPT_SIDE = 72;
/** Points either way still taken as A4 (as the checker: programs round A4 differently). */
const A4_TOLERANCE = 3;

const width = (box: Box) => box.x1 - box.x0;
const height = (box: Box) => box.y1 - box.y0;

/**
 * Four numbers as a box, corners sorted; null unless all are finite and the box is a plausible page of
 * units `unit` points long.
 */
export function boxFromNumbers(numbers: readonly unknown[] | null | undefined, unit = 1): Box | null {
  if (!numbers || numbers.length !== 4) return null;
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [a, b, c, d] = numbers as number[];
  const box = { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
  const w = width(box);
  const h = height(box);
  if (w * unit < MIN_SIDE || h * unit < MIN_SIDE) return null;
  if (w > MAX_SIDE || h > MAX_SIDE) return null;
  return box;
}

/** The area a reader shows: the crop box cut to the media box, each repaired as above, in units of `unit` points. */
export function visibleArea(media: Box | null, crop: Box | null, unit = 1): Box {
  const page = media ?? crop ?? scaleBox(US_LETTER, 1 / unit);
  if (!crop || !media) return page;
  const cut = {
    x0: Math.max(page.x0, crop.x0),
    y0: Math.max(page.y0, crop.y0),
    x1: Math.min(page.x1, crop.x1),
    y1: Math.min(page.y1, crop.y1),
  };
  return width(cut) * unit >= MIN_SIDE && height(cut) * unit >= MIN_SIDE ? cut : page;
}

function scaleBox(box: Box, by: number): Box {
  return { x0: box.x0 * by, y0: box.y0 * by, x1: box.x1 * by, y1: box.y1 * by };
}

export function normaliseRotation(value: unknown): 0 | 90 | 180 | 270 {
  if (typeof value !== 'number' || !Number.isFinite(value) || value % 90 !== 0) return 0;
  return (((value % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}

export interface PageSettingsForPlacement {
  normalisePages: boolean;
  landscapePages: 'keep' | 'rotate';
}

/** Where a source page goes in the bundle. */
export interface Placement {
  /** The new page's media box (its only box). */
  media: Box;
  /** Takes the source's coordinates (the visible area) to the new page's. */
  matrix: Matrix;
  rotate: 0 | 90 | 180 | 270;
  /** Whether the page was scaled or moved (annotations and link targets follow `matrix`). */
  moved: boolean;
}

function isA4(w: number, h: number): boolean {
  const short = Math.min(w, h);
  const long = Math.max(w, h);
  return Math.abs(short - A4[0]) <= A4_TOLERANCE && Math.abs(long - A4[1]) <= A4_TOLERANCE;
}

/**
 * A page whose visible area is `area` (in its own coordinates) and rotation `rotate`, placed for the
 * bundle. With normalisation, a page that is not A4 is scaled to fit A4 in its own orientation (a page
 * wider than tall goes on A4 landscape, so it still reads left to right), centred, nothing cut off. With
 * `landscapePages: 'rotate'`, a page that shows landscape is turned a quarter anticlockwise so it shows
 * portrait (its top towards the binding edge, as printed bundles do). A page too small to carry its number
 * (MIN_KEPT_SIDE), or larger in points than PDF allows, goes on A4 even without normalisation.
 */
export function placePage(area: Box, rotate: number, settings: PageSettingsForPlacement): Placement {
  let turn = normaliseRotation(rotate);
  const w = width(area);
  const h = height(area);
  const showsLandscape = turn % 180 === 0 ? w > h : h > w;
  if (settings.landscapePages === 'rotate' && showsLandscape) turn = ((turn + 270) % 360) as typeof turn;

  // A page over the PDF limit in points (one drawn in large units) could not be kept at its size either.
  const cannotKeep = Math.min(w, h) < MIN_KEPT_SIDE || Math.max(w, h) > MAX_SIDE;
  if ((!settings.normalisePages && !cannotKeep) || isA4(w, h)) {
    return { media: area, matrix: IDENTITY, rotate: turn, moved: false };
  }
  const [tw, th] = w > h ? [A4[1], A4[0]] : [A4[0], A4[1]];
  const scale = Math.min(tw / w, th / h);
  const e = (tw - w * scale) / 2 - area.x0 * scale;
  const f = (th - h * scale) / 2 - area.y0 * scale;
  return {
    media: { x0: 0, y0: 0, x1: tw, y1: th },
    matrix: [scale, 0, 0, scale, e, f],
    rotate: turn,
    moved: true,
  };
}

export function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The bounding box of `box` after the matrix. */
export function transformBox(m: Matrix, box: Box): Box {
  const corners = [
    applyMatrix(m, box.x0, box.y0),
    applyMatrix(m, box.x1, box.y0),
    applyMatrix(m, box.x0, box.y1),
    applyMatrix(m, box.x1, box.y1),
  ];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}
