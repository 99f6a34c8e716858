/**
 * The Evidence screen checks the case's stored document files when it opens (documents.checkStored): one
 * saved again by another program and one gone from the app's folder are named in a warning that says the
 * bundle cannot include them and what to do. Removing one with the keyboard from the warning, and adding
 * it again from the original file, leaves only the other named; it checks again after documents are added.
 */
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTextPdf, seedDocument } from '../helpers/seed';
import { addFiles } from './steps';
import { startApp, tabTo, type App } from './harness';
import { HAS_CHROMIUM } from './paths';

describe.skipIf(!HAS_CHROMIUM)('a stored document file changed since it was added', () => {
  let app: App;
  let caseId: number;
  let gpLetter: Uint8Array;

  beforeAll(async () => {
    app = await startApp();
    const { services } = app.bridge;
    services.cases.setRole('parent');
    caseId = services.cases.create({
      title: 'Changed files case',
      role: 'parent',
      appealType: 'refusal-to-assess',
    }).id;
    await seedDocument(services.ctx, caseId, 'C', await makeTextPdf('School report', 2), {
      title: 'School report',
    });
    gpLetter = await makeTextPdf('GP letter', 1);
    const gp = await seedDocument(services.ctx, caseId, 'C', gpLetter, { title: 'Letter from the GP' });
    const salt = await seedDocument(services.ctx, caseId, 'D', await makeTextPdf('SALT report', 3), {
      title: 'Speech and language report',
    });
    // Saved again by a PDF viewer from the case folder: still a PDF, other bytes. And one file gone.
    appendFileSync(services.ctx.store.pdfPath(gp.sha256), '\n% saved again by another program\n');
    rmSync(services.ctx.store.pdfPath(salt.sha256));
  });

  afterAll(async () => {
    await app?.close();
  });

  const warning = () => app.page.getByTestId('stored-file-warning');

  it('names each document and says what to do when the screen opens', async () => {
    const { page } = app;
    await page.goto(`${app.bridge.url}#/case/${caseId}/evidence`);
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    await page
      .getByRole('heading', { level: 2, name: '2 documents cannot go into the bundle as they are' })
      .waitFor();
    const items = await warning().locator('li').allTextContents();
    expect(items.map((text) => text.replace(/\s*Remove “.*$/, ''))).toEqual([
      '“Letter from the GP” (section C) has changed since it was added.',
      '“Speech and language report” (section D) is missing from the app’s folder.',
    ]);
    const text = await warning().textContent();
    expect(text).toContain('The bundle cannot include them as they are');
    expect(text).toContain('add it again from your own copy of the original file');
    // The document that is as it was added is not named.
    expect(text).not.toContain('School report');
    // Each affected document is marked in its section's list too.
    const tags = await page
      .getByTestId('document-item')
      .evaluateAll((items) =>
        items.map((item) => [
          item.querySelector('.doc-title bdi')?.textContent,
          item.querySelector('[data-testid="stored-file-tag"]')?.textContent ?? null,
        ]),
      );
    expect(tags).toEqual([
      ['School report', null],
      ['Letter from the GP', 'File changed'],
      ['Speech and language report', 'File missing'],
    ]);
    await app.screen('evidence-changed-documents');
    expect(app.axeProblems).toEqual([]);
  });

  it('removes one from the warning with the keyboard, and adding it again from the original puts it right', async () => {
    const { page } = app;
    await tabTo(
      page,
      'Remove “Letter from the GP” from the case',
      (el) => el.tag === 'button' && el.text === 'Remove “Letter from the GP” from the case',
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('removed-notice').waitFor();
    await page
      .getByRole('heading', { level: 2, name: '1 document cannot go into the bundle as it is' })
      .waitFor();
    expect(await warning().locator('li').count()).toBe(1);
    expect(await warning().textContent()).not.toContain('Letter from the GP');

    // Added again from the user's own copy: the app's copy is written again, and only the missing one is left.
    const outcomes = await addFiles(app, 'C', 'Letters and emails', [
      { name: 'Letter from the GP.pdf', mimeType: 'application/pdf', buffer: Buffer.from(gpLetter) },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported']);
    await expect
      .poll(() => app.bridge.services.documents.list(caseId).map((d) => d.originalName))
      .toContain('Letter from the GP.pdf');
    const left = await app.bridge.services.documents.checkStored(caseId);
    expect(left.map((p) => [p.title, p.problem])).toEqual([['Speech and language report', 'missing']]);
    await expect.poll(() => warning().locator('li').count()).toBe(1);
    expect(await warning().textContent()).toContain('“Speech and language report” (section D) is missing');
    await app.screen('evidence-changed-document-added-again');
    expect(app.axeProblems).toEqual([]);
  });

  it('checks again after documents are added, finding a file changed while the screen was open', async () => {
    const { page, bridge } = app;
    const school = bridge.services.documents.list(caseId).find((d) => d.title === 'School report')!;
    writeFileSync(bridge.services.ctx.store.pdfPath(school.sha256), 'this is no longer a PDF');
    await addFiles(app, 'C', 'Letters and emails', [
      {
        name: 'Annual review.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await makeTextPdf('Annual review', 1)),
      },
    ]);
    await page
      .getByRole('heading', { level: 2, name: '2 documents cannot go into the bundle as they are' })
      .waitFor();
    expect(await warning().textContent()).toContain(
      '“School report” (section C) has changed since it was added.',
    );
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
