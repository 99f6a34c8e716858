import { describe, expect, it } from 'vitest';
import { WorkingDocumentContent, unprintableInPdf } from '../../../../shared/workingDocument/model';

const content = (original: string, proposals: unknown[] = []) =>
  WorkingDocumentContent.parse({
    title: 'Working document',
    childName: 'Sam',
    sections: [{ heading: 'Section F', paragraphs: [{ id: 'p1', original, proposals }] }],
  });

describe('what the working document PDF cannot print', () => {
  it('finds characters no font has anywhere in the text, each once', () => {
    expect(unprintableInPdf(content('Speech therapy — weekly ✓'))).toEqual([]);
    // Japanese and emoji print, from the fallback fonts; Khmer does not.
    expect(unprintableInPdf(content('言語療法 weekly 🙂 ខ ស ខ'))).toEqual(['ខ', 'ស']);
  });

  it('checks the LA’s proposals (italic) against the oblique font, then the fallback fonts', () => {
    const nko = 'ߒߞߏ';
    // In the plan's own words (upright), N'Ko prints.
    expect(unprintableInPdf(content(nko))).toEqual([]);
    // The LA's amendment is italic: the oblique font has no N'Ko, nor has any fallback.
    const la = content('Sam needs support.', [{ id: 'x1', status: 'la', insert: nko }]);
    expect(unprintableInPdf(la).length).toBeGreaterThan(0);
    // The parents' amendment is bold: it prints.
    const parents = content('Sam needs support.', [{ id: 'x2', status: 'parent', insert: nko }]);
    expect(unprintableInPdf(parents)).toEqual([]);
    // Arabic, which the oblique font has not, prints in the LA's italic from the Arabic font (slanted).
    const arabic = content('Sam needs support.', [{ id: 'x3', status: 'la', insert: 'يتحدث العربية' }]);
    expect(unprintableInPdf(arabic)).toEqual([]);
  });
});
