/**
 * A picture's size from its header, read before anything is decoded: a 1 MB PNG can declare 20,000 ×
 * 20,000 pixels (1.6 GB once decoded), so the decision to refuse, scale down or embed as it is must be
 * made from these few bytes.
 */

interface ImageHeader {
  width: number;
  height: number;
  /** A JPEG's: its start-of-frame marker (0xc0 baseline, 0xc2 progressive, 0xc9 arithmetic…) and bits a sample. */
  frame?: { marker: number; bits: number };
}

/** PNG: the IHDR chunk always comes first, at byte 8. */
export function pngHeader(bytes: Uint8Array): ImageHeader | null {
  if (bytes.length < 33) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]);
  if (type !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers (SOF0–SOF15, except DHT C4, JPG C8 and DAC CC) carry the frame's size. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walks the markers up to the first frame header. */
export function jpegHeader(bytes: Uint8Array): ImageHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // image data before any frame header
    const length = view.getUint16(pos + 2);
    if (isStartOfFrame(marker)) {
      if (pos + 9 > bytes.length) return null;
      return {
        height: view.getUint16(pos + 5),
        width: view.getUint16(pos + 7),
        frame: { marker, bits: bytes[pos + 4] },
      };
    }
    pos += 2 + length;
  }
  return null;
}
