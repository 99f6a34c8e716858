/**
 * Comments whose words show only when opened are counted: a sticky note, a note on a highlight or a shape,
 * in plain or rich text; not a comment with no words, a typewriter comment (its words are on the page), a
 * pop-up, a link or a form field.
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { commentCount, commentPages } from '../../../../../../electron/services/pdf/read/comments';
import { rawPdf } from '../../../../../helpers/rawPdf';

/** A PDF of three pages: the first with these annotations, the second with none, the third with a note. */
function withAnnotations(...annots: string[]): Uint8Array {
  const first = 6;
  const refs = annots.map((_, i) => `${first + i} 0 R`).join(' ');
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [${refs}] >>`,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [${first + annots.length} 0 R] >>`,
      ...annots,
      '<< /Type /Annot /Subtype /Text /Rect [0 0 20 20] /Contents (Ask about this at the hearing) >>',
    ],
    '/Root 1 0 R',
  );
}

describe('comments', () => {
  it('counts notes with words, and nothing else', () => {
    const pdf = withAnnotations(
      '<< /Type /Annot /Subtype /Text /Rect [0 0 20 20] /Contents (This is not what she said) >>',
      '<< /Type /Annot /Subtype /Highlight /Rect [0 0 20 20] /Contents <FEFF0057006800790021> >>',
      '<< /Type /Annot /Subtype /Square /Rect [0 0 20 20] /RC (<body><p>Wrong date</p></body>) >>',
      '<< /Type /Annot /Subtype /Highlight /Rect [0 0 20 20] /Contents ( ) >>',
      '<< /Type /Annot /Subtype /FreeText /Rect [0 0 20 20] /Contents (On the page) /DA (/Helv 12 Tf) >>',
      '<< /Type /Annot /Subtype /Popup /Rect [0 0 20 20] /Contents (A pop-up) >>',
      '<< /Type /Annot /Subtype /Link /Rect [0 0 20 20] /Contents (A link) >>',
      '<< /Type /Annot /Subtype /Widget /Rect [0 0 20 20] /Contents (A field) >>',
    );
    const file = PdfFile.open({ bytes: pdf });
    try {
      expect(commentCount(file.reader, file.pages[0])).toBe(3);
      expect(commentCount(file.reader, file.pages[1])).toBe(0);
      expect(commentPages(file.reader, file.pages)).toEqual({ pages: [1, 3], comments: 4 });
    } finally {
      file.close();
    }
  });
});
