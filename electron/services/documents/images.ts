/**
 * A photo or scan (JPEG, PNG) becomes one A4 page (a long screenshot several: placePicture): portrait or
 * landscape to match the picture as it is meant to be seen (phone photos often store pixels sideways with
 * an EXIF "orientation" tag), scaled to fit inside margins that leave room for the bundle's page number,
 * centred; a small picture is shown at its own size, not enlarged (POINTS_PER_PIXEL).
 */
import { crc32, createInflate, deflateSync } from 'node:zlib';
import { WHOLE_WINDOW } from '../inflate';
import {
  PDFDocument,
  clip as clipOperator,
  concatTransformationMatrix,
  drawObject,
  endPath,
  rectangle,
  popGraphicsState,
  pushGraphicsState,
  PDFName,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { A4_300DPI_PIXELS, LIMITS } from '../../../shared/limits';
import { jpegHeader, pngHeader } from '../untrusted/imageHeader';
import { scaleJpegDown } from './jpegScaled';
import { ADAM7, CHANNELS, decodePngScaled, pngHeaderIsValid } from './pngScaled';
import { jpegIccProfile, pngColourProfile, useColourProfile } from './colourProfile';
import { jpegPictureOnly, leftOutOfJpegNotes } from './jpegPicture';

const A4_PORTRAIT: [number, number] = [595.28, 841.89];
/** 15 mm on every side: inside the area bundles stamp page numbers onto. */
const IMAGE_MARGIN = 42.52;

/**
 * EXIF orientation (1–8) of a JPEG, 1 when absent or unreadable. Only APP1 "Exif" segments before the
 * image data are read.
 */
export function jpegOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return 1;
    const marker = bytes[pos + 1];
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return 1; // image data starts: no EXIF before it
    const length = view.getUint16(pos + 2);
    const start = pos + 4;
    if (
      marker === 0xe1 &&
      start + 14 <= bytes.length &&
      String.fromCharCode(...bytes.subarray(start, start + 4)) === 'Exif'
    ) {
      return orientationFromTiff(view, start + 6, Math.min(bytes.length, pos + 2 + length));
    }
    pos += 2 + length;
  }
  return 1;
}

/**
 * EXIF orientation (1–8) of a PNG, from its eXIf chunk (PNG 1.5's EXIF, as ImageMagick keeps a phone photo's
 * when it converts one to PNG without turning its pixels), 1 when absent or unreadable. As Chromium does,
 * only an eXIf chunk before the image data counts, and only one holding the TIFF header itself (no "Exif"
 * prefix, which JPEG's APP1 has and the PNG chunk must not).
 */
export function pngOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (type === 'IDAT' || type === 'IEND') return 1;
    const start = pos + 8;
    if (start + length > bytes.length) return 1;
    if (type === 'eXIf') return orientationFromTiff(view, start, start + length);
    pos = start + length + 4;
  }
  return 1;
}

function orientationFromTiff(view: DataView, tiff: number, end: number): number {
  try {
    const little = view.getUint16(tiff) === 0x4949;
    const u16 = (at: number) => view.getUint16(at, little);
    const u32 = (at: number) => view.getUint32(at, little);
    if (!little && view.getUint16(tiff) !== 0x4d4d) return 1;
    if (u16(tiff + 2) !== 42) return 1;
    const ifd = tiff + u32(tiff + 4);
    const entries = u16(ifd);
    for (let i = 0; i < entries; i++) {
      const entry = ifd + 2 + i * 12;
      if (entry + 12 > end) return 1;
      if (u16(entry) === 0x0112) {
        const value = u16(entry + 8);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
  } catch {
    // A truncated EXIF block: treat the picture as upright.
  }
  return 1;
}

type Point = [number, number];

/**
 * For each EXIF orientation, where a point of the stored pixels (x right, y down, unit square) appears in
 * the picture as it is meant to be seen (same convention).
 */
const EXIF_ORIENTATIONS: Record<number, (x: number, y: number) => Point> = {
  1: (x, y) => [x, y],
  2: (x, y) => [1 - x, y], // mirrored
  3: (x, y) => [1 - x, 1 - y], // upside down
  4: (x, y) => [x, 1 - y], // mirrored and upside down
  5: (x, y) => [y, x], // mirrored and on its side
  6: (x, y) => [1 - y, x], // needs turning a quarter clockwise
  7: (x, y) => [1 - y, 1 - x], // mirrored and on its side
  8: (x, y) => [y, 1 - x], // needs turning a quarter anticlockwise
};

/** Where a corner (u, v: PDF's unit square, v up) of the stored image lands in the displayed picture (v up). */
function orient(orientation: number, u: number, v: number): Point {
  const [X, Y] = (EXIF_ORIENTATIONS[orientation] ?? EXIF_ORIENTATIONS[1])(u, 1 - v);
  return [X, 1 - Y];
}

interface ImagePlacement {
  pageWidth: number;
  pageHeight: number;
  /** The picture's box on the page (displayed orientation); for a long picture, reaching past the page. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The part of the page the picture shows through, when it is shown in slices over several pages. */
  clip?: { x: number; y: number; width: number; height: number };
}

/**
 * The most a picture's pixel is shown across, in points: its size on a screen at 100% (96 pixels an inch),
 * as a word processor puts a picture on a page. A smaller picture (an icon, a logo taken out of an email)
 * is shown at that size, not enlarged to fill the page, which would only show its pixels as blurred blocks.
 */
const POINTS_PER_PIXEL = 72 / 96;

/** How much bigger than its own size a picture would have to be enlarged for its note to say so. */
const SMALL_PICTURE_ENLARGEMENT = 2;

const A4_AREA = { width: A4_PORTRAIT[0] - 2 * IMAGE_MARGIN, height: A4_PORTRAIT[1] - 2 * IMAGE_MARGIN };

/**
 * Page and box for a picture shown `width` × `height` (after orientation). One that fits on an A4 page at
 * its own size (POINTS_PER_PIXEL) is shown so, on a portrait page, at the top, centred across; a bigger one,
 * or a scanned page (`scannedPage`: the paper was a page, whatever its pixel count), is fitted, on A4 in its
 * orientation, centred.
 */
export function placeImage(width: number, height: number, scannedPage = false): ImagePlacement {
  const own = { width: width * POINTS_PER_PIXEL, height: height * POINTS_PER_PIXEL };
  if (!scannedPage && own.width <= A4_AREA.width && own.height <= A4_AREA.height) {
    const [pageWidth, pageHeight] = A4_PORTRAIT;
    return {
      pageWidth,
      pageHeight,
      x: (pageWidth - own.width) / 2,
      y: pageHeight - IMAGE_MARGIN - own.height,
      ...own,
    };
  }
  const landscape = width > height;
  const [pageWidth, pageHeight] = landscape ? [A4_PORTRAIT[1], A4_PORTRAIT[0]] : A4_PORTRAIT;
  const scale = Math.min(
    (pageWidth - 2 * IMAGE_MARGIN) / width,
    (pageHeight - 2 * IMAGE_MARGIN) / height,
    scannedPage ? Infinity : POINTS_PER_PIXEL,
  );
  const w = width * scale;
  const h = height * scale;
  return { pageWidth, pageHeight, x: (pageWidth - w) / 2, y: (pageHeight - h) / 2, width: w, height: h };
}

/** Pages one picture is laid over, at most (a screenshot of a long chat at the pixel limit takes about 70). */
export const MAX_PICTURE_PAGES = 100;

/** How much of the page before a long picture's next page shows again at its top, so no line is only cut. */
const LONG_PICTURE_OVERLAP = 36;

/**
 * Pages for a picture `width` × `height`: one (placeImage), unless fitting it would leave it less than
 * half the page's width, as a screenshot scrolled down a long chat or web page would be (its text a point
 * high). Then it is shown at the page's width (or its own, if narrower), in slices top to bottom over as
 * many A4 pages as it takes, each beginning with the last few lines of the page before.
 */
export function placePicture(width: number, height: number, scannedPage = false): ImagePlacement[] {
  const [pageWidth, pageHeight] = A4_PORTRAIT;
  const area = A4_AREA;
  const pointsPerPixel = scannedPage ? Infinity : POINTS_PER_PIXEL;
  if (height / width <= (2 * area.height) / area.width || height * pointsPerPixel <= area.height)
    return [placeImage(width, height, scannedPage)];
  const step = area.height - LONG_PICTURE_OVERLAP;
  // At most MAX_PICTURE_PAGES pages: a longer picture is shown narrower. A scanned page one pixel wide and
  // 65,537 tall (an 8 KB TIFF) was laid over 46,390 pages at the page's width, and its import ran out of time.
  const most = MAX_PICTURE_PAGES * step + LONG_PICTURE_OVERLAP;
  const shownWidth = Math.min(area.width, width * pointsPerPixel, (most / height) * width);
  const shownHeight = height * (shownWidth / width);
  const pages = Math.min(MAX_PICTURE_PAGES, Math.ceil((shownHeight - LONG_PICTURE_OVERLAP) / step));
  return Array.from({ length: pages }, (_, page) => ({
    pageWidth,
    pageHeight,
    x: (pageWidth - shownWidth) / 2,
    // The picture's top sits at the top margin on the first page, one step higher on each page after.
    y: pageHeight - IMAGE_MARGIN + page * step - shownHeight,
    width: shownWidth,
    height: shownHeight,
    clip: { x: IMAGE_MARGIN, y: IMAGE_MARGIN, ...area },
  }));
}

/**
 * What the user sees about how a picture `width` × `height` (after orientation) was laid out: over
 * several pages (a long screenshot), or at its own small size rather than enlarged.
 */
export function pictureNotes(width: number, height: number, scannedPage = false): string[] {
  const places = placePicture(width, height, scannedPage);
  if (places.length > 1)
    return [
      places[0].width < A4_AREA.width - 0.01 && places.length === MAX_PICTURE_PAGES
        ? `It is a very long picture (${width} × ${height} pixels): it is shown over ${places.length} pages, the most one picture is given, and so narrower than the page, each page beginning with the last lines of the page before.`
        : `It is a long picture (such as a screenshot scrolled down a chat or web page): so that it can be read, it is shown at the width of the page over ${places.length} pages, each beginning with the last lines of the page before.`,
    ];
  const fitted = Math.min(A4_AREA.width / width, A4_AREA.height / height);
  if (scannedPage || fitted < SMALL_PICTURE_ENLARGEMENT * POINTS_PER_PIXEL) return [];
  return [
    `It is a small picture (${width} × ${height} pixels): it is shown at its own size, as on a screen, not enlarged to fill the page, which would only blur it.`,
  ];
}

/** A JPEG or PNG whose end is missing (a download or copy that did not finish): refused, not half shown. */
export class PictureCutShort extends Error {}

/**
 * Whether a JPEG reaches its end-of-image marker: its segments walked by their lengths, and each scan's
 * coded data to the marker after it. A file cut short ends before it, and its page would show the top of
 * the picture over grey. Data after the marker (a phone's motion photo, say) is not looked at.
 */
export function jpegIsWhole(bytes: Uint8Array): boolean {
  // The walk that keeps a JPEG's picture for its page (jpegPicture.ts) reaches its end only in a whole one.
  return jpegPictureOnly(bytes) !== null;
}

/** Whether a PNG's chunks, walked by their lengths, reach its IEND chunk, with picture data (IDAT) before it. */
export function pngIsWhole(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let data = false;
  while (pos + 12 <= bytes.length) {
    const size = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    if (pos + 12 + size > bytes.length) return false;
    if (type === 'IDAT') data = true;
    if (type === 'IEND') return data;
    pos += 12 + size;
  }
  return false;
}

/** A picture whose own checks fail: a PNG whose picture data does not unpack whole (refused as damaged). */
export class PictureDamaged extends Error {}

/** How many bytes a PNG's picture data unpacks to, from its header (each row with its filter byte). */
function pngRawBytes(bytes: Uint8Array): number | null {
  if (bytes.length < 33) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24];
  const colorType = bytes[25];
  const channels = CHANNELS[colorType];
  if (!channels) return null;
  if (
    !pngHeaderIsValid({ depth, colorType, compression: bytes[26], filter: bytes[27], interlace: bytes[28] })
  )
    return null;
  const rowBytes = (w: number) => 1 + Math.ceil((w * channels * depth) / 8);
  if (bytes[28] !== 1) return height * rowBytes(width);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) total += h * rowBytes(w);
  }
  return total;
}

/**
 * Chunks a page does not show that pdf-lib's decoder unpacks whole: a PNG's text (its comments, a program's
 * notes, XMP: a zTXt's or compressed iTXt's text, so a 3 MB file's chunk unpacking to 1 GB took the import's
 * reader past its memory), and an animated PNG's frames (each unpacked to the size its frame header gives
 * and kept: 200 frames of 2000 × 2000 in a 2 MB file took 16 s and were then refused as damaged). The page
 * shows the picture as viewers without animation show it: its default image.
 */
const PNG_UNSHOWN_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'acTL', 'fcTL', 'fdAT']);

/**
 * What pdf-lib is given of a sound PNG, or null when the PNG is damaged. A PNG's picture data (its IDAT
 * chunks) must unpack whole: zlib's own check of what it unpacks (Adler-32) passes, and it holds every row
 * its header promises. pdf-lib's decoder checks neither, so a photo with a byte changed in its data was
 * shown with its pixels wrong from there on, without a word; a photo viewer may show it so too. Its header
 * must be one the standard allows (pngHeaderIsValid), and a picture of palette colours must have its
 * palette. Unpacked in pieces, none kept.
 *
 * pdf-lib unpacks all the picture data at once, and readers read only the rows the header gives: data that
 * unpacks past them (a 1.5 MB file of 1.5 GB of zeros after a 100-pixel picture) is not read on (it took the
 * reader to 3 GB), and the picture is given again with its rows alone. So are PNGs with text chunks or an
 * animation's frames, without them.
 * Any other PNG is given as it is.
 */
export async function pngForEmbedding(bytes: Uint8Array): Promise<Uint8Array | null> {
  const expected = pngRawBytes(bytes);
  if (expected === null) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: { type: string; start: number; end: number }[] = [];
  for (let pos = 8; pos + 12 <= bytes.length;) {
    const size = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    if (pos + 12 + size > bytes.length || type === 'IEND') break;
    chunks.push({ type, start: pos, end: pos + 12 + size });
    pos += 12 + size;
  }
  // A picture of colours from a palette it does not have cannot be shown.
  if (bytes[25] === 3 && !chunks.some((c) => c.type === 'PLTE')) return null;
  const idat = chunks.filter((c) => c.type === 'IDAT');
  const unpacked = await unpackRows(
    idat.map((c) => bytes.subarray(c.start + 8, c.end - 4)),
    expected,
  );
  if (unpacked === 'damaged') return null;
  const unshown = chunks.some((c) => PNG_UNSHOWN_CHUNKS.has(c.type));
  if (unpacked === 'whole' && !unshown) return bytes;
  const rows = unpacked === 'whole' ? null : unpacked;
  const pieces: Uint8Array[] = [bytes.subarray(0, 8)];
  let dataWritten = false;
  for (const c of chunks) {
    if (PNG_UNSHOWN_CHUNKS.has(c.type)) continue;
    if (c.type === 'IDAT' && rows) {
      if (!dataWritten) pieces.push(pngChunk('IDAT', deflateSync(rows)));
      dataWritten = true;
      continue;
    }
    pieces.push(bytes.subarray(c.start, c.end));
  }
  pieces.push(pngChunk('IEND', new Uint8Array(0)));
  return Buffer.concat(pieces);
}

/** The frames an animated PNG says it has (its acTL chunk, before its picture data); 0 for a still one. */
function pngAnimationFrames(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos = 8; pos + 12 <= bytes.length;) {
    const size = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    if (type === 'IDAT' || type === 'IEND') return 0;
    if (type === 'acTL' && size >= 8 && pos + 16 <= bytes.length) return view.getUint32(pos + 8);
    pos += 12 + size;
  }
  return 0;
}

/** A PNG chunk: its length, type, data and CRC. */
function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Unpacks a PNG's picture data: 'whole' when it unpacks, checked, to at least the `expected` bytes of its
 * rows and no more; its rows alone (the first `expected` bytes) when it unpacks to more, stopped there;
 * 'damaged' when it does not unpack or holds fewer rows.
 */
function unpackRows(pieces: Uint8Array[], expected: number): Promise<'whole' | 'damaged' | Uint8Array> {
  return new Promise((resolve) => {
    const inflate = createInflate({ ...WHOLE_WINDOW, chunkSize: 64 * 1024 });
    let unpacked = 0;
    let kept: Buffer[] | null = null;
    let settled = false;
    const settle = (result: 'whole' | 'damaged' | Uint8Array) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (settled) return;
      unpacked += chunk.length;
      if (unpacked <= expected) return;
      // More than its rows: read again, keeping the rows, and stop.
      if (kept === null) {
        inflate.destroy();
        kept = [];
        const again = createInflate({ ...WHOLE_WINDOW, chunkSize: 64 * 1024 });
        let got = 0;
        again.on('data', (piece: Buffer) => {
          if (settled) return;
          kept!.push(piece.subarray(0, Math.min(piece.length, expected - got)));
          got += piece.length;
          if (got >= expected) {
            again.destroy();
            settle(Buffer.concat(kept!));
          }
        });
        again.on('error', () => settle('damaged'));
        again.on('end', () => settle(got >= expected ? Buffer.concat(kept!) : 'damaged'));
        for (const piece of pieces) if (!settled) again.write(piece);
        again.end();
      }
    });
    inflate.on('error', () => {
      if (kept === null) settle('damaged');
    });
    inflate.on('end', () => {
      if (kept === null) settle(unpacked >= expected ? 'whole' : 'damaged');
    });
    for (const piece of pieces) inflate.write(piece);
    inflate.end();
  });
}

/** The picture is of a kind of its format this app cannot read; `description` follows "it is". */
export class PictureNotSupported extends Error {
  constructor(readonly description: string) {
    super(description);
  }
}

/** A picture over LIMITS.imagePixels: refused from its header, before any decoding. */
export class ImageTooLarge extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
    /** The limit it is over: LIMITS.imagePixels, or lower for pictures decoded in WebAssembly. */
    readonly limit: number = LIMITS.imagePixels,
  ) {
    super(`${width} × ${height} pixels`);
  }
}

/** Start-of-frame markers of JPEG's lossless and hierarchical kinds, which PDF's DCT filter does not take. */
const LOSSLESS_OR_HIERARCHICAL_JPEG = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xcb, 0xcd, 0xce, 0xcf]);
/** Start-of-frame markers of arithmetic-coded JPEG (sequential and progressive). */
const ARITHMETIC_JPEG = new Set([0xc9, 0xca]);

interface EmbeddedPicture {
  ref: PDFRef;
  width: number;
  height: number;
  /** Drawn upright already (a scaled JPEG): its EXIF orientation no longer applies. */
  upright?: boolean;
}

/**
 * The picture as an image in `doc`. Sizes come from the header first: over the pixel limit is refused;
 * a PNG over the downscale size is decoded straight to about 300 dpi on A4 (pngScaled.ts), as an interlaced
 * one is at its own size (transparency laid onto white, as on the page), a JPEG over it
 * is drawn at that size (jpegScaled.ts); anything else goes through pdf-lib (a JPEG is embedded as it is,
 * never decoded).
 */
async function embedPicture(
  doc: PDFDocument,
  bytes: Uint8Array,
  type: 'jpeg' | 'png',
  orientation: number,
  signal?: AbortSignal,
): Promise<EmbeddedPicture> {
  const picture = await embedPixels(doc, bytes, type, orientation, signal);
  // Skia turns the colours of a JPEG it scales into ordinary screen colours itself.
  if (!picture.upright)
    useColourProfile(
      doc,
      picture.ref,
      type === 'jpeg' ? jpegIccProfile(bytes) : (colours) => pngColourProfile(bytes, colours),
    );
  return picture;
}

/**
 * The picture's pixels as an image in `doc` (embedPicture), in its own colours. `orientation` (EXIF's) is how
 * it will be shown: a PNG stored on its side that is long when shown keeps the pixels a long picture keeps.
 */
async function embedPixels(
  doc: PDFDocument,
  bytes: Uint8Array,
  type: 'jpeg' | 'png',
  orientation: number,
  signal?: AbortSignal,
): Promise<EmbeddedPicture> {
  const header = type === 'jpeg' ? jpegHeader(bytes) : pngHeader(bytes);
  if (!header || header.width === 0 || header.height === 0) throw new Error('the picture has no size');
  const pixels = header.width * header.height;
  if (pixels > LIMITS.imagePixels) throw new ImageTooLarge(header.width, header.height);
  // pdf-lib's decoder reads the first row of an interlaced picture's later passes wrongly when it is written
  // with the Average filter (its pixels then wrong, without a word): interlaced ones are read by ours, at
  // their own size when small enough.
  const interlaced = type === 'png' && bytes[28] === 1;
  if (type === 'png' && (pixels > LIMITS.imageDownscalePixels || interlaced)) {
    const landscape = header.width > header.height;
    // A long screenshot, shown at the page's width over several pages, keeps the downscale size's pixels:
    // fitted into one A4 page's shape it would be left a couple of hundred pixels wide.
    const keep = Math.sqrt(LIMITS.imageDownscalePixels / pixels);
    const [maxWidth, maxHeight] =
      pixels <= LIMITS.imageDownscalePixels
        ? [header.width, header.height]
        : (orientation >= 5
              ? placePicture(header.height, header.width)
              : placePicture(header.width, header.height)
            ).length > 1
          ? [Math.floor(header.width * keep), Math.floor(header.height * keep)]
          : landscape
            ? [A4_300DPI_PIXELS.long, A4_300DPI_PIXELS.short]
            : [A4_300DPI_PIXELS.short, A4_300DPI_PIXELS.long];
    const scaled = await decodePngScaled(bytes, maxWidth, maxHeight, signal);
    const stream = doc.context.flateStream(scaled.data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: scaled.width,
      Height: scaled.height,
      ColorSpace: PDFName.of(scaled.channels === 1 ? 'DeviceGray' : 'DeviceRGB'),
      BitsPerComponent: 8,
    });
    return { ref: doc.context.register(stream), width: scaled.width, height: scaled.height };
  }
  const frame = type === 'jpeg' ? header.frame : undefined;
  if (frame && frame.bits !== 8)
    throw new PictureNotSupported(
      `a JPEG picture of ${frame.bits} bits a colour (as medical and scientific cameras make), which PDF cannot hold`,
    );
  if (frame && LOSSLESS_OR_HIERARCHICAL_JPEG.has(frame.marker))
    throw new PictureNotSupported('a lossless or hierarchical JPEG picture (as medical scanners make)');
  // Arithmetic coding is in the JPEG standard, but pdf.js (the app's preview) shows such a picture blank.
  const arithmetic = frame !== undefined && ARITHMETIC_JPEG.has(frame.marker);
  if (type === 'jpeg' && (pixels > LIMITS.imageDownscalePixels || arithmetic)) {
    const scaled = await scaleJpegDown(bytes, signal);
    if (scaled) {
      const image = await doc.embedJpg(scaled.jpeg);
      return { ref: image.ref, width: image.width, height: image.height, upright: true };
    }
    if (arithmetic)
      throw new PictureNotSupported('a JPEG picture coded arithmetically, which this app cannot read here');
  }
  // The large PNGs above are unpacked by Node's zlib, which checks the data as it goes (pngScaled.ts).
  const png = type === 'png' ? await pngForEmbedding(bytes) : null;
  if (type === 'png' && !png) throw new PictureDamaged();
  // A JPEG's page holds its picture only: not its details or a motion photo's video (jpegPicture.ts).
  const image =
    type === 'jpeg' ? await doc.embedJpg(jpegPictureOnly(bytes)?.jpeg ?? bytes) : await doc.embedPng(png!);
  // Written now rather than when the document is saved, so that its colours can name their profile.
  await image.embed();
  return { ref: image.ref, width: image.width, height: image.height };
}

/**
 * A4 pages in `doc` showing the picture `image` (an image XObject `width` × `height` pixels), turned as its
 * EXIF-style `orientation` (1-8) says: one page with the picture fitted, or a long picture's slices
 * (placePicture). `pixelAspect`: a pixel's height over its width (a fax's pixels are twice as tall as they
 * are wide); 1 when they are square. `scannedPage`: fitted to the page however few its pixels. Returns what the user should be told about the layout (pictureNotes).
 */
export function addPicturePages(
  doc: PDFDocument,
  image: { ref: PDFRef; width: number; height: number },
  orientation: number,
  pixelAspect = 1,
  scannedPage = false,
): string[] {
  const sideways = orientation >= 5;
  const width = image.width;
  const height = image.height * pixelAspect;
  const shownWidth = sideways ? height : width;
  const shownHeight = sideways ? width : height;
  for (const place of placePicture(shownWidth, shownHeight, scannedPage)) {
    const page = doc.addPage([place.pageWidth, place.pageHeight]);
    const toPage = ([s, t]: Point): Point => [place.x + s * place.width, place.y + t * place.height];
    const origin = toPage(orient(orientation, 0, 0));
    const alongU = toPage(orient(orientation, 1, 0));
    const alongV = toPage(orient(orientation, 0, 1));
    const name = page.node.newXObject('Image', image.ref);
    const { clip } = place;
    page.pushOperators(
      pushGraphicsState(),
      ...(clip ? [rectangle(clip.x, clip.y, clip.width, clip.height), clipOperator(), endPath()] : []),
      concatTransformationMatrix(
        alongU[0] - origin[0],
        alongU[1] - origin[1],
        alongV[0] - origin[0],
        alongV[1] - origin[1],
        origin[0],
        origin[1],
      ),
      drawObject(name),
      popGraphicsState(),
    );
  }
  return pictureNotes(shownWidth, shownHeight, scannedPage);
}

/**
 * A4 PDF showing the picture (on one page, or a long picture over several: placePicture), and notes on
 * how it was laid out (pictureNotes). Throws PictureCutShort for a file whose end is missing, ImageTooLarge
 * over the pixel limit, PictureDamaged for a PNG whose data fails its own check, and something else if the
 * picture cannot be read.
 */
export async function imageToPdf(
  bytes: Uint8Array,
  type: 'jpeg' | 'png',
  title: string,
  signal?: AbortSignal,
): Promise<{ pdf: Uint8Array; notes: string[] }> {
  if (!(type === 'jpeg' ? jpegIsWhole(bytes) : pngIsWhole(bytes))) throw new PictureCutShort();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const orientation = type === 'jpeg' ? jpegOrientation(bytes) : pngOrientation(bytes);
  const image = await embedPicture(doc, bytes, type, orientation, signal);
  if (!(image.width > 0 && image.height > 0)) throw new Error('the picture has no size');
  const leftOut = type === 'jpeg' ? jpegPictureOnly(bytes)?.leftOut : undefined;
  const frames = type === 'png' ? pngAnimationFrames(bytes) : 0;
  const notes = [
    ...addPicturePages(doc, image, image.upright ? 1 : orientation),
    ...(leftOut ? leftOutOfJpegNotes(leftOut) : []),
    ...(frames > 1
      ? [`It is a moving picture (an animated PNG of ${frames} frames): its page shows the first frame.`]
      : []),
  ];
  doc.setTitle(title);
  doc.setProducer('SEND Bundle Builder');
  return { pdf: await doc.save({ useObjectStreams: false }), notes };
}
