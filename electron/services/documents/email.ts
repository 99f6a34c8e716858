/**
 * An email saved as a file (.eml: what webmail's "Download message", Apple Mail and Thunderbird save): its
 * message becomes the document's pages (who it is from and to, when, the subject, the text), and each file
 * attached to it is taken out to be added as a document of its own, as a PDF's attached files are
 * (attachments.ts, import.ts). The decision letter often arrives this way.
 *
 * MIME as mail programs write it (RFC 5322, 2045-2047, 2231): headers folded over lines, encoded words in
 * headers, multipart bodies nested, base64 and quoted-printable, any character set the platform knows. A
 * forwarded email attached whole (message/rfc822) is taken out as an email of its own. Bounded for hostile
 * files: nesting, number of parts, and attached bytes (import's limits then apply to each one again).
 */
import { LIMITS } from '../../../shared/limits';
import { bodyPagesAtLeast, renderLetterPdf, TooManyPages } from '../letters/pdf';
import { letterText, type Block, type Letter } from '../letters/model';
import { listCharacters } from '../../../shared/text/bundleFont';
import { asUtf8, decodeUnlabelled, decoderFor } from './charsets';
import { jpegHeader, pngHeader } from '../untrusted/imageHeader';
import { unprintableOnPages } from '../../../shared/text/fallbackFonts';
import { isTnef, readTnef, TnefReadError, type TnefContents } from './tnef';
import { sealedContentOf } from './cms';

const MAX_DEPTH = 8;
const MAX_PARTS = 500;
/** Characters of one header kept (a real one is a line or two; a subject a few hundred). */
const MAX_HEADER = 16 * 1024;
/** What follows a header cut short at MAX_HEADER (an email to hundreds of people: its recipients). */
const HEADER_CUT = '(and more, not shown here: this line of the email is over 16,000 characters long)';
/** Attached files taken out of one email, at most (attachments.ts takes as many from a PDF). */
export const MAX_EMAIL_ATTACHMENTS = 20;

export class EmailReadError extends Error {}

/** A saved email whose headers run on past LIMITS.emailHeaderBytes: no message to find after them. */
export class EmailHeadersTooLong extends Error {
  constructor() {
    super(`the email's headers run on past ${LIMITS.emailHeaderBytes} bytes`);
  }
}

/** A mailbox (mbox: what a mail program exports a folder as) of several emails, not one saved email. */
export class MailboxOfEmails extends Error {
  constructor(readonly emails: number) {
    super(`a mailbox of ${emails} emails`);
  }
}

/**
 * A mailbox's separator line ("From - Mon Nov 02 09:14:00 2026", "From sender@example.org Mon Nov  2
 * 09:14:00 2026") at the start of the file or after a blank line, followed by a header line: where each
 * email of an mbox starts (a line of a message's text that begins "From " is written ">From ").
 */
const MAILBOX_SEPARATOR = /(?:^|\r?\n\r?\n)From [^\r\n]*\d{4}[ \t]*\r?\n[!-9;-~]+:/g;

/** How many emails a file starting with a mailbox's separator line holds (1 for a saved email). */
function emailsInMailbox(bytes: Uint8Array): number {
  if (!(bytes[0] === 0x46 && latin1(bytes.subarray(0, 5)) === 'From ')) return 1;
  let count = 0;
  for (const _ of latin1(bytes).matchAll(MAILBOX_SEPARATOR)) if (++count > 1000) break;
  return Math.max(1, count);
}

interface Part {
  headers: Map<string, string>;
  body: Uint8Array;
}

export interface Email {
  headers: Map<string, string>;
  /**
   * The message's text: its text parts in order (of the same message written more than one way, the plain
   * text), HTML as text.
   */
  text: string;
  attachments: { name: string; bytes: Uint8Array<ArrayBuffer> }[];
  /** Attached files not taken out, with why, in words that follow the name. */
  leftOut: { name: string; because: string }[];
  /** The text inside Outlook's packing of the message (winmail.dat, tnef.ts), for an email with none of its own. */
  packedBody?: { html: boolean; text: string };
  /**
   * A web page a browser saved as one file (MHTML, .mhtml or .mht: the same MIME form as an email): its
   * address, and how many pictures it showed (they are part of the page, not files attached to it).
   */
  webPage?: { address: string | null; pictures: number };
}

/**
 * Whether a MIME message is a web page saved by a browser (Chrome and Edge write "From: <Saved by Blink>"
 * and the page's address as Snapshot-Content-Location; Internet Explorer "From: <Saved by Windows Internet
 * Explorer 8>"), or one with nobody's address on it whose parts are a page and its files (Word's "Single
 * File Web Page"): multipart/related, with no sender, recipient or mail server.
 */
function isSavedWebPage(headers: Map<string, string>): boolean {
  if (/^\s*<?\s*saved by /i.test(headers.get('from') ?? '')) return true;
  if (headers.has('snapshot-content-location')) return true;
  const type = (headers.get('content-type') ?? '').trim().toLowerCase();
  return (
    type.startsWith('multipart/related') &&
    !['from', 'to', 'received', 'message-id'].some((h) => headers.has(h))
  );
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? '').trim().toLowerCase();
  // No character set named, or plain ASCII named for 8-bit text: what the mail program wrote, UTF-8 or not.
  if (label === '' || label === 'us-ascii' || label === 'ascii') return decodeUnlabelled(bytes);
  const decoder = decoderFor(label) ?? new TextDecoder('utf-8');
  // Western European named for text written in UTF-8, as web forms and some mail programs send it ("Ã©"
  // for "é"): bytes past ASCII that read as UTF-8 are UTF-8, which Western European text almost never is.
  return (WESTERN_EUROPEAN.has(decoder.encoding) ? asUtf8(bytes) : null) ?? decoder.decode(bytes);
}

/** Western European character sets, as TextDecoder names them (Windows-1252 for "iso-8859-1" and "latin1"). */
const WESTERN_EUROPEAN = new Set(['windows-1252', 'iso-8859-15']);

const ENCODED_WORD = /=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g;

/**
 * Encoded words in a header (=?utf-8?B?...?= and =?iso-8859-1?Q?...?=), the space between two dropped. The
 * bytes of neighbouring words in one character set are decoded together: many mail programs split a long
 * subject between words in the middle of a letter ("Zoë" as "Zo" and half an "ë", then the other half).
 */
function decodeWords(value: string): string {
  let out = '';
  let at = 0;
  /** The words being gathered: their character set, and their bytes. */
  let runCharset: string | null = null;
  let runBytes: Uint8Array[] = [];
  const endRun = () => {
    if (runCharset !== null) out += decodeCharset(Buffer.concat(runBytes), runCharset);
    runCharset = null;
    runBytes = [];
  };
  for (const word of value.matchAll(ENCODED_WORD)) {
    const [whole, charset, encoding, text] = word;
    const between = value.slice(at, word.index);
    const label = charset.toLowerCase();
    // Only white space since the word before: that space is not part of the text.
    const follows = at > 0 && /^\s*$/.test(between);
    if (!follows || runCharset !== label) endRun();
    if (!follows) out += between;
    runCharset = label;
    runBytes.push(
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintable(text.replace(/_/g, ' ')),
    );
    at = word.index + whole.length;
  }
  endRun();
  return out + value.slice(at);
}

function quotedPrintable(text: string): Uint8Array {
  const cleaned = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < cleaned.length; i++) {
    const c = cleaned.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(cleaned.slice(i + 1, i + 3))) {
      out.push(parseInt(cleaned.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}

function splitHeaders(bytes: Uint8Array): Part {
  const text = latin1(bytes);
  const match = /\r?\n\r?\n/.exec(text);
  const headerEnd = match ? match.index : text.length;
  const bodyStart = match ? match.index + match[0].length : text.length;
  const headers = new Map<string, string>();
  let current: string | null = null;
  // Names and subjects are often written in 8 bits rather than as encoded words: in UTF-8 by today's mail
  // programs (RFC 6532), in Windows-1252 by older ones.
  /** Headers cut short at MAX_HEADER: said so where they are shown. */
  const cut = new Set<string>();
  for (const line of decodeUnlabelled(bytes.subarray(0, headerEnd)).split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current) {
      const sofar = headers.get(current) ?? '';
      if (sofar.length < MAX_HEADER) headers.set(current, `${sofar} ${line.trim().slice(0, MAX_HEADER)}`);
      else if (line.trim()) cut.add(current);
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      current = line.slice(0, colon).trim().toLowerCase();
      // The first of a repeated header is the message's own (later Received: lines are the route's).
      if (!headers.has(current)) {
        headers.set(current, line.slice(colon + 1, colon + 1 + MAX_HEADER).trim());
        if (line.length > colon + 1 + MAX_HEADER) cut.add(current);
      } else current = null;
    }
  }
  for (const name of cut) headers.set(name, `${headers.get(name)} … ${HEADER_CUT}`);
  return { headers, body: bytes.subarray(bodyStart) };
}

/** One part of a multipart body: one that starts with its blank line has no headers (RFC 2046, 5.1.1). */
function bodyPart(bytes: Uint8Array): Part {
  const blank = bytes[0] === 0x0a ? 1 : bytes[0] === 0x0d && bytes[1] === 0x0a ? 2 : 0;
  return blank ? { headers: new Map(), body: bytes.subarray(blank) } : splitHeaders(bytes);
}

/** A header's value split at its semicolons, except those inside quotes (a file name "minutes; final.pdf"). */
function splitAtSemicolons(value: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted && c === '\\' && i + 1 < value.length) {
      current += c + value[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else current += c;
  }
  pieces.push(current);
  return pieces;
}

/** A parameter's value without its quotes and backslash escapes. */
function unquote(text: string): string {
  const m = /^"(.*)"$/s.exec(text);
  return m ? m[1].replace(/\\(.)/gs, '$1') : text;
}

/** RFC 2231 percent-encoding ("Sam%20Smith") as bytes. */
function percentBytes(text: string): Buffer {
  return Buffer.from(
    text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
}

/** Pieces of a parameter split over several (RFC 2231: name*0*=utf-8''Educational%20; name*1*=report.pdf). */
const MAX_CONTINUATIONS = 100;

/**
 * A header's main value and its parameters: name="…", RFC 2231's name*=utf-8''… and a long one split into
 * name*0*, name*1* … (how mail programs write a long attachment name), encoded words in any of them.
 */
function parameters(value: string | undefined): { value: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (!value) return { value: '', params };
  const [main, ...rest] = splitAtSemicolons(value);
  const continued = new Map<string, { index: number; text: string; encoded: boolean }[]>();
  const extended = new Set<string>();
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    const text = unquote(piece.slice(eq + 1).trim());
    const part = /^(.+?)\*(\d{1,3})(\*?)$/.exec(key);
    if (part) {
      const list = continued.get(part[1]) ?? [];
      if (list.length < MAX_CONTINUATIONS)
        list.push({ index: Number(part[2]), text, encoded: part[3] === '*' });
      continued.set(part[1], list);
    } else if (key.endsWith('*')) {
      const [charset, , encoded] = text.split("'");
      const name = key.slice(0, -1);
      params.set(name, encoded === undefined ? text : decodeCharset(percentBytes(encoded), charset));
      extended.add(name);
    } else if (!extended.has(key)) params.set(key, decodeWords(text));
  }
  for (const [name, pieces] of continued) {
    if (extended.has(name)) continue;
    pieces.sort((a, b) => a.index - b.index);
    let charset: string | undefined;
    const bytes = pieces.map(({ index, text, encoded }) => {
      if (!encoded) return Buffer.from(text, 'utf8');
      let body = text;
      if (index === 0) {
        const [declared, , afterLanguage] = text.split("'");
        if (afterLanguage !== undefined) {
          charset = declared;
          body = afterLanguage;
        }
      }
      return percentBytes(body);
    });
    params.set(name, decodeCharset(Buffer.concat(bytes), charset ?? 'utf-8'));
  }
  return { value: main.trim().toLowerCase(), params };
}

function transferDecode(part: Part): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'base64') return Buffer.from(latin1(part.body).replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return quotedPrintable(latin1(part.body));
  return part.body;
}

/**
 * Where the next line that is the boundary's delimiter starts, from `from`, or -1: "--boundary" at the start
 * of a line, followed by "--", spaces or the line's end (RFC 2046, 5.1.1), not by more of a longer boundary
 * ("--b1_alt" is not a line of "b1", as a nested part's boundary may be written).
 */
function delimiterLine(text: string, delimiter: string, from: number): number {
  for (let at = text.indexOf(delimiter, from); at >= 0; at = text.indexOf(delimiter, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    const after = text.slice(at + delimiter.length, at + delimiter.length + 2);
    if (after === '--' || after === '' || /^[ \t\r\n]/.test(after)) return at;
  }
  return -1;
}

/** The parts of a multipart body (without the preamble and epilogue). */
function splitMultipart(body: Uint8Array, boundary: string): Uint8Array[] {
  const text = latin1(body);
  const delimiter = `--${boundary}`;
  const parts: Uint8Array[] = [];
  let at = delimiterLine(text, delimiter, 0);
  while (at >= 0 && parts.length < MAX_PARTS) {
    const afterDelimiter = at + delimiter.length;
    if (text.startsWith('--', afterDelimiter)) break;
    const start = text.indexOf('\n', afterDelimiter);
    if (start < 0) break;
    const next = delimiterLine(text, delimiter, start + 1);
    const lineEnd = next < 0 ? text.length : next - 1;
    const end = next < 0 ? text.length : next > 1 && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    parts.push(body.subarray(start + 1, Math.max(start + 1, end)));
    at = next;
  }
  return parts;
}

/** HTML read as text, at most (a message's text is far shorter; the rest is left). */
const MAX_HTML = 4 * 1024 * 1024;
/** Elements whose content is never shown as text. */
const NOT_SHOWN = new Set(['script', 'style', 'head', 'template']);
const BLOCK_ELEMENTS = new Set([
  'p',
  'div',
  'tr',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'blockquote',
  'pre',
  'ol',
  'ul',
]);

/** HTML 4's named characters from &nbsp; (U+00A0) to &yuml; (U+00FF), in order. */
const LATIN1_ENTITIES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde ' +
  'Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute ' +
  'Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde ' +
  'auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ' +
  'ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** HTML 4's other named characters mail programs write (its punctuation, ligatures, arrows), and a few more. */
const OTHER_ENTITIES =
  'OElig:338 oelig:339 Scaron:352 scaron:353 Yuml:376 fnof:402 circ:710 tilde:732 ensp:8194 emsp:8195 ' +
  'thinsp:8201 zwnj:8204 zwj:8205 lrm:8206 rlm:8207 ndash:8211 mdash:8212 lsquo:8216 rsquo:8217 ' +
  'sbquo:8218 ldquo:8220 rdquo:8221 bdquo:8222 dagger:8224 Dagger:8225 bull:8226 hellip:8230 permil:8240 ' +
  'prime:8242 Prime:8243 lsaquo:8249 rsaquo:8250 euro:8364 trade:8482 larr:8592 uarr:8593 rarr:8594 ' +
  'darr:8595 harr:8596 minus:8722 ne:8800 le:8804 ge:8805 check:10003 cross:10007';

const NAMED_CHARACTERS = new Map<string, string>([
  ...LATIN1_ENTITIES.split(' ').map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
  ...OTHER_ENTITIES.split(' ').map((pair): [string, string] => {
    const [name, code] = pair.split(':');
    return [name, String.fromCodePoint(Number(code))];
  }),
  // A non-breaking space is a space in the message's text.
  ['nbsp', ' '],
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** `text` with its character references (&pound; &#163; &#xA3;) as the characters they name; unknown names kept. */
export function decodeCharacterReferences(text: string): string {
  return text.replace(
    /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g,
    (whole, ref: string) => {
      if (ref[0] !== '#') return NAMED_CHARACTERS.get(ref) ?? whole;
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return String.fromCodePoint(Math.min(0x10ffff, code));
    },
  );
}

/**
 * An HTML body as the text a mail program shows, in one pass over it (regular expressions over hostile HTML,
 * such as a megabyte of "<script" never closed, can take time that grows with the square of its length).
 * Runs of spaces and line breaks in the HTML are one space, as a browser shows them (except in <pre>); a
 * table's cells are kept apart, and a numbered list keeps its numbers.
 */
export function htmlToText(
  input: string,
  {
    maxLength = MAX_HTML,
    scriptsRun = false,
    linkAddresses = false,
  }: {
    /** Characters of HTML read, at most. */
    maxLength?: number;
    /** Read as a browser shows it with its scripts on (a web page): what `<noscript>` holds is not shown. */
    scriptsRun?: boolean;
    /**
     * Each link's web or email address after its words, where they do not show it ("the report <https://…>"),
     * as mail programs write a message's plain text: on paper the words alone say nothing of where they led.
     */
    linkAddresses?: boolean;
  } = {},
): string {
  const html = input.length > maxLength ? input.slice(0, maxLength) : input;
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  let preformatted = 0;
  /** The lists open around here: the next item's number in a numbered one, null in a bulleted one. */
  const lists: (number | null)[] = [];
  /** The link open here: the address it shows, and where its words start in `out`. */
  let link: { address: string; start: number } | null = null;
  const addText = (raw: string) => {
    const text = preformatted > 0 ? raw : raw.replace(/[ \t\r\n\f]+/g, ' ');
    out += decodeCharacterReferences(text);
  };
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) {
      addText(html.slice(at));
      break;
    }
    addText(html.slice(at, open));
    // As browsers read it: a "<" not followed by a tag's name (a letter, or "/" and a letter) or "!" or "?" is
    // text ("<3", "x < y"); a comment ends at "-->", whatever ">" it holds.
    const next = html[open + 1] ?? '';
    if (!/[a-zA-Z!?]/.test(next) && !(next === '/' && /[a-zA-Z]/.test(html[open + 2] ?? ''))) {
      addText('<');
      at = open + 1;
      continue;
    }
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      if (end < 0) break;
      at = end + 3;
      continue;
    }
    const close = html.indexOf('>', open);
    if (close < 0) break; // a tag never finished: nothing after it is text
    const closing = lower[open + 1] === '/';
    let end = open + (closing ? 2 : 1);
    while (end < close && /[a-z0-9]/.test(lower[end])) end++;
    const name = lower.slice(open + (closing ? 2 : 1), end);
    at = close + 1;
    if (!closing && (NOT_SHOWN.has(name) || (scriptsRun && name === 'noscript'))) {
      const endTag = lower.indexOf(`</${name}`, at);
      const after = endTag < 0 ? -1 : lower.indexOf('>', endTag);
      if (after < 0) break;
      at = after + 1;
      continue;
    }
    if (linkAddresses && name === 'a') {
      if (closing && link) out += linkAddressAfter(out.slice(link.start), link.address);
      const address = closing ? null : linkAddress(html.slice(open, close + 1));
      link = address ? { address, start: out.length } : null;
    }
    if (name === 'pre') preformatted = Math.max(0, preformatted + (closing ? -1 : 1));
    if ((name === 'ol' || name === 'ul') && lists.length < 100) {
      if (!closing) lists.push(name === 'ol' ? 1 : null);
      else lists.pop();
    }
    if (name === 'br') out += '\n';
    else if (closing && BLOCK_ELEMENTS.has(name)) out += '\n\n';
    else if (!closing && (name === 'td' || name === 'th')) out += '\t';
    else if (!closing && name === 'li') {
      const number = lists[lists.length - 1];
      if (typeof number === 'number') {
        out += `${number}. `;
        lists[lists.length - 1] = number + 1;
      } else out += '• ';
    }
  }
  return out
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Longer addresses are not printed (a tracking link's, which says nothing a reader could use). */
const MAX_LINK_ADDRESS = 500;

/**
 * The address a link's start tag leads to, as printed: a web address, or the email address of a mailto:
 * link; Outlook's Safe Links wrapping undone (the address it checks before opening is the one the sender
 * wrote). Null for anything else (a place in the same message, a script, a file on the sender's computer).
 */
function linkAddress(tag: string): string | null {
  const found = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  let address = decodeCharacterReferences(found?.[1] ?? found?.[2] ?? found?.[3] ?? '').trim();
  const safeLink = /^https:\/\/[a-z0-9.-]*safelinks\.protection\.outlook\.com\/.*?[?&]url=([^&]+)/i.exec(
    address,
  );
  if (safeLink) {
    try {
      address = decodeURIComponent(safeLink[1]);
    } catch {
      return null;
    }
  }
  if (/^mailto:/i.test(address)) address = address.slice('mailto:'.length).split('?')[0];
  else if (!/^https?:\/\/\S+$/i.test(address)) return null;
  return address && address.length <= MAX_LINK_ADDRESS ? address : null;
}

/** " <address>" after a link's words, unless they already show it (or there are none: a picture's link). */
function linkAddressAfter(words: string, address: string): string {
  const bare = (text: string) =>
    text
      .toLowerCase()
      .replace(/^(https?:\/\/)?(www\.)?/, '')
      .replace(/\/$/, '');
  if (!words.trim() || words.toLowerCase().includes(bare(address))) return '';
  return ` <${address}>`;
}

/**
 * Adds a file attached to `email` to those taken out, unless there are too many, it is empty, or it is too
 * big (on its own, or with those before it): then to those left out, saying why.
 */
export function addAttachedFile(email: Email, name: string, content: Uint8Array): void {
  if (isTnef(content)) unpackOutlookPacking(email, name, content);
  else addOneFile(email, name, content);
}

/**
 * The files inside Outlook's packing of an email (winmail.dat), in its place; its text kept for an email
 * with no text of its own. Files inside are not unpacked again (Outlook never packs a packing).
 */
function unpackOutlookPacking(email: Email, name: string, content: Uint8Array): void {
  let packed: TnefContents;
  try {
    packed = readTnef(content);
  } catch (error) {
    if (!(error instanceof TnefReadError)) throw error;
    email.leftOut.push({
      name,
      because: `was not taken out: it is Outlook's packing of the email's attached files (winmail.dat), and ${error.message}`,
    });
    return;
  }
  takeOutOfPacking(email, packed);
}

/** The packing's files (not pictures only shown in its message, such as a signature's logo), and its text. */
function takeOutOfPacking(email: Email, packed: TnefContents): void {
  const html = packed.body?.html ? packed.body.text : '';
  for (const file of packed.files)
    if (!file.contentId || !onlyPartOfMessage(file.bytes, file.contentId, html))
      addOneFile(email, file.name, file.bytes);
  email.leftOut.push(...packed.leftOut);
  if (packed.body) email.packedBody ??= packed.body;
}

/** The text of the packing's message, as text. */
function packedText(email: Email): string {
  const body = email.packedBody;
  return body ? (body.html ? htmlToText(body.text, { linkAddresses: true }) : body.text) : '';
}

/**
 * Outlook's packing of an email (winmail.dat) saved on its own, as an email whose headers were left behind
 * (they were in the email around it): its text and its files. Throws TnefReadError when it cannot be read.
 */
export function readOutlookPacking(bytes: Uint8Array): Email {
  const email: Email = { headers: new Map(), text: '', attachments: [], leftOut: [] };
  takeOutOfPacking(email, readTnef(bytes));
  email.text = packedText(email).replace(/\r\n/g, '\n').trim();
  return email;
}

function addOneFile(email: Email, name: string, content: Uint8Array): void {
  if (email.attachments.length >= MAX_EMAIL_ATTACHMENTS) {
    email.leftOut.push({
      name,
      because: `was not taken out: no more than ${MAX_EMAIL_ATTACHMENTS} attached files are taken from one email`,
    });
    return;
  }
  const attachedBytes = email.attachments.reduce((sum, file) => sum + file.bytes.length, 0);
  if (
    content.length === 0 ||
    content.length > LIMITS.importBytes ||
    attachedBytes + content.length > 3 * LIMITS.importBytes
  ) {
    email.leftOut.push({
      name,
      because: content.length === 0 ? 'is empty' : 'was not taken out: it is too big',
    });
    return;
  }
  email.attachments.push({ name, bytes: new Uint8Array(content) });
}

/** Header lines (as a mail program stores a message's, one name: value a line) by lower-case name. */
export function headerLines(text: string): Map<string, string> {
  return splitHeaders(Buffer.from(`${text}\r\n\r\n`)).headers;
}

/** `value` as a header may carry it: plain ASCII as it is, anything else as a UTF-8 encoded word. */
function encodeWord(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(oneLine) ? oneLine : `=?utf-8?B?${Buffer.from(oneLine).toString('base64')}?=`;
}

/** Base64 in lines of 76 characters. */
function base64Lines(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
}

/**
 * `email` written as a saved email (MIME), which readEmail reads back the same: for an email found inside
 * another file (an Outlook email attached to one), to be added as a document of its own like any .eml.
 */
export function writeEmail(email: Email): Uint8Array {
  const boundary = `=_send_bundle_${email.attachments.length}_${email.text.length}`;
  const lines: string[] = [];
  for (const [name, value] of email.headers)
    lines.push(`${name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase())}: ${encodeWord(value)}`);
  lines.push('MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`, '');
  lines.push(
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
  );
  lines.push(base64Lines(Buffer.from(email.text)));
  for (const file of email.attachments) {
    const name = `utf-8''${encodeURIComponent(file.name).replace(/'/g, '%27')}`;
    lines.push(
      `--${boundary}`,
      `Content-Type: application/octet-stream; name*=${name}`,
      `Content-Disposition: attachment; filename*=${name}`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(file.bytes),
    );
  }
  lines.push(`--${boundary}--`, '');
  return new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1'));
}

/** Pixels up to which a picture shown in a message is taken for part of it (a logo in a signature). */
const LOGO_PIXELS = 250_000;

/**
 * Whether a picture given as part of the message (not as an attachment) is only that: a small picture its
 * HTML shows, such as a logo. Pictures the message's HTML does not show are files the mail program lists
 * after the text (Apple Mail and iPhones send attached photos so); a big picture it shows is a photo or
 * screenshot pasted into the message. The pages show the message's text only, so both are taken out.
 */
function onlyPartOfMessage(picture: Uint8Array, contentId: string | undefined, html: string): boolean {
  const id = contentId?.trim().replace(/^<|>$/g, '').toLowerCase();
  if (!id || !html.toLowerCase().includes(`cid:${id}`)) return false;
  return isLogoSized(picture);
}

/** Whether a picture shown in a message is no bigger than a logo (or is not a JPEG or PNG). */
export function isLogoSized(picture: Uint8Array): boolean {
  const size = jpegHeader(picture) ?? pngHeader(picture);
  return !size || size.width * size.height <= LOGO_PIXELS;
}

/** Characters of a forwarded email's subject kept in the name it is given. */
const MAX_SUBJECT_NAME = 100;

/**
 * The file name an email attached whole to another is given (a forwarded .eml's message/rfc822 part has
 * none; an Outlook item's embedded message has only its subject): its subject ("EP report for Sam.eml"), so
 * the document it becomes says what it is; "forwarded email.eml" when it has none. Characters file names
 * cannot hold are left out.
 */
export function attachedEmailName(subject: string | undefined): string {
  const stem = (subject ?? '')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SUBJECT_NAME)
    .replace(/^[. ]+|[. ]+$/g, '');
  return `${stem || 'forwarded email'}.eml`;
}

/** Why a message sealed in S/MIME is not read, in words that follow its part's name. */
export function sealedMessageBecause(how: 'encrypted' | 'signed' | 'either'): string {
  switch (how) {
    case 'encrypted':
      return 'is the message, encrypted: only a mail program with the key can open it. Open the email there, print it to PDF and add that';
    case 'signed':
      return 'is the message, inside its digital signature, which could not be read (it may be damaged). Open the email in your mail program, print it to PDF and add that';
    default:
      return 'is the message, signed or encrypted so that this app cannot open it. Open the email in Outlook, print it to PDF and add that';
  }
}

/** The parts a signed email's signature comes in (RFC 8551 S/MIME, RFC 3156 OpenPGP). */
const SIGNATURE_TYPES = new Set([
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
  'application/pgp-signature',
]);

/**
 * Reads a saved email. Throws EmailReadError when it has no message at all, MailboxOfEmails when it is a
 * mailbox of several.
 */
interface TextPiece {
  kind: 'plain' | 'html';
  text: string;
}

/**
 * Parts a mail server or program writes in text for people to read alongside its own words: a bounce's
 * delivery report (who the message could not reach, and why), a read receipt's, the headers of a message
 * sent back. Mail programs show them as text.
 */
const REPORT_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'message/disposition-notification',
  'message/global-disposition-notification',
  'message/feedback-report',
  'text/rfc822-headers',
]);

export function readEmail(bytes: Uint8Array): Email {
  const emails = emailsInMailbox(bytes);
  if (emails > 1) throw new MailboxOfEmails(emails);
  if (
    bytes.length > LIMITS.emailHeaderBytes &&
    !/\r?\n\r?\n/.test(latin1(bytes.subarray(0, LIMITS.emailHeaderBytes)))
  )
    throw new EmailHeadersTooLong();
  const top = splitHeaders(bytes);
  const email: Email = { headers: top.headers, text: '', attachments: [], leftOut: [] };
  const webPage = isSavedWebPage(top.headers) ? { address: null as string | null, pictures: 0 } : null;
  // Every HTML part, for the pictures its text shows (onlyPartOfMessage).
  const html: string[] = [];
  let parts = 0;
  /** Files in the order the email has them; pictures in its message with their Content-ID. */
  const files: { name: string; bytes: Uint8Array; inMessage?: { contentId?: string } }[] = [];
  /** The text a part shows, in order, each piece plain or HTML. */
  const visit = (part: Part, depth: number): TextPiece[] => {
    if (++parts > MAX_PARTS || depth > MAX_DEPTH) return [];
    const type = parameters(part.headers.get('content-type') ?? 'text/plain');
    const disposition = parameters(part.headers.get('content-disposition'));
    if (type.value.startsWith('multipart/')) {
      const boundary = type.params.get('boundary');
      const children = boundary
        ? splitMultipart(part.body, boundary).map((piece) => visit(bodyPart(piece), depth + 1))
        : [];
      // The same message written more than one way: a mail program shows one, the plain text here (as it
      // is printed). Any other parts are shown one after another (Apple Mail splits a message's text around
      // each photo put in the middle of it; a disclaimer is added after the message as a part of its own).
      if (type.value === 'multipart/alternative')
        return (
          children.find((pieces) => pieces.some((piece) => piece.kind === 'plain')) ??
          children.findLast((pieces) => pieces.length > 0) ??
          []
        );
      return children.flat();
    }
    // A digitally signed email's signature (S/MIME, OpenPGP): mail programs show it as a mark that the
    // message is signed, not as a file, and it is no evidence of anything in the bundle.
    if (SIGNATURE_TYPES.has(type.value)) return [];
    // A Mac's extra data for the file beside it (AppleDouble, RFC 1740), under the same name: not a file.
    if (type.value === 'application/applefile') return [];
    const name = disposition.params.get('filename') ?? type.params.get('name');
    // The message sealed in S/MIME: signed with the message inside the signature (read from there), or
    // encrypted.
    if (type.value === 'application/pkcs7-mime' || type.value === 'application/x-pkcs7-mime') {
      const sealed = sealedContentOf(transferDecode(part));
      if (sealed?.kind === 'signed') return visit(splitHeaders(sealed.content), depth + 1);
      const encrypted =
        sealed?.kind === 'encrypted' || /enveloped|authEnveloped/i.test(type.params.get('smime-type') ?? '');
      email.leftOut.push({
        name: (name ?? 'smime.p7m').split(/[\\/]/).pop() || 'smime.p7m',
        because: sealedMessageBecause(encrypted ? 'encrypted' : 'signed'),
      });
      return [];
    }
    const forwarded = type.value === 'message/rfc822';
    const attached =
      disposition.value === 'attachment' ||
      forwarded ||
      (name !== undefined && disposition.value !== 'inline') ||
      (name !== undefined && !type.value.startsWith('image/') && !type.value.startsWith('text/'));
    const fileName = (fallback: string) => (name ?? fallback).split(/[\\/]/).pop() || 'attachment';
    if (!attached) {
      if (type.value === 'text/plain' || REPORT_TYPES.has(type.value))
        return [{ kind: 'plain', text: decodeCharset(transferDecode(part), type.params.get('charset')) }];
      if (type.value === 'text/html') {
        const text = decodeCharset(transferDecode(part), type.params.get('charset'));
        html.push(text);
        if (webPage && webPage.address === null)
          webPage.address = webAddress(
            top.headers.get('snapshot-content-location') ?? part.headers.get('content-location'),
          );
        return [{ kind: 'html', text }];
      }
      // A saved web page's pictures (icons, logos, photos) are the page's, each under its address: not files.
      if (webPage && type.value.startsWith('image/')) {
        webPage.pictures++;
        return [];
      }
      if (type.value.startsWith('image/'))
        files.push({
          name: fileName(`picture.${type.value.slice('image/'.length).replace(/[^a-z0-9]/g, '') || 'image'}`),
          bytes: transferDecode(part),
          inMessage: { contentId: part.headers.get('content-id') },
        });
      return [];
    }
    const bytes = transferDecode(part);
    files.push({
      name:
        forwarded && !name
          ? attachedEmailName(decodeWords(splitHeaders(bytes).headers.get('subject') ?? ''))
          : fileName('attachment'),
      bytes,
    });
    return [];
  };
  const pieces = visit(top, 0);
  for (const file of files)
    if (!file.inMessage || !onlyPartOfMessage(file.bytes, file.inMessage.contentId, html.join('\n')))
      addAttachedFile(email, file.name, file.bytes);
  let text = pieces
    .map((piece) =>
      piece.kind === 'html'
        ? htmlToText(piece.text, webPage ? { scriptsRun: true } : { linkAddresses: true })
        : piece.text,
    )
    .join('\n\n');
  if (!text.trim()) text = packedText(email);
  email.text = text.replace(/\r\n/g, '\n').trim();
  if (!email.text && email.attachments.length === 0 && !top.headers.get('subject'))
    throw new EmailReadError('the email has no message');
  if (webPage) email.webPage = webPage;
  return email;
}

/** A saved page's address as printed: a web address only (not a file's place on the computer that saved it). */
function webAddress(location: string | undefined): string | null {
  const address = location?.trim();
  return address && /^https?:\/\//i.test(address) ? address : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The day the email was sent, as its sender's clock said (YYYY-MM-DD): the day in the Date header as
 * written, not turned into UTC (sent at half past midnight in British Summer Time is that day, not the
 * one before).
 */
function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const written = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4}|\d{2})\b/i.exec(value);
  if (written) {
    const month = MONTHS.indexOf(written[2].toLowerCase());
    const day = Number(written[1]);
    const year = written[3].length === 2 ? 2000 + Number(written[3]) : Number(written[3]);
    if (month >= 0 && day >= 1 && day <= 31)
      return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  const time = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** Hard wrapping undone (prose broken at about 72 characters, or "format=flowed" lines ending in a space); short lines, as in an address or a signature, kept. */
const WRAPPED_LINE = 60;
function unwrap(paragraph: string): string {
  const lines = paragraph.split('\n');
  let out = '';
  lines.forEach((line, i) => {
    const text = line.trim();
    if (i === 0) out = text;
    else {
      const previous = lines[i - 1];
      const soft = previous.endsWith(' ') || previous.trim().length >= WRAPPED_LINE;
      out += (soft ? ' ' : '\n') + text;
    }
  });
  return out.trim();
}

/** The email's message as a PDF (the app's letter layout), and the date it was sent (YYYY-MM-DD) if it says. */
export async function emailToPdf(
  email: Email,
  fallbackTitle: string,
): Promise<{ pdf: Uint8Array; date: string | null; subject: string | null; note: string | null }> {
  const header = (key: string) => {
    const value = email.headers.get(key);
    return value ? decodeWords(value) : undefined;
  };
  const subject = header('subject') || fallbackTitle;
  const ownSubject = header('subject')?.trim() || null;
  const date = isoDate(email.headers.get('date'));
  const references = email.webPage
    ? [
        ...(email.webPage.address ? [{ label: 'Web page', value: email.webPage.address }] : []),
        ...(header('date') ? [{ label: 'Saved', value: header('date') as string }] : []),
      ]
    : (['from', 'to', 'cc', 'date'] as const).flatMap((key) => {
        const value = header(key);
        return value ? [{ label: key === 'cc' ? 'Cc' : key[0].toUpperCase() + key.slice(1), value }] : [];
      });
  if (email.attachments.length || email.leftOut.length)
    references.push({
      label: 'Attached',
      value: [...email.attachments.map((a) => a.name), ...email.leftOut.map((a) => a.name)].join(', '),
    });
  const paragraphs = email.text
    .split(/\n\s*\n/)
    .map(unwrap)
    .filter(Boolean);
  // An email of very many short lines: said before its thousands of pages are laid out.
  const atLeast = bodyPagesAtLeast(paragraphs);
  if (atLeast > LIMITS.textPages) throw new TooManyPages(LIMITS.textPages, atLeast);
  const body: Block[] = paragraphs.map((text) => ({ type: 'paragraph', text }));
  const letter: Letter = {
    title: subject,
    // The file's fixed creation date; the email's own date is printed among its references.
    date: date ?? '2000-01-01',
    undated: true,
    references,
    heading: subject,
    body: body.length
      ? body
      : [{ type: 'paragraph', text: email.webPage ? '(The page has no text.)' : '(The email has no text.)' }],
    footer: email.webPage
      ? 'A web page, as a browser saved it (its text)'
      : 'An email, as saved from a mail program',
  };
  const missing = unprintableOnPages(letterText(letter).join(' '));
  const one = missing.length === 1;
  const note = missing.length
    ? `Its pages show ${listCharacters(missing)} as ${one ? 'an empty box' : 'empty boxes'}: their fonts have no such ${one ? 'letter' : 'letters'}. ` +
      'The email as saved is kept with the document; if those words matter, print the email to PDF from your mail program and add that as well.'
    : null;
  return {
    pdf: await renderLetterPdf(letter, { maxPages: LIMITS.textPages }),
    date,
    subject: ownSubject,
    note,
  };
}
