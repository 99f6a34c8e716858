/**
 * A PDF with a planted copy of its page's content after the real one: imported and built into a bundle,
 * the page shows what every reader shows (the definition the cross-reference table names), not the copy
 * stock pdf-lib would take (electron/services/pdf/pdfLibPatches.ts, the 'definitions' group). The import
 * and the build read sources in worker threads and processes of their own, which install the patches too.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOfOne, tempServices } from '../../../../helpers/context';
import { HAS_PDFTOTEXT } from '../../../../helpers/importChecks';
import { HELVETICA, rawPdf } from '../../../../helpers/rawPdf';

/** `pdf` with `object` put after its last object, before its cross-reference table (offsets kept). */
function withObjectAfterTheRest(pdf: Uint8Array, object: string): Uint8Array<ArrayBuffer> {
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.lastIndexOf('xref\n');
  const start = /startxref\n(\d+)/.exec(text)!;
  const moved = text
    .slice(at)
    .replace(`startxref\n${start[1]}`, `startxref\n${Number(start[1]) + object.length}`);
  return new Uint8Array(Buffer.from(text.slice(0, at) + object + moved, 'latin1'));
}

let t: ReturnType<typeof tempServices>;
beforeAll(() => {
  t = tempServices();
});
afterAll(() => t.dispose());

describe.runIf(HAS_PDFTOTEXT)('an object defined twice, in the bundle', () => {
  it('shows the page every reader shows, not the copy after it', async () => {
    const real = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        { dict: '<< >>', stream: 'BT /F1 14 Tf 72 700 Td (The report every reader shows) Tj ET' },
        HELVETICA,
      ],
      '/Root 1 0 R',
    );
    const copy = 'BT /F1 14 Tf 72 700 Td (A planted copy) Tj ET';
    const planted = withObjectAfterTheRest(
      real,
      `4 0 obj\n<< /Length ${copy.length} >>\nstream\n${copy}\nendstream\nendobj\n`,
    );
    expect(execFileSync('pdftotext', ['-', '-'], { input: planted, encoding: 'utf8' })).toContain(
      'The report every reader shows',
    );
    const { bundle } = await bundleOfOne(t.services, 'planted.pdf', planted);
    const page = execFileSync('pdftotext', ['-f', '3', '-l', '3', bundle.path, '-'], { encoding: 'utf8' });
    expect(page).toContain('The report every reader shows');
    expect(page).not.toContain('A planted copy');
  });
});
