import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../../helpers/context';

describe('pdf.js in Node', () => {
  it('leaves the native Array.prototype.push, JSON.stringify and JSON.parse in place once pdf.js and its worker have loaded', async () => {
    const push = Array.prototype.push;
    const { stringify, parse } = JSON;
    // Imported here, not at the top, so the native push is captured before pdf.js can replace it.
    const { openWithPdfjs, readPageText } = await import('../../../../../electron/services/pdf/pdfjs');
    const doc = await openWithPdfjs(readFileSync(join(FIXTURES, 'valid', 'pdflib-with_annots.pdf')));
    try {
      const text = await readPageText(doc, 1);
      expect(text.items.length).toBeGreaterThan(0);
    } finally {
      await doc.destroy();
    }
    expect(Array.prototype.push).toBe(push);
    expect(JSON.stringify).toBe(stringify);
    expect(JSON.parse).toBe(parse);
  });
});
