/**
 * Which layers (optional content) a file hides when it opens, and whether content marked with a layer or a
 * membership dictionary is hidden: the file's default settings, policies and visibility expressions, and
 * hostile ones (a list of a hundred thousand layers, an expression naming itself, a chain of expressions
 * deeper than the stack) answered as shown, at once.
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { LayerVisibility, layersHiddenByDefault } from '../../../../../../electron/services/pdf/read/layers';
import { PdfRef } from '../../../../../../electron/services/pdf/read/objects';
import { rawPdf, type RawObject } from '../../../../../helpers/rawPdf';

/** A file whose objects 3 and 4 are layers (3 hidden by `settings`' default), then `more` from 5 on. */
function withLayers(more: RawObject[], settings = '/D << /OFF [3 0 R] >>') {
  const pdf = rawPdf(
    [
      `<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [3 0 R 4 0 R] ${settings} >> >>`,
      '<< /Type /Pages /Kids [] /Count 0 >>',
      '<< /Type /OCG /Name (Hidden) >>',
      '<< /Type /OCG /Name (Shown) >>',
      ...more,
    ],
    '/Root 1 0 R',
  );
  return PdfFile.open({ bytes: pdf });
}

const ref = (num: number) => new PdfRef(num, 0);

describe('layersHiddenByDefault', () => {
  it('reads /OFF, and /BaseState /OFF with its /ON list; none without settings', () => {
    expect([...layersHiddenByDefault(withLayers([]).reader)]).toEqual(['3 0']);
    const baseOff = withLayers([], '/D << /BaseState /OFF /ON [3 0 R] >>');
    expect([...layersHiddenByDefault(baseOff.reader)]).toEqual(['4 0']);
    expect([...layersHiddenByDefault(withLayers([], '').reader)]).toEqual([]);
  });
});

describe('LayerVisibility', () => {
  it('hides content of a hidden layer, or of a membership dictionary whose policy says so', () => {
    const file = withLayers([
      '<< /Type /OCMD /OCGs [3 0 R 4 0 R] /P /AllOn >>',
      '<< /Type /OCMD /OCGs [3 0 R 4 0 R] >>',
      '<< /Type /OCMD /VE [/And 4 0 R [/Not 3 0 R]] >>',
    ]);
    const layers = new LayerVisibility(file.reader);
    expect(layers.hides(ref(3))).toBe(true);
    expect(layers.hides(ref(4))).toBe(false);
    expect(layers.hides(ref(5))).toBe(true);
    expect(layers.hides(ref(6))).toBe(false);
    expect(layers.hides(ref(7))).toBe(false);
    expect(layers.hides(undefined)).toBe(false);
  });

  it('takes a list of more than a thousand layers as shown', () => {
    const many = Array.from({ length: 100_000 }, () => '3 0 R').join(' ');
    const file = withLayers([`<< /Type /OCMD /OCGs [${many}] /P /AllOn >>`]);
    expect(new LayerVisibility(file.reader).hides(ref(5))).toBe(false);
  });

  it('takes an expression that names itself, or one deeper than it follows, as shown', () => {
    // A chain of `length` expressions, each [/Not next], the last [/Not hidden layer]; then one naming the first.
    const chained = (length: number) => {
      const chain: RawObject[] = Array.from({ length }, (_, i) => `[/Not ${i + 8} 0 R]`);
      const file = withLayers([
        '[/Not 5 0 R]',
        '<< /Type /OCMD /VE 5 0 R >>',
        ...chain,
        '[/Not 3 0 R]',
        '<< /Type /OCMD /VE 7 0 R >>',
      ]);
      const layers = new LayerVisibility(file.reader);
      return { itself: layers.hides(ref(6)), chain: layers.hides(ref(7 + length + 1)) };
    };
    // An odd number of Nots over the hidden layer: hidden, when followed to its end.
    expect(chained(3)).toEqual({ itself: false, chain: true });
    expect(chained(21)).toEqual({ itself: false, chain: false });
    // Far deeper than the stack: answered, as shown.
    expect(chained(50_001).chain).toBe(false);
  });
});
