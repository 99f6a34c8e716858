/**
 * The `send-bundle` command as a user or a script runs it: a real child process over a temporary data
 * folder, checking output (human and --json), exit codes (0 success, 1 refusal, 2 usage) and that
 * non-Latin names survive the trip through the command line and the database.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPEAL_TYPES } from '../../../../shared/domain/case';
import { FIXTURES } from '../../../helpers/context';
import { PDFDocument } from '@cantoo/pdf-lib';
import { makeTextPdf } from '../../../helpers/seed';
import { makePng } from '../../../helpers/images';
import { runCli } from '../../../helpers/cli';
import { avifFile, heicFile } from '../../../helpers/pictures';

let dir: string;
let data: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'send-bundle-cli-'));
  data = join(dir, 'data');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['--data-dir', data, ...args]);

function dbRow(sql: string, ...params: unknown[]): Record<string, unknown> {
  const db = new Database(join(data, 'cases.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

describe('send-bundle case', () => {
  let caseId: number;

  it('case new --json prints an object with the id; names round-trip through the database', async () => {
    const r = await cli(
      'case',
      'new',
      '--json',
      '--title',
      'Appeal for Zoë Kowalczyk',
      '--role',
      'parent',
      '--appeal-type',
      'contents-of-plan',
      '--child-name',
      'Zoë Kowalczyk',
      '--la-name',
      'مجلس محمد',
      '--decision-date',
      '2026-01-15',
      '--extended',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const created = JSON.parse(r.stdout);
    expect(created).toMatchObject({
      title: 'Appeal for Zoë Kowalczyk',
      childName: 'Zoë Kowalczyk',
      laName: 'مجلس محمد',
      appealType: 'contents-of-plan',
      decisionDate: '2026-01-15',
      extended: true,
    });
    expect(typeof created.id).toBe('number');
    caseId = created.id;
    // Byte for byte in the database itself, not just through our own reader.
    expect(dbRow('SELECT child_name, la_name FROM cases WHERE id = ?', caseId)).toEqual({
      child_name: 'Zoë Kowalczyk',
      la_name: 'مجلس محمد',
    });
  });

  it('case new without --json prints just the id', async () => {
    const r = await cli(
      'case',
      'new',
      '--title',
      'Second',
      '--role',
      'la',
      '--appeal-type',
      'refusal-to-assess',
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+$/);
  });

  it('refuses an unknown appeal type with the list (exit 1)', async () => {
    const r = await cli(
      'case',
      'new',
      '--title',
      'X',
      '--role',
      'parent',
      '--appeal-type',
      'refusal-to-help',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusal-to-help');
    for (const type of APPEAL_TYPES) expect(r.stderr).toContain(type);
  });

  it('usage mistakes exit 2', async () => {
    const results = await Promise.all([
      cli('case', 'new', '--title', 'Missing role'),
      cli('no-such-command'),
      cli('case', 'show', 'abc'),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(results[0].stderr).toContain('--role');
  });

  it('case list / show / set with --json', async () => {
    const list = await cli('case', 'list', '--json');
    expect(list.code).toBe(0);
    const cases = JSON.parse(list.stdout) as { id: number; title: string }[];
    expect(cases.map((c) => c.title)).toContain('Appeal for Zoë Kowalczyk');

    const set = await cli(
      'case',
      'set',
      String(caseId),
      '--json',
      '--child-name',
      'محمد',
      '--hearing-date',
      '2026-07-01',
      '--tribunal-ref',
      'EH123/26/00001',
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      id: caseId,
      childName: 'محمد',
      hearingDate: '2026-07-01',
    });
    expect(dbRow('SELECT child_name FROM cases WHERE id = ?', caseId)).toEqual({ child_name: 'محمد' });

    const show = await cli('case', 'show', String(caseId), '--json');
    expect(JSON.parse(show.stdout)).toMatchObject({
      id: caseId,
      childName: 'محمد',
      laName: 'مجلس محمد',
      tribunalRef: 'EH123/26/00001',
    });
    const human = await cli('case', 'show', String(caseId));
    expect(human.stdout).toContain('محمد');
    expect(human.stdout).toContain('Appeal for Zoë Kowalczyk');

    expect((await cli('case', 'show', '9999')).code).toBe(1);

    // A claim's longest label ("Referred for conciliation") still has a space before its value.
    const claim = await cli(
      'case',
      'new',
      '--title',
      'Claim',
      '--role',
      'parent',
      '--appeal-type',
      'disability-discrimination',
      '--responsible-body',
      'Hilltop Academy Trust',
    );
    const claimShown = await cli('case', 'show', claim.stdout.trim());
    expect(claimShown.stdout).toMatch(/^Referred for conciliation +-$/m);
    expect(claimShown.stdout).toMatch(/^Responsible body +Hilltop Academy Trust$/m);
  });

  it('import --json: one object per line per file; exit 1 when any is refused; docs --json lists them', async () => {
    const good = join(dir, 'Report by Zoë.pdf');
    writeFileSync(good, await makeTextPdf('Report', 3));
    const photo = join(dir, 'photo.png');
    writeFileSync(photo, makePng(60, 30));
    const notPdf = join(dir, 'fake.pdf');
    writeFileSync(notPdf, 'not really a PDF');
    const locked = join(FIXTURES, 'encrypted', 'qpdf-20-pages.pdf');

    const r = await cli('import', String(caseId), good, photo, notPdf, locked, '--section', 'c', '--json');
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const objects = lines.map((line) => JSON.parse(line));
    expect(objects[0]).toMatchObject({ file: good, status: 'imported', pageCount: 3 });
    expect(objects[1]).toMatchObject({ file: photo, status: 'imported', pageCount: 1 });
    expect(objects[2]).toMatchObject({ file: notPdf, status: 'refused' });
    expect(objects[2].reason).toContain('"fake.pdf" is named like a PDF but is not one');
    expect(objects[3]).toMatchObject({ file: locked, status: 'refused' });
    expect(objects[3].reason).toMatch(/password/);
    expect(objects[0]).not.toHaveProperty('reason');

    // The same file again: a duplicate is not a refusal.
    const again = await cli('import', String(caseId), good, '--section', 'C', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ file: good, status: 'duplicate' });

    const docs = await cli('docs', String(caseId), '--json');
    expect(docs.code).toBe(0);
    const list = JSON.parse(docs.stdout) as {
      id: number;
      title: string;
      section: string;
      pageCount: number;
    }[];
    expect(list.map(({ title, section, pageCount }) => ({ title, section, pageCount }))).toEqual([
      { title: 'Report by Zoë', section: 'C', pageCount: 3 },
      { title: 'photo', section: 'C', pageCount: 1 },
    ]);
    expect(list.every((d) => typeof d.id === 'number')).toBe(true);

    // Only some pages of the report go in: the list says so, and the case's page count follows.
    const report = list.find((d) => d.title === 'Report by Zoë')!;
    const pages = await cli('pages', String(report.id), '3,', '1');
    expect([pages.code, pages.stderr]).toEqual([0, '']);
    expect(pages.stdout.trim()).toBe('Report by Zoë: pages 1, 3 of 3 go in the bundle.');
    expect((await cli('docs', String(caseId))).stdout).toContain('extract: pages 1, 3 of 3');
    const beyond = await cli('pages', String(report.id), '2-4');
    expect(beyond.code).not.toBe(0);
    expect(beyond.stderr).toContain('The document has 3 pages: there is no page 4.');
    const notPages = await cli('pages', String(report.id), 'the first');
    expect(notPages.stderr).toContain('“the first” is not a page number');
    const all = await cli('pages', String(report.id), 'all', '--json');
    expect(JSON.parse(all.stdout)).toMatchObject({ id: report.id, keptPages: null, pageCount: 3 });
  });

  it('import without --json prints one line per file; --title with non-Latin text', async () => {
    const pdf = join(dir, 'letter.pdf');
    writeFileSync(pdf, await makeTextPdf('Letter', 2));
    const missing = join(dir, 'missing.pdf');
    const r = await cli('import', String(caseId), pdf, missing, '--section', 'E', '--title', 'رسالة من محمد');
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `imported: ${pdf} (2 pages)`,
      `refused: ${missing}: "missing.pdf" could not be found. It may have been moved, renamed or deleted. Find it again and add it from its new place.`,
    ]);
    const ok = await cli(
      'import',
      String(caseId),
      join(FIXTURES, 'valid', 'pdflib-normal.pdf'),
      '--section',
      'E',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^imported: .*pdflib-normal\.pdf \(2 pages\)$/);
    // What import had to do to the file, for the person running it (standard output stays a line a file).
    expect(ok.stderr.trim()).toMatch(
      /^note: .*pdflib-normal\.pdf: Its form field is shown as filled in, and can no longer be changed in the bundle\.$/,
    );
    expect(r.stderr).toBe('');

    const docs = await cli('docs', String(caseId));
    expect(docs.code).toBe(0);
    expect(docs.stdout).toContain('رسالة من محمد');
    expect(dbRow("SELECT title FROM documents WHERE section = 'E' AND position = 1")).toEqual({
      // Several files under one --title: each is told apart by its file name.
      title: 'رسالة من محمد - letter',
    });
  });

  it('import prints a line for each file taken out of another, after it, saying what it was attached to', async () => {
    const email = await PDFDocument.create();
    email.addPage();
    await email.attach(await makeTextPdf('Speech and language report', 3), 'SALT report.pdf', {
      mimeType: 'application/pdf',
    });
    const emailPath = join(dir, 'email with report.pdf');
    writeFileSync(emailPath, await email.save());
    const letter = join(dir, 'letter two.pdf');
    writeFileSync(letter, await makeTextPdf('Letter two', 1));
    const r = await cli('import', String(caseId), emailPath, letter, '--section', 'D');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      `imported: ${emailPath} (1 page)`,
      'imported: SALT report.pdf (attached to email with report.pdf) (3 pages)',
      `imported: ${letter} (1 page)`,
    ]);
    expect(r.stderr.trim().split('\n')).toEqual([
      `note: ${emailPath}: It has a file attached to it (“SALT report.pdf”). Attached files do not go into bundles, so it was taken out and added as a document of its own, after it.`,
      'note: SALT report.pdf (attached to email with report.pdf): It was attached to “email with report.pdf”.',
    ]);
    const again = await cli('--json', 'import', String(caseId), emailPath, '--section', 'D');
    expect(
      again.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    ).toEqual([expect.objectContaining({ file: emailPath, status: 'duplicate' })]);
  });

  it('import keeps photos (HEIC, AVIF, JPEG) as JPEG scaled to A4 at 300 dpi: the worker, run from a code cache, loads Skia and the decoders', async () => {
    const heic = join(dir, 'IMG_0042.HEIC');
    writeFileSync(
      heic,
      heicFile({ width: 300, height: 200, pixel: (x) => (x < 150 ? [200, 0, 0] : [0, 0, 200]) }),
    );
    const avif = join(dir, 'saved-from-the-web.avif');
    writeFileSync(avif, avifFile({ width: 300, height: 200, pixel: () => [30, 120, 60] }));
    const camera = join(dir, 'IMG_0043.jpg');
    const surface = createCanvas(6000, 4000);
    surface.getContext('2d').fillStyle = '#3060a0';
    surface.getContext('2d').fillRect(0, 0, 6000, 4000);
    writeFileSync(camera, await surface.encode('jpeg', 80));
    const r = await cli('--json', 'import', String(caseId), heic, avif, camera, '--section', 'D');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const { documentId } = JSON.parse(line) as { documentId: number };
      const { sha256 } = dbRow('SELECT sha256 FROM documents WHERE id = ?', documentId) as { sha256: string };
      const images = execFileSync('pdfimages', ['-list', join(data, 'store', 'documents', `${sha256}.pdf`)], {
        encoding: 'utf8',
      });
      // page num type width height color comp bpc enc ...
      const [, , , width, height, , , , enc] = images.trim().split('\n')[2].trim().split(/\s+/);
      expect(enc).toBe('jpeg');
      expect(Math.max(Number(width), Number(height))).toBeLessThanOrEqual(3508);
    }
  });

  it('import usage mistakes exit 2', async () => {
    const pdf = join(dir, 'letter.pdf');
    const results = await Promise.all([
      cli('import', String(caseId), pdf), // no --section
      cli('import', String(caseId), '--section', 'C'), // no file
      cli('import', String(caseId), pdf, '--section', 'C', '--kind', 'poem'),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
  });
});
