/**
 * Files attached to a PDF (to the document as a whole, its /EmbeddedFiles, or to a spot on a page, a
 * paperclip note): an email saved as a PDF with the report it carried, or a PDF portfolio, whose own page is only a cover sheet and whose documents are all attached
 * files. A bundle is pages, so attached files never reach one; import takes the ones bundles can hold
 * (PDF, pictures, Word and other documents LibreOffice converts) out of the file and adds each as a document of its own, right after it
 * (import.ts), and names the others in the document's notes.
 */
import { formatSize, LIMITS } from '../../../shared/limits';
import { cleanText } from '../../../shared/text/controls';
import { PdfFile } from '../pdf/read';
import { isDict, isName, PdfStream, PdfString, type PdfDict, type PdfValue } from '../pdf/read/objects';
import { StreamTooLargeError } from '../pdf/read/filters';
import { readNameTree } from '../pdf/read/trees';
import { sniffFileType } from './sniff';
import { textFileNamed } from './textFile';
import { compareNames } from '../../../shared/text/nameOrder';

/** Attached files named in a note, at most. */
const MAX_NAMED = 200;
/** Attached files taken out of one file, at most, and their bytes together. */
export const MAX_TAKEN = 20;
/** Of the bytes one file may be (LIMITS.importBytes), how many times over all taken from one file may be. */
export const MAX_TAKEN_FILES_OF_BYTES = 3;

export interface AttachedFile {
  name: string;
  /** The file's bytes when it is taken out, to be added as a document of its own. */
  bytes?: Uint8Array<ArrayBuffer>;
  /** Why it was not taken out, in words that follow its name ("is an Excel spreadsheet…"). */
  leftBecause?: string;
}

export interface AttachedFiles {
  files: AttachedFile[];
  /** Attached files beyond MAX_NAMED, not named. */
  more: number;
  /** A portfolio: a reader shows the attached files, and its pages are only a cover sheet. */
  portfolio: boolean;
}

function specName(reader: PdfFile['reader'], key: string, spec: PdfValue | undefined): string {
  // A file specification's own name (/UF, then /F) is what a reader lists; else the tree's key.
  const own = isDict(spec) ? (reader.resolve(spec.get('UF')) ?? reader.resolve(spec.get('F'))) : null;
  const label = own instanceof PdfString ? own.text : key;
  // Only the file's own name: a path a sender's computer put in it says nothing to the user.
  const base = cleanText(label).split(/[\\/]/).pop() ?? '';
  return base.trim() || 'a file without a name';
}

function embeddedStream(reader: PdfFile['reader'], spec: PdfValue | undefined): PdfStream | null {
  if (!isDict(spec)) return null;
  const ef: PdfDict | null = reader.getDict(spec, 'EF');
  const stream = reader.resolve(ef?.get('UF')) ?? reader.resolve(ef?.get('F'));
  return stream instanceof PdfStream ? stream : null;
}

const TAKEN_KINDS = new Set([
  'pdf',
  'jpeg',
  'png',
  'tiff',
  'picture',
  'docx',
  'email',
  'outlook-email',
  'chat-export',
  'archive',
]);

/** Why an attached file of this kind is not taken out, or null when bundles can hold it. */
export function notTakenBecause(bytes: Uint8Array, name: string): string | null {
  const type = sniffFileType(bytes);
  if (TAKEN_KINDS.has(type.kind)) return null;
  if (type.kind === 'password-protected')
    return 'is protected with a password, so it cannot be opened (ask whoever sent it for a copy without one)';
  // Mail programs attach their footers as text files ("ATT00001.txt"): such a file is named, not taken.
  if (type.kind === 'text' && textFileNamed(name).as === 'text')
    return 'is a plain text file, not taken out (add it on its own if it is evidence)';
  if (type.kind === 'text' && textFileNamed(name).as === 'spreadsheet')
    return 'is a spreadsheet saved as text (CSV), which bundles cannot hold';
  // An email's or archive's page is more often the email itself, or one of a saved site's, than evidence.
  if (type.kind === 'web-page' || type.kind === 'web-archive')
    return 'is a web page (HTML), not taken out (add it on its own if it is evidence)';
  const description =
    type.kind === 'other' ? type.description : type.kind === 'text' ? 'a plain text file' : 'a kind of file';
  return `is ${description}, which bundles cannot hold`;
}

/**
 * The files attached to `pdf`. With `take`, the ones bundles can hold are taken out (at most MAX_TAKEN,
 * each no bigger than `fileBytes`, three times that together); each other one says why it was left.
 */
export function attachedFiles(
  pdf: Uint8Array,
  take: boolean,
  fileBytes: number = LIMITS.importBytes,
): AttachedFiles {
  const result: AttachedFiles = { files: [], more: 0, portfolio: false };
  let file: PdfFile;
  try {
    file = PdfFile.open({ bytes: pdf });
  } catch {
    return result; // What our reader cannot open, the import's trial has dealt with.
  }
  try {
    const { reader } = file;
    result.portfolio = reader.getDict(reader.catalog, 'Collection') !== null;
    const tree = readNameTree(reader, reader.getDict(reader.catalog, 'Names')?.get('EmbeddedFiles'));
    let taken = 0;
    let takenBytes = 0;
    const specs = new Set<PdfValue>();
    const named: { name: string; spec: PdfValue | undefined }[] = [];
    for (const [key, value] of tree) {
      const spec = reader.resolve(value);
      if (spec !== undefined) specs.add(spec);
      named.push({ name: specName(reader, key, spec), spec });
    }
    // Files attached to a spot on a page (a paperclip note) as well, each once.
    for (const page of file.pages) {
      const annotations = reader.resolve(page.dict.get('Annots'));
      if (!Array.isArray(annotations)) continue;
      for (const value of annotations) {
        const annotation = reader.resolve(value);
        if (!isDict(annotation) || !isName(reader.resolve(annotation.get('Subtype')), 'FileAttachment'))
          continue;
        const spec = reader.resolve(annotation.get('FS'));
        if (!isDict(spec) || specs.has(spec)) continue;
        specs.add(spec);
        named.push({ name: specName(reader, '', spec), spec });
      }
    }
    // In the order a person would number them ("Appendix 2" before "Appendix 10"), for the bundle too.
    named.sort((x, y) => compareNames(x.name, y.name));
    for (const { name, spec } of named) {
      if (result.files.length >= MAX_NAMED) {
        result.more++;
        continue;
      }
      const attached: AttachedFile = { name };
      result.files.push(attached);
      if (!take) continue;
      if (taken >= MAX_TAKEN) {
        attached.leftBecause = `was not taken out: no more than ${MAX_TAKEN} attached files are taken from one file`;
        continue;
      }
      const stream = embeddedStream(reader, spec);
      let bytes: Uint8Array | null = null;
      try {
        if (stream) bytes = reader.streamData(stream, fileBytes, true);
      } catch (error) {
        if (error instanceof StreamTooLargeError) {
          attached.leftBecause = `was not taken out: it is more than the ${formatSize(fileBytes)} a file may be`;
          continue;
        }
      }
      if (!bytes || bytes.length === 0) {
        attached.leftBecause = 'could not be taken out: it is damaged or empty';
        continue;
      }
      const because = notTakenBecause(bytes, name);
      if (because) {
        attached.leftBecause = because;
        continue;
      }
      if (takenBytes + bytes.length > MAX_TAKEN_FILES_OF_BYTES * fileBytes) {
        attached.leftBecause = 'was not taken out: the attached files together are too big';
        continue;
      }
      taken++;
      takenBytes += bytes.length;
      // Its own buffer, so that it can be handed from the worker to the main thread without a copy.
      const whole =
        bytes.buffer instanceof ArrayBuffer &&
        bytes.byteOffset === 0 &&
        bytes.byteLength === bytes.buffer.byteLength;
      attached.bytes = whole ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
    }
  } catch {
    // A damaged tree: what was read so far stands.
  } finally {
    file.close();
  }
  return result;
}

/** “a”, “b” and 3 more: at most five names. */
export function quotedList(names: string[], more: number): string {
  const shown = names.slice(0, 5).map((n) => `“${n}”`);
  const rest = names.length - shown.length + more;
  return `${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** What the user should know of the files attached to a document, or null when it has none. */
export function attachmentsNote(
  found: AttachedFiles,
  taken: boolean,
  /** Where the user can save the files from themselves. */
  savedFrom = 'a PDF reader',
): string | null {
  const { files, more, portfolio } = found;
  const count = files.length + more;
  if (count === 0) return portfolio ? 'It is a PDF portfolio, with no documents in it.' : null;
  const one = count === 1;
  const list = ` (${quotedList(
    files.map((f) => f.name),
    more,
  )})`;
  const has = portfolio
    ? `It is a PDF portfolio: the documents in it are files attached to it${list}, and its own page is only a cover sheet.`
    : `It has ${one ? 'a file' : `${count} files`} attached to it${list}.`;
  if (!taken)
    return (
      `${has} Attached files do not go into bundles: if ${one ? 'it is' : 'they are'} evidence, save ` +
      `${one ? 'it' : 'each one'} from ${savedFrom} and add ${one ? 'it' : 'them'}.`
    );
  const added = files.filter((f) => f.bytes);
  const left = files.filter((f) => f.leftBecause);
  const parts = [has];
  if (added.length)
    parts.push(
      added.length === count
        ? `Attached files do not go into bundles, so ${one ? 'it was' : 'each was'} taken out and added as a document of its own, after it.`
        : `Attached files do not go into bundles, so ${quotedList(
            added.map((f) => f.name),
            0,
          )} ${added.length === 1 ? 'was taken out and added as a document of its own' : 'were taken out and added as documents of their own'}, after it.`,
    );
  for (const f of left.slice(0, 5)) parts.push(`“${f.name}” ${f.leftBecause}.`);
  const unlisted = Math.max(0, left.length - 5) + more;
  if (unlisted) parts.push(`${unlisted} more ${unlisted === 1 ? 'was' : 'were'} not added.`);
  if (left.length || more) parts.push(`Save any of these that is evidence from ${savedFrom}, and add it.`);
  return parts.join(' ');
}
