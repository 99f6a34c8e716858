/**
 * When import turns some pages into pictures, the pages it keeps keep what the source's catalog held that
 * changes what they show: hidden layers stay hidden, and a form that asked readers to draw its fields
 * shows its answers. Poppler's pdftotext, which honours layers and reads what is drawn, is the judge.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { replacePagesWithPictures } from '../../../../../electron/services/documents/rasterise';
import { filledForm } from '../../../../helpers/forms';
import { PORTRAIT_JPEG } from '../../../../helpers/images';
import { layeredPdf } from '../../../../helpers/layers';

const dir = mkdtempSync(join(tmpdir(), 'rasterise-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pages(pdf: Uint8Array, name: string): string[] {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\f');
}

/** Page 1 of `original` kept, page 2 a picture. */
async function withPictureAfter(original: Uint8Array): Promise<Uint8Array> {
  const source = await PDFDocument.load(original);
  const picture = { jpeg: PORTRAIT_JPEG, width: 595, height: 842 };
  return replacePagesWithPictures(source, 2, new Map([[2, picture]]));
}

describe('replacePagesWithPictures', () => {
  it('keeps hidden layers hidden on the pages it keeps', async () => {
    const [kept, pictured] = pages(await withPictureAfter(await layeredPdf()), 'layers.pdf');
    expect(kept).toContain('Base text of the report');
    expect(kept).toContain('Signed by the educational psychologist');
    expect(kept).not.toContain('DRAFT NOTE');
    expect(kept).not.toContain('OPTION B');
    expect(pictured.trim()).toBe('');
  });

  it("draws a form's answers on the pages it keeps, where the form asked readers to draw them", async () => {
    const [kept] = pages(await withPictureAfter(await filledForm('Parental views', true)), 'form.pdf');
    expect(kept).toContain('Anytown Primary, Year 4');
  });
});
