/**
 * Plain text files (.txt): notes typed in Notepad, and chats exported from a phone (WhatsApp's "Export
 * chat" writes one), laid out on A4 pages in the letters' layout, line for line. A text file has no
 * layout of its own, so nothing of it is lost; characters no font of the app has are named in a note.
 */
import { unprintableOnPages } from '../../../shared/text/fallbackFonts';
import { listCharacters } from '../../../shared/text/bundleFont';
import { textToLayOut } from '../../../shared/text/controls';
import { LIMITS } from '../../../shared/limits';
import { bodyPagesAtLeast, renderLetterPdf, TooManyPages } from '../letters/pdf';
import { decodeUnlabelled, utf16Text } from './charsets';

/**
 * Name endings of plain text to lay out: notes, Markdown, logs, and the transcripts video calls save (Teams'
 * WebVTT, Zoom's and others' SubRip).
 */
const TEXT_ENDINGS = new Set(['txt', 'text', 'md', 'markdown', 'log', 'asc', 'vtt', 'srt']);
/** Spreadsheets saved as text: values between commas or tabs, a row to a line. */
const SPREADSHEET_ENDINGS = new Set(['csv', 'tsv']);

/**
 * What a text file's name says it is: text to lay out (no ending, as in "Notes 12.03.2026", or a text
 * ending), a spreadsheet saved as text, or another kind of file, whose ending (without its dot) is given:
 * text in a "report.pdf" or "photo.jpg" is a mistake (an error message a download saved in its place).
 */
export function textFileNamed(
  name: string,
): { as: 'text' } | { as: 'spreadsheet' } | { as: 'other'; ending: string } {
  const ending = /\.([a-z][a-z0-9]{0,7})$/i.exec(name)?.[1].toLowerCase();
  if (!ending || TEXT_ENDINGS.has(ending)) return { as: 'text' };
  if (SPREADSHEET_ENDINGS.has(ending)) return { as: 'spreadsheet' };
  return { as: 'other', ending };
}

/**
 * The text of a text file: UTF-8 (with or without a byte order mark), UTF-16 (Notepad's "Unicode", with its
 * byte order mark, or without one), else Windows-1252 (older Notepad's "ANSI" in England).
 */
export function decodeTextFile(bytes: Uint8Array): string {
  const utf16 = utf16Text(bytes);
  const text = utf16
    ? new TextDecoder(utf16.encoding).decode(bytes.subarray(utf16.start))
    : decodeUnlabelled(bytes);
  return textToLayOut(text);
}

/**
 * The text file as PDF pages, and a note when some of its characters print as boxes. Throws TooManyPages
 * past LIMITS.textPages: at once where its lines alone make more.
 */
export async function textFileToPdf(
  text: string,
  title: string,
  footer = 'A text file, laid out line for line',
): Promise<{ pdf: Uint8Array; note: string | null }> {
  const atLeast = bodyPagesAtLeast([text]);
  if (atLeast > LIMITS.textPages) throw new TooManyPages(LIMITS.textPages, atLeast);
  // Each run of lines between blank lines is a paragraph whose lines keep their breaks (a chat's messages,
  // a list typed one item to a line).
  const paragraphs = text
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  const pdf = await renderLetterPdf(
    {
      title,
      // The file's fixed creation date: a text file says nothing of when it was written.
      date: '2000-01-01',
      undated: true,
      heading: title,
      body: paragraphs.length
        ? paragraphs.map((p) => ({ type: 'paragraph' as const, text: p, keepSpaces: true }))
        : [{ type: 'paragraph', text: '(The file has no text.)' }],
      footer,
    },
    { maxPages: LIMITS.textPages },
  );
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
