/**
 * Does a page without text show anything at all (a scan, a drawing), or is it blank? Reads the page's
 * content streams with the app's PDF reader (pdf/read/) and looks for painting operators: images, shadings,
 * and paths or glyphs drawn in a visible colour. Only pages with no text are asked about, and nothing is
 * decoded beyond the content streams, so this stays cheap even on a bundle of scans (pdf.js's operator list
 * would decode every image). Painting inside the bundle-number stamp (its white box and border) is ignored.
 */
import { PdfFile } from '../pdf/read';
import { apply, contentStreams, forEachOperator, IDENTITY, multiply, type Matrix } from '../pdf/read/content';
import type { PdfReader } from '../pdf/read/document';
import { isName, isNumber, PdfStream, type PdfDict, type PdfValue } from '../pdf/read/objects';
import { toDisplayed, type PdfPage } from '../pdf/read/pages';

/** A rectangle on the page as displayed: x from the left, y from the bottom, in points. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface GraphicsState {
  ctm: Matrix;
  fillVisible: boolean;
  strokeVisible: boolean;
}

function numbers(operands: PdfValue[]): number[] {
  return operands.filter(isNumber);
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

function scanContent(
  bytes: Uint8Array,
  resources: PdfDict | null,
  start: GraphicsState,
  inside: (x: number, y: number) => boolean,
  reader: PdfReader,
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
  const xobjects = reader.getDict(resources, 'XObject');

  forEachOperator(bytes, (op, o) => {
    if (scan.painted) return true;
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
          o.some((x) => isName(x)),
        );
        break;
      case 'G':
      case 'RG':
      case 'K':
      case 'SC':
      case 'SCN':
        gs.strokeVisible = !isWhite(
          v,
          o.some((x) => isName(x)),
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
        const name = o.find((x) => isName(x));
        if (!isName(name)) break;
        const xobject = reader.resolve(xobjects?.get(name.name));
        if (!(xobject instanceof PdfStream)) break;
        const subtype = reader.get(xobject, 'Subtype');
        if (isName(subtype, 'Image')) {
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
        } else if (isName(subtype, 'Form') && depth < 4) {
          const matrix = reader.get(xobject, 'Matrix');
          const m = Array.isArray(matrix) ? matrix.map((x) => reader.resolve(x)) : null;
          const ctm = m && m.length === 6 && m.every(isNumber) ? multiply(m as Matrix, gs.ctm) : gs.ctm;
          const formResources = reader.getDict(xobject, 'Resources') ?? resources;
          let content: Uint8Array | null = null;
          try {
            content = reader.streamData(xobject);
          } catch {
            // A form whose content cannot be read may show anything: count it as paint.
            scan.painted = true;
          }
          if (content) scanContent(content, formResources, { ...gs, ctm }, inside, reader, depth + 1, scan);
        }
        break;
      }
    }
    return scan.painted;
  });

  function textShown() {
    // Glyphs pdf.js could not read as text still show on the page: they count unless they are the stamp.
    const [x, y] = apply(multiply(textMatrix, gs.ctm), 0, 0);
    if (!inside(x, y)) scan.painted = true;
  }
}

interface PaintQuery {
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
 * Returns null when the file cannot be read at all.
 */
export async function pagesWithPaint(
  input: Uint8Array | PdfFile,
  queries: PaintQuery[],
): Promise<Map<number, boolean> | null> {
  if (queries.length === 0) return new Map();
  let file: PdfFile;
  try {
    file = input instanceof PdfFile ? input : PdfFile.open({ bytes: input });
  } catch {
    return null;
  }
  try {
    const result = new Map<number, boolean>();
    for (const query of queries) {
      const page: PdfPage | undefined = file.pages[query.page - 1];
      if (!page) {
        result.set(query.page, true);
        continue;
      }
      try {
        const zone = query.stamp;
        const inside = (x: number, y: number) => {
          if (!zone) return false;
          const [dx, dy] = toDisplayed(page, x, y);
          return (
            dx >= zone.x - STAMP_MARGIN &&
            dx <= zone.x + zone.width + STAMP_MARGIN &&
            dy >= zone.y - STAMP_MARGIN &&
            dy <= zone.y + zone.height + STAMP_MARGIN
          );
        };
        const scan: Scan = { painted: false };
        // Content streams of one page are one program split into parts: join them, then read once.
        const parts = contentStreams(file.reader, page).map((stream) => file.reader.streamData(stream));
        const joined = new Uint8Array(parts.reduce((sum, p) => sum + p.length + 1, 0));
        let offset = 0;
        for (const part of parts) {
          joined.set(part, offset);
          joined[offset + part.length] = 0x0a;
          offset += part.length + 1;
        }
        const start: GraphicsState = { ctm: IDENTITY, fillVisible: true, strokeVisible: true };
        scanContent(joined, page.resources, start, inside, file.reader, 0, scan);
        result.set(query.page, scan.painted);
      } catch {
        result.set(query.page, true);
      }
    }
    return result;
  } finally {
    if (!(input instanceof PdfFile)) file.close();
  }
}
