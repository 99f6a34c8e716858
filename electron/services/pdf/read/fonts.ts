/**
 * What the reader needs of a font to read the text it shows: how its strings split into character codes,
 * the text each code stands for (its /ToUnicode map, else its encoding and glyph names), and each code's
 * advance width (its /Widths or /W, else the standard 14 fonts' metrics).
 */
import { Font as StandardFont, type IFontNames } from '@cantoo/pdf-lib/standard-fonts';
import type { PdfReader } from './document';
import { parseToUnicode, splitCodes, ToUnicodeMap } from './cmap';
import { BASE_ENCODINGS, glyphText, STANDARD, SYMBOL, ZAPF_DINGBATS, type Glyph } from './encodings';
import { isDict, isName, isNumber, PdfStream, type PdfDict, type PdfValue } from './objects';

interface ShownText {
  codes: number[];
  text: string;
  /** Each code's text and advance width (per unit of font size). */
  texts: string[];
  widths: number[];
  /** Sum of the codes' advance widths, in text space units per unit of font size. */
  width: number;
  /** Single-byte code 32s (word spacing applies to them). */
  spaces: number;
  /** Codes whose text is not known (no ToUnicode entry, no glyph name that says). */
  unknown: number;
}

/** The standard 14 fonts by the names writers use for them. */
function standardName(baseFont: string): IFontNames | null {
  const name = baseFont.replace(/^[A-Z]{6}\+/, '').replace(/[,\s]/g, '-');
  const bold = /bold|black|heavy/i.test(name);
  const italic = /italic|oblique/i.test(name);
  if (/^(Helvetica|Arial)/i.test(name))
    return `Helvetica${bold && italic ? '-BoldOblique' : bold ? '-Bold' : italic ? '-Oblique' : ''}` as IFontNames;
  if (/^Times/i.test(name))
    return bold && italic
      ? 'Times-BoldItalic'
      : bold
        ? 'Times-Bold'
        : italic
          ? 'Times-Italic'
          : 'Times-Roman';
  if (/^Courier/i.test(name))
    return `Courier${bold && italic ? '-BoldOblique' : bold ? '-Bold' : italic ? '-Oblique' : ''}` as IFontNames;
  if (/^Symbol/i.test(name)) return 'Symbol';
  if (/^ZapfDingbats/i.test(name)) return 'ZapfDingbats';
  return null;
}

const standardFonts = new Map<IFontNames, StandardFont>();
function standardMetrics(name: IFontNames): StandardFont {
  let font = standardFonts.get(name);
  if (!font) {
    font = StandardFont.load(name);
    standardFonts.set(name, font);
  }
  return font;
}

export class PdfFont {
  readonly type0: boolean;
  readonly type3: boolean;
  readonly baseFont: string;
  private toUnicode: ToUnicodeMap | null = null;
  /** Simple fonts: the glyph of each code, from the encoding. */
  private glyphs: (Glyph | undefined)[] | null = null;
  private readonly widths = new Map<number, number>();
  private defaultWidth = 0;
  /** Glyph-space units to text-space units (1/1000, or a Type 3 font's matrix). */
  private unitsPerEm = 1000;
  private readonly cache = new Map<number, string | null>();
  /** One-byte fonts: text and width by code, filled on first use. */
  private readonly textByte: (string | null | undefined)[] = [];
  private readonly widthByte: number[] = [];

  private constructor(
    reader: PdfReader,
    readonly dict: PdfDict,
  ) {
    const subtype = reader.get(dict, 'Subtype');
    this.type0 = isName(subtype, 'Type0');
    this.type3 = isName(subtype, 'Type3');
    const base = reader.get(dict, 'BaseFont');
    this.baseFont = isName(base) ? base.name : '';
    const tu = reader.get(dict, 'ToUnicode');
    if (tu instanceof PdfStream) {
      try {
        const map = parseToUnicode(reader.streamData(tu, 4 * 1024 * 1024));
        if (map.size > 0) this.toUnicode = map;
      } catch {
        this.toUnicode = null;
      }
    }
    if (this.type0) this.readCidFont(reader);
    else this.readSimpleFont(reader);
  }

  static read(reader: PdfReader, dict: PdfDict): PdfFont {
    return new PdfFont(reader, dict);
  }

  private readCidFont(reader: PdfReader): void {
    const descendants = reader.get(this.dict, 'DescendantFonts');
    const cid = Array.isArray(descendants) ? reader.resolve(descendants[0]) : undefined;
    if (!isDict(cid)) return;
    this.defaultWidth = reader.getNumber(cid, 'DW') ?? 1000;
    readCidWidths(reader, reader.get(cid, 'W'), this.widths);
  }

  private readSimpleFont(reader: PdfReader): void {
    const standard = standardName(this.baseFont);
    const encoding = reader.get(this.dict, 'Encoding');
    const descriptor = reader.getDict(this.dict, 'FontDescriptor');
    const flags = reader.getNumber(descriptor, 'Flags') ?? 0;
    const symbolic = (flags & 4) !== 0 && (flags & 32) === 0;
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.has(k));
    // The base: named in /Encoding (or its /BaseEncoding); else the font's own, which we know only for the
    // standard 14 and non-symbolic fonts (StandardEncoding).
    let baseName = isName(encoding) ? encoding.name : null;
    if (isDict(encoding)) {
      const b = reader.get(encoding, 'BaseEncoding');
      baseName = isName(b) ? b.name : null;
    }
    let base: (Glyph | undefined)[] | null = baseName ? (BASE_ENCODINGS[baseName] ?? null) : null;
    if (!base) {
      if (standard === 'Symbol') base = SYMBOL;
      else if (standard === 'ZapfDingbats') base = ZAPF_DINGBATS;
      else if (!this.type3 && (!symbolic || (standard && !embedded))) base = STANDARD;
    }
    const glyphs = base ? [...base] : [];
    let known = base !== null;
    if (isDict(encoding)) {
      const differences = reader.get(encoding, 'Differences');
      if (Array.isArray(differences)) {
        let code = 0;
        for (const item of differences) {
          const v = reader.resolve(item);
          if (isNumber(v)) code = v;
          else if (isName(v)) {
            const text = glyphText(v.name);
            glyphs[code] = { name: v.name, text: text ?? '' };
            if (text !== null) known = true;
            code++;
          }
        }
      }
    }
    if (known) this.glyphs = glyphs;
    const first = reader.getNumber(this.dict, 'FirstChar') ?? 0;
    const list = reader.get(this.dict, 'Widths');
    // A simple font's codes are one byte: widths past 256 of them are for no code it can show.
    if (Array.isArray(list))
      list.slice(0, 256).forEach((w, i) => {
        const v = reader.resolve(w);
        if (isNumber(v)) this.widths.set(first + i, v);
      });
    else if (standard) {
      const metrics = standardMetrics(standard);
      for (let code = 0; code < 256; code++) {
        const name = glyphs[code]?.name;
        if (name) this.widths.set(code, metrics.getWidthOfGlyph(name) ?? 0);
      }
    }
    this.defaultWidth = reader.getNumber(descriptor, 'MissingWidth') ?? 0;
    if (this.type3) {
      const matrix = reader.get(this.dict, 'FontMatrix');
      const a = Array.isArray(matrix) ? reader.resolve(matrix[0]) : undefined;
      if (isNumber(a) && a !== 0) this.unitsPerEm = 1 / a;
    }
  }

  /** Whether codes can be turned into text without the font program (a ToUnicode map or a known encoding). */
  get readable(): boolean {
    return this.toUnicode !== null || this.glyphs !== null;
  }

  /** Bytes per code when every code has the same length (1 or 2); 0 when the code space varies. */
  get codeLength(): number {
    // A simple font's codes are single bytes, whatever its ToUnicode map's code space claims.
    if (!this.type0) return 1;
    const space = this.toUnicode?.codeSpace ?? [];
    if (space.length === 0) return this.type0 ? 2 : 1;
    const first = space[0].bytes;
    return space.every((r) => r.bytes === first) ? first : 0;
  }

  /** The text of a code, or null when it is not known. */
  text(code: number): string | null {
    if (code < 256 && !this.type0) {
      let t = this.textByte[code];
      if (t === undefined) t = this.textByte[code] = this.textOf(code);
      return t;
    }
    return this.textOf(code);
  }

  /** A code's advance width, per unit of font size. */
  width(code: number): number {
    if (code < 256 && !this.type0) {
      let w = this.widthByte[code];
      if (w === undefined)
        w = this.widthByte[code] = (this.widths.get(code) ?? this.defaultWidth) / this.unitsPerEm;
      return w;
    }
    return (this.widths.get(code) ?? this.defaultWidth) / this.unitsPerEm;
  }

  private textOf(code: number): string | null {
    let text = this.cache.get(code);
    if (text !== undefined) return text;
    // A soft hyphen (a possible break) is not text a reader shows: pdf.js drops it too.
    text = this.toUnicode?.map.get(code)?.replace(/\u00ad/g, '') ?? null;
    if (text === null && this.glyphs) {
      const glyph = this.glyphs[code];
      text = glyph ? glyph.text || null : null;
    }
    this.cache.set(code, text);
    return text;
  }

  codes(bytes: Uint8Array): number[] {
    if (!this.type0) return Array.from(bytes);
    return splitCodes(bytes, this.toUnicode?.codeSpace ?? [], 2);
  }

  /** The codes of a shown string, its text (unknown codes give U+FFFD) and its advance. */
  show(bytes: Uint8Array): ShownText {
    const codes = this.codes(bytes);
    let text = '';
    let width = 0;
    let spaces = 0;
    let unknown = 0;
    const oneByte = !this.type0;
    const texts: string[] = [];
    const widths: number[] = [];
    for (const code of codes) {
      const t = this.textOf(code) ?? '\ufffd';
      if (t === '\ufffd') unknown++;
      text += t;
      texts.push(t);
      const w = (this.widths.get(code) ?? this.defaultWidth) / this.unitsPerEm;
      widths.push(w);
      width += w;
      if (oneByte && code === 32) spaces++;
    }
    return { codes, text, texts, widths, width, spaces, unknown };
  }
}

/**
 * Widths set from a /W array at most: a CID is two bytes, so a sound font sets each of 65,536 once at most.
 * A hostile one repeats a range of every CID (a few KB compressed, billions of widths set).
 */
const MAX_CID_WIDTHS = 0x40000;

/** The /W array of a CID font: "c [w1 w2 …]" and "c_first c_last w" entries. */
function readCidWidths(reader: PdfReader, value: PdfValue | undefined, out: Map<number, number>): void {
  if (!Array.isArray(value)) return;
  const items = value.map((v) => reader.resolve(v));
  let set = 0;
  for (let i = 0; i < items.length && set < MAX_CID_WIDTHS;) {
    const first = items[i];
    const next = items[i + 1];
    if (!isNumber(first)) break;
    if (Array.isArray(next)) {
      next.forEach((w, k) => {
        const v = reader.resolve(w);
        if (isNumber(v)) out.set(first + k, v);
      });
      set += next.length;
      i += 2;
    } else {
      const last = next;
      const w = items[i + 2];
      if (!isNumber(last) || !isNumber(w)) break;
      const end = Math.min(last, first + 0x10000, first + MAX_CID_WIDTHS - set);
      for (let c = first; c <= end; c++) out.set(c, w);
      set += Math.max(0, end - first + 1);
      i += 3;
    }
  }
}
