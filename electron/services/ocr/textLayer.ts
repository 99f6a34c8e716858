/**
 * The invisible text layer: each recognised word written where the recogniser found it, in text render
 * mode 3 (neither filled nor stroked), so readers can search, select and copy it while the page looks
 * exactly as before. Each word sits on its line's baseline, at the line's size, stretched (Tz) to the
 * width of the word in the picture, so selection boxes cover the printed words and the gaps between them
 * read as spaces.
 *
 * Words on a slightly crooked line are each written level (square to the page) at their own height on
 * the line, not turned with it: text extractors (pdftotext, copy and paste) read a turned word as letters
 * on a slope and split it wherever the slope crosses their line tolerance, while level words on a gently
 * stepped line read as words on one line. Lines turned further than MAX_LEVELLED are written turned.
 */
import { PDFDict, PDFDocument, PDFName, PDFRef, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { fontText, num, SIMPLE, type FontText } from '../bundle/text';
import { embedSubsetFont } from '../pdf/fonts';
import { apply, applyLinear, type Affine } from './raster';

interface RecognisedWord {
  text: string;
  /** Box in raster pixels. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence: number;
}

export interface RecognisedLine {
  /** The line's baseline, raster pixels (two points on it). */
  baseline: { x0: number; y0: number; x1: number; y1: number };
  /** Top of the line's box (tallest letters), raster pixels. */
  top: number;
  words: RecognisedWord[];
}

export interface PageTextLayer {
  /** 1-based page number. */
  page: number;
  lines: RecognisedLine[];
  userFromRaster: Affine;
  visible: { x0: number; y0: number; x1: number; y1: number };
}

/** Words the recogniser is less sure of than this are guesses at specks and shadows, not text. */
const MIN_WORD_CONFIDENCE = 30;
/** DejaVu Sans's cap height (em): a line's size from the height of its capitals and tall letters. */
const CAP_HEIGHT = 0.73;
const FONT_NAME = 'OCRTXT+DejaVuSans';
/** Lines within this many degrees of square to the page are written level. */
const MAX_LEVELLED = 12;
const OCR_FONT = 'SBOcr';

/** Only characters the font can show as themselves (the text layer must copy out as it was read). */
function cleanWord(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) if (SIMPLE.test(ch) && ch !== ' ') out += ch;
  return out;
}

function unit(v: [number, number]): [number, number] {
  const length = Math.hypot(v[0], v[1]);
  return length > 0 ? [v[0] / length, v[1] / length] : [1, 0];
}

/** `dir` turned to the nearest page axis when it is within MAX_LEVELLED degrees of it. */
function levelled(dir: [number, number]): [number, number] {
  const angle = Math.atan2(dir[1], dir[0]);
  const square = Math.round(angle / (Math.PI / 2)) * (Math.PI / 2);
  if (Math.abs(angle - square) > (MAX_LEVELLED * Math.PI) / 180) return dir;
  return [Math.round(Math.cos(square)), Math.round(Math.sin(square))];
}

/** The words of one page as text operators (no BT/ET wrapper), and how many words were written. */
export function textLayerOperators(layer: PageTextLayer, text: FontText): { ops: string; words: number } {
  const m = layer.userFromRaster;
  const { visible } = layer;
  let ops = '';
  let words = 0;
  for (const line of layer.lines) {
    const b = line.baseline;
    const run = b.x1 - b.x0;
    const baselineAt = (x: number) =>
      Math.abs(run) < 1e-6 ? b.y0 : b.y0 + ((b.y1 - b.y0) * (x - b.x0)) / run;
    const along = unit([b.x1 - b.x0, b.y1 - b.y0]);
    // Up on the picture is a quarter turn anticlockwise from along the line (y points down).
    const upRaster: [number, number] = [along[1], -along[0]];
    const upUser = applyLinear(m, upRaster[0], upRaster[1]);
    const pointsPerPixelUp = Math.hypot(upUser[0], upUser[1]);
    const alongUser = unit(applyLinear(m, along[0], along[1]));
    const dir = levelled(alongUser);
    // Up: square to the written direction, on the same side as up on the picture (mirrored pages too).
    const turn = alongUser[0] * upUser[1] - alongUser[1] * upUser[0] >= 0 ? 1 : -1;
    const up: [number, number] = [-dir[1] * turn, dir[0] * turn];
    const kept = line.words
      .map((w) => ({ ...w, text: cleanWord(w.text) }))
      .filter((w) => w.text !== '' && w.confidence >= MIN_WORD_CONFIDENCE && w.x1 > w.x0);
    kept.forEach((w, index) => {
      const start = apply(m, w.x0, baselineAt(w.x0));
      const end = apply(m, w.x1, baselineAt(w.x1));
      const centre = apply(m, (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2);
      if (
        centre[0] < visible.x0 ||
        centre[0] > visible.x1 ||
        centre[1] < visible.y0 ||
        centre[1] > visible.y1
      )
        return; // Outside the displayed area: a reader cannot see it, so it must not be found either.
      // The word's length along the written direction, centred where the word is on its baseline.
      const length = Math.abs((end[0] - start[0]) * dir[0] + (end[1] - start[1]) * dir[1]);
      const x0 = (start[0] + end[0]) / 2 - (dir[0] * length) / 2;
      const y0 = (start[1] + end[1]) / 2 - (dir[1] * length) / 2;
      const heightPx = Math.max(1, baselineAt((w.x0 + w.x1) / 2) - line.top);
      const size = (heightPx / CAP_HEIGHT) * pointsPerPixelUp;
      if (!(length > 0 && size > 0)) return;
      const shown = index < kept.length - 1 ? `${w.text} ` : w.text;
      const natural = (text.width(w.text, 1) || 1) * size;
      const stretch = (100 * length) / natural;
      const hex = text
        .runs(shown)
        .map((r) => r.hex)
        .join('');
      ops +=
        `${num(dir[0] * size)} ${num(dir[1] * size)} ${num(up[0] * size)} ${num(up[1] * size)} ${num(x0)} ${num(y0)} Tm ` +
        `${num(stretch)} Tz <${hex}> Tj\n`;
      words++;
    });
  }
  return { ops, words };
}

/** A font resource name the page does not already use for something else. */
function freeFontKey(page: PDFPage): PDFName {
  page.node.normalize();
  const fonts = page.node.normalizedEntries().Font;
  for (let i = 1; ; i++) {
    const key = PDFName.of(i === 1 ? OCR_FONT : `${OCR_FONT}${i}`);
    if (fonts.get(key) === undefined) return key;
  }
}

/**
 * The text layers as an incremental update: bytes to append to `pdf` (a new content stream and the font
 * for each page, and the pages' changed dictionaries, with a cross-reference section pointing back to the
 * original's). Everything already in the file stays byte for byte as it was, and a big scan costs only
 * the few kilobytes of its words. Each page's own content is wrapped in q … Q by pdf-lib, so a page that
 * leaves the graphics state changed cannot move the words; the font (DejaVu Sans, only the letters used)
 * is embedded once.
 */
export async function textLayerUpdate(
  pdf: Uint8Array,
  layers: PageTextLayer[],
): Promise<{ update: Uint8Array; wordsByPage: Map<number, number> }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const snapshot = doc.takeSnapshot();
  const pages = doc.getPages();
  let font: PDFFont | null = null;
  const wordsByPage = new Map<number, number>();
  for (const layer of layers) {
    const page = pages[layer.page - 1];
    if (!page) throw new Error(`The document has no page ${layer.page}.`);
    font ??= await embedSubsetFont(doc, 'DejaVuSans.ttf', FONT_NAME);
    const key = freeFontKey(page);
    const { ops, words } = textLayerOperators(layer, fontText(font));
    wordsByPage.set(layer.page, words);
    if (words === 0) continue;
    const stream = doc.context.stream(`BT 3 Tr ${key.asString()} 1 Tf\n${ops}ET\n`);
    page.node.setFontDictionary(key, font.ref);
    page.node.addContentStream(doc.context.register(stream));
    // What changed on the page, wherever it is kept: the page, and its contents and resources when they
    // are objects of their own (pdf-lib tracks most of this itself; saying it again costs nothing).
    snapshot.markRefForSave(page.ref);
    const resources = page.node.get(PDFName.of('Resources'));
    for (const entry of [page.node.get(PDFName.of('Contents')), resources])
      if (entry instanceof PDFRef) snapshot.markRefForSave(entry);
    const dict = resources instanceof PDFRef ? doc.context.lookup(resources) : resources;
    if (dict instanceof PDFDict) {
      const fonts = dict.get(PDFName.of('Font'));
      if (fonts instanceof PDFRef) snapshot.markRefForSave(fonts);
    }
  }
  const update = await doc.saveIncremental(snapshot, { useObjectStreams: false });
  return { update, wordsByPage };
}
