/**
 * Decoding stream data for the reader: the filters content streams, object streams, cross-reference
 * streams and CMaps use (Flate with predictors, LZW, ASCII hex and 85, run length). Image filters (DCT,
 * JBIG2, CCITT, JPX) are never decoded: nothing the reader checks needs pixels.
 */
import { constants, inflateSync } from 'node:zlib';
import { WHOLE_WINDOW } from '../../inflate';
import { isDict, isName, isNumber, type PdfDict, type PdfValue } from './objects';

/** The most a single stream may decode to (a content stream, a CMap): a defence against zip bombs. */
export const MAX_DECODED = 64 * 1024 * 1024;

export class FilterError extends Error {}
/** The data itself is damaged (not too big, nor in a format the reader leaves alone). */
export class DamagedStreamError extends FilterError {}
/** The data decodes to more than the limit asked for. */
export class StreamTooLargeError extends FilterError {}

function inflate(data: Uint8Array, limit: number): Uint8Array {
  try {
    return inflateSync(data, { ...WHOLE_WINDOW, maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new StreamTooLargeError('a stream decodes to more than the reader allows');
    // A stream cut short or with a bad checksum: keep what decodes, as every reader does.
    try {
      return inflateSync(data, {
        ...WHOLE_WINDOW,
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: limit,
      });
    } catch {
      throw new DamagedStreamError('a compressed stream is damaged');
    }
  }
}

function unpredict(data: Uint8Array, parms: PdfDict | null): Uint8Array {
  if (!parms) return data;
  const predictor = parms.get('Predictor');
  if (!isNumber(predictor) || predictor < 2) return data;
  const colors = numberOr(parms.get('Colors'), 1);
  const bits = numberOr(parms.get('BitsPerComponent'), 8);
  const columns = numberOr(parms.get('Columns'), 1);
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  if (predictor === 2) {
    if (bits !== 8) return data;
    const out = Uint8Array.from(data);
    for (let row = 0; row + rowLength <= out.length; row += rowLength)
      for (let i = bpp; i < rowLength; i++) out[row + i] = (out[row + i] + out[row + i - bpp]) & 0xff;
    return out;
  }
  // PNG predictors: each row starts with its filter type.
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  let prev = new Uint8Array(rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)];
    const src = data.subarray(r * (rowLength + 1) + 1, (r + 1) * (rowLength + 1));
    const cur = out.subarray(r * rowLength, (r + 1) * rowLength);
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? cur[i - bpp] : 0;
      const up = prev[i];
      const upLeft = i >= bpp ? prev[i - bpp] : 0;
      let v = src[i];
      switch (type) {
        case 1:
          v += left;
          break;
        case 2:
          v += up;
          break;
        case 3:
          v += (left + up) >> 1;
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          v += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
      }
      cur[i] = v & 0xff;
    }
    prev = cur;
  }
  return out;
}

function numberOr(v: PdfValue | undefined, fallback: number): number {
  return isNumber(v) ? v : fallback;
}

function asciiHex(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let high = -1;
  for (const b of data) {
    if (b === 0x3e) break;
    const v =
      b >= 0x30 && b <= 0x39
        ? b - 48
        : b >= 0x41 && b <= 0x46
          ? b - 55
          : b >= 0x61 && b <= 0x66
            ? b - 87
            : -1;
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out.push(high * 16 + v);
      high = -1;
    }
  }
  if (high >= 0) out.push(high * 16);
  return Uint8Array.from(out);
}

function ascii85(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  const group: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (b === 0x7e) break; // ~>
    if (b === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (b < 0x21 || b > 0x75) continue;
    group.push(b - 33);
    if (group.length === 5) {
      let v = 0;
      for (const g of group) v = v * 85 + g;
      out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
      group.length = 0;
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    out.push(...bytes.slice(0, n - 1));
  }
  return Uint8Array.from(out);
}

function lzw(data: Uint8Array, earlyChange: number, limit: number, strict: boolean): Uint8Array {
  const out: number[] = [];
  let dict: number[][] = [];
  const reset = () => {
    dict = [];
    for (let i = 0; i < 256; i++) dict.push([i]);
    dict.push([], []); // 256 clear, 257 end
  };
  reset();
  let codeLength = 9;
  let bitBuffer = 0;
  let bitCount = 0;
  let previous: number[] | null = null;
  for (let i = 0; i < data.length; i++) {
    bitBuffer = ((bitBuffer << 8) | data[i]) >>> 0;
    bitCount += 8;
    while (bitCount >= codeLength) {
      const code = (bitBuffer >>> (bitCount - codeLength)) & ((1 << codeLength) - 1);
      bitCount -= codeLength;
      if (code === 256) {
        reset();
        codeLength = 9;
        previous = null;
        continue;
      }
      if (code === 257) return Uint8Array.from(out);
      let entry: number[];
      if (code < dict.length) entry = dict[code];
      else if (previous && code === dict.length) entry = [...previous, previous[0]];
      else if (strict) throw new DamagedStreamError('an LZW stream breaks off part way');
      else return Uint8Array.from(out); // A broken stream: keep what decoded.
      for (const b of entry) out.push(b);
      if (out.length > limit)
        throw new StreamTooLargeError('a stream decodes to more than the reader allows');
      if (previous && dict.length < 4096) dict.push([...previous, entry[0]]);
      previous = entry;
      const next = dict.length + earlyChange;
      codeLength = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
    }
  }
  return Uint8Array.from(out);
}

function runLength(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length;) {
    const n = data[i++];
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < data.length; k++) out.push(data[i++]);
    } else {
      const b = data[i++];
      for (let k = 0; k < 257 - n; k++) out.push(b);
    }
  }
  return Uint8Array.from(out);
}

/** Filters the reader decodes; any other (an image codec) means the data is not for us to read. */
const KNOWN = new Set([
  'FlateDecode',
  'Fl',
  'LZWDecode',
  'LZW',
  'ASCIIHexDecode',
  'AHx',
  'ASCII85Decode',
  'A85',
  'RunLengthDecode',
  'RL',
]);

/**
 * Undoes the stream's filters in order. `resolve` looks up indirect /Filter or /DecodeParms values.
 * Throws FilterError for an image codec or damage beyond repair; `strict`, also for data that breaks off
 * part way, which is otherwise decoded as far as it goes, as readers show it (a Flate stream that only
 * lacks its end or checksum is whole, and passes either way).
 */
export function decodeStreamData(
  data: Uint8Array,
  dict: PdfDict,
  resolve: (v: PdfValue | undefined) => PdfValue | undefined,
  limit = MAX_DECODED,
  strict = false,
): Uint8Array {
  const filter = resolve(dict.get('Filter'));
  const parms = resolve(dict.get('DecodeParms'));
  const filters = Array.isArray(filter) ? filter.map(resolve) : filter === undefined ? [] : [filter];
  const parmsList = Array.isArray(parms) ? parms.map(resolve) : [parms];
  let out = data;
  filters.forEach((f, i) => {
    if (!isName(f)) throw new FilterError('a stream has an unreadable filter');
    if (!KNOWN.has(f.name)) throw new FilterError(`${f.name} data is not read`);
    const p = parmsList[i];
    const parm = isDict(p) ? p : null;
    switch (f.name) {
      case 'FlateDecode':
      case 'Fl':
        out = unpredict(inflate(out, limit), parm);
        break;
      case 'LZWDecode':
      case 'LZW':
        out = unpredict(lzw(out, numberOr(parm?.get('EarlyChange'), 1), limit, strict), parm);
        break;
      case 'ASCIIHexDecode':
      case 'AHx':
        out = asciiHex(out);
        break;
      case 'ASCII85Decode':
      case 'A85':
        out = ascii85(out);
        break;
      case 'RunLengthDecode':
      case 'RL':
        out = runLength(out);
        break;
    }
  });
  return out;
}
