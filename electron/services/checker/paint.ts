/**
 * Does a page without text show anything at all (a scan, a drawing), or is it blank? Reads the page's raw
 * content streams with pdf-lib and looks for painting operators: images, shadings, and paths or glyphs
 * drawn in a visible colour. Only pages with no text are asked about, and nothing is decoded beyond the
 * content streams, so this stays cheap even on a bundle of scans (pdf.js's operator list would decode every
 * image). Painting inside the bundle-number stamp (its white box and border) is ignored.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFPage,
} from '@cantoo/pdf-lib';

/** A rectangle on the page as displayed: x from the left, y from the bottom, in points. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

type Operand = number | string | null;

/** Calls `onOperator(op, operands)` for each operator of a content stream; strings and arrays become null. */
function tokenize(bytes: Uint8Array, onOperator: (op: string, operands: Operand[]) => void): void {
  const operands: Operand[] = [];
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (WHITESPACE.has(b)) {
      i++;
    } else if (b === 0x25) {
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (b === 0x28) {
      // Literal string, with nesting and escapes.
      let depth = 0;
      for (; i < n; i++) {
        const c = bytes[i];
        if (c === 0x5c) i++;
        else if (c === 0x28) depth++;
        else if (c === 0x29 && --depth === 0) {
          i++;
          break;
        }
      }
      operands.push(null);
    } else if (b === 0x3c && bytes[i + 1] === 0x3c) {
      // A dictionary operand (marked content): skip to its matching >>.
      let depth = 0;
      for (; i < n; i++) {
        if (bytes[i] === 0x3c && bytes[i + 1] === 0x3c) {
          depth++;
          i++;
        } else if (bytes[i] === 0x3e && bytes[i + 1] === 0x3e) {
          depth--;
          i++;
          if (depth === 0) {
            i++;
            break;
          }
        } else if (bytes[i] === 0x28) {
          // Strings inside the dictionary may contain ">>".
          let d = 0;
          for (; i < n; i++) {
            if (bytes[i] === 0x5c) i++;
            else if (bytes[i] === 0x28) d++;
            else if (bytes[i] === 0x29 && --d === 0) break;
          }
        }
      }
      operands.push(null);
    } else if (b === 0x3c) {
      while (i < n && bytes[i] !== 0x3e) i++;
      i++;
      operands.push(null);
    } else if (b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x3e || b === 0x29) {
      // Array brackets: the contents are read as operands; the array itself does not matter here.
      i++;
      if (b === 0x5d) operands.push(null);
    } else if (b === 0x2f) {
      let j = i + 1;
      while (j < n && !WHITESPACE.has(bytes[j]) && !DELIMITERS.has(bytes[j])) j++;
      operands.push('/' + String.fromCharCode(...bytes.subarray(i + 1, j)));
      i = j;
    } else {
      let j = i;
      while (j < n && !WHITESPACE.has(bytes[j]) && !DELIMITERS.has(bytes[j])) j++;
      if (j === i || j - i > 256) {
        // A stray delimiter, or binary junk: not an operator or operand worth reading.
        i = Math.max(j, i + 1);
        operands.length = 0;
        continue;
      }
      const word = String.fromCharCode(...bytes.subarray(i, j));
      i = j;
      const value = Number(word);
      if (word !== '' && !Number.isNaN(value) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
        operands.push(value);
        continue;
      }
      if (word === 'true' || word === 'false' || word === 'null') {
        operands.push(null);
        continue;
      }
      if (word === 'BI') {
        // Inline image: skip its dictionary and data up to a whitespace-delimited EI.
        const id = findWord(bytes, i, 'ID');
        let k = id < 0 ? n : id + 3;
        while (k < n) {
          if (
            bytes[k] === 0x45 &&
            bytes[k + 1] === 0x49 &&
            WHITESPACE.has(bytes[k - 1]) &&
            (k + 2 >= n || WHITESPACE.has(bytes[k + 2]))
          )
            break;
          k++;
        }
        i = k + 2;
        operands.length = 0;
        onOperator('BI', []);
        continue;
      }
      onOperator(word, operands.splice(0));
    }
  }
}

function findWord(bytes: Uint8Array, from: number, word: string): number {
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  for (let k = from; k < bytes.length - 1; k++) {
    if (
      bytes[k] === a &&
      bytes[k + 1] === b &&
      WHITESPACE.has(bytes[k - 1]) &&
      WHITESPACE.has(bytes[k + 2] ?? 0x20)
    )
      return k;
  }
  return -1;
}

interface GraphicsState {
  ctm: Matrix;
  fillVisible: boolean;
  strokeVisible: boolean;
}

function numbers(operands: Operand[]): number[] {
  return operands.filter((o): o is number => typeof o === 'number');
}

/** Whether colour operands are (nearly) white in the colour space their count implies. */
function isWhite(values: number[], hasPattern: boolean): boolean {
  if (hasPattern) return false;
  if (values.length === 1) return values[0] >= 0.99;
  if (values.length === 3) return values.every((v) => v >= 0.99);
  if (values.length === 4) return values.every((v) => v <= 0.01);
  return false;
}

interface Scan {
  painted: boolean;
}

function streamBytes(stream: unknown): Uint8Array | null {
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  if (stream instanceof PDFStream) return stream.getContents();
  return null;
}

/** Maps user-space points to the displayed page (rotation and crop box), to compare with the stamp's box. */
function displayMapper(page: PDFPage): (x: number, y: number) => [number, number] {
  const box = page.getCropBox();
  const x0 = box.x;
  const y0 = box.y;
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  const rotate = ((page.getRotation().angle % 360) + 360) % 360;
  switch (rotate) {
    case 90:
      return (x, y) => [y - y0, x1 - x];
    case 180:
      return (x, y) => [x1 - x, y1 - y];
    case 270:
      return (x, y) => [y1 - y, x - x0];
    default:
      return (x, y) => [x - x0, y - y0];
  }
}

function scanContent(
  bytes: Uint8Array,
  resources: PDFDict | undefined,
  start: GraphicsState,
  inside: (x: number, y: number) => boolean,
  doc: PDFDocument,
  depth: number,
  scan: Scan,
): void {
  let gs: GraphicsState = { ...start };
  const stack: GraphicsState[] = [];
  let path: [number, number][] = [];
  let textMatrix: Matrix = IDENTITY;
  let lineMatrix: Matrix = IDENTITY;
  let leading = 0;
  const pathInside = () => path.length > 0 && path.every(([x, y]) => inside(x, y));
  const addPoint = (x: number, y: number) => path.push(apply(gs.ctm, x, y));
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);

  tokenize(bytes, (op, o) => {
    if (scan.painted) return;
    const v = numbers(o);
    switch (op) {
      case 'q':
        stack.push({ ...gs });
        break;
      case 'Q':
        gs = stack.pop() ?? gs;
        break;
      case 'cm':
        if (v.length === 6) gs.ctm = multiply(v as Matrix, gs.ctm);
        break;
      case 'g':
      case 'rg':
      case 'k':
      case 'sc':
      case 'scn':
        gs.fillVisible = !isWhite(
          v,
          o.some((x) => typeof x === 'string'),
        );
        break;
      case 'G':
      case 'RG':
      case 'K':
      case 'SC':
      case 'SCN':
        gs.strokeVisible = !isWhite(
          v,
          o.some((x) => typeof x === 'string'),
        );
        break;
      case 'cs':
        gs.fillVisible = true;
        break;
      case 'CS':
        gs.strokeVisible = true;
        break;
      case 'm':
      case 'l':
        if (v.length >= 2) addPoint(v[0], v[1]);
        break;
      case 'c':
        if (v.length >= 6) for (let p = 0; p < 6; p += 2) addPoint(v[p], v[p + 1]);
        break;
      case 'v':
      case 'y':
        if (v.length >= 4) for (let p = 0; p < 4; p += 2) addPoint(v[p], v[p + 1]);
        break;
      case 're':
        if (v.length >= 4) {
          addPoint(v[0], v[1]);
          addPoint(v[0] + v[2], v[1] + v[3]);
          addPoint(v[0], v[1] + v[3]);
          addPoint(v[0] + v[2], v[1]);
        }
        break;
      case 'f':
      case 'F':
      case 'f*':
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
      case 'S':
      case 's': {
        const fills = op !== 'S' && op !== 's';
        const strokes = op === 'S' || op === 's' || op.startsWith('B') || op.startsWith('b');
        if (((fills && gs.fillVisible) || (strokes && gs.strokeVisible)) && !pathInside())
          scan.painted = true;
        path = [];
        break;
      }
      case 'n':
        path = [];
        break;
      case 'sh':
      case 'BI':
        scan.painted = true;
        break;
      case 'BT':
        textMatrix = IDENTITY;
        lineMatrix = IDENTITY;
        break;
      case 'Tm':
        if (v.length === 6) textMatrix = lineMatrix = v as Matrix;
        break;
      case 'Td':
      case 'TD':
        if (v.length === 2) {
          if (op === 'TD') leading = -v[1];
          textMatrix = lineMatrix = multiply([1, 0, 0, 1, v[0], v[1]], lineMatrix);
        }
        break;
      case 'TL':
        if (v.length === 1) leading = v[0];
        break;
      case 'T*':
      case "'":
      case '"':
        textMatrix = lineMatrix = multiply([1, 0, 0, 1, 0, -leading], lineMatrix);
        if (op !== 'T*') textShown();
        break;
      case 'Tj':
      case 'TJ':
        textShown();
        break;
      case 'Do': {
        const name = o.find((x): x is string => typeof x === 'string');
        if (!name) break;
        const xobject = xobjects?.lookup(PDFName.of(name.slice(1)));
        if (!(xobject instanceof PDFStream)) break;
        const subtype = xobject.dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.asString();
        if (subtype === '/Image') {
          path = [];
          for (const [x, y] of [
            [0, 0],
            [1, 0],
            [0, 1],
            [1, 1],
          ])
            addPoint(x, y);
          if (!pathInside()) scan.painted = true;
          path = [];
        } else if (subtype === '/Form' && depth < 4) {
          const matrix = xobject.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray);
          const m = matrix?.asArray().map((x) => Number(x.toString()));
          const ctm =
            m && m.length === 6 && m.every(Number.isFinite) ? multiply(m as Matrix, gs.ctm) : gs.ctm;
          const formResources = xobject.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources;
          const content = streamBytes(xobject);
          if (content) scanContent(content, formResources, { ...gs, ctm }, inside, doc, depth + 1, scan);
        }
        break;
      }
    }
  });

  function textShown() {
    // Glyphs pdf.js could not read as text still show on the page: they count unless they are the stamp.
    const [x, y] = apply(multiply(textMatrix, gs.ctm), 0, 0);
    if (!inside(x, y)) scan.painted = true;
  }
}

export interface PaintQuery {
  /** 1-based page. */
  page: number;
  /** The bundle-number stamp on the page, as displayed (painting inside it is ignored). */
  stamp: Box | null;
}

/** Points around the stamp's text that still count as the stamp (its white box and border). */
const STAMP_MARGIN = 18;

/**
 * For each page asked about: true when it paints something visible outside its stamp, false when blank.
 * Pages whose content cannot be read are reported as painted (never call a page blank without knowing).
 * Returns null when pdf-lib cannot load the file at all.
 */
export async function pagesWithPaint(
  bytes: Uint8Array,
  queries: PaintQuery[],
): Promise<Map<number, boolean> | null> {
  if (queries.length === 0) return new Map();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { parseSpeed: Infinity, updateMetadata: false, password: '' });
  } catch {
    return null;
  }
  const pages = doc.getPages();
  const result = new Map<number, boolean>();
  for (const query of queries) {
    const page = pages[query.page - 1];
    if (!page) {
      result.set(query.page, true);
      continue;
    }
    try {
      const toDisplay = displayMapper(page);
      const zone = query.stamp;
      const inside = (x: number, y: number) => {
        if (!zone) return false;
        const [dx, dy] = toDisplay(x, y);
        return (
          dx >= zone.x - STAMP_MARGIN &&
          dx <= zone.x + zone.width + STAMP_MARGIN &&
          dy >= zone.y - STAMP_MARGIN &&
          dy <= zone.y + zone.height + STAMP_MARGIN
        );
      };
      const scan: Scan = { painted: false };
      const contents = page.node.Contents();
      const streams =
        contents instanceof PDFArray
          ? contents.asArray().map((ref) => (ref instanceof PDFRef ? doc.context.lookup(ref) : ref))
          : [contents];
      // Content streams of one page are one program split into parts: join them, then read once.
      const parts = streams.map(streamBytes).filter((b): b is Uint8Array => b !== null);
      const joined = new Uint8Array(parts.reduce((sum, p) => sum + p.length + 1, 0));
      let offset = 0;
      for (const part of parts) {
        joined.set(part, offset);
        joined[offset + part.length] = 0x0a;
        offset += part.length + 1;
      }
      const start: GraphicsState = { ctm: IDENTITY, fillVisible: true, strokeVisible: true };
      scanContent(joined, page.node.Resources(), start, inside, doc, 0, scan);
      result.set(query.page, scan.painted);
    } catch {
      result.set(query.page, true);
    }
  }
  return result;
}
