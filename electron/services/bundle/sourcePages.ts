/**
 * The preparation every evidence page gets on its way into a bundle, in one place, so that the build and
 * the import pre-flight (documents/preflight.ts) do exactly the same thing:
 * 1. the source's own bookmarks are read and its active content removed (activeContent.ts);
 * 2. its pages are copied in one call (fonts and pictures shared between pages are copied once);
 * 3. each page's boxes are repaired and, with page normalisation on, the page is placed on A4
 *    (pageBoxes.ts); its own drawing becomes one form XObject, drawn by the page (scaled where it was
 *    normalised), so damage inside it (an unfinished string, a broken inline picture) cannot swallow
 *    what the bundle draws after it, and nothing the page left in the graphics state can move the stamp;
 * 4. links within the document are pointed at the bundle's pages;
 * 5. finishSourcePage() adds the bundle number in a stream of its own after the page's drawing.
 */
import { deflateSync, inflateSync, constants as zlib } from 'node:zlib';
import { WHOLE_WINDOW } from '../inflate';
import {
  decodePDFRawStream,
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFDocument,
  type PDFFont,
  type PDFObject,
  type PDFPage,
} from '@cantoo/pdf-lib';
import { removeActiveContent, type ActiveContentReport } from './activeContent';
import { copyAllPages, copySomePages } from './pageCopier';
import { readLayers, type BundleLayers } from './optionalContent';
import { refreshFieldAppearances } from './fieldAppearances';
import {
  applyMatrix,
  boxFromNumbers,
  IDENTITY,
  placePage,
  transformBox,
  visibleArea,
  type Box,
  type Matrix,
  type PageSettingsForPlacement,
} from './pageBoxes';
import { bundleDestination, lookupDict, SourceDestinations } from './sourceDestinations';
import { readSourceOutline, type SourceBookmark } from './sourceOutline';
import { stampOperators, visibleBox } from './stamp';

export interface SourcePageSettings extends PageSettingsForPlacement {
  sourceBookmarks: boolean;
}

export interface PreparedPage {
  page: PDFPage;
  /** Draws the source page's content (placed); the stamp goes after it. */
  contentOps: string;
  /** The page's own resources: the form XObject holding its content, and then the stamp font. */
  resources: PDFDict;
  /** Takes the source page's coordinates to the bundle page's. */
  matrix: Matrix;
}

export interface PreparedDocument {
  pages: PreparedPage[];
  /** The source's bookmarks (empty when the setting drops them); targets are pages of this document. */
  bookmarks: SourceBookmark[];
  activeContent: ActiveContentReport;
}

const name = (key: string) => PDFName.of(key);
const CONTENT_FORM = name('SBPage');
const STAMP_FONT = name('SBNum');
const BOXES_DROPPED = ['CropBox', 'TrimBox', 'BleedBox', 'ArtBox', 'BoxColorInfo'].map(name);
/** Pairs of coordinates in annotation dictionaries (ISO 32000-1, 12.5). */
const POINT_ARRAYS = ['QuadPoints', 'Vertices', 'L', 'CL'].map(name);

function lookup(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  try {
    return value instanceof PDFRef ? context.lookup(value) : value;
  } catch {
    return undefined;
  }
}

function numbers(context: PDFContext, value: PDFObject | undefined): number[] | null {
  const array = lookup(context, value);
  if (!(array instanceof PDFArray)) return null;
  const out: number[] = [];
  for (let i = 0; i < array.size(); i++) {
    const n = lookup(context, array.get(i));
    if (!(n instanceof PDFNumber)) return null;
    out.push(n.asNumber());
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const boxArray = (context: PDFContext, box: Box) =>
  context.obj([round(box.x0), round(box.y0), round(box.x1), round(box.y1)]);
const num = (x: number) => String(round(x));

/** The decoded bytes of a content stream; a damaged one gives what can be read of it, as readers do. */
function decoded(stream: PDFStream): Uint8Array {
  if (stream instanceof PDFContentStream) return stream.getUnencodedContents();
  if (!(stream instanceof PDFRawStream)) return stream.getContents();
  try {
    return decodePDFRawStream(stream).decode();
  } catch {
    try {
      return inflateSync(stream.contents, { ...WHOLE_WINDOW, finishFlush: zlib.Z_SYNC_FLUSH });
    } catch {
      return new Uint8Array(0);
    }
  }
}

/** Whether a stream is one of pdf-lib's own one-operator wrappers ("q" or "Q"). */
function isWrapper(stream: PDFStream, operator: 'q' | 'Q'): boolean {
  if (!(stream instanceof PDFRawStream) || stream.contents.length > 4 || stream.dict.has(name('Filter')))
    return false;
  return Buffer.from(stream.contents).toString('latin1').trim() === operator;
}

class PagePreparer {
  /** Content streams made into forms, with the box and resources they were made for. */
  private readonly forms = new Map<PDFStream, { bbox: string; resources: PDFObject | undefined }>();
  private readonly movedAnnotations = new Set<PDFDict>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly settings: PageSettingsForPlacement,
  ) {}

  private get context(): PDFContext {
    return this.doc.context;
  }

  /** The page's content as one form XObject (its own stream when it has one, else the streams joined). */
  private contentForm(page: PDFPage, area: Box, resources: PDFObject | undefined): PDFRef | null {
    const { context } = this;
    const raw = page.node.get(name('Contents'));
    const contents = lookup(context, raw);
    const items: PDFObject[] = contents instanceof PDFArray ? contents.asArray() : raw ? [raw] : [];
    const streams: Array<{ stream: PDFStream; ref: PDFRef | null }> = [];
    for (const item of items) {
      const stream = lookup(context, item);
      if (stream instanceof PDFStream) streams.push({ stream, ref: item instanceof PDFRef ? item : null });
    }
    // pdf-lib wraps a page's content in "q" … "Q" streams: a form saves and restores the state itself.
    while (
      streams.length > 1 &&
      isWrapper(streams[0].stream, 'q') &&
      isWrapper(streams[streams.length - 1].stream, 'Q')
    ) {
      streams.shift();
      streams.pop();
    }
    if (streams.length === 0) return null;
    const bbox = boxArray(context, area);
    const key = `${area.x0} ${area.y0} ${area.x1} ${area.y1}`;
    let form: PDFStream;
    let ref: PDFRef;
    if (streams.length === 1 && streams[0].ref) {
      ({ stream: form } = streams[0]);
      ref = streams[0].ref;
      const made = this.forms.get(form);
      if (made && made.bbox === key && made.resources === resources) return ref;
      if (made) {
        // The same content drawn by two pages with different boxes: each gets its own form.
        form = form instanceof PDFRawStream ? PDFRawStream.of(form.dict.clone(context), form.contents) : form;
        ref = context.register(form);
      }
    } else {
      const parts = streams.map((s) => decoded(s.stream));
      const joined = Buffer.concat(parts.flatMap((part) => [Buffer.from(part), Buffer.from('\n')]));
      form = context.stream(deflateSync(joined), { Filter: 'FlateDecode' });
      ref = context.register(form);
    }
    form.dict.set(name('Type'), name('XObject'));
    form.dict.set(name('Subtype'), name('Form'));
    form.dict.set(name('BBox'), bbox);
    form.dict.delete(name('Matrix'));
    if (resources !== undefined) form.dict.set(name('Resources'), resources);
    else form.dict.delete(name('Resources'));
    this.forms.set(form, { bbox: key, resources });
    return ref;
  }

  /** Moves an annotation with its page when the page was scaled onto A4. */
  private moveAnnotation(annot: PDFDict, m: Matrix): void {
    if (this.movedAnnotations.has(annot)) return;
    this.movedAnnotations.add(annot);
    const { context } = this;
    const rect = boxFromNumbersLoose(numbers(context, annot.get(name('Rect'))));
    if (rect) annot.set(name('Rect'), boxArray(context, transformBox(m, rect)));
    for (const key of POINT_ARRAYS) {
      const points = numbers(context, annot.get(key));
      if (points && points.length % 2 === 0) annot.set(key, context.obj(movePoints(m, points)));
    }
    const ink = lookup(context, annot.get(name('InkList')));
    if (ink instanceof PDFArray) {
      const paths = ink.asArray().map((path) => {
        const points = numbers(context, path);
        return context.obj(points && points.length % 2 === 0 ? movePoints(m, points) : []);
      });
      annot.set(name('InkList'), context.obj(paths));
    }
    const rd = numbers(context, annot.get(name('RD')));
    if (rd && rd.length === 4) annot.set(name('RD'), context.obj(rd.map((x) => round(x * m[0]))));
    // The border a reader draws round an annotation without a drawing of its own (a link's, say) is as
    // thick, and its dashes as long, as the page is scaled: /Border [h v width dashes] and /BS's /W and /D.
    const border = lookup(context, annot.get(name('Border')));
    if (border instanceof PDFArray) {
      const scaled = border.asArray().map((item, i) => {
        const value = lookup(context, item);
        if (i < 2) return item;
        if (value instanceof PDFNumber) return PDFNumber.of(round(value.asNumber() * m[0]));
        const dashes = numbers(context, item);
        return dashes ? context.obj(dashes.map((x) => round(x * m[0]))) : item;
      });
      annot.set(name('Border'), context.obj(scaled));
    }
    const shared = lookupDict(context, annot.get(name('BS')));
    if (shared) {
      // A copy: the same border style may be another annotation's too, and would be scaled twice.
      const style = shared.clone(context);
      annot.set(name('BS'), style);
      const width = lookup(context, style.get(name('W')));
      if (width instanceof PDFNumber) style.set(name('W'), PDFNumber.of(round(width.asNumber() * m[0])));
      const dashes = numbers(context, style.get(name('D')));
      if (dashes) style.set(name('D'), context.obj(dashes.map((x) => round(x * m[0]))));
    }
  }

  prepare(page: PDFPage): PreparedPage {
    const { context } = this;
    const node = page.node;
    const unitValue = lookup(context, node.get(name('UserUnit')));
    const unitNumber = unitValue instanceof PDFNumber ? unitValue.asNumber() : 1;
    const unit = Number.isFinite(unitNumber) && unitNumber > 0 ? unitNumber : 1;
    const media = boxFromNumbers(numbers(context, node.get(name('MediaBox'))), unit);
    const crop = boxFromNumbers(numbers(context, node.get(name('CropBox'))), unit);
    const area = visibleArea(media, crop, unit);
    const rotation = lookup(context, node.get(name('Rotate')));
    const placement = placeInPoints(
      area,
      unit,
      rotation instanceof PDFNumber ? rotation.asNumber() : 0,
      this.settings,
    );

    const ownResources = node.get(name('Resources'));
    const resourcesValue = lookup(context, ownResources) instanceof PDFDict ? ownResources : undefined;
    const form = this.contentForm(page, area, resourcesValue);
    const resources = context.obj({});
    if (form) resources.set(name('XObject'), context.obj({ [CONTENT_FORM.decodeText()]: form }));
    node.set(name('Resources'), resources);
    node.delete(name('Contents'));

    node.set(name('MediaBox'), boxArray(context, placement.media));
    for (const key of BOXES_DROPPED) node.delete(key);
    if (placement.rotate) node.set(name('Rotate'), PDFNumber.of(placement.rotate));
    else node.delete(name('Rotate'));
    // The new page is measured in points; the form keeps the source's own unit inside it.
    node.delete(name('UserUnit'));
    if (placement.moved) {
      const annots = lookup(context, node.get(name('Annots')));
      if (annots instanceof PDFArray) {
        for (const item of annots.asArray()) {
          const annot = lookupDict(context, item);
          if (annot) this.moveAnnotation(annot, placement.matrix);
        }
      }
    }
    const m = placement.matrix;
    const contentOps = form
      ? m === IDENTITY
        ? `q /${CONTENT_FORM.decodeText()} Do Q\n`
        : `q ${m.map(num).join(' ')} cm /${CONTENT_FORM.decodeText()} Do Q\n`
      : '';
    return { page, contentOps, resources, matrix: m };
  }
}

/**
 * placePage for a page measured in user units of `unit` points (/UserUnit, PDF 1.6): the page is placed by
 * its size in points, and the matrix first turns its units into points.
 */
function placeInPoints(
  area: Box,
  unit: number,
  rotate: number,
  settings: PageSettingsForPlacement,
): ReturnType<typeof placePage> {
  if (unit === 1) return placePage(area, rotate, settings);
  const inPoints = { x0: area.x0 * unit, y0: area.y0 * unit, x1: area.x1 * unit, y1: area.y1 * unit };
  const placed = placePage(inPoints, rotate, settings);
  const [a, b, c, d, e, f] = placed.matrix;
  return { ...placed, matrix: [a * unit, b * unit, c * unit, d * unit, e, f], moved: true };
}

function boxFromNumbersLoose(n: number[] | null): Box | null {
  if (!n || n.length !== 4 || !n.every(Number.isFinite)) return null;
  return {
    x0: Math.min(n[0], n[2]),
    y0: Math.min(n[1], n[3]),
    x1: Math.max(n[0], n[2]),
    y1: Math.max(n[1], n[3]),
  };
}

function movePoints(m: Matrix, points: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const [x, y] = applyMatrix(m, points[i], points[i + 1]);
    out.push(round(x), round(y));
  }
  return out;
}

/**
 * Copies every page of `source` into `doc` (appended at the end), or only the pages at `kept` (0-based, in
 * order), prepared as the bundle needs them, and its layers' settings into `layers` (listed under `label`).
 * Links and bookmarks to pages left out go. The source is changed on the way (its active content removed),
 * so load it for this call only.
 */
export async function addSourcePages(
  doc: PDFDocument,
  source: PDFDocument,
  settings: SourcePageSettings,
  layers?: { into: BundleLayers; label: string },
  kept?: readonly number[],
): Promise<PreparedDocument> {
  const destinations = new SourceDestinations(source, kept);
  const bookmarks = settings.sourceBookmarks ? readSourceOutline(source, destinations) : [];
  await refreshFieldAppearances(source);
  const activeContent = removeActiveContent(source, destinations, kept);
  const sourceLayers = readLayers(source);
  const copied = kept ? copySomePages(doc, source, [...kept]) : copyAllPages(doc, source);
  const preparer = new PagePreparer(doc, settings);
  const pages = copied.pages.map((page) => preparer.prepare(doc.addPage(page)));
  if (sourceLayers && layers) layers.into.add(source, sourceLayers, copied.copyOf, layers.label);

  const { context } = doc;
  activeContent.links.forEach((links, pageIndex) => {
    if (links.length === 0) return;
    const annots = lookup(context, pages[pageIndex].page.node.get(name('Annots')));
    if (!(annots instanceof PDFArray)) return;
    for (const link of links) {
      const annot = lookupDict(context, annots.get(link.annotIndex));
      const target = pages[link.target.page];
      if (!annot || !target) continue;
      annot.set(name('Dest'), bundleDestination(context, link.target, target.page.ref, target.matrix));
    }
  });
  return { pages, bookmarks, activeContent };
}

/**
 * One stream per way of drawing a page's form: most pages of a bundle draw theirs the same way ("q /SBPage
 * Do Q", or the same scaling onto A4), so the stream is written once and shared.
 */
const drawingStreams = new WeakMap<PDFDocument, Map<string, PDFRef>>();

function drawingStream(doc: PDFDocument, ops: string): PDFRef {
  let streams = drawingStreams.get(doc);
  if (!streams) drawingStreams.set(doc, (streams = new Map<string, PDFRef>()));
  let ref = streams.get(ops);
  if (!ref) {
    ref = doc.context.register(doc.context.stream(ops));
    streams.set(ops, ref);
  }
  return ref;
}

/**
 * Draws the page's content, then its bundle number in its own content stream, the page's last (where the
 * verification's stamp reader, pdf/read/stamps.ts, looks for it).
 */
export function finishSourcePage(
  doc: PDFDocument,
  prepared: PreparedPage,
  label: string,
  font: PDFFont,
): void {
  const { context } = doc;
  prepared.resources.set(name('Font'), context.obj({ [STAMP_FONT.decodeText()]: font.ref }));
  const stamp = context.register(
    context.stream(stampOperators(visibleBox(prepared.page), label, font, STAMP_FONT)),
  );
  const contents = prepared.contentOps ? [drawingStream(doc, prepared.contentOps), stamp] : [stamp];
  prepared.page.node.set(name('Contents'), context.obj(contents));
}
