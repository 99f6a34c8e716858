import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../../helpers/context';
import { REPO_ROOT } from '../../../../helpers/repo';

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

describe("pdf.js's own rejected promises that nothing waits for", () => {
  it('are told from other errors: named as pdf.js names its exceptions, without a stack of their own', async () => {
    const { isPdfjsException, pdfjs } = await import('../../../../../electron/services/pdf/pdfjs');
    const lib = await pdfjs();
    expect(isPdfjsException(new lib.InvalidPDFException('Invalid PDF structure.'))).toBe(true);
    expect(isPdfjsException(new lib.ResponseException('Missing', 404, false))).toBe(true);
    expect(isPdfjsException(Object.assign(new Error('ours'), { name: 'FormatError' }))).toBe(false);
    expect(isPdfjsException(new Error('ours'))).toBe(false);
    expect(isPdfjsException('FormatError')).toBe(false);
  });

  /** Loads pdf.js in a new process, then rejects a promise with `reason` and leaves it unhandled. */
  function rejectAfterLoading(reason: string) {
    const script = `
      const { pdfjs } = await import('./electron/services/pdf/pdfjs.ts');
      const lib = await pdfjs();
      Promise.reject(${reason});
      await new Promise((resolve) => setTimeout(resolve, 200));
      console.log('still running');`;
    return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it("let one of pdf.js's own go, and still end the process on any other", () => {
    const pdfjsOwn = rejectAfterLoading(`new lib.InvalidPDFException('Invalid PDF structure.')`);
    expect(pdfjsOwn.status).toBe(0);
    expect(pdfjsOwn.stdout).toContain('still running');
    const ours = rejectAfterLoading(`new Error('a bug of ours')`);
    expect(ours.status).not.toBe(0);
    expect(ours.stdout).not.toContain('still running');
    expect(ours.stderr).toContain('a bug of ours');
  });
});
