/**
 * Taking out words hidden by a box (documents.takeOutHiddenWords): the pages that hide them become pictures
 * of themselves in the copy bundles are built from, the file as added is kept, the page's text is gone
 * (poppler's pdftotext, an independent reader, finds none of the hidden words), the plan's warning goes and
 * the bundle is built from the new copy; a document with nothing hidden is refused in words. Words cropped
 * out of view are found in the import, the plan and the bundle, and taken out the same way (the picture is
 * of the part of the page that shows); documents looked at before that are looked at again.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../electron/ipc/handlers';
import { createRouter } from '../../../../../electron/ipc/router';
import { tempServices } from '../../../../helpers/context';
import { migrate } from '../../../../../electron/db/migrations';
import { checkPdf } from '../../../../../electron/services/checker/check';
import { makeCroppedPdf, makeLayeredPdf, makeRedactedPdf, makeTextPdf } from '../../../../helpers/seed';

const HAVE_PDFTOTEXT = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;

let t: ReturnType<typeof tempServices>;
let caseId: number;

beforeEach(() => {
  t = tempServices();
  caseId = t.services.cases.create({ title: 'Hidden words', role: 'la', appealType: 'refusal-to-assess' }).id;
});

afterEach(() => t.dispose());

const redactedPdf = () =>
  makeRedactedPdf('The child lives at 12 Acacia Avenue', {
    shown: 'Seen by the assessor at home',
    pagesBefore: ['Page one of the report'],
  });

async function add(name: string, data: Uint8Array) {
  const [outcome] = await t.services.documents.import({
    caseId,
    section: 'C',
    files: [{ name, data: new Uint8Array(data) }],
    ocr: false,
  });
  if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  return t.services.documents.get(outcome.documentId);
}

/**
 * The plan warns of the document's hidden words, and the checker names its page `pageInDocument` in a bundle
 * built with it; that page's number in the bundle.
 */
async function warnedInPlanAndBundle(documentId: number, pageInDocument: number): Promise<number> {
  const plan = await t.services.bundle.preview(caseId);
  expect(plan.findings.find((f) => f.rule === 'covered-text')?.documentIds).toEqual([documentId]);
  const built = await t.services.bundle.build(caseId);
  const checked = await checkPdf(new Uint8Array(readFileSync(built.path)), {
    rules: 'send',
    fileName: 'bundle.pdf',
  });
  const page = plan.pages.findIndex((p) => p.documentId === documentId) + pageInDocument;
  expect(checked.findings.find((f) => f.code === 'covered-text')?.pages).toEqual([page]);
  return page;
}

const textOf = (path: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });

describe('taking out words hidden by a box', () => {
  it.skipIf(!HAVE_PDFTOTEXT)(
    'turns the pages that hide words into pictures, keeps the file as added, and the warning goes',
    async () => {
      const before = await add('report.pdf', await redactedPdf());
      expect(before.coveredTextPages).toEqual([2]);
      expect(textOf(t.ctx.store.pdfPath(before.sha256), 2)).toContain('Acacia');

      const events: { message: string; done: number; total: number }[] = [];
      const after = await t.services.documents.takeOutHiddenWords(
        before.id,
        { ocr: false },
        { onProgress: (e) => events.push(e) },
      );
      // Page by page: the last says it is drawn.
      expect(new Set(events.map((e) => e.message))).toEqual(
        new Set(['Turning page 2 of “report” into a picture']),
      );
      expect(events.at(-1)).toMatchObject({ done: 1, total: 1 });
      expect(after.sha256).not.toBe(before.sha256);
      expect(after.originalSha256).toBe(before.originalSha256);
      expect(after.coveredTextPages).toEqual([]);
      expect(after.pagesWithoutText).toEqual([2]);
      expect(after.pageCount).toBe(2);
      // The same size, to within a pixel at the pictures' 200 dpi.
      after.pageSizes.forEach((size, i) => {
        expect(Math.abs(size.width - before.pageSizes[i].width)).toBeLessThan(0.4);
        expect(Math.abs(size.height - before.pageSizes[i].height)).toBeLessThan(0.4);
      });
      const notes = after.importNotes.join(' ');
      expect(notes).not.toContain('that are still in the file');
      expect(notes).toContain('Page 2 was turned into a picture of itself');

      // The copy bundles are built from: page 1 as it was, page 2's words gone (its picture shows the box).
      const copy = t.ctx.store.pdfPath(after.sha256);
      expect(textOf(copy, 1)).toContain('Page one of the report');
      expect(textOf(copy, 2)).not.toContain('Acacia');
      expect(textOf(copy, 2)).not.toContain('assessor');
      // The file as added still has them (it is the user's own).
      expect(readFileSync(t.ctx.store.pdfPath(before.originalSha256)).length).toBeGreaterThan(0);
      expect(textOf(t.ctx.store.pdfPath(before.originalSha256), 2)).toContain('Acacia');

      const plan = await t.services.bundle.preview(caseId);
      expect(plan.findings.filter((f) => f.rule === 'covered-text')).toEqual([]);
      expect(plan.findings.find((f) => f.rule === 'unsearchable-pages')?.documentIds).toEqual([before.id]);
      const version = await t.services.bundle.build(caseId);
      const bundle = version.path;
      expect(execFileSync('pdftotext', [bundle, '-'], { encoding: 'utf8' })).not.toContain('Acacia');
    },
  );

  it.skipIf(!HAVE_PDFTOTEXT)(
    'finds words cropped out of view, in the import, the plan and the bundle, and takes them out',
    async () => {
      const before = await add(
        'cropped.pdf',
        await makeCroppedPdf('The child lives at 12 Acacia Avenue', {
          shown: 'Seen by the assessor at home',
          pagesBefore: ['Page one of the report'],
        }),
      );
      expect(before.coveredTextPages).toEqual([2]);
      expect(before.importNotes.join(' ')).toContain(
        "Page 2 has words hidden by a box that are still in the file (a box or pen strokes painted over them, a highlight in their own colour, the page cropped to leave them out of view, a layer the file keeps hidden, or a scan's invisible text left when the scan was taken out): the page looks redacted",
      );
      // Out of view, and still in the file: poppler reads the whole page.
      expect(textOf(t.ctx.store.pdfPath(before.sha256), 2)).toContain('Acacia');
      // In the bundle, the page as cropped, the words still under it.
      const page = await warnedInPlanAndBundle(before.id, 2);

      const after = await t.services.documents.takeOutHiddenWords(before.id, { ocr: false });
      expect(after.coveredTextPages).toEqual([]);
      // A picture of what the page showed: the cropped part, at its size.
      expect(Math.abs(after.pageSizes[1].height - before.pageSizes[1].height)).toBeLessThan(0.4);
      expect(textOf(t.ctx.store.pdfPath(after.sha256), 2)).not.toContain('Acacia');
      expect(textOf((await t.services.bundle.build(caseId)).path, page)).not.toContain('Acacia');
    },
  );

  it.skipIf(!HAVE_PDFTOTEXT)(
    'finds words in a layer the file keeps hidden, in the import, the plan and the bundle, and takes them out',
    async () => {
      const before = await add(
        'layered.pdf',
        await makeLayeredPdf('The child lives at 12 Acacia Avenue', 'Seen by the assessor at home'),
      );
      expect(before.coveredTextPages).toEqual([1]);
      expect(before.importNotes.join(' ')).toContain('a layer the file keeps hidden,');
      // The bundle keeps the layer hidden, and the words in it.
      await warnedInPlanAndBundle(before.id, 1);

      const after = await t.services.documents.takeOutHiddenWords(before.id, { ocr: false });
      expect(after.coveredTextPages).toEqual([]);
      // A picture of the page as it shows: no text at all (poppler's text leaves hidden layers out anyway).
      expect(after.pagesWithoutText).toEqual([1]);
    },
  );

  it('looks again, once, at documents looked at before words out of view counted (migration 14)', async () => {
    const doc = await add('cropped.pdf', await makeCroppedPdf('The child lives at 12 Acacia Avenue'));
    const plain = await add('plain.pdf', new Uint8Array(await makeTextPdf('Nothing hidden', 2)));
    // As the app recorded them before: nothing hidden.
    t.ctx.db.prepare("UPDATE documents SET covered_text_pages = '[]'").run();
    t.ctx.db.pragma('user_version = 13');
    expect(migrate(t.ctx.db)).toEqual([14]);
    expect(t.services.documents.get(doc.id).coveredTextPages).toBeNull();
    const plan = await t.services.bundle.preview(caseId);
    expect(plan.findings.find((f) => f.rule === 'covered-text')?.documentIds).toEqual([doc.id]);
    expect(t.services.documents.get(doc.id).coveredTextPages).toEqual([1]);
    expect(t.services.documents.get(plain.id).coveredTextPages).toEqual([]);
  });

  it('queues the pages made pictures for text recognition, as an import does, unless asked not to', async () => {
    const doc = await add('report.pdf', await redactedPdf());
    await t.services.documents.takeOutHiddenWords(doc.id, { ocr: true });
    expect(t.services.ocr.status(caseId).map((job) => job.documentId)).toEqual([doc.id]);
    t.services.ocr.cancel(caseId);
    await t.services.ocr.idle();
  });

  it('refuses a document with nothing hidden, in words, and changes nothing', async () => {
    const plain = await add('plain.pdf', new Uint8Array(await makeTextPdf('Nothing hidden', 2)));
    const refusal = await t.services.documents.takeOutHiddenWords(plain.id).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'refused' });
    expect((refusal as Error).message).toBe(
      `No words hidden by a box, nor redactions marked and never applied, were found in “${plain.title}”. Nothing has changed.`,
    );
    expect(t.services.documents.get(plain.id)).toEqual(plain);
  });

  it('is a contract method: its input is checked', async () => {
    const router = createRouter(createHandlers(t.services), () => {});
    const bad = await router.call('documents.takeOutHiddenWords', { documentId: 'one' });
    expect(!bad.ok && bad.error.code).toBe('invalid-input');
    const unknown = await router.call('documents.takeOutHiddenWords', { documentId: 999 });
    expect(!unknown.ok && unknown.error.code).toBe('not-found');
  });
});
