/**
 * Page normalisation in the bundle, read back with poppler: US Letter, Legal, odd and broken page sizes
 * come out on A4 portrait, landscape pages on A4 landscape (readable left to right) or, when the case asks,
 * turned to portrait; nothing is cropped (pdftotext finds text written at every edge); and the bundle
 * number sits at the bottom right of the page as seen (found on a rendered PNG).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleVersion } from '../../../../../shared/bundle/types';
import { bundleOfOne, tempServices } from '../../../../helpers/context';
import { decodePng } from '../../../../helpers/images';
import { userUnitPdf } from '../../../../helpers/damage';
import { HAS_PDFINFO, HAS_PDFTOPPM, HAS_PDFTOTEXT } from '../../../../helpers/importChecks';
import { HELVETICA, rawPdf } from '../../../../helpers/rawPdf';

const EDGES = ['NORTHWEST', 'NORTHEAST', 'SOUTHWEST', 'SOUTHEAST', 'MIDDLE'];

/**
 * A page filled light blue with a red word near each corner and one in the middle, for a media box of
 * `box` (its origin need not be 0 0) and an optional /Rotate.
 */
function pagePdf(box: [number, number, number, number], extra = ''): Uint8Array<ArrayBuffer> {
  const [x0, y0, x1, y1] = box;
  const at = (x: number, y: number, word: string) => `BT /F1 9 Tf ${x} ${y} Td (${word}) Tj ET`;
  const content = [
    `0.85 0.92 1 rg ${x0} ${y0} ${x1 - x0} ${y1 - y0} re f`,
    '1 0 0 rg',
    at(x0 + 4, y1 - 12, EDGES[0]),
    at(x1 - 64, y1 - 12, EDGES[1]),
    at(x0 + 4, y0 + 4, EDGES[2]),
    at(x1 - 64, y0 + 4, EDGES[3]),
    at((x0 + x1) / 2 - 20, (y0 + y1) / 2, EDGES[4]),
  ].join('\n');
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [${box.join(' ')}] ${extra} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: '<< >>', stream: content },
      HELVETICA,
    ],
    '/Root 1 0 R',
  );
}

/** Each source, and how its page should show in the bundle: size as displayed, and pdfinfo's rotation. */
const SOURCES = [
  { name: 'US Letter letter', pdf: pagePdf([0, 0, 612, 792]), shows: 'portrait', rot: 0 },
  { name: 'US Legal order', pdf: pagePdf([0, 0, 612, 1008]), shows: 'portrait', rot: 0 },
  { name: 'A4 landscape table', pdf: pagePdf([0, 0, 842, 595]), shows: 'landscape', rot: 0 },
  { name: 'A4 turned by Rotate', pdf: pagePdf([0, 0, 595, 842], '/Rotate 90'), shows: 'landscape', rot: 90 },
  { name: 'Letter landscape chart', pdf: pagePdf([0, 0, 792, 612]), shows: 'landscape', rot: 0 },
  { name: 'Odd scan with an offset box', pdf: pagePdf([-100, 200, 380, 900]), shows: 'portrait', rot: 0 },
  // Readers show US Letter for a box of zero size: so does the bundle, placed on A4.
  { name: 'Zero media box', pdf: pagePdf([0, 0, 612, 792]).slice(), zero: true, shows: 'portrait', rot: 0 },
] as const;

function zeroBox(pdf: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  // Same length, so the cross-reference table stays right.
  const text = Buffer.from(pdf)
    .toString('latin1')
    .replace('/MediaBox [0 0 612 792]', '/MediaBox [0 0   0   0]');
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

function pdfinfoPage(path: string, page: number): { width: number; height: number; rot: number } {
  const out = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), path], { encoding: 'utf8' });
  const size = new RegExp(`Page\\s+${page} size:\\s+([\\d.]+) x ([\\d.]+) pts`).exec(out);
  const rot = new RegExp(`Page\\s+${page} rot:\\s+(\\d+)`).exec(out);
  if (!size || !rot) throw new Error(`pdfinfo said nothing about page ${page}:\n${out}`);
  return { width: Number(size[1]), height: Number(size[2]), rot: Number(rot[1]) };
}

function pageText(path: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });
}

/**
 * Where the page's black pixels are, as fractions of the rendered (as displayed) page: the bundle number
 * is the only black thing on these pages (their own drawing is blue and red).
 */
function blackArea(path: string, page: number) {
  const png = execFileSync(
    'pdftoppm',
    ['-png', '-r', '72', '-f', String(page), '-l', String(page), '-singlefile', path],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const image = decodePng(new Uint8Array(png));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 3;
      if (image.rgb[i] < 110 && image.rgb[i + 1] < 110 && image.rgb[i + 2] < 110) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  return {
    found: maxX >= 0,
    left: minX / image.width,
    right: (maxX + 1) / image.width,
    top: minY / image.height,
    bottom: (maxY + 1) / image.height,
    landscape: image.width > image.height,
  };
}

const A4_SHORT = 595.28;
const A4_LONG = 841.89;

let t: ReturnType<typeof tempServices>;
let caseId: number;
beforeAll(async () => {
  t = tempServices();
  caseId = t.services.cases.create({ title: 'Sizes', role: 'parent', appealType: 'refusal-to-assess' }).id;
  for (const source of SOURCES) {
    const data = 'zero' in source ? zeroBox(source.pdf) : source.pdf;
    const [outcome] = await t.services.documents.import({
      caseId,
      section: 'C',
      files: [{ name: `${source.name}.pdf`, data }],
    });
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
  }
});
afterAll(() => t.dispose());

/** Bundle page (1-based) of each source: after the cover and the index page. */
const pageOf = (i: number) => 3 + i;

describe.runIf(HAS_PDFINFO && HAS_PDFTOTEXT && HAS_PDFTOPPM)('page normalisation (on by default)', () => {
  let bundle: BundleVersion;
  beforeAll(async () => {
    bundle = await t.services.bundle.build(caseId, { compiledDate: '2026-03-01' });
  });

  it.each(SOURCES.map((s, i) => [s.name, i] as const))(
    '%s comes out on A4, uncropped, numbered bottom right',
    (_n, i) => {
      const source = SOURCES[i];
      const info = pdfinfoPage(bundle.path, pageOf(i));
      const [w, h] = info.rot % 180 === 0 ? [info.width, info.height] : [info.height, info.width];
      expect(info.rot).toBe(source.rot);
      if (source.shows === 'portrait') {
        expect(w).toBeCloseTo(A4_SHORT, 0);
        expect(h).toBeCloseTo(A4_LONG, 0);
      } else {
        expect(w).toBeCloseTo(A4_LONG, 0);
        expect(h).toBeCloseTo(A4_SHORT, 0);
      }
      const text = pageText(bundle.path, pageOf(i));
      for (const word of EDGES) expect(text, `${word} on ${source.name}`).toContain(word);
      const black = blackArea(bundle.path, pageOf(i));
      expect(black.found).toBe(true);
      expect(black.landscape).toBe(source.shows === 'landscape');
      expect(black.left).toBeGreaterThan(0.7);
      expect(black.right).toBeLessThan(1);
      expect(black.top).toBeGreaterThan(0.88);
      expect(black.bottom).toBeLessThan(1);
    },
  );

  it('landscape pages turn to portrait when the case asks, still numbered bottom right as seen', async () => {
    t.services.cases.update(caseId, { pageSettings: { landscapePages: 'rotate' } });
    try {
      const turned = await t.services.bundle.build(caseId, { compiledDate: '2026-03-01' });
      SOURCES.forEach((source, i) => {
        const info = pdfinfoPage(turned.path, pageOf(i));
        const [w, h] = info.rot % 180 === 0 ? [info.width, info.height] : [info.height, info.width];
        expect(w, source.name).toBeLessThan(h);
        const black = blackArea(turned.path, pageOf(i));
        expect(black.landscape).toBe(false);
        expect(black.left).toBeGreaterThan(0.7);
        expect(black.top).toBeGreaterThan(0.88);
      });
    } finally {
      t.services.cases.update(caseId, { pageSettings: { landscapePages: 'keep' } });
    }
  });

  it('leaves sizes as they are when the case turns normalisation off (broken boxes still repaired)', async () => {
    const kept = await t.services.bundle.build(caseId, { compiledDate: '2026-03-01', normalisePages: false });
    const letter = pdfinfoPage(kept.path, pageOf(0));
    expect([letter.width, letter.height]).toEqual([612, 792]);
    const legal = pdfinfoPage(kept.path, pageOf(1));
    expect([legal.width, legal.height]).toEqual([612, 1008]);
    const zero = pdfinfoPage(kept.path, pageOf(SOURCES.length - 1));
    expect([zero.width, zero.height]).toEqual([612, 792]);
    expect(pageText(kept.path, pageOf(SOURCES.length - 1))).toContain('MIDDLE');
  });

  it('puts a page under an inch tall on A4 even then, so its number fits: the build no longer fails', async () => {
    // A line of text cropped out of a page (pdf.js's issue7074_reduced.pdf is such a file): with sizes kept
    // its number did not fit in its corner, and the build failed its own check.
    const strip = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /CropBox [0 760 150 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        { dict: '<< >>', stream: '1 0 0 rg BT /F1 9 Tf 4 770 Td (CROPPED LINE) Tj ET' },
        HELVETICA,
      ],
      '/Root 1 0 R',
    );
    const { bundle: kept } = await bundleOfOne(t.services, 'strip.pdf', strip, { normalisePages: false });
    const page = pdfinfoPage(kept.path, 3);
    expect(page.width).toBeCloseTo(A4_LONG, 0);
    expect(page.height).toBeCloseTo(A4_SHORT, 0);
    expect(pageText(kept.path, 3)).toContain('CROPPED LINE');
    const black = blackArea(kept.path, 3);
    expect(black.left).toBeGreaterThan(0.7);
    expect(black.top).toBeGreaterThan(0.88);
  });

  it("scales an annotation's border with its page, shared border styles once", async () => {
    // pdf.js's bug1552113.pdf: a link's border 112 points wide on a page 250 by 50, scaled onto A4 with
    // its border left as it was, drew a box two thirds as wide as in the file over the text below it.
    const small = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 424] /Annots [5 0 R 6 0 R 7 0 R] /Contents 4 0 R >>',
        { dict: '<< >>', stream: '0 0 1 rg 10 10 50 50 re f' },
        '<< /Type /Annot /Subtype /Link /Rect [10 300 110 320] /Border [0 0 2 [3 1]] /A << /S /URI /URI (https://example.org/) >> >>',
        '<< /Type /Annot /Subtype /Square /Rect [20 100 120 200] /BS 8 0 R >>',
        '<< /Type /Annot /Subtype /Square /Rect [150 100 250 200] /BS 8 0 R >>',
        '<< /W 3 /D [4 2] >>',
      ],
      '/Root 1 0 R',
    );
    const { bundle: built } = await bundleOfOne(t.services, 'borders.pdf', small);
    const doc = await PDFDocument.load(readFileSync(built.path), { updateMetadata: false });
    const scale = Math.min(A4_SHORT / 300, A4_LONG / 424);
    const annots = doc.getPage(2).node.Annots()!;
    const dict = (i: number) => annots.lookup(i, PDFDict);
    const link = dict(0);
    const border = link.lookup(PDFName.of('Border'), PDFArray);
    expect(border.lookup(2, PDFNumber).asNumber()).toBeCloseTo(2 * scale, 2);
    expect(border.lookup(3, PDFArray).lookup(0, PDFNumber).asNumber()).toBeCloseTo(3 * scale, 2);
    for (const square of [dict(1), dict(2)]) {
      const style = square.lookup(PDFName.of('BS'), PDFDict);
      expect(style.lookup(PDFName.of('W'), PDFNumber).asNumber()).toBeCloseTo(3 * scale, 2);
      expect(style.lookup(PDFName.of('D'), PDFArray).lookup(0, PDFNumber).asNumber()).toBeCloseTo(
        4 * scale,
        2,
      );
    }
    const rect = dict(1).lookup(PDFName.of('Rect'), PDFArray);
    expect(rect.lookup(2, PDFNumber).asNumber() - rect.lookup(0, PDFNumber).asNumber()).toBeCloseTo(
      100 * scale,
      2,
    );
  });

  it('keeps a page drawn in units of an inch (/UserUnit 72) at its size in points', async () => {
    // 8 by 12 units: its box is under the quarter inch a page must have only if read as points, and it was
    // taken as broken, shown as US Letter in its own units, 72 times too big (pdf.js's issue19176.pdf).
    const { bundle: kept } = await bundleOfOne(t.services, 'inches.pdf', userUnitPdf(72), {
      normalisePages: false,
    });
    const page = pdfinfoPage(kept.path, 3);
    expect([page.width, page.height]).toEqual([576, 864]);
    expect(pageText(kept.path, 3)).toContain('Drawn in large units');
  });
});
