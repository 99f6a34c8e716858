/**
 * A JPEG's picture and nothing else, for its page. A JPEG is put into the page as it is (no decoding, no
 * loss), but a phone's photo carries more than its picture: its EXIF and XMP details (when, where to a few
 * metres, which phone), and a motion photo (Samsung's, Google's) its video, with sound, after the picture's
 * end. Put into the page, all of that went into every bundle, hidden from the person who added the photo and
 * from everyone who reads the bundle, and a motion photo's video made its page megabytes larger. The page's
 * JPEG keeps the segments a decoder uses (PDF 32000-1:2008 7.4.8: DCTDecode; Adobe's APP14 and JFIF's APP0,
 * which say how its colours are coded) and ends at its end; the file as added is kept with the document.
 */

import { exifHasLocation } from '../pdf/read/jpeg';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

/** What the page's JPEG leaves out that the person who added it should know of. */
export interface LeftOutOfJpeg {
  /** A motion photo's video (an MP4 after the picture). */
  video: boolean;
  /** A GPS position in its EXIF details. */
  location: boolean;
}

/** Application segments and comments: the picture's details, not its pixels (but for APP0 and APP14). */
function detailsOnly(marker: number): boolean {
  return (marker > APP0 && marker <= 0xef && marker !== APP14) || marker === COM;
}

/**
 * The JPEG with only what draws its picture, and what was left out; null when its segments cannot be walked
 * to its end: a file cut short (images.ts jpegIsWhole), whose page would show the top of the picture over grey.
 */
export function jpegPictureOnly(bytes: Uint8Array): { jpeg: Uint8Array; leftOut: LeftOutOfJpeg } | null {
  const length = bytes.length;
  if (length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let location = false;
  let pos = 2;
  while (pos + 1 < length) {
    if (bytes[pos] !== 0xff) {
      // Stray bytes between segments, which decoders pass over: left out.
      const next = bytes.indexOf(0xff, pos);
      if (next < 0) return null;
      pos = next;
      continue;
    }
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    if (marker === EOI) {
      kept.push(bytes.subarray(pos, pos + 2));
      const jpeg = Buffer.concat(kept);
      return {
        jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length),
        leftOut: { video: videoAfter(bytes, pos + 2), location },
      };
    }
    if (marker === SOI || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 3 >= length) return null;
    const end = pos + 2 + ((bytes[pos + 2] << 8) | bytes[pos + 3]);
    if (end > length) return null;
    if (marker === 0xe1) location ||= exifHasLocation(bytes.subarray(pos + 4, end));
    if (!detailsOnly(marker)) kept.push(bytes.subarray(pos, end));
    pos = end;
    if (marker !== SOS) continue;
    // The scan's coded data runs to the next marker that is not a stuffed byte or a restart marker.
    const start = pos;
    while (pos + 1 < length) {
      const at = bytes.indexOf(0xff, pos);
      if (at < 0 || at + 1 >= length) return null;
      const next = bytes[at + 1];
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
        pos = at + 1;
        continue;
      }
      pos = at;
      break;
    }
    kept.push(bytes.subarray(start, pos));
  }
  return null;
}

/**
 * Whether a JPEG carries more than its picture, read from its header and its last bytes only (cheap enough
 * for every picture of every page a bundle copies): a segment of details or a comment before its first
 * scan (not a colour profile alone, which says nothing of who or where), or bytes after its end other than the white space and padding PDF writers leave (a motion photo's
 * video, an Ultra HDR photo's second picture). A JPEG whose end cannot be found this way is counted, and
 * jpegPictureOnly decides.
 */
export function jpegCarriesDetails(bytes: Uint8Array): boolean {
  const length = bytes.length;
  if (length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return false;
  let pos = 2;
  for (;;) {
    if (pos + 3 >= length || bytes[pos] !== 0xff) return false; // Not walkable: used as it is.
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    if (detailsOnly(marker) && marker !== APP2) return true;
    if (marker === SOS) break;
    pos += 2 + ((bytes[pos + 2] << 8) | bytes[pos + 3]);
  }
  let end = length;
  while (end > 2 && isPadding(bytes[end - 1])) end -= 1;
  return !(bytes[end - 2] === 0xff && bytes[end - 1] === EOI);
}

/** White space, and the zeros some writers pad a stream with. */
function isPadding(byte: number): boolean {
  return byte === 0x00 || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c;
}

/**
 * Whether an MP4 (a motion photo's video) follows the picture's end: anywhere after it, as Samsung writes a
 * trailer before it and Google's Ultra HDR photos a second picture (the brightness map).
 */
function videoAfter(bytes: Uint8Array, end: number): boolean {
  if (bytes.length - end < 16) return false;
  const after = Buffer.from(bytes.buffer, bytes.byteOffset + end, bytes.length - end);
  return after.indexOf('ftyp', 0, 'latin1') >= 4;
}

/** What the import note says of what the page's JPEG left out. */
export function leftOutOfJpegNotes(leftOut: LeftOutOfJpeg): string[] {
  return [
    ...(leftOut.video
      ? [
          'It is a motion photo: its page shows the photo; the short video the phone kept with it (and its sound) is not in the bundle. The file as added, kept with the document, still holds it.',
        ]
      : []),
    ...(leftOut.location
      ? [
          'The photo holds where it was taken (its GPS position, hidden in the file): that is not in the bundle. The file as added, kept with the document, still holds it.',
        ]
      : []),
  ];
}
