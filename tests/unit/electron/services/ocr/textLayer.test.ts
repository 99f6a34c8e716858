/** The invisible text layer: where each word goes, what is left out, and that readers find it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { embedSubsetFont } from '../../../../../electron/services/pdf/fonts';
import { fontText } from '../../../../../electron/services/bundle/text';
import { openWithPdfjs, readPageText } from '../../../../../electron/services/pdf/pdfjs';
import {
  textLayerOperators,
  textLayerUpdate,
  type PageTextLayer,
  type RecognisedLine,
} from '../../../../../electron/services/ocr/textLayer';
import { HAS_PDFTOPPM, HAS_PDFTOTEXT, HAS_QPDF } from '../../../../helpers/importChecks';

const A4: [number, number] = [595.28, 841.89];
/** A 100-dpi picture filling an A4 page: pixel (x, y) from the top left → points from the bottom left. */
const PAGE_FROM_100DPI: PageTextLayer['userFromRaster'] = [0.72, 0, 0, -0.72, 0, A4[1]];
const VISIBLE = { x0: 0, y0: 0, x1: A4[0], y1: A4[1] };

/** A line of words across the picture, from x = 100, baseline falling `drop` pixels over its length. */
function line(words: string[], y: number, drop = 0, confidence = 90): RecognisedLine {
  let x = 100;
  const placed = words.map((text) => {
    const width = text.length * 14;
    const w = { text, x0: x, x1: x + width, y0: y - 20, y1: y + 5, confidence };
    x += width + 12;
    return w;
  });
  return { baseline: { x0: 100, y0: y, x1: x, y1: y + drop }, top: y - 20, words: placed };
}

async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage(A4);
  return doc.save();
}

const dir = mkdtempSync(join(tmpdir(), 'ocr-layer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the text layer', () => {
  it('puts each word where it was found, level, stretched to its width', async () => {
    const doc = await PDFDocument.create();
    const text = fontText(await embedSubsetFont(doc, 'DejaVuSans.ttf', 'TEST+DejaVuSans'));
    const layer = {
      page: 1,
      lines: [line(['Speech', 'and', 'language'], 200)],
      userFromRaster: PAGE_FROM_100DPI,
      visible: VISIBLE,
    };
    const { ops, words } = textLayerOperators(layer, text);
    expect(words).toBe(3);
    const matrices = [...ops.matchAll(/^(\S+) (\S+) (\S+) (\S+) (\S+) (\S+) Tm (\S+) Tz/gm)].map((m) =>
      m.slice(1).map(Number),
    );
    expect(matrices).toHaveLength(3);
    const [first] = matrices;
    // Level (no turn), size from the line's height: 20 px of capitals at 0.72 pt/px ÷ DejaVu's cap height.
    expect(first[1]).toBe(0);
    expect(first[2]).toBe(0);
    expect(first[0]).toBeCloseTo((20 / 0.73) * 0.72, 2);
    // At the word's left end, on the baseline: (100, 200) px → (72, 841.89 − 144) pt.
    expect(first[4]).toBeCloseTo(72, 2);
    expect(first[5]).toBeCloseTo(A4[1] - 144, 2);
    // The second word starts where it was found: after the first word and the gap.
    expect(matrices[1][4]).toBeCloseTo((100 + 6 * 14 + 12) * 0.72, 2);
  });

  it('writes words of a slightly crooked line level at their own height, and a steep line turned', async () => {
    const doc = await PDFDocument.create();
    const text = fontText(await embedSubsetFont(doc, 'DejaVuSans.ttf', 'TEST+DejaVuSans'));
    const crooked = textLayerOperators(
      {
        page: 1,
        lines: [line(['one', 'two', 'three'], 300, 30)],
        userFromRaster: PAGE_FROM_100DPI,
        visible: VISIBLE,
      },
      text,
    ).ops;
    const ys = [...crooked.matchAll(/^\S+ (\S+) \S+ \S+ \S+ (\S+) Tm/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(ys.map(([b]) => b)).toEqual([0, 0, 0]);
    expect(ys[0][1]).toBeGreaterThan(ys[2][1]); // lower on the page further along the line
    const steep = textLayerOperators(
      { page: 1, lines: [line(['steep'], 300, 200)], userFromRaster: PAGE_FROM_100DPI, visible: VISIBLE },
      text,
    ).ops;
    expect(Number(/^\S+ (\S+) /.exec(steep)![1])).toBeLessThan(0); // turned clockwise on the page
  });

  it('leaves out guesses, words outside the displayed page, and characters the font cannot show', async () => {
    const doc = await PDFDocument.create();
    const text = fontText(await embedSubsetFont(doc, 'DejaVuSans.ttf', 'TEST+DejaVuSans'));
    const lines = [line(['kept'], 500), line(['guess'], 600, 0, 12), line(['\u{1F600}'], 700)];
    const visible = { x0: 0, y0: 0, x1: A4[0], y1: A4[1] - 200 }; // the top 200 pt are cropped away
    const outside = line(['hidden'], 100); // 72 pt from the top
    const { words } = textLayerOperators(
      { page: 1, lines: [...lines, outside], userFromRaster: PAGE_FROM_100DPI, visible },
      text,
    );
    expect(words).toBe(1);
  });

  it.skipIf(!HAS_PDFTOTEXT || !HAS_PDFTOPPM)(
    'is found by pdftotext and pdf.js, copies out with spaces, and does not show',
    async () => {
      const original = await blankPdf();
      const { update, wordsByPage } = await textLayerUpdate(original, [
        {
          page: 1,
          lines: [line(['Provision', 'must', 'be', 'specific'], 200), line(['Section', 'F'], 260, 4)],
          userFromRaster: PAGE_FROM_100DPI,
          visible: VISIBLE,
        },
      ]);
      expect(wordsByPage.get(1)).toBe(6);
      // An incremental update: the original file is kept byte for byte, the layer appended after it.
      const bytes = new Uint8Array([...original, ...update]);
      expect(update.length).toBeLessThan(40_000);
      const path = join(dir, 'layer.pdf');
      writeFileSync(path, bytes);
      if (HAS_QPDF) execFileSync('qpdf', ['--check', path], { stdio: 'ignore' });
      const extracted = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
      expect(
        extracted
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      ).toEqual(['Provision must be specific', 'Section F']);
      const pdf = await openWithPdfjs(bytes);
      const found = await readPageText(pdf, 1);
      await pdf.destroy();
      expect(found.text.replace(/\s+/g, ' ')).toContain('Provision');
      // Rendered, the page is still blank: render mode 3 draws nothing.
      const ppm = execFileSync('pdftoppm', ['-r', '20', '-gray', '-singlefile', path]);
      const header = /^P5\s+\d+\s+\d+\s+\d+\s/.exec(ppm.subarray(0, 32).toString('latin1'))![0].length;
      expect(Math.min(...ppm.subarray(header))).toBe(255);
    },
  );
});
