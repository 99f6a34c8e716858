/**
 * The page copier leaves out what no reader draws: a page's thumbnail (which can show what was since
 * blacked out), an application's private data and XMP details, on the page and on what it uses; what the
 * page draws is copied whole. A phone photo put into a PDF as it was (Preview, img2pdf, a scanning app)
 * loses its EXIF and XMP details, comments and motion photo's video, and keeps its picture to the pixel.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, type PDFPage, PDFRawStream, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { copyAllPages } from '../../../../../electron/services/bundle/pageCopier';
import { makeJpeg, makePng } from '../../../../helpers/images';
import { asPhoneSavesIt, djpeg } from '../../../../helpers/phoneJpeg';
import { pdftotext } from '../../../../helpers/importChecks';

async function sourceWithHiddenData(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('What the page shows', { x: 50, y: 700, font, size: 14 });
  const ctx = doc.context;
  const stale = Buffer.from('THUMBNAIL-OF-THE-UNREDACTED-PAGE'.repeat(4));
  page.node.set(
    PDFName.of('Thumb'),
    ctx.register(ctx.stream(stale, { Width: 8, Height: 16, ColorSpace: 'DeviceGray', BitsPerComponent: 8 })),
  );
  page.node.set(
    PDFName.of('PieceInfo'),
    ctx.obj({ Illustrator: { Private: ctx.register(ctx.stream('EDITABLE-ORIGINAL', {})) } }),
  );
  page.node.set(
    PDFName.of('Metadata'),
    ctx.register(ctx.stream('<x:xmpmeta>PAGE-XMP-GPS</x:xmpmeta>', { Type: 'Metadata', Subtype: 'XML' })),
  );
  // A picture the page draws, with XMP details of its own.
  const picture = await doc.embedPng(makePng(4, 4));
  page.drawImage(picture, { x: 50, y: 400, width: 100, height: 100 });
  await picture.embed();
  const stream = ctx.lookup(picture.ref) as PDFRawStream;
  stream.dict.set(
    PDFName.of('Metadata'),
    ctx.register(ctx.stream('<x:xmpmeta>PICTURE-XMP-GPS</x:xmpmeta>', { Type: 'Metadata' })),
  );
  return doc.save({ useObjectStreams: false });
}

describe('copyAllPages', () => {
  it('leaves out thumbnails, private data and XMP details, and copies what the page draws', async () => {
    const source = await PDFDocument.load(await sourceWithHiddenData());
    const target = await PDFDocument.create();
    const { pages } = copyAllPages(target, source);
    for (const page of pages) target.addPage(page);
    const bytes = Buffer.from(await target.save({ useObjectStreams: false }));
    for (const hidden of [
      'THUMBNAIL-OF',
      'EDITABLE-ORIGINAL',
      'PAGE-XMP-GPS',
      'PICTURE-XMP-GPS',
      '/Thumb',
      '/PieceInfo',
    ])
      expect(bytes.includes(hidden, 0, 'latin1'), hidden).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'copier-'));
    try {
      writeFileSync(join(dir, 'copy.pdf'), bytes);
      expect(pdftotext(join(dir, 'copy.pdf'))).toContain('What the page shows');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The picture is still there, without its details.
    expect(bytes.includes('/Subtype /Image', 0, 'latin1')).toBe(true);
  });
});

/** A one-page PDF drawing `jpeg` as pdf-lib (like img2pdf and Preview) puts it in: the bytes as they are. */
async function pdfWithJpeg(jpeg: Uint8Array): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const picture = await doc.embedJpg(jpeg);
  doc.addPage([400, 300]).drawImage(picture, { x: 0, y: 0, width: 400, height: 300 });
  return PDFDocument.load(await doc.save());
}

/** The picture a page draws (its only image). */
function pictureOf(page: PDFPage): PDFRawStream {
  const xObjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const [, ref] = xObjects.entries()[0];
  return page.doc.context.lookup(ref) as PDFRawStream;
}

describe('copyAllPages: a JPEG picture', () => {
  it("leaves out a phone photo's details, comment and video, the picture the same to the pixel", async () => {
    const photo = asPhoneSavesIt(await makeJpeg(320, 240));
    const source = await pdfWithJpeg(photo);
    expect(Buffer.from(pictureOf(source.getPage(0)).contents).equals(photo)).toBe(true);
    const target = await PDFDocument.create();
    const { pages } = copyAllPages(target, source);
    target.addPage(pages[0]);
    const copied = Buffer.from(pictureOf(pages[0]).contents);
    for (const hidden of ['Exif', 'xmpmeta', 'Acacia', 'ftyp'])
      expect(copied.includes(hidden, 0, 'latin1'), hidden).toBe(false);
    expect(djpeg(copied).equals(djpeg(photo))).toBe(true);
    const saved = Buffer.from(await target.save());
    expect(saved.includes('Acacia', 0, 'latin1')).toBe(false);
    // Written with the length of what it holds now.
    const reloaded = await PDFDocument.load(saved);
    expect(Buffer.from(pictureOf(reloaded.getPage(0)).contents).equals(copied)).toBe(true);
  });

  it('shares a JPEG with nothing to leave out, and copies one it cannot walk as it is', async () => {
    const plain = await makeJpeg(64, 48);
    const photo = asPhoneSavesIt(plain, { video: false });
    const cutShort = photo.subarray(0, photo.length - 40);
    for (const [name, jpeg, shared] of [
      ['plain', plain, true],
      ['cut short', cutShort, false],
    ] as const) {
      const source = await pdfWithJpeg(jpeg);
      const original = pictureOf(source.getPage(0)).contents;
      const { pages } = copyAllPages(await PDFDocument.create(), source);
      const copied = pictureOf(pages[0]).contents;
      expect(Buffer.from(copied).equals(Buffer.from(jpeg)), name).toBe(true);
      if (shared) expect(copied, name).toBe(original);
    }
  });
});
