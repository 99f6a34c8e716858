/**
 * A page whose content streams are damaged is told apart from one that is only unusual: readers show the
 * first blank or incomplete, and import says so (documents/preflight.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { contentDamaged } from '../../../../../../electron/services/pdf/read/content';
import { FIXTURES } from '../../../../../helpers/context';

function damagedPages(bytes: Uint8Array): number[] {
  const file = PdfFile.open({ bytes });
  try {
    return file.pages.filter((p) => contentDamaged(file.reader, p)).map((p) => p.index + 1);
  } finally {
    file.close();
  }
}

/** A PDF whose pages draw with the given content streams, stored with the given filters. */
async function pdfWithContents(streams: { data: Uint8Array; filter?: string }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const stream of streams) {
    const page = doc.addPage([595, 842]);
    const dict = doc.context.obj({});
    if (stream.filter) dict.set(PDFName.of('Filter'), PDFName.of(stream.filter));
    dict.set(PDFName.of('Length'), PDFNumber.of(stream.data.length));
    const ref = doc.context.register(doc.context.stream(stream.data, dict as never));
    page.node.set(PDFName.of('Contents'), ref);
  }
  return doc.save({ useObjectStreams: false });
}

const text = Buffer.from('BT /F1 24 Tf 72 720 Td (Hello) Tj ET');

describe('damaged page content', () => {
  it('finds the page of a third-party file whose LZW content stream breaks off', () => {
    expect(damagedPages(readFileSync(join(FIXTURES, 'malformed', 'qpdf-broken-lzw.pdf')))).toEqual([1]);
  });

  it('leaves alone a damaged stream the page does not draw, and sound files', () => {
    for (const file of ['malformed/qpdf-damaged-stream.pdf', 'valid/pdflib-us_constitution.pdf'])
      expect(damagedPages(readFileSync(join(FIXTURES, file))), file).toEqual([]);
  });

  it('finds Flate data that cannot be decoded, and passes Flate data that only lacks its checksum', async () => {
    const whole = deflateSync(text);
    const garbled = Uint8Array.from(whole);
    garbled.fill(0xff, 2, 12);
    const pdf = await pdfWithContents([
      { data: whole, filter: 'FlateDecode' },
      { data: whole.subarray(0, whole.length - 4), filter: 'FlateDecode' },
      { data: garbled, filter: 'FlateDecode' },
      { data: text },
    ]);
    expect(damagedPages(pdf)).toEqual([3]);
  });
});
