/**
 * Words marked for redaction and never redacted (Acrobat's marks saved without Apply): import names the
 * pages and records them, the bundle plan warns of them by bundle page, and applying them (the same
 * action as taking out hidden words) paints the marked areas over and turns the pages into pictures, so
 * that poppler's pdftotext finds none of the words in the copy bundles are built from, nor in a bundle.
 * A document imported before import looked is looked at when a bundle is planned.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withRedactionMarksPainted } from '../../../../../electron/services/documents/redactionMarks';
import { pagesWithRedactionMarks } from '../../../../../electron/services/pdf/inspect';
import { tempServices } from '../../../../helpers/context';
import { renderedColour } from '../../../../helpers/importChecks';
import { makeMarkedPdf } from '../../../../helpers/seed';

const HAVE_POPPLER = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;

let t: ReturnType<typeof tempServices>;
let caseId: number;

beforeEach(() => {
  t = tempServices();
  caseId = t.services.cases.create({ title: 'Marked', role: 'la', appealType: 'refusal-to-assess' }).id;
});

afterEach(() => t.dispose());

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

const textOf = (path: string) => execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });

describe('words marked for redaction and never redacted', () => {
  it('are named in the import note, recorded, and warned of before the bundle is built', async () => {
    const doc = await add(
      'marked.pdf',
      await makeMarkedPdf('The child lives at 12 Acacia Avenue', { pagesBefore: ['Page one'] }),
    );
    expect(doc.redactionMarkPages).toEqual([2]);
    expect(doc.coveredTextPages).toEqual([]);
    expect(doc.importNotes.join(' ')).toContain(
      'Page 2 has words marked for redaction that were never redacted',
    );
    const plan = await t.services.bundle.preview(caseId);
    const warning = plan.findings.find((f) => f.rule === 'redaction-marks');
    // The document's second page, as the bundle numbers it.
    const second = plan.pages[plan.pages.findIndex((p) => p.documentId === doc.id) + 1];
    expect(warning?.documentIds).toEqual([doc.id]);
    expect(warning?.pages).toEqual([second.label]);
    expect(warning?.message).not.toContain('Acacia');
  });

  it.skipIf(!HAVE_POPPLER)(
    'are applied: the marked area painted over, the words gone from the copy and the bundle, the file as added kept',
    async () => {
      const before = await add('marked.pdf', await makeMarkedPdf('The child lives at 12 Acacia Avenue'));
      expect(textOf(t.ctx.store.pdfPath(before.sha256))).toContain('Acacia');
      const after = await t.services.documents.takeOutHiddenWords(before.id, { ocr: false });
      expect(after.redactionMarkPages).toEqual([]);
      expect(after.originalSha256).toBe(before.originalSha256);
      const copy = t.ctx.store.pdfPath(after.sha256);
      expect(textOf(copy)).not.toContain('Acacia');
      expect(pagesWithRedactionMarks(new Uint8Array(readFileSync(copy)))).toEqual([]);
      // Black where the mark was (x about 50-250, y 696-712 on an 842-point page), white beside it.
      const [r, g, b] = renderedColour(copy, 150 / 595, 1 - 704 / 842);
      expect(Math.max(r, g, b)).toBeLessThan(60);
      expect(Math.min(...renderedColour(copy, 150 / 595, 1 - 600 / 842))).toBeGreaterThan(200);
      const notes = after.importNotes.join(' ');
      expect(notes).not.toContain('never redacted');
      expect(notes).toContain('to apply the redactions marked on them (the marked areas painted over)');
      expect(textOf((await t.services.bundle.build(caseId)).path)).not.toContain('Acacia');
      // The file as added still has them (it is the user's own).
      expect(textOf(t.ctx.store.pdfPath(before.originalSha256))).toContain('Acacia');
    },
  );

  it('are looked for in a document imported before import looked, when a bundle is planned', async () => {
    const doc = await add('marked.pdf', await makeMarkedPdf('12 Acacia Avenue'));
    t.ctx.db.prepare('UPDATE documents SET redaction_mark_pages = NULL WHERE id = ?').run(doc.id);
    expect(t.services.documents.get(doc.id).redactionMarkPages).toBeNull();
    const plan = await t.services.bundle.preview(caseId);
    expect(plan.findings.filter((f) => f.rule === 'redaction-marks')).toHaveLength(1);
    expect(t.services.documents.get(doc.id).redactionMarkPages).toEqual([1]);
    // What it had recorded of words under boxes is kept as it was.
    expect(t.services.documents.get(doc.id).coveredTextPages).toEqual([]);
  });
});

describe('withRedactionMarksPainted', () => {
  it('leaves a file without marks as it is, and paints only the pages asked for', async () => {
    const plain = await makeMarkedPdf('12 Acacia Avenue', { pagesBefore: ['Page one'] });
    expect(await withRedactionMarksPainted(plain, [1])).toBe(plain);
    const painted = await withRedactionMarksPainted(plain, [2]);
    expect(pagesWithRedactionMarks(painted)).toEqual([]);
  });

  it('refuses a page of more than 20,000 marked areas rather than apply some of them', async () => {
    const doc = await PDFDocument.load(await makeMarkedPdf('12 Acacia Avenue'));
    const quads = Array.from({ length: 7000 }, (_, i) => [
      10,
      800 - i / 10,
      20,
      800 - i / 10,
      10,
      799 - i / 10,
      20,
      799 - i / 10,
    ]).flat();
    const annots = doc.getPage(0).node.Annots()!;
    for (let i = 0; i < 3; i++)
      annots.push(
        doc.context.register(
          doc.context.obj({ Type: 'Annot', Subtype: 'Redact', Rect: [10, 0, 20, 800], QuadPoints: quads }),
        ),
      );
    await expect(withRedactionMarksPainted(await doc.save(), [1])).rejects.toThrow(
      'page 1 has more than 20,000 areas marked for redaction',
    );
  });
});
