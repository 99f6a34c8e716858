/**
 * Words a page's own drawing hides under a box painted over them (a redaction that left the words in the
 * file), read by the content reader: found whatever the box's colour, in a form or over a scan's invisible
 * recognised text; not found under a box drawn first (white words on a dark heading), a see-through or
 * blending box, a clipping rectangle, or a box over only part of them. And words drawn in the colour of
 * the box they are on (a black highlight): found in any device colour; not in another colour, nor on a
 * picture painted over the box. And words a pen scribbled over (thick opaque strokes, lines or curves,
 * on the page or in an ink comment): not under thin, see-through, blending or dashed lines. And words
 * out of view: outside the crop box (a page cropped to cut them off), off the page, outside a clipping
 * path or a form's box, or in a layer the file hides when it opens.
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../../electron/services/pdf/read';
import { ContentTextReader } from '../../../../../../electron/services/pdf/read/contentText';
import { CoveredText } from '../../../../../../electron/services/pdf/read/coveredText';
import { HELVETICA, rawPdf, type RawObject } from '../../../../../helpers/rawPdf';

const NAME = 'BT /F1 12 Tf 72 700 Td (Jo Bloggs, 12 Acacia Avenue) Tj ET';
/** Its words, as found hidden (a word at a time: a box over one word of a line hides that word). */
const WORDS = ['Jo', 'Bloggs,', '12', 'Acacia', 'Avenue'];
/** A box over the whole line above (it runs from x 72 for about 190 points, from y 697 to 710). */
const OVER_NAME = '70 694 200 20 re f';

/** What the content reader finds hidden on a one-page PDF drawing `content` (with `extra` resources). */
function coveredOn(
  content: string,
  extra = '',
  objects: RawObject[] = [],
  boxes = '/MediaBox [0 0 595 842]',
  catalog = '',
): string[] {
  const pdf = rawPdf(
    [
      `<< /Type /Catalog /Pages 2 0 R ${catalog} >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R ${boxes} /Resources << /Font << /F1 5 0 R >> ${extra} >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: content },
      HELVETICA,
      ...objects,
    ],
    '/Root 1 0 R',
  );
  const file = PdfFile.open({ bytes: pdf });
  try {
    return new ContentTextReader(file.reader).read(file.pages[0], { covered: true }).covered ?? [];
  } finally {
    file.close();
  }
}

describe('words hidden under a box painted over them', () => {
  it('are found under a black box, a white one, or one in any colour', () => {
    expect(coveredOn(`${NAME} 0 g ${OVER_NAME}`)).toEqual(WORDS);
    expect(coveredOn(`${NAME} 1 1 1 rg ${OVER_NAME}`)).toEqual(WORDS);
    expect(coveredOn(`${NAME} 0 0 0 1 k ${OVER_NAME}`)).toEqual(WORDS);
  });

  it('are looked for in one pass over a string of 200,000 words (a hostile page)', () => {
    // Each word's text was cut from the string shown so far, copied whole every time: 47 s on this page
    // (53 s to check the 600 KB file), where it is now a fifth of a second.
    const words = `BT /F1 12 Tf 72 700 Td (Secret ${'ab '.repeat(200_000)}) Tj ET`;
    expect(coveredOn(`${words} 0 g 70 694 40 20 re f`)).toEqual(['Secret']);
  }, 20_000);

  it('are found under a box drawn as four lines (as Word and pdf-lib draw one), not under another shape', () => {
    expect(coveredOn(`${NAME} 0 g 70 694 m 270 694 l 270 714 l 70 714 l h f`)).toEqual(WORDS);
    expect(coveredOn(`${NAME} 0 g 70 694 m 270 694 l 270 714 l 70 714 l 70 694 l f`)).toEqual(WORDS);
    // A triangle, and a diamond, cover some of the words and are no redaction box.
    expect(coveredOn(`${NAME} 0 g 0 600 m 595 600 l 300 842 l h f`)).toEqual([]);
    expect(coveredOn(`${NAME} 0 g 170 500 m 400 704 l 170 900 l -60 704 l h f`)).toEqual([]);
  });

  it('are found under a box moved into place, or drawn by a form', () => {
    expect(coveredOn(`${NAME} q 1 0 0 1 70 694 cm 0 0 200 20 re f Q`)).toEqual(WORDS);
    const form = {
      dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] >>',
      stream: `0 g ${OVER_NAME}`,
    };
    expect(coveredOn(`${NAME} /Box Do`, '/XObject << /Box 6 0 R >>', [form])).toEqual(WORDS);
  });

  it('are found under a form each page draws, however many pages draw it (a form without text is read again)', () => {
    const page = (contents: number) =>
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Box 6 0 R >> >> /Contents ${contents} 0 R >>`;
    const pdf = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>',
        page(4),
        { dict: '<< >>', stream: `${NAME} /Box Do` },
        HELVETICA,
        {
          dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << >> >>',
          stream: `0 g ${OVER_NAME}`,
        },
        page(8),
        { dict: '<< >>', stream: `${NAME} /Box Do` },
      ],
      '/Root 1 0 R',
    );
    const file = PdfFile.open({ bytes: pdf });
    try {
      const reader = new ContentTextReader(file.reader);
      for (const each of file.pages)
        expect(reader.read(each, { covered: true }).covered, `page ${each.index + 1}`).toEqual(WORDS);
    } finally {
      file.close();
    }
  });

  it('are found when they are a scan’s invisible recognised text under a black bar', () => {
    expect(
      coveredOn(`BT 3 Tr /F1 12 Tf 72 700 Td (Jo Bloggs, 12 Acacia Avenue) Tj ET 0 g ${OVER_NAME}`),
    ).toEqual(WORDS);
  });

  it('are not found under a box painted first (white words on a dark heading)', () => {
    expect(coveredOn(`0 g ${OVER_NAME} 1 g ${NAME}`)).toEqual([]);
  });

  it('are not found under a see-through or blending box, or a clipping rectangle', () => {
    const see = '/ExtGState << /Half << /ca 0.3 >> /Mult << /BM /Multiply >> >>';
    expect(coveredOn(`${NAME} q /Half gs 0 g ${OVER_NAME} Q`, see)).toEqual([]);
    expect(coveredOn(`${NAME} q /Mult gs 0 g ${OVER_NAME} Q`, see)).toEqual([]);
    expect(coveredOn(`${NAME} q 70 694 200 20 re W n 0 g Q`)).toEqual([]);
    // Opaque again after the see-through box's state is restored.
    expect(coveredOn(`${NAME} q /Half gs Q 0 g ${OVER_NAME}`, see)).toEqual(WORDS);
  });

  it('are found a word at a time: a box over the name in a line hides the name, not the rest', () => {
    // "Jo Bloggs," runs from x 72 to about 128.
    expect(coveredOn(`${NAME} 0 g 70 694 60 20 re f`)).toEqual(['Jo', 'Bloggs,']);
  });

  it('are not found under a box over only part of a word, or over other words', () => {
    expect(coveredOn(`${NAME} 0 g 70 694 10 20 re f`)).toEqual([]);
    expect(coveredOn(`${NAME} 0 g 70 500 200 20 re f`)).toEqual([]);
    // A thin rule under the line (an underline) hides nothing.
    expect(coveredOn(`${NAME} 0 g 72 696 190 1 re f`)).toEqual([]);
  });

  it('are not looked for unless asked', () => {
    const pdf = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        { dict: '<< >>', stream: `${NAME} 0 g ${OVER_NAME}` },
        HELVETICA,
      ],
      '/Root 1 0 R',
    );
    const file = PdfFile.open({ bytes: pdf });
    expect(new ContentTextReader(file.reader).read(file.pages[0]).covered).toBeUndefined();
    file.close();
  });
});

describe('words drawn in the colour of the box they are on', () => {
  it('are found black on black (a black highlight), white on white, in any device colour', () => {
    expect(coveredOn(`0 g ${OVER_NAME} ${NAME}`)).toEqual(WORDS);
    expect(coveredOn(`0 0 0 rg ${OVER_NAME} 0 0 0 1 k ${NAME}`)).toEqual(WORDS);
    expect(coveredOn(`1 g ${OVER_NAME} 1 1 1 rg ${NAME}`)).toEqual(WORDS);
    expect(coveredOn(`/DeviceGray cs 0.02 sc ${OVER_NAME} /DeviceRGB cs 0 0 0 scn ${NAME}`)).toEqual(WORDS);
    // A box of nearly the same colour hides them as well (Word's "Black, lighter 5%").
    expect(coveredOn(`0.05 g ${OVER_NAME} 0 g ${NAME}`)).toEqual(WORDS);
  });

  it('are found a word at a time: the words on the box, not those beside it', () => {
    expect(coveredOn(`0 g 70 694 60 20 re f ${NAME}`)).toEqual(['Jo', 'Bloggs,']);
  });

  it('are not found in another colour, or on a picture painted over the box, or in a colour not known', () => {
    expect(coveredOn(`1 1 0 rg ${OVER_NAME} 0 g ${NAME}`)).toEqual([]);
    expect(coveredOn(`0 g ${OVER_NAME} 0.3 g ${NAME}`)).toEqual([]);
    const picture = {
      dict: '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 >>',
      stream: '\x80',
    };
    expect(
      coveredOn(`0 g ${OVER_NAME} q 200 0 0 20 70 694 cm /Im Do Q ${NAME}`, '/XObject << /Im 6 0 R >>', [
        picture,
      ]),
    ).toEqual([]);
    expect(
      coveredOn(`0 g ${OVER_NAME} q 200 0 0 20 70 694 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q ${NAME}`),
    ).toEqual([]);
    expect(coveredOn(`0 g ${OVER_NAME} /Pattern cs /P1 scn ${NAME}`)).toEqual([]);
    // Invisible (a scan's recognised text) or outlined: no fill colour to match.
    expect(
      coveredOn(`0 g ${OVER_NAME} BT 3 Tr /F1 12 Tf 72 700 Td (Jo Bloggs, 12 Acacia Avenue) Tj ET`),
    ).toEqual([]);
    expect(
      coveredOn(`0 g ${OVER_NAME} BT 1 Tr /F1 12 Tf 72 700 Td (Jo Bloggs, 12 Acacia Avenue) Tj ET`),
    ).toEqual([]);
  });

  it('are not found on the bare page (white words there may be on something the reader does not see)', () => {
    expect(coveredOn(`1 g ${NAME}`)).toEqual([]);
  });
});

describe('words under a picture of one colour painted over them', () => {
  const picture = (dict: string, stream: string) => ({
    dict: `<< /Type /XObject /Subtype /Image ${dict} >>`,
    stream,
  });
  const over = `q 200 0 0 20 70 694 cm /Im Do Q`;
  const on = (dict: string, stream: string) =>
    coveredOn(`${NAME} ${over}`, '/XObject << /Im 6 0 R >>', [picture(dict, stream)]);

  it('are found under a black picture, a white one, or a stencil painting the fill colour', () => {
    expect(on('/Width 2 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x00\x00')).toEqual(WORDS);
    expect(
      on('/Width 1 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8', '\xff\xff\xff\xff\xff\xff'),
    ).toEqual(WORDS);
    expect(on('/Width 3 /Height 1 /ImageMask true', '\x00')).toEqual(WORDS);
    expect(on('/Width 3 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 1', '\xe0\xe0')).toEqual(WORDS);
  });

  it('are not found under a picture of more than one colour, a see-through one, or a JPEG (not decoded)', () => {
    expect(on('/Width 2 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x00\x80')).toEqual([]);
    expect(on('/Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /SMask 7 0 R', '\x00')).toEqual(
      [],
    );
    expect(on('/Width 3 /Height 1 /ImageMask true', '\x40')).toEqual([]);
    // A stencil that paints nowhere draws nothing.
    expect(on('/Width 3 /Height 1 /ImageMask true /Decode [1 0]', '\x00')).toEqual([]);
    expect(
      on('/Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode', '\xff\xd8'),
    ).toEqual([]);
  });

  it('are not found under a picture over only part of them, or drawn before them', () => {
    expect(
      coveredOn(`${NAME} q 20 0 0 20 300 694 cm /Im Do Q`, '/XObject << /Im 6 0 R >>', [
        picture('/Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x00'),
      ]),
    ).toEqual([]);
    expect(
      coveredOn(`${over} ${NAME}`, '/XObject << /Im 6 0 R >>', [
        picture('/Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x00'),
      ]),
    ).toEqual([]);
  });
});

describe('words under a filled rectangle comment (an annotation) drawn over them', () => {
  /** The page with one annotation (object 6) whose appearance (object 7) is `stream`. */
  const annotated = (annot: string, stream: string, appearance = '/BBox [0 0 200 20]') => {
    const pdf = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots [6 0 R] >>',
        { dict: '<< >>', stream: NAME },
        HELVETICA,
        `<< /Type /Annot ${annot} /AP << /N 7 0 R >> >>`,
        { dict: `<< /Type /XObject /Subtype /Form ${appearance} >>`, stream },
      ],
      '/Root 1 0 R',
    );
    const file = PdfFile.open({ bytes: pdf });
    try {
      const read = new ContentTextReader(file.reader).read(file.pages[0], { covered: true });
      return { covered: read.covered, text: read.text };
    } finally {
      file.close();
    }
  };

  it('are found under a black rectangle comment (as Preview and Acrobat draw one)', () => {
    const found = annotated('/Subtype /Square /Rect [70 694 270 714] /IC [0 0 0]', '0 g 0 0 200 20 re f');
    expect(found.covered).toEqual(WORDS);
    // The page's text is the page's: the comment adds none.
    expect(found.text).toBe('Jo Bloggs, 12 Acacia Avenue');
    // Its box fitted to the comment's rectangle, whatever the box's own units.
    expect(
      annotated('/Subtype /Square /Rect [70 694 270 714]', '0 g 0 0 1 1 re f', '/BBox [0 0 1 1]').covered,
    ).toEqual(WORDS);
  });

  it('are not found under a hidden or see-through comment, one elsewhere, or only outlined', () => {
    expect(annotated('/Subtype /Square /F 2 /Rect [70 694 270 714]', '0 g 0 0 200 20 re f').covered).toEqual(
      [],
    );
    expect(
      annotated('/Subtype /Square /CA 0.5 /Rect [70 694 270 714]', '0 g 0 0 200 20 re f').covered,
    ).toEqual([]);
    expect(annotated('/Subtype /Square /Rect [70 500 270 520]', '0 g 0 0 200 20 re f').covered).toEqual([]);
    expect(annotated('/Subtype /Square /Rect [70 694 270 714]', '0 G 2 w 1 1 198 18 re S').covered).toEqual(
      [],
    );
  });
});

describe('words scribbled over with a pen (thick opaque strokes painted after them)', () => {
  // The name's words lie between y 698.8 and 707.2 (its glyphs' body), from x 72 to about 262.
  /** A zigzag scribble over the line, `passes` strokes up and down, `width` points wide. */
  const zigzag = (width: number, passes: number) =>
    `${width} w 1 J 1 j 68 699 m ` +
    Array.from({ length: passes }, (_, i) => `${70 + (i + 1) * (196 / passes)} ${i % 2 ? 699 : 707} l`).join(
      ' ',
    ) +
    ' S';

  it('are found under one thick line along them, a zigzag of lines, or curves', () => {
    expect(coveredOn(`${NAME} 0 G 12 w 70 703 m 266 703 l S`)).toEqual(WORDS);
    expect(coveredOn(`${NAME} 0 G ${zigzag(5, 60)}`)).toEqual(WORDS);
    // One with slivers of the words left between its strokes (a fifth of them) is not hidden.
    expect(coveredOn(`${NAME} 0 G ${zigzag(5, 40)}`)).toEqual([]);
    // Curves (as a pen tool draws): loops over the line.
    const loops = Array.from({ length: 20 }, (_, i) => {
      const x = 70 + i * 10;
      return `${x + 3} 712 ${x + 7} 694 ${x + 10} 703 c`;
    }).join(' ');
    expect(coveredOn(`${NAME} 0 G 7 w 1 J 70 703 m ${loops} S`)).toEqual(WORDS);
    // Filled and stroked (B), and closed and stroked (s).
    expect(coveredOn(`${NAME} 0 g 0 G 12 w 70 703 m 266 703 l B`)).toEqual(WORDS);
    // In a comment drawn with the pen (an ink annotation's appearance).
    const file = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots [6 0 R] >>',
        { dict: '<< >>', stream: NAME },
        HELVETICA,
        '<< /Type /Annot /Subtype /Ink /Rect [60 690 280 716] /AP << /N 7 0 R >> >>',
        {
          dict: '<< /Type /XObject /Subtype /Form /BBox [60 690 280 716] >>',
          stream: `0 G ${zigzag(6, 60)}`,
        },
      ],
      '/Root 1 0 R',
    );
    const opened = PdfFile.open({ bytes: file });
    try {
      expect(new ContentTextReader(opened.reader).read(opened.pages[0], { covered: true }).covered).toEqual(
        WORDS,
      );
    } finally {
      opened.close();
    }
  });

  it('are not found under a thin line (struck through, underlined) or one through the middle only', () => {
    expect(coveredOn(`${NAME} 0 G 1 w 70 703 m 266 703 l S`)).toEqual([]);
    expect(coveredOn(`${NAME} 0 G 1.5 w 70 697 m 266 697 l S`)).toEqual([]);
    expect(coveredOn(`${NAME} 0 G 4 w 70 703 m 266 703 l S`)).toEqual([]);
    // A scribble with gaps between its strokes shows the words through them.
    expect(coveredOn(`${NAME} 0 G ${zigzag(2, 10)}`)).toEqual([]);
  });

  it('are not found under a see-through, blending or dashed stroke, or one drawn before them', () => {
    const over = '0 G 12 w 70 703 m 266 703 l S';
    expect(coveredOn(`${NAME} /GS1 gs ${over}`, '/ExtGState << /GS1 << /CA 0.4 >> >>')).toEqual([]);
    // A highlighter: multiplied with the page.
    expect(coveredOn(`${NAME} /GS1 gs ${over}`, '/ExtGState << /GS1 << /BM /Multiply >> >>')).toEqual([]);
    expect(coveredOn(`${NAME} [3 3] 0 d ${over}`)).toEqual([]);
    expect(coveredOn(`${over} 1 g ${NAME}`)).toEqual([]);
    // Opaque fills do not make strokes opaque: a stroke's own opacity (CA) counts.
    expect(coveredOn(`${NAME} /GS1 gs ${over}`, '/ExtGState << /GS1 << /ca 1 /CA 0.3 >> >>')).toEqual([]);
    expect(coveredOn(`${NAME} /GS1 gs ${over}`, '/ExtGState << /GS1 << /ca 0.3 >> >>')).toEqual(WORDS);
  });

  it('are found a word at a time: a pen over the name hides the name, not the rest', () => {
    // Over "Jo Bloggs," only (x 72 to about 125).
    expect(coveredOn(`${NAME} 0 G 12 w 70 703 m 126 703 l S`)).toEqual(['Jo', 'Bloggs,']);
  });
});

describe('words cropped or clipped out of view', () => {
  it('are found outside the crop box (a page cropped to cut a name off), or off the page', () => {
    expect(coveredOn(NAME, '', [], '/MediaBox [0 0 595 842] /CropBox [0 0 595 600]')).toEqual(WORDS);
    expect(coveredOn(NAME.replace('72 700 Td', '72 900 Td'))).toEqual(WORDS);
    expect(coveredOn(NAME.replace('72 700 Td', '-300 700 Td'))).toEqual(WORDS);
    // A scan's invisible recognised text, its picture cropped.
    expect(
      coveredOn(NAME.replace('BT', 'BT 3 Tr'), '', [], '/MediaBox [0 0 595 842] /CropBox [0 0 595 600]'),
    ).toEqual(WORDS);
    expect(coveredOn(NAME, '', [], '/MediaBox [0 0 595 842] /CropBox [0 0 595 800]')).toEqual([]);
  });

  it('are found a word at a time: a crop through a line hides the words past it, not one it cuts', () => {
    // "Jo Bloggs," runs from x 72 to about 128, "12" from about 131 to 144.
    expect(coveredOn(NAME, '', [], '/MediaBox [0 0 595 842] /CropBox [0 0 130 842]')).toEqual([
      '12',
      'Acacia',
      'Avenue',
    ]);
    expect(coveredOn(NAME, '', [], '/MediaBox [0 0 595 842] /CropBox [0 0 138 842]')).toEqual([
      'Acacia',
      'Avenue',
    ]);
  });

  it('are found outside a clipping path, or a form’s box; not inside one, nor after glyphs clip', () => {
    expect(coveredOn(`q 0 0 595 600 re W n ${NAME} Q`)).toEqual(WORDS);
    expect(coveredOn(`q 0 0 595 800 re W n ${NAME} Q`)).toEqual([]);
    const form = (bbox: string): RawObject => ({
      dict: `<< /Type /XObject /Subtype /Form /BBox ${bbox} /Resources << /Font << /F1 5 0 R >> >> >>`,
      stream: NAME,
    });
    expect(coveredOn('/Fm Do', '/XObject << /Fm 6 0 R >>', [form('[0 0 595 600]')])).toEqual(WORDS);
    expect(coveredOn('/Fm Do', '/XObject << /Fm 6 0 R >>', [form('[0 0 595 842]')])).toEqual([]);
    // Glyphs drawn as a clipping path (Tr 7): what follows shows through them, a shape not known here.
    const clipped = `q BT 7 Tr /F1 48 Tf 72 690 Td (CLIP) Tj ET ${NAME.replace('BT', 'BT 0 Tr')} Q`;
    expect(coveredOn(clipped)).toEqual([]);
  });

  it('are not found when the page also shows them where they can be seen', () => {
    const twice = `${NAME} ${NAME.replace('72 700 Td', '72 900 Td')}`;
    expect(coveredOn(twice)).toEqual([]);
  });
});

describe('words in a layer the file hides when it opens (optional content)', () => {
  // Layer 6 is hidden when the file opens, layer 7 shown.
  const LAYERS: RawObject[] = ['<< /Type /OCG /Name (Hidden) >>', '<< /Type /OCG /Name (Shown) >>'];
  const CATALOG = '/OCProperties << /OCGs [6 0 R 7 0 R] /D << /OFF [6 0 R] >> >>';
  const PROPERTIES = '/Properties << /H 6 0 R /S 7 0 R >>';
  const inLayers = (content: string, extra = '', objects: RawObject[] = [], catalog = CATALOG) =>
    coveredOn(content, `${PROPERTIES} ${extra}`, [...LAYERS, ...objects], undefined, catalog);

  it('are found in marked content of a hidden layer, not of a shown one', () => {
    expect(inLayers(`/OC /H BDC ${NAME} EMC`)).toEqual(WORDS);
    expect(inLayers(`/OC /S BDC ${NAME} EMC`)).toEqual([]);
    // Nested in other marked content; and after the layer's content ends, words show again.
    expect(inLayers(`/OC /H BDC /Span << >> BDC ${NAME} EMC EMC`)).toEqual(WORDS);
    expect(inLayers(`/OC /H BDC EMC ${NAME}`)).toEqual([]);
    // The same layer turned on by the file's settings.
    expect(
      inLayers(`/OC /H BDC ${NAME} EMC`, '', [], '/OCProperties << /OCGs [6 0 R 7 0 R] /D << >> >>'),
    ).toEqual([]);
    // Everything hidden but what /ON names.
    const baseOff = '/OCProperties << /OCGs [6 0 R 7 0 R] /D << /BaseState /OFF /ON [6 0 R] >> >>';
    expect(inLayers(`/OC /S BDC ${NAME} EMC`, '', [], baseOff)).toEqual(WORDS);
  });

  it('are found in a form of a hidden layer, or drawn in hidden marked content', () => {
    const form = (oc: string): RawObject => ({
      dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] ${oc} /Resources << /Font << /F1 5 0 R >> >> >>`,
      stream: NAME,
    });
    expect(inLayers('/Fm Do', '/XObject << /Fm 8 0 R >>', [form('/OC 6 0 R')])).toEqual(WORDS);
    expect(inLayers('/Fm Do', '/XObject << /Fm 8 0 R >>', [form('/OC 7 0 R')])).toEqual([]);
    expect(inLayers('/OC /H BDC /Fm Do EMC', '/XObject << /Fm 8 0 R >>', [form('')])).toEqual(WORDS);
  });

  it('are found by a membership dictionary’s policy or expression', () => {
    const withM = (rest: string) =>
      coveredOn(
        `/OC /M BDC ${NAME} EMC`,
        '/Properties << /M 8 0 R >>',
        [...LAYERS, `<< /Type /OCMD ${rest} >>`],
        undefined,
        CATALOG,
      );
    expect(withM('/OCGs [6 0 R 7 0 R]')).toEqual([]); // AnyOn: one is on
    expect(withM('/OCGs [6 0 R 7 0 R] /P /AllOn')).toEqual(WORDS);
    expect(withM('/OCGs [6 0 R 7 0 R] /P /AnyOff')).toEqual([]);
    expect(withM('/OCGs [6 0 R 7 0 R] /P /AllOff')).toEqual(WORDS);
    expect(withM('/OCGs 6 0 R')).toEqual(WORDS);
    expect(withM('/VE [/And 6 0 R 7 0 R]')).toEqual(WORDS);
    expect(withM('/VE [/Or 6 0 R [/Not 7 0 R]]')).toEqual(WORDS);
    expect(withM('/VE [/Not 6 0 R]')).toEqual([]);
    // An expression not understood counts as shown.
    expect(withM('/VE [/Xor 6 0 R]')).toEqual([]);
  });

  it('are not hidden by a box in a hidden layer (it paints nothing)', () => {
    expect(inLayers(`${NAME} /OC /H BDC 0 g ${OVER_NAME} EMC`)).toEqual([]);
    expect(inLayers(`${NAME} /OC /S BDC 0 g ${OVER_NAME} EMC`)).toEqual(WORDS);
  });
});

describe('invisible words over nothing (a scan’s recognised text, its picture taken out)', () => {
  const INVISIBLE = NAME.replace('BT', 'BT 3 Tr');
  const scan = {
    dict: '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 >>',
    stream: '\x10\x80\x80\x10',
  };
  const SCAN = 'q 595 0 0 842 0 0 cm /Im Do Q';

  it('are found where nothing is painted under them', () => {
    expect(coveredOn(INVISIBLE)).toEqual(WORDS);
  });

  it('are not found over the scan they were read from, drawn before or after them', () => {
    expect(coveredOn(`${SCAN} ${INVISIBLE}`, '/XObject << /Im 6 0 R >>', [scan])).toEqual([]);
    expect(coveredOn(`${INVISIBLE} ${SCAN}`, '/XObject << /Im 6 0 R >>', [scan])).toEqual([]);
  });

  it('are not found when a page has fewer than five (a producer’s mark, as TCPDF writes)', () => {
    expect(coveredOn('BT 3 Tr /F1 8 Tf 72 20 Td (Powered by TCPDF www.tcpdf.org) Tj ET')).toEqual([]);
    expect(coveredOn('BT 3 Tr /F1 8 Tf 72 20 Td (a b c d e) Tj ET')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('CoveredText', () => {
  it('compares at most two million run and box pairs on a page, then stops looking', () => {
    const covered = new CoveredText();
    // 3,000 words, then 1,000 boxes each over all of them: three million pairs.
    for (let i = 0; i < 3000; i++) covered.addRun(`w${i}`, [10, 10, 50, 20]);
    for (let i = 0; i < 1000; i++) covered.addBox([0, 0, 100, 30]);
    const found = covered.covered();
    // Each word is found under the first box it meets; the budget is not what stops this page.
    expect(found).toHaveLength(3000);
    const crowded = new CoveredText();
    for (let i = 0; i < 3000; i++) crowded.addRun(`w${i}`, [10, 10, 50, 20]);
    // Boxes elsewhere, each compared with every word: past the budget the rest count as not hidden.
    for (let i = 0; i < 1000; i++) crowded.addBox([200, 200, 300, 300]);
    crowded.addBox([0, 0, 100, 30]);
    expect(crowded.covered().length).toBe(Math.floor(2_000_000 / 1001));
  });

  it('counts strokes looked through against the same budget, and keeps at most 100,000 pieces of them', () => {
    const crowded = new CoveredText();
    for (let i = 0; i < 3000; i++) crowded.addRun(`w${i}`, [10, 10, 50, 20]);
    // Thick strokes elsewhere, each looked at for every word, then one along all the words.
    for (let i = 0; i < 1000; i++) crowded.addStroke([200, 200 + i, 300, 200 + i], 5, null);
    crowded.addStroke([0, 15, 60, 15], 10, null);
    const found = crowded.covered().length;
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(3000);
    // Past 100,000 pieces on a page, no more strokes are kept.
    const many = new CoveredText();
    many.addRun('name', [10, 10, 50, 20]);
    many.addStroke(Array.from({ length: 100_000 }, (_, i) => [500, i, 501, i]).flat(), 2, null);
    many.addStroke([0, 15, 60, 15], 10, null);
    expect(many.covered()).toEqual([]);
  });

  it('takes a run as hidden only under a box painted after it, covering nine tenths of it', () => {
    const covered = new CoveredText();
    covered.addBox([0, 0, 100, 100]); // before any text: nothing to hide
    covered.addRun('first', [10, 10, 50, 20]);
    covered.addRun('second', [10, 40, 50, 50]);
    covered.addBox([0, 0, 100, 30]); // over the first only
    covered.addBox([10, 40, 45, 50]); // 87.5% of the second
    expect(covered.covered()).toEqual(['first']);
  });
});
