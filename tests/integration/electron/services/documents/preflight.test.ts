/**
 * The import pre-flight (documents/preflight.ts): a file whose pages the bundle's preparation cannot take
 * is repaired at import, and the last resort, pages drawn as pictures of themselves, keeps every page at
 * its size, showing what it showed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  preflightPdf,
  stampsSeenByPdfjs,
  trialBundle,
} from '../../../../../electron/services/documents/preflight';
import { findQpdf } from '../../../../../electron/services/documents/executables';
import { ImportRefusal } from '../../../../../electron/services/documents/refusals';
import { PageTextReader } from '../../../../../electron/services/pdf/read/text';
import {
  picturesOfPages,
  replacePagesWithPictures,
} from '../../../../../electron/services/documents/rasterise';
import { tempServices } from '../../../../helpers/context';
import { parentLoopPdf, plainTextPdf } from '../../../../helpers/damage';
import { HAS_PDFTOPPM, HAS_PDFTOTEXT } from '../../../../helpers/importChecks';
import { HELVETICA, rawPdf, textContent } from '../../../../helpers/rawPdf';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'preflight-test-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pre-flight', () => {
  it('passes a sound document through the bundle preparation', async () => {
    expect(await trialBundle(plainTextPdf(), work)).toMatchObject({ ok: true });
  });

  it('catches a page the bundle preparation cannot take (its parent loops), and import repairs it', async () => {
    const trial = await trialBundle(parentLoopPdf(), work);
    expect(trial).toMatchObject({ ok: false, stage: 'prepare' });

    const t = tempServices();
    try {
      const caseId = t.services.cases.create({
        title: 'Loop',
        role: 'parent',
        appealType: 'refusal-to-assess',
      }).id;
      const [outcome] = await t.services.documents.import({
        caseId,
        section: 'C',
        files: [{ name: 'parent-loop.pdf', data: parentLoopPdf() }],
      });
      expect(outcome).toMatchObject({ status: 'imported', conversion: 'repaired', pageCount: 1 });
      if (outcome.status !== 'imported') return;
      expect(outcome.notes).toContain('It was repaired so that every page can go into a bundle.');
      // The file kept is one the preparation takes, and the bundle builds.
      const stored = t.ctx.store.pdfPath(t.services.documents.get(outcome.documentId).sha256);
      expect(await trialBundle(new Uint8Array(readFileSync(stored)), work)).toMatchObject({ ok: true });
      expect((await t.services.bundle.build(caseId)).verification.ok).toBe(true);
    } finally {
      t.dispose();
    }
  });
});

describe('a trial that puts in fewer pages than the document shows', () => {
  // A page tree whose second kid is null: pdf.js counts 2 pages, pdf-lib's trial bundle took 1, and the
  // pre-flight passed it; every build of the bundle then stopped ("has 1 pages but the bundle plan expected
  // 2", fuzz seed 59). Passed only when every page is in the trial, or changed until it is.
  it('is not passed', async () => {
    const nullKid = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${HELVETICA} >> >> /Contents 4 0 R >>`,
        { dict: '<< >>', stream: textContent(['Page one of the decision']) },
        'null',
      ],
      '/Root 1 0 R',
    );
    const trial = await trialBundle(nullKid, work);
    expect(trial.ok && trial.prepared.pages.length).toBe(1);
    let result: Awaited<ReturnType<typeof preflightPdf>> | null = null;
    try {
      result = await preflightPdf(nullKid, {
        name: 'decision.pdf',
        pageCount: 2,
        qpdf: findQpdf(),
        pdftoppm: null,
        workRoot: work,
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ImportRefusal);
    }
    if (result) {
      expect(result.changed).toBe(true);
      expect((await PDFDocument.load(result.pdf)).getPageCount()).toBe(2);
    }
  });
});

describe("pdf.js's read-back of the trial", () => {
  /** Pages numbered in the corner as the bundle's stamps are, pages 2 and 9 with the wrong number. */
  async function numberedPages(count: number): Promise<string> {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let i = 1; i <= count; i++) {
      const page = doc.addPage([595, 842]);
      page.drawText(`Page ${i} of a letter`, { x: 72, y: 760, size: 12, font });
      page.drawText(i === 2 || i === 9 ? `X${i}` : `C${i}`, { x: 520, y: 20, size: 10, font });
    }
    const path = join(work, `numbered-${count}.pdf`);
    writeFileSync(path, await doc.save());
    return path;
  }
  const labels = (count: number) => Array.from({ length: count }, (_, i) => `C${i + 1}`);

  it.each([
    ['in this thread', false],
    ['shared with a second thread', true],
  ])('finds every page whose number pdf.js does not see, %s', async (_how, shared) => {
    const path = await numberedPages(10);
    const helper = shared ? PageTextReader.start() : null;
    try {
      // Page 9 is in the second half, which the helper reads.
      expect(await stampsSeenByPdfjs(path, labels(10), helper)).toEqual({ failed: [2, 9], error: '' });
      // Pages the file does not have show no number either.
      expect(await stampsSeenByPdfjs(path, labels(12), helper)).toEqual({
        failed: [2, 9, 11, 12],
        error: '',
      });
    } finally {
      await helper?.close();
    }
  });

  it('says why when pdf.js cannot open the file, in either thread', async () => {
    const path = join(work, 'not-a-pdf.pdf');
    writeFileSync(path, 'This is not a PDF.');
    const helper = PageTextReader.start();
    try {
      const seen = await stampsSeenByPdfjs(path, labels(4), helper);
      expect(seen.error).not.toBe('');
    } finally {
      await helper.close();
    }
  });

  it('passes a sound document of many pages, its pages shared between two threads', async () => {
    const doc = await PDFDocument.load(plainTextPdf());
    const many = await PDFDocument.create();
    for (let i = 0; i < 30; i++) {
      const [copy] = await many.copyPages(doc, [0]);
      many.addPage(copy);
    }
    expect(await trialBundle(await many.save(), work)).toMatchObject({ ok: true });
  });
});

describe('the last resort: pages as pictures', () => {
  const renderers = [...(HAS_PDFTOPPM ? [['poppler', 'pdftoppm'] as const] : []), ['pdf.js', null] as const];

  it.each(renderers)(
    'draws pages with %s and puts them in place of the originals',
    async (_name, pdftoppm) => {
      const source = plainTextPdf('Scanned letter');
      const pictures = await picturesOfPages(source, [2], { pdftoppm, workRoot: work });
      expect([...pictures.keys()]).toEqual([2]);
      const picture = pictures.get(2)!;
      expect(picture.width).toBeCloseTo(595, 0);
      expect(picture.height).toBeCloseTo(842, 0);

      const replaced = await replacePagesWithPictures(await PDFDocument.load(source), 2, pictures);
      const doc = await PDFDocument.load(replaced);
      expect(doc.getPageCount()).toBe(2);
      expect(doc.getPage(1).getSize()).toMatchObject({
        width: expect.closeTo(595, 0),
        height: expect.closeTo(842, 0),
      });
      expect(await trialBundle(replaced, work)).toMatchObject({ ok: true });
      if (!HAS_PDFTOTEXT) return;
      const file = join(work, 'replaced.pdf');
      writeFileSync(file, replaced);
      const text = (page: number) =>
        execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
      // Page 1 is untouched; page 2 is now a picture: no text to extract, but its ink is where the text was.
      expect(text(1)).toContain('Scanned letter, page one');
      expect(text(2).trim()).toBe('');
      if (!HAS_PDFTOPPM) return;
      const ppm = execFileSync('pdftoppm', ['-r', '50', '-f', '2', '-l', '2', '-gray', '-singlefile', file]);
      const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
      const [w, h] = [Number(header[1]), Number(header[2])];
      const pixels = ppm.subarray(header[0].length);
      // The first line of text sits about 72 pt from the top (a band of dark pixels there), none at the bottom.
      const darkInRows = (from: number, to: number) => {
        let dark = 0;
        for (let y = from; y < to; y++) for (let x = 0; x < w; x++) if (pixels[y * w + x] < 160) dark++;
        return dark;
      };
      expect(darkInRows(Math.floor((60 / 842) * h), Math.ceil((80 / 842) * h))).toBeGreaterThan(0);
      expect(darkInRows(Math.floor(h * 0.85), h)).toBe(0);
    },
  );
});
