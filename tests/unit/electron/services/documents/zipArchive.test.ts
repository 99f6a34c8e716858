import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  MAX_ZIP_ENTRIES,
  ZipDamaged,
  zipEntries,
  zipEntryData,
} from '../../../../../electron/services/documents/zipArchive';
import { zipOf } from '../../../../helpers/hostile';

const deflated = (data: Buffer, size = data.length) => ({ body: deflateRawSync(data), size, crc: 0 });

describe('zip archives, read without trusting them', () => {
  it('lists the files (not the folders) and gives each one’s bytes, stored or deflated', () => {
    const chat = Buffer.from('02/11/2026, 09:14 - Mum: Zoë’s report is attached\n'.repeat(50));
    const zip = zipOf([
      { name: 'Media/', data: new Uint8Array() },
      { name: 'Media/IMG-20261102-WA0001.jpg', data: Buffer.from('not really a photo') },
      { name: 'WhatsApp Chat with Zoë.txt', deflated: deflated(chat) },
    ]);
    const entries = zipEntries(zip).entries;
    expect(entries.map((e) => [e.path, e.method, e.size])).toEqual([
      ['Media/IMG-20261102-WA0001.jpg', 0, 18],
      ['WhatsApp Chat with Zoë.txt', 8, chat.length],
    ]);
    expect(Buffer.from((zipEntryData(zip, entries[1], 1e6) as { bytes: Uint8Array }).bytes)).toEqual(chat);
    expect(Buffer.from((zipEntryData(zip, entries[0], 1e6) as { bytes: Uint8Array }).bytes).toString()).toBe(
      'not really a photo',
    );
  });

  it('never unpacks more than the directory says: a file that would unpack to far more is damaged', () => {
    // 16 MB of zeros in 16 kB, listed as 100 bytes.
    const bomb = zipOf([{ name: 'x.jpg', deflated: deflated(Buffer.alloc(16 * 1024 * 1024), 100) }]);
    const [entry] = zipEntries(bomb).entries;
    expect(zipEntryData(bomb, entry, 1e9)).toEqual({ because: 'is damaged in the archive' });
    // Listed at its real size, it is more than the caller allows, and is not unpacked at all.
    const honest = zipOf([{ name: 'x.jpg', deflated: deflated(Buffer.alloc(16 * 1024 * 1024)) }]);
    expect(zipEntryData(honest, zipEntries(honest).entries[0], 1024 * 1024)).toEqual({
      because: 'is too large to take out',
    });
    // Less than it says is damaged too.
    const short = zipOf([{ name: 'x.txt', deflated: deflated(Buffer.from('abc'), 10) }]);
    expect(zipEntryData(short, zipEntries(short).entries[0], 100)).toEqual({
      because: 'is damaged in the archive',
    });
  });

  it('says when a file is encrypted, packed another way, or cut short', () => {
    const zip = Buffer.from(zipOf([{ name: 'a.txt', data: Buffer.from('hello') }]));
    const directory = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(directory + 8) | 1, directory + 8);
    expect(zipEntryData(encrypted, zipEntries(encrypted).entries[0], 100)).toEqual({
      because: 'is encrypted (the archive has a password)',
    });
    const bzip2 = Buffer.from(zip);
    bzip2.writeUInt16LE(12, directory + 10);
    expect(zipEntryData(bzip2, zipEntries(bzip2).entries[0], 100)).toEqual({
      because: 'is packed in a way this app does not read',
    });
    const movedAway = Buffer.from(zip);
    movedAway.writeUInt32LE(9999, directory + 42);
    expect(zipEntryData(movedAway, zipEntries(movedAway).entries[0], 100)).toEqual({
      because: 'is damaged in the archive',
    });
  });

  it('reads at most MAX_ZIP_ENTRIES files, and says how many more the archive lists', () => {
    const many = zipOf(
      Array.from({ length: MAX_ZIP_ENTRIES + 5 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') })),
    );
    const { entries, unread } = zipEntries(many);
    expect([entries.length, unread]).toEqual([MAX_ZIP_ENTRIES, 5]);
  });

  it('refuses an archive with no directory, or a directory that runs past its end', () => {
    const zip = Buffer.from(zipOf([{ name: 'a.txt', data: Buffer.from('hello') }]));
    expect(() => zipEntries(zip.subarray(0, zip.length - 22))).toThrow(ZipDamaged);
    const wrongSize = Buffer.from(zip);
    wrongSize.writeUInt32LE(1_000_000, zip.length - 22 + 12);
    expect(() => zipEntries(wrongSize)).toThrow(ZipDamaged);
    expect(() => zipEntries(new Uint8Array(10))).toThrow(ZipDamaged);
  });
});
