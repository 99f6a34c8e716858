/**
 * Outlook's packing of an email (TNEF, [MS-OXTNEF]): the "winmail.dat" a message sent from Outlook in its
 * rich text format carries in place of its attached files. Any mail program but Outlook shows only that one
 * file, and the files inside it are the evidence (a school's report, the council's letter). Read here: the
 * files it holds, by the names Outlook showed, and the message's text, for an email with none of its own.
 *
 * Bounded for a hostile file: at most MAX_ATTRIBUTES attributes and MAX_PROPERTIES properties in each list,
 * every length checked against the bytes there are; a file cut short gives what was whole before the cut.
 * The checksums are not checked: Outlook's are sometimes wrong, and readers ignore them.
 */
import { decodeUnlabelled, decoderFor, type Decoder } from './charsets';
import { decompressRtf, RtfReadError, rtfContent } from './rtf';

/** The first four bytes of every TNEF stream (0x223E9F78, little-endian). */
const SIGNATURE = 0x223e9f78;
const MAX_ATTRIBUTES = 10_000;
const MAX_PROPERTIES = 5_000;
const MAX_ATTACHMENTS = 500;

/** Attribute levels and identifiers (the low 16 bits of an attribute's ID), [MS-OXTNEF] 2.1.3. */
const LEVEL_MESSAGE = 1;
const LEVEL_ATTACHMENT = 2;
const ATT_BODY = 0x800c;
const ATT_OEM_CODEPAGE = 0x9007;
const ATT_MESSAGE_PROPS = 0x9003;
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACHMENT = 0x9005;

/** MAPI property identifiers ([MS-OXPROPS]) read here. */
const PR_BODY = 0x1000;
const PR_RTF_COMPRESSED = 0x1009;
const PR_BODY_HTML = 0x1013;
const PR_INTERNET_CPID = 0x3fde;
const PR_DISPLAY_NAME = 0x3001;
const PR_ATTACH_DATA_OBJ = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_METHOD = 0x3705;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_CONTENT_ID = 0x3712;
/** PR_ATTACH_METHOD's values for an attached Outlook item and an embedded (OLE) object. */
const ATTACH_EMBEDDED_MSG = 5;
const ATTACH_OLE = 6;

/** MAPI property types ([MS-OXCDATA] 2.11.1). */
const PT_LONG = 0x0003;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;
const PT_OBJECT = 0x000d;
const MULTIPLE = 0x1000;
/** Bytes each fixed-size type takes in a property list (a 2-byte value is padded to 4). */
const FIXED_SIZES: Record<number, number> = {
  0x0001: 4,
  0x0002: 4,
  0x0003: 4,
  0x0004: 4,
  0x0005: 8,
  0x0006: 8,
  0x0007: 8,
  0x000a: 4,
  0x000b: 4,
  0x0014: 8,
  0x0040: 8,
  0x0048: 16,
};
const VARIABLE_TYPES = new Set([PT_STRING8, PT_UNICODE, PT_BINARY, PT_OBJECT]);

export class TnefReadError extends Error {}

export interface TnefContents {
  /** `contentId`: the name the message's HTML shows it by ("cid:…"), for a picture in the message. */
  files: { name: string; bytes: Uint8Array; contentId?: string }[];
  /** What it holds that is not a file (an attached Outlook item, an embedded object), with why. */
  leftOut: { name: string; because: string }[];
  /** The message's text, or its HTML (`html`) for the caller to turn into text; null when it has none. */
  body: { html: boolean; text: string } | null;
}

/** Whether `bytes` is a TNEF stream (winmail.dat, whatever it is called). */
export function isTnef(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 6 &&
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true) === SIGNATURE
  );
}

interface Property {
  type: number;
  values: Uint8Array[];
}

interface Attachment {
  title?: Uint8Array;
  data?: Uint8Array;
  properties: Map<number, Property>;
}

/** The files and text inside Outlook's packing `bytes`; throws TnefReadError when it is not one. */
export function readTnef(bytes: Uint8Array): TnefContents {
  if (!isTnef(bytes)) throw new TnefReadError('it is not in the form Outlook packs emails in');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const attachments: Attachment[] = [];
  let messageProperties = new Map<number, Property>();
  let body: Uint8Array | undefined;
  let decoder: Decoder | null = null;
  let at = 6; // the signature and the 2-byte key
  for (let count = 0; at + 9 <= bytes.length; count++) {
    if (count >= MAX_ATTRIBUTES) throw new TnefReadError('it holds too many parts');
    const level = bytes[at];
    const id = view.getUint32(at + 1, true) & 0xffff;
    const length = view.getUint32(at + 5, true);
    const start = at + 9;
    // Cut short, or what follows is not an attribute (some programs add bytes after the last one).
    if ((level !== LEVEL_MESSAGE && level !== LEVEL_ATTACHMENT) || length > bytes.length - start) break;
    const data = bytes.subarray(start, start + length);
    at = start + length + 2; // and its checksum
    if (level === LEVEL_MESSAGE) {
      if (id === ATT_BODY) body = data;
      else if (id === ATT_OEM_CODEPAGE && data.length >= 4)
        decoder = codepageDecoder(view.getUint32(start, true));
      else if (id === ATT_MESSAGE_PROPS) messageProperties = properties(data);
      continue;
    }
    if (id === ATT_ATTACH_REND_DATA || attachments.length === 0) {
      if (attachments.length >= MAX_ATTACHMENTS) throw new TnefReadError('it holds too many files');
      attachments.push({ properties: new Map() });
    }
    const attachment = attachments[attachments.length - 1];
    if (id === ATT_ATTACH_TITLE) attachment.title = data;
    else if (id === ATT_ATTACH_DATA) attachment.data = data;
    else if (id === ATT_ATTACHMENT) attachment.properties = properties(data);
  }
  if (at === 6 && bytes.length > 6) throw new TnefReadError('it is damaged');

  const decode = (value: Uint8Array, type: number) => text(value, type, decoder);
  const contents: TnefContents = {
    files: [],
    leftOut: [],
    body: messageBody(messageProperties, body, decode),
  };
  for (const attachment of attachments) {
    const name = attachmentName(attachment, decode);
    const method = attachment.properties.get(PR_ATTACH_METHOD);
    const methodValue =
      method?.type === PT_LONG && method.values[0]?.length >= 4 ? littleEndian32(method.values[0]) : 0;
    const object = attachment.properties.get(PR_ATTACH_DATA_OBJ);
    if (methodValue === ATTACH_EMBEDDED_MSG || methodValue === ATTACH_OLE || object?.type === PT_OBJECT) {
      contents.leftOut.push({
        name,
        because:
          methodValue === ATTACH_EMBEDDED_MSG
            ? 'is an Outlook item inside winmail.dat and was not taken out: save it from Outlook and add it on its own'
            : 'is an object embedded by Outlook inside winmail.dat and was not taken out: save it from Outlook and add it on its own',
      });
      continue;
    }
    const data = attachment.data ?? (object?.type === PT_BINARY ? object.values[0] : undefined);
    if (!data) {
      contents.leftOut.push({
        name,
        because: 'is in winmail.dat without its contents (the file is cut short)',
      });
      continue;
    }
    const contentId = attachment.properties.get(PR_ATTACH_CONTENT_ID);
    contents.files.push({
      name,
      bytes: data,
      ...(contentId?.values[0] && (contentId.type === PT_UNICODE || contentId.type === PT_STRING8)
        ? { contentId: decode(contentId.values[0], contentId.type) }
        : {}),
    });
  }
  return contents;
}

/** The name Outlook showed for `attachment`: its long file name, else its short one, else its title. */
function attachmentName(attachment: Attachment, decode: (value: Uint8Array, type: number) => string): string {
  for (const id of [PR_ATTACH_LONG_FILENAME, PR_ATTACH_FILENAME, PR_DISPLAY_NAME]) {
    const property = attachment.properties.get(id);
    if (property && (property.type === PT_UNICODE || property.type === PT_STRING8) && property.values[0]) {
      const name = decode(property.values[0], property.type).trim();
      if (name) return baseName(name);
    }
  }
  const title = attachment.title ? decode(attachment.title, PT_STRING8).trim() : '';
  return baseName(title) || 'attachment';
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? '';
}

/** The message's text: its plain text, else its HTML, else its formatted (RTF) text. */
function messageBody(
  props: Map<number, Property>,
  body: Uint8Array | undefined,
  decode: (value: Uint8Array, type: number) => string,
): TnefContents['body'] {
  const plain = props.get(PR_BODY);
  if (plain?.values[0] && (plain.type === PT_UNICODE || plain.type === PT_STRING8)) {
    const said = decode(plain.values[0], plain.type).trim();
    if (said) return { html: false, text: said };
  }
  if (body?.length) {
    const said = decode(body, PT_STRING8).trim();
    if (said) return { html: false, text: said };
  }
  const html = props.get(PR_BODY_HTML);
  if (html?.values[0]) {
    // Bytes of HTML are in the code page the message gives for it (UTF-8, usually), not the packing's own.
    const cpid = props.get(PR_INTERNET_CPID);
    const htmlDecoder =
      cpid?.type === PT_LONG && cpid.values[0]?.length >= 4
        ? codepageDecoder(littleEndian32(cpid.values[0]))
        : null;
    const said = (
      html.type === PT_UNICODE
        ? decode(html.values[0], PT_UNICODE)
        : text(html.values[0], PT_STRING8, htmlDecoder)
    ).trim();
    if (said) return { html: true, text: said };
  }
  const rtf = props.get(PR_RTF_COMPRESSED);
  if (rtf?.type === PT_BINARY && rtf.values[0]) {
    try {
      const content = rtfContent(decompressRtf(rtf.values[0]));
      const said = content.text.trim();
      if (said) return { html: content.html, text: said };
    } catch (error) {
      if (!(error instanceof RtfReadError)) throw error;
    }
  }
  return null;
}

/** A string property's text: UTF-16 for PT_UNICODE, else in the message's code page; up to its first NUL. */
function text(value: Uint8Array, type: number, decoder: Decoder | null): string {
  const said =
    type === PT_UNICODE
      ? new TextDecoder('utf-16le').decode(value.subarray(0, value.length - (value.length % 2)))
      : decoder
        ? decoder.decode(value)
        : decodeUnlabelled(value);
  const nul = said.indexOf('\u0000');
  return nul < 0 ? said : said.slice(0, nul);
}

/** A decoder for a Windows code page number, or null for one TextDecoder does not know (then guessed). */
function codepageDecoder(codepage: number): Decoder | null {
  const labels: Record<number, string> = {
    932: 'shift_jis',
    936: 'gbk',
    949: 'euc-kr',
    950: 'big5',
    20127: 'us-ascii',
    20866: 'koi8-r',
    28591: 'iso-8859-1',
    28592: 'iso-8859-2',
    28605: 'iso-8859-15',
    65001: 'utf-8',
  };
  const label =
    labels[codepage] ??
    (codepage === 874 || (codepage >= 1250 && codepage <= 1258) ? `windows-${codepage}` : null);
  // US-ASCII and Latin-1 as labelled are Windows-1252 as written (charsets.ts).
  return label ? decoderFor(label) : null;
}

function littleEndian32(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
}

/** A list of MAPI properties ([MS-OXTNEF] 2.1.3.4): those it could read, up to where it stops making sense. */
function properties(data: Uint8Array): Map<number, Property> {
  const found = new Map<number, Property>();
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const fits = (at: number, size: number) => size >= 0 && at + size <= data.length;
  if (!fits(0, 4)) return found;
  const count = view.getUint32(0, true);
  let at = 4;
  for (let i = 0; i < count && i < MAX_PROPERTIES; i++) {
    if (!fits(at, 4)) break;
    const type = view.getUint16(at, true);
    const id = view.getUint16(at + 2, true);
    at += 4;
    if (id >= 0x8000) {
      // A named property: its GUID, then a number or a name.
      if (!fits(at, 20)) break;
      const kind = view.getUint32(at + 16, true);
      at += 20;
      if (kind === 0) at += 4;
      else {
        if (!fits(at, 4)) break;
        const nameLength = view.getUint32(at, true);
        at += 4 + padded(nameLength);
      }
      if (at > data.length) break;
    }
    const base = type & ~MULTIPLE;
    const values: Uint8Array[] = [];
    if (VARIABLE_TYPES.has(base)) {
      if (!fits(at, 4)) break;
      const n = view.getUint32(at, true);
      at += 4;
      let whole = true;
      for (let v = 0; v < n && v < MAX_PROPERTIES; v++) {
        if (!fits(at, 4)) {
          whole = false;
          break;
        }
        const length = view.getUint32(at, true);
        at += 4;
        if (!fits(at, length)) {
          whole = false;
          break;
        }
        values.push(data.subarray(at, at + length));
        at += padded(length);
      }
      if (!whole) break;
    } else {
      const size = FIXED_SIZES[base];
      if (size === undefined) break; // A type this list cannot be read past.
      let n = 1;
      if (type & MULTIPLE) {
        if (!fits(at, 4)) break;
        n = view.getUint32(at, true);
        at += 4;
      }
      if (!fits(at, n * size)) break;
      for (let v = 0; v < n; v++) values.push(data.subarray(at + v * size, at + (v + 1) * size));
      at += n * size;
    }
    if (id < 0x8000) found.set(id, { type: base, values });
  }
  return found;
}

function padded(length: number): number {
  return length + ((4 - (length % 4)) % 4);
}
