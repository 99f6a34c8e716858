/**
 * CMaps: a font's /ToUnicode map (character code → text) and its code space (how many bytes make one
 * code). Read from the CMap's own operators (ISO 32000-1, 9.10.3; Adobe technical note 5411).
 */
import { forEachOperator } from './content';
import { PdfName, PdfString, type PdfValue } from './objects';

interface CodeSpace {
  bytes: number;
  low: number;
  high: number;
}

export class ToUnicodeMap {
  readonly map = new Map<number, string>();
  readonly codeSpace: CodeSpace[] = [];

  get size(): number {
    return this.map.size;
  }
}

/** Text of a UTF-16BE byte string (a CMap destination). */
function utf16(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  if (bytes.length % 2 === 1) out += String.fromCharCode(bytes[bytes.length - 1]);
  return out;
}

const codeOf = (bytes: Uint8Array) => bytes.reduce((v, b) => v * 256 + b, 0);

/**
 * Limits a hostile CMap: ranges above this many codes are cut short, and no more codes are mapped, or
 * mapped again, than MAX_ENTRIES in all (a CMap of a thousand ranges of every two-byte code, the same
 * codes each time, took 8 s to read, for each font that named it).
 */
const MAX_RANGE = 0x10000;
const MAX_ENTRIES = 200_000;

export function parseToUnicode(data: Uint8Array): ToUnicodeMap {
  const cmap = new ToUnicodeMap();
  let mapped = 0;
  const set = (code: number, text: string) => {
    mapped += 1;
    if (cmap.map.size < MAX_ENTRIES) cmap.map.set(code, text);
  };
  const full = () => mapped >= MAX_ENTRIES;
  forEachOperator(data, (op, operands) => {
    const strings = operands;
    switch (op) {
      case 'endcodespacerange':
        for (let i = 0; i + 1 < strings.length; i += 2) {
          const lo = strings[i];
          const hi = strings[i + 1];
          if (lo instanceof PdfString && hi instanceof PdfString && lo.bytes.length > 0)
            cmap.codeSpace.push({ bytes: lo.bytes.length, low: codeOf(lo.bytes), high: codeOf(hi.bytes) });
        }
        break;
      case 'endbfchar':
        for (let i = 0; i + 1 < strings.length; i += 2) {
          const src = strings[i];
          const dst = strings[i + 1];
          if (src instanceof PdfString && dst instanceof PdfString) set(codeOf(src.bytes), utf16(dst.bytes));
          else if (src instanceof PdfString && dst instanceof PdfName) set(codeOf(src.bytes), dst.name);
        }
        break;
      case 'endbfrange':
        for (let i = 0; i + 2 < strings.length; i += 3) {
          const lo = strings[i];
          const hi = strings[i + 1];
          const dst: PdfValue = strings[i + 2];
          if (!(lo instanceof PdfString) || !(hi instanceof PdfString)) continue;
          const low = codeOf(lo.bytes);
          const high = Math.min(codeOf(hi.bytes), low + MAX_RANGE);
          if (full()) break;
          if (dst instanceof PdfString && dst.bytes.length > 0) {
            const base = Uint8Array.from(dst.bytes);
            for (let code = low, k = 0; code <= high && !full(); code++, k++) {
              const bytes = Uint8Array.from(base);
              // The last byte (with carry into the one before) counts up through the range.
              let carry = k;
              for (let j = bytes.length - 1; j >= 0 && carry > 0; j--) {
                const v = bytes[j] + carry;
                bytes[j] = v & 0xff;
                carry = v >> 8;
              }
              set(code, utf16(bytes));
            }
          } else if (Array.isArray(dst)) {
            dst.forEach((d, k) => {
              if (d instanceof PdfString && low + k <= high) set(low + k, utf16(d.bytes));
            });
          }
        }
        break;
    }
    return false;
  });
  return cmap;
}

/** Splits a string shown with a font into codes of the right length (from the code space, else `fallback`). */
export function splitCodes(bytes: Uint8Array, codeSpace: CodeSpace[], fallback: number): number[] {
  const codes: number[] = [];
  if (codeSpace.length === 0) {
    for (let i = 0; i + fallback <= bytes.length; i += fallback) {
      let code = 0;
      for (let k = 0; k < fallback; k++) code = code * 256 + bytes[i + k];
      codes.push(code);
    }
    return codes;
  }
  for (let i = 0; i < bytes.length;) {
    let matched = 0;
    let code = 0;
    for (let n = 1; n <= 4 && i + n <= bytes.length && !matched; n++) {
      code = code * 256 + bytes[i + n - 1];
      if (codeSpace.some((r) => r.bytes === n && code >= r.low && code <= r.high)) matched = n;
    }
    if (!matched) {
      // Not in any range: take the shortest length in the code space, as Adobe's readers do.
      const n = Math.min(...codeSpace.map((r) => r.bytes));
      code = 0;
      for (let k = 0; k < n && i + k < bytes.length; k++) code = code * 256 + bytes[i + k];
      matched = n;
    }
    codes.push(code);
    i += matched;
  }
  return codes;
}
