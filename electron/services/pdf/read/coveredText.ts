/**
 * Words a page holds that its own drawing hides. That is how a redaction goes wrong: a black (or white) box
 * drawn over the words in a PDF editor, a scan's recognised text left under the black bar drawn on its
 * picture, or words given a black highlight in a word processor (black on black). The page looks redacted,
 * and the words are still in the file: anyone can select, copy or search them. Collected by the content
 * reader (contentText.ts) as it reads a page: each run of text and everything painted (opaque filled
 * rectangles with their colour, and pictures, shadings and other shapes), in the order drawn, in the page's
 * default user space. A run is hidden when an opaque box painted after it covers it, or when it is drawn
 * in the colour of the box it is drawn on (the last thing painted under it).
 */

/** An axis-aligned box in default user space: [x0, y0, x1, y1], x0 ≤ x1, y0 ≤ y1. */
export type Box = [number, number, number, number];

/** The share of a run's box a later box must cover for the run to count as hidden. */
const COVERED_SHARE = 0.9;

/** Smallest run box, in square points, that counts (a dot or a stray space is no word). */
const MIN_RUN_AREA = 4;

/** Run and box pairs compared on a page at most (a page of many thousand boxes is not looked through). */
const MAX_PAIRS = 2_000_000;

/** A colour as red, green and blue, each 0-1 (device colours converted plainly). */
export type Rgb = [number, number, number];

/** How far apart two colours may be (in each of red, green and blue) and still look the same: 16 of 255 levels. */
const SAME_COLOUR = 16 / 255;

/** The share of a run's box something painted before it must overlap to be what the run is drawn on. */
const UNDER_SHARE = 0.1;

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

function area([x0, y0, x1, y1]: Box): number {
  return Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
}

function overlap(a: Box, b: Box): number {
  return area([Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]);
}

export class CoveredText {
  private order = 0;
  private readonly runs: { text: string; box: Box; order: number; colour: Rgb | null }[] = [];
  /** Opaque filled rectangles: they hide what was drawn before them. */
  private readonly boxes: { box: Box; order: number }[] = [];
  /** Everything painted, with its colour where it is a box of one colour: what later text is drawn on. */
  private readonly painted: { box: Box; order: number; colour: Rgb | null }[] = [];

  /**
   * A run of text shown, its glyphs' body in `box`; `colour`: its fill colour, when it is drawn by filling
   * the glyphs alone in a known colour (null: invisible, outlined, or a colour not known).
   */
  addRun(text: string, box: Box, colour: Rgb | null = null): void {
    if (area(box) >= MIN_RUN_AREA) this.runs.push({ text, box, order: this.order++, colour });
  }

  /** An opaque filled rectangle painted, in `colour` if known. */
  addBox(box: Box, colour: Rgb | null = null): void {
    if (area(box) <= 0) return;
    const order = this.order++;
    if (this.runs.length) this.boxes.push({ box, order });
    this.painted.push({ box, order, colour });
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
    if (!this.boxes.length && !this.painted.length) return [];
    let pairs = 0;
    const hidden = this.runs.map((run) => {
      const whole = area(run.box);
      const under = this.boxes.some(
        (b) =>
          ++pairs <= MAX_PAIRS && b.order > run.order && overlap(run.box, b.box) >= COVERED_SHARE * whole,
      );
      if (under || !run.colour) return under;
      // What the run is drawn on: the last thing painted before it under a fair share of it.
      let ground: (typeof this.painted)[number] | null = null;
      for (let i = this.painted.length - 1; i >= 0 && ++pairs <= MAX_PAIRS; i--) {
        const p = this.painted[i];
        if (p.order < run.order && overlap(run.box, p.box) >= UNDER_SHARE * whole) {
          ground = p;
          break;
        }
      }
      return (
        ground !== null &&
        ground.colour !== null &&
        overlap(run.box, ground.box) >= COVERED_SHARE * whole &&
        sameColour(ground.colour, run.colour)
      );
    });
    if (!hidden.includes(true)) return [];
    const shown = new Set(this.runs.filter((_, i) => !hidden[i]).flatMap((run) => words(run.text)));
    return this.runs
      .filter((run, i) => hidden[i] && words(run.text).some((word) => !shown.has(word)))
      .map((run) => run.text);
  }
}
