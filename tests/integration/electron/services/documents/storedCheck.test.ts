/**
 * The evidence screen's check of a case's stored document files (documents.checkStored): which documents'
 * files changed since they were added or are missing, skipping removed documents, checking the searchable
 * copy where there is one, writing nothing in a read-only folder, with progress and a way to stop it.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../electron/ipc/handlers';
import { createRouter } from '../../../../../electron/ipc/router';
import { checkStoredDocuments } from '../../../../../electron/services/documents/storedCheck';
import { ApiError } from '../../../../../shared/api/errors';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf } from '../../../../helpers/seed';

let t: ReturnType<typeof tempServices>;
let caseId: number;

beforeEach(() => {
  t = tempServices();
  caseId = t.services.cases.create({
    title: 'Stored files',
    role: 'parent',
    appealType: 'refusal-to-assess',
  }).id;
});

afterEach(() => t.dispose());

async function add(title: string, section = 'C') {
  const data = new Uint8Array(await makeTextPdf(title, 2));
  const [outcome] = await t.services.documents.import({
    caseId,
    section,
    files: [{ name: `${title}.pdf`, data }],
    title,
    documentDate: '2026-01-15',
  });
  if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  const doc = t.services.documents.get(outcome.documentId);
  const path = t.ctx.store.pdfPath(doc.sha256);
  return { ...doc, data, path, stored: new Uint8Array(readFileSync(path)) };
}

const storeChecks = () => t.ctx.db.prepare('SELECT COUNT(*) AS n FROM store_checks').get() as { n: number };

describe('documents.checkStored', () => {
  it('finds nothing while every file is as it was added', async () => {
    await add('School report');
    await add('Letter from the GP', 'D');
    expect(await t.services.documents.checkStored(caseId)).toEqual([]);
  });

  it('names each document whose file changed or is missing, in the order of the evidence list', async () => {
    const school = await add('School report');
    const gp = await add('Letter from the GP', 'D');
    const salt = await add('Speech and language report');
    // Saved again by a PDF editor: still a PDF, other bytes. And a file gone from the case folder.
    appendFileSync(gp.path, '\n% saved again by another program\n');
    rmSync(school.path);
    expect(await t.services.documents.checkStored(caseId)).toEqual([
      { documentId: school.id, section: 'C', title: 'School report', problem: 'missing' },
      { documentId: gp.id, section: 'D', title: 'Letter from the GP', problem: 'changed' },
    ]);
    // The check changes nothing: asked again, the same answer, and every document is still in the case.
    expect((await t.services.documents.checkStored(caseId)).map((p) => p.documentId)).toEqual([
      school.id,
      gp.id,
    ]);
    expect(t.services.documents.list(caseId).map((d) => d.id)).toEqual([school.id, salt.id, gp.id]);
  });

  it('no longer names a document once it is removed, or added again from the original file', async () => {
    const gp = await add('Letter from the GP');
    const other = await add('School report');
    writeFileSync(gp.path, 'this is no longer a PDF');
    appendFileSync(other.path, '\n% saved again\n');
    expect((await t.services.documents.checkStored(caseId)).map((p) => p.title)).toEqual([
      'Letter from the GP',
      'School report',
    ]);
    t.services.documents.remove(other.id);
    expect((await t.services.documents.checkStored(caseId)).map((p) => p.title)).toEqual([
      'Letter from the GP',
    ]);
    t.services.documents.remove(gp.id);
    const again = await add('Letter from the GP');
    // Import writes the stored copy again from the original's bytes.
    expect(again.path).toBe(gp.path);
    expect(again.stored).toEqual(gp.stored);
    expect(await t.services.documents.checkStored(caseId)).toEqual([]);
  });

  it('checks the searchable copy bundles use, once text recognition has made one', async () => {
    const scan = await add('Scanned letter');
    const copy = t.ctx.store.putPdf(await makeTextPdf('Scanned letter, searchable', 2)).sha256;
    t.ctx.db.prepare('UPDATE documents SET ocr_sha256 = ? WHERE id = ?').run(copy, scan.id);
    // The PDF import made is no longer what bundles read: a change to it does not stop a bundle.
    appendFileSync(scan.path, '\n% saved again\n');
    expect(await t.services.documents.checkStored(caseId)).toEqual([]);
    appendFileSync(t.ctx.store.pdfPath(copy), '\n% saved again\n');
    expect(await t.services.documents.checkStored(caseId)).toEqual([
      { documentId: scan.id, section: 'C', title: 'Scanned letter', problem: 'changed' },
    ]);
  });

  it('answers the same from a read-only data folder, and records nothing there', async () => {
    const gp = await add('Letter from the GP');
    await add('School report');
    t.ctx.db.prepare('DELETE FROM store_checks').run();
    appendFileSync(gp.path, '\n% saved again\n');
    const problems = await checkStoredDocuments({ ...t.ctx, readOnly: true }, caseId);
    expect(problems.map((p) => [p.title, p.problem])).toEqual([['Letter from the GP', 'changed']]);
    expect(storeChecks().n).toBe(0);
    // Where the folder can be written, the whole file is recorded so the next check need not read it.
    await t.services.documents.checkStored(caseId);
    expect(storeChecks().n).toBe(1);
  });

  it('reports progress per file and can be stopped', async () => {
    await add('Letter from the GP');
    await add('School report');
    const events: { message: string; done: number; total: number }[] = [];
    await t.services.documents.checkStored(caseId, { onProgress: (e) => events.push(e) });
    expect(events.map((e) => [e.done, e.total])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(events[0].message).toBe('Checking the documents are as they were added');

    const controller = new AbortController();
    controller.abort();
    const stopped = await t.services.documents.checkStored(caseId, { signal: controller.signal }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(stopped).toBeInstanceOf(ApiError);
    expect((stopped as ApiError).code).toBe('cancelled');
  });

  it('is a contract method: input checked, an unknown case refused in words', async () => {
    const gp = await add('Letter from the GP');
    appendFileSync(gp.path, '\n% saved again\n');
    const router = createRouter(createHandlers(t.services), () => {});
    const answer = await router.call('documents.checkStored', { caseId });
    expect(answer).toEqual({
      ok: true,
      value: [{ documentId: gp.id, section: 'C', title: 'Letter from the GP', problem: 'changed' }],
    });
    const bad = await router.call('documents.checkStored', { caseId: 'one' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('invalid-input');
    const unknown = await router.call('documents.checkStored', { caseId: 999 });
    expect(!unknown.ok && unknown.error).toMatchObject({
      code: 'not-found',
      message: 'There is no case number 999.',
    });
  });
});
