/**
 * Pages an edit saved over by appending, their earlier version still in the file, are found: a content
 * stream defined again with other words, or a page given new content streams in place of its old ones; not
 * a page given an annotation, a stream appended to its drawing (as the bundle's identity line is), or an
 * object written again unchanged. The earlier definition is readable (what the page showed before).
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { pagesWithEarlierVersions } from '../../../../../../electron/services/pdf/read/earlierVersions';
import { PdfRef, PdfStream } from '../../../../../../electron/services/pdf/read/objects';
import { HELVETICA, rawPdf, withUpdate } from '../../../../../helpers/rawPdf';

const BEFORE = 'BT /F1 12 Tf 72 700 Td (Jo Bloggs, 12 Acacia Avenue) Tj ET';
const AFTER = 'BT /F1 12 Tf 72 700 Td (Jo Bloggs) Tj ET';
const PAGE = (extra: string) =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> ${extra} >>`;

/** Two pages: page 1 draws object 4, page 2 object 6. */
const original = rawPdf(
  [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>',
    PAGE('/Contents 4 0 R'),
    { dict: '<< >>', stream: BEFORE },
    HELVETICA,
    { dict: '<< >>', stream: 'BT /F1 12 Tf 72 700 Td (Page two) Tj ET' },
    PAGE('/Contents 6 0 R'),
  ],
  '/Root 1 0 R',
);

function found(pdf: Uint8Array): number[] {
  const file = PdfFile.open({ bytes: pdf });
  try {
    return pagesWithEarlierVersions(file.reader, file.pages);
  } finally {
    file.close();
  }
}

describe('pagesWithEarlierVersions', () => {
  it('finds a page whose content stream an update defined again with other words, its earlier data readable', () => {
    const edited = withUpdate(original, { 4: { dict: '<< >>', stream: AFTER } }, '/Root 1 0 R');
    expect(found(edited)).toEqual([1]);
    const file = PdfFile.open({ bytes: edited });
    try {
      const before = file.reader.earlierVersion(new PdfRef(4, 0));
      expect(before).toBeInstanceOf(PdfStream);
      expect(Buffer.from(file.reader.streamData(before as PdfStream)).toString('latin1')).toBe(BEFORE);
      expect(file.reader.hasEarlierVersion(new PdfRef(6, 0))).toBe(false);
    } finally {
      file.close();
    }
  });

  it('finds a page given new content streams in place of its old ones', () => {
    const edited = withUpdate(
      original,
      { 3: PAGE('/Contents 8 0 R'), 8: { dict: '<< >>', stream: AFTER } },
      '/Root 1 0 R',
    );
    expect(found(edited)).toEqual([1]);
  });

  it('finds none for an annotation added, a stream appended to the drawing, or an object written again unchanged', () => {
    const annotated = withUpdate(
      original,
      {
        3: PAGE('/Contents 4 0 R /Annots [8 0 R]'),
        8: '<< /Type /Annot /Subtype /Text /Rect [0 0 20 20] /Contents (A note) >>',
      },
      '/Root 1 0 R',
    );
    expect(found(annotated)).toEqual([]);
    const appended = withUpdate(
      original,
      {
        3: PAGE('/Contents [4 0 R 8 0 R]'),
        8: { dict: '<< >>', stream: 'BT /F1 8 Tf 500 20 Td (A1) Tj ET' },
      },
      '/Root 1 0 R',
    );
    expect(found(appended)).toEqual([]);
    const same = withUpdate(original, { 4: { dict: '<< >>', stream: BEFORE } }, '/Root 1 0 R');
    expect(found(same)).toEqual([]);
    expect(found(original)).toEqual([]);
  });

  it('finds the second of two edits saved one after the other', () => {
    const once = withUpdate(original, { 6: { dict: '<< >>', stream: 'BT ET' } }, '/Root 1 0 R');
    const twice = withUpdate(once, { 3: PAGE('/Contents 4 0 R /Annots []') }, '/Root 1 0 R');
    expect(found(twice)).toEqual([2]);
  });
});
