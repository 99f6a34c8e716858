import { describe, expect, it } from 'vitest';
import { WorkingDocumentContent, unprintableInPdf } from '../../../../shared/workingDocument/model';

const content = (original: string, proposals: unknown[] = []) =>
  WorkingDocumentContent.parse({
    title: 'Working document',
    childName: 'Sam',
    sections: [{ heading: 'Section F', paragraphs: [{ id: 'p1', original, proposals }] }],
  });

describe('what the working document PDF cannot print', () => {
  it('finds characters the fonts lack anywhere in the text, each once', () => {
    expect(unprintableInPdf(content('Speech therapy — weekly ✓'))).toEqual([]);
    expect(unprintableInPdf(content('言語療法 weekly 🙂 言'))).toEqual(['言', '語', '療', '法', '🙂']);
  });

  it('checks the LA’s proposals (italic) against the oblique font, which has no Arabic', () => {
    const arabic = 'يتحدث العربية';
    // In the plan's own words (upright), Arabic prints.
    expect(unprintableInPdf(content(arabic))).toEqual([]);
    // The LA's amendment is italic: the same words cannot.
    const la = content('Sam needs support.', [{ id: 'x1', status: 'la', insert: arabic }]);
    expect(unprintableInPdf(la).length).toBeGreaterThan(0);
    // The parents' amendment is bold: they can.
    const parents = content('Sam needs support.', [{ id: 'x2', status: 'parent', insert: arabic }]);
    expect(unprintableInPdf(parents)).toEqual([]);
  });
});
