/**
 * Whether a JPEG (a PDF picture's DCTDecode data: a scan, a phone photo), or a JPEG 2000 picture (JPXDecode,
 * some scanners' choice), is cut short: its data ends before the end-of-image marker. pdf.js and poppler draw such a picture as far as it goes and the rest of it blank
 * or grey, poppler without a word: a scanned page whose picture lost its second half (a transfer cut short,
 * a damaged disk) looks half blank in the bundle. Found from the markers alone (ISO/IEC 10918-1, B.1), the
 * coded data between them searched for 0xFF with the native indexOf; nothing is decoded.
 */

const EOI = 0xd9;
const SOS = 0xda;
const SOI = 0xd8;

/** Bytes a JPEG writer may leave after its end-of-image marker (line ends, spaces, zeros of padding). */
function isPadding(byte: number): boolean {
  return byte === 0x00 || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Whether JPEG data whose last bytes are `tail` is cut short. Nearly every JPEG ends with its end-of-image
 * marker (after padding at most), which the tail shows; only when it does not is the whole data walked
 * (`whole`), marker by marker. Data that does not start as a JPEG is not called cut short (readers fail on
 * it whole: pdf/read/content.ts says so in other ways).
 */
export function jpegCutShort(tail: Uint8Array, whole: () => Uint8Array): boolean {
  let end = tail.length;
  while (end > 0 && isPadding(tail[end - 1])) end--;
  if (end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === EOI) return false;
  return !reachesEnd(whole());
}

/** Walks the markers from the start-of-image to the end-of-image: false when the data ends first. */
function reachesEnd(data: Uint8Array): boolean {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const n = bytes.length;
  if (n < 2 || bytes[0] !== 0xff || bytes[1] !== SOI) return true;
  let i = 2;
  for (;;) {
    // A marker: 0xFF (fill bytes of 0xFF may come before it), then its code.
    if (i >= n) return false;
    if (bytes[i] !== 0xff) {
      // Not a marker where one should be: readers skip to the next one (libjpeg: "extraneous bytes").
      i = bytes.indexOf(0xff, i);
      if (i < 0) return false;
    }
    while (i < n && bytes[i] === 0xff) i++;
    if (i >= n) return false;
    const code = bytes[i++];
    if (code === EOI) return true;
    // Markers without a segment: restart markers, TEM; and 0x00, no marker at all (skipped as above).
    if ((code >= 0xd0 && code <= 0xd7) || code === 0x01 || code === 0x00) continue;
    if (i + 2 > n) return false;
    const length = (bytes[i] << 8) | bytes[i + 1];
    if (length < 2) continue; // No segment can be this short: read on to the next marker.
    i += length;
    if (i > n) return false;
    if (code !== SOS) continue;
    // The coded data after a scan's header: up to the next 0xFF that is not a stuffed 0x00 or a restart.
    for (;;) {
      const ff = bytes.indexOf(0xff, i);
      if (ff < 0 || ff + 1 >= n) return false;
      const next = bytes[ff + 1];
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
        i = ff + (next === 0xff ? 1 : 2);
        continue;
      }
      i = ff;
      break;
    }
  }
}

/**
 * Whether JPEG 2000 data (a JP2 file of boxes, or a bare codestream) whose last bytes are `tail` is cut
 * short: a codestream ends with its end-of-codestream marker (0xFFD9, as JPEG's end of image), which the
 * tail shows; where it does not, a JP2 file's boxes are walked by their lengths (a box may follow the
 * codestream's), and one running past the end, or a codestream box without its marker, is cut short.
 */
export function jpxCutShort(tail: Uint8Array, whole: () => Uint8Array): boolean {
  let end = tail.length;
  while (end > 0 && isPadding(tail[end - 1])) end--;
  if (end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === EOI) return false;
  const data = whole();
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // A bare codestream (SOC, then SIZ) without its end marker.
  if (bytes[0] === 0xff && bytes[1] === 0x4f) return true;
  // A JP2 file starts with its signature box (12 bytes: length 12, "jP  ").
  if (bytes.length < 12 || bytes.readUInt32BE(0) !== 12 || bytes.toString('latin1', 4, 8) !== 'jP  ')
    return false;
  let last = bytes.length;
  while (last > 0 && isPadding(bytes[last - 1])) last--;
  let at = 0;
  let codestream = false;
  while (at < last) {
    if (at + 8 > bytes.length) return true;
    let length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (length === 1) {
      if (at + 16 > bytes.length) return true;
      length = Number(bytes.readBigUInt64BE(at + 8));
    } else if (length === 0) length = bytes.length - at; // The last box: to the end.
    if (length < 8) return false; // Not boxes after all: left to the decoders.
    if (at + length > bytes.length) return true;
    if (type === 'jp2c') {
      codestream = true;
      let end = at + length;
      while (end > at && isPadding(bytes[end - 1])) end--;
      if (bytes[end - 2] !== 0xff || bytes[end - 1] !== EOI) return true;
    }
    at += length;
  }
  // The boxes whole, but no codestream among them: what was cut off held it.
  return !codestream;
}

const APP1 = 0xe1;
/** Bytes of a JPEG read at once before its segments are walked: its details are nearly always in them. */
const JPEG_HEAD = 8192;
/** Segments before the first scan looked at, at most (a JPEG has about ten). */
const MAX_SEGMENTS = 256;

/**
 * Whether a JPEG's EXIF details give where it was taken (a GPS position): a phone's photo put into a PDF as
 * it was (Preview, img2pdf, a scanning app) carries them. Only its segments before the first scan are read,
 * through `read` (offset and length in its data as stored), so a scan's megabytes are not.
 */
export function jpegHoldsLocation(read: (offset: number, length: number) => Uint8Array): boolean {
  const head = read(0, JPEG_HEAD);
  const bytesAt = (offset: number, length: number): Uint8Array =>
    offset + length <= head.length ? head.subarray(offset, offset + length) : read(offset, length);
  if (head.length < 4 || head[0] !== 0xff || head[1] !== SOI) return false;
  let pos = 2;
  for (let segments = 0; segments < MAX_SEGMENTS; segments++) {
    const marker = bytesAt(pos, 4);
    if (marker.length < 4 || marker[0] !== 0xff) return false;
    if (marker[1] === 0xff) {
      pos += 1;
      continue;
    }
    if (marker[1] === SOS || marker[1] === EOI) return false;
    const length = (marker[2] << 8) | marker[3];
    if (length < 2) return false;
    if (marker[1] === APP1 && exifHasLocation(bytesAt(pos + 4, length - 2))) return true;
    pos += 2 + length;
  }
  return false;
}

/** Whether an APP1 segment's EXIF details give a GPS position (a latitude in its GPS directory). */
export function exifHasLocation(segment: Uint8Array): boolean {
  if (segment.length < 14 || String.fromCharCode(...segment.subarray(0, 6)) !== 'Exif\0\0') return false;
  const view = new DataView(segment.buffer, segment.byteOffset + 6, segment.length - 6);
  try {
    const little = view.getUint16(0) === 0x4949;
    if (!little && view.getUint16(0) !== 0x4d4d) return false;
    const u16 = (at: number) => view.getUint16(at, little);
    const u32 = (at: number) => view.getUint32(at, little);
    const entryWith = (directory: number, tag: number): number | null => {
      const count = u16(directory);
      for (let i = 0; i < count && i < 1000; i++) {
        const entry = directory + 2 + i * 12;
        if (u16(entry) === tag) return entry;
      }
      return null;
    };
    const gpsPointer = entryWith(u32(4), 0x8825);
    return gpsPointer !== null && entryWith(u32(gpsPointer + 8), 0x0002) !== null;
  } catch {
    // Details cut short: no position read.
    return false;
  }
}
