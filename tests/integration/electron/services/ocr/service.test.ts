/**
 * Text recognition end to end, on scans made from known text (tests/helpers/scans.ts): a scanned PDF with
 * a clean 300-dpi page and a 200-dpi page fed in 2° crooked, and a phone photo (JPEG, stored sideways
 * with an EXIF orientation tag) of a printed page, imported with "Make scans searchable" on. The import
 * returns first; text recognition runs in the background; the bundle built afterwards is searchable
 * (pdftotext finds the words), its pages look as before, and the checker no longer asks for OCR.
 *
 * Recognition is slow (seconds a page): the scans are made and read once, and every case shares them.
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../../cli/main';
import type { DocumentRecord, OcrJob } from '../../../../../shared/domain/documents';
import { sha256Hex } from '../../../../../electron/store/fileStore';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf } from '../../../../helpers/seed';
import { HAS_PDFTOPPM, HAS_PDFTOTEXT, HAS_QPDF } from '../../../../helpers/importChecks';
import {
  makePhotoJpeg,
  makeScannedPdf,
  SCAN_PARAGRAPHS,
  wordRecall,
  wordsOf,
} from '../../../../helpers/scans';

const POPPLER = HAS_PDFTOTEXT && HAS_PDFTOPPM;
const expected = wordsOf(SCAN_PARAGRAPHS.join(' '));

function pageText(path: string, first: number, last = first): string {
  return execFileSync('pdftotext', ['-f', String(first), '-l', String(last), path, '-'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** Grey pixels of page `page` as poppler renders it to PNG. */
async function renderPng(
  path: string,
  page: number,
  dpi = 50,
): Promise<{ w: number; h: number; px: Uint8Array }> {
  const png = execFileSync(
    'pdftoppm',
    ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
  const px = new Uint8Array(image.width * image.height);
  for (let i = 0; i < px.length; i++) px[i] = (rgba[i * 4] + rgba[i * 4 + 1] + rgba[i * 4 + 2]) / 3;
  return { w: image.width, h: image.height, px };
}

/** Share of pixels that differ by more than a few grey levels. */
function differingShare(a: { w: number; h: number; px: Uint8Array }, b: typeof a): number {
  expect([b.w, b.h]).toEqual([a.w, a.h]);
  let differing = 0;
  for (let i = 0; i < a.px.length; i++) if (Math.abs(a.px[i] - b.px[i]) > 8) differing++;
  return differing / a.px.length;
}

describe.skipIf(!POPPLER)('text recognition (OCR) of scans and photos', () => {
  const t = tempServices();
  const { services, ctx } = t;
  let caseId = 0;
  let scan: DocumentRecord;
  let photo: DocumentRecord;
  let typed: DocumentRecord;
  let jobsRightAfterImport: OcrJob[] = [];
  let bundlePath = '';

  beforeAll(async () => {
    caseId = services.cases.create({ title: 'Scans', role: 'parent', appealType: 'refusal-to-assess' }).id;
    const inbox = join(t.dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(
      join(inbox, 'school letter scan.pdf'),
      await makeScannedPdf([{ dpi: 300 }, { dpi: 200, rotate: 2 }]),
    );
    writeFileSync(join(inbox, 'letter photo.jpg'), await makePhotoJpeg({ rotate: 1.5 }));
    writeFileSync(join(inbox, 'typed report.pdf'), await makeTextPdf('Typed report', 2));
    expect(services.ocr.atImport()).toBe(true); // "Make scans searchable" is on unless turned off
    const outcomes = await services.documents.import({
      caseId,
      section: 'C',
      files: ['school letter scan.pdf', 'letter photo.jpg', 'typed report.pdf'].map((name) => ({
        name,
        path: join(inbox, name),
      })),
    });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
    jobsRightAfterImport = services.ocr.status(caseId);
    await services.ocr.idle();
    const docs = services.documents.list(caseId);
    scan = docs.find((d) => d.originalName === 'school letter scan.pdf')!;
    photo = docs.find((d) => d.originalName === 'letter photo.jpg')!;
    typed = docs.find((d) => d.originalName === 'typed report.pdf')!;
    bundlePath = (await services.bundle.build(caseId)).path;
  }, 300_000);
  afterAll(() => t.dispose());

  it('runs in the background after the import returns, only for documents with pages without text', () => {
    const queued = jobsRightAfterImport.map((j) => j.documentId).sort();
    expect(queued).toEqual([scan.id, photo.id].sort());
    // Nothing had been recognised when the import returned.
    expect(jobsRightAfterImport.every((j) => j.state === 'queued' || j.state === 'running')).toBe(true);
    const finished = services.ocr.status(caseId);
    expect(finished.map((j) => [j.documentId, j.state, j.pagesRecognised])).toEqual(
      expect.arrayContaining([
        [scan.id, 'done', 2],
        [photo.id, 'done', 1],
      ]),
    );
    expect(finished.find((j) => j.documentId === scan.id)!.message).toBe('Text recognised on 2 pages.');
  });

  it('stores the searchable copy as a derived file and keeps the imported PDF unchanged', () => {
    for (const doc of [scan, photo]) {
      expect(doc.ocrSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(doc.ocrSha256).not.toBe(doc.sha256);
      expect(doc.pagesWithoutText).toEqual([]);
      expect(doc.ocrAt).not.toBeNull();
      // Both files are in the store, each exactly what its hash says.
      for (const sha of [doc.sha256, doc.ocrSha256!])
        expect(sha256Hex(readFileSync(ctx.store.pdfPath(sha)))).toBe(sha);
      // The searchable copy is the imported PDF byte for byte with the text layer appended (an incremental
      // update of a few kilobytes), and qpdf finds nothing wrong with it.
      const imported = readFileSync(ctx.store.pdfPath(doc.sha256));
      const searchable = readFileSync(ctx.store.pdfPath(doc.ocrSha256!));
      expect(searchable.subarray(0, imported.length).equals(imported)).toBe(true);
      expect(searchable.length - imported.length).toBeLessThan(60_000);
      if (HAS_QPDF) execFileSync('qpdf', ['--check', ctx.store.pdfPath(doc.ocrSha256!)], { stdio: 'ignore' });
    }
    expect(scan.ocrPages).toEqual([1, 2]);
    expect(photo.ocrPages).toEqual([1]);
    expect(typed.ocrSha256).toBeNull();
    expect(typed.ocrAt).toBeNull();
    // tesseract.js writes its model to the working folder unless told not to: nothing was written.
    expect(existsSync(join(process.cwd(), 'eng.traineddata'))).toBe(false);
    expect(readdirSync(t.dir).filter((f) => f.includes('traineddata'))).toEqual([]);
  });

  it('makes the bundle searchable: pdftotext finds the scanned words', () => {
    const plan = services.bundle.versionPlan(caseId, 1);
    const range = (doc: DocumentRecord) => {
      const placed = plan.documents.find((d) => d.documentId === doc.id)!;
      expect(placed.fileSha256).toBe(doc.ocrSha256);
      return [placed.firstPage + 1, placed.firstPage + placed.pageCount] as const;
    };
    const [scanFirst] = range(scan);
    const [photoFirst] = range(photo);
    const clean = wordRecall(expected, wordsOf(pageText(bundlePath, scanFirst)));
    const crooked = wordRecall(expected, wordsOf(pageText(bundlePath, scanFirst + 1)));
    const photographed = wordRecall(expected, wordsOf(pageText(bundlePath, photoFirst)));
    console.log(
      `OCR word recall in the bundle (pdftotext): 300 dpi ${(clean * 100).toFixed(1)}%, ` +
        `200 dpi turned 2° ${(crooked * 100).toFixed(1)}%, phone photo ${(photographed * 100).toFixed(1)}%`,
    );
    expect(clean).toBeGreaterThanOrEqual(0.95);
    expect(crooked).toBeGreaterThanOrEqual(0.85);
    expect(photographed).toBeGreaterThanOrEqual(0.85);
    // A word from the middle of the letter, as a reader's search would look for it.
    expect(pageText(bundlePath, scanFirst)).toContain('speech and language therapist');
  });

  it('leaves the pages looking exactly as they did', async () => {
    for (const [doc, page] of [
      [scan, 1],
      [scan, 2],
      [photo, 1],
    ] as const) {
      const before = await renderPng(ctx.store.pdfPath(doc.sha256), page);
      const after = await renderPng(ctx.store.pdfPath(doc.ocrSha256!), page);
      expect(differingShare(before, after), `${doc.title} page ${page}`).toBeLessThanOrEqual(0.001);
    }
  });

  it('treats recognised pages as searchable: no plan finding, no checker finding, verification passed', async () => {
    const plan = services.bundle.plan(caseId);
    expect(plan.findings.filter((f) => f.rule === 'unsearchable-pages')).toEqual([]);
    const version = services.bundle.versions(caseId)[0];
    expect(version.verification.ok).toBe(true);
    const result = await services.checker.check({
      file: { name: 'bundle.pdf', path: bundlePath },
      rules: 'send',
    });
    expect(result.findings.filter((f) => f.code === 'needs-ocr')).toEqual([]);
  });

  it('the CLI imports with --ocr and waits for the text; "ocr" says when there is nothing to do', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: () => {} };
    const file = join(t.dir, 'inbox', 'short note.pdf');
    writeFileSync(
      file,
      await makeScannedPdf([
        { dpi: 200, paragraphs: ['Please bring the reading assessment to the hearing.'] },
      ]),
    );
    expect(
      await main(['--data-dir', t.dir, 'import', String(caseId), file, '--section', 'C', '--ocr'], io),
    ).toBe(0);
    expect(lines[0]).toMatch(/^imported: .*short note\.pdf \(1 page\)$/);
    expect(lines[1]).toBe('recognised: short note: Text recognised on 1 page.');
    const note = services.documents.list(caseId).find((d) => d.originalName === 'short note.pdf')!;
    expect(note.ocrPages).toEqual([1]);
    expect(pageText(ctx.store.pdfPath(note.ocrSha256!), 1)).toMatch(/reading assessment/);

    lines.length = 0;
    expect(await main(['--data-dir', t.dir, 'ocr', String(caseId)], io)).toBe(0);
    expect(lines).toEqual(['No document needs text recognition: every page already has text.']);
    lines.length = 0;
    expect(await main(['--data-dir', t.dir, 'ocr', String(caseId), String(typed.id)], io)).toBe(0);
    expect(lines).toEqual([
      'recognised: typed report: Every page already has text that can be searched: nothing to recognise.',
    ]);
    expect(await main(['--data-dir', t.dir, 'ocr', String(caseId), '999'], io)).toBe(2);
  });
});

/** Threads of this process (Linux): worker threads and the recogniser's threads each add some. */
/**
 * Processes this one started that still run (not zombies), or null where /proc cannot tell: text
 * recognition runs in a process of its own, with its recogniser threads in it.
 */
function childProcesses(): number | null {
  try {
    let count = 0;
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === process.pid && state !== 'Z') count++;
    }
    return count;
  } catch {
    return null;
  }
}

describe('stopping text recognition', () => {
  it('does not read a stored file changed since it was added: the job fails in words, the document unchanged', async () => {
    const t = tempServices();
    try {
      const { services, ctx } = t;
      const caseId = services.cases.create({
        title: 'Changed',
        role: 'parent',
        appealType: 'refusal-to-assess',
      }).id;
      const [outcome] = await services.documents.import({
        caseId,
        section: 'C',
        files: [{ name: 'scan.pdf', data: new Uint8Array(await makeScannedPdf([{ dpi: 150 }])) }],
        ocr: false,
      });
      const documentId = outcome.status === 'imported' ? outcome.documentId : 0;
      appendFileSync(ctx.store.pdfPath(services.documents.get(documentId).sha256), '\n% saved again\n');
      services.ocr.start(caseId);
      await services.ocr.idle();
      const [job] = services.ocr.status(caseId);
      expect(job.state).toBe('failed');
      expect(job.message).toMatch(
        /^The app's copy of "scan" has changed since it was added to the case, so its text was not recognised/,
      );
      const doc = services.documents.get(documentId);
      expect([doc.ocrSha256, doc.ocrAt]).toEqual([null, null]);
    } finally {
      t.dispose();
    }
  });

  it('does not record its text in a data folder moved away while it read: the job fails saying so', async () => {
    const t = tempServices();
    const away = `${t.dir}-away`;
    try {
      const { services } = t;
      const caseId = services.cases.create({
        title: 'Moved',
        role: 'parent',
        appealType: 'refusal-to-assess',
      }).id;
      const [outcome] = await services.documents.import({
        caseId,
        section: 'C',
        files: [{ name: 'scan.pdf', data: new Uint8Array(await makeScannedPdf([{ dpi: 150 }])) }],
        ocr: false,
      });
      const documentId = outcome.status === 'imported' ? outcome.documentId : 0;
      services.ocr.start(caseId);
      // Moved once the page is being read (the file has been opened by then).
      while (!/^Reading page/.test(services.ocr.status(caseId)[0]?.message ?? ''))
        await new Promise((resolve) => setTimeout(resolve, 5));
      renameSync(t.dir, away);
      await services.ocr.idle();
      renameSync(away, t.dir);
      const [job] = services.ocr.status(caseId);
      expect(job.state).toBe('failed');
      expect(job.message).toMatch(
        /^"scan" was not made searchable: The case folder \(.*\) is no longer where it was/,
      );
      const doc = services.documents.get(documentId);
      expect([doc.ocrSha256, doc.ocrAt]).toEqual([null, null]);
    } finally {
      if (existsSync(away)) renameSync(away, t.dir);
      t.dispose();
    }
  });

  it('cancels at once: the job ends cancelled, the document is unchanged, its process and recogniser threads are gone', async () => {
    const t = tempServices();
    try {
      const { services, ctx } = t;
      const caseId = services.cases.create({
        title: 'Stop',
        role: 'parent',
        appealType: 'refusal-to-assess',
      }).id;
      const file = join(t.dir, 'long scan.pdf');
      writeFileSync(file, await makeScannedPdf([{ dpi: 200 }, { dpi: 200, seed: 2 }, { dpi: 200, seed: 3 }]));
      const [outcome] = await services.documents.import({
        caseId,
        section: 'C',
        files: [{ name: 'long scan.pdf', path: file }],
        ocr: false,
      });
      expect(services.ocr.status(caseId)).toEqual([]); // ocr: false overrides the setting
      const documentId = outcome.status === 'imported' ? outcome.documentId : 0;
      const storeBefore = readdirSync(ctx.store.documentsDir).sort();
      // Counted after the import (whose own worker is kept a while for the next file).
      const before = childProcesses();
      services.ocr.start(caseId);
      // Wait until it is under way (the pages to read are known), then stop it.
      await expect.poll(() => services.ocr.status(caseId)[0]?.pagesTotal, { timeout: 60_000 }).toBe(3);
      if (before !== null) expect(childProcesses()).toBeGreaterThan(before);
      const [stopped] = services.ocr.cancel(caseId, documentId);
      expect(['running', 'cancelled']).toContain(stopped.state);
      await services.ocr.idle();
      const [job] = services.ocr.status(caseId);
      expect(job.state).toBe('cancelled');
      expect(job.message).toBe('Stopped. Nothing was changed.');
      expect(job.pagesDone).toBeLessThan(3);
      const doc = services.documents.get(documentId);
      expect([doc.ocrSha256, doc.ocrAt, doc.pagesWithoutText]).toEqual([null, null, [1, 2, 3]]);
      expect(readdirSync(ctx.store.documentsDir).sort()).toEqual(storeBefore);
      if (before !== null) await expect.poll(childProcesses, { timeout: 10_000 }).toBeLessThanOrEqual(before);
    } finally {
      t.dispose();
    }
  });
});
