/**
 * Words a page holds that its own drawing hides. That is how a redaction goes wrong: a black (or white) box
 * drawn over the words in a PDF editor, a scan's recognised text left under the black bar drawn on its
 * picture, or words given a black highlight in a word processor (black on black). The page looks redacted,
 * and the words are still in the file: anyone can select, copy or search them. Collected by the content
 * reader (contentText.ts) as it reads a page: each run of text and everything painted (opaque filled
 * rectangles with their colour, and pictures, shadings and other shapes), in the order drawn, in the page's
 * default user space. A run is hidden when an opaque box painted after it covers it, or when it is drawn
 * in the colour of the box it is drawn on (the last thing painted under it), or when opaque lines at least
 * 2 points wide painted after it (a pen scribbled over a name), with any boxes, cover it between them.
 * And a run out of view: outside the part of the page a reader shows (a page cropped to cut it off), outside
 * a clipping path or a form's box, or in a layer the file hides when it opens (optional content); and
 * invisible words (a scan's recognised text) over nothing painted, five or more on a page: the scan they
 * were read from was taken out in an editor, and they were not.
 */

import type { PdfReader } from './document';
import { isInteger, isName, PdfStream, type PdfValue } from './objects';

/** An axis-aligned box in default user space: [x0, y0, x1, y1], x0 ≤ x1, y0 ≤ y1. */
export type Box = [number, number, number, number];

/** The share of a run's box a later box must cover for the run to count as hidden. */
const COVERED_SHARE = 0.9;

/** Smallest run box, in square points, that counts (a dot or a stray space is no word). */
const MIN_RUN_AREA = 4;

/** Run and box pairs compared on a page at most (a page of many thousand boxes is not looked through). */
const MAX_PAIRS = 2_000_000;

/** Half a line's width, in points, below which a stroke is not kept: a line under 2 points wide hides no word. */
export const MIN_STROKE_HALF_WIDTH = 1;

/** Straight pieces of thick strokes kept on a page, at most (a page of many thick lines is not all looked through). */
export const MAX_STROKE_PIECES = 100_000;

/** Points of a run's box tested for being under what is painted after it: columns by rows, at their centres. */
const SAMPLE_COLUMNS = 12;
const SAMPLE_ROWS = 4;

/** A colour as red, green and blue, each 0-1 (device colours converted plainly). */
export type Rgb = [number, number, number];

/** How far apart two colours may be (in each of red, green and blue) and still look the same: 16 of 255 levels. */
const SAME_COLOUR = 16 / 255;

/** Invisible words (runs) over nothing painted a page must have for them to count (fewer are a producer's mark). */
const MIN_BARE_WORDS = 5;

/** The share of a run's box something painted before it must overlap to be what the run is drawn on. */
const UNDER_SHARE = 0.1;

/** Pictures of more pixels than this are not looked at for being one colour (a pasted box is small). */
const MAX_BOX_PICTURE_PIXELS = 1 << 20;

/** Pixels of pictures looked at on a page, in all (a page of many pictures over words is not all read). */
const MAX_PAGE_PICTURE_PIXELS = 1 << 22;

/**
 * The components of a colour space, given as a name or an array: 1 (grey), 3 (RGB) or 4 (CMYK), device or
 * calibrated or ICC; 0 for another kind (a pattern, a spot colour, an indexed one, Lab).
 */
export function colourComponents(reader: PdfReader, value: PdfValue | undefined): number {
  const space = reader.resolve(value);
  const family = Array.isArray(space) ? reader.resolve(space[0]) : space;
  if (isName(family, 'DeviceGray') || isName(family, 'G') || isName(family, 'CalGray')) return 1;
  if (isName(family, 'DeviceRGB') || isName(family, 'RGB') || isName(family, 'CalRGB')) return 3;
  if (isName(family, 'DeviceCMYK') || isName(family, 'CMYK')) return 4;
  if (isName(family, 'ICCBased') && Array.isArray(space)) {
    const profile = reader.resolve(space[1]);
    const n = profile instanceof PdfStream ? reader.resolve(profile.dict.get('N')) : null;
    return n === 1 || n === 3 || n === 4 ? n : 0;
  }
  return 0;
}

/** A colour given as `components` numbers (grey, RGB or CMYK, each 0-1), as RGB; null when it is not one. */
export function rgbOf(values: readonly unknown[], components: number): Rgb | null {
  if (values.length !== components || !values.every((v): v is number => typeof v === 'number')) return null;
  const v = values.map((n) => Math.min(1, Math.max(0, n)));
  if (components === 1) return [v[0], v[0], v[0]];
  if (components === 3) return [v[0], v[1], v[2]];
  if (components === 4) return [(1 - v[0]) * (1 - v[3]), (1 - v[1]) * (1 - v[3]), (1 - v[2]) * (1 - v[3])];
  return null;
}

/**
 * Whether a picture is a box: opaque and of one colour, so that painted over words it hides them as a box
 * does (a black picture pasted over a name). Its colour (null where it is not a device colour), or
 * undefined when it is not one, or cannot be told (a JPEG's pixels are not decoded here; a picture with a
 * mask may be see-through). `fill`: the colour a stencil mask paints in.
 */
export function pictureAsBox(
  reader: PdfReader,
  picture: PdfStream,
  fill: Rgb | null,
): Rgb | null | undefined {
  const get = (key: string) => reader.resolve(picture.dict.get(key));
  const width = get('Width');
  const height = get('Height');
  if (!isInteger(width) || !isInteger(height) || width < 1 || height < 1) return undefined;
  if (width * height > MAX_BOX_PICTURE_PIXELS) return undefined;
  if (get('SMask') !== undefined || get('Mask') !== undefined) return undefined;
  const stencil = get('ImageMask') === true;
  const components = stencil ? 1 : colourComponents(reader, get('ColorSpace'));
  const bits = stencil ? 1 : get('BitsPerComponent');
  if (!components || (bits !== 1 && bits !== 8)) return undefined;
  const decode = get('Decode');
  if (decode !== undefined && !stencil) return undefined;
  const rowBytes = Math.ceil((width * components * bits) / 8);
  let data: Uint8Array;
  try {
    // Room for a PNG predictor's byte a row, and a little over (decoders are asked no more than that).
    data = reader.streamData(picture, (rowBytes + 1) * height + 1024);
  } catch {
    return undefined;
  }
  if (data.length < rowBytes * height) return undefined;
  if (bits === 1) {
    // Each row's samples, its last byte's unused bits aside, are all 0 or all 1.
    const first = data[0] >> 7;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width * components; x++)
        if (((data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1) !== first) return undefined;
    if (!stencil) return rgbOf(Array(components).fill(first), components);
    // A stencil paints where its samples are 0 (1 with Decode [1 0]): all painted, or nothing drawn.
    const paints = Array.isArray(decode) && reader.resolve(decode[0]) === 1 ? 1 : 0;
    return first === paints ? fill : undefined;
  }
  for (let y = 0; y < height; y++)
    for (let i = 0; i < width * components; i++)
      if (data[y * rowBytes + i] !== data[i % components]) return undefined;
  return rgbOf(
    Array.from(data.subarray(0, components), (v) => v / 255),
    components,
  );
}

function sameColour(a: Rgb, b: Rgb): boolean {
  return (
    Math.abs(a[0] - b[0]) <= SAME_COLOUR &&
    Math.abs(a[1] - b[1]) <= SAME_COLOUR &&
    Math.abs(a[2] - b[2]) <= SAME_COLOUR
  );
}

export function boxAround(points: [number, number][]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * The box a closed run of straight lines draws when it is an upright rectangle (four corners, the first
 * perhaps given again at the end); null for any other shape.
 */
export function rectangleOf(points: [number, number][]): Box | null {
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.01;
  const corners = points.filter(
    (p, i) => i === 0 || !(near(p[0], points[i - 1][0]) && near(p[1], points[i - 1][1])),
  );
  if (corners.length === 5 && near(corners[4][0], corners[0][0]) && near(corners[4][1], corners[0][1]))
    corners.pop();
  if (corners.length !== 4) return null;
  const box = boxAround(corners);
  const onCorner = corners.every(
    ([x, y]) => (near(x, box[0]) || near(x, box[2])) && (near(y, box[1]) || near(y, box[3])),
  );
  // Each side along an axis: consecutive corners share an x or a y.
  const sides = corners.every((p, i) => {
    const q = corners[(i + 1) % 4];
    return near(p[0], q[0]) || near(p[1], q[1]);
  });
  return onCorner && sides ? box : null;
}

/** A run's words, for telling whether the page shows them elsewhere (letters and digits, any case). */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Where two boxes overlap; null when they do not. */
export function intersection(a: Box, b: Box): Box | null {
  const box: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return box[0] < box[2] && box[1] < box[3] ? box : null;
}

function area(box: Box): number {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}

/** The area where two boxes overlap (worked out in place: this runs for pairs of runs and boxes on every page). */
function overlap(a: Box, b: Box): number {
  const width = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  if (width <= 0) return 0;
  const height = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return height <= 0 ? 0 : width * height;
}

function inBox(box: Box, x: number, y: number): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

/** Whether (x, y) lies within `half` of one of the straight pieces (x0, y0, x1, y1 each). */
function nearAPiece(pieces: readonly number[], half: number, x: number, y: number): boolean {
  const reach = half * half;
  for (let i = 0; i < pieces.length; i += 4) {
    const [ax, ay, bx, by] = [pieces[i], pieces[i + 1], pieces[i + 2], pieces[i + 3]];
    const dx = bx - ax;
    const dy = by - ay;
    const length = dx * dx + dy * dy;
    const t = length > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / length)) : 0;
    const px = ax + t * dx - x;
    const py = ay + t * dy - y;
    if (px * px + py * py <= reach) return true;
  }
  return false;
}

/** The index of the first of `drawn` (kept in the order drawn) drawn after `order`; its length if none was. */
function firstAfter(drawn: readonly { order: number }[], order: number): number {
  let [low, high] = [0, drawn.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (drawn[middle].order < order) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class CoveredText {
  /**
   * `view`: the part of the page a reader shows (the crop box within the media box), in user space. Words
   * outside it are in the file (any program can copy them) but on no screen or printout: a page cropped in
   * a PDF editor to cut off a name keeps the name.
   */
  constructor(private readonly view: Box | null = null) {}

  private order = 0;
  /** Runs out of view: nine tenths of them outside the view or a clipping box, or in a hidden layer. */
  private outOfView = 0;
  /** Run and picture pairs compared by wouldHide so far. */
  private looked = 0;
  private readonly runs: {
    text: string;
    box: Box;
    order: number;
    colour: Rgb | null;
    outOfView: boolean;
    invisible: boolean;
  }[] = [];
  /** Runs drawn invisibly (mode 3: a scan's recognised text, over its picture). */
  private invisible = 0;
  /** Opaque filled rectangles: they hide what was drawn before them. */
  private readonly boxes: { box: Box; order: number }[] = [];
  /** Everything painted, with its colour where it is a box of one colour: what later text is drawn on. */
  private readonly painted: { box: Box; order: number; colour: Rgb | null }[] = [];
  /** Opaque lines at least 2 points wide (a pen's strokes scribbled over a name): their pieces, as x0, y0, x1, y1. */
  private readonly strokes: { pieces: number[]; half: number; box: Box; clip: Box | null; order: number }[] =
    [];
  private strokePieces = 0;

  /**
   * A run of text shown, its glyphs' body in `box`; `colour`: its fill colour, when it is drawn by filling
   * the glyphs alone in a known colour (null: invisible, outlined, or a colour not known). `where.clip`: a
   * box round where painting can show (the clipping paths' and forms' boxes), null where that is not
   * known; `where.inHiddenLayer`: drawn in a layer the file hides when it opens.
   */
  addRun(
    text: string,
    box: Box,
    colour: Rgb | null = null,
    where: { clip?: Box | null; inHiddenLayer?: boolean; invisible?: boolean } = {},
  ): void {
    const whole = area(box);
    if (whole < MIN_RUN_AREA) return;
    const outside = (shown: Box | null | undefined) =>
      !!shown && overlap(box, shown) <= (1 - COVERED_SHARE) * whole;
    const outOfView = !!where.inHiddenLayer || outside(this.view) || outside(where.clip);
    if (outOfView) this.outOfView++;
    if (where.invisible) this.invisible++;
    this.runs.push({ text, box, order: this.order++, colour, outOfView, invisible: !!where.invisible });
  }

  /** An opaque filled rectangle painted, in `colour` if known. */
  addBox(box: Box, colour: Rgb | null = null): void {
    if (area(box) <= 0) return;
    const order = this.order++;
    if (this.runs.length) this.boxes.push({ box, order });
    this.painted.push({ box, order, colour });
  }

  /**
   * An opaque stroke painted: its straight pieces (x0, y0, x1, y1 each, user space), half its width, and
   * where painting shows (null: anywhere). Kept only when wide enough to hide words and words came before.
   */
  addStroke(pieces: readonly number[], half: number, clip: Box | null): void {
    if (!this.runs.length || half < MIN_STROKE_HALF_WIDTH || pieces.length < 4) return;
    if (this.strokePieces + pieces.length / 4 > MAX_STROKE_PIECES) return;
    let box: Box = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < pieces.length; i += 2)
      box = [
        Math.min(box[0], pieces[i]),
        Math.min(box[1], pieces[i + 1]),
        Math.max(box[2], pieces[i]),
        Math.max(box[3], pieces[i + 1]),
      ];
    const around: Box = [box[0] - half, box[1] - half, box[2] + half, box[3] + half];
    const shown = clip ? intersection(around, clip) : around;
    if (!shown) return;
    this.strokePieces += pieces.length / 4;
    this.strokes.push({ pieces: [...pieces], half, box: shown, clip, order: this.order++ });
  }

  private pixelsRead = 0;
  private readonly pictures = new Map<PdfStream, Rgb | null | undefined>();

  /**
   * pictureAsBox for a picture painted on this page: each picture read once, and at most
   * MAX_PAGE_PICTURE_PIXELS in all (past them a picture counts as not of one colour).
   */
  pictureAsBox(reader: PdfReader, picture: PdfStream, fill: Rgb | null): Rgb | null | undefined {
    if (this.pictures.has(picture)) {
      const known = this.pictures.get(picture);
      // A stencil takes the colour it is painted in.
      return known !== undefined && reader.resolve(picture.dict.get('ImageMask')) === true ? fill : known;
    }
    const width = reader.resolve(picture.dict.get('Width'));
    const height = reader.resolve(picture.dict.get('Height'));
    const pixels = isInteger(width) && isInteger(height) ? width * height : Infinity;
    if (this.pixelsRead + pixels > MAX_PAGE_PICTURE_PIXELS) return undefined;
    this.pixelsRead += pixels;
    const colour = pictureAsBox(reader, picture, fill);
    this.pictures.set(picture, colour);
    return colour;
  }

  /** Whether a box painted at `box` would hide text shown so far (covering nine tenths of a run). */
  wouldHide(box: Box): boolean {
    // Bounded over the page as covered() is: a page of many pictures and words is not looked through.
    return this.runs.some(
      (run) => ++this.looked <= MAX_PAIRS && overlap(run.box, box) >= COVERED_SHARE * area(run.box),
    );
  }

  /** Something else painted where `box` is (a picture, a shading, a shape, a see-through box): no box of one colour. */
  addPainted(box: Box): void {
    if (area(box) > 0) this.painted.push({ box, order: this.order++, colour: null });
  }

  /**
   * The runs hidden, in the order shown: those a box painted after them covers, and those drawn in the
   * colour of the box they are drawn on; but not words the page also shows where they can be seen (a
   * designer's page drawn twice, its first copy painted over): hidden, and no secret.
   */
  covered(): string[] {
    if (
      !this.boxes.length &&
      !this.painted.length &&
      !this.strokes.length &&
      !this.outOfView &&
      !this.invisible
    )
      return [];
    // Pairs compared, over the whole page: past MAX_PAIRS the rest of the runs count as not hidden.
    let pairs = this.looked;
    const hiddenBy = (run: (typeof this.runs)[number]): boolean => {
      if (run.outOfView) return true;
      const whole = area(run.box);
      for (let i = firstAfter(this.boxes, run.order); i < this.boxes.length; i++) {
        if (++pairs > MAX_PAIRS) return false;
        if (overlap(run.box, this.boxes[i].box) >= COVERED_SHARE * whole) return true;
      }
      if (this.strokes.length && underStrokes(run)) return true;
      if (!run.colour) return false;
      // What the run is drawn on: the last thing painted before it under a fair share of it.
      for (let i = firstAfter(this.painted, run.order) - 1; i >= 0; i--) {
        if (++pairs > MAX_PAIRS) return false;
        const p = this.painted[i];
        if (overlap(run.box, p.box) >= UNDER_SHARE * whole)
          return (
            p.colour !== null &&
            overlap(run.box, p.box) >= COVERED_SHARE * whole &&
            sameColour(p.colour, run.colour)
          );
      }
      return false;
    };
    /**
     * Whether thick strokes painted after the run (with any boxes painted after it) cover nine tenths of it
     * together: a name scribbled out with a pen, stroke by stroke. Points spread over the run's box are
     * each tested for lying under one of them.
     */
    const underStrokes = (run: (typeof this.runs)[number]): boolean => {
      pairs += this.strokes.length + this.boxes.length;
      if (pairs > MAX_PAIRS) return false;
      const strokes = this.strokes.filter((k) => k.order > run.order && intersection(k.box, run.box));
      if (!strokes.length) return false;
      const boxes = this.boxes.filter((b) => b.order > run.order && intersection(b.box, run.box));
      const [x0, y0, x1, y1] = run.box;
      const samples = SAMPLE_COLUMNS * SAMPLE_ROWS;
      const allowedMisses = samples - Math.ceil(COVERED_SHARE * samples);
      let misses = 0;
      for (let row = 0; row < SAMPLE_ROWS; row++)
        for (let column = 0; column < SAMPLE_COLUMNS; column++) {
          const x = x0 + ((column + 0.5) / SAMPLE_COLUMNS) * (x1 - x0);
          const y = y0 + ((row + 0.5) / SAMPLE_ROWS) * (y1 - y0);
          pairs += boxes.length + strokes.length;
          if (pairs > MAX_PAIRS) return false;
          const covered =
            boxes.some((b) => inBox(b.box, x, y)) ||
            strokes.some((k) => {
              if (!inBox(k.box, x, y)) return false;
              pairs += k.pieces.length / 4;
              return nearAPiece(k.pieces, k.half, x, y);
            });
          if (!covered && ++misses > allowedMisses) return false;
        }
      return true;
    };
    /**
     * Invisible words (a scan's recognised text) over nothing painted, before or after them: the picture
     * they were read from is gone (taken out in an editor to hide what it showed), and the words are not.
     */
    const overNothing = (run: (typeof this.runs)[number]): boolean => {
      if (!run.invisible) return false;
      pairs += this.painted.length;
      const whole = area(run.box);
      return pairs <= MAX_PAIRS && !this.painted.some((p) => overlap(run.box, p.box) >= UNDER_SHARE * whole);
    };
    const hidden: boolean[] = [];
    const bare: number[] = [];
    for (const [i, run] of this.runs.entries()) {
      const covered = pairs <= MAX_PAIRS && hiddenBy(run);
      hidden.push(covered);
      if (!covered && this.invisible && overNothing(run)) bare.push(i);
    }
    // A line or two of them is a producer's mark (TCPDF writes an invisible "www.tcpdf.org" on its pages).
    if (bare.length >= MIN_BARE_WORDS) for (const i of bare) hidden[i] = true;
    if (!hidden.includes(true)) return [];
    const shown = new Set(this.runs.filter((_, i) => !hidden[i]).flatMap((run) => words(run.text)));
    return this.runs
      .filter((run, i) => hidden[i] && words(run.text).some((word) => !shown.has(word)))
      .map((run) => run.text);
  }
}
