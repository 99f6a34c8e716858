/**
 * The checker names pages whose words lie under a box painted over them (a redaction that left the words
 * in the file), among the front pages pdf.js reads and after them, and pages whose words are drawn on a box
 * of their own colour (a black highlight), and pages whose words a pen scribbled over; and finds none in a
 * bundle the app built.
 */
import { PDFDocument, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import { buildEngineBundle, type BuiltBundle } from '../../../../helpers/checkerBundles';

describe('checker: words hidden under a box', () => {
  let bundle: BuiltBundle;

  beforeAll(async () => {
    bundle = await buildEngineBundle({
      documents: [
        ['A', 'Appeal form', 3, 'appeal-form'],
        ['C', 'Educational psychologist report', 45, 'expert-report'],
      ],
    });
  });

  it('finds none in a bundle the app built', async () => {
    const result = await checkPdf(bundle.bytes, { rules: 'send', fileName: 'bundle.pdf' });
    expect(result.findings.filter((f) => f.code === 'covered-text')).toEqual([]);
  });

  it('names the pages, before and after the front pages, without quoting the words', async () => {
    const doc = await PDFDocument.load(bundle.bytes);
    const covered = [5, doc.getPageCount() - 2];
    for (const n of covered) {
      const page = doc.getPage(n - 1);
      // Black over everything above the page number: the page's own words under it.
      page.drawRectangle({
        x: 0,
        y: 80,
        width: page.getWidth(),
        height: page.getHeight() - 80,
        color: rgb(0, 0, 0),
      });
    }
    const result = await checkPdf(await doc.save(), { rules: 'send', fileName: 'bundle.pdf' });
    const finding = result.findings.find((f) => f.code === 'covered-text');
    expect(finding?.pages).toEqual(covered);
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('still in the file');
    expect(finding?.message).not.toContain('Educational psychologist report - page');
  });

  it('names a page whose black words are drawn on a black box (a black highlight)', async () => {
    const doc = await PDFDocument.load(bundle.bytes);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.getPage(6);
    // Drawn as a word processor draws a highlight: the box first, then the words on it.
    page.drawRectangle({ x: 140, y: 296, width: 120, height: 16, color: rgb(0, 0, 0) });
    page.drawText('12 Acacia Avenue', { x: 142, y: 300, font, size: 12, color: rgb(0, 0, 0) });
    // The same words on a yellow highlight can be read.
    doc.getPage(8).drawRectangle({ x: 140, y: 296, width: 120, height: 16, color: rgb(1, 1, 0) });
    doc.getPage(8).drawText('12 Acacia Avenue', { x: 142, y: 300, font, size: 12, color: rgb(0, 0, 0) });
    const result = await checkPdf(await doc.save(), { rules: 'send', fileName: 'bundle.pdf' });
    const finding = result.findings.find((f) => f.code === 'covered-text');
    expect(finding?.pages).toEqual([7]);
    expect(finding?.message).toContain('a highlight in their own colour');
    expect(finding?.message).not.toContain('Acacia');
  });

  it('names a page whose words are scribbled over with a pen, not one with a thin line through them', async () => {
    const doc = await PDFDocument.load(bundle.bytes);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    // A pen scribbled back and forth over the address (pdf-lib strokes the path as a reader's pen does).
    const scribble =
      'M 0 0 ' + Array.from({ length: 40 }, (_, i) => `L ${(i + 1) * 2.6} ${i % 2 ? 0 : 9}`).join(' ');
    for (const [n, width] of [
      [6, 5],
      [9, 0.8],
    ] as const) {
      const page = doc.getPage(n - 1);
      page.drawText('12 Acacia Avenue', { x: 142, y: 300, font, size: 12 });
      page.drawSvgPath(scribble, { x: 140, y: 308, borderWidth: width, borderColor: rgb(0, 0, 0) });
    }
    const result = await checkPdf(await doc.save(), { rules: 'send', fileName: 'bundle.pdf' });
    const finding = result.findings.find((f) => f.code === 'covered-text');
    expect(finding?.pages).toEqual([6]);
    expect(finding?.message).toContain('pen strokes painted over them');
  });
});
