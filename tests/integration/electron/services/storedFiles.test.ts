/**
 * A stored document changed by another program after it was added: the build refuses it by name (and the
 * bundle screen can offer to build without it), adding it again puts the stored copy right, and a file
 * is hashed only when its size or modification time differs from when it was last found whole.
 */
import { appendFileSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/api/errors';
import { blockingDocuments } from '../../../../shared/bundle/buildFailure';
import { changedStoredPdfs } from '../../../../electron/services/storedFiles';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf } from '../../../helpers/seed';

let t: ReturnType<typeof tempServices>;
let caseId: number;

beforeEach(() => {
  t = tempServices();
  caseId = t.services.cases.create({
    title: 'Stored files',
    role: 'parent',
    appealType: 'refusal-to-assess',
    childName: 'Sam Example',
    laName: 'Example Council',
  }).id;
});

afterEach(() => t.dispose());

async function add(title: string, pages: number) {
  const data = new Uint8Array(await makeTextPdf(title, pages));
  const [outcome] = await t.services.documents.import({
    caseId,
    section: 'C',
    files: [{ name: `${title}.pdf`, data }],
    title,
    documentDate: '2026-01-15',
  });
  if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  const doc = t.services.documents.get(outcome.documentId);
  const path = t.ctx.store.pdfPath(doc.sha256);
  return { ...doc, data, path, stored: new Uint8Array(readFileSync(path)) };
}

const build = () => t.services.bundle.build(caseId, { numbering: 'section', compiledDate: '2026-03-01' });

async function refusal(): Promise<ApiError> {
  try {
    await build();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('The bundle was built.');
}

const recorded = (sha256: string) =>
  t.ctx.db.prepare('SELECT size_bytes, modified_ns FROM store_checks WHERE sha256 = ?').get(sha256) as
    { size_bytes: number; modified_ns: string } | undefined;

describe('stored documents changed after they were added', () => {
  it('records each file as whole when it is added', async () => {
    const report = await add('Speech and language report', 2);
    const stat = statSync(report.path, { bigint: true });
    expect(recorded(report.sha256)).toEqual({
      size_bytes: Number(stat.size),
      modified_ns: String(stat.mtimeNs),
    });
  });

  it('refuses to build from a stored file another program saved again, naming the document', async () => {
    await add('School letter', 1);
    const report = await add('Speech and language report', 2);
    expect((await build()).verification.ok).toBe(true);
    // Saved again by a PDF editor: still a PDF, other bytes.
    appendFileSync(report.path, '\n% saved again by another program\n');
    const error = await refusal();
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(
      /^The app's copy of document C2, “Speech and language report” has changed since it was added to the case, so the bundle was not built/,
    );
    expect(blockingDocuments(error.details)).toEqual([
      { documentId: report.id, tab: 'C2', title: 'Speech and language report' },
    ]);
    // Nothing was saved.
    expect(t.services.bundle.versions(caseId)).toHaveLength(1);

    // Removed, and added again from the user's copy: the stored file is put right.
    t.services.documents.remove(report.id);
    const [again] = await t.services.documents.import({
      caseId,
      section: 'C',
      files: [{ name: 'Speech and language report.pdf', data: report.data }],
    });
    expect(again.status).toBe('imported');
    expect(new Uint8Array(readFileSync(report.path))).toEqual(report.stored);
    expect((await build()).verification.ok).toBe(true);
  });

  it('builds from a file whose time changed but whose bytes did not, and records it again', async () => {
    const report = await add('Speech and language report', 2);
    const before = recorded(report.sha256)!;
    utimesSync(report.path, new Date('2026-02-01T09:00:00Z'), new Date('2026-02-01T09:00:00Z'));
    expect((await build()).verification.ok).toBe(true);
    const after = recorded(report.sha256)!;
    expect(after.modified_ns).not.toBe(before.modified_ns);
    expect(after.modified_ns).toBe(String(statSync(report.path, { bigint: true }).mtimeNs));
  });

  it('hashes a file again only when its size or time differs from when it was last found whole', async () => {
    const report = await add('Speech and language report', 2);
    const time = new Date('2026-02-01T09:00:00Z');
    utimesSync(report.path, time, time);
    expect(await changedStoredPdfs(t.ctx, [report.sha256])).toEqual([]);
    const changed = Buffer.from(report.stored);
    changed[changed.length - 8] ^= 0xff;
    writeFileSync(report.path, changed);
    // Same size, and the time put back: taken as whole without being read (a disk's own bit flips are
    // found by a case export, which hashes every file).
    utimesSync(report.path, time, time);
    expect(await changedStoredPdfs(t.ctx, [report.sha256])).toEqual([]);
    // Any other time: read, and found changed.
    utimesSync(report.path, time, new Date(time.getTime() + 1000));
    expect(await changedStoredPdfs(t.ctx, [report.sha256])).toEqual([report.sha256]);
  });

  it('hashes a file never recorded (a folder from before) and records it when whole', async () => {
    const report = await add('Speech and language report', 2);
    t.ctx.db.prepare('DELETE FROM store_checks').run();
    expect(await changedStoredPdfs(t.ctx, [report.sha256])).toEqual([]);
    expect(recorded(report.sha256)).toBeDefined();
  });
});
