/**
 * Areas marked for redaction and never redacted are read from a page's redaction annotations: each
 * quadrilateral's box (a mark over several lines has one a line), or the mark's rectangle where it has
 * none, with the colour it asks for; other annotations, and pages without marks, give none.
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import {
  redactionMarkPages,
  redactionMarks,
} from '../../../../../../electron/services/pdf/read/redactionMarks';
import { rawPdf } from '../../../../../helpers/rawPdf';

/** A PDF of two pages: the first with these annotations, the second with none. */
function withAnnotations(...annots: string[]): Uint8Array {
  const refs = annots.map((_, i) => `${5 + i} 0 R`).join(' ');
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [${refs}] >>`,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      ...annots,
    ],
    '/Root 1 0 R',
  );
}

function read(pdf: Uint8Array) {
  const file = PdfFile.open({ bytes: pdf });
  try {
    return {
      marks: redactionMarks(file.reader, file.pages[0]),
      pages: redactionMarkPages(file.reader, file.pages),
    };
  } finally {
    file.close();
  }
}

describe('redactionMarks', () => {
  it("reads each quadrilateral's box, the rectangle where there are none, and the colour asked for", () => {
    const found = read(
      withAnnotations(
        // Over two lines (Acrobat's quadrilaterals: top left, top right, bottom left, bottom right).
        '<< /Type /Annot /Subtype /Redact /Rect [70 680 300 720] /QuadPoints [72 718 290 718 72 706 290 706 72 698 200 698 72 686 200 686] /IC [0 0 0] >>',
        '<< /Type /Annot /Subtype /Redact /Rect [400 100 300 50] /IC [1 0 0] >>',
        '<< /Type /Annot /Subtype /Square /Rect [0 0 100 100] >>',
        '<< /Type /Annot /Subtype /Highlight /Rect [0 0 100 100] /QuadPoints [0 100 100 100 0 0 100 0] >>',
      ),
    );
    expect(found.marks).toEqual([
      {
        boxes: [
          [72, 706, 290, 718],
          [72, 686, 200, 698],
        ],
        colour: [0, 0, 0],
      },
      { boxes: [[300, 50, 400, 100]], colour: [1, 0, 0] },
    ]);
    expect(found.pages).toEqual([1]);
  });

  it('takes a mark of more than 10,000 quadrilaterals as one box round them all', () => {
    const quads = Array.from({ length: 10_001 }, (_, i) => {
      const y = 800 - (i % 700);
      return [100, y, 200 + (i % 50), y, 100, y - 1, 200 + (i % 50), y - 1];
    }).flat();
    const found = read(
      withAnnotations(
        `<< /Type /Annot /Subtype /Redact /Rect [100 99 249 800] /QuadPoints [${quads.join(' ')}] >>`,
      ),
    );
    expect(found.marks).toEqual([{ boxes: [[100, 99, 249, 800]], colour: null }]);
  });

  it('finds none on a page without marks, and a mark with no area is none', () => {
    expect(read(withAnnotations()).pages).toEqual([]);
    expect(read(withAnnotations('<< /Type /Annot /Subtype /Redact /Rect [10 10 10 50] >>')).marks).toEqual(
      [],
    );
  });
});
