/**
 * What a file really is, from its first bytes (never from its name): a `.pdf` that is really a Word file
 * or a web page is common when files are downloaded from email or portals.
 */

import { LIMITS } from '../../../shared/limits';
import type { PictureFormat } from './pictures';
import { isBinaryPlist } from './binaryPlist';
import { utf16Text } from './charsets';
import { isTnef } from './tnef';

/** `chat-export`: a zip of a WhatsApp chat and its media (chatExport.ts). */
/** `outlook-packing`: Outlook's packing of an email (winmail.dat, tnef.ts) saved on its own. */
/** `web-page`: a web page saved from a browser as HTML; `web-archive`: as Safari saves one (webPage.ts). */
type ImportableKind =
  | 'pdf'
  | 'jpeg'
  | 'png'
  | 'tiff'
  | 'email'
  | 'outlook-email'
  | 'outlook-packing'
  | 'text'
  | 'web-page'
  | 'web-archive'
  | 'chat-export';

/** Documents LibreOffice turns into PDF: Word (.docx and Word 97-2003 .doc), OpenDocument text, RTF. */
export type WordFormat = 'docx' | 'doc' | 'odt' | 'rtf';

type SniffResult =
  | { kind: ImportableKind }
  | { kind: 'docx'; format: WordFormat }
  /** A picture decoded to pixels for its page (pictures.ts). */
  | { kind: 'picture'; format: PictureFormat }
  /** A Word, Excel or PowerPoint file saved with a password to open it. */
  | { kind: 'password-protected' }
  /** A zip archive of files (no Office, OpenDocument, iWork or chat file): its files are what to add. */
  | { kind: 'archive' }
  /** Something we recognise but do not import; `description` reads well after "it looks like". */
  | { kind: 'other'; description: string };

/** The name of the part every Outlook item (.msg) has, as its directory stores it. */
const OUTLOOK_PROPERTIES = Buffer.from('__properties_version1.0', 'utf16le');
/**
 * The stream an Office file saved with a password keeps its encrypted content in (a .docx, .xlsx or .pptx
 * so saved is no longer a zip, but a container like Word 97-2003's).
 */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
/** The stream only a Word 97-2003 document has (Excel's is "Workbook", PowerPoint's "PowerPoint Document"). */
const WORD_DOCUMENT = Buffer.from('WordDocument', 'utf16le');

/**
 * Whether a compound file's directory names `name` (UTF-16), compared as [MS-CFB] compares names: without
 * regard to case. Some programs write them in capitals or small letters (Apache POI's 47950_upper.doc and
 * _lower.doc: Word documents whose "WORDDOCUMENT" LibreOffice and Word read, which were refused as Excel or
 * PowerPoint files).
 */
function namesPart(whole: Buffer, name: Buffer): boolean {
  if (whole.includes(name)) return true;
  const text = name.toString('utf16le');
  const pattern = [...text]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      return lower === upper
        ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}\\x00`
        : `[${lower}${upper}]\\x00`;
    })
    .join('');
  return new RegExp(pattern).test(whole.toString('latin1'));
}

/** Readers accept a PDF header anywhere in the first kilobyte (junk before it is a known damage). */
const PDF_HEADER_WINDOW = 1024;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** The bytes from `start` to `end` as Latin-1 text; '' past the end of a short file. */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  if (start >= bytes.length) return '';
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(end, bytes.length) - start).toString(
    'latin1',
  );
}

/** Offset of `%PDF-` within the first kilobyte, or -1. */
function pdfHeaderOffset(bytes: Uint8Array): number {
  return ascii(bytes, 0, PDF_HEADER_WINDOW).indexOf('%PDF-');
}

/**
 * A zip's entry names are stored uncompressed (local headers and central directory), so naming the Office
 * flavour needs no unzipping: look for the part that only that flavour has.
 */
const WORD_MAIN_PART = /word\/document\d*\.xml/;

function sniffZip(bytes: Uint8Array): SniffResult {
  // Names sit in the central directory at the end; local headers at the start. Search both ends.
  const head = ascii(bytes, 0, 64 * 1024);
  const tail = ascii(bytes, Math.max(0, bytes.length - 256 * 1024), bytes.length);
  const has = (name: string) => head.includes(name) || tail.includes(name);
  // Word's text is "word/document.xml", or from Word for the web "word/document2.xml" and the like.
  if (WORD_MAIN_PART.test(head) || WORD_MAIN_PART.test(tail)) return { kind: 'docx', format: 'docx' };
  if (has('xl/workbook.xml')) return { kind: 'other', description: 'an Excel spreadsheet' };
  if (has('ppt/presentation.xml')) return { kind: 'other', description: 'a PowerPoint presentation' };
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text'))
    return { kind: 'docx', format: 'odt' };
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument'))
    return { kind: 'other', description: 'an OpenDocument file (LibreOffice)' };
  // This app's own export of a case (archive/format.ts): opened with "Import a case", not as evidence.
  if (has('manifest.json') && has('case.json'))
    return { kind: 'other', description: 'a case exported from SEND Bundle Builder' };
  // Pages, Numbers and Keynote since 2013 keep their content in Index/*.iwa; iWork '09 in index.xml or
  // index.apxl, with a QuickLook preview.
  if (has('Index/Document.iwa') || has('QuickLook/Preview.pdf') || has('index.apxl'))
    return { kind: 'other', description: 'an Apple Pages, Numbers or Keynote document' };
  // Windows' "Microsoft XPS Document Writer" prints to XPS or OpenXPS: pages as .fpage parts.
  if (has('.fdseq') || has('.fpage'))
    return { kind: 'other', description: 'an XPS document (printed to XPS)' };
  // A WhatsApp chat exported with its media: `_chat.txt` (iPhone) or "WhatsApp Chat with Sam.txt" (Android).
  if (has('_chat.txt') || /WhatsApp[^/\0]{0,80}\.txt/i.test(head) || /WhatsApp[^/\0]{0,80}\.txt/i.test(tail))
    return { kind: 'chat-export' };
  return { kind: 'archive' };
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) return false;
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) control++;
  return control / sample.length < 0.01;
}

/** The first kilobyte or so of a text file as text (UTF-16 or 8-bit, a byte order mark dropped), small letters. */
function textStart(bytes: Uint8Array): string {
  const utf16 = utf16Text(bytes);
  const text = utf16
    ? new TextDecoder(utf16.encoding).decode(bytes.subarray(utf16.start, utf16.start + 2048))
    : ascii(bytes, 0, 1024).replace(/^\xef\xbb\xbf/, '');
  return text
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
}

/**
 * Whether text starts as a web page does: its first element html, head, body, title or meta, or its
 * doctype html, after any XML declaration and comments (Chrome and Internet Explorer begin a page saved
 * "complete" with "<!-- saved from url=(0043)https://… -->"; XHTML with "<?xml …?>").
 */
function isHtmlStart(start: string): boolean {
  let rest = start;
  for (;;) {
    const skipped = rest.startsWith('<!--')
      ? rest.indexOf('-->') + 3
      : rest.startsWith('<?')
        ? rest.indexOf('?>') + 2
        : 0;
    if (skipped <= 2) break;
    rest = rest.slice(skipped).trimStart();
  }
  return /^<(!doctype\s+html|html|head|body|title|meta)[\s>/]/.test(rest);
}

function looksLikeUtf16Text(bytes: Uint8Array): boolean {
  const utf16 = utf16Text(bytes);
  if (!utf16) return false;
  const text = new TextDecoder(utf16.encoding).decode(bytes.subarray(utf16.start, utf16.start + 4096));
  if (text.length === 0) return false;
  let control = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 9 || (code > 13 && code < 32) || code === 0xfffd) control++;
  }
  return control / text.length < 0.01;
}

const HEADER_LINE = /^[!-9;-~]+:/;
/**
 * Headers a saved email may begin with: mail programs, webmail downloads and servers put their own first
 * (a server's signature or authentication results, Outlook's thread headers).
 */
const MAIL_HEADERS =
  /^(from|to|cc|date|subject|received|return-path|message-id|mime-version|content-type|delivered-to|reply-to|sender|resent-[a-z-]+|dkim-signature|arc-[a-z-]+|authentication-results|received-spf|thread-topic|thread-index|in-reply-to|references|importance|x-[a-z0-9-]+):/i;

/** Whether every whole line of `text` (the last may be cut short) is a header line or a header's continuation. */
function allHeaderLines(text: string): boolean {
  const lines = text.split(/\r?\n/).slice(0, -1);
  if (/^From /.test(lines[0] ?? '')) lines.shift();
  return lines.every((line) => HEADER_LINE.test(line) || /^[ \t]/.test(line));
}

/**
 * True for the start of a saved email: header lines, among them who it is from and a date, a subject or
 * how its content is made (MIME): a message made by a program or forwarded as a file may have no other.
 * Or a message in parts with no sender at all (a part saved on its own, a program's): its header names
 * the line between its parts, and that line follows.
 */
function looksLikeEmail(bytes: Uint8Array): boolean {
  const start = (length: number) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, length)).toString('latin1');
  let head = start(16 * 1024);
  let end = head.search(/\r?\n\r?\n/);
  // Headers longer than that (an email to hundreds of people, a long thread's references), if all so far
  // are header lines: read on to their end.
  if (end < 0 && bytes.length > head.length && MAIL_HEADERS.test(head) && allHeaderLines(head)) {
    head = start(LIMITS.emailHeaderBytes);
    end = head.search(/\r?\n\r?\n/);
    // Header lines all the way: an email whose headers are too long to read (readEmail says so), not text.
    if (end < 0 && bytes.length > head.length && allHeaderLines(head)) return true;
  }
  if (end <= 0) return false;
  const lines = head.slice(0, end).split(/\r?\n/);
  // A mailbox's separator line ("From - Mon Nov 02 09:14:00 2026"), which some mail programs save too.
  if (/^From /.test(lines[0] ?? '')) lines.shift();
  if (!MAIL_HEADERS.test(lines[0] ?? '')) return false;
  if (!lines.every((line) => HEADER_LINE.test(line) || /^[ \t]/.test(line))) return false;
  const names = new Set(
    lines.filter((l) => HEADER_LINE.test(l)).map((l) => l.slice(0, l.indexOf(':')).toLowerCase()),
  );
  if (
    names.has('from') &&
    (names.has('date') || names.has('subject') || names.has('mime-version') || names.has('content-type'))
  )
    return true;
  const contentType = /(?:^|\n)content-type:([^]*?)(?=\n(?![ \t])|$)/i.exec(lines.join('\n'))?.[1] ?? '';
  const boundary = /^\s*multipart\/[^;]*;[^]*?boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return boundary !== null && head.slice(end).includes(`\n--${boundary[1] ?? boundary[2]}`);
}

/** "BM" and a header size Windows writes: two letters alone begin many text files. */
function looksLikeBmp(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x42, 0x4d]) || bytes.length < 18) return false;
  const headerSize = new DataView(bytes.buffer, bytes.byteOffset, 18).getUint32(14, true);
  return [12, 40, 52, 56, 64, 108, 124].includes(headerSize);
}

/**
 * An ISO media file (HEIC and AVIF pictures, MP4 and MOV films, M4A sound) by the brands its first box
 * lists: the main one and those it is compatible with.
 */
function sniffIsoMedia(bytes: Uint8Array): SniffResult {
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4)).getUint32(0);
  const brands: string[] = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= Math.min(boxSize, 256, bytes.length); at += 4)
    brands.push(ascii(bytes, at, at + 4));
  if (brands.some((brand) => /^(heic|heix|heim|heis|hevc|hevx)$/.test(brand)))
    return { kind: 'picture', format: 'HEIC' };
  if (brands.some((brand) => /^(avif|avis)$/.test(brand))) return { kind: 'picture', format: 'AVIF' };
  if (brands.some((brand) => /^(mif1|msf1)$/.test(brand))) return { kind: 'picture', format: 'HEIC' };
  return { kind: 'other', description: 'a video or audio file' };
}

/**
 * A PNG whose first bytes' line endings were changed, as a file sent or copied as text has them: PNG's
 * signature holds a CR LF, a LF and a Ctrl-Z to show it (RFC 2083, 12.11), and every such byte in the rest of
 * the file was changed too, so the picture cannot be read.
 */
export function pngLineEndsConverted(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, PNG_SIGNATURE)) return false;
  const end = bytes.indexOf(0x1a, 4);
  if (end < 5 || end > 8) return false;
  for (let at = 4; at < end; at++) if (bytes[at] !== 0x0d && bytes[at] !== 0x0a) return false;
  return true;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffFileType(bytes: Uint8Array): SniffResult {
  // Signatures at the start, before the PDF header, which may be anywhere in the first kilobyte: a PDF
  // packed inside one of these can be there (Outlook's packing; a zip that stores its first file as it is,
  // which was taken for that one PDF and the rest of the archive lost; a picture's comment; a web archive
  // of a PDF).
  if (isTnef(bytes)) return { kind: 'outlook-packing' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (startsWith(bytes, PNG_SIGNATURE)) return { kind: 'png' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  // Safari's "Web Archive", its default way to save a page: a binary property list that names its page.
  if (
    isBinaryPlist(bytes) &&
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('WebMainResource')
  )
    return { kind: 'web-archive' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An Outlook item's or a Word document's parts are named so in the file's directory (UTF-16), wherever
    // that lies in it.
    const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (namesPart(whole, OUTLOOK_PROPERTIES)) return { kind: 'outlook-email' };
    if (namesPart(whole, ENCRYPTED_PACKAGE)) return { kind: 'password-protected' };
    if (namesPart(whole, WORD_DOCUMENT)) return { kind: 'docx', format: 'doc' };
    return {
      kind: 'other',
      description: 'an older Microsoft Office file (Excel 97-2003 .xls or PowerPoint 97-2003 .ppt)',
    };
  }
  if (pdfHeaderOffset(bytes) >= 0) return { kind: 'pdf' };
  if (pngLineEndsConverted(bytes)) return { kind: 'png' };
  // A Windows shortcut (.lnk: its header's size, then its class ID), or a web shortcut (.url), is a pointer
  // to a file or a page, not the thing itself.
  if (
    startsWith(bytes, [0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0x00]) ||
    /^\[InternetShortcut\]/i.test(ascii(bytes, 0, 32))
  )
    return { kind: 'other', description: 'a shortcut, which points to a file or a web page but is not it' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')
    return { kind: 'picture', format: 'GIF' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return { kind: 'tiff' };
  if (looksLikeBmp(bytes)) return { kind: 'picture', format: 'BMP' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'picture', format: 'WebP' };
  if (ascii(bytes, 4, 8) === 'ftyp') return sniffIsoMedia(bytes);
  // Ogg: a WhatsApp voice message (.opus), or other sound; WAV, MP3 (its ID3 tag), a phone's AMR voice note.
  if (
    ascii(bytes, 0, 4) === 'OggS' ||
    (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') ||
    (ascii(bytes, 0, 3) === 'ID3' && bytes[3] >= 2 && bytes[3] <= 4) ||
    ascii(bytes, 0, 5) === '#!AMR'
  )
    return { kind: 'other', description: 'a sound recording' };
  // AVI, and Matroska or WebM (EBML): video, as MP4 and MOV (ISO media, above) are.
  if (
    (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'AVI ') ||
    startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])
  )
    return { kind: 'other', description: 'a video or audio file' };
  if (ascii(bytes, 0, 5) === '{\\rtf') return { kind: 'docx', format: 'rtf' };
  if (looksLikeEmail(bytes)) return { kind: 'email' };
  // Notepad's "Unicode" (UTF-16, with its byte order mark or without): every other byte of English text is zero.
  if (looksLikeUtf16Text(bytes) || looksLikeText(bytes)) {
    const start = textStart(bytes);
    if (isHtmlStart(start)) return { kind: 'web-page' };
    // What mail programs attach to an invitation to a meeting, and to a signature.
    if (/^begin:vcalendar\b/.test(start))
      return { kind: 'other', description: 'a calendar invitation (iCalendar)' };
    if (/^begin:vcard\b/.test(start)) return { kind: 'other', description: 'a contact card (vCard)' };
    if (start.startsWith('<')) return { kind: 'other', description: 'an XML file' };
    return { kind: 'text' };
  }
  return { kind: 'other', description: 'a file of a type this app does not know' };
}
