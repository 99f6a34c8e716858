/** Files attached to a PDF: which are taken out, in what order, and what the note says of the rest. */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, PDFString } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  attachedFiles,
  attachmentsNote,
  notTakenBecause,
} from '../../../../../electron/services/documents/attachments';
import { makeTextPdf } from '../../../../helpers/seed';

async function withAttachments(files: { name: string; bytes: Uint8Array }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  for (const { name, bytes } of files)
    await doc.attach(bytes, name, { mimeType: 'application/octet-stream' });
  return doc.save();
}

describe('attachedFiles', () => {
  it('takes files out whole, in the order a person numbers them, and only names them when not taking', async () => {
    const report = await makeTextPdf('Report', 2);
    const pdf = await withAttachments([
      { name: 'Appendix 10.pdf', bytes: report },
      { name: 'Appendix 2.pdf', bytes: await makeTextPdf('Appendix 2', 1) },
      { name: 'notes.txt', bytes: new TextEncoder().encode('plain text') },
    ]);
    const found = attachedFiles(pdf, true);
    expect(found.files.map((f) => [f.name, f.bytes?.length ?? null, f.leftBecause ?? null])).toEqual([
      ['Appendix 2.pdf', expect.any(Number), null],
      ['Appendix 10.pdf', report.length, null],
      // Mail programs attach their footers as text files: named, not taken.
      ['notes.txt', null, 'is a plain text file, not taken out (add it on its own if it is evidence)'],
    ]);
    expect(Buffer.from(found.files[1].bytes!).equals(Buffer.from(report))).toBe(true);
    const named = attachedFiles(pdf, false);
    expect(named.files.map((f) => [f.name, f.bytes, f.leftBecause])).toEqual([
      ['Appendix 2.pdf', undefined, undefined],
      ['Appendix 10.pdf', undefined, undefined],
      ['notes.txt', undefined, undefined],
    ]);
    expect(attachmentsNote(named, false)).toBe(
      'It has 3 files attached to it (“Appendix 2.pdf”, “Appendix 10.pdf”, “notes.txt”). Attached files do not go into bundles: if they are evidence, save each one from a PDF reader and add them.',
    );
  });

  it('leaves a file that unpacks to more than a file may be, without unpacking more than that', async () => {
    // 8 MB of zeros packs to 8 KB: a small bomb against a 1 MB limit.
    const bomb = deflateSync(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8 * 1024 * 1024)]));
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(await makeTextPdf('Small', 1), 'small.pdf', { mimeType: 'application/pdf' });
    const pdf = await doc.save();
    const loaded = await PDFDocument.load(pdf);
    // Put the bomb in place of the small file's packed data.
    for (const [ref, object] of loaded.context.enumerateIndirectObjects())
      if (
        object instanceof PDFRawStream &&
        object.dict.get(PDFName.of('Type')) === PDFName.of('EmbeddedFile')
      )
        loaded.context.assign(
          ref,
          loaded.context.stream(bomb, { Type: 'EmbeddedFile', Filter: 'FlateDecode' }),
        );
    const found = attachedFiles(await loaded.save(), true, 1024 * 1024);
    expect(found.files).toEqual([
      {
        name: 'small.pdf',
        leftBecause: expect.stringMatching(/^was not taken out: it is more than the 1 MB a file may be$/),
      },
    ]);
    expect(attachmentsNote(found, true)).toBe(
      `It has a file attached to it (“small.pdf”). “small.pdf” ${found.files[0].leftBecause}. Save any of these that is evidence from a PDF reader, and add it.`,
    );
  });

  it('takes a file attached to a spot on a page too, once when the document lists it as well', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const note = await makeTextPdf('Note', 1);
    const stream = doc.context.register(doc.context.flateStream(note, { Type: 'EmbeddedFile' }));
    const spec = doc.context.register(
      doc.context.obj({ Type: 'Filespec', F: PDFString.of('paperclip note.pdf'), EF: { F: stream } }),
    );
    const annotation = doc.context.obj({
      Type: 'Annot',
      Subtype: 'FileAttachment',
      Rect: [72, 700, 92, 720],
      FS: spec,
    });
    page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annotation)]));
    const onPage = attachedFiles(await doc.save(), true);
    expect(onPage.files.map((f) => [f.name, f.bytes?.length])).toEqual([['paperclip note.pdf', note.length]]);

    // The same file specification in the document's list too: taken once.
    doc.catalog.set(
      PDFName.of('Names'),
      doc.context.obj({ EmbeddedFiles: { Names: [PDFString.of('paperclip note.pdf'), spec] } }),
    );
    const both = attachedFiles(await doc.save(), true);
    expect(both.files.map((f) => f.name)).toEqual(['paperclip note.pdf']);
  });

  it('says nothing of a file with none', async () => {
    expect(attachmentsNote(attachedFiles(await makeTextPdf('Plain', 1), true), true)).toBeNull();
  });
});

describe('notTakenBecause', () => {
  it('names a web page, more often the email itself as a page (or one of a saved site’s files) than evidence', () => {
    const page = new TextEncoder().encode('<!DOCTYPE html><html><body><p>The message</p></body></html>');
    expect(notTakenBecause(page, 'message.html')).toBe(
      'is a web page (HTML), not taken out (add it on its own if it is evidence)',
    );
    expect(notTakenBecause(new TextEncoder().encode('<records/>'), 'data.xml')).toBe(
      'is an XML file, which bundles cannot hold',
    );
  });
});
