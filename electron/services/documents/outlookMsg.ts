/**
 * Emails saved from Outlook (`.msg`: what dragging a message out of Outlook onto the desktop makes, and how
 * councils' staff often keep correspondence). Read with @kenjiuno/msgreader (JavaScript) into the same
 * `Email` a saved `.eml` becomes (email.ts), so it is laid out and its attached files taken out the same way.
 * Runs in the untrusted-file worker, under its time limit and memory cap.
 */
import MsgReaderExport from '@kenjiuno/msgreader';
import './msgReaderBounds';
import {
  addAttachedFile,
  attachedEmailName,
  headerLines,
  htmlToText,
  isLogoSized,
  readEmail,
  sealedMessageBecause,
  writeEmail,
  type Email,
} from './email';
import { decompressRtf, RtfReadError, rtfContent } from './rtf';
import { sealedContentOf } from './cms';

// A CommonJS module with an ES-style default export: Node's ES modules (tsx) see its exports object,
// the bundles (esbuild) the class.
const MsgReader =
  (MsgReaderExport as unknown as { default?: typeof MsgReaderExport }).default ?? MsgReaderExport;
type MsgReader = InstanceType<typeof MsgReader>;

/** The file is an Outlook file with no message that can be read. */
export class OutlookReadError extends Error {}

type Fields = ReturnType<MsgReader['getFileData']>;
type Recipient = NonNullable<Fields['recipients']>[number];

/** "Name <address>" (or whichever of the two there is), preferring the SMTP address to Exchange's own. */
function person(name: string | undefined, address: string | undefined): string | undefined {
  const shown = address && !address.startsWith('/') ? address : undefined;
  if (name && shown && name !== shown) return `${name} <${shown}>`;
  return name || shown;
}

function recipients(all: Recipient[] | undefined, type: 'to' | 'cc'): string | undefined {
  const list = (all ?? [])
    .filter((r) => r.recipType === type)
    .map((r) => person(r.name, r.smtpAddress ?? r.email))
    .filter((r): r is string => !!r);
  return list.length ? list.join(', ') : undefined;
}

/**
 * An RFC 5322 date for `utc` as a clock in England showed it (GMT or British Summer Time): Outlook keeps
 * the time a message was sent in UTC only, and the document's date is the day the sender saw.
 */
export function englandDate(utc: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/London',
      weekday: 'short',
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    })
      .formatToParts(utc)
      .map((p) => [p.type, p.value]),
  );
  const offset = /GMT([+-])(\d+)(?::(\d+))?/.exec(parts.timeZoneName ?? '');
  const zone = offset
    ? `${offset[1]}${offset[2].padStart(2, '0')}${(offset[3] ?? '00').padStart(2, '0')}`
    : '+0000';
  return `${parts.weekday}, ${parts.day} ${parts.month} ${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${zone}`;
}

/** Emails inside emails taken out: an email attached to one, and one attached to that, as mail programs do. */
const MAX_DEPTH = 2;

/** Whether any of the item's text has bytes past ASCII as the reader gave them (Latin-1 for 8-bit text). */
function hasEightBitText(fields: Fields): boolean {
  const texts = [
    fields.subject,
    fields.body,
    fields.senderName,
    ...(fields.recipients ?? []).map((r) => r.name),
    ...(fields.attachments ?? []).map((a) => a.fileName ?? a.name),
  ];
  return texts.some((text) => typeof text === 'string' && /[\u0080-\u00ff]/.test(text));
}

/**
 * The Windows code page (as the reader names them) that 8-bit text was written in, from the code page the
 * item names for itself or for the internet (ISO-2022-JP means a Japanese Windows, and so on); Windows-1252,
 * England's, when it names none that tells.
 */
export function windowsCodepage(codepage: number | undefined): string {
  if (codepage === undefined) return '1252';
  if ([874, 932, 936, 949, 950].includes(codepage) || (codepage >= 1250 && codepage <= 1258))
    return String(codepage);
  const byInternetCodepage: Record<number, number> = {
    50220: 932,
    50221: 932,
    50222: 932,
    51932: 932,
    20932: 932,
    20936: 936,
    52936: 936,
    54936: 936,
    51949: 949,
    50225: 949,
    28592: 1250,
    28595: 1251,
    20866: 1251,
    21866: 1251,
    28597: 1253,
    28599: 1254,
    28598: 1255,
    38598: 1255,
    28596: 1256,
    28594: 1257,
    28603: 1257,
    28601: 874,
  };
  return String(byInternetCodepage[codepage] ?? 1252);
}

/** Reads an Outlook `.msg`. Throws OutlookReadError when it holds no message. */
export function readOutlookMsg(bytes: Uint8Array): Email {
  let reader: MsgReader;
  let fields: Fields;
  try {
    reader = new MsgReader(bytes.slice().buffer);
    fields = reader.getFileData();
    // An item saved in Outlook's older format keeps its text in the computer's code page, which the reader
    // takes for Latin-1 unless told: Windows-1252's curly quotes, dashes and euro sign became control
    // characters, and every other script nonsense. Read again in the code page the item names.
    if (hasEightBitText(fields)) {
      reader = new MsgReader(bytes.slice().buffer);
      reader.parserConfig = {
        ansiEncoding: windowsCodepage(fields.messageCodepage ?? fields.internetCodepage),
      };
      fields = reader.getFileData();
    }
  } catch {
    throw new OutlookReadError('not an Outlook file that can be read');
  }
  if (fields.error || fields.dataType !== 'msg') throw new OutlookReadError(fields.error ?? 'not a message');
  const email = emailOf(reader, fields, 0);
  if (!email.text && email.attachments.length === 0 && !email.headers.get('subject'))
    throw new OutlookReadError('the email has no message');
  return email;
}

/**
 * The message's text: its plain-text body, else its HTML body as text, else what its formatted body (RTF,
 * which Outlook keeps for every message, and alone for some) says.
 */
export function messageText(fields: Pick<Fields, 'body' | 'bodyHtml' | 'html' | 'compressedRtf'>): string {
  const html = fields.bodyHtml ?? (fields.html ? Buffer.from(fields.html).toString('utf8') : undefined);
  let text = fields.body?.trim() ? fields.body : html ? htmlToText(html, { linkAddresses: true }) : '';
  if (!text.trim() && fields.compressedRtf) {
    try {
      const rtf = rtfContent(decompressRtf(fields.compressedRtf));
      text = rtf.html ? htmlToText(rtf.text, { linkAddresses: true }) : rtf.text;
    } catch (error) {
      if (!(error instanceof RtfReadError)) throw error;
    }
  }
  return text.replace(/\r\n/g, '\n').trim();
}

/** The attached files (and, for an item without, the text) of the signed message `content` holds. */
function takeOutOfSignedMessage(email: Email, name: string, content: Uint8Array): void {
  let signed: Email;
  try {
    signed = readEmail(content);
  } catch {
    email.leftOut.push({ name, because: 'holds the signed message, and it is damaged' });
    return;
  }
  for (const file of signed.attachments) addAttachedFile(email, file.name, file.bytes);
  email.leftOut.push(...signed.leftOut);
  if (!email.text) email.text = signed.text;
}

function emailOf(reader: MsgReader, fields: Fields, depth: number): Email {
  // A message that came through the internet keeps the headers it came with: its own Date among them.
  const transport = fields.headers ? headerLines(fields.headers) : new Map<string, string>();
  const headers = new Map<string, string>();
  const set = (key: string, value: string | undefined) => {
    if (value?.trim()) headers.set(key, value.trim());
  };
  set(
    'from',
    person(fields.senderName, fields.senderSmtpAddress ?? fields.senderEmail) ?? transport.get('from'),
  );
  set('to', recipients(fields.recipients, 'to') ?? transport.get('to'));
  set('cc', recipients(fields.recipients, 'cc') ?? transport.get('cc'));
  const sent = fields.clientSubmitTime ?? fields.messageDeliveryTime ?? fields.creationTime;
  const sentDate = sent ? new Date(sent) : null;
  set(
    'date',
    transport.get('date') ??
      (sentDate && !Number.isNaN(sentDate.getTime()) ? englandDate(sentDate) : undefined),
  );
  set('subject', fields.subject);

  const email: Email = { headers, text: '', attachments: [], leftOut: [] };
  email.text = messageText(fields);

  for (const attachment of fields.attachments ?? []) {
    const name =
      (attachment.fileName || attachment.name || 'attachment').split(/[\\/]/).pop() || 'attachment';
    if (attachment.innerMsgContent) {
      const inner = attachment.innerMsgContentFields;
      if (inner && depth < MAX_DEPTH) {
        // Taken out as a saved email, which import reads as any other: its message, then its own files.
        addAttachedFile(
          email,
          attachedEmailName(inner.subject),
          writeEmail(emailOf(reader, inner, depth + 1)),
        );
      } else {
        email.leftOut.push({
          name: attachment.name || 'an email',
          because:
            'is an email attached to an email attached to it, which was not taken out: open it in Outlook and print it to PDF',
        });
      }
      continue;
    }
    let content: Uint8Array;
    try {
      content = reader.getAttachment(attachment).content;
    } catch {
      email.leftOut.push({ name, because: 'is damaged' });
      continue;
    }
    // A picture shown inside the message is part of it when logo-sized (a signature's); a bigger one (a
    // screenshot pasted into the message) is taken out, as from a saved .eml: the pages show only the text.
    if (attachment.attachmentHidden && attachment.pidContentId && isLogoSized(content)) continue;
    const mimeTag = attachment.attachMimeTag?.trim().toLowerCase();
    // A signed email as Outlook keeps it: its text, and one attachment holding the whole signed message,
    // whose attached files are nowhere else.
    if (mimeTag === 'multipart/signed') takeOutOfSignedMessage(email, name, content);
    else if (mimeTag === 'application/pkcs7-mime' || mimeTag === 'application/x-pkcs7-mime') {
      // Signed with the message inside the signature (cms.ts), or encrypted.
      const sealed = sealedContentOf(content);
      if (sealed?.kind === 'signed') takeOutOfSignedMessage(email, name, sealed.content);
      else
        email.leftOut.push({
          name,
          because: sealedMessageBecause(sealed?.kind === 'encrypted' ? 'encrypted' : 'either'),
        });
    } else addAttachedFile(email, name, content);
  }
  return email;
}
