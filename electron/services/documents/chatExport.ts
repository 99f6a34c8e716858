/**
 * A WhatsApp chat exported "with media": a zip archive of the chat as a text file (`_chat.txt` from an
 * iPhone, "WhatsApp Chat with Sam.txt" from Android) and the photos, voice messages and videos sent in it.
 * The chat is the document (laid out as a text file is); the photos and other files bundles can hold are
 * taken out and added after it, as a saved email's attachments are; the rest are named in its note.
 */
import { formatSize, LIMITS } from '../../../shared/limits';
import { MAX_TAKEN, MAX_TAKEN_FILES_OF_BYTES, notTakenBecause, quotedList } from './attachments';
import { MAX_ZIP_ENTRIES, zipEntries, zipEntryData, zipEntryHead, type ZipEntry } from './zipArchive';
import { compareNames } from '../../../shared/text/nameOrder';

export interface ChatExport {
  /** The chat's text file as it is in the archive. */
  chat: { name: string; bytes: Uint8Array };
  taken: { name: string; bytes: Uint8Array<ArrayBuffer> }[];
  left: { name: string; because: string }[];
  /** Files the archive lists beyond those read (MAX_ZIP_ENTRIES). */
  unread: number;
}

const baseName = (path: string) => path.split('/').pop() ?? path;

/** The chat's own text file: `_chat.txt`, or a text file named for WhatsApp (in any language). */
export function isChatText(path: string): boolean {
  const name = baseName(path);
  return name === '_chat.txt' || /whatsapp.*\.txt$/i.test(name);
}

/** The chat and its files; null when the archive has no chat in it. Throws ZipDamaged. */
export function readChatExport(bytes: Uint8Array): ChatExport | null {
  const { entries, unread } = zipEntries(bytes);
  const chatEntry = entries.find((e) => isChatText(e.path));
  if (!chatEntry) return null;
  const name = baseName(chatEntry.path);
  if (chatEntry.size > LIMITS.textFileBytes) throw new ChatTooLong(name, chatEntry.size);
  const chat = zipEntryData(bytes, chatEntry, LIMITS.textFileBytes);
  if ('because' in chat) throw new ChatUnreadable(name, chat.because);
  const result: ChatExport = { chat: { name, bytes: chat.bytes }, taken: [], left: [], unread };
  let takenBytes = 0;
  const files = entries
    .filter((e) => e !== chatEntry && !baseName(e.path).startsWith('.'))
    .sort((a, b) => compareNames(baseName(a.path), baseName(b.path)));
  for (const entry of files) {
    const because = takeOut(bytes, entry, result, takenBytes);
    if (typeof because === 'number') takenBytes += because;
    else result.left.push({ name: baseName(entry.path), because });
  }
  return result;
}

/** The chat's own file cannot be read ("is encrypted…"): the archive is refused, naming it. */
export class ChatUnreadable extends Error {
  constructor(
    readonly chatName: string,
    readonly because: string,
  ) {
    super(`${chatName} ${because}`);
  }
}

/** The chat is longer than a text file may be (LIMITS.textFileBytes). */
export class ChatTooLong extends Error {
  constructor(
    readonly chatName: string,
    readonly size: number,
  ) {
    super(`${chatName} is ${size} bytes`);
  }
}

/** Takes one file out (returning its size), or says why it was left. */
function takeOut(bytes: Uint8Array, entry: ZipEntry, into: ChatExport, takenBytes: number): number | string {
  if (into.taken.length >= MAX_TAKEN) return `was not taken out: only the first ${MAX_TAKEN} files are`;
  if (takenBytes + entry.size > MAX_TAKEN_FILES_OF_BYTES * LIMITS.importBytes)
    return `was not taken out: the files taken out came to ${formatSize(takenBytes)} already`;
  const name = baseName(entry.path);
  // What it is, from its first bytes: only a file bundles can hold is unpacked whole. (Not a zip, such as a
  // Word file, which is told by the names throughout it.)
  const head = zipEntryHead(bytes, entry);
  const zip = head?.[0] === 0x50 && head[1] === 0x4b;
  const kindOfFile = head && !zip && notTakenBecause(head, name);
  if (kindOfFile) return kindOfFile;
  const data = zipEntryData(bytes, entry, LIMITS.importBytes);
  if ('because' in data) return data.because;
  const because = notTakenBecause(data.bytes, name);
  if (because) return because;
  into.taken.push({ name, bytes: data.bytes });
  return data.bytes.length;
}

/** What the user should know of a chat's files, for the chat document's notes. */
export function chatExportNote(found: ChatExport): string {
  const parts = ['It is a WhatsApp chat exported with its media: the chat, line for line, is the document.'];
  const { taken, left } = found;
  if (taken.length)
    parts.push(
      `${quotedList(
        taken.map((f) => f.name),
        0,
      )} ${taken.length === 1 ? 'was added as a document of its own' : 'were added as documents of their own'}, after it.`,
    );
  for (const f of left.slice(0, 5)) parts.push(`“${f.name}” ${f.because}.`);
  if (left.length > 5) parts.push(`${left.length - 5} more ${left.length === 6 ? 'was' : 'were'} not added.`);
  if (found.unread)
    parts.push(
      `The archive lists ${found.unread} more files than the ${MAX_ZIP_ENTRIES.toLocaleString('en-GB')} that are read; they were not added.`,
    );
  if (left.length || found.unread)
    parts.push('Open the archive to find any of these that is evidence, and add it.');
  return parts.join(' ');
}
