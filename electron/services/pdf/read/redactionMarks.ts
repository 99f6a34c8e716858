/**
 * Areas marked for redaction and never redacted. Acrobat's Redact tool works in two steps: marking (a
 * redaction annotation, ISO 32000-2 12.5.6.23, drawn as an outline round the words) and applying (which
 * takes the words out and paints the box). A file saved between the two still shows the words, and holds
 * them: the person who marked them may well think it redacted. Each mark is its quadrilaterals' boxes
 * (/QuadPoints), or its rectangle (/Rect) where it has none, in default user space, with its colour (/IC).
 */
import type { Box, Rgb } from './coveredText';
import type { PdfReader } from './document';
import { isDict, isName, isNumber } from './objects';
import { pagesWhere, type PdfPage } from './pages';

/**
 * Quadrilaterals read from one mark, at most (a mark over a page of text has a few hundred): a mark of more
 * is taken as its whole rectangle, which holds them all.
 */
const MAX_QUADS = 10_000;

/** One mark: the areas it covers, and the colour (/IC) it asks them to be painted once applied. */
export interface RedactionMark {
  boxes: Box[];
  colour: Rgb | null;
}

/** The page's redaction marks, in the order listed (none when it has no marks). */
export function redactionMarks(reader: PdfReader, page: PdfPage): RedactionMark[] {
  const annots = reader.get(page.dict, 'Annots');
  if (!Array.isArray(annots)) return [];
  const marks: RedactionMark[] = [];
  for (const value of annots) {
    const annot = reader.resolve(value);
    if (!isDict(annot) || !isName(reader.get(annot, 'Subtype'), 'Redact')) continue;
    const numbers = (key: string): number[] => {
      const array = reader.get(annot, key);
      return Array.isArray(array) ? array.map((v) => reader.resolve(v)).filter(isNumber) : [];
    };
    const quads = numbers('QuadPoints');
    const rect = numbers('Rect');
    const boxes: Box[] = [];
    const add = (xs: number[], ys: number[]) => {
      const box: Box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      if (box[2] > box[0] && box[3] > box[1]) boxes.push(box);
    };
    if (quads.length <= MAX_QUADS * 8)
      for (let i = 0; i + 8 <= quads.length; i += 8)
        add(
          [quads[i], quads[i + 2], quads[i + 4], quads[i + 6]],
          [quads[i + 1], quads[i + 3], quads[i + 5], quads[i + 7]],
        );
    else {
      // One box round them all and the rectangle (a loop: too many numbers to spread as arguments).
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (let i = 0; i + 1 < quads.length; i += 2) {
        [x0, x1] = [Math.min(x0, quads[i]), Math.max(x1, quads[i])];
        [y0, y1] = [Math.min(y0, quads[i + 1]), Math.max(y1, quads[i + 1])];
      }
      add(
        rect.length === 4 ? [x0, x1, rect[0], rect[2]] : [x0, x1],
        rect.length === 4 ? [y0, y1, rect[1], rect[3]] : [y0, y1],
      );
    }
    if (boxes.length === 0 && rect.length === 4) add([rect[0], rect[2]], [rect[1], rect[3]]);
    const colour = numbers('IC');
    if (boxes.length)
      marks.push({
        boxes,
        colour:
          colour.length === 3 && colour.every((v) => v >= 0 && v <= 1)
            ? [colour[0], colour[1], colour[2]]
            : null,
      });
  }
  return marks;
}

/** The pages (1-based) of `pages` with redaction marks never applied; a page that cannot be read is passed over. */
export function redactionMarkPages(
  reader: PdfReader,
  pages: readonly PdfPage[],
  signal?: AbortSignal,
): number[] {
  return pagesWhere(pages, (page) => redactionMarks(reader, page).length > 0, signal);
}
