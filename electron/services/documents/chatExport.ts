/**
 * A WhatsApp chat exported "with media": a zip archive of the chat as a text file (`_chat.txt` from an
 * iPhone, "WhatsApp Chat with Sam.txt" from Android) and the photos, voice messages and videos sent in it.
 * The chat is the document (laid out as a text file is); the photos and other files bundles can hold are
 * taken out and added after it, as a saved email's attachments are; the rest are named in its note.
 */
import { LIMITS } from '../../../shared/limits';
import {
  baseName,
  filesInArchive,
  leftInArchiveSentences,
  takeFilesOut,
  takenSentence,
} from './archiveFiles';
import { MAX_TAKEN } from './attachments';
import { zipEntries, zipEntryData } from './zipArchive';

export interface ChatExport {
  /** The chat's text file as it is in the archive. */
  chat: { name: string; bytes: Uint8Array };
  taken: { name: string; bytes: Uint8Array<ArrayBuffer> }[];
  left: { name: string; because: string }[];
  /** Files the archive lists beyond those read (MAX_ZIP_ENTRIES). */
  unread: number;
}

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
  takeFilesOut(bytes, filesInArchive(entries, chatEntry), result, MAX_TAKEN);
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

/** What the user should know of a chat's files, for the chat document's notes. */
export function chatExportNote(found: ChatExport): string {
  const parts = ['It is a WhatsApp chat exported with its media: the chat, line for line, is the document.'];
  if (found.taken.length) parts.push(takenSentence(found.taken));
  parts.push(...leftInArchiveSentences(found));
  return parts.join(' ');
}
