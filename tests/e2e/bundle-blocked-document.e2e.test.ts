/**
 * When one document stops the bundle being built (here its stored file was overwritten on disk after
 * import, which the build finds before it reads the file: services/storedFiles.ts), the bundle screen names
 * it by tab and title and offers to build without it; the page settings are the case's and are kept.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTextPdf, seedDocument } from '../helpers/seed';
import { startApp, type App } from './harness';
import { HAS_CHROMIUM } from './paths';

describe.skipIf(!HAS_CHROMIUM)('a document that stops the build', () => {
  let app: App;
  let caseId: number;

  beforeAll(async () => {
    app = await startApp();
    const { services } = app.bridge;
    services.cases.setRole('parent');
    caseId = services.cases.create({
      title: 'Blocked case',
      role: 'parent',
      appealType: 'refusal-to-assess',
    }).id;
    await seedDocument(services.ctx, caseId, 'C', await makeTextPdf('School report', 2), {
      title: 'School report',
    });
    const broken = await seedDocument(services.ctx, caseId, 'C', await makeTextPdf('GP letter', 1), {
      title: 'Letter from the GP',
    });
    // The stored file is overwritten on disk after import (a failing disk, a sync tool): not a PDF any more.
    writeFileSync(services.ctx.store.pdfPath(broken.sha256), 'this is no longer a PDF');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('names the document by tab and title and builds without it when asked', async () => {
    const { page } = app;
    await page.goto(`${app.bridge.url}#/case/${caseId}/bundle`);
    await page.getByRole('heading', { level: 1, name: 'Bundle' }).waitFor();
    await page.getByRole('button', { name: 'Build the bundle', exact: true }).click();
    const notice = page.getByText(
      /The app's copy of document C2, “Letter from the GP” has changed since it was added to the case/,
    );
    await notice.waitFor();
    const without = page.getByRole('button', {
      name: 'Build the bundle without document C2, “Letter from the GP”',
    });
    await without.waitFor();
    await app.screen('bundle-blocked-document');
    await without.click();
    await page
      .getByText(/Bundle version 1 is ready/)
      .first()
      .waitFor();
    const versions = app.bridge.services.bundle.versions(caseId);
    expect(versions).toHaveLength(1);
    const plan = app.bridge.services.bundle.versionPlan(caseId, 1);
    expect(plan.documents.map((d) => d.title)).toEqual(['School report']);
    // Left out of that build only: the document is still in the case's bundle.
    expect(app.bridge.services.documents.list(caseId).every((d) => d.included)).toBe(true);
    expect(app.axeProblems).toEqual([]);
  });

  it("keeps the page settings as the case's", async () => {
    const { page } = app;
    // The settings are behind "How the bundle is set out", after the build action (#14).
    await page.getByText('How the bundle is set out').click();
    const a4 = page.getByRole('checkbox', { name: 'Put every page on A4' });
    await expect.poll(() => a4.isChecked()).toBe(true);
    await a4.uncheck();
    await expect.poll(() => app.bridge.services.cases.get(caseId).pageSettings.normalisePages).toBe(false);
    await page.getByRole('checkbox', { name: 'Turn landscape pages to portrait' }).check();
    await expect
      .poll(() => app.bridge.services.cases.get(caseId).pageSettings)
      .toEqual({
        normalisePages: false,
        landscapePages: 'rotate',
        sourceBookmarks: true,
      });
    await app.screen('bundle-page-settings');
    expect(app.axeProblems).toEqual([]);
  });
});
