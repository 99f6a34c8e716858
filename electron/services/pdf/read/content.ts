/**
 * Content streams (ISO 32000-1, 7.8.2): operands and operators in order. Inline images are stepped over
 * whole, so their binary data is never read as operators.
 */
import type { PdfReader } from './document';
import { DamagedStreamError, FilterError, MAX_DECODED } from './filters';
import {
  isDict,
  isName,
  isRef,
  Lexer,
  PdfKeyword,
  PdfStream,
  PdfSyntaxError,
  type PdfDict,
  type PdfValue,
} from './objects';
import { jpegCutShort, jpxCutShort } from './jpeg';
import type { PdfPage } from './pages';

/** Called for each operator; `operands` is only valid during the call. */
type Operator = (op: string, operands: PdfValue[]) => boolean | void;

const MAX_OPERANDS = 1024;

/** Calls `onOperator` for each operator; returning true from it stops the walk. */
export function forEachOperator(bytes: Uint8Array, onOperator: Operator): void {
  const lexer = new Lexer(bytes, 0, true);
  const operands: PdfValue[] = [];
  for (;;) {
    lexer.skipBlank();
    if (lexer.pos >= lexer.bytes.length) return;
    let value: PdfValue | PdfKeyword;
    try {
      value = lexer.readValue();
    } catch (error) {
      if (error instanceof PdfSyntaxError) return; // The rest of the stream is unreadable.
      throw error;
    }
    if (!(value instanceof PdfKeyword)) {
      if (operands.length < MAX_OPERANDS) operands.push(value);
      continue;
    }
    const op = value.word;
    if (op === 'BI') {
      skipInlineImage(lexer);
      operands.length = 0;
      if (onOperator('BI', [])) return;
      continue;
    }
    // The operands array is reused for the next operator: a callback keeps a copy of what it needs.
    const stop = onOperator(op, operands);
    operands.length = 0;
    if (stop) return;
  }
}

/** Moves past "ID <data> EI": the data ends at an EI between white space. */
function skipInlineImage(lexer: Lexer): void {
  const { bytes } = lexer;
  let i = bytes.indexOf('ID', lexer.pos, 'latin1');
  if (i < 0) {
    lexer.pos = bytes.length;
    return;
  }
  i += 3;
  const isWhite = (b: number | undefined) =>
    b === undefined || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
  while (i < bytes.length) {
    if (bytes[i] === 0x45 && bytes[i + 1] === 0x49 && isWhite(bytes[i - 1]) && isWhite(bytes[i + 2])) break;
    i++;
  }
  lexer.pos = Math.min(bytes.length, i + 2);
}

/** The page's content streams in order (an array or a single stream), unresolved entries dropped. */
export function contentStreams(reader: PdfReader, page: PdfPage): PdfStream[] {
  const contents = page.dict.get('Contents');
  const list = isRef(contents) ? reader.resolve(contents) : contents;
  const items = Array.isArray(list) ? list : [list];
  const out: PdfStream[] = [];
  for (const item of items) {
    const stream = reader.resolve(item);
    if (stream instanceof PdfStream) out.push(stream);
  }
  return out;
}

export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** How deep into forms drawn by forms contentDamaged looks (a bundle page draws its document's page as one). */
const FORM_DEPTH = 4;
/** Bytes read from the end of a JPEG picture to find its end-of-image marker. */
const JPEG_TAIL = 64;
/** Whether each JPEG picture looked at was cut short (pdf/read/jpeg.ts), kept for its other pages. */
const jpegsCutShort = new WeakMap<PdfStream, boolean>();

/**
 * Whether what the page draws is damaged: a content stream, a form it can draw (a bundle puts each
 * document's page in one), the appearance an annotation shows (a form field's answer, a stamp), or the
 * program of a font any of them can write with (an embedded font's glyphs, a Type3 font's glyph
 * procedures), whose data cannot be decoded or breaks off part way. Readers show such a page blank or
 * incomplete (letters missing, where a font is damaged), without saying why. (A stream too big for the
 * reader to decode is not damaged, only big.) `decoded` keeps what each stream decoded to (damaged or not)
 * for the next page: a font or form many pages share is decoded once. A JPEG or JPEG 2000 picture (a
 * scan, a photo) it can draw whose data ends before its end-of-image marker is damaged too (pdf/read/jpeg.ts: its last bytes
 * read, nothing decoded). With `pictures`, also the pictures it can draw whose data the reader decodes
 * (Flate, LZW; JBIG2 and fax data are not read), which readers show cut off where the damage starts;
 * import asks for them, the checker does not (a bundle's scans would be unpacked again, over a second for
 * the bench bundle).
 */
export function contentDamaged(
  reader: PdfReader,
  page: PdfPage,
  decoded: Map<PdfStream, boolean> = new Map(),
  pictures = false,
): boolean {
  const damaged = (stream: PdfStream): boolean => {
    let result = decoded.get(stream);
    if (result === undefined) {
      result = false;
      try {
        reader.streamData(stream, MAX_DECODED, true);
      } catch (error) {
        if (error instanceof DamagedStreamError) result = true;
        else if (!(error instanceof FilterError)) throw error;
      }
      decoded.set(stream, result);
    }
    return result;
  };
  // A JPEG or JPEG 2000 picture cut short (its data alone as stored: a filter before it is left to the
  // decoders above).
  const jpegDamaged = (picture: PdfStream): boolean => {
    let result = jpegsCutShort.get(picture);
    if (result === undefined) {
      const filter = reader.resolve(picture.dict.get('Filter'));
      const only = Array.isArray(filter) && filter.length === 1 ? reader.resolve(filter[0]) : filter;
      const tail = () => reader.encodedTail(picture, JPEG_TAIL);
      const whole = () => reader.encodedData(picture);
      if (isName(only, 'DCTDecode') || isName(only, 'DCT')) result = jpegCutShort(tail(), whole);
      else if (isName(only, 'JPXDecode')) result = jpxCutShort(tail(), whole);
      else result = false;
      jpegsCutShort.set(picture, result);
    }
    return result;
  };
  // Each resource dictionary, form and font looked at once (forms and Type3 fonts can use one another).
  const walked = new Set<PdfDict | PdfStream>();
  const resourcesDamaged = (resources: PdfDict | null, depth: number): boolean => {
    if (!resources || depth > FORM_DEPTH || walked.has(resources)) return false;
    walked.add(resources);
    for (const value of reader.getDict(resources, 'Font')?.map.values() ?? []) {
      const font = reader.resolve(value);
      if (isDict(font) && fontDamaged(font, depth)) return true;
    }
    for (const value of reader.getDict(resources, 'XObject')?.map.values() ?? []) {
      const form = reader.resolve(value);
      if (!(form instanceof PdfStream) || walked.has(form)) continue;
      if (isName(reader.get(form, 'Subtype'), 'Image')) {
        if ((pictures && damaged(form)) || jpegDamaged(form)) return true;
        continue;
      }
      if (!isName(reader.get(form, 'Subtype'), 'Form')) continue;
      walked.add(form);
      if (damaged(form) || resourcesDamaged(reader.getDict(form, 'Resources'), depth + 1)) return true;
    }
    return false;
  };
  const fontDamaged = (font: PdfDict, depth: number): boolean => {
    if (walked.has(font)) return false;
    walked.add(font);
    const descendants = reader.get(font, 'DescendantFonts');
    const described = Array.isArray(descendants) ? reader.resolve(descendants[0]) : font;
    const descriptor = isDict(described) ? reader.getDict(described, 'FontDescriptor') : null;
    for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
      const program = reader.get(descriptor, key);
      if (program instanceof PdfStream && damaged(program)) return true;
    }
    const procedures = reader.getDict(font, 'CharProcs');
    if (!procedures) return false;
    for (const value of procedures.map.values()) {
      const procedure = reader.resolve(value);
      if (procedure instanceof PdfStream && damaged(procedure)) return true;
    }
    return resourcesDamaged(reader.getDict(font, 'Resources'), depth + 1);
  };
  const appearanceDamaged = (appearance: PdfStream): boolean =>
    damaged(appearance) || resourcesDamaged(reader.getDict(appearance, 'Resources'), 1);
  return (
    contentStreams(reader, page).some(damaged) ||
    resourcesDamaged(page.resources, 1) ||
    shownAppearances(reader, page).some(appearanceDamaged)
  );
}

/**
 * The appearance each annotation of the page shows (its normal appearance, /AP /N: a stream, or the one its
 * state /AS names among several, e.g. a ticked box's "Yes").
 */
export function shownAppearances(reader: PdfReader, page: PdfPage): PdfStream[] {
  return annotationAppearances(reader, page).map((shown) => shown.appearance);
}

/** shownAppearances, each with the annotation that shows it. */
export function annotationAppearances(
  reader: PdfReader,
  page: PdfPage,
): { annot: PdfDict; appearance: PdfStream }[] {
  const annots = reader.get(page.dict, 'Annots');
  if (!Array.isArray(annots)) return [];
  const shown: { annot: PdfDict; appearance: PdfStream }[] = [];
  for (const value of annots) {
    const annot = reader.resolve(value);
    if (!isDict(annot)) continue;
    const normal = reader.get(reader.getDict(annot, 'AP'), 'N');
    if (normal instanceof PdfStream) shown.push({ annot, appearance: normal });
    else if (isDict(normal)) {
      const state = reader.get(annot, 'AS');
      const chosen = isName(state) ? reader.resolve(normal.get(state.name)) : undefined;
      if (chosen instanceof PdfStream) shown.push({ annot, appearance: chosen });
    }
  }
  return shown;
}
