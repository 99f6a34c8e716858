/**
 * The checker names pages that draw a photo whose hidden details give where it was taken (a phone's photo
 * put into a PDF as it was), and none in a bundle the app built, nor for a photo without a position.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import { buildEngineBundle, type BuiltBundle } from '../../../../helpers/checkerBundles';
import { makeJpeg } from '../../../../helpers/images';
import { asPhoneSavesIt } from '../../../../helpers/phoneJpeg';

describe('checker: photos that hold where they were taken', () => {
  let bundle: BuiltBundle;
  let plain: Uint8Array;

  beforeAll(async () => {
    bundle = await buildEngineBundle({
      documents: [
        ['A', 'Appeal form', 3, 'appeal-form'],
        ['C', 'Photos of the classroom', 12, 'other'],
      ],
    });
    plain = await makeJpeg(320, 240);
  });

  it('finds none in a bundle the app built', async () => {
    const result = await checkPdf(bundle.bytes, { rules: 'send', fileName: 'bundle.pdf' });
    expect(result.findings.filter((f) => f.code === 'photo-location')).toEqual([]);
  });

  it('names the pages, before and after the front pages; a photo without a position is not named', async () => {
    const doc = await PDFDocument.load(bundle.bytes);
    // pdf-lib puts a JPEG in as it is, as Preview and img2pdf do.
    const located = await doc.embedJpg(asPhoneSavesIt(plain));
    const unlocated = await doc.embedJpg(asPhoneSavesIt(plain, { location: false }));
    const pages = [3, doc.getPageCount() - 2];
    for (const n of pages) doc.getPage(n - 1).drawImage(located, { x: 100, y: 300, width: 320, height: 240 });
    doc.getPage(6).drawImage(unlocated, { x: 100, y: 300, width: 320, height: 240 });
    const result = await checkPdf(await doc.save(), { rules: 'send', fileName: 'bundle.pdf' });
    const finding = result.findings.find((f) => f.code === 'photo-location');
    expect(finding?.pages).toEqual(pages);
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain(
      `Pages ${pages[0]} and ${pages[1]} show photos that hold where they were taken`,
    );
  });
});
