import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedBundleFont } from '../../../../../electron/services/bundle/fonts';
import { stampPage } from '../../../../../electron/services/bundle/stamp';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { StampReader } from '../../../../../electron/services/pdf/read/stamps';
import { embedSubsetFont } from '../../../../../electron/services/pdf/fonts';

describe('fonts shared by every embedding in a process', () => {
  it('keep the characters of a glyph that another embedding used only as part of a composite', async () => {
    // DejaVu draws the Cyrillic "С" with the Latin "C": writing this subset makes fontkit's glyph for "C"
    // as a part, with no characters.
    const letter = await PDFDocument.create();
    const font = await embedSubsetFont(letter, 'DejaVuSans.ttf', 'LTRAAA+DejaVuSans');
    letter.addPage().drawText('Смирнов', { font, size: 12, x: 72, y: 720 });
    await letter.save();

    const bundle = await PDFDocument.create();
    const bundleFont = await embedBundleFont(bundle);
    stampPage(bundle, bundle.addPage([595, 842]), 'C1', bundleFont);
    const file = PdfFile.open({ bytes: await bundle.save() });
    try {
      expect(new StampReader(file.reader).read(file.pages[0]).text).toBe('C1');
    } finally {
      file.close();
    }
  });
});
