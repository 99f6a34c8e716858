/**
 * How much a page asks a reader to draw: the operators it runs, the text-showing ones among them, and the
 * forms (drawings kept once and placed with `Do`) it draws, counting what is inside a form as often as the
 * form is drawn. Readers run every one of those to show a page or read its text, so a file of a few KB can
 * hold minutes of work (docs/limits.md):
 * - forms that each draw the next twice, 20 deep: a million forms (pdf.js: over a minute to read the text);
 * - one compressed content stream of 20 million `q Q` (78 KB; pdf.js 9 s to read its text, import 21 s);
 * - a million pieces of text each put in a place of its own (170 KB; import 19 s and 900 MB; 4 million:
 *   2 GB, refused for memory after 18 s).
 * A sound page runs some thousands of operators; a detailed map or plan some hundreds of thousands.
 *
 * Each content stream is tokenised once, by a counter that builds no values, and each form's totals are
 * kept (`totals`, shared between the pages of a file), so a fan-out of a million costs what its few objects
 * cost. A form drawn inside itself is skipped, as readers skip it. A form without resources of its own (an
 * old way of writing one) uses those of what draws it, and is counted afresh each time.
 *
 * A content stream that shows text with a Type 3 font runs that font's glyph procedures too: all of them once
 * (pdf.js reads every one when it loads the font), and the forms of the costliest again for each piece of
 * text shown (a glyph drawn is its procedure run again). A glyph procedure drawing ten million forms in a
 * 2 KB file took pdf.js 97 s to list what its page draws before these were counted. A tiling pattern's
 * cell counts as a form each time the pattern is chosen to paint with (`/P scn`), and a soft mask's group
 * each time the graphics state holding it is set (`/GS0 gs`).
 */
import type { PdfReader } from './document';
import { contentStreams, shownAppearances } from './content';
import { FilterError } from './filters';
import { isDict, isName, PdfStream, type PdfDict } from './objects';
import { mayHoldInlineImage } from './inlineImages';
import type { PdfPage } from './pages';

export interface DrawingCount {
  /** Forms drawn (annotations' appearances included). */
  forms: number;
  /** Operators run, those inside forms included. */
  operators: number;
  /** Text-showing operators (Tj, TJ, ' and ") run, those inside forms included. */
  textShown: number;
}

export type DrawingLimits = DrawingCount;

/** A picture's size as its dictionary gives it (what a reader makes room for before decoding a byte). */
export interface PictureSize {
  width: number;
  height: number;
}

/**
 * What one content stream holds itself: its operators, how often it draws each XObject name, chooses each
 * pattern name to paint with (`scn`, `SCN`) and sets each graphics state name (`gs`).
 */
interface StreamCount {
  operators: number;
  textShown: number;
  drawn: Map<string, number>;
  patterns: Map<string, number>;
  states: Map<string, number>;
  /** The largest inline image (BI … ID … EI) it holds, by the size its dictionary gives. */
  largestInline?: PictureSize;
}

export interface DrawingCounterOptions {
  /**
   * The most a content stream may unpack to: a larger one is not drawn by readers and counts nothing here
   * (the limits scan refuses it first).
   */
  decodedLimit: number;
  /**
   * What the Flate stream whose data starts at this offset in the file unpacks to, when known without
   * unpacking it (the limits scan unpacked it: pdfScan.ts). An upper bound of its operators.
   */
  inflatedSizeAt?: (offset: number) => number | undefined;
}

export class DrawingCounter {
  private readonly exactCounts = new Map<PdfStream, StreamCount>();
  private readonly boundCounts = new Map<PdfStream, StreamCount>();
  private readonly exactTotals = new Map<PdfStream, DrawingCount>();
  private readonly boundTotals = new Map<PdfStream, DrawingCount>();
  private readonly exactType3 = new Map<PdfDict, { all: DrawingCount; mostForms: number }>();
  private readonly boundType3 = new Map<PdfDict, { all: DrawingCount; mostForms: number }>();
  private readonly picturesNoted = new Set<PdfDict>();
  /**
   * The largest picture (by pixels) named by the resources of anything counted so far: pages, forms, patterns,
   * masks and glyphs. A picture of 16,000 pixels square in a PDF of 2 KB (a flat JPEG, compressed again) takes
   * pdf.js 1.6 GB to draw.
   */
  largestPicture: PictureSize | null = null;

  constructor(
    private readonly reader: PdfReader,
    private readonly options: DrawingCounterOptions,
  ) {}

  /** What page `page` draws: its content and the appearances its annotations show. */
  ofPage(page: PdfPage): DrawingCount {
    return this.count(page, true);
  }

  /**
   * The first of `limits` that page `page` goes over, or null. Content that draws no form is not read
   * where its size alone shows it within them (every operator takes at least two bytes): a sound page's
   * content is not unpacked or read at all when the limits scan has unpacked it.
   */
  overLimit(page: PdfPage, limits: DrawingLimits): keyof DrawingLimits | null {
    if (firstOver(this.bound(page), limits) === null) return null;
    return firstOver(this.count(page, true), limits);
  }

  /**
   * No less than what page `page` draws: exact where its content had to be read (it draws forms, or its size
   * is not known without unpacking it), otherwise as much as its content's size could hold.
   */
  bound(page: PdfPage): DrawingCount {
    return this.count(page, false);
  }

  private count(page: PdfPage, exact: boolean): DrawingCount {
    const total = { ...NONE };
    const drawing = new Set<PdfStream | PdfDict>();
    for (const stream of contentStreams(this.reader, page))
      add(total, this.inContent(stream, page.resources, drawing, exact), 1);
    for (const appearance of shownAppearances(this.reader, page)) {
      total.forms += 1;
      add(total, this.ofForm(appearance, page.resources, drawing, exact), 1);
    }
    return total;
  }

  /** What `form` draws each time it is drawn. */
  private ofForm(
    form: PdfStream,
    outer: PdfDict | null,
    drawing: Set<PdfStream | PdfDict>,
    exact: boolean,
  ): DrawingCount {
    const totals = exact ? this.exactTotals : this.boundTotals;
    const own = this.reader.getDict(form, 'Resources');
    const known = own ? totals.get(form) : undefined;
    if (known) return known;
    drawing.add(form);
    const count = this.inContent(form, own ?? outer, drawing, exact);
    drawing.delete(form);
    if (own) totals.set(form, count);
    return count;
  }

  /** What one content stream draws with `resources`, what its forms draw included. */
  private inContent(
    stream: PdfStream,
    resources: PdfDict | null,
    drawing: Set<PdfStream | PdfDict>,
    exact: boolean,
  ): DrawingCount {
    this.notePictures(resources);
    const forms = this.formsIn(resources);
    const patterns = this.tilingPatternsIn(resources);
    const masks = this.softMasksIn(resources);
    // Which forms, patterns and masks it draws is only known by reading it.
    const own = this.streamCount(stream, exact || forms.size > 0 || patterns.size > 0 || masks.size > 0);
    if (own.largestInline) this.notePicture(own.largestInline);
    const total = { forms: 0, operators: own.operators, textShown: own.textShown };
    for (const [name, times] of own.drawn) {
      const form = forms.get(name);
      if (!form || drawing.has(form)) continue;
      total.forms += times;
      add(total, this.ofForm(form, resources, drawing, exact), times);
    }
    // A tiling pattern's cell is drawn like a form each time it is painted with (pdf.js draws it again
    // for each fill); counted once for each time it is chosen.
    for (const [name, times] of own.patterns) {
      const pattern = patterns.get(name);
      if (!pattern || drawing.has(pattern)) continue;
      total.forms += times;
      add(total, this.ofForm(pattern, resources, drawing, exact), times);
    }
    // A soft mask's group is drawn like a form each time the graphics state holding it is set.
    for (const [name, times] of own.states) {
      const mask = masks.get(name);
      if (!mask || drawing.has(mask)) continue;
      total.forms += times;
      add(total, this.ofForm(mask, resources, drawing, exact), times);
    }
    if (own.textShown > 0) {
      for (const font of this.type3FontsIn(resources)) {
        const glyphs = this.ofType3Font(font, resources, drawing, exact);
        add(total, glyphs.all, 1);
        // Each glyph shown runs its procedure again: the forms in the costliest, once per text shown
        // (a glyph procedure of a real font draws no form, so this adds nothing to a sound page).
        total.forms += glyphs.mostForms * own.textShown;
      }
    }
    return total;
  }

  /**
   * What a Type 3 font's glyph procedures draw: all of them (what pdf.js reads when it loads the font), and
   * the most forms any one draws (what showing one of its glyphs draws again).
   */
  private ofType3Font(
    font: PdfDict,
    outer: PdfDict | null,
    drawing: Set<PdfStream | PdfDict>,
    exact: boolean,
  ): { all: DrawingCount; mostForms: number } {
    const cache = exact ? this.exactType3 : this.boundType3;
    const known = cache.get(font);
    if (known) return known;
    const result = { all: { ...NONE }, mostForms: 0 };
    if (drawing.has(font)) return result;
    drawing.add(font);
    const resources = this.reader.getDict(font, 'Resources') ?? outer;
    for (const value of this.reader.getDict(font, 'CharProcs')?.map.values() ?? []) {
      const procedure = this.reader.resolve(value);
      if (!(procedure instanceof PdfStream) || drawing.has(procedure)) continue;
      drawing.add(procedure);
      const glyph = this.inContent(procedure, resources, drawing, exact);
      drawing.delete(procedure);
      add(result.all, glyph, 1);
      result.mostForms = Math.max(result.mostForms, glyph.forms);
    }
    drawing.delete(font);
    cache.set(font, result);
    return result;
  }

  /** Keeps the largest picture the resource dictionary names (each dictionary looked at once). */
  private notePictures(resources: PdfDict | null): void {
    if (!resources || this.picturesNoted.has(resources)) return;
    this.picturesNoted.add(resources);
    for (const value of this.reader.getDict(resources, 'XObject')?.map.values() ?? []) {
      const xobject = this.reader.resolve(value);
      if (!(xobject instanceof PdfStream) || !isName(this.reader.get(xobject, 'Subtype'), 'Image')) continue;
      const width = this.reader.get(xobject, 'Width');
      const height = this.reader.get(xobject, 'Height');
      if (typeof width !== 'number' || typeof height !== 'number' || !(width > 0) || !(height > 0)) continue;
      this.notePicture({ width, height });
    }
  }

  private notePicture(picture: PictureSize): void {
    const largest = this.largestPicture;
    if (!largest || picture.width * picture.height > largest.width * largest.height)
      this.largestPicture = picture;
  }

  /** The tiling patterns (those with content of their own) a resource dictionary names, by name. */
  private tilingPatternsIn(resources: PdfDict | null): Map<string, PdfStream> {
    const patterns = new Map<string, PdfStream>();
    for (const [name, value] of this.reader.getDict(resources, 'Pattern')?.map ?? []) {
      const pattern = this.reader.resolve(value);
      if (pattern instanceof PdfStream && this.reader.get(pattern, 'PatternType') === 1)
        patterns.set(name, pattern);
    }
    return patterns;
  }

  /** The soft masks' groups (forms) of the graphics states a resource dictionary names, by state name. */
  private softMasksIn(resources: PdfDict | null): Map<string, PdfStream> {
    const masks = new Map<string, PdfStream>();
    for (const [name, value] of this.reader.getDict(resources, 'ExtGState')?.map ?? []) {
      const state = this.reader.resolve(value);
      const mask = isDict(state) ? this.reader.getDict(state, 'SMask') : null;
      const group = mask ? this.reader.get(mask, 'G') : undefined;
      if (group instanceof PdfStream) masks.set(name, group);
    }
    return masks;
  }

  /** The Type 3 fonts a resource dictionary names. */
  private type3FontsIn(resources: PdfDict | null): PdfDict[] {
    const fonts: PdfDict[] = [];
    for (const value of this.reader.getDict(resources, 'Font')?.map.values() ?? []) {
      const font = this.reader.resolve(value);
      if (isDict(font) && isName(this.reader.get(font, 'Subtype'), 'Type3')) fonts.push(font);
    }
    return fonts;
  }

  /** The forms (not pictures) a resource dictionary names, by name. */
  private formsIn(resources: PdfDict | null): Map<string, PdfStream> {
    const forms = new Map<string, PdfStream>();
    const xobjects = this.reader.getDict(resources, 'XObject');
    for (const [name, value] of xobjects?.map ?? []) {
      const xobject = this.reader.resolve(value);
      if (xobject instanceof PdfStream && isName(this.reader.get(xobject, 'Subtype'), 'Form'))
        forms.set(name, xobject);
    }
    return forms;
  }

  private streamCount(stream: PdfStream, exact: boolean): StreamCount {
    const known = this.exactCounts.get(stream) ?? (exact ? undefined : this.boundCounts.get(stream));
    if (known) return known;
    const size = exact ? undefined : this.decodedSizeBound(stream);
    if (size !== undefined) {
      // An operator is at least one character, and the next token starts after a separator.
      const most = Math.ceil(size / 2);
      const bound = {
        operators: most,
        textShown: most,
        drawn: new Map(),
        patterns: new Map(),
        states: new Map(),
      };
      this.boundCounts.set(stream, bound);
      return bound;
    }
    let count: StreamCount;
    try {
      count = countOperators(this.reader.streamData(stream, this.options.decodedLimit));
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      // Not drawn by readers either.
      count = { operators: 0, textShown: 0, drawn: new Map(), patterns: new Map(), states: new Map() };
    }
    this.exactCounts.set(stream, count);
    return count;
  }

  /** The most the stream unpacks to, when known without unpacking it. */
  private decodedSizeBound(stream: PdfStream): number | undefined {
    // Encrypted data is unpacked once decrypted: the scan's sizes are of nothing.
    if (stream.data || this.reader.encrypted) return undefined;
    const filter = this.reader.resolve(stream.dict.get('Filter'));
    const filters = Array.isArray(filter) ? filter.map((f) => this.reader.resolve(f)) : [filter];
    if (filter === undefined || (Array.isArray(filter) && filter.length === 0)) {
      // Its bytes are in the file as they are: read for an inline image when they may hold one.
      return mayHoldInlineImage(this.reader.encodedData(stream)) ? undefined : stream.length;
    }
    if (filters.length !== 1 || !(isName(filters[0], 'FlateDecode') || isName(filters[0], 'Fl')))
      return undefined;
    // A predictor only takes bytes away.
    return this.options.inflatedSizeAt?.(stream.start);
  }
}

const NONE: DrawingCount = { forms: 0, operators: 0, textShown: 0 };

/** The first of `limits` that `count` goes over, or null. */
export function firstOver(count: DrawingCount, limits: DrawingLimits): keyof DrawingLimits | null {
  return (Object.keys(limits) as (keyof DrawingLimits)[]).find((key) => count[key] > limits[key]) ?? null;
}

/** Adds `part`, `times` over, to `total`. */
export function add(total: DrawingCount, part: DrawingCount, times = 1): void {
  total.forms += part.forms * times;
  total.operators += part.operators * times;
  total.textShown += part.textShown * times;
}

/** Byte classes of PDF syntax (ISO 32000-1, 7.2.2). */
const REGULAR = 0;
const WHITE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[b] = WHITE;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIMITER;

const isWhite = (b: number | undefined) => b === undefined || CLASS[b] === WHITE;

/**
 * The operators of one decoded content stream, counted without building its operands: as content.ts reads
 * them (and pdf.js), an operator is a keyword (a run of regular characters that is not a number, `true`,
 * `false` or `null`) outside any array or dictionary; strings, names and comments are stepped over, and an
 * inline image's data is skipped as content.ts skips it.
 */
export function countOperators(bytes: Uint8Array): StreamCount {
  const drawn = new Map<string, number>();
  const patterns = new Map<string, number>();
  const states = new Map<string, number>();
  let operators = 0;
  let textShown = 0;
  let largestInline: PictureSize | undefined;
  let lastName = '';
  // Inside an array or a dictionary a keyword is one of its values, as readers read it: not run.
  let nested = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    const kind = CLASS[b];
    if (kind === WHITE) {
      i++;
    } else if (kind === DELIMITER) {
      if (b === 0x25 /* % */) {
        while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      } else if (b === 0x28 /* ( */) {
        let depth = 1;
        i++;
        while (i < n && depth > 0) {
          const c = bytes[i];
          if (c === 0x5c /* \ */) i += 2;
          else {
            if (c === 0x28) depth++;
            else if (c === 0x29) depth--;
            i++;
          }
        }
      } else if (b === 0x3c /* < */ && bytes[i + 1] === 0x3c) {
        nested++;
        i += 2;
      } else if (b === 0x3c) {
        while (i < n && bytes[i] !== 0x3e) i++;
        i++;
      } else if (b === 0x3e /* > */ && bytes[i + 1] === 0x3e) {
        if (nested > 0) nested--;
        i += 2;
      } else if (b === 0x5b /* [ */) {
        nested++;
        i++;
      } else if (b === 0x5d /* ] */) {
        if (nested > 0) nested--;
        i++;
      } else if (b === 0x2f /* / */) {
        const start = ++i;
        while (i < n && CLASS[bytes[i]] === REGULAR) i++;
        lastName = nameOf(bytes, start, i);
      } else {
        i++; // { } and a stray ) or >
      }
    } else {
      const start = i;
      while (i < n && CLASS[bytes[i]] === REGULAR) i++;
      const length = i - start;
      const first = b;
      // Numbers: digits, signs and points.
      if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) continue;
      if (length === 4 && (matches(bytes, start, 'true') || matches(bytes, start, 'null'))) continue;
      if (length === 5 && matches(bytes, start, 'false')) continue;
      if (nested > 0) continue;
      operators++;
      const name = lastName;
      lastName = '';
      if (length === 2) {
        const second = bytes[start + 1];
        if (first === 0x54 /* T */ && (second === 0x6a || second === 0x4a) /* j J */) textShown++;
        else if (first === 0x44 /* D */ && second === 0x6f /* o */) {
          if (name) drawn.set(name, (drawn.get(name) ?? 0) + 1);
        } else if (first === 0x42 /* B */ && second === 0x49 /* I */) {
          const image = inlineImage(bytes, i);
          i = image.end;
          const size = image.size;
          if (
            size &&
            (!largestInline || size.width * size.height > largestInline.width * largestInline.height)
          )
            largestInline = size;
        } else if (first === 0x67 /* g */ && second === 0x73 /* s */ && name)
          states.set(name, (states.get(name) ?? 0) + 1);
      } else if (length === 1 && (first === 0x27 || first === 0x22) /* ' " */) textShown++;
      else if (length === 3 && name && (matches(bytes, start, 'scn') || matches(bytes, start, 'SCN')))
        patterns.set(name, (patterns.get(name) ?? 0) + 1);
    }
  }
  return largestInline
    ? { operators, textShown, drawn, patterns, states, largestInline }
    : { operators, textShown, drawn, patterns, states };
}

/**
 * An inline image from just past its BI: where "ID <data> EI" ends (the data ends at an EI between white
 * space, as content.ts reads it) and the size its dictionary gives (/W or /Width, /H or /Height), when it
 * gives one. A reader makes room for the pixels it declares: 2 KB of Flate holding a 20,000-pixel-square
 * image took pdf.js 31 s and 4.3 GB to draw.
 */
function inlineImage(bytes: Uint8Array, from: number): { end: number; size: PictureSize | null } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = buffer.indexOf('ID', from, 'latin1');
  if (i < 0) return { end: bytes.length, size: null };
  const size = inlineImageSize(buffer.toString('latin1', from, i));
  i += 3;
  while (i < bytes.length) {
    if (bytes[i] === 0x45 && bytes[i + 1] === 0x49 && isWhite(bytes[i - 1]) && isWhite(bytes[i + 2])) break;
    i++;
  }
  return { end: Math.min(bytes.length, i + 2), size };
}

function inlineImageSize(dictionary: string): PictureSize | null {
  let width = 0;
  let height = 0;
  for (const [, key, value] of dictionary.matchAll(/\/(W|Width|H|Height)[\s\0]+(\d+(?:\.\d*)?)/g)) {
    if (key[0] === 'W') width = Number(value);
    else height = Number(value);
  }
  return width > 0 && height > 0 ? { width, height } : null;
}
function matches(bytes: Uint8Array, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** A name's characters, its #xx escapes decoded as objects.ts decodes them (resource keys are read so). */
function nameOf(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let k = start; k < end; k++) {
    const high = hexValue(bytes[k + 1]);
    const low = hexValue(bytes[k + 2]);
    if (bytes[k] === 0x23 /* # */ && k + 2 < end && high >= 0 && low >= 0) {
      s += String.fromCharCode(high * 16 + low);
      k += 2;
    } else s += String.fromCharCode(bytes[k]);
  }
  return s;
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}
