import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedBundleFont } from '../../../../../electron/services/bundle/fonts';
import { directGlyph } from '../../../../../electron/services/bundle/text';
import { fontkitFont } from '../../../../../electron/services/pdf/fonts';

const LATIN = Array.from({ length: 0x100 - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

describe('characters set straight from the cmap', () => {
  it('are exactly the glyphs the layout engine gives each of them on its own', () => {
    const font = fontkitFont('DejaVuSans.ttf');
    let checked = 0;
    for (const ch of LATIN) {
      if (!/^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF]$/.test(ch)) continue;
      const shaped = font.layout(ch).glyphs;
      const direct = font.glyphForCodePoint(ch.charCodeAt(0));
      expect(
        shaped.map((g) => g.id),
        `U+${ch.charCodeAt(0).toString(16)}`,
      ).toEqual([direct.id]);
      expect(shaped[0].codePoints).toEqual(direct.codePoints);
      checked++;
    }
    expect(checked).toBe(0x7e - 0x20 + 1 + 0xff - 0xa0);
    // The soft hyphen is not one of them: shaping replaces it, so it goes through pdf-lib.
    expect(font.layout('\u00ad').glyphs[0].id).not.toBe(font.glyphForCodePoint(0xad).id);
  });

  it("give pdf-lib's codes, widths and the same embedded subset", async () => {
    const viaPdfLib = await PDFDocument.create({ updateMetadata: false });
    const viaCmap = await PDFDocument.create({ updateMetadata: false });
    const a = await embedBundleFont(viaPdfLib);
    const b = await embedBundleFont(viaCmap);
    let direct = 0;
    for (const ch of LATIN) {
      const expected = {
        hex: a.encodeText(ch).toString().slice(1, -1),
        units: a.widthOfTextAtSize(ch, 1000),
      };
      const cmap = directGlyph(b, ch);
      if (cmap) direct++;
      const got = cmap ?? {
        hex: b.encodeText(ch).toString().slice(1, -1),
        units: b.widthOfTextAtSize(ch, 1000),
      };
      expect(got, `U+${ch.charCodeAt(0).toString(16)}`).toEqual(expected);
    }
    expect(direct).toBeGreaterThan(180);
    for (const doc of [viaPdfLib, viaCmap]) doc.addPage();
    const [x, y] = await Promise.all([viaPdfLib.save(), viaCmap.save()]);
    expect(Buffer.compare(Buffer.from(x), Buffer.from(y))).toBe(0);
  });
});
