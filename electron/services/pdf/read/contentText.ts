/**
 * Page text read straight from the page's content streams: the text operators interpreted (text state,
 * matrices, form XObjects) and each shown string's codes turned into text through its font's ToUnicode map
 * or encoding. Many times faster than pdf.js's text extraction, which also parses every font program, and
 * shaped like it (items with their position, length, size and direction on the page as displayed), so the
 * checker reads the same things from either. A page whose fonts cannot be read this way (no ToUnicode map
 * and no encoding that names the glyphs) is marked `uncertain`: pdf.js, which reads the font programs,
 * should read that page instead.
 */
import type { PdfReader } from './document';
import {
  annotationAppearances,
  apply,
  contentStreams,
  IDENTITY,
  multiply,
  forEachOperator,
  type Matrix,
} from './content';
import {
  boxAround,
  colourComponents,
  CoveredText,
  intersection,
  rectangleOf,
  MAX_STROKE_PIECES,
  MIN_STROKE_HALF_WIDTH,
  rgbOf,
  type Box,
  type Rgb,
} from './coveredText';
import { PdfFont } from './fonts';
import {
  isDict,
  isName,
  isNumber,
  isRef,
  PdfStream,
  PdfString,
  type PdfDict,
  type PdfValue,
} from './objects';
import { LayerVisibility } from './layers';
import { toDisplayed, type PdfPage } from './pages';
import type { PageText, TextItem } from '../pdfjs';
import { collapseWhiteSpace } from '../../../../shared/text/whiteSpace';

interface ContentText extends PageText {
  /** Some text on the page could not be read without the font programs: ask pdf.js. */
  uncertain: boolean;
  /** Read with `covered`: the runs of text an opaque box painted afterwards hides (coveredText.ts). */
  covered?: string[];
}

/** How the page paints fills, as far as hiding what is under them goes (any colour hides it). */
interface Paint {
  /** Fills cover what is under them: full opacity, normal blending, no soft mask. */
  opaque: boolean;
  /** Where painting shows, in user space (the clipping paths' and forms' boxes, each taken whole); null: anywhere. */
  clip: Box | null;
  /**
   * Glyphs were drawn as a clipping path (Tr 4-7): `clip` is then taken as nothing (what is painted after
   * shows only through them), which is less than shows, so it does not say that text falls outside it.
   */
  clippedByGlyphs: boolean;
  /** Drawn in a layer the file hides when it opens (a form or marked content with /OC): paints nothing. */
  inHiddenLayer: boolean;
  /** The fill colour, where it is a device colour (or an ICC one of 1, 3 or 4 components); null: not known. */
  fill: Rgb | null;
  /** The fill colour space's components: 1 (grey), 3 (RGB), 4 (CMYK); 0: another kind (a pattern, a spot colour). */
  fillComponents: number;
  /** Strokes cover what is under them: full stroking opacity (CA), normal blending, no soft mask. */
  strokeOpaque: boolean;
  /** The line width (w, LW), in the user space it is set in. */
  lineWidth: number;
  /** Lines are dashed (d): gaps show what is under them. */
  dashed: boolean;
}

const BLACK: Rgb = [0, 0, 0];

/** The graphics state's paint at the start of a page (ISO 32000-2, 8.4.1). */
const START_PAINT: Paint = {
  opaque: true,
  clip: null,
  clippedByGlyphs: false,
  inHiddenLayer: false,
  fill: BLACK,
  fillComponents: 1,
  strokeOpaque: true,
  lineWidth: 1,
  dashed: false,
};

/** Straight pieces a curve of a stroked path is taken as (what it covers, not how it looks). */
const CURVE_PIECES = 8;

/** Whether a dash array (d, D) leaves gaps: any dash or gap of some length. */
function dashed(array: unknown): boolean {
  return Array.isArray(array) && array.some((n) => typeof n === 'number' && n > 0);
}

/** The point at `t` along a cubic Bézier curve. */
function bezierAt(
  p0: [number, number],
  p1: [number, number],
  p2: [number, number],
  p3: [number, number],
  t: number,
): [number, number] {
  const u = 1 - t;
  const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]];
}

/** Where a picture is painted: the unit square under the matrix, in user space. */
function pictureBox(ctm: Matrix): Box {
  return boxAround([apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)]);
}

interface TextState {
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  rise: number;
  font: PdfFont | null;
  size: number;
  /** Text rendering mode (Tr): 4-7 add the glyphs to the clipping path. */
  mode: number;
}

interface State {
  ctm: Matrix;
  text: TextState;
  paint: Paint;
}

/** An item being built: runs of text that continue one another on one line. */
interface Building {
  text: string;
  /**
   * Whether `text` ends with a space: kept, not asked of the text, which is built a run at a time (asking
   * copied the whole of it every time: a line of 80,000 runs took 7 s to read).
   */
  endsWithSpace: boolean;
  /** Displayed origin of the item, and end of its last run. */
  x: number;
  y: number;
  endX: number;
  endY: number;
  height: number;
  dir: number;
  font: PdfFont | null;
  size: number;
}

const MAX_FORM_DEPTH = 8;
/**
 * Operators read on one page, forms included, before the page is left to pdf.js (`uncertain`): a page's
 * own content has thousands, a drawing hundreds of thousands; a file of forms drawing forms ten times over
 * (a few kB) would otherwise have us read ten million.
 */
const MAX_OPERATIONS = 2_000_000;
/** Forms read on one page (each costs far more than an operator): a page's own rarely need a thousand. */
const MAX_FORMS = 20_000;

/**
 * When a run continues the item before it, as pdf.js decides (in units of the font size): a gap up to
 * TOUCH joins directly, up to SPACE with a space between, anything wider (or going back more than BACK,
 * or off the line) starts a new item.
 */
const TOUCH = 0.102;
const SPACE = 0.6;
const BACK = -0.2;
/** Moved across the line by more than this (in heights, a superscript for one): a new item. */
const SHIFT = 0.25;

/** More codes than this share (or two) without known text, and the page is read by pdf.js instead. */
const UNKNOWN_SHARE = 0.01;

/** Ligatures as pdf.js gives them: separate letters. */
const LIGATURES = /[\ufb00-\ufb06]/g;

function nonSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32) return true;
  return false;
}

export class ContentTextReader {
  private readonly fonts = new Map<string, PdfFont | null>();
  /** Forms (by reference) that showed no text, wherever they are drawn: not read again (pdf.js does the same). */
  private readonly textlessForms = new Set<string>();

  constructor(private readonly reader: PdfReader) {}

  /** Which layers the file hides when it opens (read when first needed). */
  private layers: LayerVisibility | null = null;

  /** Whether content marked with `value` (an /OC entry) is in a layer the file hides when it opens. */
  private inHiddenLayer(value: PdfValue | undefined): boolean {
    if (value === undefined) return false;
    try {
      this.layers ??= new LayerVisibility(this.reader);
      return this.layers.hides(value);
    } catch {
      // Settings that cannot be read: every layer shows, as a reader would show them.
      this.layers ??= new LayerVisibility(this.reader, new Set());
      return false;
    }
  }

  private font(value: PdfValue | undefined): PdfFont | null {
    const key = isRef(value) ? value.key : null;
    if (key && this.fonts.has(key)) return this.fonts.get(key)!;
    const dict = this.reader.resolve(value);
    let font: PdfFont | null = null;
    if (isDict(dict)) {
      try {
        font = PdfFont.read(this.reader, dict);
      } catch {
        font = null;
      }
    }
    if (key) this.fonts.set(key, font);
    return font;
  }

  /**
   * The page's text. Throws only for a page whose content cannot be read at all. With `until`, reading
   * stops at the first item it accepts (the items up to it, and `uncertain` as far as the page was read).
   */
  /**
   * Where an annotation's appearance is drawn on the page (ISO 32000-2 12.5.5: its box, turned by its
   * matrix, fitted to the annotation's rectangle), and whether it paints opaquely; null for one not shown
   * (hidden, not for viewing, a link or a pop-up note) or not placed.
   */
  private appearancePlacement(
    annot: PdfDict,
    appearance: PdfStream,
  ): { ctm: Matrix; rect: Box; opaque: boolean } | null {
    const reader = this.reader;
    const subtype = reader.get(annot, 'Subtype');
    if (isName(subtype, 'Link') || isName(subtype, 'Popup')) return null;
    const flags = reader.get(annot, 'F');
    if (isNumber(flags) && (flags & (2 | 32)) !== 0) return null;
    const numbers = (value: PdfValue | undefined, count: number): number[] | null => {
      const v = reader.resolve(value);
      if (!Array.isArray(v) || v.length !== count) return null;
      const n = v.map((x) => reader.resolve(x));
      return n.every(isNumber) ? n : null;
    };
    const r = numbers(annot.get('Rect'), 4);
    const b = numbers(appearance.dict.get('BBox'), 4);
    if (!r || !b) return null;
    const matrix = (numbers(appearance.dict.get('Matrix'), 6) as Matrix | null) ?? IDENTITY;
    const rect = boxAround([
      [r[0], r[1]],
      [r[2], r[3]],
    ]);
    const turned = boxAround([
      apply(matrix, b[0], b[1]),
      apply(matrix, b[2], b[1]),
      apply(matrix, b[0], b[3]),
      apply(matrix, b[2], b[3]),
    ]);
    const tw = turned[2] - turned[0];
    const th = turned[3] - turned[1];
    if (!(tw > 0 && th > 0) || rect[2] <= rect[0] || rect[3] <= rect[1]) return null;
    const sx = (rect[2] - rect[0]) / tw;
    const sy = (rect[3] - rect[1]) / th;
    const fit: Matrix = [sx, 0, 0, sy, rect[0] - turned[0] * sx, rect[1] - turned[1] * sy];
    const alpha = [reader.get(annot, 'CA'), reader.get(annot, 'ca')].filter(isNumber);
    return { ctm: multiply(matrix, fit), rect, opaque: alpha.every((a) => a >= 0.95) };
  }

  read(page: PdfPage, options: { until?: (item: TextItem) => boolean; covered?: boolean } = {}): ContentText {
    const items: TextItem[] = [];
    const covering = options.covered ? new CoveredText(page.view) : null;
    let uncertain = false;
    let stopped = false;
    let operations = 0;
    let forms = 0;
    /** Text-showing operators read, and forms not read for being too deep: what says a form shows no text. */
    let shows = 0;
    let cutOff = 0;
    // Codes whose text is not known, of all shown: a stray ligature is no matter, a font of them is.
    let glyphs = 0;
    let unknown = 0;
    let building: Building | null = null;
    /** Marked content open (in the content being read) that is in a layer the file hides (with `covered`). */
    let hiddenMarks = 0;
    const flush = () => {
      if (building && !stopped && nonSpace(building.text)) {
        const b = building;
        const along = b.dir === 0 || b.dir === 180 ? Math.abs(b.endX - b.x) : Math.abs(b.endY - b.y);
        const item: TextItem = {
          text: collapseWhiteSpace(b.text),
          x: b.x,
          y: b.y,
          width: along,
          height: b.height,
          ...(b.dir ? { dir: b.dir } : {}),
        };
        items.push(item);
        if (options.until?.(item)) stopped = true;
      }
      building = null;
    };

    const [vx0, vy0, vx1, vy1] = page.view;
    /** Text shown in the current text object as a clipping path (Tr 4-7). */
    let clippedByText = false;
    /** Reading annotations' appearances for what they paint over the page (with `covered`): no text taken. */
    let paintOnly = false;
    /**
     * With `covered`: the glyphs' body of `text`, from `from` to `to` along the line that starts at `tm`
     * (text space, scaled): from a little under the baseline to about the height of a small letter. A word at
     * a time, so that a box over one word of a line (a name) is seen to cover it.
     */
    const coverSpan = (state: State, tm: Matrix, text: string, from: number, to: number) => {
      if (!covering || state.text.mode >= 4) return;
      // Only glyphs filled and nothing more (mode 0) are in one colour that can match what is behind them.
      const { rise, size } = state.text;
      const [low, high] = [rise - 0.1 * size, rise + 0.6 * size];
      // The four corners' box, worked out in place (this runs for every word on the page).
      const [a, b, c, d, e, f] = multiply(tm, state.ctm);
      // Each corner's x and y is the sum of a part from `from` or `to` and a part from `low` or `high`: the
      // box's ends are the smaller and larger of each part, added.
      const [xFrom, xTo, xLow, xHigh] = [a * from, a * to, c * low, c * high];
      const [yFrom, yTo, yLow, yHigh] = [b * from, b * to, d * low, d * high];
      covering.addRun(
        text,
        [
          Math.min(xFrom, xTo) + Math.min(xLow, xHigh) + e,
          Math.min(yFrom, yTo) + Math.min(yLow, yHigh) + f,
          Math.max(xFrom, xTo) + Math.max(xLow, xHigh) + e,
          Math.max(yFrom, yTo) + Math.max(yLow, yHigh) + f,
        ],
        state.text.mode === 0 ? state.paint.fill : null,
        {
          clip: state.paint.clippedByGlyphs ? null : state.paint.clip,
          inHiddenLayer: state.paint.inHiddenLayer || hiddenMarks > 0,
          invisible: state.text.mode === 3,
        },
      );
    };
    const run = (state: State, tm: Matrix, shown: string, advance: number) => {
      const m = multiply(tm, state.ctm);
      const [ux, uy] = apply(m, 0, state.text.rise);
      const [ex0, ey0] = apply(m, advance, state.text.rise);
      // Text outside the page as displayed is not text a reader sees (pdf.js leaves it out too).
      if (Math.max(ux, ex0) < vx0 || Math.min(ux, ex0) > vx1 || uy < vy0 || uy > vy1) return;
      if (covering && state.text.mode >= 4) clippedByText = true;
      const [x, y] = toDisplayed(page, ux, uy);
      const [ex, ey] = toDisplayed(page, ex0, ey0);
      // Direction on the displayed page, to the nearest quarter turn (0 upright, 90 running up...).
      const [bx, by] = toDisplayed(page, ux + m[0], uy + m[1]);
      const turns = Math.round(Math.atan2(by - y, bx - x) / (Math.PI / 2));
      const dir = (((turns % 4) + 4) % 4) * 90;
      const height = Math.hypot(m[2], m[3]) * state.text.size;
      const text = shown.replace(LIGATURES, (c) => c.normalize('NFKC'));
      const b = building;
      if (b && b.dir === dir && b.font === state.text.font && b.size === state.text.size && height > 0) {
        const [cx, cy] = dir === 0 ? [1, 0] : dir === 90 ? [0, 1] : dir === 180 ? [-1, 0] : [0, -1];
        const gap = ((x - b.endX) * cx + (y - b.endY) * cy) / height;
        const across = Math.abs((x - b.endX) * -cy + (y - b.endY) * cx) / height;
        if (across <= SHIFT && gap >= BACK && gap <= SPACE) {
          const space = gap > TOUCH && !b.endsWithSpace && !text.startsWith(' ');
          b.text += (space ? ' ' : '') + text;
          b.endsWithSpace = text.length > 0 ? text.endsWith(' ') : b.endsWithSpace || space;
          b.endX = ex;
          b.endY = ey;
          return;
        }
      }
      flush();
      if (!nonSpace(text)) return;
      building = {
        text,
        endsWithSpace: text.endsWith(' '),
        x,
        y,
        endX: ex,
        endY: ey,
        height,
        dir,
        font: state.text.font,
        size: state.text.size,
      };
    };

    const interpret = (data: Uint8Array, resources: PdfDict | null, start: State, depth: number) => {
      let state: State = { ctm: start.ctm, text: { ...start.text }, paint: { ...start.paint } };
      // Marked content is the content's own: a form's begins and ends in the form.
      const outerMarks = hiddenMarks;
      hiddenMarks = 0;
      /** Whether painting now shows (not in a layer the file hides). */
      const paints = () => !state.paint.inHiddenLayer && hiddenMarks === 0;
      const stack: State[] = [];
      // The path being built (with `covered`): its rectangles in user space, and whether it is more than them.
      let rectangles: Box[] = [];
      let otherPath = false;
      /** The subpath being drawn with lines (m, l), in user space: a box drawn as four lines is a box too. */
      let lines: [number, number][] = [];
      const endLines = () => {
        if (lines.length > 1) {
          const box = rectangleOf(lines);
          if (box) rectangles.push(box);
          else otherPath = true;
        }
        lines = [];
      };
      /** The path's straight pieces in user space (x0, y0, x1, y1 each; curves in pieces), for a stroke. */
      let pieces: number[] = [];
      let current: [number, number] | null = null;
      let subpathStart: [number, number] | null = null;
      const lineTo = (point: [number, number]) => {
        // A path of more pieces than a page keeps is not kept (a hostile path of millions of curves).
        if (current && pieces.length < MAX_STROKE_PIECES * 4)
          pieces.push(current[0], current[1], point[0], point[1]);
        current = point;
      };
      const closeSubpath = () => {
        if (subpathStart) lineTo(subpathStart);
      };
      /** Half the line width in user space. */
      const halfLineWidth = () => {
        const { ctm } = state;
        return (state.paint.lineWidth * Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]))) / 2;
      };
      /**
       * Whether a stroke now could hide words (opaque, solid, thick): only then are the path's pieces kept
       * (the line width cannot change while a path is built).
       */
      const thickLines = () =>
        covering !== null &&
        state.paint.strokeOpaque &&
        !state.paint.dashed &&
        halfLineWidth() >= MIN_STROKE_HALF_WIDTH;
      /** A stroke of the path as it stands: what it covers (coveredText.ts). */
      const stroke = () => {
        if (covering && pieces.length && paints())
          covering.addStroke(pieces, halfLineWidth(), state.paint.clip);
      };
      /** The path's points so far (for a clipping path's box), and whether it clips (W, W*). */
      let pathBox: Box | null = null;
      let clipping = false;
      const extendPath = (point: [number, number]) => {
        pathBox = pathBox
          ? boxAround([[pathBox[0], pathBox[1]], [pathBox[2], pathBox[3]], point])
          : boxAround([point]);
      };
      const endPath = (filled: boolean) => {
        endLines();
        const { clip } = state.paint;
        if (filled && covering && paints() && state.paint.opaque && !otherPath)
          for (const box of rectangles) {
            const shown = clip ? intersection(box, clip) : box;
            if (shown) covering.addBox(shown, state.paint.fill);
          }
        else if (filled && covering && pathBox) painted(pathBox);
        // A clipping path applies after the path is painted (or not, with n).
        if (clipping && covering) {
          const bounds = pathBox ?? [0, 0, 0, 0];
          state.paint = {
            ...state.paint,
            clip: (clip ? intersection(bounds, clip) : bounds) ?? [0, 0, 0, 0],
          };
        }
        rectangles = [];
        otherPath = false;
        pathBox = null;
        clipping = false;
        pieces = [];
        current = null;
        subpathStart = null;
      };
      /** Something painted in `box` (user space) that is not a box of one colour: what text may be drawn on. */
      const painted = (box: Box) => {
        if (!paints()) return;
        const { clip } = state.paint;
        const shown = clip ? intersection(box, clip) : box;
        if (shown) covering?.addPainted(shown);
      };
      /** The components of a fill colour space named `name` (cs): 1, 3 or 4, or 0 for another kind. */
      const componentsOf = (name: PdfValue | undefined): number => {
        if (!isName(name)) return 0;
        const device = colourComponents(this.reader, name);
        return (
          device ||
          colourComponents(this.reader, this.reader.getDict(resources, 'ColorSpace')?.get(name.name))
        );
      };
      const setFill = (fill: Rgb | null, fillComponents = state.paint.fillComponents) => {
        const now = state.paint.fill;
        const same = fill === now || (fill !== null && now !== null && fill.every((v, i) => v === now[i]));
        // The paint state is shared with saved states (q): a new one only for a new colour.
        if (same && fillComponents === state.paint.fillComponents) return;
        state.paint = { ...state.paint, fill, fillComponents };
      };
      const setGraphicsState = (name: PdfValue | undefined) => {
        if (!isName(name)) return;
        const gs = this.reader.resolve(this.reader.getDict(resources, 'ExtGState')?.get(name.name));
        if (!isDict(gs)) return;
        const alpha = this.reader.resolve(gs.get('ca'));
        const blend = this.reader.resolve(gs.get('BM'));
        const mask = this.reader.resolve(gs.get('SMask'));
        const normal =
          blend === undefined ||
          isName(blend, 'Normal') ||
          isName(blend, 'Compatible') ||
          (Array.isArray(blend) && blend.length > 0 && isName(this.reader.resolve(blend[0]), 'Normal'));
        const strokeAlpha = this.reader.resolve(gs.get('CA'));
        const lineWidth = this.reader.resolve(gs.get('LW'));
        const dash = this.reader.resolve(gs.get('D'));
        const unmasked = mask === undefined || isName(mask, 'None');
        let { opaque, strokeOpaque } = state.paint;
        if (isNumber(alpha) || blend !== undefined || mask !== undefined)
          opaque = (!isNumber(alpha) || alpha >= 0.95) && normal && unmasked;
        if (isNumber(strokeAlpha) || blend !== undefined || mask !== undefined)
          strokeOpaque = (!isNumber(strokeAlpha) || strokeAlpha >= 0.95) && normal && unmasked;
        state.paint = {
          ...state.paint,
          opaque,
          strokeOpaque,
          ...(isNumber(lineWidth) ? { lineWidth } : {}),
          ...(Array.isArray(dash) ? { dashed: dashed(this.reader.resolve(dash[0])) } : {}),
        };
      };
      let tm: Matrix = IDENTITY;
      let lm: Matrix = IDENTITY;
      const fonts = this.reader.getDict(resources, 'Font');
      const xobjects = this.reader.getDict(resources, 'XObject');
      // Marked content open here, each with whether it began the span of replacement text (/ActualText)
      // being read: the characters the span's glyphs are (a word whose glyphs shaping reordered or split),
      // given where its first glyph is, in place of what the glyphs read as.
      // And whether it is content of a layer the file hides when it opens (/OC).
      const marks: { actual: boolean; hides: boolean }[] = [];
      let actual: { text: string; given: boolean } | null = null;
      const beginMarked = (tag: PdfValue | undefined, properties: PdfValue | undefined) => {
        const named = isName(properties)
          ? this.reader.getDict(resources, 'Properties')?.get(properties.name)
          : properties;
        const dict = this.reader.resolve(named);
        const text = !actual && isDict(dict) ? this.reader.resolve(dict.get('ActualText')) : undefined;
        const hides = covering !== null && isName(tag, 'OC') && this.inHiddenLayer(named);
        marks.push({ actual: text instanceof PdfString, hides });
        if (hides) hiddenMarks++;
        if (text instanceof PdfString) actual = { text: text.text, given: false };
      };
      const endMarked = () => {
        const mark = marks.pop();
        if (mark?.actual) actual = null;
        if (mark?.hides) hiddenMarks--;
      };
      const showActual = (
        bytes: Uint8Array,
        font: PdfFont,
        replacement: { text: string; given: boolean },
      ) => {
        const t = state.text;
        const unit = t.size * t.scale;
        const codes = font.codeLength === 0 ? font.codes(bytes) : null;
        const count = codes ? codes.length : Math.floor(bytes.length / font.codeLength);
        let advance = 0;
        for (let i = 0; i < count; i++) {
          const code = codes
            ? codes[i]
            : font.codeLength === 1
              ? bytes[i]
              : (bytes[2 * i] << 8) | bytes[2 * i + 1];
          advance +=
            font.width(code) * unit +
            t.charSpacing * t.scale +
            (!font.type0 && code === 32 ? t.wordSpacing * t.scale : 0);
        }
        if (!replacement.given) {
          replacement.given = true;
          run(state, tm, replacement.text, advance);
          coverSpan(state, tm, replacement.text, 0, advance);
        }
        tm = multiply([1, 0, 0, 1, advance, 0], tm);
      };
      const show = (bytes: Uint8Array) => {
        if (paintOnly) return;
        shows++;
        const t = state.text;
        const font = t.font;
        if (!font) {
          uncertain = true;
          return;
        }
        if (actual) {
          showActual(bytes, font, actual);
          return;
        }
        // The string's words, as runs. White space moves the pen but is not text: a gap of more than
        // SPACE between two words (spaces, word spacing) ends a run there, as pdf.js ends an item.
        const unit = t.size * t.scale;
        const charSpacing = t.charSpacing * t.scale;
        const wordSpacing = t.wordSpacing * t.scale;
        const oneByte = !font.type0;
        const length = font.codeLength;
        const codes = length === 0 ? font.codes(bytes) : null;
        const count = codes ? codes.length : Math.floor(bytes.length / length);
        let advance = 0;
        // The run being read: its glyphs so far, where it starts on the line, and its text and end after its
        // last glyph that is not white space. Each run's and word's text is built on its own (slicing one
        // string of the whole show at every word copied it whole each time).
        let inRun = false;
        let runText = '';
        let start = 0;
        let inkEnd = 0;
        let inkLength = 0;
        let sawSpace = false;
        // With `covered`: the word being read (its text, where it starts on the line, and its end).
        let inWord = false;
        let wordText = '';
        let wordStart = 0;
        let wordEnd = 0;
        const endWord = () => {
          if (inWord) coverSpan(state, tm, wordText, wordStart, wordEnd);
          inWord = false;
        };
        for (let i = 0; i < count; i++) {
          const code = codes ? codes[i] : length === 1 ? bytes[i] : (bytes[2 * i] << 8) | bytes[2 * i + 1];
          let glyph = font.text(code);
          glyphs++;
          if (glyph === null) {
            unknown++;
            glyph = '\ufffd';
          }
          const w = font.width(code) * unit;
          const space = glyph.length === 1 ? glyph.charCodeAt(0) <= 32 : !nonSpace(glyph);
          if (covering) {
            if (space) endWord();
            else if (inWord) wordText += glyph;
            else {
              inWord = true;
              wordText = glyph;
              wordStart = advance;
            }
          }
          if (space) sawSpace = true;
          else {
            if (inRun && sawSpace && advance - inkEnd > SPACE * unit) {
              run(state, multiply([1, 0, 0, 1, start, 0], tm), runText.slice(0, inkLength), inkEnd - start);
              inRun = false;
            }
            if (!inRun) {
              inRun = true;
              runText = '';
              start = advance;
            }
            sawSpace = false;
          }
          if (inRun) runText += glyph;
          if (!space) {
            inkEnd = advance + w;
            inkLength = runText.length;
            wordEnd = inkEnd;
          }
          advance += w + charSpacing + (oneByte && code === 32 ? wordSpacing : 0);
        }
        if (covering) endWord();
        if (inRun)
          run(state, multiply([1, 0, 0, 1, start, 0], tm), runText.slice(0, inkLength), inkEnd - start);
        tm = multiply([1, 0, 0, 1, advance, 0], tm);
      };
      const nextLine = () => {
        tm = lm = multiply([1, 0, 0, 1, 0, -state.text.leading], lm);
      };
      forEachOperator(data, (op, o) => {
        if (++operations > MAX_OPERATIONS) {
          uncertain = true;
          stopped = true;
        }
        if (stopped) return true;
        switch (op) {
          case 'q':
            stack.push({ ctm: state.ctm, text: { ...state.text }, paint: state.paint });
            break;
          case 'Q':
            if (stack.length) state = stack.pop()!;
            break;
          case 'cm':
            if (o.length === 6 && o.every(isNumber)) state.ctm = multiply(o as Matrix, state.ctm);
            break;
          case 'BT':
            tm = lm = IDENTITY;
            break;
          case 'ET':
            // Glyphs drawn as a clipping path: what is painted next shows only through them.
            if (clippedByText) state.paint = { ...state.paint, clip: [0, 0, 0, 0], clippedByGlyphs: true };
            clippedByText = false;
            break;
          case 'Tr':
            if (isNumber(o[0])) state.text.mode = o[0];
            break;
          case 'Tc':
            if (isNumber(o[0])) state.text.charSpacing = o[0];
            break;
          case 'Tw':
            if (isNumber(o[0])) state.text.wordSpacing = o[0];
            break;
          case 'Tz':
            if (isNumber(o[0])) state.text.scale = o[0] / 100;
            break;
          case 'TL':
            if (isNumber(o[0])) state.text.leading = o[0];
            break;
          case 'Ts':
            if (isNumber(o[0])) state.text.rise = o[0];
            break;
          case 'Tf':
            if (isName(o[0])) state.text.font = this.font(fonts?.get(o[0].name));
            if (isNumber(o[1])) state.text.size = o[1];
            break;
          case 'Td':
          case 'TD':
            if (isNumber(o[0]) && isNumber(o[1])) {
              if (op === 'TD') state.text.leading = -o[1];
              tm = lm = multiply([1, 0, 0, 1, o[0], o[1]], lm);
            }
            break;
          case 'Tm':
            if (o.length === 6 && o.every(isNumber)) tm = lm = (o as Matrix).slice() as Matrix;
            break;
          case 'T*':
            nextLine();
            break;
          case 'Tj':
            if (o[0] instanceof PdfString) show(o[0].bytes);
            break;
          case "'":
            nextLine();
            if (o[0] instanceof PdfString) show(o[0].bytes);
            break;
          case '"':
            if (isNumber(o[0])) state.text.wordSpacing = o[0];
            if (isNumber(o[1])) state.text.charSpacing = o[1];
            nextLine();
            if (o[2] instanceof PdfString) show(o[2].bytes);
            break;
          case 'TJ':
            if (Array.isArray(o[0]))
              for (const part of o[0]) {
                if (part instanceof PdfString) show(part.bytes);
                else if (isNumber(part))
                  tm = multiply([1, 0, 0, 1, (-part / 1000) * state.text.size * state.text.scale, 0], tm);
              }
            break;
          case 're':
            endLines();
            if (covering && o.length === 4 && o.every(isNumber)) {
              const [x, y, w, h] = o;
              const box = boxAround([
                apply(state.ctm, x, y),
                apply(state.ctm, x + w, y),
                apply(state.ctm, x, y + h),
                apply(state.ctm, x + w, y + h),
              ]);
              rectangles.push(box);
              extendPath([box[0], box[1]]);
              extendPath([box[2], box[3]]);
              if (thickLines()) {
                current = subpathStart = apply(state.ctm, x, y);
                lineTo(apply(state.ctm, x + w, y));
                lineTo(apply(state.ctm, x + w, y + h));
                lineTo(apply(state.ctm, x, y + h));
                closeSubpath();
              }
              // A rectangle turned by the matrix other than by quarter turns is no longer one in user space.
              const [a, b, c, d] = state.ctm;
              if (!((b === 0 && c === 0) || (a === 0 && d === 0))) otherPath = true;
            }
            break;
          case 'm':
          case 'l':
            if (covering && isNumber(o[0]) && isNumber(o[1])) {
              if (op === 'm') endLines();
              const point = apply(state.ctm, o[0], o[1]);
              lines.push(point);
              extendPath(point);
              if (op === 'm') current = subpathStart = point;
              else if (thickLines()) lineTo(point);
            } else otherPath = true;
            break;
          case 'h':
            endLines();
            if (thickLines()) closeSubpath();
            break;
          case 'c':
          case 'v':
          case 'y':
            otherPath = true;
            if (covering) {
              for (let i = 0; i + 1 < o.length; i += 2)
                if (isNumber(o[i]) && isNumber(o[i + 1]))
                  extendPath(apply(state.ctm, o[i] as number, o[i + 1] as number));
              const points = o.every(isNumber) ? o : [];
              const room = pieces.length < MAX_STROKE_PIECES * 4;
              if (current && room && points.length === (op === 'c' ? 6 : 4) && thickLines()) {
                const from: [number, number] = current;
                const end = apply(state.ctm, points[points.length - 2], points[points.length - 1]);
                const first = op === 'v' ? from : apply(state.ctm, points[0], points[1]);
                const second =
                  op === 'c'
                    ? apply(state.ctm, points[2], points[3])
                    : op === 'v'
                      ? apply(state.ctm, points[0], points[1])
                      : end;
                for (let i = 1; i <= CURVE_PIECES; i++)
                  lineTo(bezierAt(from, first, second, end, i / CURVE_PIECES));
              }
            }
            break;
          case 'W':
          case 'W*':
            clipping = true;
            break;
          case 'f':
          case 'F':
          case 'f*':
            endPath(true);
            break;
          case 'B':
          case 'B*':
          case 'b':
          case 'b*': {
            // Filled, then stroked (b and b* close the path first): the stroke is painted after the fill.
            if (op.startsWith('b') && thickLines()) closeSubpath();
            const strokes = pieces;
            endPath(true);
            pieces = strokes;
            stroke();
            pieces = [];
            break;
          }
          case 'S':
          case 's':
            if (op === 's' && thickLines()) closeSubpath();
            stroke();
            endPath(false);
            break;
          case 'n':
            endPath(false);
            break;
          case 'w':
            if (covering && isNumber(o[0])) state.paint = { ...state.paint, lineWidth: o[0] };
            break;
          case 'd':
            if (covering && Array.isArray(o[0])) state.paint = { ...state.paint, dashed: dashed(o[0]) };
            break;
          case 'gs':
            if (covering) setGraphicsState(o[0]);
            break;
          case 'g':
            if (covering) setFill(rgbOf(o, 1), 1);
            break;
          case 'rg':
            if (covering) setFill(rgbOf(o, 3), 3);
            break;
          case 'k':
            if (covering) setFill(rgbOf(o, 4), 4);
            break;
          case 'cs':
            if (covering) {
              const components = componentsOf(o[0]);
              // A new colour space starts at its initial colour: black in each of these.
              setFill(components ? BLACK : null, components);
            }
            break;
          case 'sc':
          case 'scn':
            if (covering) setFill(rgbOf(o, state.paint.fillComponents));
            break;
          case 'sh':
            if (covering) painted(state.paint.clip ?? [vx0, vy0, vx1, vy1]);
            break;
          case 'BI':
            if (covering) painted(pictureBox(state.ctm));
            break;
          case 'BMC':
          case 'BDC':
          case 'EMC':
            // Marked content (tagged PDFs mark every span) ends an item, as in pdf.js.
            flush();
            if (op === 'EMC') endMarked();
            else beginMarked(o[0], op === 'BDC' ? o[1] : undefined);
            break;
          case 'Do': {
            flush();
            if (!isName(o[0])) break;
            const value = xobjects?.get(o[0].name);
            const formKey = isRef(value) ? value.key : null;
            // A form without text may still paint a box over the page's text.
            if (formKey && !covering && this.textlessForms.has(formKey)) break;
            const form = this.reader.resolve(value);
            if (
              covering &&
              form instanceof PdfStream &&
              isName(form.dict.get('Subtype'), 'Image') &&
              paints() &&
              !this.inHiddenLayer(form.dict.get('OC'))
            ) {
              const box = pictureBox(state.ctm);
              const { clip } = state.paint;
              const shown = clip ? intersection(box, clip) : box;
              // A picture of one colour over words hides them as a box does (read only when it would).
              const asBox =
                shown && state.paint.opaque && covering.wouldHide(shown)
                  ? covering.pictureAsBox(this.reader, form, state.paint.fill)
                  : undefined;
              if (shown && asBox !== undefined) covering.addBox(shown, asBox);
              else painted(box);
            }
            if (!(form instanceof PdfStream) || !isName(form.dict.get('Subtype'), 'Form')) break;
            if (depth >= MAX_FORM_DEPTH) {
              cutOff++;
              break;
            }
            if (++forms > MAX_FORMS) {
              uncertain = true;
              stopped = true;
              break;
            }
            const matrix = this.reader.get(form, 'Matrix');
            const mv = Array.isArray(matrix) ? matrix.map((v) => this.reader.resolve(v)) : null;
            const ctm =
              mv && mv.length === 6 && mv.every(isNumber) ? multiply(mv as Matrix, state.ctm) : state.ctm;
            let formData: Uint8Array;
            try {
              formData = this.reader.streamData(form);
            } catch {
              uncertain = true;
              break;
            }
            flush();
            const before = { shows, cutOff };
            const own = this.reader.getDict(form, 'Resources');
            // A form draws only inside its box.
            let paint = state.paint;
            const bbox = this.reader.resolve(this.reader.get(form, 'BBox'));
            const bv = Array.isArray(bbox) ? bbox.map((v) => this.reader.resolve(v)) : null;
            if (covering && bv && bv.length === 4 && bv.every(isNumber)) {
              const [x0, y0, x1, y1] = bv;
              const box = boxAround([
                apply(ctm, x0, y0),
                apply(ctm, x1, y0),
                apply(ctm, x0, y1),
                apply(ctm, x1, y1),
              ]);
              paint = { ...paint, clip: (paint.clip ? intersection(box, paint.clip) : box) ?? [0, 0, 0, 0] };
            }
            if (covering && (hiddenMarks > 0 || this.inHiddenLayer(form.dict.get('OC'))))
              paint = { ...paint, inHiddenLayer: true };
            interpret(formData, own ?? resources, { ctm, text: state.text, paint }, depth + 1);
            flush();
            // Only a form with resources of its own draws the same whoever draws it.
            if (
              formKey &&
              own &&
              !stopped &&
              !paintOnly &&
              shows === before.shows &&
              cutOff === before.cutOff
            )
              this.textlessForms.add(formKey);
            break;
          }
        }
        return stopped;
      });
      hiddenMarks = outerMarks;
    };

    const streams = contentStreams(this.reader, page);
    const parts: Uint8Array[] = [];
    for (const stream of streams) {
      try {
        parts.push(this.reader.streamData(stream));
      } catch {
        uncertain = true;
      }
    }
    // A page's content streams are one program split into parts: read them joined.
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      joined[at + part.length] = 0x0a;
      at += part.length + 1;
    }
    const startText: TextState = {
      charSpacing: 0,
      wordSpacing: 0,
      scale: 1,
      leading: 0,
      rise: 0,
      font: null,
      size: 0,
      mode: 0,
    };
    interpret(joined, page.resources, { ctm: IDENTITY, text: startText, paint: { ...START_PAINT } }, 0);
    flush();
    // Annotations are drawn over the page: a filled rectangle comment (Preview's and Acrobat's shapes)
    // put over words hides them as a box in the page would, and they stay in the file.
    if (covering && !stopped) {
      paintOnly = true;
      for (const { annot, appearance } of annotationAppearances(this.reader, page)) {
        if (stopped) break;
        // A comment in a layer the file hides paints nothing.
        if (this.inHiddenLayer(annot.get('OC'))) continue;
        const placed = this.appearancePlacement(annot, appearance);
        if (!placed) continue;
        let data: Uint8Array;
        try {
          data = this.reader.streamData(appearance);
        } catch {
          continue;
        }
        interpret(
          data,
          this.reader.getDict(appearance, 'Resources'),
          {
            ctm: placed.ctm,
            text: startText,
            paint: { ...START_PAINT, opaque: placed.opaque, strokeOpaque: placed.opaque, clip: placed.rect },
          },
          1,
        );
      }
    }
    if (unknown > Math.max(2, UNKNOWN_SHARE * glyphs)) uncertain = true;
    return {
      text: items.map((i) => i.text).join(' '),
      items,
      width: page.width,
      height: page.height,
      rotate: page.rotate,
      uncertain,
      ...(covering ? { covered: covering.covered() } : {}),
    };
  }
}
