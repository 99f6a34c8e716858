/**
 * Simple fonts' encodings (ISO 32000-1, Annex D): which glyph each one-byte code draws, and the text of
 * a glyph name. WinAnsi, Symbol and ZapfDingbats come from the standard 14 fonts' own tables (bundled with
 * pdf-lib's standard-fonts package, metrics only); Mac Roman from the platform's decoder; Standard written
 * out here where it differs from WinAnsi.
 */
import { Encodings } from '@cantoo/pdf-lib/standard-fonts';

export interface Glyph {
  name: string;
  text: string;
}

type Table = (Glyph | undefined)[];

interface EncodingLike {
  supportedCodePoints: number[];
  encodeUnicodeCodePoint(codePoint: number): { code: number; name: string };
}

function invert(encoding: EncodingLike): Table {
  const table: Table = [];
  for (const codePoint of encoding.supportedCodePoints) {
    const { code, name } = encoding.encodeUnicodeCodePoint(codePoint);
    table[code] ??= { name, text: String.fromCodePoint(codePoint) };
  }
  return table;
}

const WIN_ANSI = invert(Encodings.WinAnsi);
// As readers show them: WinAnsi's 0xAD is drawn as a hyphen, and its "mu" is the Greek letter.
WIN_ANSI[0xad] = { name: 'hyphen', text: '-' };
WIN_ANSI[0xb5] = { name: 'mu', text: '\u03bc' };
export const SYMBOL = invert(Encodings.Symbol);
export const ZAPF_DINGBATS = invert(Encodings.ZapfDingbats);

const NAME_TEXT = new Map<string, string>();
for (const table of [WIN_ANSI, SYMBOL, ZAPF_DINGBATS])
  for (const glyph of table) if (glyph && !NAME_TEXT.has(glyph.name)) NAME_TEXT.set(glyph.name, glyph.text);
for (const [name, text] of Object.entries({
  fi: 'fi',
  fl: 'fl',
  ff: 'ff',
  ffi: 'ffi',
  ffl: 'ffl',
  quoteleft: '\u2018',
  quoteright: '\u2019',
  fraction: '\u2044',
  dotlessi: '\u0131',
  Lslash: '\u0141',
  lslash: '\u0142',
  hungarumlaut: '\u02dd',
  ogonek: '\u02db',
  caron: '\u02c7',
  breve: '\u02d8',
  dotaccent: '\u02d9',
  ring: '\u02da',
  minus: '\u2212',
  nbspace: '\u00a0',
  sfthyphen: '\u00ad',
}))
  NAME_TEXT.set(name, text);

/** The text a glyph name stands for: the standard names, uniXXXX, uXXXX[XX], or null when unknown. */
export function glyphText(name: string): string | null {
  const known = NAME_TEXT.get(name);
  if (known !== undefined) return known;
  const base = name.split('.')[0];
  if (base !== name && NAME_TEXT.has(base)) return NAME_TEXT.get(base)!;
  let m = /^uni((?:[0-9A-F]{4})+)$/.exec(base);
  if (m) {
    let out = '';
    for (let i = 0; i < m[1].length; i += 4) out += String.fromCharCode(parseInt(m[1].slice(i, i + 4), 16));
    return out;
  }
  m = /^u([0-9A-F]{4,6})$/.exec(base);
  if (m) {
    const cp = parseInt(m[1], 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : null;
  }
  if (base.length === 1) return base;
  return null;
}

/** Adobe StandardEncoding: WinAnsi's ASCII, but typographic quotes, and its own upper half. */
const STANDARD_HIGH: Record<number, string> = {
  0xa1: 'exclamdown',
  0xa2: 'cent',
  0xa3: 'sterling',
  0xa4: 'fraction',
  0xa5: 'yen',
  0xa6: 'florin',
  0xa7: 'section',
  0xa8: 'currency',
  0xa9: 'quotesingle',
  0xaa: 'quotedblleft',
  0xab: 'guillemotleft',
  0xac: 'guilsinglleft',
  0xad: 'guilsinglright',
  0xae: 'fi',
  0xaf: 'fl',
  0xb1: 'endash',
  0xb2: 'dagger',
  0xb3: 'daggerdbl',
  0xb4: 'periodcentered',
  0xb6: 'paragraph',
  0xb7: 'bullet',
  0xb8: 'quotesinglbase',
  0xb9: 'quotedblbase',
  0xba: 'quotedblright',
  0xbb: 'guillemotright',
  0xbc: 'ellipsis',
  0xbd: 'perthousand',
  0xbf: 'questiondown',
  0xc1: 'grave',
  0xc2: 'acute',
  0xc3: 'circumflex',
  0xc4: 'tilde',
  0xc5: 'macron',
  0xc6: 'breve',
  0xc7: 'dotaccent',
  0xc8: 'dieresis',
  0xca: 'ring',
  0xcb: 'cedilla',
  0xcd: 'hungarumlaut',
  0xce: 'ogonek',
  0xcf: 'caron',
  0xd0: 'emdash',
  0xe1: 'AE',
  0xe3: 'ordfeminine',
  0xe8: 'Lslash',
  0xe9: 'Oslash',
  0xea: 'OE',
  0xeb: 'ordmasculine',
  0xf1: 'ae',
  0xf5: 'dotlessi',
  0xf8: 'lslash',
  0xf9: 'oslash',
  0xfa: 'oe',
  0xfb: 'germandbls',
};

function named(name: string): Glyph | undefined {
  const text = glyphText(name);
  return text === null ? undefined : { name, text };
}

export const STANDARD: Table = [];
for (let code = 0x20; code < 0x7f; code++) STANDARD[code] = WIN_ANSI[code];
STANDARD[0x27] = named('quoteright');
STANDARD[0x60] = named('quoteleft');
for (const [code, name] of Object.entries(STANDARD_HIGH)) STANDARD[Number(code)] = named(name);

/** Mac Roman: the text from the platform's decoder, the glyph name from WinAnsi's table where it has one. */
const MAC_ROMAN: Table = [];
{
  const byText = new Map<string, string>();
  for (const glyph of WIN_ANSI) if (glyph) byText.set(glyph.text, glyph.name);
  let decoder: TextDecoder | null;
  try {
    decoder = new TextDecoder('macintosh');
  } catch {
    decoder = null; // A Node without full ICU: Mac Roman text falls back to WinAnsi.
  }
  for (let code = 0x20; code < 0x100; code++) {
    if (code === 0x7f) continue;
    const text = decoder ? decoder.decode(Uint8Array.of(code)) : (WIN_ANSI[code]?.text ?? '');
    MAC_ROMAN[code] = { name: byText.get(text) ?? '', text };
  }
}

export const BASE_ENCODINGS: Record<string, Table> = {
  WinAnsiEncoding: WIN_ANSI,
  MacRomanEncoding: MAC_ROMAN,
  StandardEncoding: STANDARD,
};
