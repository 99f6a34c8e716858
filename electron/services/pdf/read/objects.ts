/**
 * PDF objects as the reader sees them, and the parser that reads them from bytes (ISO 32000-1, 7.2–7.3).
 * Deliberately independent of pdf-lib, which writes our bundles: verification must not share the writer's
 * idea of the file. Names are interned, so `a === b` compares them.
 */

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

export class PdfName {
  private static readonly table = new Map<string, PdfName>();
  private constructor(readonly name: string) {}
  static of(name: string): PdfName {
    let found = PdfName.table.get(name);
    if (!found) {
      found = new PdfName(name);
      // Hostile files can hold millions of distinct names: intern only a bounded number.
      if (PdfName.table.size < 50_000) PdfName.table.set(name, found);
    }
    return found;
  }
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex = false,
  ) {}
  /** A text string: UTF-16 (with its byte order mark), UTF-8 (with its mark), else PDFDocEncoding. */
  get text(): string {
    return decodeTextString(this.bytes);
  }
}

/** A keyword of the file's syntax (obj, stream, R...) or of a content stream (an operator). */
export class PdfKeyword {
  private static readonly table = new Map<string, PdfKeyword>();
  private constructor(readonly word: string) {}
  static of(word: string): PdfKeyword {
    let found = PdfKeyword.table.get(word);
    if (!found) {
      found = new PdfKeyword(word);
      if (PdfKeyword.table.size < 10_000) PdfKeyword.table.set(word, found);
    }
    return found;
  }
}

/** Keywords of at most three characters, by their bytes packed into a number (filled as they are met). */
const SHORT_KEYWORDS = new Map<number, PdfKeyword>();
for (const word of [
  'obj',
  'R',
  'q',
  'Q',
  'cm',
  'BT',
  'ET',
  'Tf',
  'Tj',
  'TJ',
  'Td',
  'TD',
  'Tm',
  'T*',
  'Tc',
  'Tw',
  'Tz',
  'TL',
  'Ts',
  'Tr',
  "'",
  '"',
  'Do',
  'BMC',
  'BDC',
  'EMC',
  'gs',
  'm',
  'l',
  'c',
  'v',
  'y',
  'h',
  're',
  'f',
  'F',
  'f*',
  'S',
  's',
  'B',
  'B*',
  'b',
  'b*',
  'n',
  'W',
  'W*',
  'g',
  'G',
  'rg',
  'RG',
  'k',
  'K',
  'cs',
  'CS',
  'sc',
  'SC',
  'scn',
  'SCN',
  'w',
  'J',
  'j',
  'M',
  'd',
  'ri',
  'i',
  'sh',
  'BI',
  'ID',
  'EI',
  'MP',
  'DP',
  'BX',
  'EX',
  'd0',
  'd1',
  'def',
]) {
  let key = 0;
  for (let i = 0; i < word.length; i++) key |= word.charCodeAt(i) << (8 * i);
  SHORT_KEYWORDS.set(key, PdfKeyword.of(word));
}

export type PdfValue =
  null | boolean | number | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfStream;

export class PdfDict {
  constructor(readonly map: Map<string, PdfValue> = new Map()) {}
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
}

/** A stream: its dictionary and where its (still encoded) data lies in the file or in a decoded buffer. */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** The encoded data, when the stream was read from an object stream or built in memory. */
    readonly data: Uint8Array | null,
    /** Otherwise: offset of the data in the file, and its length. */
    readonly start: number,
    readonly length: number,
  ) {}
}

export const isName = (v: unknown, name?: string): v is PdfName =>
  v instanceof PdfName && (name === undefined || v.name === name);
export const isDict = (v: unknown): v is PdfDict => v instanceof PdfDict;
export const isRef = (v: unknown): v is PdfRef => v instanceof PdfRef;
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const PDF_DOC_HIGH =
  // 0x80–0x9F and 0xA0 in PDFDocEncoding (Annex D); the rest of 0xA1–0xFF is Latin-1.
  '\u2022\u2020\u2021\u2026\u2014\u2013\u0192\u2044\u2039\u203a\u2212\u2030\u201e\u201c\u201d\u2018' +
  '\u2019\u201a\u2122\ufb01\ufb02\u0141\u0152\u0160\u0178\u017d\u0131\u0142\u0153\u0161\u017e\ufffd\u20ac';
const PDF_DOC_LOW: Record<number, string> = {
  0x18: '\u02d8',
  0x19: '\u02c7',
  0x1a: '\u02c6',
  0x1b: '\u02d9',
  0x1c: '\u02dd',
  0x1d: '\u02db',
  0x1e: '\u02da',
  0x1f: '\u02dc',
};

function decodeTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return out;
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
    return out;
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  let out = '';
  for (const b of bytes) {
    if (b >= 0x80 && b <= 0xa0) out += PDF_DOC_HIGH[b - 0x80];
    else out += PDF_DOC_LOW[b] ?? String.fromCharCode(b);
  }
  return out;
}

// ---------- lexing ----------

const WHITE = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[b] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

/** A byte that ends a name, number or keyword. */
const isBoundary = (b: number) => WHITE[b] === 1 || DELIM[b] === 1;

/** Thrown when an object runs past the end of the bytes given: the caller reads more and tries again. */
export class NeedMoreBytes extends Error {}

export class PdfSyntaxError extends Error {}

const MAX_DEPTH = 100;

const hexValue = (b: number) =>
  b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 55 : b >= 0x61 && b <= 0x66 ? b - 87 : -1;

/**
 * Reads objects from a byte buffer. `pos` is the read position; `complete` says whether the buffer holds
 * everything there is (a whole object stream, a content stream) or is a window on a longer file (then
 * running off its end throws NeedMoreBytes rather than guessing).
 */
export class Lexer {
  pos: number;
  readonly bytes: Buffer;
  constructor(
    bytes: Uint8Array,
    pos = 0,
    readonly complete = true,
  ) {
    this.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    this.pos = pos;
  }

  private end(): never {
    if (this.complete) throw new PdfSyntaxError('unexpected end of data');
    throw new NeedMoreBytes();
  }

  skipBlank(): void {
    const { bytes } = this;
    let p = this.pos;
    while (p < bytes.length) {
      const b = bytes[p];
      if (WHITE[b]) p++;
      else if (b === 0x25) {
        while (p < bytes.length && bytes[p] !== 0x0a && bytes[p] !== 0x0d) p++;
      } else break;
    }
    this.pos = p;
  }

  /** The next regular-character word (number, keyword) without moving; '' at a delimiter or the end. */
  peekWord(): string {
    this.skipBlank();
    const { bytes } = this;
    let p = this.pos;
    while (p < bytes.length && !isBoundary(bytes[p])) p++;
    if (p === bytes.length && !this.complete) throw new NeedMoreBytes();
    return bytes.toString('latin1', this.pos, p);
  }

  readWord(): string {
    const word = this.peekWord();
    this.pos += word.length;
    return word;
  }

  /**
   * The next value; keywords come back as PdfKeyword (so the caller can see "endobj", "stream", "R").
   * `inArray`: an array's item, where a number run into other characters stays one word, dropped (pdf.js
   * keeps the number and the rest as two items, which makes a box of four numbers five: wrong either way,
   * and alike, as a page's size, only so: "/MediaBox [0 0 612 79\x13]").
   */
  readValue(depth = 0, inArray = false): PdfValue | PdfKeyword {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('objects nested too deeply');
    this.skipBlank();
    const { bytes } = this;
    if (this.pos >= bytes.length) this.end();
    const b = bytes[this.pos];
    switch (b) {
      case 0x2f: // /Name
        return this.readName();
      case 0x28: // (string)
        return this.readLiteralString();
      case 0x3c: // <hex> or <<dict>>
        if (bytes[this.pos + 1] === 0x3c) return this.readDict(depth);
        if (this.pos + 1 >= bytes.length) this.end();
        return this.readHexString();
      case 0x5b: {
        // [array]
        this.pos++;
        const items: PdfValue[] = [];
        for (;;) {
          this.skipBlank();
          if (this.pos >= bytes.length) this.end();
          if (bytes[this.pos] === 0x5d) {
            this.pos++;
            return items;
          }
          const value = this.readValue(depth + 1, true);
          if (value instanceof PdfKeyword) {
            // A reference: the two numbers before it. A stray R (a garbled reference, "31z0 R") leaves
            // the values before it alone.
            if (value.word === 'R' && isInteger(items.at(-1)) && isInteger(items.at(-2))) {
              const gen = items.pop() as number;
              const num = items.pop() as number;
              items.push(new PdfRef(num, gen));
            } else if (value.word === 'endobj' || value.word === 'stream') {
              // An array never closed: stop at the end of the object, as forgiving readers do.
              this.pos -= value.word.length;
              return items;
            }
            continue;
          }
          items.push(value);
        }
      }
      case 0x5d:
      case 0x3e:
      case 0x29:
      case 0x7b:
      case 0x7d:
        // A stray delimiter: skip it.
        this.pos++;
        return this.readValue(depth, inArray);
      default: {
        if ((b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e) {
          const n = this.readNumber();
          if (n !== null) return n;
        }
        // Short keywords (content stream operators: Tj, cm, BT...) looked up by their bytes, no string made.
        const { bytes } = this;
        const p = this.pos;
        let end = p;
        while (end < bytes.length && end - p < 4 && !isBoundary(bytes[end])) end++;
        if (end - p <= 3 && end > p && (end < bytes.length || this.complete)) {
          const key =
            bytes[p] | ((end - p > 1 ? bytes[p + 1] : 0) << 8) | ((end - p > 2 ? bytes[p + 2] : 0) << 16);
          const known = SHORT_KEYWORDS.get(key);
          if (known !== undefined) {
            this.pos = end;
            return known;
          }
        }
        const word = this.readWord();
        if (word === '') {
          this.pos++;
          return this.readValue(depth, inArray);
        }
        const first = word.charCodeAt(0);
        if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) {
          const n = parseNumber(word);
          if (n !== null) return n;
          // Digits run into letters ("/Count 4J/Kids"): the number ends at the first byte that cannot be
          // part of it and the rest is read on its own, as pdf.js and poppler read it.
          const length = inArray ? 0 : numberPrefixLength(word);
          if (length > 0) {
            this.pos -= word.length - length;
            return parseNumber(word.slice(0, length));
          }
        }
        if (word === 'true') return true;
        if (word === 'false') return false;
        if (word === 'null') return null;
        return PdfKeyword.of(word);
      }
    }
  }

  /** A plain number read straight from the bytes (no string made); null leaves odd forms to readWord. */
  private readNumber(): number | null {
    const { bytes } = this;
    let p = this.pos;
    let negative = false;
    if (bytes[p] === 0x2d || bytes[p] === 0x2b) negative = bytes[p++] === 0x2d;
    // Digits as one integer, then one division: rounds exactly as parsing the decimal text does.
    let mantissa = 0;
    let digits = 0;
    let divisor = 1;
    while (p < bytes.length && bytes[p] >= 0x30 && bytes[p] <= 0x39) {
      mantissa = mantissa * 10 + bytes[p++] - 0x30;
      digits++;
    }
    if (bytes[p] === 0x2e) {
      p++;
      while (p < bytes.length && bytes[p] >= 0x30 && bytes[p] <= 0x39) {
        mantissa = mantissa * 10 + bytes[p++] - 0x30;
        divisor *= 10;
        digits++;
      }
    }
    if (p >= bytes.length && !this.complete) throw new NeedMoreBytes();
    if (digits === 0 || digits > 15 || (p < bytes.length && !isBoundary(bytes[p]))) return null;
    this.pos = p;
    const value = divisor === 1 ? mantissa : mantissa / divisor;
    return negative ? -value : value;
  }

  private readName(): PdfName {
    const { bytes } = this;
    let p = this.pos + 1;
    let escaped = false;
    while (p < bytes.length && !isBoundary(bytes[p])) {
      if (bytes[p] === 0x23) escaped = true;
      p++;
    }
    if (p === bytes.length && !this.complete) throw new NeedMoreBytes();
    let name: string;
    if (!escaped) name = bytes.toString('latin1', this.pos + 1, p);
    else {
      const out: number[] = [];
      for (let i = this.pos + 1; i < p; i++) {
        if (bytes[i] === 0x23 && i + 2 < p && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
          out.push(hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2]));
          i += 2;
        } else out.push(bytes[i]);
      }
      name = out.map((c) => String.fromCharCode(c)).join('');
    }
    this.pos = p;
    return PdfName.of(name);
  }

  private readLiteralString(): PdfString {
    const { bytes } = this;
    const out: number[] = [];
    let depth = 1;
    let p = this.pos + 1;
    while (p < bytes.length) {
      const c = bytes[p++];
      if (c === 0x5c) {
        if (p >= bytes.length) break;
        const e = bytes[p++];
        switch (e) {
          case 0x6e:
            out.push(0x0a);
            break;
          case 0x72:
            out.push(0x0d);
            break;
          case 0x74:
            out.push(0x09);
            break;
          case 0x62:
            out.push(0x08);
            break;
          case 0x66:
            out.push(0x0c);
            break;
          case 0x0d:
            if (bytes[p] === 0x0a) p++;
            break;
          case 0x0a:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let v = e - 0x30;
              for (let k = 0; k < 2 && p < bytes.length && bytes[p] >= 0x30 && bytes[p] <= 0x37; k++)
                v = v * 8 + bytes[p++] - 0x30;
              out.push(v & 0xff);
            } else out.push(e);
        }
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) {
          this.pos = p;
          return new PdfString(Uint8Array.from(out));
        }
        out.push(c);
      } else out.push(c);
    }
    return this.end();
  }

  private readHexString(): PdfString {
    const { bytes } = this;
    const close = bytes.indexOf(0x3e, this.pos + 1);
    if (close < 0) this.end();
    const out = new Uint8Array((close - this.pos) >> 1);
    let n = 0;
    let high = -1;
    for (let p = this.pos + 1; p < close; p++) {
      const v = hexValue(bytes[p]);
      if (v < 0) continue;
      if (high < 0) high = v;
      else {
        out[n++] = high * 16 + v;
        high = -1;
      }
    }
    if (high >= 0) out[n++] = high * 16;
    this.pos = close + 1;
    return new PdfString(n === out.length ? out : out.slice(0, n), true);
  }

  private readDict(depth: number): PdfDict {
    const { bytes } = this;
    this.pos += 2;
    const map = new Map<string, PdfValue>();
    for (;;) {
      this.skipBlank();
      if (this.pos >= bytes.length) this.end();
      if (bytes[this.pos] === 0x3e) {
        if (this.pos + 1 >= bytes.length) this.end();
        this.pos += bytes[this.pos + 1] === 0x3e ? 2 : 1;
        return new PdfDict(map);
      }
      // A dictionary opened where a key should be is no key: pdf.js skips the "<<" alone and reads on, its
      // keys and values into this dictionary, its ">>" ending this one; and so does this. Read whole, after
      // a key with ">>" for its value (below) it took the rest of the object in: fuzz, --kinds all seed 11,
      // a catalog's page labels "/St\xaf4 >> 3 << /S /r /St 4 >> … ] >>" took the catalog's /Pages too, and
      // with no page tree to read, the page its garbled kid lost was lost without a word. An array opened
      // there is no key either: pdf.js skips the "[" alone, its names and values read as keys and values
      // here, its "]" skipped as a stray delimiter where a key should be; and so does this.
      if (bytes[this.pos] === 0x3c && bytes[this.pos + 1] === 0x3c) {
        this.pos += 2;
        continue;
      }
      if (bytes[this.pos] === 0x5b) {
        this.pos += 1;
        continue;
      }
      const key = this.readValue(depth + 1);
      if (!(key instanceof PdfName)) {
        if (key instanceof PdfKeyword && (key.word === 'endobj' || key.word === 'stream')) {
          // A dictionary never closed: stop at the end of the object.
          this.pos -= key.word.length;
          return new PdfDict(map);
        }
        continue;
      }
      this.skipBlank();
      if (bytes[this.pos] === 0x3e && bytes[this.pos + 1] === 0x3e) {
        // A key with ">>" for its value (its value cut out: "/Names >> /Pages 7 0 R"): pdf.js takes the
        // ">>" for the value and reads on, and so does this (an object's end still ends it).
        this.pos += 2;
        continue;
      }
      if (bytes[this.pos] === 0x5d) {
        // A key with a stray "]" for its value: pdf.js takes the "]" for it, and the next name for a key.
        this.pos += 1;
        continue;
      }
      let value = this.readValue(depth + 1);
      if (isInteger(value)) {
        // Perhaps the start of a reference "12 0 R".
        const save = this.pos;
        const gen = this.readValueOrNull(depth);
        if (isInteger(gen)) {
          const r = this.readValueOrNull(depth);
          if (r instanceof PdfKeyword && r.word === 'R') value = new PdfRef(value, gen);
          else this.pos = save;
        } else this.pos = save;
      }
      if (value instanceof PdfKeyword) {
        if (value.word === 'endobj' || value.word === 'stream') {
          this.pos -= value.word.length;
          return new PdfDict(map);
        }
        continue;
      }
      if (value !== null) map.set(key.name, value);
    }
  }

  private readValueOrNull(depth: number): PdfValue | PdfKeyword {
    this.skipBlank();
    const b = this.bytes[this.pos];
    // Only a number or the keyword R can continue a reference; anything else is left for the caller.
    if (this.pos >= this.bytes.length) {
      if (!this.complete) throw new NeedMoreBytes();
      return null;
    }
    if ((b >= 0x30 && b <= 0x39) || b === 0x52) return this.readValue(depth + 1);
    return null;
  }
}

export function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * The length of the number at the start of a word that is not one as a whole (its letters are another
 * word), or 0: a sign, digits with at most one point, and something else after them. Read character by
 * character: a regular expression took seconds over a damaged stream's runs of thousands of digits.
 */
function numberPrefixLength(word: string): number {
  let i = word.charCodeAt(0) === 0x2b || word.charCodeAt(0) === 0x2d ? 1 : 0;
  let digits = 0;
  let point = false;
  for (; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && !point) point = true;
    else break;
  }
  return digits > 0 && i < word.length && word.charCodeAt(i) !== 0x2e ? i : 0;
}

function parseNumber(word: string): number | null {
  // Tolerate what readers tolerate: "--5", "5.", "-.5"; a word with other characters is not a number.
  // Read character by character: a regular expression took 17 s over a word of 100,000 digits and a letter.
  let start = 0;
  while (start < word.length && (word.charCodeAt(start) === 0x2b || word.charCodeAt(start) === 0x2d)) start++;
  let pluses = 0;
  while (word.charCodeAt(pluses) === 0x2b) pluses++;
  const negative = pluses < start && word.charCodeAt(pluses) === 0x2d;
  let digits = 0;
  let point = false;
  for (let i = start; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && !point) point = true;
    else return null;
  }
  if (digits === 0) return null;
  const value = Number(word.slice(start));
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return buffer.toString('latin1', start, end);
}
