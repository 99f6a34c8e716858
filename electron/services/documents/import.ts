/**
 * Evidence import: PDF, JPEG, PNG, TIFF, saved emails and (with LibreOffice) Word files into a case.
 *
 * Each file is handled on its own: read and size-checked, identified from its bytes (not its name),
 * turned into a PDF the app can rely on (see normalise.ts), written to the content-addressed store and
 * recorded in one transaction. A file that fails leaves nothing behind (no row, no new store file) and
 * does not stop the others: the result lists every file as imported, duplicate or refused with a reason.
 *
 * Cancelling (op.signal) stops between files, or abandons the file being checked before anything of it is
 * saved; it then throws ApiError('cancelled') whose `details.outcomes` lists the files already handled,
 * which stay added.
 */
import { readFile, stat } from 'node:fs/promises';
import { utimesSync } from 'node:fs';
import { ApiError } from '../../../shared/api/errors';
import type { ImportFile } from '../../../shared/api/contract';
import type { DocumentKind, DocumentRecord, ImportOutcome } from '../../../shared/domain/documents';
import { sha256Hex } from '../../store/fileStore';
import {
  commentsIn,
  inspectPdf,
  pagesWithCoveredText,
  pagesWithPhotoLocation,
  pagesWithRedactionMarks,
  type PdfInspection,
} from '../pdf/inspect';
import { describePages } from '../../../shared/checker/pages';
import { requireWritable, type OperationOptions, type ServiceContext } from '../context';
import { storageFault } from '../storageFaults';
import { cleanText, escapeControls } from '../../../shared/text/controls';
import {
  convertDocxToPdf,
  DocxConversionError,
  wordCommentsNote,
  wordBinaryEncrypted,
  wordDamage,
  wordLinkedPicturesNote,
  wordMarkupBytes,
  wordNesting,
  wordTrackedChangesNote,
} from './docx';
import { findPdftoppm, findQpdf, findSoffice } from './executables';
import { fieldsNote, fixFieldsForConversion } from './wordFields';
import { factsFrom, isMachineFileName, type DocumentFacts } from './facts';
import { ImageTooLarge, imageToPdf, PictureCutShort, PictureNotSupported } from './images';
import { tiffToPdf } from './tiff';
import { pictureToPdf } from './pictures';
import { readOutlookMsg } from './outlookMsg';
import { normalisePdf, type NormalisedPdf } from './normalise';
import { preflightPdf } from './preflight';
import { attachedFiles, attachmentsNote, notTakenBecause, type AttachedFiles } from './attachments';
import { LIMITS } from '../../../shared/limits';
import {
  EmailHeadersTooLong,
  emailToPdf,
  MailboxOfEmails,
  readEmail,
  readOutlookPacking,
  type Email,
} from './email';
import { decodeTextFile, longTextNote, textFileNamed, textFileToPdf } from './textFile';
import { chatExportNote, ChatTooLong, ChatUnreadable, readChatExport, type ChatExport } from './chatExport';
import { ZipDamaged } from './zipArchive';
import { archiveNote, readArchiveFiles, type ArchiveFiles } from './archiveFiles';
import { prepareInWorker } from './prepareInWorker';
import { nextPosition, storeFileInUse } from './records';
import { exists, first } from '../../db/query';
import type { DocumentRow } from '../../db/schema';
import { noteStoredPdf } from '../storedFiles';
import { ImportRefusal, type LaidOutKind, refuse } from './refusals';
import { TooManyPages } from '../letters/pdf';
import { pngLineEndsConverted, sniffFileType } from './sniff';
import { readHtmlPage, readWebArchive, type ArchivedPage } from './webPage';
import { BinaryPlistError } from './binaryPlist';
import { readTranscript, transcriptText } from './transcript';

export interface ImportRequest {
  caseId: number;
  section: string;
  files: ImportFile[];
  title?: string;
  documentDate?: string;
  kind?: DocumentKind;
}

/** Helper programs import may use; injectable so tests can act out a computer without them. */
export interface ImportTools {
  findSoffice: () => string | null;
  findQpdf: () => string | null;
  /** Poppler's renderer, for pages that must become pictures (pdf.js draws them when it is missing). */
  findPdftoppm?: () => string | null;
}

/** The helper programs found, each looked up once when first needed. */
export interface HelperPrograms {
  soffice: () => string | null;
  qpdf: () => string | null;
  pdftoppm?: () => string | null;
}

const SYSTEM_TOOLS: ImportTools = {
  findSoffice: () => findSoffice(),
  findQpdf: () => findQpdf(),
  findPdftoppm: () => findPdftoppm(),
};

function stem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim() || base;
}

async function readInput(file: ImportFile, maxBytes: number): Promise<Uint8Array> {
  if ('data' in file) {
    if (file.data.length === 0) throw refuse.empty(file.name);
    if (file.data.length > maxBytes) throw refuse.tooLarge(file.name, file.data.length, maxBytes);
    return file.data;
  }
  try {
    const info = await stat(file.path);
    if (info.isDirectory()) throw refuse.folder(file.name);
    if (!info.isFile()) throw refuse.notAFile(file.name);
    if (info.size === 0) throw refuse.empty(file.name);
    if (info.size > maxBytes) throw refuse.tooLarge(file.name, info.size, maxBytes);
    // A Buffer is a Uint8Array: no copy (scans can be a couple of hundred megabytes).
    const bytes: Uint8Array = await readFile(file.path);
    // The file may have changed since stat (still being written by a download).
    if (bytes.length === 0) throw refuse.empty(file.name);
    if (bytes.length > maxBytes) throw refuse.tooLarge(file.name, bytes.length, maxBytes);
    return bytes;
  } catch (error) {
    if (error instanceof ImportRefusal) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw refuse.notFound(file.name);
    if (code === 'EISDIR') throw refuse.folder(file.name);
    throw refuse.notReadable(file.name);
  }
}

function findDuplicate(
  ctx: ServiceContext,
  caseId: number,
  originalSha: string,
): { id: number; title: string; section: string } | undefined {
  return first<Pick<DocumentRow, 'id' | 'title' | 'section'>>(
    ctx.db,
    'SELECT id, title, section FROM documents WHERE case_id = ? AND original_sha256 = ?',
    caseId,
    originalSha,
  );
}

function duplicateOutcome(
  name: string,
  earlier: { id: number; title: string; section: string },
): ImportOutcome {
  return {
    file: name,
    status: 'duplicate',
    documentId: earlier.id,
    reason: `"${name}" is already in this case as "${earlier.title}" (section ${earlier.section}), so it was not added again.`,
  };
}

export interface Prepared {
  pdf: Uint8Array;
  conversion: DocumentRecord['conversion'];
  inspection: PdfInspection;
  /** What was done to the file, for the user (DocumentRecord.importNotes). */
  notes?: string[];
  /** Its pages with words under a box painted over them (DocumentRecord.coveredTextPages). */
  coveredTextPages?: number[];
  /** Its pages with areas marked for redaction, never redacted (DocumentRecord.redactionMarkPages). */
  redactionMarkPages?: number[];
  /** The title and date the document proposes for itself (facts.ts). */
  facts?: DocumentFacts;
  /**
   * Files attached to it that bundles can hold, taken out to be added after it (attachments.ts); `inArchive`
   * for a file that was in it (a WhatsApp chat's photo) rather than attached to it.
   */
  attachments?: { name: string; bytes: Uint8Array<ArrayBuffer>; inArchive?: boolean }[];
}

/** A zip archive of files: no document of its own, only the files taken out of it, to be added after it. */
export interface Unpacked {
  unpacked: true;
  notes: string[];
  attachments: { name: string; bytes: Uint8Array<ArrayBuffer>; inArchive: true }[];
}

/** What import makes of the files in a zip archive (archiveFiles.ts); throws an ImportRefusal. */
export function unpackArchive(name: string, bytes: Uint8Array): Unpacked {
  let found: ArchiveFiles;
  try {
    found = readArchiveFiles(bytes);
  } catch (error) {
    if (error instanceof ZipDamaged) throw refuse.damagedZip(name);
    throw error;
  }
  return {
    unpacked: true,
    notes: [archiveNote(found)],
    attachments: found.taken.map((f) => ({ ...f, inArchive: true })),
  };
}

/** How deep import goes into files attached to files: an email's attachment, and what that one carries. */
const ATTACHMENT_DEPTH = 2;

/**
 * Turns the user's bytes into the PDF the store keeps, with what it says about itself, or throws an
 * ImportRefusal. Runs inside the untrusted-file worker (see prepareInWorker below), never on the main thread.
 */
export async function preparePdf(
  ctx: Pick<ServiceContext, 'store'>,
  name: string,
  bytes: Uint8Array,
  tools: HelperPrograms,
  op: OperationOptions,
  progress: (message: string) => void,
  /** Take the files attached to it out, to be added after it (false: only name them). */
  takeAttachments = true,
): Promise<Prepared> {
  // What pdf-lib parsed stays in this thread: the result goes to the main thread as plain data.
  const { parsed, ...converted } = await convertToPdf(ctx, name, bytes, tools, op, progress, takeAttachments);
  op.signal?.throwIfAborted();
  progress(`Making sure every page of ${name} can go into a bundle`);
  const checked = await preflightPdf(converted.pdf, {
    name,
    pageCount: converted.inspection.pageCount,
    qpdf: tools.qpdf(),
    pdftoppm: tools.pdftoppm?.() ?? null,
    workRoot: ctx.store.tmpDir,
    signal: op.signal,
    parsed,
  });
  const prepared: Prepared = checked.changed
    ? {
        pdf: checked.pdf,
        conversion: converted.conversion === 'none' ? 'repaired' : converted.conversion,
        inspection: await inspectPdf(checked.pdf, op.signal),
      }
    : converted;
  op.signal?.throwIfAborted();
  const notes = [...(converted.notes ?? conversionNotes(converted.conversion)), ...checked.notes];
  // From the file before any repair (a repair that copies pages leaves its attached files behind).
  const attached = sniffFileType(bytes).kind === 'pdf' ? attachedFiles(converted.pdf, takeAttachments) : null;
  const attachedNote = attached && attachmentsNote(attached, takeAttachments);
  if (attachedNote) notes.push(attachedNote);
  // A picture made into a page has no words to cover.
  const covered = prepared.conversion === 'image' ? [] : pagesWithCoveredText(prepared.pdf, op.signal);
  if (covered.length) notes.push(coveredTextNote(covered));
  const marked = prepared.conversion === 'image' ? [] : pagesWithRedactionMarks(prepared.pdf, op.signal);
  if (marked.length) notes.push(redactionMarksNote(marked));
  const comments =
    prepared.conversion === 'none' || prepared.conversion === 'repaired'
      ? commentsIn(prepared.pdf, op.signal)
      : null;
  if (comments?.comments) notes.push(pdfCommentsNote(comments.pages, comments.comments));
  // A picture made into a page has had its details left out already (jpegPicture.ts).
  const located = prepared.conversion === 'image' ? [] : pagesWithPhotoLocation(prepared.pdf, op.signal);
  if (located.length) notes.push(photoLocationNote(located));
  const attachments = [
    ...(converted.attachments ?? []),
    ...(attached?.files ?? []).flatMap((f) => (f.bytes ? [{ name: f.name, bytes: f.bytes }] : [])),
  ];
  return {
    ...prepared,
    notes,
    coveredTextPages: covered,
    redactionMarkPages: marked,
    facts: converted.facts ?? factsFrom(prepared.inspection.about),
    ...(attachments.length ? { attachments } : {}),
  };
}

/** What the import note on words hidden by boxes says of them (hiddenWords.ts finds the note by it). */
export const HIDDEN_WORDS_NOTE = 'words hidden by a box that are still in the file';

/** For a document with words hidden by boxes (pagesWithCoveredText). */
function coveredTextNote(pages: number[]): string {
  const one = pages.length === 1;
  return `${describePages(pages, true)} ${one ? 'has' : 'have'} ${HIDDEN_WORDS_NOTE} (a box or pen strokes painted over them, a highlight in their own colour, the page cropped to leave them out of view, a layer the file keeps hidden, or a scan's invisible text left when the scan was taken out): the page looks redacted (blacked or whited out, or cropped), but anyone with the bundle can copy or search for the words. If they were hidden on purpose, redact the document with a tool that removes the words (such as Acrobat's Redact), and add it again.`;
}

/** What the import note on redaction marks never applied says of them (hiddenWords.ts finds the note by it). */
export const REDACTION_MARKS_NOTE = 'marked for redaction that were never redacted';

/** For a document with redaction marks never applied (pagesWithRedactionMarks). */
function redactionMarksNote(pages: number[]): string {
  const one = pages.length === 1;
  return `${describePages(pages, true)} ${one ? 'has words' : 'have words'} ${REDACTION_MARKS_NOTE}: the marks were not applied, so the words are still on the page, and anyone with the bundle can read, copy or search them. Apply the redactions (in Acrobat: Redact, then Apply) and add the file again, or have the app apply them.`;
}

/** For a PDF with comments whose words show only when opened (commentsIn). */
function pdfCommentsNote(pages: number[], comments: number): string {
  const one = comments === 1;
  return `${describePages(pages, true)} ${pages.length === 1 ? 'has' : 'have'} ${one ? 'a comment' : `${comments} comments`} added in a PDF reader (${one ? 'a sticky note, or a note on a highlight or a shape' : 'sticky notes, or notes on highlights or shapes'}), whose words show only when opened: ${one ? 'it goes' : 'they go'} into the bundle as ${one ? 'it is' : 'they are'}, and anyone reading it can open ${one ? 'it' : 'them'}. If ${one ? 'it was a note' : 'they were notes'} for yourself, delete ${one ? 'it' : 'them'} in your PDF reader and add the file again.`;
}

/** For a document with photos that hold where they were taken (pagesWithPhotoLocation). */
function photoLocationNote(pages: number[]): string {
  const one = pages.length === 1;
  return `${describePages(pages, true)} ${one ? 'shows a photo that holds' : 'show photos that hold'} where ${one ? 'it was' : 'they were'} taken (a GPS position, hidden in the file): that is left out of the bundle, with the rest of what the phone or camera recorded. The file as added, kept with the document, still holds it.`;
}

/** What the conversion did, for the document's import notes. */
function conversionNotes(conversion: DocumentRecord['conversion']): string[] {
  switch (conversion) {
    case 'repaired':
      return ['It was damaged and has been repaired; the file as you gave it is kept too.'];
    case 'decrypted':
      return [
        'It had restrictions on printing or copying, which were removed so that it can go into a bundle.',
      ];
    default:
      return [];
  }
}

/**
 * A saved email's message as the document, its attached files to be added after it (or only named, when
 * the email was itself attached to a file: import goes two files deep).
 */
/** A file's text laid out on pages (a text file's, chat's, email's or web page's), refused past LIMITS.textPages. */
async function withinTextPages<T>(name: string, kind: LaidOutKind, layOut: () => Promise<T>): Promise<T> {
  try {
    return await layOut();
  } catch (error) {
    if (error instanceof TooManyPages) throw refuse.textTooManyPages(name, error.atLeast, kind);
    throw error;
  }
}

async function emailDocument(
  email: Email,
  name: string,
  mailProgram: string,
  op: OperationOptions,
  take: boolean,
  /**
   * `packing`: Outlook's packing of an email (winmail.dat) saved on its own, without the email around it.
   * `htmlFile`: a web page saved as HTML (webPage.ts), not as one file with its pictures (MHTML).
   */
  { packing = false, htmlFile = false }: { packing?: boolean; htmlFile?: boolean } = {},
): Promise<Prepared> {
  const {
    pdf,
    date,
    subject,
    note: unprintable,
  } = await withinTextPages(name, email.webPage ? 'web page' : 'email', () => emailToPdf(email, stem(name)));
  const found: AttachedFiles = { files: [], more: 0, portfolio: false };
  for (const attached of email.attachments) {
    const because = notTakenBecause(attached.bytes, attached.name);
    found.files.push(because ? { name: attached.name, leftBecause: because } : attached);
  }
  for (const left of email.leftOut) found.files.push({ name: left.name, leftBecause: left.because });
  const note = attachmentsNote(found, take, mailProgram);
  return {
    pdf,
    conversion: email.webPage ? 'web-page' : 'email',
    inspection: await inspectPdf(pdf, op.signal),
    notes: [
      packing
        ? "It is Outlook's packing of an email (winmail.dat): the email's text is the document. Who sent it, to whom and when were in the email it came with: if you have that email, add it instead."
        : email.webPage
          ? webPageNote(email.webPage, htmlFile)
          : 'It is an email: its message (who it is from and to, when, the subject and the text) is the document.',
      ...(unprintable ? [unprintable] : []),
      ...(note ? [note] : []),
    ],
    facts: { title: subject, date },
    attachments: take ? found.files.flatMap((f) => (f.bytes ? [{ name: f.name, bytes: f.bytes }] : [])) : [],
  };
}

/** A web page saved as HTML or as a Safari web archive as its document, or an ImportRefusal. */
async function webPageDocument(
  page: Email,
  name: string,
  op: OperationOptions,
  take: boolean,
): Promise<Prepared> {
  if (!page.text.trim()) throw refuse.webPageWithoutText(name);
  const textBytes = Buffer.byteLength(page.text);
  if (textBytes > LIMITS.textFileBytes) throw refuse.webPageTextTooLong(name, textBytes);
  const prepared = await emailDocument(page, name, 'your browser', op, take, { htmlFile: true });
  return {
    ...prepared,
    notes: [...(prepared.notes ?? []), ...longTextNote(prepared.inspection.pageCount)],
  };
}

/** What import made of a saved web page (as one file, MHTML, or as HTML): its text, without its pictures or layout. */
function webPageNote({ pictures, address }: NonNullable<Email['webPage']>, htmlFile: boolean): string {
  const shown =
    pictures === 0
      ? ''
      : ` Its ${pictures === 1 ? 'picture is' : `${pictures.toLocaleString('en-GB')} pictures are`} not on the pages.`;
  return (
    (htmlFile
      ? `It is a web page saved from a browser: its title${address ? ', its address' : ''} and its text are the document, without its layout.`
      : 'It is a web page a browser saved as one file: its title, its address, when it was saved and its text are the document, without its layout.') +
    shown +
    ' If how the page looks matters, open it in your browser, print it to PDF, and add the PDF.'
  );
}

async function convertToPdf(
  ctx: Pick<ServiceContext, 'store'>,
  name: string,
  bytes: Uint8Array,
  tools: HelperPrograms,
  op: OperationOptions,
  progress: (message: string) => void,
  /** Take the files in it out, to be added after it (false: only name them). */
  take: boolean,
): Promise<Prepared & { parsed?: NormalisedPdf['parsed'] }> {
  const type = sniffFileType(bytes);
  const workRoot = ctx.store.tmpDir;
  switch (type.kind) {
    case 'pdf':
      return normalisePdf(bytes, { name, qpdf: tools.qpdf(), workRoot, signal: op.signal });
    case 'jpeg':
    case 'png': {
      if (type.kind === 'png' && pngLineEndsConverted(bytes))
        throw refuse.damaged(
          name,
          'it was sent or copied as text, which changed some of its bytes; ask for it to be sent again as an attached file',
        );
      let converted: Awaited<ReturnType<typeof imageToPdf>>;
      try {
        converted = await imageToPdf(bytes, type.kind, stem(name), op.signal);
      } catch (error) {
        if (error instanceof ImageTooLarge) throw refuse.tooManyPixels(name, error);
        if (error instanceof PictureCutShort)
          throw refuse.pictureCutShort(name, type.kind === 'jpeg' ? 'JPEG' : 'PNG');
        if (error instanceof PictureNotSupported) throw refuse.pictureNotSupported(name, error.description);
        if (op.signal?.aborted) throw error;
        throw refuse.damagedImage(name, type.kind === 'jpeg' ? 'JPEG' : 'PNG');
      }
      const inspection = await inspectPdf(converted.pdf, op.signal);
      return { pdf: converted.pdf, conversion: 'image', inspection, notes: converted.notes };
    }
    case 'tiff': {
      progress(`Turning the pages of ${name} into PDF pages`);
      let pdf: Uint8Array;
      try {
        pdf = await tiffToPdf(bytes, stem(name), op.signal);
      } catch (error) {
        if (error instanceof ImageTooLarge) throw refuse.tooManyPixels(name, error);
        if (error instanceof PictureNotSupported) throw refuse.pictureNotSupported(name, error.description);
        if (op.signal?.aborted) throw error;
        throw refuse.damagedImage(name, 'TIFF');
      }
      return { pdf, conversion: 'image', inspection: await inspectPdf(pdf, op.signal) };
    }
    case 'picture': {
      progress(`Turning the picture ${name} into a PDF page`);
      let converted: Awaited<ReturnType<typeof pictureToPdf>>;
      try {
        converted = await pictureToPdf(bytes, type.format, stem(name), op.signal);
      } catch (error) {
        if (error instanceof ImageTooLarge) throw refuse.tooManyPixels(name, error);
        if (error instanceof PictureNotSupported) throw refuse.pictureNotSupported(name, error.description);
        if (op.signal?.aborted) throw error;
        throw refuse.damagedImage(name, type.format);
      }
      const inspection = await inspectPdf(converted.pdf, op.signal);
      const { notes } = converted;
      return { pdf: converted.pdf, conversion: 'image', inspection, ...(notes.length ? { notes } : {}) };
    }
    case 'email':
    case 'outlook-email':
    case 'outlook-packing': {
      let email: Email;
      try {
        email =
          type.kind === 'email'
            ? readEmail(bytes)
            : type.kind === 'outlook-email'
              ? readOutlookMsg(bytes)
              : readOutlookPacking(bytes);
      } catch (error) {
        if (error instanceof MailboxOfEmails) throw refuse.mailbox(name, error.emails);
        if (error instanceof EmailHeadersTooLong) throw refuse.emailHeadersTooLong(name);
        throw type.kind === 'outlook-packing'
          ? refuse.damagedOutlookPacking(name)
          : refuse.damagedEmail(name);
      }
      return emailDocument(email, name, type.kind === 'email' ? 'your mail program' : 'Outlook', op, take, {
        packing: type.kind === 'outlook-packing',
      });
    }
    case 'text': {
      // Text in a file named as something else (a "report.pdf" that is an error page saved by a browser) is
      // a mistake to report, not a document to lay out.
      const named = textFileNamed(name);
      if (named.as === 'spreadsheet') throw refuse.spreadsheetAsText(name);
      if (named.as === 'other')
        throw named.ending === 'pdf'
          ? refuse.unsupported(name, 'a plain text file')
          : refuse.textNamedAsOther(name, named.ending);
      if (bytes.length > LIMITS.textFileBytes) throw refuse.textTooLong(name, bytes.length);
      progress(`Laying out the text of ${name} on pages`);
      const text = decodeTextFile(bytes);
      const transcript = readTranscript(text);
      const { pdf, note } = await withinTextPages(name, 'text file', () =>
        transcript
          ? textFileToPdf(transcriptText(transcript), stem(name), 'A transcript, a line for each thing said')
          : textFileToPdf(text, stem(name)),
      );
      const inspection = await inspectPdf(pdf, op.signal);
      return {
        pdf,
        conversion: 'text',
        inspection,
        notes: [
          transcript
            ? 'It is a transcript of a recorded call or video: each thing said, with when it was said (from the start of the recording) and who said it where the transcript names them, is the document, a line for each.'
            : 'It is a text file: its text, line for line, is the document.',
          ...(note ? [note] : []),
          ...longTextNote(inspection.pageCount),
        ],
        facts: { title: null, date: null },
        attachments: [],
      };
    }
    case 'web-page': {
      // A page in a file named as something else (a "report.pdf" that is a login page a browser saved) is a
      // mistake to report, not a document to lay out.
      const ending = /\.([a-z][a-z0-9]{0,7})$/i.exec(name)?.[1].toLowerCase();
      if (ending && !['html', 'htm', 'xhtml', 'shtml'].includes(ending))
        throw refuse.unsupported(
          name,
          'a web page (HTML), perhaps a download or login page saved by mistake',
        );
      if (bytes.length > LIMITS.webPageBytes) throw refuse.webPageTooLarge(name, bytes.length);
      progress(`Laying out the text of the web page ${name} on pages`);
      return webPageDocument(readHtmlPage(bytes), name, op, take);
    }
    case 'web-archive': {
      let archived: ArchivedPage;
      try {
        archived = readWebArchive(bytes);
      } catch (error) {
        if (error instanceof BinaryPlistError) throw refuse.damagedWebArchive(name);
        throw error;
      }
      if (archived.otherType) throw refuse.webArchiveOfFile(name, archived.otherType);
      if (archived.html.length > LIMITS.webPageBytes)
        throw refuse.webPageTooLarge(name, archived.html.length);
      progress(`Laying out the text of the web page ${name} on pages`);
      return webPageDocument(readHtmlPage(archived.html, archived), name, op, take);
    }
    case 'chat-export': {
      progress(`Reading the chat and its files in ${name}`);
      let found: ChatExport | null;
      try {
        found = readChatExport(bytes);
      } catch (error) {
        if (error instanceof ChatTooLong)
          throw refuse.textTooLong(`${error.chatName}" in "${name}`, error.size);
        if (error instanceof ChatUnreadable || error instanceof ZipDamaged) throw refuse.damagedArchive(name);
        throw error;
      }
      if (!found) throw refuse.unsupported(name, 'a zip archive');
      if (!take) {
        // A chat that was itself in another file: import goes two files deep, so its files are only named.
        const inner = 'was not taken out, as the chat was itself in another file';
        found.left = [...found.taken.map((f) => ({ name: f.name, because: inner })), ...found.left];
        found.taken = [];
      }
      progress(`Laying out the chat in ${name} on pages`);
      const chat = decodeTextFile(found.chat.bytes);
      const { pdf, note } = await withinTextPages(name, 'chat', () => textFileToPdf(chat, stem(name)));
      const inspection = await inspectPdf(pdf, op.signal);
      return {
        pdf,
        conversion: 'text',
        inspection,
        notes: [chatExportNote(found), ...(note ? [note] : []), ...longTextNote(inspection.pageCount)],
        facts: { title: null, date: null },
        attachments: found.taken.map((f) => ({ ...f, inArchive: true })),
      };
    }
    case 'docx': {
      const damage = wordDamage(bytes, type.format);
      if (damage) throw refuse.wordDamaged(name, damage, type.format);
      if (type.format === 'doc' && wordBinaryEncrypted(bytes)) throw refuse.passwordProtected(name);
      const markup = wordMarkupBytes(bytes, type.format);
      if (markup > LIMITS.wordMarkupBytes) throw refuse.wordTooLarge(name, markup, type.format);
      const nesting = wordNesting(bytes, type.format);
      if (nesting.tables > LIMITS.wordTableNesting)
        throw refuse.wordNestedTooDeep(name, 'tables', nesting.tables, type.format);
      if (nesting.groups > LIMITS.rtfGroupNesting)
        throw refuse.wordNestedTooDeep(name, 'groups', nesting.groups, type.format);
      const soffice = tools.soffice();
      if (!soffice) throw refuse.wordNeedsLibreOffice(name, type.format);
      progress(`Turning ${name} into a PDF with LibreOffice`);
      const fields = fixFieldsForConversion(bytes, type.format);
      let converted: Uint8Array;
      try {
        converted = await convertDocxToPdf(fields.bytes, soffice, workRoot, op.signal, type.format);
      } catch (error) {
        if (error instanceof DocxConversionError)
          throw refuse.wordConversionFailed(name, error.message, type.format);
        throw error;
      }
      let result: NormalisedPdf;
      try {
        result = await normalisePdf(converted, { name, qpdf: tools.qpdf(), workRoot, signal: op.signal });
      } catch (error) {
        if (error instanceof ImportRefusal)
          throw refuse.wordConversionFailed(name, 'the PDF it made could not be read', type.format);
        throw error;
      }
      const notes = [
        ...(result.notes ?? []),
        ...wordCommentsNote(bytes, type.format),
        ...wordTrackedChangesNote(bytes, type.format),
        ...wordLinkedPicturesNote(bytes, type.format),
        ...fieldsNote(fields),
      ];
      return { ...result, conversion: 'docx', ...(notes.length ? { notes } : {}) };
    }
    case 'password-protected':
      throw refuse.passwordProtected(name);
    case 'archive':
      // An archive inside another file: import goes two files deep, so its files are not taken out.
      throw refuse.unsupported(name, 'a zip archive');
    default:
      throw refuse.unsupported(name, type.description);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Puts the files in the store and the row in the database; on failure removes the files it created. */
function storeAndRecord(
  ctx: ServiceContext,
  request: ImportRequest,
  name: string,
  title: string,
  original: { bytes: Uint8Array; sha256: string },
  prepared: Prepared,
  facts: DocumentFacts,
): ImportOutcome {
  const notes = prepared.notes ?? [];
  const { db, store } = ctx;
  const created: Array<() => void> = [];
  const now = new Date();
  const put = (kind: 'pdf' | 'original', bytes: Uint8Array) => {
    const result = kind === 'pdf' ? store.putPdf(bytes) : store.putOriginal(bytes);
    const path = kind === 'pdf' ? store.pdfPath(result.sha256) : store.originalPath(result.sha256);
    if (result.created) {
      created.push(() => {
        if (storeFileInUse(ctx, result.sha256)) return;
        if (kind === 'pdf') store.removePdf(result.sha256);
        else store.removeOriginal(result.sha256);
      });
    } else {
      // An old unreferenced copy (left by a crash) must not look stale to another process's clean-up.
      utimesSync(path, now, now);
    }
    return result.sha256;
  };

  try {
    const sha256 = put('pdf', prepared.pdf);
    if (prepared.conversion !== 'none') put('original', original.bytes);
    const documentId = db.transaction(() => {
      const info = db
        .prepare(
          `INSERT INTO documents (case_id, section, title, document_date, author, kind, page_count, sha256,
             original_sha256, original_name, conversion, position, included, late, page_sizes,
             pages_without_text, suggested_title, suggested_date, details_confirmed, import_notes, created_at,
             covered_text_pages, redaction_mark_pages)
           VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          request.caseId,
          request.section,
          title,
          request.documentDate ?? facts.date ?? null,
          request.kind ?? 'other',
          prepared.inspection.pageCount,
          sha256,
          original.sha256,
          name,
          prepared.conversion,
          nextPosition(ctx, request.caseId, request.section),
          JSON.stringify(prepared.inspection.pageSizes),
          JSON.stringify(prepared.inspection.pagesWithoutText),
          facts.title,
          facts.date,
          // Confirmed only when the user gave both the title and the date themselves.
          request.title !== undefined && request.documentDate !== undefined ? 1 : 0,
          JSON.stringify(notes),
          ctx.clock().toISOString(),
          prepared.coveredTextPages ? JSON.stringify(prepared.coveredTextPages) : null,
          prepared.redactionMarkPages ? JSON.stringify(prepared.redactionMarkPages) : null,
        );
      return Number(info.lastInsertRowid);
    })();
    // Belt and braces against another process's clean-up removing a reused file in the instant before
    // the row existed: putting again is a no-op when the file is there.
    store.putPdf(prepared.pdf);
    if (prepared.conversion !== 'none') store.putOriginal(original.bytes);
    noteStoredPdf(ctx, sha256);
    return {
      file: name,
      status: 'imported',
      documentId,
      pageCount: prepared.inspection.pageCount,
      conversion: prepared.conversion,
      notes,
    };
  } catch (error) {
    for (const undo of created) {
      try {
        undo();
      } catch {
        // Left for the start-up clean-up.
      }
    }
    if (isUniqueViolation(error)) {
      // Another window or process added the same file a moment ago.
      const earlier = findDuplicate(ctx, request.caseId, original.sha256);
      if (earlier) return duplicateOutcome(name, earlier);
    }
    if (error instanceof ApiError) throw error;
    const fault = storageFault(error, ctx.paths.dataDir);
    if (fault) throw fault;
    throw new ApiError(
      'refused',
      `"${name}" could not be saved into the case folder (${(error as Error)?.message ?? error}). Check that the disk is not full, then add it again.`,
    );
  }
}

/** A file waiting its turn: one the user gave, or one taken out of a file before it. */
interface QueuedFile {
  file: ImportFile;
  /** The file's own name (`file.name` says what it was attached to as well). */
  ownName: string;
  titles: { given?: string; fromName: string };
  /** For a file taken out of another: that file's name, and how deep in it was. */
  attachedTo?: { name: string; depth: number; inArchive?: boolean };
}

async function importOne(
  ctx: ServiceContext,
  request: ImportRequest,
  queued: QueuedFile,
  tools: HelperPrograms,
  op: OperationOptions,
  progress: (message: string) => void,
): Promise<{ outcome: ImportOutcome; attachments: NonNullable<Prepared['attachments']> }> {
  const { file, titles, attachedTo } = queued;
  const bytes = await readInput(file, ctx.maxImportBytes);
  const originalSha = sha256Hex(bytes);
  const earlier = findDuplicate(ctx, request.caseId, originalSha);
  if (earlier) return { outcome: duplicateOutcome(file.name, earlier), attachments: [] };
  let prepared: Prepared | Unpacked;
  try {
    prepared = await prepareInWorker(
      ctx,
      file.name,
      bytes,
      tools,
      op,
      progress,
      (attachedTo?.depth ?? 0) < ATTACHMENT_DEPTH,
    );
  } catch (error) {
    // A full or read-only disk (the pre-flight writes a trial bundle) stops the batch, as it would at saving.
    if (error instanceof ImportRefusal || op.signal?.aborted || storageFault(error)) throw error;
    // A parser crashing on a hostile or broken file is that file's problem, not the whole batch's.
    throw refuse.damaged(file.name);
  }
  op.signal?.throwIfAborted();
  if ('unpacked' in prepared)
    return {
      outcome: { file: file.name, status: 'unpacked', notes: prepared.notes },
      attachments: prepared.attachments,
    };
  const facts = prepared.facts ?? { title: null, date: null };
  // A file name the user chose ("EP report.pdf") stays the title; one a camera, scanner or program made
  // (IMG_20261112_0931, Scan_0001, Document1) gives way to what the document says about itself.
  const title = titles.given ?? (isMachineFileName(titles.fromName) ? facts.title : null) ?? titles.fromName;
  const { attachments = [], ...kept } = prepared;
  if (attachedTo)
    kept.notes = [
      `It was ${attachedTo.inArchive ? 'in' : 'attached to'} “${attachedTo.name}”.`,
      ...(kept.notes ?? []),
    ];
  // A file taken out of another takes none of the details the user gave for the files they chose.
  const details = attachedTo
    ? { ...request, title: undefined, documentDate: undefined, kind: undefined }
    : request;
  const outcome = storeAndRecord(ctx, details, file.name, title, { bytes, sha256: originalSha }, kept, facts);
  return { outcome, attachments: outcome.status === 'imported' ? attachments : [] };
}

function memo<T>(get: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: get() }).v;
}

export async function importFiles(
  ctx: ServiceContext,
  request: ImportRequest,
  op: OperationOptions = {},
  tools: ImportTools = SYSTEM_TOOLS,
): Promise<ImportOutcome[]> {
  requireWritable(ctx);
  if (!exists(ctx.db, 'SELECT 1 FROM cases WHERE id = ?', request.caseId))
    throw new ApiError('not-found', 'That case no longer exists. Choose a case from the list and try again.');
  const found: HelperPrograms = {
    soffice: memo(tools.findSoffice),
    qpdf: memo(tools.findQpdf),
    pdftoppm: memo(tools.findPdftoppm ?? (() => null)),
  };
  const queue: QueuedFile[] = request.files.map((file) => {
    // Messages and records show a file name's control and bidi formatting characters as visible escapes.
    const named: ImportFile = { ...file, name: escapeControls(file.name) };
    // A title the user typed wins; otherwise importOne proposes one from the file itself.
    const titles = {
      given:
        request.title === undefined
          ? undefined
          : cleanText(request.files.length === 1 ? request.title : `${request.title} - ${stem(file.name)}`) ||
            undefined,
      fromName: cleanText(stem(file.name)) || 'Untitled document',
    };
    return { file: named, ownName: named.name, titles };
  });
  const outcomes: ImportOutcome[] = [];
  const cancelled = () =>
    new ApiError(
      'cancelled',
      `Stopped after ${outcomes.length} of ${queue.length} file${queue.length === 1 ? '' : 's'}. Files already added are kept; add the rest again when you are ready.`,
      { outcomes },
    );

  for (let index = 0; index < queue.length; index++) {
    const queued = queue[index];
    const { attachedTo } = queued;
    const { name } = queued.file;
    if (op.signal?.aborted) throw cancelled();
    const total = queue.length;
    const progress = (message: string) => op.onProgress?.({ message, done: index, total });
    progress(`Checking ${name} (${index + 1} of ${total})`);
    try {
      const { outcome, attachments } = await importOne(ctx, request, queued, found, op, progress);
      outcomes.push(attachedTo ? { ...outcome, attachedTo: attachedTo.name } : outcome);
      // Each file taken out of this one is added right after it.
      queue.splice(
        index + 1,
        0,
        ...attachments.map((attached) => {
          const attachedName = escapeControls(attached.name);
          return {
            file: {
              name: `${attachedName} (${attached.inArchive ? 'in' : 'attached to'} ${queued.ownName})`,
              data: attached.bytes,
            },
            ownName: attachedName,
            titles: { fromName: cleanText(stem(attached.name)) || 'Untitled document' },
            attachedTo: {
              name: queued.ownName,
              depth: (queued.attachedTo?.depth ?? 0) + 1,
              ...(attached.inArchive ? { inArchive: true } : {}),
            },
          };
        }),
      );
    } catch (error) {
      if (error instanceof ImportRefusal) {
        outcomes.push({
          file: name,
          status: 'refused',
          code: error.code,
          reason: error.message,
          ...(attachedTo ? { attachedTo: attachedTo.name } : {}),
        });
      } else if (op.signal?.aborted) {
        throw cancelled();
      } else {
        // Stop: the next file would most likely fail the same way (a full disk). Say what was done.
        if (error instanceof ApiError) throw new ApiError(error.code, error.message, { outcomes });
        throw error;
      }
    }
  }
  const total = queue.length;
  const added = outcomes.filter((o) => o.status === 'imported').length;
  op.onProgress?.({
    message: `Added ${added} of ${total} file${total === 1 ? '' : 's'}`,
    done: total,
    total,
  });
  return outcomes;
}
