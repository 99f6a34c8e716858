/**
 * The bundle's page number stamps, read without extracting the page's text: the engine draws each stamp
 * in its own content stream, the page's last, so only that stream is decoded. Its font must be present in
 * the page's resources and used by nothing else on the page (a page that came from another bundle or one of
 * our letters may use the same resource name for its own text, and overwriting it would change that text).
 */
import type { PdfReader } from './document';
import { apply, contentStreams, forEachOperator, IDENTITY, multiply, type Matrix } from './content';
import { PdfFont } from './fonts';
import { isDict, isName, isNumber, isRef, PdfString, type PdfValue } from './objects';
import { toDisplayed, type PdfPage } from './pages';

export interface StampReading {
  /** The stamp's text, or null when the page has no stamp of the engine's form. */
  text: string | null;
  /** Where the text starts on the page as displayed (points; y from the bottom), its length, its direction. */
  x: number;
  y: number;
  width: number;
  upright: boolean;
  /** The font resource name the stamp uses, and the font object it names ("12 0"). */
  fontKey: string | null;
  fontRef: string | null;
  /** The font name is missing from the page's resources (a reader cannot draw the number). */
  fontMissing: boolean;
  /**
   * The page's own content also sets that font name. On a page the engine drew itself that is its own
   * font; on a page copied from a document it means the stamp's font replaced the document's own.
   */
  fontSharedWithPage: boolean;
}

interface Show {
  key: string;
  size: number;
  bytes: Uint8Array;
  matrix: Matrix;
}

function numbers(operands: PdfValue[]): number[] {
  return operands.filter(isNumber);
}

/** The text shown in one content stream, with the matrix each string starts at. */
function textShows(data: Uint8Array): Show[] {
  const shows: Show[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let tm: Matrix = IDENTITY;
  let lm: Matrix = IDENTITY;
  let key = '';
  let size = 0;
  let leading = 0;
  forEachOperator(data, (op, o) => {
    const v = numbers(o);
    switch (op) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? ctm;
        break;
      case 'cm':
        if (v.length === 6) ctm = multiply(v as Matrix, ctm);
        break;
      case 'BT':
        tm = lm = IDENTITY;
        break;
      case 'Tf':
        if (isName(o[0])) key = o[0].name;
        if (isNumber(o[1])) size = o[1];
        break;
      case 'TL':
        if (v.length === 1) leading = v[0];
        break;
      case 'Td':
      case 'TD':
        if (v.length === 2) {
          if (op === 'TD') leading = -v[1];
          tm = lm = multiply([1, 0, 0, 1, v[0], v[1]], lm);
        }
        break;
      case 'Tm':
        if (v.length === 6) tm = lm = (v as Matrix).slice() as Matrix;
        break;
      case 'T*':
        tm = lm = multiply([1, 0, 0, 1, 0, -leading], lm);
        break;
      case "'":
      case '"':
        tm = lm = multiply([1, 0, 0, 1, 0, -leading], lm);
        if (o[o.length - 1] instanceof PdfString)
          shows.push({ key, size, bytes: (o[o.length - 1] as PdfString).bytes, matrix: multiply(tm, ctm) });
        break;
      case 'Tj':
        if (o[0] instanceof PdfString)
          shows.push({ key, size, bytes: o[0].bytes, matrix: multiply(tm, ctm) });
        break;
      case 'TJ':
        if (Array.isArray(o[0])) {
          const parts = o[0].filter((p): p is PdfString => p instanceof PdfString).map((p) => p.bytes);
          const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
          shows.push({ key, size, bytes, matrix: multiply(tm, ctm) });
        }
        break;
    }
  });
  return shows;
}

/** Whether a content stream sets the font `key` (a Tf with that name). Cheap when the name is absent. */
function usesFont(data: Uint8Array, key: string): boolean {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.length);
  const needle = `/${key}`;
  let at = buffer.indexOf(needle, 0, 'latin1');
  let seen = false;
  while (at >= 0) {
    const after = buffer[at + needle.length];
    // The name must end there ("/SBNum" is not "/SBNum2").
    if (after === undefined || !/[0-9A-Za-z_.+-]/.test(String.fromCharCode(after))) {
      seen = true;
      break;
    }
    at = buffer.indexOf(needle, at + 1, 'latin1');
  }
  if (!seen) return false;
  let used = false;
  forEachOperator(data, (op, o) => {
    if (op === 'Tf' && isName(o[0], key)) used = true;
    return used;
  });
  return used;
}

export class StampReader {
  private readonly fonts = new Map<string, PdfFont>();

  constructor(private readonly reader: PdfReader) {}

  private font(ref: PdfValue | undefined): PdfFont | null {
    const cacheKey = isRef(ref) ? ref.key : null;
    if (cacheKey && this.fonts.has(cacheKey)) return this.fonts.get(cacheKey)!;
    const dict = this.reader.resolve(ref);
    if (!isDict(dict)) return null;
    const font = PdfFont.read(this.reader, dict);
    if (cacheKey) this.fonts.set(cacheKey, font);
    return font;
  }

  read(page: PdfPage): StampReading {
    const none: StampReading = {
      text: null,
      x: 0,
      y: 0,
      width: 0,
      upright: false,
      fontKey: null,
      fontRef: null,
      fontMissing: false,
      fontSharedWithPage: false,
    };
    const streams = contentStreams(this.reader, page);
    const last = streams[streams.length - 1];
    if (!last) return none;
    let shows: Show[];
    try {
      shows = textShows(this.reader.streamData(last, 1024 * 1024));
    } catch {
      return none;
    }
    // The engine's stamp shows exactly one string; anything else is the page's own content.
    if (shows.length !== 1) return none;
    const show = shows[0];
    const fonts = this.reader.getDict(page.resources, 'Font');
    const fontValue = fonts?.get(show.key);
    const reading: StampReading = {
      ...none,
      fontKey: show.key,
      fontRef: isRef(fontValue) ? fontValue.key : null,
    };
    const font = fontValue === undefined ? null : this.font(fontValue);
    if (!font) {
      reading.fontMissing = true;
      return reading;
    }
    const shown = font.show(show.bytes);
    const m = show.matrix;
    const [ux, uy] = apply(m, 0, 0);
    const [x, y] = toDisplayed(page, ux, uy);
    const [ex, ey] = toDisplayed(page, ux + m[0], uy + m[1]);
    const scale = Math.hypot(m[0], m[1]);
    reading.text = shown.text;
    reading.x = x;
    reading.y = y;
    reading.width = shown.width * show.size * scale;
    reading.upright = ex - x > 0 && Math.abs(ey - y) < 1e-6 * Math.max(1, scale);
    // Used by nothing else on the page.
    for (const stream of streams.slice(0, -1)) {
      let data: Uint8Array;
      try {
        data = this.reader.streamData(stream);
      } catch {
        continue;
      }
      if (usesFont(data, show.key)) {
        reading.fontSharedWithPage = true;
        break;
      }
    }
    return reading;
  }
}
