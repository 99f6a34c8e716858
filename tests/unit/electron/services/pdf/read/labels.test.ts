/**
 * Page labels as a reader shows them, and labels whose start would make them absurdly long (letters or roman
 * numerals from a start of a billion): malformed, like other broken labels, rather than built.
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { rawPdf } from '../../../../../helpers/rawPdf';

/** Three pages with the given /PageLabels /Nums array. */
function withLabels(nums: string): Uint8Array {
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>';
  return rawPdf(
    [
      `<< /Type /Catalog /Pages 2 0 R /PageLabels << /Nums [${nums}] >> >>`,
      '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
      page,
      page,
      page,
    ],
    '/Root 1 0 R',
  );
}

function labelsOf(bytes: Uint8Array): string[] | null {
  const file = PdfFile.open({ bytes });
  try {
    return file.pageLabels();
  } finally {
    file.reader.close();
  }
}

describe('page labels', () => {
  it('reads roman front pages, then letters and numbers with a prefix', () => {
    expect(labelsOf(withLabels('0 << /S /r >> 1 << /S /A /St 27 >> 2 << /S /D /P (B-) /St 12 >>'))).toEqual([
      'i',
      'AA',
      'B-12',
    ]);
  });

  it('takes letters or roman numerals starting past any real page, or a huge prefix, for malformed labels, without building them', () => {
    expect(labelsOf(withLabels('0 << /S /A /St 1000000000 >>'))).toBeNull();
    expect(labelsOf(withLabels('0 << /S /D >> 1 << /S /r /St 100000000 >>'))).toBeNull();
    // A prefix of megabytes, repeated on every page, is not a label either.
    expect(labelsOf(withLabels(`0 << /S /D /P (${'X'.repeat(1_000_000)}) >>`))).toBeNull();
    // Numbers are as long as their digits, however far they start.
    expect(labelsOf(withLabels('0 << /S /D /St 1000000000 >>'))).toEqual([
      '1000000000',
      '1000000001',
      '1000000002',
    ]);
  });

  it('says what is wrong with labels a reader refuses, and nothing for a file without labels', () => {
    const reasonOf = (bytes: Uint8Array) => {
      const file = PdfFile.open({ bytes });
      try {
        return file.pageLabelsRead();
      } finally {
        file.reader.close();
      }
    };
    expect(reasonOf(withLabels('0 << /S /D /St -5 >>'))).toEqual({
      labels: null,
      malformed: 'the range from page 1 starts at -5, where a range must start at 1 or more',
    });
    expect(reasonOf(withLabels('0 << /S /D >> 2 << /S /X >>')).malformed).toBe(
      'the range from page 3 is numbered in the style /X, which is not one of D, r, R, a or A',
    );
    expect(reasonOf(withLabels('0 << /S /D /St 1.5 >>')).malformed).toMatch(/starts at 1\.5,/);
    expect(reasonOf(withLabels('0 << /S /A /St 1000000000 >>')).malformed).toBe(
      'the range from page 1 is numbered in letters from 1,000,000,000',
    );
    expect(reasonOf(withLabels('0 (D)')).malformed).toBe('the range from page 1 is not a label dictionary');
    expect(reasonOf(withLabels('0 << /S /D /P 7 >>')).malformed).toBe(
      'the range from page 1 has a prefix that is not text',
    );
    expect(reasonOf(withLabels('0 << /S /D >>'))).toEqual({ labels: ['1', '2', '3'] });
    const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>';
    const unlabelled = rawPdf(
      ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page],
      '/Root 1 0 R',
    );
    expect(reasonOf(unlabelled)).toEqual({ labels: null });
  });
});
