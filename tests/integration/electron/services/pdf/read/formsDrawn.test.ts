/**
 * The forms a page draws, counted as often as readers draw them (pdf/read/formsDrawn.ts): exact for
 * chains, fan-outs, shared forms and annotations' appearances, a form inside itself skipped, and a fan-out
 * of a million counted in milliseconds, stopping just past the limit.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { FormsDrawn } from '../../../../../../electron/services/pdf/read/formsDrawn';
import { fanOutFormsPdf } from '../../../../../helpers/hostile';
import { formChainPdf, plainTextPdf } from '../../../../../helpers/damage';
import { HELVETICA, rawPdf, type RawObject } from '../../../../../helpers/rawPdf';

function formsDrawn(bytes: Uint8Array, limit = 1_000_000_000): number[] {
  const file = PdfFile.open({ bytes });
  try {
    const count = new FormsDrawn(file.reader, limit);
    return file.pages.map((page) => count.ofPage(page));
  } finally {
    file.close();
  }
}

const form = (content: string, resources = '') => ({
  dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << ${resources} >> >>`,
  stream: content,
});

/**
 * One page whose content is `content`, its XObjects /A (object 5), /B (object 6) and /Im (object 8, a
 * picture, unless `more` puts something else there), then `more` from object 8.
 */
function pageWith(content: string, a: RawObject, b: RawObject, more: RawObject[] = [], pageExtra = '') {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> /XObject << /A 5 0 R /B 6 0 R /Im 8 0 R >> >> /Contents 4 0 R ${pageExtra} >>`,
      { dict: '<< >>', stream: content },
      a,
      b,
      HELVETICA,
      ...(more.length
        ? more
        : [
            {
              dict: '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 >>',
              stream: '\x80',
            },
          ]),
    ],
    '/Root 1 0 R',
  );
}

describe('the forms a page draws', () => {
  it('are none on a page of text, and one for each form of a chain', () => {
    expect(formsDrawn(plainTextPdf())).toEqual([0, 0]);
    expect(formsDrawn(formChainPdf(7))).toEqual([7]);
  });

  it('count a form as often as it is drawn: a fan-out of 2, 10 deep, is 1,023', () => {
    expect(formsDrawn(fanOutFormsPdf(10))).toEqual([2 ** 10 - 1]);
    expect(formsDrawn(fanOutFormsPdf(6, 3))).toEqual([(3 ** 6 - 1) / 2]);
  });

  it('count a fan-out of a million at once, and stop just past the limit', () => {
    const started = performance.now();
    expect(formsDrawn(fanOutFormsPdf(20))).toEqual([2 ** 20 - 1]);
    expect(formsDrawn(fanOutFormsPdf(60), 50_000)).toEqual([50_001]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('count a form shared by two others in each, and pictures not at all', () => {
    // A draws B three times, and the page draws A twice and B once: 2 + 2 × 3 + 1.
    const pdf = pageWith(
      'q /A Do Q q /A Do Q /B Do /Im Do',
      form('/B Do /B Do /B Do', '/XObject << /B 6 0 R >>'),
      form('BT /F1 12 Tf (B) Tj ET', '/Font << /F1 7 0 R >>'),
    );
    expect(formsDrawn(pdf)).toEqual([9]);
  });

  it('skip a form drawn inside itself, as readers do', () => {
    const pdf = pageWith(
      '/A Do',
      form('/B Do', '/XObject << /B 6 0 R >>'),
      form('/A Do /B Do', '/XObject << /A 5 0 R /B 6 0 R >>'),
    );
    expect(formsDrawn(pdf)).toEqual([2]);
  });

  it('count what a form without resources of its own draws with those of what draws it', () => {
    // B has no resources: drawn from the page it finds /A (a form drawing nothing) in the page's.
    const pdf = pageWith('/B Do', form(''), {
      dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] >>',
      stream: '/A Do /A Do',
    });
    expect(formsDrawn(pdf)).toEqual([3]);
  });

  it('count the forms in the appearances the annotations show, and in compressed content', () => {
    const content = deflateSync(Buffer.from('/A Do /A Do'));
    const pdf = pageWith(
      '',
      form('/B Do', '/XObject << /B 6 0 R >>'),
      form(''),
      [
        '<< /Type /Annot /Subtype /Stamp /Rect [0 0 100 100] /AP << /N 9 0 R >> >>',
        {
          dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /A 5 0 R >> >> /Filter /FlateDecode >>',
          stream: content,
        },
      ],
      '/Annots [8 0 R]',
    );
    // The appearance (1), each A in it (2), and the B inside each A (2).
    expect(formsDrawn(pdf)).toEqual([5]);
  });
});
