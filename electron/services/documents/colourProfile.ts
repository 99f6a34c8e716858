/**
 * Colour profiles (ICC) that pictures carry. A phone's photos are in a wider colour space than a screen's
 * ordinary one (an iPhone's in Display P3, its profile in every HEIC and JPEG it takes), and a picture's
 * numbers mean the colours its profile says. Browsers, photo viewers and PDF readers turn them into the
 * screen's colours; left out, the page shows the numbers as ordinary screen colours: duller reds and
 * greens, and wrong altogether for a picture whose profile does something else. So the picture's image on
 * the page names its profile (an ICCBased colour space, PDF 32000-1:2008 8.6.5.5), and the reader turns the
 * colours as a photo viewer does.
 *
 * A profile is used only when it is one a PDF reader can take for the image's colours: whole, an input,
 * display or output profile (not a link between two others), of the image's number of colours, version 4
 * or older, its tags inside it. Anything else is left out, and the numbers shown as they are, as before.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, PDFStream, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { WHOLE_WINDOW } from '../inflate';
import { profileForCodePoints, profileForPngGamma } from './madeProfiles';
import { IsoMediaDamaged, itemProperties, type Box, type ItemProperties } from './isoMedia';

/** The largest profile read (a camera's is under 4 KB, a printer's a few hundred KB). */
export const MAX_ICC_PROFILE_BYTES = 4 * 1024 * 1024;

/** Colours a pixel has: grey, RGB or CMYK. */
export type ColourCount = 1 | 3 | 4;

const COLOUR_SPACES: Record<string, ColourCount> = { GRAY: 1, 'RGB ': 3, CMYK: 4 };
/** Input (scanner, camera), display, output and colour-space profiles: those PDF's ICCBased can name. */
const PROFILE_CLASSES = new Set(['scnr', 'mntr', 'prtr', 'spac']);
/** What a profile needs to turn its colours: a table (A2B0), or for grey a curve, for RGB a matrix and curves. */
const NEEDED_TAGS: Record<ColourCount, string[][]> = {
  1: [['A2B0'], ['kTRC']],
  3: [['A2B0'], ['rXYZ', 'gXYZ', 'bXYZ', 'rTRC', 'gTRC', 'bTRC']],
  4: [['A2B0']],
};
const MAX_TAGS = 100;

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

/**
 * `profile` cut to its own length when it is a profile a PDF reader can use for pixels of `colours`
 * colours (see the top of this file); null otherwise.
 */
export function usableIccProfile(profile: Uint8Array | null, colours: ColourCount): Uint8Array | null {
  if (!profile || profile.length < 132) return null;
  const view = new DataView(profile.buffer, profile.byteOffset, profile.byteLength);
  const size = view.getUint32(0);
  if (size < 132 || size > profile.length || size > MAX_ICC_PROFILE_BYTES) return null;
  if (ascii(profile, 36) !== 'acsp') return null;
  if (profile[8] < 2 || profile[8] > 4) return null;
  if (!PROFILE_CLASSES.has(ascii(profile, 12))) return null;
  if (COLOUR_SPACES[ascii(profile, 16)] !== colours) return null;
  if (ascii(profile, 20) !== 'XYZ ' && ascii(profile, 20) !== 'Lab ') return null;
  const count = view.getUint32(128);
  if (count === 0 || count > MAX_TAGS || 132 + count * 12 > size) return null;
  const tags = new Set<string>();
  for (let i = 0; i < count; i++) {
    const entry = 132 + i * 12;
    const offset = view.getUint32(entry + 4);
    const length = view.getUint32(entry + 8);
    if (offset < 132 + count * 12 || length < 8 || offset + length > size) return null;
    tags.add(ascii(profile, entry));
  }
  if (!NEEDED_TAGS[colours].some((set) => set.every((tag) => tags.has(tag)))) return null;
  return profile.subarray(0, size);
}

/**
 * The profile in a JPEG's APP2 "ICC_PROFILE" segments (a profile over 64 KB is split across several, each
 * numbered), joined in order; null when there is none, or a piece is missing or given twice.
 */
export function jpegIccProfile(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pieces = new Map<number, Uint8Array>();
  let expected = 0;
  let total = 0;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    const length = view.getUint16(pos + 2);
    const start = pos + 4;
    const end = Math.min(bytes.length, pos + 2 + length);
    if (
      marker === 0xe2 &&
      end - start > 14 &&
      String.fromCharCode(...bytes.subarray(start, start + 12)) === 'ICC_PROFILE\0'
    ) {
      const sequence = bytes[start + 12];
      const count = bytes[start + 13];
      if (sequence === 0 || sequence > count || pieces.has(sequence)) return null;
      if (expected !== 0 && count !== expected) return null;
      expected = count;
      const piece = bytes.subarray(start + 14, end);
      total += piece.length;
      if (total > MAX_ICC_PROFILE_BYTES) return null;
      pieces.set(sequence, piece);
    }
    pos += 2 + length;
  }
  if (expected === 0 || pieces.size !== expected) return null;
  const profile = new Uint8Array(total);
  let at = 0;
  for (let sequence = 1; sequence <= expected; sequence++) {
    const piece = pieces.get(sequence)!;
    profile.set(piece, at);
    at += piece.length;
  }
  return profile;
}

/** The profile in a PNG's iCCP chunk (before its image data), unpacked; null when none can be read. */
export function pngIccProfile(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = ascii(bytes, pos + 4);
    if (type === 'IDAT' || type === 'IEND') return null;
    const data = bytes.subarray(pos + 8, Math.min(bytes.length, pos + 8 + length));
    if (type === 'iCCP') {
      const nameEnd = data.indexOf(0);
      // A name of 1-79 bytes, its end, and the compression method (0, zlib) before the packed profile.
      if (nameEnd < 1 || nameEnd > 79 || data[nameEnd + 1] !== 0) return null;
      try {
        return new Uint8Array(
          inflateSync(data.subarray(nameEnd + 2), {
            ...WHOLE_WINDOW,
            maxOutputLength: MAX_ICC_PROFILE_BYTES,
          }),
        );
      } catch {
        return null;
      }
    }
    pos += 12 + length;
  }
  return null;
}

/**
 * The profile of a PNG's colours, as browsers choose it: from its code points (`cICP`), else its own profile
 * (`iCCP`), else none when it says it is sRGB (`sRGB`), else one made from its gamma and chromaticities
 * (`gAMA`, `cHRM`; madeProfiles.ts), for its image written with `colours` colours. Null when its numbers are
 * to be shown as they are.
 */
export function pngColourProfile(bytes: Uint8Array, colours: ColourCount = 3): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = new Map<string, Uint8Array>();
  for (let pos = 8; pos + 12 <= bytes.length;) {
    const length = view.getUint32(pos);
    const type = ascii(bytes, pos + 4);
    if (type === 'IDAT' || type === 'IEND') break;
    if (!found.has(type)) found.set(type, bytes.subarray(pos + 8, Math.min(bytes.length, pos + 8 + length)));
    pos += 12 + length;
  }
  // A grey PNG's image may be written as grey or as RGB: the profile made is for the image as written.
  const grey = colours === 1;
  const cicp = found.get('cICP');
  if (cicp && cicp.length === 4)
    return profileForCodePoints({ primaries: cicp[0], transfer: cicp[1] }, { grey });
  if (found.has('iCCP')) return pngIccProfile(bytes);
  if (found.has('sRGB')) return null;
  const gama = found.get('gAMA');
  const chrm = found.get('cHRM');
  const numbers = (chunk: Uint8Array) => {
    const of = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return Array.from({ length: chunk.length / 4 }, (_, i) => of.getUint32(i * 4));
  };
  return profileForPngGamma(
    gama?.length === 4 ? numbers(gama)[0] : null,
    chrm?.length === 32 ? numbers(chrm) : null,
    { grey },
  );
}

/** The profile in an extended WebP's ICCP chunk; null when it has none. */
export function webpIccProfile(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 30 || ascii(bytes, 12) !== 'VP8X' || (bytes[20] & 0x20) === 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const size = view.getUint32(pos + 4, true);
    if (ascii(bytes, pos) === 'ICCP')
      return size <= MAX_ICC_PROFILE_BYTES
        ? bytes.subarray(pos + 8, Math.min(bytes.length, pos + 8 + size))
        : null;
    pos += 8 + size + (size & 1);
  }
  return null;
}

const DEVICE_COLOURS: Record<string, ColourCount> = { DeviceGray: 1, DeviceRGB: 3, DeviceCMYK: 4 };

/**
 * Makes the image `image` in `doc` name the colour profile `given` (as found in the picture's file, not
 * yet checked; or a function making one for the image's number of colours) in place of DeviceGray, DeviceRGB
 * or DeviceCMYK, or as the base of its palette. Nothing is changed when there is no profile, it is not usable
 * for the image's number of colours (usableIccProfile), or the image's colour space is anything else. True
 * when the profile was used.
 */
export function useColourProfile(
  doc: PDFDocument,
  image: PDFRef,
  given: Uint8Array | null | ((colours: ColourCount) => Uint8Array | null),
): boolean {
  if (!given) return false;
  const stream = doc.context.lookup(image);
  if (!(stream instanceof PDFRawStream || stream instanceof PDFStream)) return false;
  const current = stream.dict.get(PDFName.of('ColorSpace'));
  const indexed = current instanceof PDFArray && current.get(0) === PDFName.of('Indexed');
  const device = indexed ? current.get(1) : current;
  const colours = device instanceof PDFName ? DEVICE_COLOURS[device.decodeText()] : undefined;
  const profile = typeof given === 'function' ? colours && given(colours) : given;
  const usable = colours && usableIccProfile(profile ?? null, colours);
  if (!usable) return false;
  const icc = doc.context.register(doc.context.flateStream(usable, { N: colours, Alternate: device }));
  const iccBased = doc.context.obj([PDFName.of('ICCBased'), icc]);
  if (indexed) current.set(1, iccBased);
  else stream.dict.set(PDFName.of('ColorSpace'), iccBased);
  return true;
}

/**
 * The profile an HEIC or AVIF picture gives its primary item (a `colr` box of type `prof` or `rICC`); a grid
 * picture's (an iPhone photo is a grid of tiles) from its first tile when the grid names none itself, as
 * libheif reads it. Null when there is none, or the file's boxes cannot be read.
 */
export function isoIccProfile(bytes: Uint8Array): Uint8Array | null {
  const colr = primaryColourBox(bytes, (type) => type === 'prof' || type === 'rICC');
  return colr && colr.end - colr.start - 4 <= MAX_ICC_PROFILE_BYTES
    ? bytes.subarray(colr.start + 4, colr.end)
    : null;
}

/**
 * The code points (ITU-T H.273) an HEIC or AVIF picture gives its primary item's colours by (a `colr` box of
 * type `nclx`), a grid picture's from its first tile when the grid gives none; null when there are none.
 */
export function isoColourCodePoints(bytes: Uint8Array): { primaries: number; transfer: number } | null {
  const colr = primaryColourBox(bytes, (type) => type === 'nclx');
  if (!colr || colr.end - colr.start < 10) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + colr.start, colr.end - colr.start);
  return { primaries: view.getUint16(4), transfer: view.getUint16(6) };
}

/**
 * The primary item's `colr` box of a type `wanted` takes, or its first tile's for a grid picture that gives
 * none itself (as libheif reads them); null when there is none, or the file's boxes cannot be read.
 */
function primaryColourBox(bytes: Uint8Array, wanted: (type: string) => boolean): Box | null {
  let items: ItemProperties | null;
  try {
    items = itemProperties(bytes);
  } catch (error) {
    if (error instanceof IsoMediaDamaged) return null;
    throw error;
  }
  if (!items) return null;
  const found = items;
  const colrOf = (item: number) =>
    found
      .of(item)
      .find((box) => box.type === 'colr' && box.end - box.start >= 4 && wanted(ascii(bytes, box.start))) ??
    null;
  const tiles = found.madeOf(found.primary);
  return colrOf(found.primary) ?? (tiles.length > 0 ? colrOf(tiles[0]) : null);
}

/**
 * The profile of an HEIC or AVIF picture's colours: its own (isoIccProfile), else one made from its code
 * points (madeProfiles.ts), else null.
 */
export function isoColourProfile(bytes: Uint8Array): Uint8Array | null {
  const own = isoIccProfile(bytes);
  if (own && (usableIccProfile(own, 3) || usableIccProfile(own, 1))) return own;
  const codePoints = isoColourCodePoints(bytes);
  return (codePoints && profileForCodePoints(codePoints)) ?? own;
}
