/**
 * Plain text files (.txt): notes typed in Notepad, and chats exported from a phone (WhatsApp's "Export
 * chat" writes one), laid out on A4 pages in the letters' layout, line for line. A text file has no
 * layout of its own, so nothing of it is lost; characters no font of the app has are named in a note.
 */
import { unprintableOnPages } from '../../../shared/text/fallbackFonts';
import { listCharacters } from '../../../shared/text/bundleFont';
import { renderLetterPdf } from '../letters/pdf';
import { decodeUnlabelled, utf16Text } from './charsets';

/**
 * The text of a text file: UTF-8 (with or without a byte order mark), UTF-16 (Notepad's "Unicode", with its
 * byte order mark, or without one), else Windows-1252 (older Notepad's "ANSI" in England).
 */
export function decodeTextFile(bytes: Uint8Array): string {
  const utf16 = utf16Text(bytes);
  const text = utf16
    ? new TextDecoder(utf16.encoding).decode(bytes.subarray(utf16.start))
    : decodeUnlabelled(bytes);
  return text.replace(/\r\n?/g, '\n');
}

/** The text file as PDF pages, and a note when some of its characters print as boxes. */
export async function textFileToPdf(
  text: string,
  title: string,
): Promise<{ pdf: Uint8Array; note: string | null }> {
  // Each run of lines between blank lines is a paragraph whose lines keep their breaks (a chat's messages,
  // a list typed one item to a line).
  const paragraphs = text
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  const pdf = await renderLetterPdf({
    title,
    // The file's fixed creation date: a text file says nothing of when it was written.
    date: '2000-01-01',
    undated: true,
    heading: title,
    body: paragraphs.length
      ? paragraphs.map((p) => ({ type: 'paragraph' as const, text: p, keepSpaces: true }))
      : [{ type: 'paragraph', text: '(The file has no text.)' }],
    footer: 'A text file, laid out line for line',
  });
  const missing = unprintableOnPages(text);
  const one = missing.length === 1;
  const note = missing.length
    ? `Its pages show ${listCharacters(missing)} as ${one ? 'an empty box' : 'empty boxes'}: their fonts have no such ${one ? 'letter' : 'letters'}. The file as added is kept with the document.`
    : null;
  return { pdf, note };
}

/** Pages past which a text file or chat is long for a bundle: a party's evidence may be 75 or 100 pages in all. */
export const LONG_TEXT_PAGES = 50;

/** For a long text file or chat: how to put only the pages that matter into the bundle. */
export function longTextNote(pageCount: number): string[] {
  return pageCount > LONG_TEXT_PAGES
    ? [
        `It is ${pageCount} pages long. If only some of them matter, give those pages in its Details (“Pages to put in the bundle”): only they go into the bundle.`,
      ]
    : [];
}
