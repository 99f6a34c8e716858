/**
 * Destinations that name their page by number (some writers give the 0-based index instead of the page
 * object): a number outside the file's pages, negative included, goes nowhere.
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { rawPdf } from '../../../../../helpers/rawPdf';

/** Two pages and one bookmark per destination page number given. */
function withBookmarksTo(pages: number[]): Uint8Array {
  const firstItem = 5;
  const items = pages.map(
    (page, i) =>
      `<< /Title (To ${page}) /Parent 4 0 R /Dest [${page} /Fit]` +
      (i > 0 ? ` /Prev ${firstItem + i - 1} 0 R` : '') +
      (i < pages.length - 1 ? ` /Next ${firstItem + i + 1} 0 R` : '') +
      ' >>',
  );
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      `<< /Type /Outlines /First ${firstItem} 0 R /Last ${firstItem + pages.length - 1} 0 R /Count ${pages.length} >>`,
      ...items,
      ...Array.from({ length: 4 - items.length }, () => 'null'),
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    ],
    '/Root 1 0 R',
  );
}

describe('destinations given as page numbers', () => {
  it('open the page they name, and a number outside the pages goes nowhere', () => {
    const file = PdfFile.open({ bytes: withBookmarksTo([0, 1, 2, -1]) });
    try {
      expect(file.outline().map((item) => [item.title, item.target.page])).toEqual([
        ['To 0', 0],
        ['To 1', 1],
        ['To 2', null],
        ['To -1', null],
      ]);
    } finally {
      file.reader.close();
    }
  });
});
