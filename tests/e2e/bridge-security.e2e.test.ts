/**
 * The app in the browser makes no request beyond the bridge (pdf.js, its worker and fonts included), the
 * bridge refuses a page without the token, the CSP header is on the page, and the screens reflow at 200%
 * zoom of a 1280×720 window (640×360 CSS pixels) with no sideways scrolling and no axe problems.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/csp';
import { FIXTURES } from '../helpers/context';
import { makeTextPdf, seedDocument } from '../helpers/seed';
import { startApp, tabTo, type App } from './harness';
import { HAS_CHROMIUM, SCREENSHOTS } from './paths';

describe.skipIf(!HAS_CHROMIUM)('the browser bridge in a real browser', () => {
  let app: App;
  let caseId = 0;

  beforeAll(async () => {
    app = await startApp();
    const { services } = app.bridge;
    services.cases.setRole('clerk');
    caseId = services.cases.create({
      title: 'Security case',
      role: 'clerk',
      appealType: 'contents-of-plan',
      childName: 'Ola Nordmann',
      extended: true,
      extendedHealth: true,
      decisionDate: '2026-09-01',
    }).id;
    await seedDocument(services.ctx, caseId, 'B', await makeTextPdf('EHC plan', 3), {
      title: 'EHC plan',
      kind: 'ehc-plan',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('makes no request to anywhere but 127.0.0.1, on any screen, including the PDF preview and a built bundle', async () => {
    const { page } = app;
    const response = await page.goto(app.bridge.url);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // A clerk starts at their job: checking a bundle.
    await page.getByRole('heading', { level: 1, name: 'Check a bundle' }).waitFor();
    // The token is taken out of the address bar once read.
    expect(page.url()).not.toContain(app.bridge.token);
    await app.screen('clerk-01-cases');
    for (const tab of ['', '/setup', '/evidence', '/witnesses', '/recommendations', '/bundle', '/letters']) {
      await page.goto(`${app.bridge.origin}/#/case/${caseId}${tab}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.goto(`${app.bridge.origin}/#/case/${caseId}/evidence`);
    await page.getByRole('button', { name: 'Preview: EHC plan' }).click();
    await expect
      .poll(() => page.getByTestId('pdf-preview-canvas').getAttribute('data-rendered-page'), {
        timeout: 30_000,
      })
      .toBe('1');
    await page.goto(`${app.bridge.origin}/#/case/${caseId}/bundle`);
    await page.getByRole('button', { name: 'Build the bundle' }).click();
    await page.getByTestId('bundle-result').waitFor({ timeout: 120_000 });
    await expect
      .poll(() =>
        page
          .getByTestId('bundle-result')
          .getByTestId('pdf-preview-canvas')
          .getAttribute('data-rendered-page'),
      )
      .toBe('1');
    await page.goto(`${app.bridge.origin}/#/check`);
    await page.getByRole('heading', { level: 1, name: 'Check a bundle' }).waitFor();
    await app.screen('clerk-02-check-a-bundle');
    expect(app.outgoing).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('checks a bundle on the clerk’s screen', async () => {
    const { page } = app;
    const [version] = app.bridge.services.bundle.versions(caseId);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a PDF to check' }).click();
    await (await chooser).setFiles(version.path);
    const result = page.getByTestId('check-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain(`${version.pageCount}`);
    await app.screen('clerk-03-check-result');
    expect(app.axeProblems).toEqual([]);
  });

  it('compares two copies of a bundle (the comparison started by keyboard), with the fingerprints and the pages that differ', async () => {
    const { page } = app;
    const [version] = app.bridge.services.bundle.versions(caseId);
    // Their copy: the same bundle with its last page taken out.
    const doc = await PDFDocument.load(readFileSync(version.path));
    doc.removePage(doc.getPageCount() - 1);
    const theirs = join(app.dataDir, 'their-copy.pdf');
    writeFileSync(theirs, await doc.save());
    for (const [button, file] of [
      ['Choose your copy', version.path],
      ['Choose their copy', theirs],
    ] as const) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: button }).click();
      await (await chooser).setFiles(file);
    }
    await page.getByTestId('compare-theirs-name').filter({ hasText: 'their-copy.pdf' }).waitFor();
    await tabTo(page, 'Compare the two copies', (el) => el.text === 'Compare the two copies');
    await page.keyboard.press('Enter');
    const verdict = page.getByTestId('compare-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toMatch(/^The two bundles differ/);
    const result = page.getByTestId('compare-result');
    expect(await result.textContent()).toContain(
      `fingerprint ${version.fingerprint} (as printed on its cover)`,
    );
    const codes = await result
      .locator('[data-code]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
    expect(codes).toContain('pages-removed');
    await app.screen('clerk-05-compare');
    expect(app.axeProblems).toEqual([]);
  });

  it('says plainly when the file checked is not a hearing bundle at all', async () => {
    const { page } = app;
    // A clerk starts at checking a bundle.
    await page.goto(app.bridge.url);
    await page.getByRole('heading', { level: 1, name: 'Check a bundle' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a PDF to check' }).click();
    await (await chooser).setFiles(join(FIXTURES, 'valid/pdflib-us_constitution.pdf'));
    const verdict = page.getByTestId('check-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toMatch(/^This does not look like a hearing bundle, because /);
    const codes = await page
      .getByTestId('check-result')
      .locator('[data-code]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
    expect(codes).toEqual(['not-a-bundle']);
    await app.screen('clerk-04-not-a-bundle');
    expect(app.axeProblems).toEqual([]);
  });

  it('refuses a page that does not have the token', async () => {
    const other = await app.browser.newContext();
    const page = await other.newPage();
    try {
      const consoleErrors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      await page.goto(`${app.bridge.origin}/`);
      // A friendly page that says how to open the app, and asks the app nothing without the token.
      await page
        .getByRole('heading', { level: 1, name: 'Open SEND Bundle Builder from its own address' })
        .waitFor();
      expect(await page.locator('main').textContent()).toContain('?token=');
      await page.screenshot({ path: join(SCREENSHOTS, 'no-token.png'), fullPage: true });
      const axe = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      expect(consoleErrors).toEqual([]);
      const doc = app.bridge.services.documents.list(caseId)[0];
      const file = await page.request.get(`${app.bridge.origin}/files/document/${doc.sha256}`);
      expect(file.status()).toBe(401);
      const call = await page.request.post(`${app.bridge.origin}/api/call/cases.list`, {
        data: { input: {} },
      });
      expect(call.status()).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('reflows at 200% zoom of 1280×720: no sideways scrolling, no axe problems', async () => {
    const zoomed = await app.browser.newContext({
      viewport: { width: 640, height: 360 },
      deviceScaleFactor: 2,
    });
    const page = await zoomed.newPage();
    const problems: string[] = [];
    try {
      await page.goto(app.bridge.url);
      await page.getByRole('heading', { level: 1, name: 'Check a bundle' }).waitFor();
      for (const [name, hash] of [
        ['cases', '#/cases'],
        ['new-case', '#/new'],
        ['overview', `#/case/${caseId}`],
        ['evidence', `#/case/${caseId}/evidence`],
        ['bundle', `#/case/${caseId}/bundle`],
        ['letters', `#/case/${caseId}/letters`],
        ['check', '#/check'],
      ]) {
        await page.goto(`${app.bridge.origin}/${hash}`);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${name}: ${overflow}px wider than the window`);
        const axe = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        for (const v of axe.violations) {
          if (v.impact === 'serious' || v.impact === 'critical')
            problems.push(`${name}: ${v.id} (${v.help})`);
        }
        await page.screenshot({ path: join(SCREENSHOTS, `zoom-200-${name}.png`), fullPage: true });
      }
    } finally {
      await zoomed.close();
    }
    expect(problems).toEqual([]);
  });
});
