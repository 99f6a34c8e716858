/**
 * The bundle number in the bottom-right corner of every page, on a white box so it reads over scans.
 * "Bottom-right" is as the page is displayed: the corner and the text direction follow /Rotate, and the
 * visible area is the crop box (within the media box), so rotated, cropped and odd-sized pages get the
 * number in the same place a reader sees it, upright.
 */
import { PDFName, type PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { BUNDLE_FONT, fontText, num as n } from './text';

export interface VisibleBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** 0, 90, 180 or 270. */
  rotate: number;
}

/** The displayed area of a page: crop box clipped to the media box, and its rotation. */
export function visibleBox(page: PDFPage): VisibleBox {
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  const x0 = Math.max(Math.min(media.x, media.x + media.width), Math.min(crop.x, crop.x + crop.width));
  const y0 = Math.max(Math.min(media.y, media.y + media.height), Math.min(crop.y, crop.y + crop.height));
  const x1 = Math.min(Math.max(media.x, media.x + media.width), Math.max(crop.x, crop.x + crop.width));
  const y1 = Math.min(Math.max(media.y, media.y + media.height), Math.max(crop.y, crop.y + crop.height));
  const box =
    x1 > x0 && y1 > y0
      ? { x0, y0, x1, y1 }
      : { x0: media.x, y0: media.y, x1: media.x + media.width, y1: media.y + media.height };
  const angle = Math.round(page.getRotation().angle / 90) * 90;
  return { ...box, rotate: ((angle % 360) + 360) % 360 };
}

/**
 * The matrix taking "displayed" coordinates (origin at the displayed bottom-right corner, x to the
 * reader's right, y up as the reader sees it) to the page's user space.
 */
function displayedCornerMatrix(box: VisibleBox): [number, number, number, number, number, number] {
  switch (box.rotate) {
    case 90:
      return [0, 1, -1, 0, box.x1, box.y1];
    case 180:
      return [-1, 0, 0, -1, box.x0, box.y1];
    case 270:
      return [0, -1, 1, 0, box.x0, box.y0];
    default:
      return [1, 0, 0, 1, box.x1, box.y0];
  }
}

interface StampGeometry {
  size: number;
  /** The white box, in displayed coordinates relative to the bottom-right corner. */
  box: { x: number; y: number; width: number; height: number };
  text: { x: number; y: number };
}

/** Size and place of the stamp for a page whose displayed size is `width` × `height`. */
function stampGeometry(textWidthAt: (size: number) => number, width: number, height: number): StampGeometry {
  const shortSide = Math.min(width, height);
  const scale = shortSide >= 360 ? 1 : Math.max(0.5, shortSide / 360);
  const size = 10 * scale;
  const margin = 12 * scale;
  const padX = 4 * scale;
  const padY = 3 * scale;
  const textWidth = textWidthAt(size);
  const boxWidth = textWidth + 2 * padX;
  const boxHeight = size + 2 * padY;
  const bx = -margin - boxWidth;
  const by = margin;
  return {
    size,
    box: { x: bx, y: by, width: boxWidth, height: boxHeight },
    // Baseline a little above the box's bottom so descenders stay inside it.
    text: { x: bx + padX, y: by + padY + 0.22 * size },
  };
}

/** The operators that draw the stamp on a page showing `box`, with the font under `fontKey`. */
export function stampOperators(box: VisibleBox, label: string, font: PDFFont, fontKey: PDFName): string {
  const text = fontText(font);
  const turned = box.rotate % 180 !== 0;
  const width = turned ? box.y1 - box.y0 : box.x1 - box.x0;
  const height = turned ? box.x1 - box.x0 : box.y1 - box.y0;
  const g = stampGeometry((size) => text.width(label, size), width, height);
  const m = displayedCornerMatrix(box);
  return (
    `q ${m.map(n).join(' ')} cm\n` +
    `1 g 0.55 G 0.5 w ${n(g.box.x)} ${n(g.box.y)} ${n(g.box.width)} ${n(g.box.height)} re B\n` +
    `0 g BT ${fontKey.asString()} ${n(g.size)} Tf ${n(g.text.x)} ${n(g.text.y)} Td <${text
      .runs(label)
      .map((r) => r.hex)
      .join('')}> Tj ET\nQ\n`
  );
}

/**
 * Adds the stamp to a page the bundle made itself (cover, index, dividers), in its own content stream after
 * the page's content, which is wrapped in q/Q. Evidence pages are stamped by sourcePages.ts.
 */
export function stampPage(doc: PDFDocument, page: PDFPage, label: string, font: PDFFont): void {
  const fontKey = freeFontKey(page, font);
  const ops = stampOperators(visibleBox(page), label, font, fontKey);
  const stream = doc.context.stream(ops);
  const ref = doc.context.register(stream);
  // normalize() (inside these calls) wraps the page's own content in q … Q, so a document that leaves the
  // graphics state changed cannot move or hide the stamp.
  page.node.setFontDictionary(fontKey, font.ref);
  page.node.addContentStream(ref);
}

/**
 * A name for the stamp font in the page's font resources that the page does not already use for another
 * font: a source page may itself come from this app (a letter, an earlier bundle) and use our usual name,
 * and overwriting it would turn that page's own text into the wrong glyphs.
 */
function freeFontKey(page: PDFPage, font: PDFFont): PDFName {
  page.node.normalize();
  const fonts = page.node.normalizedEntries().Font;
  for (let i = 1; ; i++) {
    const key = i === 1 ? BUNDLE_FONT : PDFName.of(`${BUNDLE_FONT.decodeText()}${i}`);
    const existing = fonts.get(key);
    if (existing === undefined || existing === font.ref) return key;
  }
}
