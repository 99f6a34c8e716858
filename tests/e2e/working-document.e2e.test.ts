/**
 * The working document in the app (#19): an LA officer pastes the plan's disputed sections, proposes
 * changes for both sides with evidence, sees the page meter, leaves and comes back to find everything
 * kept, makes version 1 (DOCX and PDF), puts section C in date order from the bundle screen's finding in
 * one click, and builds the bundle with the working document in section B. axe on the editor.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { makeTextPdf, seedDocument } from '../helpers/seed';
import { startApp, type App } from './harness';
import { HAS_CHROMIUM } from './paths';
import { buildBundle, openTab, pdfText } from './steps';

const PLAN = `Section B: Special educational needs
Sam has difficulties with speech sound production.
Section F: Special educational provision
Sam will receive speech and language therapy once a term.`;

describe.skipIf(!HAS_CHROMIUM)('the working document editor', () => {
  let app: App;
  let caseId: number;
  let reportId: number;

  beforeAll(async () => {
    app = await startApp();
    const { services } = app.bridge;
    services.cases.setRole('la');
    caseId = services.cases.create({
      title: 'Sam: contents of plan',
      role: 'la',
      appealType: 'contents-of-plan',
      childName: 'Sam Taylor',
    }).id;
    await seedDocument(services.ctx, caseId, 'B', await makeTextPdf('EHC plan', 3), {
      title: 'EHC plan',
      kind: 'ehc-plan',
      date: '2026-01-10',
    });
    reportId = (
      await seedDocument(services.ctx, caseId, 'C', await makeTextPdf('EP report', 4), {
        title: 'EP report',
        kind: 'expert-report',
        date: '2026-02-28',
      })
    ).id;
    // Seeded after the EP report though older: section C is out of date order.
    await seedDocument(services.ctx, caseId, 'C', await makeTextPdf('School report', 2), {
      title: 'School report',
      date: '2025-12-01',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const group = (name: string) => app.page.getByRole('group', { name });

  it('starts from the pasted plan, takes proposals from both sides with evidence, and meters the pages', async () => {
    const { page } = app;
    await page.goto(`${app.bridge.url}#/case/${caseId}`);
    await openTab(app, 'Working document');
    await page.getByRole('heading', { level: 1, name: 'Working document' }).waitFor();
    await page.getByLabel(/Paste the plan’s disputed sections/).fill(PLAN);
    await page.getByRole('button', { name: 'Use this text' }).click();
    await page.getByRole('heading', { level: 2, name: 'Section F: Special educational provision' }).waitFor();

    await page
      .getByRole('button', {
        name: 'Propose a change to Section F: Special educational provision, paragraph 1',
      })
      .click();
    const la = group('Change 1 to Section F: Special educational provision, paragraph 1');
    await la.getByLabel(/Words of the plan to delete/).fill('once a term');
    await la.getByLabel('Words to add').fill('for 45 minutes every week');
    await la.getByLabel(/Evidence for it/).fill('EP report, Dr Smith, 28/02/2026, p.2, para 4');
    await la.getByLabel(/Which document is that/).selectOption({ label: 'EP report' });
    await la.getByLabel('Page of that document').fill('2');

    await page
      .getByRole('button', { name: 'Propose a change to Section B: Special educational needs, paragraph 1' })
      .click();
    const parent = group('Change 1 to Section B: Special educational needs, paragraph 1');
    await parent
      .getByLabel('Whose change is it?')
      .selectOption({ label: 'Proposed by the parent or young person' });
    await parent.getByLabel('Words to add').fill('Sam has a diagnosis of developmental language disorder.');

    await expect
      .poll(() => page.getByTestId('wd-meter').textContent(), { timeout: 30_000 })
      .toContain('1 of 25 pages');
    // The preview prints each change in the key's style.
    await expect
      .poll(() => page.locator('[data-style="la-deletion"]').first().textContent())
      .toContain('once a term');
    await expect.poll(() => page.getByTestId('wd-draft-state').textContent()).toBe('All changes kept.');
    await app.screen('working-document-editor');
  });

  it('keeps everything typed when the screen is left and opened again', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Section F: Special educational provision' }).waitFor();
    const la = group('Change 1 to Section F: Special educational provision, paragraph 1');
    await expect.poll(() => la.getByLabel('Words to add').inputValue()).toBe('for 45 minutes every week');
    // The case's documents (the choice's options) load on their own: the choice shows once they are there.
    await expect.poll(() => la.getByLabel(/Which document is that/).inputValue()).toBe(String(reportId));
  });

  it('makes version 1 and builds the bundle with it in section B', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Make version 1' }).click();
    await page.getByTestId('wd-result').waitFor({ timeout: 60_000 });
    const { services } = app.bridge;
    const [v1] = services.workingDocument.versions(caseId);
    expect(v1).toMatchObject({ version: 1, pageCount: 1 });
    const zip = await JSZip.loadAsync(readFileSync(v1.docxPath));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:rStyle w:val="WDLADeletion"\/>[\s\S]*?once a term/);
    expect(xml).toMatch(/<w:rStyle w:val="WDParentAmendment"\/>[\s\S]*?developmental language disorder/);

    await openTab(app, 'Bundle');
    // The plan's finding offers the order that mends section C, in one click.
    await page.getByRole('button', { name: 'Put section C in date order' }).click();
    const orderC = () =>
      services.documents
        .list(caseId)
        .filter((d) => d.section === 'C')
        .sort((a, b) => a.position - b.position)
        .map((d) => d.title);
    await expect.poll(orderC).toEqual(['School report', 'EP report']);
    await page.getByRole('button', { name: 'Put section C in date order' }).waitFor({ state: 'detached' });
    await buildBundle(app);
    const [bundle] = services.bundle.versions(caseId);
    const plan = services.bundle.versionPlan(caseId, bundle.version);
    const wd = plan.documents.find((d) => d.kind === 'working-document');
    expect(wd).toMatchObject({
      section: 'B',
      title: expect.stringMatching(/^Working document \(version 1,/),
    });
    const text = pdfText(bundle.path).replace(/\s+/g, ' ');
    expect(text).toContain('Working document');
    expect(text).toMatch(/once a term for 45 minutes every\s?week/);
    expect(app.axeProblems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('starts from a Word document, and says at once when the file chosen is far too large to be one', async () => {
    const { page, bridge } = app;
    const other = bridge.services.cases.create({
      title: 'Alex: contents of plan',
      role: 'la',
      appealType: 'contents-of-plan',
      childName: 'Alex Green',
    }).id;
    await page.goto(`${bridge.url}#/case/${other}`);
    await openTab(app, 'Working document');
    const dir = mkdtempSync(join(tmpdir(), 'wd-e2e-'));
    try {
      // A file the size of a long video, as sparse as the disk allows: chosen by mistake, it is not read.
      const huge = join(dir, 'recording.docx');
      writeFileSync(huge, '');
      truncateSync(huge, LIMITS.importBytes + 5 * 1024 * 1024);
      const input = page.getByLabel(/Or read a Word document/);
      await input.setInputFiles(huge);
      await expect
        .poll(() => page.getByRole('alert').innerText())
        .toMatch(/“recording\.docx” is 205 MB, more than the 200 MB limit for one file/);

      const zip = new JSZip();
      zip.file('word/document.xml', `<w:document><w:body>${paragraphs(PLAN)}</w:body></w:document>`);
      const plan = join(dir, 'plan.docx');
      writeFileSync(plan, await zip.generateAsync({ type: 'uint8array' }));
      await input.setInputFiles(plan);
      await page
        .getByRole('heading', { level: 2, name: 'Section F: Special educational provision' })
        .waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(app.axeProblems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Each line a paragraph, those starting "Section" headings. */
function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('Section')
        ? `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>${line}</w:t></w:r></w:p>`
        : `<w:p><w:r><w:t>${line}</w:t></w:r></w:p>`,
    )
    .join('');
}
