/**
 * Pages that draw a photo holding where it was taken are found wherever the page draws it: in its own
 * resources, inside a form (a bundle draws each document's page as one) and in an annotation's appearance
 * (a stamp); each picture's header is read once however many pages draw it, and only its header.
 */
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { photoLocationPages } from '../../../../../../electron/services/pdf/read/photoLocation';
import { makeJpeg } from '../../../../../helpers/images';
import { asPhoneSavesIt } from '../../../../../helpers/phoneJpeg';

let photo: Buffer;
let plain: Uint8Array;

beforeAll(async () => {
  plain = await makeJpeg(320, 240);
  photo = asPhoneSavesIt(plain, { video: false });
});

function pagesIn(bytes: Uint8Array) {
  const file = PdfFile.open({ bytes });
  try {
    return photoLocationPages(file.reader, file.pages);
  } finally {
    file.close();
  }
}

describe('photoLocationPages', () => {
  it("finds the photo in a page's resources, inside a form and in a stamp's appearance", async () => {
    const doc = await PDFDocument.create();
    const located = await doc.embedJpg(photo);
    const unlocated = await doc.embedJpg(plain);
    doc.addPage([400, 400]).drawImage(located, { x: 0, y: 0, width: 100, height: 75 });
    doc.addPage([400, 400]).drawImage(unlocated, { x: 0, y: 0, width: 100, height: 75 });
    // Page 3 draws page 1 as a form (as a bundle draws each document's page).
    const form = await doc.embedPage(doc.getPage(0));
    doc.addPage([400, 400]).drawPage(form, { x: 0, y: 0 });
    // Page 4: a stamp annotation whose appearance draws the photo.
    const stampPage = doc.addPage([400, 400]);
    await located.embed();
    const appearance = doc.context.formXObject([], {
      BBox: [0, 0, 100, 75],
      Resources: { XObject: { Im0: located.ref } },
    });
    const stamp = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Stamp',
      Rect: [0, 0, 100, 75],
      AP: { N: doc.context.register(appearance) },
    });
    stampPage.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(stamp)]));
    doc.addPage([400, 400]);
    expect(pagesIn(await doc.save())).toEqual([1, 3, 4]);
  });

  it("reads each picture's header once, and never its picture data", async () => {
    // With a motion photo's video after it: 200 KB after the header.
    const big = asPhoneSavesIt(await makeJpeg(640, 480));
    const doc = await PDFDocument.create();
    const picture = await doc.embedJpg(big);
    for (let i = 0; i < 20; i++)
      doc.addPage([400, 400]).drawImage(picture, { x: 0, y: 0, width: 40, height: 30 });
    const file = PdfFile.open({ bytes: await doc.save() });
    try {
      const range = vi.spyOn(file.reader, 'encodedRange');
      expect(photoLocationPages(file.reader, file.pages)).toEqual([...Array(20).keys()].map((i) => i + 1));
      expect(range.mock.calls.length).toBeLessThanOrEqual(2);
      const asked = range.mock.calls.reduce((sum, [, , length]) => sum + length, 0);
      expect(asked).toBeLessThanOrEqual(8192);
      expect(big.length).toBeGreaterThan(200_000);
    } finally {
      file.close();
    }
  });
});
