/** What a file is, from its first bytes (electron/services/documents/sniff.ts): files of a few bytes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngLineEndsConverted, sniffFileType } from '../../../../../electron/services/documents/sniff';
import { zipOf } from '../../../../helpers/hostile';
import { makePng } from '../../../../helpers/images';
import { REPO_ROOT } from '../../../../helpers/repo';

describe('sniffFileType', () => {
  // An attached file is copied into memory of its own (email.ts), so its bytes end where its buffer does.
  it('reads a file of a few bytes in memory of its own without failing', () => {
    const starts = [
      [],
      [0x41],
      [0x52, 0x49],
      [0x52, 0x49, 0x46],
      [0x00, 0x00, 0x00],
      [0xff, 0xd8],
      [0x25, 0x50, 0x44],
    ];
    for (const start of starts) {
      const bytes = new Uint8Array(new ArrayBuffer(start.length));
      bytes.set(start);
      expect(() => sniffFileType(bytes), `bytes ${start.join(',')}`).not.toThrow();
    }
    expect(sniffFileType(new Uint8Array(new ArrayBuffer(3)).fill(0x41))).toEqual({ kind: 'text' });
  });

  it('knows a PNG whose line endings were changed as text, both ways, and no other', () => {
    const png = Buffer.from(makePng(4, 4));
    // Windows to Unix (CR LF to LF), and Unix to Windows (LF to CR LF), throughout the file.
    const unix = Buffer.from(png.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const windows = Buffer.from(png.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    for (const converted of [unix, windows]) {
      expect(pngLineEndsConverted(converted)).toBe(true);
      expect(sniffFileType(converted)).toEqual({ kind: 'png' });
    }
    expect(pngLineEndsConverted(png)).toBe(false);
    expect(pngLineEndsConverted(Buffer.from('\x89PNGthis is not a picture', 'latin1'))).toBe(false);
  });

  it("knows a compound file's parts by name whatever their case, as [MS-CFB] compares names", () => {
    // A compound file's signature, then its directory's names in UTF-16 (here, as some programs write them).
    const compound = (...names: string[]) =>
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(504),
        ...names.map((name) => Buffer.concat([Buffer.from(name, 'utf16le'), Buffer.alloc(2)])),
      ]);
    // Apache POI's 47950_lower.doc and _upper.doc, which Word and LibreOffice read, were refused as Excel files.
    for (const name of ['WordDocument', 'worddocument', 'WORDDOCUMENT'])
      expect(sniffFileType(compound('Root Entry', name, '1Table'))).toEqual({ kind: 'docx', format: 'doc' });
    expect(sniffFileType(compound('ROOT ENTRY', 'ENCRYPTEDPACKAGE'))).toEqual({ kind: 'password-protected' });
    expect(sniffFileType(compound('__PROPERTIES_VERSION1.0'))).toEqual({ kind: 'outlook-email' });
    // "." is a dot, not any letter; Excel's workbook is not a Word document.
    expect(sniffFileType(compound('__properties_version1x0', 'Workbook'))).toMatchObject({ kind: 'other' });
  });

  it("knows a Word document by its text's part, as Word for the web names it too", () => {
    const zip = (...names: string[]) => zipOf(names.map((name) => ({ name, data: Buffer.from('<x/>') })));
    expect(sniffFileType(zip('[Content_Types].xml', 'word/document.xml'))).toEqual({
      kind: 'docx',
      format: 'docx',
    });
    // Refused as "a zip archive" before.
    expect(sniffFileType(zip('[Content_Types].xml', 'word/document2.xml'))).toEqual({
      kind: 'docx',
      format: 'docx',
    });
    expect(sniffFileType(zip('[Content_Types].xml', 'word/document22.xml'))).toEqual({
      kind: 'docx',
      format: 'docx',
    });
    expect(sniffFileType(zip('[Content_Types].xml', 'xl/workbook.xml'))).toMatchObject({ kind: 'other' });
    expect(sniffFileType(zip('notes/word/documents.xml'))).toEqual({ kind: 'archive' });
  });

  it("knows Apple's Pages, Numbers and Keynote documents and Windows' XPS print-outs, which are zips too", () => {
    const zip = (...names: string[]) => zipOf(names.map((name) => ({ name, data: Buffer.from('x') })));
    const iwork = { kind: 'other', description: 'an Apple Pages, Numbers or Keynote document' };
    // Since 2013: Index/*.iwa, a preview picture and metadata; iWork '09: index.xml (Keynote's index.apxl) and
    // a QuickLook preview.
    expect(sniffFileType(zip('Index/Document.iwa', 'Metadata/Properties.plist', 'preview.jpg'))).toEqual(
      iwork,
    );
    expect(sniffFileType(zip('index.xml', 'QuickLook/Thumbnail.jpg', 'QuickLook/Preview.pdf'))).toEqual(
      iwork,
    );
    expect(sniffFileType(zip('index.apxl', 'QuickLook/Thumbnail.jpg'))).toEqual(iwork);
    const xps = { kind: 'other', description: 'an XPS document (printed to XPS)' };
    expect(
      sniffFileType(zip('[Content_Types].xml', 'FixedDocumentSequence.fdseq', 'Documents/1/Pages/1.fpage')),
    ).toEqual(xps);
    // A case this app exported: opened with "Import a case", not taken apart as evidence.
    expect(sniffFileType(zip('manifest.json', 'case.json', 'store/documents/ab12.pdf'))).toEqual({
      kind: 'other',
      description: 'a case exported from SEND Bundle Builder',
    });
    // Any other zip is an archive of files.
    expect(sniffFileType(zip('photos/IMG_0001.JPG', 'index.html'))).toEqual({ kind: 'archive' });
  });

  it('knows sound recordings and videos by their first bytes', () => {
    const file = (...parts: (string | number[])[]) =>
      new Uint8Array(
        Buffer.concat([
          ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
          Buffer.alloc(64),
        ]),
      );
    const sound = { kind: 'other', description: 'a sound recording' };
    expect(sniffFileType(file('OggS'))).toEqual(sound);
    expect(sniffFileType(file('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toEqual(sound);
    expect(sniffFileType(file('ID3', [4, 0, 0]))).toEqual(sound);
    expect(sniffFileType(file('#!AMR\n'))).toEqual(sound);
    // Text that starts with the letters is still text.
    expect(sniffFileType(new Uint8Array(Buffer.from('ID3 notes from the meeting\n')))).toEqual({
      kind: 'text',
    });
    const video = { kind: 'other', description: 'a video or audio file' };
    expect(sniffFileType(file('RIFF', [0x24, 0, 0, 0], 'AVI LIST'))).toEqual(video);
    expect(sniffFileType(file([0x1a, 0x45, 0xdf, 0xa3], 'webm'))).toEqual(video);
    expect(sniffFileType(file([0, 0, 0, 0x18], 'ftypmp42'))).toEqual(video);
    // A WebP picture is RIFF too.
    expect(sniffFileType(file('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toEqual({
      kind: 'picture',
      format: 'WebP',
    });
  });

  it('reads the signature a file starts with before looking for a PDF header in its first kilobyte', () => {
    // A zip that stores its first file as it is: taken for that one PDF before, and the rest of it lost.
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n');
    expect(
      sniffFileType(
        zipOf([
          { name: 'EP report.pdf', data: pdf },
          { name: 'b.pdf', data: pdf },
        ]),
      ),
    ).toEqual({
      kind: 'archive',
    });
    // A photo whose comment quotes a PDF's first bytes is a photo.
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x0b]),
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(40),
    ]);
    expect(sniffFileType(jpeg)).toEqual({ kind: 'jpeg' });
    // A PDF after a little junk (as some servers send one) is still a PDF.
    expect(sniffFileType(Buffer.concat([Buffer.from('\r\n\r\n'), pdf]))).toEqual({ kind: 'pdf' });
  });

  it("knows a shortcut (Windows' .lnk, a web .url) from the file or page it points to", () => {
    const shortcut = {
      kind: 'other',
      description: 'a shortcut, which points to a file or a web page but is not it',
    };
    const lnk = Buffer.concat([
      Buffer.from([0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0x00, 0, 0, 0, 0, 0xc0]),
      Buffer.alloc(64),
    ]);
    expect(sniffFileType(lnk)).toEqual(shortcut);
    expect(sniffFileType(Buffer.from('[InternetShortcut]\r\nURL=https://example.org/policy\r\n'))).toEqual(
      shortcut,
    );
    // Text that only mentions one is text.
    expect(sniffFileType(Buffer.from('Notes on the [InternetShortcut] files\n'))).toEqual({ kind: 'text' });
  });

  it('knows a web page saved from a browser however its text is written, and XML from it', () => {
    const page = { kind: 'web-page' };
    const html = '<!DOCTYPE html><html><head><title>Policy</title></head><body>Policy</body></html>';
    expect(sniffFileType(Buffer.from(html))).toEqual(page);
    // With a UTF-8 byte order mark, and in UTF-16: before, text files, laid out with all their markup.
    expect(sniffFileType(Buffer.from(`\ufeff${html}`))).toEqual(page);
    expect(sniffFileType(Buffer.from(`\ufeff${html}`, 'utf16le'))).toEqual(page);
    // Chrome's "Webpage, Complete" (after its doctype) and Internet Explorer's (before it) mark where it was
    // saved from in a comment: before, "an XML file".
    expect(
      sniffFileType(
        Buffer.from('<!-- saved from url=(0022)https://example.org/ -->\r\n<html><body>x</body></html>'),
      ),
    ).toEqual(page);
    expect(
      sniffFileType(
        Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<html>'),
      ),
    ).toEqual(page);
    expect(sniffFileType(Buffer.from('  <head><meta charset="utf-8"><title>x</title></head>'))).toEqual(page);
    expect(sniffFileType(Buffer.from('<?xml version="1.0"?>\n<records><record/></records>'))).toEqual({
      kind: 'other',
      description: 'an XML file',
    });
    expect(sniffFileType(Buffer.from('<htmlish>not a page</htmlish>'))).toEqual({
      kind: 'other',
      description: 'an XML file',
    });
    expect(sniffFileType(Buffer.from('Notes: <html> pages load slowly.\n'))).toEqual({ kind: 'text' });
    // A meeting's invitation and a contact card, which mail programs attach: named, where they were text.
    expect(
      sniffFileType(
        Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Annual review\r\n'),
      ),
    ).toEqual({ kind: 'other', description: 'a calendar invitation (iCalendar)' });
    expect(sniffFileType(Buffer.from('BEGIN:VCARD\nVERSION:3.0\nFN:Jo Smith\n'))).toEqual({
      kind: 'other',
      description: 'a contact card (vCard)',
    });
  });

  it("knows Safari's web archive, even of a PDF, and no other property list", () => {
    const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'tests/fixtures/webarchive', name));
    expect(sniffFileType(fixture('Home to school transport.webarchive'))).toEqual({ kind: 'web-archive' });
    // Its PDF is in the first kilobyte: it was taken for a damaged PDF.
    expect(sniffFileType(fixture('Decision letter.webarchive'))).toEqual({ kind: 'web-archive' });
    expect(sniffFileType(Buffer.concat([Buffer.from('bplist00'), Buffer.alloc(40)]))).toEqual({
      kind: 'other',
      description: 'a file of a type this app does not know',
    });
  });
});
