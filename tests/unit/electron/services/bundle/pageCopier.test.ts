/**
 * The page copier leaves out what no reader draws: a page's thumbnail (which can show what was since
 * blacked out), an application's private data and XMP details, on the page and on what it uses; what the
 * page draws is copied whole.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, type PDFRawStream, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { copyAllPages } from '../../../../../electron/services/bundle/pageCopier';
import { makePng } from '../../../../helpers/images';
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
