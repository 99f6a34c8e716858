/**
 * A web page saved from a browser as HTML ("Webpage, HTML only" or "Webpage, Complete": an `.html` file,
 * its pictures in a folder beside it or still on the web). Like a page saved as one file (MHTML, read as an
 * email: email.ts), its title, its address when the file gives it, and its text are the document; its
 * layout and pictures are not.
 */
import { BinaryPlistError, readBinaryPlist, type PlistValue } from './binaryPlist';
import { utf16Text } from './charsets';
import { decodeCharacterReferences, decodeCharset, htmlToText, type Email } from './email';

/** The part of a page its address and title are looked for in (they are in its head, near the top). */
const HEAD_BYTES = 256 * 1024;

/**
 * The page's HTML as text: in the character set its byte order mark names, else the one it was sent in
 * (a web archive keeps it), else its `<meta>`'s, else UTF-8 or Windows-1252.
 */
export function decodeHtml(bytes: Uint8Array, sentIn?: string): string {
  const utf16 = utf16Text(bytes);
  if (utf16) return new TextDecoder(utf16.encoding).decode(bytes.subarray(utf16.start));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes);
  return decodeCharset(bytes, sentIn ?? metaCharset(bytes));
}

/** The character set a `<meta charset>` or `<meta http-equiv="Content-Type">` in the first kilobyte names. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  return /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(start)?.[1];
}

/**
 * The page as import reads it: its title as the subject, its text, and its address and pictures. A web
 * archive gives the address the page came from and the character set it was sent in.
 */
export function readHtmlPage(
  bytes: Uint8Array,
  archived: { address?: string; charset?: string } = {},
): Email {
  const html = decodeHtml(bytes, archived.charset);
  const head = html.slice(0, HEAD_BYTES);
  const title = pageTitle(head);
  return {
    headers: new Map(title ? [['subject', title]] : []),
    text: htmlToText(html, { maxLength: Infinity, scriptsRun: true }),
    attachments: [],
    leftOut: [],
    webPage: {
      address: webAddressOnly(archived.address) ?? pageAddress(head),
      pictures: pictureCount(html),
    },
  };
}

/** The page a Safari web archive (`.webarchive`) keeps, with where it came from and the character set it was sent in. */
export interface ArchivedPage {
  html: Uint8Array;
  address?: string;
  charset?: string;
  /** What the archive's main file is when it is not a web page ("application/pdf", "image/jpeg"). */
  otherType?: string;
}

/** The page in a Safari web archive (a binary property list). Throws BinaryPlistError when damaged. */
export function readWebArchive(bytes: Uint8Array): ArchivedPage {
  const archive = readBinaryPlist(bytes);
  const main = isDict(archive) ? archive.WebMainResource : undefined;
  if (!isDict(main) || !(main.WebResourceData instanceof Uint8Array))
    throw new BinaryPlistError('it has no page in it');
  const type = typeof main.WebResourceMIMEType === 'string' ? main.WebResourceMIMEType.toLowerCase() : '';
  return {
    html: main.WebResourceData,
    ...(typeof main.WebResourceURL === 'string' ? { address: main.WebResourceURL } : {}),
    ...(typeof main.WebResourceTextEncodingName === 'string'
      ? { charset: main.WebResourceTextEncodingName }
      : {}),
    ...(type && !/^(text\/html|application\/xhtml\+xml|text\/plain)$/.test(type) ? { otherType: type } : {}),
  };
}

function isDict(value: PlistValue | undefined): value is { [key: string]: PlistValue } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function webAddressOnly(address: string | undefined): string | null {
  const trimmed = address?.trim() ?? '';
  return /^https?:\/\/[^\s<>"]+$/i.test(trimmed) ? trimmed : null;
}

function pageTitle(head: string): string | null {
  const lower = head.toLowerCase();
  const open = lower.search(/<title[\s>]/);
  if (open < 0) return null;
  const start = lower.indexOf('>', open) + 1;
  const end = lower.indexOf('</title', start);
  if (start <= 0 || end < 0) return null;
  const title = decodeCharacterReferences(head.slice(start, end)).replace(/\s+/g, ' ').trim();
  return title || null;
}

/**
 * Where the page was saved from: the address Chrome, Edge and Internet Explorer write in a comment near its
 * top ("<!-- saved from url=(0043)https://… -->", after its doctype), else the one the page gives as its own (its canonical
 * link, or its address for sharing). Web addresses only.
 */
function pageAddress(head: string): string | null {
  const candidates = [
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head.slice(0, 2048))?.[1],
    ...tagsOf(head, 'link').flatMap((tag) =>
      /\brel\s*=\s*["']?canonical\b/i.test(tag) ? [attribute(tag, 'href')] : [],
    ),
    ...tagsOf(head, 'meta').flatMap((tag) =>
      /\bproperty\s*=\s*["']?og:url\b/i.test(tag) ? [attribute(tag, 'content')] : [],
    ),
  ];
  for (const candidate of candidates) {
    const address = webAddressOnly(candidate ? decodeCharacterReferences(candidate) : undefined);
    if (address) return address;
  }
  return null;
}

/**
 * Each `<name …>` start tag in `html`, in one pass (a regular expression over an unclosed tag repeated would
 * take time that grows with the square of its length).
 */
function tagsOf(html: string, name: string): string[] {
  const lower = html.toLowerCase();
  const tags: string[] = [];
  let at = lower.indexOf(`<${name}`);
  while (at >= 0) {
    const close = lower.indexOf('>', at);
    if (close < 0) break;
    if (/[\s/>]/.test(lower[at + name.length + 1] ?? '')) tags.push(html.slice(at, close + 1));
    at = lower.indexOf(`<${name}`, close + 1);
  }
  return tags;
}

function attribute(tag: string, name: string): string | undefined {
  const found = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return found ? (found[1] ?? found[2] ?? found[3]) : undefined;
}

/** Where the page's `<img>` elements take their pictures from, as written ("images/image1.png"). */
export function pictureSources(html: string): string[] {
  return tagsOf(html, 'img').flatMap((tag) => {
    const source = attribute(tag, 'src');
    return source ? [decodeCharacterReferences(source)] : [];
  });
}

/** Pictures the page shows (its `<img>` elements), which its text leaves out. */
function pictureCount(html: string): number {
  return html.match(/<img[\s/>]/gi)?.length ?? 0;
}
