/**
 * The picture of a PDF page to recognise text in, upright and straightened, with the map from its pixels
 * to the page's user space (where the text layer goes).
 *
 * A scanned page is usually one picture filling the page: that picture is taken as it is (its own pixels,
 * no loss), turned by quarter turns the way the page shows it (a phone photo imported sideways with its
 * EXIF tag is drawn turned; /Rotate turns the whole page). Anything else is rendered with pdf.js, so the
 * text is read from what a reader sees: a page where something is drawn over the picture (a box hiding a
 * name, an annotation), or clipped, or several pictures, is never read from the pixels underneath.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import type { PdfjsModule } from '../pdf/pdfjs';
import {
  applyLinear,
  compose,
  estimateSkew,
  greyFromPdfjs,
  greyFromRgba,
  invert,
  resample,
  rotate,
  uprightByQuarterTurns,
  type Affine,
  type Raster,
} from './raster';
import { skiaForDrawingPages } from '../documents/skia';

interface PreparedPage {
  raster: Raster;
  /** Raster pixel (x right, y down) → the page's user space (PDF points). */
  userFromRaster: Affine;
  /** The displayed area (crop box within the media box) in user space: words outside it are not kept. */
  visible: { x0: number; y0: number; x1: number; y1: number };
  /** 'image': the page's own picture; 'render': drawn by pdf.js. */
  source: 'image' | 'render';
  /** Resolution of the raster on the page, dots per inch. */
  dpi: number;
  /** Degrees the text was turned by (clockwise as displayed) and was straightened from. */
  skew: number;
}

/** A picture covering at least this share of the displayed page is "the whole page". */
const WHOLE_PAGE = 0.85;
/** Pictures are recognised at about this resolution: finer costs time for nothing, coarser loses letters. */
const TARGET_DPI = 300;
const MAX_DPI = 420;
const MIN_DPI = 170;
/** Rendering stops at this many pixels (a poster-sized page is rendered coarser, not with gigabytes). */
const MAX_RENDER_PIXELS = 36_000_000;
/** Straightening turns less than this are not worth the resampling. */
const MIN_SKEW = 0.3;

type Ops = PdfjsModule['OPS'];

interface FoundImage {
  /** Where the picture came from: an object id (for page.objs) or the inline picture itself. */
  ref: { id: string } | { inline: ImageData };
  ctm: Affine;
}
type ImageData = { width: number; height: number; kind: number; data: Uint8Array | Uint8ClampedArray };

function isPaintingPath(ops: Ops, op: number): boolean {
  return op !== ops.endPath;
}

/**
 * The one picture that fills the page and has nothing painted over it (text aside: a scanner's header
 * hides nothing), or null. Walks pdf.js's operator list keeping the transformation matrix through
 * save/restore, forms and groups.
 */
function findWholePageImage(
  ops: Ops,
  list: { fnArray: number[]; argsArray: unknown[][] },
  viewport: { transform: number[]; width: number; height: number },
): FoundImage | null {
  const stack: Affine[] = [];
  let ctm: Affine = [1, 0, 0, 1, 0, 0];
  let candidate: FoundImage | null = null;
  let otherPictures = 0;
  let clipped = false;
  let paintedAfter = false;
  const display = viewport.transform as Affine;
  const pageArea = viewport.width * viewport.height;
  const coverage = (m: Affine) => {
    const d = compose(display, m);
    const xs = [0, 1, 0, 1].map((u, i) => d[0] * u + d[2] * [0, 0, 1, 1][i] + d[4]);
    const ys = [0, 1, 0, 1].map((u, i) => d[1] * u + d[3] * [0, 0, 1, 1][i] + d[5]);
    const w = Math.min(viewport.width, Math.max(...xs)) - Math.max(0, Math.min(...xs));
    const h = Math.min(viewport.height, Math.max(...ys)) - Math.max(0, Math.min(...ys));
    return w > 0 && h > 0 ? (w * h) / pageArea : 0;
  };
  const picture = (m: Affine, ref: FoundImage['ref']) => {
    const share = coverage(m);
    if (share >= WHOLE_PAGE && candidate === null) {
      candidate = { ref, ctm: m };
      return;
    }
    if (share > 0.02 || candidate !== null) otherPictures++;
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] ?? [];
    switch (fn) {
      case ops.save:
        stack.push(ctm);
        break;
      case ops.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case ops.transform:
        ctm = compose(ctm, args as Affine);
        break;
      case ops.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args[0]) && args[0].length === 6) ctm = compose(ctm, args[0] as Affine);
        break;
      case ops.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case ops.beginGroup: {
        stack.push(ctm);
        const matrix = (args[0] as { matrix?: number[] } | undefined)?.matrix;
        if (Array.isArray(matrix) && matrix.length === 6) ctm = compose(ctm, matrix as Affine);
        break;
      }
      case ops.endGroup:
        ctm = stack.pop() ?? ctm;
        break;
      case ops.clip:
      case ops.eoClip:
        clipped = true;
        break;
      case ops.paintImageXObject:
        if (candidate) paintedAfter = true;
        picture(ctm, { id: String(args[0]) });
        break;
      case ops.paintInlineImageXObject:
        if (candidate) paintedAfter = true;
        picture(ctm, { inline: args[0] as ImageData });
        break;
      case ops.constructPath:
        if (candidate && isPaintingPath(ops, args[0] as number)) paintedAfter = true;
        break;
      case ops.paintImageXObjectRepeat:
      case ops.paintInlineImageXObjectGroup:
      case ops.paintImageMaskXObject:
      case ops.paintImageMaskXObjectGroup:
      case ops.paintImageMaskXObjectRepeat:
      case ops.paintSolidColorImageMask:
      case ops.shadingFill:
      case ops.rawFillPath:
      case ops.fill:
      case ops.eoFill:
      case ops.stroke:
      case ops.fillStroke:
      case ops.eoFillStroke:
      case ops.closeStroke:
      case ops.closeFillStroke:
      case ops.closeEOFillStroke:
      case ops.beginAnnotation:
        if (candidate) paintedAfter = true;
        break;
      default:
        break;
    }
  }
  if (!candidate || clipped || paintedAfter || otherPictures > 0) return null;
  return candidate;
}

function objectOf(page: PDFPageProxy, id: string): Promise<ImageData | null> {
  const store = (id.startsWith('g_') ? page.commonObjs : page.objs) as unknown as {
    get(id: string, callback: (value: unknown) => void): void;
  };
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 30_000);
    store.get(id, (value) => {
      clearTimeout(timer);
      resolve((value as ImageData | null) ?? null);
    });
  });
}

/** Grey pixels of a decoded picture, see-through parts shown over white paper as a reader shows them. */
function greyOver(image: ImageData): Raster {
  const raster = greyFromPdfjs(image);
  if (image.kind === 3) {
    for (let i = 0, j = 3; i < raster.grey.length; i++, j += 4) {
      const alpha = image.data[j];
      if (alpha !== 255) raster.grey[i] = 255 - ((255 - raster.grey[i]) * alpha) / 255;
    }
  }
  return raster;
}

async function fromImage(page: PDFPageProxy, found: FoundImage, display: Affine) {
  const image = 'inline' in found.ref ? found.ref.inline : await objectOf(page, found.ref.id);
  if (!image || !image.data || !(image.width > 0 && image.height > 0)) return null;
  const raster = greyOver(image);
  // Pixel (x right, y down from the top row) → the image's unit square (top row at v = 1) → user space.
  const userFromPixel = compose(found.ctm, [1 / image.width, 0, 0, -1 / image.height, 0, 1]);
  const displayFromPixel = compose(display, userFromPixel);
  const upright = uprightByQuarterTurns(
    raster,
    applyLinear(displayFromPixel, 1, 0),
    applyLinear(displayFromPixel, 0, 1),
  );
  if (!upright) return null;
  return { raster: upright.raster, userFromRaster: compose(userFromPixel, upright.sourceFromUpright) };
}

async function fromRendering(page: PDFPageProxy, canvasFactory: CanvasFactory) {
  const base = page.getViewport({ scale: 1 });
  let scale = TARGET_DPI / 72;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > MAX_RENDER_PIXELS) scale *= Math.sqrt(MAX_RENDER_PIXELS / pixels);
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.floor(viewport.width));
  const height = Math.max(1, Math.floor(viewport.height));
  await skiaForDrawingPages();
  const { canvas, context } = canvasFactory.create(width, height);
  try {
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvasContext: context, canvas, viewport } as Parameters<PDFPageProxy['render']>[0])
      .promise;
    const rgba = context.getImageData(0, 0, width, height).data;
    return {
      raster: greyFromRgba(width, height, rgba),
      userFromRaster: invert(viewport.transform as Affine),
    };
  } finally {
    canvasFactory.destroy({ canvas, context });
  }
}

interface CanvasFactory {
  create(
    width: number,
    height: number,
  ): {
    canvas: unknown;
    context: {
      fillStyle: unknown;
      fillRect(x: number, y: number, w: number, h: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
  destroy(pair: { canvas: unknown; context: unknown }): void;
}

/** The canvas maker pdf.js uses in Node (@napi-rs/canvas), or null where it is not installed. */
function canvasFactoryOf(doc: PDFDocumentProxy): CanvasFactory | null {
  const factory = (doc as unknown as { canvasFactory?: CanvasFactory }).canvasFactory;
  try {
    if (!factory) return null;
    factory.destroy(factory.create(1, 1));
    return factory;
  } catch {
    return null;
  }
}

/** Lengths (points) a raster pixel step covers on the page, across and down. */
function pointsPerPixel(m: Affine): number {
  const [ax, ay] = applyLinear(m, 1, 0);
  const [bx, by] = applyLinear(m, 0, 1);
  return Math.sqrt(Math.hypot(ax, ay) * Math.hypot(bx, by));
}

/**
 * The page's picture, ready to read. With `onlyIfPicture`, null unless the page is one picture filling it
 * (a page with a little text of its own is only read when it is a scan with, say, a scanner's header).
 */
export async function preparePage(
  lib: PdfjsModule,
  doc: PDFDocumentProxy,
  pageNumber: number,
  options: { onlyIfPicture?: boolean } = {},
): Promise<PreparedPage | null> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const display = viewport.transform as Affine;
    const [vx0, vy0, vx1, vy1] = page.view;
    const visible = {
      x0: Math.min(vx0, vx1),
      y0: Math.min(vy0, vy1),
      x1: Math.max(vx0, vx1),
      y1: Math.max(vy0, vy1),
    };
    const list = await page.getOperatorList();
    let source: PreparedPage['source'] = 'image';
    const found = findWholePageImage(lib.OPS, list, viewport);
    if (options.onlyIfPicture && !found) return null;
    let picked = found ? await fromImage(page, found, display) : null;
    if (!picked) {
      const factory = canvasFactoryOf(doc);
      if (!factory) throw new Error('pages that are not one picture need @napi-rs/canvas to be drawn');
      source = 'render';
      picked = await fromRendering(page, factory);
    }
    let { raster, userFromRaster } = picked;
    let dpi = 72 / pointsPerPixel(userFromRaster);
    if (dpi > MAX_DPI || dpi < MIN_DPI) {
      const scale = dpi > MAX_DPI ? TARGET_DPI / dpi : Math.min(2, (MIN_DPI + 50) / dpi);
      const resized = resample(raster, scale);
      userFromRaster = compose(userFromRaster, [
        raster.width / resized.width,
        0,
        0,
        raster.height / resized.height,
        0,
        0,
      ]);
      raster = resized;
      dpi = 72 / pointsPerPixel(userFromRaster);
    }
    const skew = estimateSkew(raster, dpi);
    if (Math.abs(skew) >= MIN_SKEW) {
      const turned = rotate(raster, skew);
      raster = turned.raster;
      userFromRaster = compose(userFromRaster, turned.sourceFromRotated);
    }
    return {
      raster,
      userFromRaster,
      visible,
      source,
      dpi: Math.round(dpi),
      skew: Math.abs(skew) >= MIN_SKEW ? skew : 0,
    };
  } finally {
    page.cleanup();
  }
}
