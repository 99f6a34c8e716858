/**
 * Making scans searchable in the app: a parent adds a scanned letter with "Make scans searchable" on,
 * watches the text being recognised page by page, sees "Text recognised", builds the bundle and finds a
 * word from the scan in it (pdftotext). A scan added with recognition off shows up on the bundle screen as
 * pages without text, and its "Make searchable" button fixes it there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../electron/services/documents/executables';
import { makeScannedPdf, SCAN_PARAGRAPHS, wordRecall, wordsOf } from '../helpers/scans';
import { startApp, type App } from './harness';
import { HAS_CHROMIUM } from './paths';

const HAS_PDFTOTEXT = findExecutable(['pdftotext']) !== null;

describe.skipIf(!HAS_CHROMIUM || !HAS_PDFTOTEXT)('making scans searchable in the app', () => {
  let app: App;
  let caseId = 0;
  let inbox = '';

  beforeAll(async () => {
    app = await startApp();
    const { services } = app.bridge;
    services.cases.setRole('parent');
    caseId = services.cases.create({
      title: 'Scanned letters',
      role: 'parent',
      appealType: 'refusal-to-issue',
    }).id;
    inbox = mkdtempSync(join(tmpdir(), 'ocr-e2e-'));
    writeFileSync(join(inbox, 'School letter.pdf'), await makeScannedPdf([{ dpi: 200, rotate: 1 }]));
    writeFileSync(
      join(inbox, 'Therapy note.pdf'),
      await makeScannedPdf([
        { dpi: 200, paragraphs: ['Weekly therapy sessions with a qualified therapist.'] },
      ]),
    );
  });
  afterAll(async () => {
    await app?.close();
    rmSync(inbox, { recursive: true, force: true });
  });

  it('recognises a scan after it is added, with progress, and the bundle is searchable', async () => {
    const { page } = app;
    await page.goto(`${app.bridge.url}#/case/${caseId}/evidence`);
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    const setting = page.getByLabel('Make scans searchable');
    await expect.poll(() => setting.isChecked()).toBe(true);
    await page.locator('#evidence-files').setInputFiles(join(inbox, 'School letter.pdf'));

    // The import returns, then the text is read in the background with its progress shown.
    const outcomes = page.getByTestId('import-outcomes').locator('li');
    await expect.poll(() => outcomes.count(), { timeout: 60_000 }).toBe(1);
    expect(await outcomes.first().getAttribute('data-status')).toBe('imported');
    const progress = page.getByTestId('ocr-progress');
    await progress.waitFor({ timeout: 60_000 });
    expect(await progress.textContent()).toMatch(/Recognising text in “School letter”/);
    await app.screen('ocr-01-recognising');
    const done = page.getByTestId('ocr-done');
    await done.waitFor({ timeout: 120_000 });
    expect((await done.textContent())?.trim()).toMatch(/^Text recognised \(1 page\)/);
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toContain('Text recognised on 1 page.');
    await app.screen('ocr-02-text-recognised');

    await page.goto(`${app.bridge.url}#/case/${caseId}/bundle`);
    await page.getByRole('button', { name: 'Build the bundle' }).click();
    await page.getByTestId('bundle-result').waitFor({ timeout: 120_000 });
    const [version] = app.bridge.services.bundle.versions(caseId);
    const text = execFileSync('pdftotext', [version.path, '-'], { encoding: 'utf8' });
    expect(text).toContain('speech and language therapist');
    expect(wordRecall(wordsOf(SCAN_PARAGRAPHS.join(' ')), wordsOf(text))).toBeGreaterThanOrEqual(0.85);
  });

  it('offers the fix on the bundle screen for a scan added without it', async () => {
    const { page } = app;
    const { services } = app.bridge;
    await services.documents.import({
      caseId,
      section: 'C',
      files: [{ name: 'Therapy note.pdf', path: join(inbox, 'Therapy note.pdf') }],
      ocr: false,
    });
    await page.goto(`${app.bridge.url}#/case/${caseId}/bundle`);
    const finding = page.locator('[data-finding^="unsearchable-pages:"]');
    await finding.waitFor();
    expect(await finding.textContent()).toContain('no searchable text');
    await app.screen('ocr-03-bundle-finding');
    await finding.getByRole('button', { name: 'Make searchable' }).click();
    await expect.poll(() => finding.count(), { timeout: 120_000 }).toBe(0);
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toContain('Text recognised on 1 page.');
    const note = services.documents.list(caseId).find((d) => d.title === 'Therapy note')!;
    expect(note.ocrPages).toEqual([1]);
    await app.screen('ocr-04-finding-fixed');

    expect(app.axeProblems).toEqual([]);
    expect(app.outgoing).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
