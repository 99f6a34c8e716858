/**
 * What the reader needs of a font to read the text it shows: how its strings split into character codes,
 * the text each code stands for (its /ToUnicode map), and each code's advance width.
 */
import type { PdfReader } from './document';
import { parseToUnicode, splitCodes, ToUnicodeMap } from './cmap';
import { isDict, isName, isNumber, PdfStream, type PdfDict, type PdfValue } from './objects';

export interface ShownText {
  codes: number[];
  text: string;
  /** Sum of the codes' advance widths, in thousandths of the font size. */
  advance: number;
}

export class PdfFont {
  private constructor(
    readonly dict: PdfDict,
    readonly type0: boolean,
    readonly baseFont: string,
    private readonly toUnicode: ToUnicodeMap | null,
    private readonly widths: Map<number, number>,
    private readonly defaultWidth: number,
  ) {}

  static read(reader: PdfReader, dict: PdfDict): PdfFont {
    const subtype = reader.get(dict, 'Subtype');
    const type0 = isName(subtype, 'Type0');
    const base = reader.get(dict, 'BaseFont');
    let toUnicode: ToUnicodeMap | null = null;
    const tu = reader.get(dict, 'ToUnicode');
    if (tu instanceof PdfStream) {
      try {
        toUnicode = parseToUnicode(reader.streamData(tu, 4 * 1024 * 1024));
      } catch {
        toUnicode = null;
      }
    }
    const widths = new Map<number, number>();
    let defaultWidth = 0;
    if (type0) {
      const descendants = reader.get(dict, 'DescendantFonts');
      const cid = Array.isArray(descendants) ? reader.resolve(descendants[0]) : undefined;
      if (isDict(cid)) {
        defaultWidth = reader.getNumber(cid, 'DW') ?? 1000;
        readCidWidths(reader, reader.get(cid, 'W'), widths);
      }
    } else {
      const first = reader.getNumber(dict, 'FirstChar') ?? 0;
      const list = reader.get(dict, 'Widths');
      if (Array.isArray(list))
        list.forEach((w, i) => {
          const v = reader.resolve(w);
          if (isNumber(v)) widths.set(first + i, v);
        });
      const descriptor = reader.getDict(dict, 'FontDescriptor');
      defaultWidth = reader.getNumber(descriptor, 'MissingWidth') ?? 0;
    }
    return new PdfFont(dict, type0, isName(base) ? base.name : '', toUnicode, widths, defaultWidth);
  }

  /** Whether every code this font shows can be turned into text. */
  get hasToUnicode(): boolean {
    return this.toUnicode !== null && this.toUnicode.size > 0;
  }

  codes(bytes: Uint8Array): number[] {
    return splitCodes(bytes, this.toUnicode?.codeSpace ?? [], this.type0 ? 2 : 1);
  }

  /** The codes of a shown string, its text (codes without a mapping give U+FFFD) and its advance. */
  show(bytes: Uint8Array): ShownText {
    const codes = this.codes(bytes);
    let text = '';
    let advance = 0;
    for (const code of codes) {
      text += this.toUnicode?.map.get(code) ?? '\ufffd';
      advance += this.widths.get(code) ?? this.defaultWidth;
    }
    return { codes, text, advance };
  }
}

/** The /W array of a CID font: "c [w1 w2 …]" and "c_first c_last w" entries. */
function readCidWidths(reader: PdfReader, value: PdfValue | undefined, out: Map<number, number>): void {
  if (!Array.isArray(value)) return;
  const items = value.map((v) => reader.resolve(v));
  for (let i = 0; i < items.length;) {
    const first = items[i];
    const next = items[i + 1];
    if (!isNumber(first)) break;
    if (Array.isArray(next)) {
      next.forEach((w, k) => {
        const v = reader.resolve(w);
        if (isNumber(v)) out.set(first + k, v);
      });
      i += 2;
    } else {
      const last = next;
      const w = items[i + 2];
      if (!isNumber(last) || !isNumber(w)) break;
      for (let c = first; c <= Math.min(last, first + 0x10000); c++) out.set(c, w);
      i += 3;
    }
  }
}
