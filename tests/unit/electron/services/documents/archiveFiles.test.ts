/** A zip archive of files (electron/services/documents/archiveFiles.ts): the files in it, not the archive. */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  archiveNote,
  MAX_FROM_ARCHIVE,
  readArchiveFiles,
} from '../../../../../electron/services/documents/archiveFiles';
import { zipOf } from '../../../../helpers/hostile';
import { makePng } from '../../../../helpers/images';

const PDF = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n`);
const deflated = (data: Buffer) => ({ body: deflateRawSync(data), size: data.length, crc: 0 });

describe('the files in a zip archive', () => {
  it('takes out those bundles can hold, in name order, leaving what the computer added unnamed', () => {
    const found = readArchiveFiles(
      zipOf([
        { name: 'Reports/EP report 10.pdf', data: PDF('ten') },
        { name: 'Reports/EP report 9.pdf', data: PDF('nine') },
        { name: 'Reports/photo.png', data: makePng(2, 2) },
        { name: 'Reports/costs.xlsx', data: zipOf([{ name: 'xl/workbook.xml', data: Buffer.from('<w/>') }]) },
        { name: 'Reports/more.zip', data: zipOf([{ name: 'a.pdf', deflated: deflated(PDF('a')) }]) },
        // A Mac's and Windows' own files.
        { name: 'Reports/.DS_Store', data: Buffer.from('x') },
        { name: '__MACOSX/Reports/._EP report 9.pdf', data: Buffer.from('\x00\x05\x16\x07') },
        { name: 'Reports/Thumbs.db', data: Buffer.from('x') },
      ]),
    );
    expect(found.taken.map((f) => f.name)).toEqual(['EP report 9.pdf', 'EP report 10.pdf', 'photo.png']);
    expect(found.left).toEqual([
      { name: 'costs.xlsx', because: 'is an Excel spreadsheet, which bundles cannot hold' },
      { name: 'more.zip', because: 'is a zip archive inside it: open it, and add the files in it' },
    ]);
    expect(archiveNote(found)).toBe(
      'It is a zip archive: a bundle holds documents, not archives, so the files in it are added instead. ' +
        '“EP report 9.pdf”, “EP report 10.pdf”, “photo.png” were added as documents of their own, after it. ' +
        '“costs.xlsx” is an Excel spreadsheet, which bundles cannot hold. ' +
        '“more.zip” is a zip archive inside it: open it, and add the files in it. ' +
        'Open the archive to find any of these that is evidence, and add it.',
    );
  });

  it('names files of one name in different folders with as many of their folders as tell them apart', () => {
    const found = readArchiveFiles(
      zipOf([
        { name: 'Evidence/2025/Annual review.pdf', data: PDF('2025') },
        { name: 'Evidence/2024/Annual review.pdf', data: PDF('2024') },
        {
          name: 'Evidence/2024/notes.xlsx',
          data: zipOf([{ name: 'xl/workbook.xml', data: Buffer.from('<w/>') }]),
        },
        { name: 'Old/School/photo.png', data: makePng(2, 2) },
        { name: 'New/School/PHOTO.png', data: makePng(3, 3) },
        { name: 'photo.png', data: makePng(4, 4) },
        { name: 'Evidence/2024/EP report.pdf', data: PDF('ep') },
      ]),
    );
    // Before, two documents titled "Annual review" and three "photo", with nothing to tell which was which.
    expect(found.taken.map((f) => f.name)).toEqual([
      'Annual review (2024).pdf',
      'Annual review (2025).pdf',
      'EP report.pdf',
      'PHOTO (New/School).png',
      'photo (Old/School).png',
      'photo.png',
    ]);
    expect(found.left.map((f) => f.name)).toEqual(['notes.xlsx']);
  });

  it("takes a web page out as a document, and leaves the pictures it shows in it (Google Docs' zipped web page)", () => {
    const page =
      '<html><head><meta charset="utf-8"><title>EHC plan draft</title></head><body><p>Section F</p>' +
      '<img src="images/image1.png"><img src="./images/image%202.png"><img src="https://example.org/x.png"></body></html>';
    const found = readArchiveFiles(
      zipOf([
        { name: 'EHCplandraft.html', data: Buffer.from(page) },
        { name: 'images/image1.png', data: makePng(2, 2) },
        { name: 'images/image 2.png', data: makePng(3, 3) },
        { name: 'images/unused.png', data: makePng(4, 4) },
      ]),
    );
    // Before, the page was left ("not taken out") and each picture became a document of its own.
    expect(found.taken.map((f) => f.name)).toEqual(['EHCplandraft.html', 'unused.png']);
    expect(found.left.map((f) => [f.name, f.because])).toEqual([
      ['image1.png', 'is a picture in the web page “EHCplandraft.html”, not a document of its own'],
      ['image 2.png', 'is a picture in the web page “EHCplandraft.html”, not a document of its own'],
    ]);
    // They are part of the page: the note does not send the reader to the archive for them.
    expect(archiveNote(found)).not.toMatch(/Open the archive/);
  });

  it(`takes at most ${MAX_FROM_ARCHIVE} files out, naming the rest`, () => {
    const files = Array.from({ length: MAX_FROM_ARCHIVE + 2 }, (_, i) => ({
      name: `page ${i + 1}.pdf`,
      data: PDF(String(i)),
    }));
    const found = readArchiveFiles(zipOf(files));
    expect(found.taken).toHaveLength(MAX_FROM_ARCHIVE);
    expect(found.left).toEqual([
      {
        name: `page ${MAX_FROM_ARCHIVE + 1}.pdf`,
        because: `was not taken out: only the first ${MAX_FROM_ARCHIVE} files are`,
      },
      {
        name: `page ${MAX_FROM_ARCHIVE + 2}.pdf`,
        because: `was not taken out: only the first ${MAX_FROM_ARCHIVE} files are`,
      },
    ]);
  });

  it('says when none of its files could be added', () => {
    const found = readArchiveFiles(
      zipOf([{ name: 'song.mp3', data: Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00') }]),
    );
    expect(archiveNote(found)).toMatch(
      /^It is a zip archive: .* None of its files could be added\. “song\.mp3” is a sound recording, which bundles cannot hold\./,
    );
  });
});
