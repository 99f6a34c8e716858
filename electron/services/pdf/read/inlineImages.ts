/**
 * Whether decoded content may hold an inline image (BI … ID … EI): a "BI" standing alone. Content without one
 * needs no reading for its pictures, only its size (drawingCount.ts, and the limits scan that records sizes,
 * untrusted/pdfScan.ts); content with one (or with "BI" inside a string, say) is read to be sure. No imports:
 * the limits scan loads it before any parser.
 */
export function mayHoldInlineImage(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buffer.indexOf('BI', 0, 'latin1'); at >= 0; at = buffer.indexOf('BI', at + 2, 'latin1'))
    if (!isRegular(bytes[at - 1]) && !isRegular(bytes[at + 2])) return true;
  return false;
}

/** Not white space or a delimiter (ISO 32000-1, 7.2.2): part of a word such as "BIRTH". */
function isRegular(b: number | undefined): boolean {
  if (b === undefined) return false;
  return !(
    b === 0x00 ||
    b === 0x09 ||
    b === 0x0a ||
    b === 0x0c ||
    b === 0x0d ||
    b === 0x20 ||
    '()<>[]{}/%'.includes(String.fromCharCode(b))
  );
}
