/**
 * Why a file was not added, in words a parent understands: every message names the file and says what to
 * do next. Thrown inside the import pipeline and turned into a `refused` outcome for that file only.
 */
import type { ImportRefusalCode } from '../../../shared/domain/documents';
import { describePages } from '../../../shared/checker/pages';
import { formatCount, formatSize, LIMITS } from '../../../shared/limits';
import type { sniffFileType, WordFormat } from './sniff';

export class ImportRefusal extends Error {
  constructor(
    readonly code: ImportRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

const PRINT_TO_PDF =
  'print it to PDF (in the Print window choose "Save as PDF" or "Microsoft Print to PDF" as the printer)';

const SAVE_AS_PDF = 'choose File > Save As > PDF';

const WEB_PAGE_TO_PDF = `Open it in your browser, ${PRINT_TO_PDF}, and add the PDF.`;

/** What the file looked like from its first bytes (sniff.ts), for advice that fits it. */
export type SniffedKind = ReturnType<typeof sniffFileType>['kind'];

/**
 * What to do with a file that took too long or too much memory to read. A long scan or a large PDF can be
 * split or scanned again; an email, a Word file or anything else that small files hold is more likely
 * damaged, and its own program can make a PDF of it.
 */
function heavyFileAdvice(kind: SniffedKind): string {
  switch (kind) {
    case 'pdf':
    case 'jpeg':
    case 'png':
    case 'tiff':
    case 'picture':
      return 'If it is a very long scan or a very large PDF, split it into smaller PDFs, or scan it again at a lower resolution, and add the parts; otherwise ask whoever sent it for a new copy.';
    case 'email':
    case 'outlook-email':
    case 'outlook-packing':
      return `It may be damaged. Open it in your mail program: if it opens, ${PRINT_TO_PDF}, and add that instead (and any files attached to it one by one). If not, ask whoever sent it to send it again.`;
    case 'web-page':
    case 'web-archive':
      return WEB_PAGE_TO_PDF;
    case 'docx':
      return `It may be damaged. Open it in Word or LibreOffice: if it opens, ${SAVE_AS_PDF}, and add the PDF. If not, ask whoever sent it for a new copy.`;
    default:
      return 'It may be damaged. Ask whoever sent it for a new copy, or add what it holds one file at a time.';
  }
}

/** Each kind of document LibreOffice converts, in the messages' words. */
const WORD_FORMATS: Record<WordFormat, { what: string; plural: string; program: string }> = {
  docx: { what: 'a Word document', plural: 'Word documents', program: 'Word' },
  doc: { what: 'a Word 97-2003 document', plural: 'Word documents', program: 'Word' },
  odt: {
    what: 'an OpenDocument text file',
    plural: 'OpenDocument files',
    program: 'the program that made it (LibreOffice Writer, or Word)',
  },
  rtf: { what: 'a Rich Text (RTF) document', plural: 'RTF documents', program: 'WordPad or Word' },
};

/** Documents import lays out from their text (LIMITS.textPages), in the messages' words. */
export type LaidOutKind = 'text file' | 'chat' | 'email' | 'web page';

const LAID_OUT: Record<LaidOutKind, { what: string; advice: string }> = {
  'text file': {
    what: 'a text file',
    advice: 'Copy the part that matters into a new text file and add that.',
  },
  chat: {
    what: 'a chat',
    advice: 'Open the chat file in the zip, copy the part that matters into a new text file and add that.',
  },
  email: {
    what: 'an email',
    advice: `Open it in your mail program, ${PRINT_TO_PDF} with only the pages that matter, and add that.`,
  },
  'web page': {
    what: 'a web page',
    advice: `Open it in your browser, ${PRINT_TO_PDF} with only the pages that matter, and add that.`,
  },
};

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? String(Math.round(mb)) : mb.toFixed(1).replace(/\.0$/, '');
}

/** What to do with a file of a kind import does not take, for the kinds people most often have. */
function unsupportedAdvice(description: string): string {
  if (/AVIF|animated|moving picture|BMP|TIFF/.test(description))
    return 'Open it in a photo viewer, save or export it as a JPEG or PNG picture, and add that.';
  if (description === 'a zip archive') return 'Open it (double-click it), and add the files inside it.';
  if (description === 'a sound recording' || description === 'a video or audio file')
    return 'A bundle holds pages, so a recording cannot go into it. If it is evidence, add a written account of what it shows or a transcript of what is said, and ask the tribunal whether and how to send the recording itself.';
  if (description === 'a case exported from SEND Bundle Builder')
    return 'To open the case it holds, use “Import a case” on the Your cases screen.';
  if (description.startsWith('a shortcut'))
    return 'Add the file it points to instead (right-click the shortcut and choose Open file location to find it); for a web page, open it in your browser, print it to PDF, and add the PDF.';
  if (description.startsWith('an Apple Pages'))
    return 'Open it in Pages, Numbers or Keynote, choose File ▸ Export To ▸ PDF, and add the PDF.';
  if (description.startsWith('a calendar invitation'))
    return 'A bundle holds documents, and an invitation is an entry for a calendar. If the meeting matters, add the email that sent the invitation (it says what the meeting was, when and who was asked), or print the invitation to PDF from your calendar.';
  if (description.startsWith('a contact card'))
    return 'A bundle holds documents, and a contact card is an entry for an address book: if the details in it matter, put them in a witness statement or a letter.';
  if (description.startsWith('an XPS document'))
    return 'Open it in the XPS Viewer, print it to “Microsoft Print to PDF”, and add the PDF.';
  return 'Open it, save or export it as PDF, and add the PDF.';
}

export const refuse = {
  notFound: (name: string) =>
    new ImportRefusal(
      'not-found',
      `"${name}" could not be found. It may have been moved, renamed or deleted. Find it again and add it from its new place.`,
    ),
  notReadable: (name: string) =>
    new ImportRefusal(
      'not-found',
      `"${name}" could not be opened: this computer did not allow the app to read it. Copy it into your Documents folder and add the copy.`,
    ),
  notAFile: (name: string) =>
    new ImportRefusal(
      'unsupported-type',
      `"${name}" is not a file but a device or a pipe, so there is nothing to add. Save what it holds as a file and add that.`,
    ),
  folder: (name: string) =>
    new ImportRefusal(
      'unsupported-type',
      // A Mac keeps some Pages, Numbers and Keynote documents as a folder that looks like one file.
      /\.(pages|numbers|key)$/i.test(name)
        ? `"${name}" is an Apple Pages, Numbers or Keynote document kept as a folder, which bundles cannot hold. ${unsupportedAdvice('an Apple Pages, Numbers or Keynote document')}`
        : `"${name}" is a folder, not a file. Open the folder and choose the files inside it.`,
    ),
  empty: (name: string) =>
    new ImportRefusal(
      'empty',
      `"${name}" is empty (it has no content), so there is nothing to add. It may not have finished downloading or saving: open it to check, save or download it again, and add it again.`,
    ),
  tooLarge: (name: string, size: number, limit: number) =>
    new ImportRefusal(
      'too-large',
      `"${name}" is ${megabytes(size)} MB, more than the ${megabytes(limit)} MB limit for one file. Split it into smaller PDFs (or scan it again at a lower resolution) and add the parts.`,
    ),
  unsupported: (name: string, description: string) => {
    const namedPdf = /\.pdf$/i.test(name);
    return new ImportRefusal(
      'unsupported-type',
      namedPdf
        ? `"${name}" is named like a PDF but is not one: it looks like ${description}. Open it in the program that made it, save or export it as PDF, and add the new file.`
        : `"${name}" cannot be added: it looks like ${description}. Only PDF files, pictures (JPEG, PNG, HEIC, AVIF, TIFF, WebP, GIF or BMP), Word, OpenDocument and RTF documents, text files, saved emails (.eml, or .msg from Outlook, and an email's winmail.dat), web pages saved from a browser (.html, .mhtml, or Safari's .webarchive), WhatsApp chats exported with their media, and zip archives of any of these can be added. ${unsupportedAdvice(description)}`,
    );
  },
  passwordProtected: (name: string) =>
    new ImportRefusal(
      'password-protected',
      `"${name}" is protected with a password, so it cannot be opened without it. Open it with the password, ${PRINT_TO_PDF}, and add the new file. If you do not have the password, ask whoever sent it for an unprotected copy.`,
    ),
  damaged: (name: string, detail?: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" is damaged and cannot be read${detail ? ` (${detail})` : ''}, and it could not be repaired. Ask whoever sent it for a new copy. If it does open on your computer, ${PRINT_TO_PDF} and add that instead.`,
    ),
  /** Pages whose page objects are destroyed (pdf/pdflib.ts destroyedPages): no reader shows them. */
  destroyedPages: (name: string, destroyed: number[], total: number) => {
    const one = destroyed.length === 1;
    const pages = describePages(destroyed);
    return new ImportRefusal(
      'damaged',
      `"${name}" is damaged: ${pages} of its ${formatCount(total)} ${one ? 'is' : 'are'} destroyed in the file, so no reader can show ${one ? 'it' : 'them'}, and it cannot be repaired without losing ${one ? 'it' : 'them'}. Ask whoever sent it for a new copy. If you cannot get one and the other pages open on your computer, ${PRINT_TO_PDF} and add that instead, and say in your evidence that ${pages} ${one ? 'is' : 'are'} missing.`,
    );
  },
  /**
   * Pages its page tree counts but no reader can find (pdf/lostPages.ts): where they are is not known, so
   * only how many.
   */
  pagesMissing: (name: string, readable: number, total: number) =>
    new ImportRefusal(
      'damaged',
      `"${name}" is damaged: its list of pages says it has ${formatCount(total)} pages, but only ${formatCount(readable)} of them can be found, so it cannot be added without losing the others. Ask whoever sent it for a new copy. If you cannot get one, open it on your computer: if every page shows, ${PRINT_TO_PDF} and add that instead; if not, add what shows and say in your evidence that pages are missing.`,
    ),
  damagedEmail: (name: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" looks like a saved email but it has no message that can be read. Open it in your mail program, print it to PDF, and add that instead.`,
    ),
  emailHeadersTooLong: (name: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" looks like a saved email, but the lines at its top (who it is from and to, and the route it took) run on for over ${formatSize(LIMITS.emailHeaderBytes)} without reaching its message: no real email has so many, so it is damaged or was not saved by a mail program. Open it in your mail program, print it to PDF, and add that instead.`,
    ),
  mailbox: (name: string, emails: number) =>
    new ImportRefusal(
      'unsupported-type',
      `"${name}" is a mailbox of ${emails > 1000 ? 'over 1,000' : emails} emails (what a mail program exports a folder as), not one email. Save each email that is evidence on its own from your mail program (open it, then Save As, or drag it out of the list) and add those.`,
    ),
  damagedOutlookPacking: (name: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" is Outlook's packing of an email's attached files (winmail.dat), but it is damaged and cannot be read. Ask whoever sent the email to send the files again, or add the email itself, saved from your mail program.`,
    ),
  damagedImage: (name: string, what: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" looks like ${/^[AEIOU]/.test(what) ? 'an' : 'a'} ${what} picture but it is damaged and cannot be read. Open it in a photo viewer; if it shows, save it again as JPEG or PNG and add the new file, otherwise ask for a new copy.`,
    ),
  pictureCutShort: (name: string, what: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" is ${/^[AEIOU]/.test(what) ? 'an' : 'a'} ${what} picture cut short: the end of it is missing (it may not have finished downloading or copying), so only part of it could be shown. Download, copy or save it again, and add the new file.`,
    ),
  /** A picture of a kind of its format import does not read (a BMP holding a JPEG, a 12-bit JPEG). */
  pictureNotSupported: (name: string, description: string) =>
    new ImportRefusal(
      'unsupported-type',
      `"${name}" cannot be added: it is ${description}, which this app cannot turn into a page. ${unsupportedAdvice(description)}`,
    ),
  textTooLong: (name: string, bytes: number) =>
    new ImportRefusal(
      'too-large',
      `"${name}" is a text file of ${formatSize(bytes)}, more than the ${formatSize(LIMITS.textFileBytes)} (about 400 pages) a text file may be. Copy the part that matters into a new text file and add that.`,
    ),
  /** LIMITS.textPages: `atLeast` past it when its lines were counted before layout, else one past it. */
  textTooManyPages: (name: string, atLeast: number, kind: LaidOutKind) => {
    const { what, advice } = LAID_OUT[kind];
    const limit = `${LIMITS.textPages.toLocaleString('en-GB')} pages ${what} may make`;
    return new ImportRefusal(
      'too-large',
      atLeast > LIMITS.textPages + 1
        ? `"${name}" is ${what} whose text would make at least ${atLeast.toLocaleString('en-GB')} pages, more than the ${limit}. ${advice}`
        : `"${name}" is ${what} whose text would make more than the ${limit}. ${advice}`,
    );
  },
  spreadsheetAsText: (name: string) =>
    new ImportRefusal(
      'needs-conversion',
      `"${name}" is a spreadsheet saved as text (CSV), which a bundle cannot hold as it is: its rows would print as lines of values between commas. Open it in Excel, Numbers or LibreOffice Calc, ${PRINT_TO_PDF}, and add the PDF.`,
    ),
  /** Text in a file whose name gives another kind (not a PDF's: `unsupported` says that). */
  textNamedAsOther: (name: string, ending: string) =>
    new ImportRefusal(
      'unsupported-type',
      `"${name}" is named as a .${ending} file but holds plain text, perhaps a message saved in its place when a download went wrong. Open it in Notepad or TextEdit to see what it says: if it is what you meant to add, rename it to end in .txt and add it again; if not, download or save the file again.`,
    ),
  damagedWebArchive: (name: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" is a web page Safari saved (a web archive), but it is damaged and its page cannot be read. Open it in Safari: if it opens, choose File > Export as PDF, and add the PDF. If not, open the page again from its address and save or print it to PDF.`,
    ),
  /** A web archive of a file shown in Safari (a PDF, a picture) rather than of a page. */
  webArchiveOfFile: (name: string, type: string) =>
    new ImportRefusal(
      'needs-conversion',
      `"${name}" is a Safari web archive of a file (${type}) rather than of a web page. Open it in Safari and save the file itself (for a PDF, choose File > Export as PDF), and add that.`,
    ),
  webPageTooLarge: (name: string, bytes: number) =>
    new ImportRefusal(
      'too-large',
      `"${name}" is a web page of ${formatSize(bytes)}, more than the ${formatSize(LIMITS.webPageBytes)} a saved web page may be. ${WEB_PAGE_TO_PDF}`,
    ),
  webPageTextTooLong: (name: string, bytes: number) =>
    new ImportRefusal(
      'too-large',
      `"${name}" is a web page whose text comes to ${formatSize(bytes)}, more than the ${formatSize(LIMITS.textFileBytes)} (about 400 pages) a document's text may be. Open it in your browser, print to PDF only the pages that matter, and add that.`,
    ),
  /** A page whose text its scripts write when a browser opens it: saved, it holds none. */
  webPageWithoutText: (name: string) =>
    new ImportRefusal(
      'needs-conversion',
      `"${name}" is a web page with no text of its own: what it shows is written by the page's scripts when a browser opens it, and this app does not run them. ${WEB_PAGE_TO_PDF}`,
    ),
  damagedArchive: (name: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" is a WhatsApp chat exported with its media, but the archive is damaged or cut short, so its chat cannot be read. Export the chat again from WhatsApp and add the new file.`,
    ),
  damagedZip: (name: string) =>
    new ImportRefusal(
      'damaged',
      `"${name}" is a zip archive, but it is damaged or cut short, so the files in it cannot be read. Download or copy it again, and add the new file.`,
    ),
  noPages: (name: string) =>
    new ImportRefusal(
      'no-pages',
      `"${name}" is a PDF with no pages in it, so there is nothing to add. Ask whoever sent it for a complete copy.`,
    ),
  tooManyPixels: (name: string, { width, height, limit }: { width: number; height: number; limit: number }) =>
    new ImportRefusal(
      'too-large',
      `"${name}" is a picture of ${width.toLocaleString('en-GB')} × ${height.toLocaleString('en-GB')} pixels (${formatCount(width * height)} pixels), more than the ${formatCount(limit)}-pixel limit for ${limit === LIMITS.imagePixels ? 'one picture' : 'a picture of its kind'}. Open it in a photo editor, make it smaller (a few thousand pixels across is plenty for a page), save it and add the new file.`,
    ),
  tooManyPages: (name: string, pages: number) =>
    new ImportRefusal(
      'too-large',
      `"${name}" has ${pages.toLocaleString('en-GB')} pages, more than the ${LIMITS.pdfPages.toLocaleString('en-GB')}-page limit for one PDF. Split it into smaller PDFs and add the parts.`,
    ),
  /** A PDF over one of the limits on its inner structure (see untrusted/pdfScan.ts), in plain words. */
  pdfOverLimit: (name: string, problem: string) =>
    new ImportRefusal(
      'too-large',
      `"${name}" ${problem}, which no ordinary document does, so it was not added: it may be damaged or made to cause trouble. Ask whoever sent it for a new copy. If it opens on your computer, ${PRINT_TO_PDF} and add that instead.`,
    ),
  tookTooLong: (name: string, seconds: number, kind: SniffedKind = 'pdf') =>
    new ImportRefusal(
      'too-large',
      `"${name}" took longer than ${seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`} to read (the most one file may take), so it was not added. ${heavyFileAdvice(kind)}`,
    ),
  tooMuchMemory: (name: string, kind: SniffedKind = 'pdf') =>
    new ImportRefusal(
      'too-large',
      `"${name}" needed more memory to read than one file may use (${formatSize(LIMITS.parserHeapMb * 1024 * 1024)}), so it was not added. ${heavyFileAdvice(kind)}`,
    ),
  /** pdf/read/xfa.ts: only Adobe Reader draws its pages; every other reader, and a bundle, shows a placeholder. */
  dynamicXfaForm: (name: string) =>
    new ImportRefusal(
      'needs-conversion',
      `"${name}" is a form that only Adobe Reader can show (an XFA form): other programs, and the bundle, would show a page asking you to wait or to upgrade Adobe Reader, and nothing that was filled in. Open it in Adobe Acrobat Reader (free, from adobe.com), ${PRINT_TO_PDF}, and add the new file.`,
    ),
  wordDamaged: (name: string, detail: string, format: WordFormat) =>
    new ImportRefusal(
      'damaged',
      `"${name}" is ${WORD_FORMATS[format].what}, but it is damaged (${detail}), so it cannot be read. Open it in ${WORD_FORMATS[format].program}: if it opens (it may offer to repair it), ${SAVE_AS_PDF}, and add the PDF. If it does not, ask whoever sent it for a new copy.`,
    ),
  wordNeedsLibreOffice: (name: string, format: WordFormat = 'docx') =>
    new ImportRefusal(
      'needs-conversion',
      `"${name}" is ${WORD_FORMATS[format].what}, and this computer cannot turn ${WORD_FORMATS[format].plural} into PDF because LibreOffice (free, from libreoffice.org) is not installed. Open it in ${WORD_FORMATS[format].program}, ${SAVE_AS_PDF}, and add the PDF instead. Or install LibreOffice and add it again.`,
    ),
  /** LIMITS.wordMarkupBytes: more text and formatting than LibreOffice can lay out in the time and memory one file has. */
  wordTooLarge: (name: string, bytes: number, format: WordFormat) =>
    new ImportRefusal(
      'too-large',
      `"${name}" is ${WORD_FORMATS[format].what} whose text and formatting come to ${formatSize(bytes)}, more than the ${formatSize(LIMITS.wordMarkupBytes)} (thousands of pages) one document may be: turning it into a PDF would take minutes and gigabytes of memory. It may be damaged or made to cause trouble. If it opens in ${WORD_FORMATS[format].program}, ${SAVE_AS_PDF} (or split it into smaller documents), and add that instead.`,
    ),
  /** LIMITS.wordTableNesting, LIMITS.rtfGroupNesting: nesting LibreOffice takes many minutes to lay out. */
  wordNestedTooDeep: (name: string, what: 'tables' | 'groups', depth: number, format: WordFormat) =>
    new ImportRefusal(
      'too-large',
      `"${name}" is ${WORD_FORMATS[format].what} ${
        what === 'tables'
          ? `whose tables are nested ${formatCount(depth)} deep (a table inside a table inside a table…), more than the ${LIMITS.wordTableNesting} one document may have`
          : `whose formatting is nested ${formatCount(depth)} deep ({ inside {…), more than the ${formatCount(LIMITS.rtfGroupNesting)} one document may have`
      }: turning it into a PDF would take many minutes, and no real document needs it. It may be damaged or made to cause trouble. If it opens in ${WORD_FORMATS[format].program}, ${SAVE_AS_PDF}, and add that instead.`,
    ),
  wordConversionFailed: (name: string, detail: string, format: WordFormat = 'docx') =>
    new ImportRefusal(
      'needs-conversion',
      `"${name}" is ${WORD_FORMATS[format].what}, but LibreOffice could not turn it into a PDF (${detail}). Open it in ${WORD_FORMATS[format].program}, ${SAVE_AS_PDF}, and add the PDF instead.`,
    ),
};
