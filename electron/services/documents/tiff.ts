/**
 * TIFF pictures (what office scanners, "scan to email" and fax machines often make, one page or many) into
 * a PDF with a page each, as JPEG and PNG photos are (images.ts): each page fitted to A4, its pixels'
 * shape kept (a fax's are twice as tall as wide). Decoding is UTIF's (every compression scanners use:
 * CCITT fax G3 and G4, LZW, PackBits, Deflate, JPEG); the file's structure is checked here first, as UTIF
 * follows a chain of pages that loops back on itself forever and reads whatever counts a file claims.
 * Runs in the untrusted-file worker, under its time limit and memory cap.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import UTIF from 'utif2';
import { LIMITS } from '../../../shared/limits';
import { ImageTooLarge, PictureNotSupported } from './images';
import { addPixelsPage } from './pixels';
import { decodeTiffLzw } from './tiffLzw';
import { boundFaxDecoders } from './tiffFax';
import { tiffPageRgba, unsupportedTiffPage } from './tiffPixels';

/** The file is not a TIFF this app can read, or is damaged: import refuses it as a damaged picture. */
export class TiffReadError extends Error {}

type Ifd = UTIF.IFD;

/** UTIF's reader of one directory and its byte readers, which its own decode() drives without the checks. */
interface UtifInternals {
  _binLE: unknown;
  _binBE: unknown;
  _readIFD(
    bin: unknown,
    data: Uint8Array,
    offset: number,
    ifds: Ifd[],
    depth: number,
    options: { parseMN: boolean; debug: boolean },
  ): void;
}
const utif = UTIF as unknown as UtifInternals;

// UTIF's LZW decoder keeps its table between files and can loop for ever on a damaged strip that follows
// another (tiffLzw.ts): strips are decoded with a table of their own, which refuses a code past its end.
(UTIF as unknown as { decode: { _decodeLZW: typeof decodeTiffLzw } }).decode._decodeLZW = decodeTiffLzw;
// Its fax decoders read a damaged fax for minutes: bounded (tiffFax.ts).
boundFaxDecoders((UTIF as unknown as { decode: Parameters<typeof boundFaxDecoders>[0] }).decode);

const TYPE_SIZES: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
};
/** Tags whose values are offsets of further directories UTIF reads (sub-pages, EXIF, GPS, and others). */
const DIRECTORY_TAGS = new Set([330, 34665, 34853, 50740, 61440]);
const MAX_ENTRIES = 4096;
const MAX_DEPTH = 4;

function reader(data: Uint8Array) {
  const little = data[0] === 0x49;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const inside = (offset: number, length: number) =>
    offset >= 0 && length >= 0 && offset + length <= data.length;
  return {
    inside,
    u16: (offset: number) => {
      if (!inside(offset, 2)) throw new TiffReadError('the file is cut short');
      return view.getUint16(offset, little);
    },
    u32: (offset: number) => {
      if (!inside(offset, 4)) throw new TiffReadError('the file is cut short');
      return view.getUint32(offset, little);
    },
  };
}

/**
 * The offsets of the file's pages (its chain of directories), after checking that every directory UTIF
 * will read, and every value in one, lies inside the file, and that no chain loops.
 */
function pageDirectories(data: Uint8Array): number[] {
  const read = reader(data);
  const magic = String.fromCharCode(data[0] ?? 0, data[1] ?? 0);
  if ((magic === 'II' || magic === 'MM') && read.u16(2) === 43)
    throw new PictureNotSupported('a BigTIFF picture (the form of TIFF for pictures over 4 GB)');
  if ((magic !== 'II' && magic !== 'MM') || read.u16(2) !== 42) throw new TiffReadError('not a TIFF');
  const seen = new Set<number>();
  const check = (offset: number, depth: number) => {
    if (depth > MAX_DEPTH) throw new TiffReadError('directories nested too deep');
    if (seen.has(offset)) throw new TiffReadError('a directory is used twice');
    seen.add(offset);
    const count = read.u16(offset);
    if (count > MAX_ENTRIES || !read.inside(offset + 2, count * 12 + 4))
      throw new TiffReadError('a directory runs past the end of the file');
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12;
      const tag = read.u16(entry);
      const size = TYPE_SIZES[read.u16(entry + 2)];
      if (size === undefined) continue; // UTIF skips a type it does not know
      const values = read.u32(entry + 4);
      const bytes = size * values;
      const at = bytes > 4 ? read.u32(entry + 8) : entry + 8;
      if (!read.inside(at, bytes)) throw new TiffReadError('a value lies outside the file');
      if (DIRECTORY_TAGS.has(tag) && (size === 4 || size === 8)) {
        const offsets = Math.min(values, 64);
        for (let j = 0; j < offsets; j++) {
          const sub = read.u32(at + j * (size === 8 ? 8 : 4));
          if (sub !== 0 && read.inside(sub, 2)) check(sub, depth + 1);
        }
      }
    }
  };
  const pages: number[] = [];
  let next = read.u32(4);
  while (next !== 0) {
    if (pages.length >= LIMITS.pdfPages) throw new TiffReadError('too many pages');
    check(next, 0);
    pages.push(next);
    next = read.u32(next + 2 + read.u16(next) * 12);
  }
  if (pages.length === 0) throw new TiffReadError('no pages');
  return pages;
}

function tag(ifd: Ifd, number: number): number | undefined {
  const value = ifd[`t${number}`];
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : undefined;
}

/** A RATIONAL tag's value (UTIF keeps each as [numerator, denominator]). */
function rational(ifd: Ifd, number: number): number | undefined {
  const value: unknown = ifd[`t${number}`];
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  if (typeof first === 'number') return first;
  if (Array.isArray(first) && typeof first[0] === 'number' && typeof first[1] === 'number' && first[1] !== 0)
    return first[0] / first[1];
  return undefined;
}

/**
 * A PDF with one A4 page for each page of the TIFF `bytes`. Throws ImageTooLarge for a page over
 * LIMITS.imagePixels (from its directory, before decoding), PictureNotSupported for a page of a kind this app
 * does not read (tiffPixels.ts), TiffReadError for a file that cannot be read.
 */
export async function tiffToPdf(bytes: Uint8Array, title: string, signal?: AbortSignal): Promise<Uint8Array> {
  const offsets = pageDirectories(bytes);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const data = new Uint8Array(buffer);
  const bin = data[0] === 0x49 ? utif._binLE : utif._binBE;
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const offset of offsets) {
    signal?.throwIfAborted();
    const found: Ifd[] = [];
    try {
      utif._readIFD(bin, data, offset, found, 0, { parseMN: false, debug: false });
    } catch {
      throw new TiffReadError('a page cannot be read');
    }
    const ifd = found[0];
    // A reduced-resolution copy of another page (a preview) is not a page of its own.
    if (!ifd || ((tag(ifd, 254) ?? 0) & 1) === 1) continue;
    const width = tag(ifd, 256) ?? 0;
    const height = tag(ifd, 257) ?? 0;
    if (width === 0 || height === 0) throw new TiffReadError('a page has no size');
    if (width * height > LIMITS.imagePixels) throw new ImageTooLarge(width, height);
    // UTIF's decoders read as many bytes as a strip's count says, past the file's end too: a damaged
    // count of about a billion held a G4 fax's import for 3 minutes (npm run fuzz --kinds pictures, seed 10).
    const starts = ifd.t273 ?? ifd.t324;
    const counts = ifd.t279 ?? ifd.t325;
    if (Array.isArray(starts) && Array.isArray(counts))
      for (let i = 0; i < starts.length; i++)
        if (!(Number(starts[i]) + Number(counts[i] ?? 0) <= data.length))
          throw new TiffReadError('a strip lies outside the file');
    const unsupported = unsupportedTiffPage(ifd);
    if (unsupported) throw new PictureNotSupported(unsupported);
    let rgba: Uint8Array;
    try {
      rgba = tiffPageRgba(buffer, ifd);
    } catch {
      throw new TiffReadError('a page cannot be decoded');
    }
    if (rgba.length < width * height * 4) throw new TiffReadError('a page is cut short');
    const xResolution = rational(ifd, 282);
    const yResolution = rational(ifd, 283);
    const pixelAspect =
      xResolution && yResolution && xResolution > 0 && yResolution > 0
        ? Math.min(4, Math.max(0.25, xResolution / yResolution))
        : 1;
    await addPixelsPage(
      doc,
      { width, height, rgba },
      {
        orientation: tag(ifd, 274) ?? 1,
        pixelAspect,
        bilevel: (tag(ifd, 258) ?? 8) === 1,
        scannedPage: true,
        // The InterColorProfile tag (TIFF/EP, Adobe's Photoshop TIFF notes: 34675).
        colourProfile: ifd.t34675 instanceof Uint8Array ? ifd.t34675 : null,
      },
    );
  }
  if (doc.getPageCount() === 0) throw new TiffReadError('no pages');
  doc.setTitle(title);
  doc.setProducer('SEND Bundle Builder');
  return doc.save({ useObjectStreams: false });
}
