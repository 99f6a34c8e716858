/**
 * A web page saved from a browser as HTML ("Webpage, HTML only" or "Webpage, Complete": an `.html` file,
 * its pictures in a folder beside it or still on the web). Like a page saved as one file (MHTML, read as an
 * email: email.ts), its title, its address when the file gives it, and its text are the document; its
 * layout and pictures are not.
 */
import { utf16Text } from './charsets';
import { decodeCharacterReferences, decodeCharset, htmlToText, type Email } from './email';

/** The part of a page its address and title are looked for in (they are in its head, near the top). */
const HEAD_BYTES = 256 * 1024;

/** The page's HTML as text: in the character set its byte order mark or its `<meta>` names, else UTF-8 or Windows-1252. */
export function decodeHtml(bytes: Uint8Array): string {
  const utf16 = utf16Text(bytes);
  if (utf16) return new TextDecoder(utf16.encoding).decode(bytes.subarray(utf16.start));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes);
  return decodeCharset(bytes, metaCharset(bytes));
}

/** The character set a `<meta charset>` or `<meta http-equiv="Content-Type">` in the first kilobyte names. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  return /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(start)?.[1];
}

/** The page as import reads it: its title as the subject, its text, and its address and pictures. */
export function readHtmlPage(bytes: Uint8Array): Email {
  const html = decodeHtml(bytes);
  const head = html.slice(0, HEAD_BYTES);
  const title = pageTitle(head);
  return {
    headers: new Map(title ? [['subject', title]] : []),
    text: htmlToText(html, { maxLength: Infinity, scriptsRun: true }),
    attachments: [],
    leftOut: [],
    webPage: { address: pageAddress(head), pictures: pictureCount(html) },
  };
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
    const address = candidate ? decodeCharacterReferences(candidate).trim() : '';
    if (/^https?:\/\/[^\s<>"]+$/i.test(address)) return address;
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

/** Pictures the page shows (its `<img>` elements), which its text leaves out. */
function pictureCount(html: string): number {
  return html.match(/<img[\s/>]/gi)?.length ?? 0;
}
