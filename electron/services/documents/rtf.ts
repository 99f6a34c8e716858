/**
 * The text of an Outlook message kept only as RTF. Outlook stores every message's formatted body as
 * compressed RTF ([MS-OXRTFCP]: LZFu); an HTML email is kept inside that RTF ([MS-OXRTFEX]: "\fromhtml1",
 * its tags in \*\htmltag groups). Read when a message has no plain-text or HTML body of its own. Bounded: the
 * output never exceeds the size the header declares (and MAX_RTF_BYTES), and groups nest at most MAX_DEPTH.
 */
import { decoderFor, type Decoder } from './charsets';

/** A message body larger than this (decompressed) is not read: 16 MB of RTF is a very long email. */
export const MAX_RTF_BYTES = 16 * 1024 * 1024;
const MAX_DEPTH = 200;

/** The dictionary every compressed RTF starts from ([MS-OXRTFCP] 2.1.2.1). */
const INITIAL_DICTIONARY =
  '{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript ' +
  '\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par ' +
  '\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx';

export class RtfReadError extends Error {}

/** The RTF inside Outlook's compressed RTF property (PR_RTF_COMPRESSED). */
export function decompressRtf(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 16) throw new RtfReadError('the formatted text is cut short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const compressedSize = view.getUint32(0, true);
  const rawSize = view.getUint32(4, true);
  const type = String.fromCharCode(...bytes.subarray(8, 12));
  const end = Math.min(bytes.length, compressedSize + 4);
  if (rawSize > MAX_RTF_BYTES) throw new RtfReadError('the formatted text is too large');
  if (type === 'MELA') return bytes.slice(16, 16 + Math.min(rawSize, end - 16));
  if (type !== 'LZFu') throw new RtfReadError('the formatted text is in an unknown form');

  const dictionary = new Uint8Array(4096);
  for (let i = 0; i < INITIAL_DICTIONARY.length; i++) dictionary[i] = INITIAL_DICTIONARY.charCodeAt(i);
  let write = INITIAL_DICTIONARY.length;
  const out = new Uint8Array(rawSize);
  let length = 0;
  let at = 16;
  const emit = (byte: number) => {
    if (length < rawSize) out[length++] = byte;
    dictionary[write] = byte;
    write = (write + 1) & 4095;
  };
  while (at < end && length < rawSize) {
    const control = bytes[at++];
    for (let bit = 0; bit < 8 && at < end && length < rawSize; bit++) {
      if ((control & (1 << bit)) === 0) {
        emit(bytes[at++]);
        continue;
      }
      if (at + 1 >= end) return out.subarray(0, length);
      const reference = (bytes[at] << 8) | bytes[at + 1];
      at += 2;
      const offset = reference >> 4;
      if (offset === write) return out.subarray(0, length);
      const count = (reference & 15) + 2;
      for (let i = 0; i < count; i++) emit(dictionary[(offset + i) & 4095]);
    }
  }
  return out.subarray(0, length);
}

/** Groups whose text is not the message's: tables of fonts, colours and styles, pictures, document facts. */
const SKIPPED = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'listtable',
  'listoverridetable',
  'info',
  'pict',
  'object',
  'header',
  'footer',
  'generator',
  'xmlnstbl',
  'themedata',
  'datastore',
  'latentstyles',
  'rsidtbl',
]);

/** The code page of each RTF character set (\fcharsetN) an email's fonts use, as TextDecoder labels. */
const CHARSETS: Record<number, string> = {
  0: 'windows-1252',
  128: 'shift_jis',
  129: 'euc-kr',
  134: 'gbk',
  136: 'big5',
  161: 'windows-1253',
  162: 'windows-1254',
  163: 'windows-1258',
  177: 'windows-1255',
  178: 'windows-1256',
  186: 'windows-1257',
  204: 'windows-1251',
  222: 'windows-874',
  238: 'windows-1250',
};

interface Group {
  skip: boolean;
  /** Inside the font table, where fonts' character sets are read. */
  fontTable: boolean;
  /** The font the text is in (\fN), whose character set its \'hh bytes are in. */
  font: number | null;
  /** Inside \*\htmltag: HTML the RTF carries for an encapsulated HTML email. */
  htmlTag: boolean;
  /** Between \htmlrtf and \htmlrtf0: RTF-only text an encapsulated HTML email's reader leaves out. */
  htmlRtf: boolean;
  /** How many characters after \uN stand in for it (\ucN). */
  uc: number;
}

/**
 * What a message's RTF says: plain text, or for an HTML email kept as RTF ("\fromhtml1") the HTML itself.
 * Characters escaped as \'hh are read in their font's character set (a Chinese font's are GBK), else in the
 * RTF's code page (\ansicpgN; Windows-1252 when it names none).
 */
export function rtfContent(rtf: Uint8Array): { html: boolean; text: string } {
  const source = Buffer.from(rtf.buffer, rtf.byteOffset, rtf.byteLength).toString('latin1');
  const html = /\\fromhtml1/.test(source.slice(0, 1024));
  const windows1252 = decoderFor('windows-1252')!;
  let ansi = windows1252;
  const fonts = new Map<number, Decoder>();
  let definingFont: number | null = null;
  let defaultFont: number | null = null;
  let out = '';
  let pendingBytes: number[] = [];
  const flushBytes = () => {
    if (pendingBytes.length) {
      const font = group.font ?? defaultFont;
      out += ((font !== null && fonts.get(font)) || ansi).decode(new Uint8Array(pendingBytes));
    }
    pendingBytes = [];
  };
  const write = (text: string) => {
    flushBytes();
    out += text;
  };
  const stack: Group[] = [];
  let group: Group = { skip: false, fontTable: false, font: null, htmlTag: false, htmlRtf: false, uc: 1 };
  let skipFallback = 0;
  let starred = false;
  const shown = () => !group.skip && !(html && group.htmlRtf && !group.htmlTag);

  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '{') {
      flushBytes();
      if (stack.length >= MAX_DEPTH) throw new RtfReadError('the formatted text nests too deep');
      stack.push(group);
      group = { ...group };
      starred = false;
      i++;
      continue;
    }
    if (ch === '}') {
      flushBytes();
      group = stack.pop() ?? group;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i++;
      continue;
    }
    if (ch !== '\\') {
      let j = i;
      while (j < source.length && !'\\{}\r\n'.includes(source[j])) j++;
      let text = source.slice(i, j);
      if (skipFallback > 0) {
        const dropped = Math.min(skipFallback, text.length);
        text = text.slice(dropped);
        skipFallback -= dropped;
      }
      if (shown() && text) {
        for (let k = 0; k < text.length; k++) pendingBytes.push(text.charCodeAt(k));
      }
      i = j;
      continue;
    }
    // A control word (\name, an optional number, an optional space) or a control symbol (\x).
    const word = /^\\([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(source.slice(i, i + 48));
    if (!word) {
      const symbol = source[i + 1] ?? '';
      i += 2;
      if (symbol === "'") {
        const byte = parseInt(source.slice(i, i + 2), 16);
        i += 2;
        if (skipFallback > 0) skipFallback--;
        else if (shown() && !Number.isNaN(byte)) pendingBytes.push(byte);
      } else if (symbol === '*') starred = true;
      else if (shown()) {
        if (symbol === '~') write('\u00a0');
        else if (symbol === '_') write('\u2011');
        else if (symbol === '\\' || symbol === '{' || symbol === '}') write(symbol);
        else if (symbol === '\r' || symbol === '\n') write('\n');
      }
      continue;
    }
    i += word[0].length;
    const name = word[1];
    const parameter = word[2] === undefined ? null : Number(word[2]);
    if (name === 'htmltag') {
      group.htmlTag = true;
      group.skip = stack.some((g) => g.skip);
    } else if (starred || SKIPPED.has(name)) group.skip = true;
    starred = false;
    switch (name) {
      case 'ansicpg':
        ansi = decoderFor(`windows-${parameter}`) ?? windows1252;
        break;
      case 'deff':
        defaultFont = parameter;
        break;
      case 'fonttbl':
        group.fontTable = true;
        break;
      case 'f':
        if (group.fontTable) definingFont = parameter;
        else {
          flushBytes();
          group.font = parameter;
        }
        break;
      case 'fcharset': {
        const label = parameter === null ? undefined : CHARSETS[parameter];
        if (group.fontTable && definingFont !== null && label)
          fonts.set(definingFont, new TextDecoder(label));
        break;
      }
      case 'htmlrtf':
        group.htmlRtf = parameter !== 0;
        break;
      case 'uc':
        group.uc = Math.max(0, parameter ?? 1);
        break;
      case 'u':
        if (shown() && parameter !== null)
          write(String.fromCharCode(parameter < 0 ? parameter + 65536 : parameter));
        skipFallback = group.uc;
        break;
      case 'par':
      case 'line':
      case 'row':
      case 'page':
      case 'sect':
        if (shown()) write('\n');
        break;
      case 'tab':
      case 'cell':
        if (shown()) write('\t');
        break;
      case 'bin':
        // Raw bytes follow (a picture's data): never text.
        i += Math.max(0, parameter ?? 0);
        break;
      case 'emdash':
        if (shown()) write('\u2014');
        break;
      case 'endash':
        if (shown()) write('\u2013');
        break;
      case 'bullet':
        if (shown()) write('\u2022');
        break;
      default:
        break;
    }
  }
  flushBytes();
  // Outlook ends a calendar item's or contact's empty formatted body, and some messages, in a NUL.
  // eslint-disable-next-line no-control-regex -- those NULs
  return { html, text: out.replace(/\u0000/g, '') };
}
