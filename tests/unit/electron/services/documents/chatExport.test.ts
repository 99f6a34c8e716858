import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_TAKEN } from '../../../../../electron/services/documents/attachments';
import {
  chatExportNote,
  ChatTooLong,
  isChatText,
  readChatExport,
} from '../../../../../electron/services/documents/chatExport';
import { sniffFileType } from '../../../../../electron/services/documents/sniff';
import { LIMITS } from '../../../../../shared/limits';
import { zipOf } from '../../../../helpers/hostile';
import { makeJpeg } from '../../../../helpers/images';

const CHAT = Buffer.from(
  '[02/11/2026, 09:14:05] Mrs Jones: Sam had a hard morning 🙁\n[02/11/2026, 09:15:12] Mum: ‎IMG-20261102-WA0001.jpg (file attached)\n',
);
const VOICE = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60)]);
const VIDEO = Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ftypisom'), Buffer.alloc(60)]);
const deflated = (data: Buffer) => ({ body: deflateRawSync(data), size: data.length, crc: 0 });

describe('WhatsApp chats exported with their media', () => {
  it('are told from other zip archives by the chat’s text file, from an iPhone or from Android', () => {
    expect(isChatText('_chat.txt')).toBe(true);
    expect(isChatText('WhatsApp Chat with Mrs Jones.txt')).toBe(true);
    expect(isChatText('Chat de WhatsApp con Sam.txt')).toBe(true);
    expect(isChatText('notes.txt')).toBe(false);
    expect(sniffFileType(zipOf([{ name: '_chat.txt', data: CHAT }]))).toEqual({ kind: 'chat-export' });
    expect(
      sniffFileType(zipOf([{ name: 'WhatsApp Chat with Mrs Jones.txt', deflated: deflated(CHAT) }])),
    ).toEqual({ kind: 'chat-export' });
    expect(sniffFileType(zipOf([{ name: 'notes.txt', data: CHAT }]))).toEqual({ kind: 'archive' });
  });

  it('give the chat, the photos to add after it, and the files bundles cannot hold with the reason', async () => {
    const photo = Buffer.from(await makeJpeg(40, 30));
    const zip = zipOf([
      { name: '_chat.txt', deflated: deflated(CHAT) },
      { name: '00000003-AUDIO-2026-11-02-09-16-00.opus', data: VOICE },
      { name: '00000002-PHOTO-2026-11-02-09-15-12.jpg', data: photo },
      { name: '00000004-VIDEO-2026-11-02-09-17-00.mp4', deflated: deflated(VIDEO) },
      { name: '.DS_Store', data: Buffer.from('x') },
    ]);
    const found = readChatExport(zip)!;
    expect(Buffer.from(found.chat.bytes)).toEqual(CHAT);
    expect(found.taken.map((f) => [f.name, Buffer.from(f.bytes).equals(photo)])).toEqual([
      ['00000002-PHOTO-2026-11-02-09-15-12.jpg', true],
    ]);
    expect(found.left).toEqual([
      {
        name: '00000003-AUDIO-2026-11-02-09-16-00.opus',
        because: 'is a sound recording, which bundles cannot hold',
      },
      {
        name: '00000004-VIDEO-2026-11-02-09-17-00.mp4',
        because: 'is a video or audio file, which bundles cannot hold',
      },
    ]);
    expect(chatExportNote(found)).toBe(
      'It is a WhatsApp chat exported with its media: the chat, line for line, is the document. “00000002-PHOTO-2026-11-02-09-15-12.jpg” was added as a document of its own, after it. “00000003-AUDIO-2026-11-02-09-16-00.opus” is a sound recording, which bundles cannot hold. “00000004-VIDEO-2026-11-02-09-17-00.mp4” is a video or audio file, which bundles cannot hold. Open the archive to find any of these that is evidence, and add it.',
    );
  });

  it('say when the archive lists more files than are read', () => {
    const found = { chat: { name: '_chat.txt', bytes: new Uint8Array() }, taken: [], left: [], unread: 3 };
    expect(chatExportNote(found)).toBe(
      'It is a WhatsApp chat exported with its media: the chat, line for line, is the document. The archive lists 3 more files than the 10,000 that are read; they were not added. Open the archive to find any of these that is evidence, and add it.',
    );
  });

  it('take out at most the usual number of files, and refuse a chat longer than a text file may be', async () => {
    const photo = await makeJpeg(8, 8);
    const photos = Array.from({ length: MAX_TAKEN + 2 }, (_, i) => ({
      name: `IMG-20261102-WA${String(i + 1).padStart(4, '0')}.jpg`,
      // Each a different file, as each photo of a chat is.
      data: Buffer.concat([photo, Buffer.from([i])]),
    }));
    const found = readChatExport(zipOf([{ name: 'WhatsApp Chat with Sam.txt', data: CHAT }, ...photos]))!;
    expect(found.taken).toHaveLength(MAX_TAKEN);
    expect(found.left.map((f) => f.because)).toEqual([
      `was not taken out: only the first ${MAX_TAKEN} files are`,
      `was not taken out: only the first ${MAX_TAKEN} files are`,
    ]);
    // Numbered as WhatsApp numbers them: WA0002 before WA0010.
    expect(found.taken[1].name).toBe('IMG-20261102-WA0002.jpg');
    const long = Buffer.alloc(LIMITS.textFileBytes + 1, 'a');
    expect(() => readChatExport(zipOf([{ name: '_chat.txt', deflated: deflated(long) }]))).toThrow(
      ChatTooLong,
    );
    expect(readChatExport(zipOf([{ name: 'notes.txt', data: CHAT }]))).toBeNull();
  });
});
