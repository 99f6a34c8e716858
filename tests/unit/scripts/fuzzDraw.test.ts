/**
 * The fuzz's drawing of an imported file (scripts/fuzzDraw.ts): pdf.js decodes every font and picture on
 * the pages, in a thread ended after its time limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PageDrawer } from '../../../scripts/fuzzDraw';
import { oversizedJbig2Pdf, slowJbig2Pdf } from '../../helpers/jbig2';
import { REPO_ROOT } from '../../helpers/repo';
import { makeTextPdf } from '../../helpers/seed';

describe('PageDrawer', () => {
  let drawer: PageDrawer | null = null;
  afterEach(async () => {
    await drawer?.close();
    drawer = null;
  });

  it('draws the pages of a file, up to the number asked for', async () => {
    drawer = new PageDrawer(REPO_ROOT, 20);
    const pdf = new Uint8Array(await makeTextPdf('Report', 3));
    expect(await drawer.draw(pdf, 10)).toMatchObject({ outcome: 'drawn', pages: 3 });
    expect(await drawer.draw(pdf, 2)).toMatchObject({ outcome: 'drawn', pages: 2 });
  }, 30_000);

  it('draws a page whose picture pdf.js gives up on (the page without it)', async () => {
    drawer = new PageDrawer(REPO_ROOT, 20);
    const pdf = oversizedJbig2Pdf('a halftone grid 100,000 cells square');
    expect(await drawer.draw(pdf, 10)).toMatchObject({ outcome: 'drawn', pages: 1 });
  }, 30_000);

  it('gives up a drawing over its time, and draws the next file on a new thread', async () => {
    drawer = new PageDrawer(REPO_ROOT, 1);
    const slow = await drawer.draw(slowJbig2Pdf(), 10);
    expect(slow.outcome).toBe('over time');
    expect(slow.seconds).toBeLessThan(3);
    const pdf = new Uint8Array(await makeTextPdf('Report', 1));
    expect(await drawer.draw(pdf, 10)).toMatchObject({ outcome: 'drawn', pages: 1 });
  }, 30_000);

  it('says why pdf.js could not open a file', async () => {
    drawer = new PageDrawer(REPO_ROOT, 20);
    const drawing = await drawer.draw(new TextEncoder().encode('not a PDF at all'), 10);
    expect(drawing.outcome).toBe('failed');
    expect(drawing).toHaveProperty('reason', expect.stringMatching(/PDF/i));
  }, 30_000);
});
