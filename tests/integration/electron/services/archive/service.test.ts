import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { caseTables, readCaseRows } from '../../../../../electron/services/archive/caseGraph';
import type { ServiceContext } from '../../../../../electron/services/context';
import type { Services } from '../../../../../electron/services';
import { ApiError } from '../../../../../shared/api/errors';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';
import { FIXTURES as LETTERS } from '../../../../helpers/letterFixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function fresh() {
  const t = tempServices();
  cleanups.push(t.dispose);
  return t;
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'send-bundle-archive-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A case with a row in every case table, two documents (one converted, with its original), a bundle and a letter. */
async function seedFullCase(ctx: ServiceContext, services: Services): Promise<number> {
  const c = services.cases.create({
    title: 'Appeal for Zoë Kowalczyk',
    role: 'parent',
    appealType: 'contents-of-plan',
    childName: 'Zoë Kowalczyk',
    laName: 'محمد Borough Council',
    decisionDate: '2026-01-12',
    extendedHealth: true,
  });
  services.cases.saveParty(c.id, undefined, { kind: 'appellant', name: 'Anna Kowalczyk' });
  services.cases.saveParty(c.id, undefined, { kind: 'la', name: 'SEN team', organisation: 'Borough' });

  const plan = await seedDocument(ctx, c.id, 'B', await makeTextPdf('EHC plan', 3), {
    title: 'EHC plan',
    kind: 'ehc-plan',
    date: '2025-11-01',
  });
  const report = await seedDocument(ctx, c.id, 'D', await makeTextPdf('Speech therapy report', 2), {
    title: 'Speech and language report',
    kind: 'expert-report',
    author: 'J. Smith',
  });
  // Only some of its pages go into bundles.
  services.documents.update(plan.id, { keptPages: [1, 3] });
  // A document converted on import keeps its original file in the store.
  const original = new TextEncoder().encode('the original Word file bytes');
  const { sha256: originalSha } = ctx.store.putOriginal(original);
  ctx.db
    .prepare("UPDATE documents SET original_sha256 = ?, conversion = 'word' WHERE id = ?")
    .run(originalSha, report.id);
  services.documents.setReportDetails(report.id, {
    authorProfession: 'Speech and language therapist',
    planSections: ['B', 'F'],
  });
  const statement = await seedDocument(ctx, c.id, 'E', await makeTextPdf('Witness statement', 1), {
    title: 'Statement of the appellant',
    kind: 'witness-statement',
  });
  services.witnesses.save(c.id, undefined, {
    name: 'Anna Kowalczyk',
    party: 'appellant',
    attending: true,
    statementDocumentId: statement.id,
  } as never);
  services.recommendations.save(c.id, undefined, {
    area: 'health',
    text: 'Weekly speech therapy',
    madeDate: '2026-02-01',
  } as never);
  ctx.db
    .prepare("INSERT INTO case_dates (case_id, kind, due_date) VALUES (?, 'response', '2026-03-30')")
    .run(c.id);

  // A built bundle recorded as the app records it (relative to the bundles folder), and a letter whose
  // files are JSON with paths relative to the data folder.
  const bundleBytes = await makeTextPdf('Hearing bundle', 6);
  const bundlePath = join(ctx.paths.bundles, String(c.id), 'v1.pdf');
  mkdirSync(join(ctx.paths.bundles, String(c.id)), { recursive: true });
  writeFileSync(bundlePath, bundleBytes);
  ctx.db
    .prepare(
      `INSERT INTO bundles (case_id, version, created_at, compiled_date, page_count, sha256, path, rule_pack,
         numbering, plan, compliance_summary, verification)
       VALUES (?, 1, '2026-03-01T10:00:00.000Z', '2026-03-01', 6, ?, ?, 'send-2026', 'continuous', ?, '{}', '{"ok":true}')`,
    )
    .run(c.id, sha(bundleBytes), `${c.id}/v1.pdf`, JSON.stringify({ documents: [plan.id, report.id] }));
  mkdirSync(join(ctx.paths.letters, String(c.id)), { recursive: true });
  const letterPdf = await makeTextPdf('Letter', 1);
  writeFileSync(join(ctx.paths.letters, String(c.id), 'letter-1.pdf'), letterPdf);
  writeFileSync(join(ctx.paths.letters, String(c.id), 'letter-1.docx'), 'docx bytes');
  ctx.db
    .prepare(
      `INSERT INTO letters (case_id, template, fields, created_at, files) VALUES (?, 'reasons', '{"x":"Zoë"}', '2026-03-01', ?)`,
    )
    .run(
      c.id,
      JSON.stringify({ pdf: `letters/${c.id}/letter-1.pdf`, docx: `letters/${c.id}/letter-1.docx` }),
    );
  return c.id;
}

/** Every row of a case with file paths made relative to the data dir, so two data dirs compare equal. */
function snapshotRows(ctx: ServiceContext, caseId: number) {
  const rows = readCaseRows(ctx.db, caseTables(ctx.db), caseId);
  const root = ctx.paths.dataDir + sep;
  return JSON.parse(JSON.stringify(rows).split(JSON.stringify(root).slice(1, -1)).join('<data>/'));
}

/** Every file under the data dir except the database, with its SHA-256. */
function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.startsWith('cases.sqlite'))
        out[relative(dir, full).split(sep).join('/')] = sha(readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

function tableCounts(ctx: ServiceContext): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of caseTables(ctx.db))
    out[t.name] = (ctx.db.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n;
  return out;
}

async function expectRefused(work: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  expect((error as ApiError).message).toMatch(pattern);
}

describe('case archive round trip', () => {
  it('exports a case and imports it into an empty data dir with every record and file identical', async () => {
    const source = fresh();
    const caseId = await seedFullCase(source.ctx, source.services);
    const out = join(scratch(), 'case.zip');
    const progress: string[] = [];
    const exported = await source.services.archive.exportTo(caseId, out, {
      onProgress: (p) => progress.push(p.message),
    });
    expect(exported.documents).toBe(3);
    expect(exported.bundles).toBe(1);
    expect(exported.letters).toBe(1);
    expect(exported.sha256).toBe(sha(readFileSync(out)));
    expect(progress.at(-1)).toBe('Export finished');

    // The table list comes from the schema: every case table is in the archive, with rows.
    const rowsBefore = snapshotRows(source.ctx, caseId);
    for (const table of [
      'cases',
      'parties',
      'documents',
      'report_details',
      'witnesses',
      'recommendations',
      'case_dates',
      'bundles',
      'letters',
    ])
      expect(rowsBefore[table]?.length, table).toBeGreaterThan(0);

    const target = fresh();
    const imported = await target.services.archive.import({ name: 'case.zip', path: out });
    expect(imported.idsKept).toBe(true);
    expect(imported.case.id).toBe(caseId);
    expect(imported.case.childName).toBe('Zoë Kowalczyk');

    expect(snapshotRows(target.ctx, imported.case.id)).toEqual(rowsBefore);
    const filesBefore = snapshotFiles(source.dir);
    const filesAfter = snapshotFiles(target.dir);
    for (const [path, hash] of Object.entries(filesBefore)) {
      if (path.startsWith('store/tmp') || path.startsWith('backups/')) continue;
      expect(filesAfter[path], path).toBe(hash);
    }
    // The bundle stays recorded relative to the bundles folder, and the file is in the new data dir.
    const bundle = target.ctx.db.prepare('SELECT path, sha256 FROM bundles').get() as {
      path: string;
      sha256: string;
    };
    expect(bundle.path).toBe(`${caseId}/v1.pdf`);
    expect(sha(readFileSync(join(target.ctx.paths.bundles, bundle.path)))).toBe(bundle.sha256);
    // Services read the imported case normally.
    expect(target.services.documents.list(caseId).map((d) => d.title)).toEqual(
      source.services.documents.list(caseId).map((d) => d.title),
    );
    const planBack = target.services.documents.list(caseId).find((d) => d.title === 'EHC plan');
    expect(planBack?.keptPages).toEqual([1, 3]);
    // 2 of the plan's 3 pages, the report's 2 and the statement's 1.
    expect(target.services.cases.list()[0]).toMatchObject({ documentCount: 3, pageCount: 5 });
  });

  it('refuses the same case twice, then imports it as a copy with new numbers, or replaces it', async () => {
    const t = fresh();
    const caseId = await seedFullCase(t.ctx, t.services);
    const out = join(scratch(), 'case.zip');
    await t.services.archive.exportTo(caseId, out);
    const before = tableCounts(t.ctx);
    const filesBefore = snapshotFiles(t.dir);

    const error = await t.services.archive.import({ name: 'case.zip', path: out }).catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('conflict');
    expect((error as ApiError).details).toEqual({ existingCaseId: caseId });
    expect(tableCounts(t.ctx)).toEqual(before);
    expect(snapshotFiles(t.dir)).toEqual(filesBefore);

    const copy = await t.services.archive.import({ name: 'case.zip', path: out }, { asCopy: true });
    expect(copy.idsKept).toBe(false);
    expect(copy.case.id).not.toBe(caseId);
    expect(copy.case.title).toBe('Appeal for Zoë Kowalczyk (imported copy)');
    const copiedDocs = t.services.documents.list(copy.case.id);
    expect(copiedDocs).toHaveLength(3);
    // References between rows follow the new numbers: the witness's statement is the copy's document.
    const witness = t.services.witnesses.list(copy.case.id)[0];
    const statement = copiedDocs.find((d) => d.title === 'Statement of the appellant')!;
    expect(witness.statementDocumentId).toBe(statement.id);
    const report = copiedDocs.find((d) => d.kind === 'expert-report')!;
    expect(t.services.documents.getReportDetails(report.id)?.planSections).toEqual(['B', 'F']);
    // The copy's generated files are its own, under its own case number, and the originals are untouched.
    const letter = t.ctx.db.prepare('SELECT files FROM letters WHERE case_id = ?').get(copy.case.id) as {
      files: string;
    };
    expect(JSON.parse(letter.files)).toEqual({
      pdf: `letters/${copy.case.id}/letter-1.pdf`,
      docx: `letters/${copy.case.id}/letter-1.docx`,
    });
    expect(snapshotFiles(t.dir)[`letters/${caseId}/letter-1.pdf`]).toBe(
      filesBefore[`letters/${caseId}/letter-1.pdf`],
    );

    const replaced = await t.services.archive.import(
      { name: 'case.zip', path: out },
      { replaceCaseId: caseId },
    );
    expect(replaced.replacedCaseId).toBe(caseId);
    const titles = t.services.cases
      .list()
      .map((c) => c.title)
      .sort();
    expect(titles).toEqual(['Appeal for Zoë Kowalczyk', 'Appeal for Zoë Kowalczyk (imported copy)']);
  });

  it('imports from bytes (a browser upload) as well as from a path', async () => {
    const source = fresh();
    const caseId = await seedFullCase(source.ctx, source.services);
    const exported = await source.services.archive.export(caseId);
    expect(exported.path.startsWith(join(source.dir, 'exports'))).toBe(true);
    expect(exported.fileName).toMatch(/^Appeal for Zoë Kowalczyk - case export 2026-03-01\.zip$/);
    const target = fresh();
    const result = await target.services.archive.import({
      name: exported.fileName,
      data: readFileSync(exported.path),
    });
    expect(result.case.title).toBe('Appeal for Zoë Kowalczyk');
  });
});

describe('case archive with bundles and letters made by the app', () => {
  it('keeps built bundle versions, their differences and saved letters usable after import', async () => {
    const source = fresh();
    const { services, ctx } = source;
    const c = services.cases.create({
      title: 'Appeal for Sam',
      role: 'parent',
      appealType: 'refusal-to-assess',
      childName: 'Sam Smith',
      laName: 'Anytown Borough Council',
    });
    await seedDocument(ctx, c.id, 'A', await makeTextPdf('Decision letter', 2), {
      title: 'Decision letter',
      kind: 'decision-letter',
    });
    await seedDocument(ctx, c.id, 'B', await makeTextPdf('Appeal form', 3), {
      title: 'Appeal form',
      kind: 'appeal-form',
    });
    await services.bundle.build(c.id, { compiledDate: '2026-03-01' });
    await seedDocument(ctx, c.id, 'D', await makeTextPdf('Report', 2), {
      title: 'Report',
      kind: 'expert-report',
    });
    await services.bundle.build(c.id, { compiledDate: '2026-03-02' });
    await services.letters.render(c.id, 'extension-request', LETTERS['extension-request'].fields, [
      'docx',
      'pdf',
    ]);

    const out = join(scratch(), 'case.zip');
    const exported = await services.archive.exportTo(c.id, out);
    expect(exported).toMatchObject({ bundles: 2, letters: 1 });

    const check = async (target: Services, caseId: number) => {
      const versions = target.bundle.versions(caseId);
      expect(versions.map((v) => [v.version, v.pageCount, v.sha256, v.available])).toEqual(
        services.bundle.versions(c.id).map((v) => [v.version, v.pageCount, v.sha256, true]),
      );
      for (const v of versions) expect(sha(readFileSync(v.path))).toBe(v.sha256);
      expect(target.bundle.diff(caseId, 1, 2)).toEqual(services.bundle.diff(c.id, 1, 2));
      const letters = target.letters.list(caseId);
      expect(letters).toHaveLength(1);
      const before = services.letters.list(c.id)[0].files;
      expect(letters[0].files.map((f) => [f.format, f.sha256])).toEqual(
        before.map((f) => [f.format, f.sha256]),
      );
      for (const f of letters[0].files) expect(sha(readFileSync(f.path))).toBe(f.sha256);
    };

    const empty = fresh();
    const intoEmpty = await empty.services.archive.import({ name: 'case.zip', path: out });
    expect(intoEmpty.idsKept).toBe(true);
    await check(empty.services, intoEmpty.case.id);

    const copy = await services.archive.import({ name: 'case.zip', path: out }, { asCopy: true });
    expect(copy.case.id).not.toBe(c.id);
    await check(services, copy.case.id);
    // The copy's files are its own, not the original's.
    const paths = services.bundle.versions(copy.case.id).map((v) => v.path);
    expect(paths.every((p) => p.includes(join('bundles', String(copy.case.id))))).toBe(true);
  });
});

describe('case archive checks before writing anything', () => {
  async function exportedZip(): Promise<{ zip: JSZip; bytes: Buffer }> {
    const source = fresh();
    const caseId = await seedFullCase(source.ctx, source.services);
    const out = join(scratch(), 'case.zip');
    await source.services.archive.exportTo(caseId, out);
    const bytes = readFileSync(out);
    return { zip: await JSZip.loadAsync(bytes), bytes };
  }

  async function importInto(target: ReturnType<typeof fresh>, zip: JSZip | Buffer) {
    const data = new Uint8Array(zip instanceof JSZip ? await zip.generateAsync({ type: 'uint8array' }) : zip);
    return target.services.archive.import({ name: 'tampered.zip', data });
  }

  async function expectNothingWritten(zip: JSZip | Buffer, code: string, pattern: RegExp) {
    const target = fresh();
    const counts = tableCounts(target.ctx);
    const files = snapshotFiles(target.dir);
    await expectRefused(importInto(target, zip), code, pattern);
    expect(tableCounts(target.ctx)).toEqual(counts);
    expect(snapshotFiles(target.dir)).toEqual(files);
  }

  it('refuses a file that is not a zip, or a zip without a manifest', async () => {
    await expectNothingWritten(
      Buffer.from('%PDF-1.7 not a case'),
      'invalid-input',
      /not a case export.*not a readable zip/,
    );
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    await expectNothingWritten(zip, 'invalid-input', /no manifest/);
  });

  it('refuses a document whose bytes were changed', async () => {
    const { zip } = await exportedZip();
    const name = Object.keys(zip.files).find((n) => n.startsWith('store/documents/'))!;
    const bytes = await zip.file(name)!.async('uint8array');
    bytes[bytes.length - 10] ^= 0xff;
    zip.file(name, bytes);
    await expectNothingWritten(zip, 'invalid-input', /has been changed or damaged/);
  });

  it('refuses a document renamed to another hash even when the manifest was rewritten to match', async () => {
    const { zip } = await exportedZip();
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const entry = manifest.files.find((f: { path: string }) => f.path.startsWith('store/documents/'));
    const content = await zip.file(entry.path)!.async('uint8array');
    const evil = await makeTextPdf('Forged', 1);
    zip.file(entry.path, evil);
    entry.sha256 = sha(evil);
    entry.bytes = evil.length;
    zip.file('manifest.json', JSON.stringify(manifest));
    expect(content.length).toBeGreaterThan(0);
    await expectNothingWritten(zip, 'invalid-input', /not the document it claims to be/);
  });

  it('refuses entries outside the known layout: path traversal, absolute paths, extra files', async () => {
    for (const evilName of [
      '../evil.txt',
      'files/../../evil.txt',
      'files/bundles/../../../evil',
      '/etc/passwd',
      'files/backups/x',
      'extra.txt',
    ]) {
      const { zip } = await exportedZip();
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
      zip.file(evilName, 'evil');
      manifest.files.push({ path: evilName, sha256: sha(Buffer.from('evil')), bytes: 4 });
      zip.file('manifest.json', JSON.stringify(manifest));
      await expectNothingWritten(zip, 'invalid-input', /unexpected file/);
    }
  });

  it('refuses a record pointing to a file path that would escape the data folder', async () => {
    const { zip } = await exportedZip();
    const caseJson = JSON.parse(await zip.file('case.json')!.async('string'));
    caseJson.dataFiles[0].path = 'bundles/../../outside.pdf';
    const text = JSON.stringify(caseJson);
    zip.file('case.json', text);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const entry = manifest.files.find((f: { path: string }) => f.path === 'case.json');
    entry.sha256 = sha(Buffer.from(text));
    entry.bytes = Buffer.byteLength(text);
    zip.file('manifest.json', JSON.stringify(manifest));
    await expectNothingWritten(zip, 'invalid-input', /unsafe name/);
  });

  it('refuses rows that do not belong to the case', async () => {
    const { zip } = await exportedZip();
    const caseJson = JSON.parse(await zip.file('case.json')!.async('string'));
    caseJson.tables.parties[0].case_id = 999;
    const text = JSON.stringify(caseJson);
    zip.file('case.json', text);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const entry = manifest.files.find((f: { path: string }) => f.path === 'case.json');
    entry.sha256 = sha(Buffer.from(text));
    entry.bytes = Buffer.byteLength(text);
    zip.file('manifest.json', JSON.stringify(manifest));
    await expectNothingWritten(zip, 'invalid-input', /points to something not in the file/);
  });

  it('refuses an archive from a newer version of the app', async () => {
    const { zip } = await exportedZip();
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    manifest.schemaVersion = 999;
    zip.file('manifest.json', JSON.stringify(manifest));
    await expectNothingWritten(zip, 'refused', /newer version of SEND Bundle Builder/);
  });

  it('refuses a missing file the manifest lists', async () => {
    const { zip } = await exportedZip();
    const name = Object.keys(zip.files).find((n) => n.startsWith('files/'))!;
    zip.remove(name);
    await expectNothingWritten(zip, 'invalid-input', /is missing/);
  });

  it('says plainly when the file to import is not there', async () => {
    const t = fresh();
    await expectRefused(
      t.services.archive.import({ name: 'gone.zip', path: join(scratch(), 'gone.zip') }),
      'not-found',
      /Could not find "gone.zip"/,
    );
  });
});
