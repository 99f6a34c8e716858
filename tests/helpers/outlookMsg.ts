/**
 * A small Outlook item (.msg) written with msgreader's own compound-file writer, for what no real file at hand
 * shows: a signed email as Outlook keeps it ([MS-OXOSMIME]: the message's text, and one attachment holding the
 * whole signed MIME message). Strings are stored as Unicode (PT_UNICODE) streams, as Outlook 2003 on writes them.
 */
import { burn } from '@kenjiuno/msgreader/lib/Burner';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader';

interface Attachment {
  longFileName: string;
  mimeTag: string;
  data: Uint8Array;
  /** Shown inside the message, as Outlook keeps a picture pasted into it or a signature's logo. */
  inMessage?: { contentId: string };
}

const unicode = (text: string) => Buffer.from(text, 'utf16le');

/** An email: its message class, subject, plain text and attachments. */
export function outlookItem(item: {
  messageClass: string;
  subject: string;
  body: string;
  attachments: Attachment[];
}): Uint8Array {
  type Entry = Parameters<typeof burn>[0][number];
  const entries: Entry[] = [{ name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [] }];
  const add = (parent: Entry, entry: Entry) => {
    parent.children!.push(entries.length);
    entries.push(entry);
    return entry;
  };
  // The writer reads each stream's bytes from the start of their buffer: a copy of their own.
  const stream = (name: string, bytes: Uint8Array): Entry => {
    const data = Array.from(bytes);
    return { name, type: TypeEnum.DOCUMENT, binaryProvider: () => data, length: data.length };
  };
  const root = entries[0];
  add(root, stream('__properties_version1.0', new Uint8Array(32)));
  add(root, stream('__substg1.0_001A001F', unicode(item.messageClass)));
  add(root, stream('__substg1.0_0037001F', unicode(item.subject)));
  add(root, stream('__substg1.0_1000001F', unicode(item.body)));
  item.attachments.forEach((attachment, i) => {
    const folder = add(root, {
      name: `__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`,
      type: TypeEnum.DIRECTORY,
      length: 0,
      children: [],
    });
    // Fixed properties after an 8-byte header, 16 bytes each: type, id, flags, value. PidTagAttachmentHidden
    // (0x7FFE, a boolean) for a picture shown inside the message.
    const properties = new Uint8Array(attachment.inMessage ? 24 : 8);
    if (attachment.inMessage) properties.set([0x0b, 0x00, 0xfe, 0x7f, 6, 0, 0, 0, 1], 8);
    add(folder, stream('__properties_version1.0', properties));
    if (attachment.inMessage)
      add(folder, stream('__substg1.0_3712001F', unicode(attachment.inMessage.contentId)));
    add(folder, stream('__substg1.0_37010102', attachment.data));
    add(folder, stream('__substg1.0_370E001F', unicode(attachment.mimeTag)));
    add(folder, stream('__substg1.0_3707001F', unicode(attachment.longFileName)));
  });
  return burn(entries);
}
