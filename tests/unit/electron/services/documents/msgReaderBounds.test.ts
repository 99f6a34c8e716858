/**
 * A real Outlook item (tests/fixtures/outlook) damaged where msgreader's compound-file reader follows a
 * chain or believes a count: each damaged copy is refused as not readable (or read, where the damage is in
 * what it did not need), at once. Without the bounds
 * (electron/services/documents/msgReaderBounds.ts) every one of them runs without end, or until memory
 * runs out, or asks for 2 GB for one stream.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutlookReadError, readOutlookMsg } from '../../../../../electron/services/documents/outlookMsg';
import { REPO_ROOT } from '../../../../helpers/repo';

const item = () =>
  Buffer.from(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'outlook', 'attachmentFiles.msg')));

/** Where things are in a compound file ([MS-CFB]) whose table of sectors fits in the header's list. */
function layout(file: Buffer) {
  const sector = 1 << file.readUInt16LE(30);
  const at = (n: number) => (n + 1) * sector;
  const fatSectors = Array.from({ length: 109 }, (_, i) => file.readInt32LE(76 + 4 * i)).filter(
    (s) => s >= 0,
  );
  const perSector = sector / 4;
  /** The offset of sector `n`'s entry in the table of which sector follows which. */
  const fatEntry = (n: number) => at(fatSectors[Math.floor(n / perSector)]) + 4 * (n % perSector);
  const chain = (start: number) => {
    const sectors: number[] = [];
    for (let s = start; s >= 0 && sectors.length < 10_000; s = file.readInt32LE(fatEntry(s))) sectors.push(s);
    return sectors;
  };
  const directory = chain(file.readInt32LE(48));
  const perDirectorySector = sector / 128;
  /** The offset of directory entry `i`. */
  const entry = (i: number) =>
    at(directory[Math.floor(i / perDirectorySector)]) + 128 * (i % perDirectorySector);
  const miniFat = chain(file.readInt32LE(60));
  const miniFatEntry = (n: number) => at(miniFat[Math.floor(n / perSector)]) + 4 * (n % perSector);
  return {
    sector,
    at,
    fatEntry,
    entry,
    miniFatEntry,
    directoryStart: directory[0],
    miniFatStart: miniFat[0],
  };
}

/** The first entry that is a stream small enough to live in the mini stream. */
function smallStream(file: Buffer, entry: (i: number) => number): number {
  for (let i = 1; ; i++) {
    const type = file[entry(i) + 66];
    const size = file.readUInt32LE(entry(i) + 120);
    if (type === 2 && size > 0 && size < 4096) return i;
  }
}

describe('an Outlook item damaged where its reader follows a chain or believes a count', () => {
  it('reads the item as it is', () => {
    expect(readOutlookMsg(item()).attachments.length).toBeGreaterThan(0);
  });

  const damages: Array<[string, (file: Buffer) => void]> = [
    [
      "the directory's chain of sectors leads back to its first",
      (file) => {
        const { fatEntry, directoryStart } = layout(file);
        file.writeInt32LE(directoryStart, fatEntry(directoryStart));
      },
    ],
    [
      "the mini stream's chain of sectors leads back to its first",
      (file) => {
        const { fatEntry, entry } = layout(file);
        const rootStart = file.readInt32LE(entry(0) + 116);
        file.writeInt32LE(rootStart, fatEntry(rootStart));
      },
    ],
    [
      "a small stream's chain leads back to itself",
      (file) => {
        const { entry, miniFatEntry } = layout(file);
        const start = file.readInt32LE(entry(smallStream(file, entry)) + 116);
        file.writeInt32LE(start, miniFatEntry(start));
      },
    ],
    [
      'the mini table says it has two billion sectors, and its chain leads back on itself',
      (file) => {
        const { fatEntry, miniFatStart } = layout(file);
        file.writeInt32LE(0x7fffffff, 64);
        file.writeInt32LE(miniFatStart, fatEntry(miniFatStart));
      },
    ],
    [
      'a stream says it is 2 GB long',
      (file) => {
        const { entry } = layout(file);
        file.writeUInt32LE(0x7ffffff0, entry(smallStream(file, entry)) + 120);
      },
    ],
    [
      'a directory entry is its own left sibling',
      (file) => {
        const { entry } = layout(file);
        const i = smallStream(file, entry);
        file.writeInt32LE(i, entry(i) + 68);
      },
    ],
  ];

  it.each(damages)('is refused when %s', (_what, damage) => {
    const file = item();
    damage(file);
    expect(() => readOutlookMsg(new Uint8Array(file))).toThrow(OutlookReadError);
  });

  it('reads the item when the header says its sector table goes on in two billion more sectors, each naming itself next', () => {
    // Its one sector of the table is all it needs: the rest is not looked for past what the file holds.
    const file = item();
    const { sector, at } = layout(file);
    const last = file.length / sector - 2;
    file.writeInt32LE(last, 68);
    file.writeInt32LE(0x7fffffff, 72);
    file.writeInt32LE(last, at(last) + sector - 4);
    expect(readOutlookMsg(new Uint8Array(file)).attachments.length).toBeGreaterThan(0);
  });
});
