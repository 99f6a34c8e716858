/**
 * A parent's refusal-to-assess appeal, from "Who are you?" to a built evidence bundle and a reasons-for-
 * appeal letter: real PDFs from ../shared/fixtures/pdfs (one of them not a PDF at all), checked through
 * the services and in the files themselves (pdfinfo, pdftotext, the DOCX's XML).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLongDate } from '../../shared/dates';
import { runCli } from '../helpers/cli';
import { startApp, type App } from './harness';
import { HAS_CHROMIUM } from './paths';
import {
  addFiles,
  answerSetup,
  buildBundle,
  chooseRole,
  continueButton,
  daysFromToday,
  draftSaved,
  errorSummary,
  fillIfShown,
  throughLetterPages,
  editDocument,
  fillDate,
  fixture,
  openTab,
  pdfPages,
  pdfText,
  saveSetup,
} from './steps';

describe.skipIf(!HAS_CHROMIUM)('a parent appeals a refusal to assess', () => {
  let app: App;
  let caseId = 0;
  const decisionDate = daysFromToday(-20);

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const docs = () => app.bridge.services.documents.list(caseId);

  it('set-up questions check the answers: required answers, UK dates, an error summary; answers survive Back, Forward and refresh', async () => {
    const { page } = app;
    await chooseRole(app, /I am a parent, or a young person/);
    await app.screen('first-screen-parent');
    await page.getByRole('link', { name: 'Start a new case' }).click();
    await page.getByRole('heading', { level: 1, name: 'The decision' }).waitFor();

    // Continue with no appeal type: an error, in the summary and at the question; nothing moves on.
    await continueButton(page);
    expect(await errorSummary(page)).toEqual(['Select what the local authority decided']);
    await app.screen('parent-02b-setup-required-answer');
    expect(page.url()).toMatch(/#\/new(\/appeal-type)?$/);
    await page.getByLabel(/They said no to an EHC needs assessment/).check();
    await continueButton(page);

    // An impossible date names the question; the summary's link takes the cursor to the box to fix.
    const question = 'What date is on the decision letter?';
    const group = page.getByRole('group', { name: question });
    const day = group.getByLabel('Day', { exact: true });
    await day.pressSequentially('31/02/2026');
    await continueButton(page);
    expect(await errorSummary(page)).toEqual([
      'The date on the decision letter must be a real date: February 2026 has 28 days',
    ]);
    await expect.poll(() => group.locator('.field-error').textContent()).toContain('must be a real date');
    await app.screen('parent-02c-setup-date-error');
    await page.getByTestId('error-summary').getByRole('link').click();
    expect(await day.evaluate((el) => el === document.activeElement)).toBe(true);

    // A UK date typed whole, in the ways people write it, fills the Day, Month and Year boxes, and each
    // is accepted: Continue moves on to the next question, with the date kept.
    const boxes = () =>
      Promise.all(['Day', 'Month', 'Year'].map((l) => group.getByLabel(l, { exact: true }).inputValue()));
    for (const [typed, expected] of [
      ['31/03/2026', ['31', '03', '2026']],
      ['31 3 2026', ['31', '3', '2026']],
      ['31 March 2026', ['31', 'March', '2026']],
    ] as const) {
      await page.getByRole('heading', { level: 1, name: 'The decision' }).waitFor();
      for (const label of ['Day', 'Month', 'Year']) await group.getByLabel(label, { exact: true }).fill('');
      await day.pressSequentially(typed);
      expect(await boxes()).toEqual(expected);
      await continueButton(page);
      await page.getByRole('heading', { level: 1, name: 'Mediation' }).waitFor();
      expect(page.url()).toContain('#/new/mediation');
      if (typed !== '31 March 2026') await page.goBack();
    }

    // The browser's Back and Forward move through the questions, with the answers still there.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'The decision' }).waitFor();
    await expect.poll(boxes).toEqual(['31', 'March', '2026']);
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: 'Mediation' }).waitFor();
    await page.getByLabel('Yes', { exact: true }).check();
    await draftSaved(page);
    // A refresh (or closing the app) keeps them too: they are a draft until the case is saved.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mediation' }).waitFor();
    expect(await page.getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'The decision' }).waitFor();
    await expect.poll(boxes).toEqual(['31', 'March', '2026']);
    expect(await app.bridge.services.drafts.get('new-case')?.value).toMatchObject({
      appealType: 'refusal-to-assess',
      mediation: 'yes',
      decisionDate: { day: '31', month: 'March', year: '2026' },
    });
    // Start again for the case itself.
    await page.goto(`${app.bridge.origin}/#/new`);
    await page.getByRole('button', { name: 'Clear the answers and start again' }).click();
    await expect.poll(() => page.url()).toContain('#/new/appeal-type');
    expect(await page.getByLabel(/They said no to an EHC needs assessment/).isChecked()).toBe(false);
    expect(app.bridge.services.drafts.get('new-case')).toBeNull();
    await page.goto(`${app.bridge.origin}/#/cases`);
    await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  });

  it('sets up the case: who they are, then one question per screen, then the review', async () => {
    const { page } = app;
    await app.screen('parent-02-cases-empty');
    await page.getByRole('link', { name: 'Start a new case' }).click();
    await answerSetup(
      app,
      {
        decision: /They said no to an EHC needs assessment/,
        decisionDate,
        childName: 'Zoë Kowalczyk',
        yourName: 'Anna Kowalczyk',
        laName: 'Anytown Borough Council',
      },
      'parent-03',
    );
    // Extended appeals are not possible for refusal to assess: the question was not asked.
    await expect.poll(() => page.getByText('an extended appeal is not possible').count()).toBe(1);
    const reviewDeadline = await page.getByTestId('registration-deadline').textContent();
    await app.screen('parent-04-setup-review');
    // Edit a group from the review, and come back to it.
    await page.getByRole('button', { name: 'Edit the people' }).click();
    const childName = page.getByLabel('What is the name of the child or young person?');
    // A name the bundle's font cannot print is warned of as it is typed, and the warning is read with the field.
    await childName.fill('សុខា Zoë');
    const unprintable = page.getByText(/the bundle's fonts have no “ស”, “ុ”, “ខ” and “ា”/i);
    await unprintable.waitFor();
    const warningId = await unprintable.evaluate((el) => el.closest('[id]')?.id);
    expect(await childName.getAttribute('aria-describedby')).toContain(warningId);
    await app.screen('parent-04b-setup-unprintable-name');
    await childName.fill('Zoë Anna Kowalczyk');
    expect(await unprintable.count()).toBe(0);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
    caseId = await saveSetup(app);

    const saved = app.bridge.services.cases.get(caseId);
    expect(saved).toMatchObject({
      role: 'parent',
      appealType: 'refusal-to-assess',
      childName: 'Zoë Anna Kowalczyk',
      laName: 'Anytown Borough Council',
      decisionDate,
      mediationCertificateDate: decisionDate,
      extended: false,
    });
    expect(app.bridge.services.cases.listParties(caseId)).toMatchObject([
      { kind: 'appellant', name: 'Anna Kowalczyk' },
    ]);
    await expect.poll(() => page.getByTestId('next-deadline').textContent()).toContain('Register the appeal');
    // The review screen's date (shared rules) is the one the deadlines service keeps for the case.
    const registration = app.bridge.services.deadlines
      .list(caseId)
      .deadlines.find((d) => d.kind === 'appeal-registration')!;
    const due = formatLongDate(registration.due, { weekday: true });
    expect(reviewDeadline).toContain(due);
    expect(await page.getByTestId('next-deadline').textContent()).toContain(due);
    // Before registration, the parent's next step is sending the appeal form with its papers.
    expect(await page.getByTestId('next-step').textContent()).toContain('SEND35');
    expect(await page.getByTestId('bundle-checklist').textContent()).toMatch(
      /Appeal form.*decision letter.*Mediation/is,
    );
    // Only the letters a parent writes.
    const parentLetters = app.bridge.services.letters
      .templates(caseId)
      .filter((t) => t.writer === 'parent')
      .map((t) => t.label)
      .sort();
    expect((await page.getByTestId('overview-letters').getByRole('link').allTextContents()).sort()).toEqual(
      parentLetters,
    );
    await app.screen('parent-05-overview');
  });

  it('adds evidence by file chooser: real PDFs are added, the bad file is refused by name, the case is unchanged by it', async () => {
    const { page } = app;
    await openTab(app, 'Evidence');
    const outcomes = await addFiles(app, 'C', 'Report from a professional', [
      fixture('valid/pdflib-us_constitution.pdf', 'Educational psychologist report.pdf'),
      fixture('malformed/qpdf-bad1.pdf', 'Scan from school.pdf'),
      fixture('structure/qpdf-11-pages-with-labels.pdf', 'Speech and language report.pdf'),
      fixture('valid/pdflib-standard_fonts_demo.pdf', 'School letter.pdf'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'refused', 'imported', 'imported']);
    expect(outcomes[1].text).toContain('Scan from school.pdf');
    await app.screen('parent-06-evidence-imported');

    const decision = await addFiles(app, 'A', 'Decision letter', [
      fixture('valid/pdflib-normal.pdf', 'Decision letter.pdf'),
    ]);
    expect(decision.map((o) => o.status)).toEqual(['imported']);

    const stored = docs();
    expect(stored.map((d) => [d.section, d.title, d.pageCount, d.kind])).toEqual([
      ['A', 'Decision letter', 2, 'decision-letter'],
      ['C', 'Educational psychologist report', 19, 'expert-report'],
      ['C', 'Speech and language report', 11, 'expert-report'],
      ['C', 'School letter', 5, 'expert-report'],
    ]);
    // Same page counts as an independent reader gives for the stored files.
    for (const d of stored)
      expect(pdfPages(app.bridge.services.ctx.store.pdfPath(d.sha256))).toBe(d.pageCount);

    // The details of one document: a letter, not a report.
    await editDocument(app, 'School letter', {
      kind: 'Letters and emails',
      author: 'Hillside Primary School',
      date: daysFromToday(-40),
    });
    expect(docs().find((d) => d.title === 'School letter')).toMatchObject({
      kind: 'correspondence',
      author: 'Hillside Primary School',
    });

    // Only the pages that matter go in: a page the letter does not have is named, and nothing is saved.
    await page.getByRole('button', { name: 'Details: School letter', exact: true }).click();
    const letterForm = page.getByRole('form', { name: 'Details of School letter' });
    const pagesField = letterForm.getByLabel('Pages to put in the bundle');
    await pagesField.fill('1-2, 9');
    await letterForm.getByRole('button', { name: 'Save details' }).click();
    await letterForm.getByRole('link', { name: 'The document has 5 pages: there is no page 9.' }).waitFor();
    expect(await pagesField.getAttribute('aria-invalid')).toBe('true');
    await app.screen('parent-07a-evidence-pages-error');
    expect(docs().find((d) => d.title === 'School letter')?.keptPages).toBeNull();
    // A title longer than the index keeps is named at its field too, before anything is sent.
    const titleField = letterForm.getByLabel('Title', { exact: true });
    await titleField.fill('School letter '.repeat(22));
    await letterForm.getByRole('button', { name: 'Save details' }).click();
    await letterForm
      .getByRole('link', { name: 'The title can have at most 300 characters (this has 307)' })
      .waitFor();
    expect(await titleField.getAttribute('aria-invalid')).toBe('true');
    await titleField.fill('School letter');
    await pagesField.fill('1-2, 5');
    await letterForm.getByRole('button', { name: 'Save details' }).click();
    await letterForm.waitFor({ state: 'detached' });
    expect(docs().find((d) => d.title === 'School letter')).toMatchObject({
      pageCount: 5,
      keptPages: [1, 2, 5],
    });
    await page.getByText('3 pages in the bundle (pages 1–2, 5 of 5)').waitFor();

    // Report details: the author's profession and the EHC plan sections the report speaks to.
    await page.getByRole('button', { name: 'Details: Educational psychologist report', exact: true }).click();
    const form = page.getByRole('form', { name: 'Details of Educational psychologist report' });
    await fillDate(form, 'Date of the document', daysFromToday(-60));
    await form.getByLabel('Who wrote it?').fill('Dr Priya Shah');
    await form.getByLabel('The author’s profession').fill('Educational psychologist');
    await form.getByLabel('B – special educational needs').check();
    await form.getByLabel('F – special educational help').check();
    await app.screen('parent-07-evidence-details');
    await form.getByRole('button', { name: 'Save details' }).click();
    await form.waitFor({ state: 'detached' });
    const report = docs().find((d) => d.title === 'Educational psychologist report')!;
    expect(app.bridge.services.documents.getReportDetails(report.id)).toMatchObject({
      authorProfession: 'Educational psychologist',
      planSections: ['B', 'F'],
    });

    // Preview through pdf.js, from the store by content hash.
    await page.getByRole('button', { name: 'Preview: Speech and language report', exact: true }).click();
    const canvas = page.getByTestId('pdf-preview-canvas');
    await expect.poll(() => canvas.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe('1');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => canvas.getAttribute('data-rendered-page')).toBe('2');
    await app.screen('parent-08-evidence-preview');
    await page.getByRole('button', { name: 'Hide preview: Speech and language report', exact: true }).click();

    // Pages can be chosen while looking at them: page 3 of the letter, left out above, goes in and out again.
    const letterItem = page.getByTestId('document-item').filter({ hasText: 'School letter' });
    await page.getByRole('button', { name: 'Preview: School letter', exact: true }).click();
    await expect.poll(() => canvas.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe('1');
    const goTo = letterItem.getByLabel('Go to page');
    await goTo.fill('9');
    await goTo.press('Enter');
    await letterItem.getByText('The file has 5 pages: there is no page 9.').waitFor();
    expect(await goTo.getAttribute('aria-invalid')).toBe('true');
    await goTo.fill('3');
    await goTo.press('Enter');
    await expect.poll(() => canvas.getAttribute('data-rendered-page')).toBe('3');
    await letterItem.getByText('Page 3 of 5 (left out of the bundle)').waitFor();
    const keepPage = letterItem.getByLabel('Put page 3 in the bundle');
    expect(await keepPage.isChecked()).toBe(false);
    await app.screen('parent-08a-evidence-preview-page-left-out');
    // With the letter's details open beside it, the form shows the page chosen, so saving it keeps the page.
    await page.getByRole('button', { name: 'Details: School letter', exact: true }).click();
    expect(await pagesField.inputValue()).toBe('1–2, 5');
    await keepPage.check();
    await expect.poll(() => docs().find((d) => d.title === 'School letter')?.keptPages).toEqual([1, 2, 3, 5]);
    await letterItem.getByText('4 pages in the bundle (pages 1–3, 5 of 5)').waitFor();
    expect(await pagesField.inputValue()).toBe('1–3, 5');
    await letterForm.getByRole('button', { name: 'Cancel' }).click();
    await letterForm.waitFor({ state: 'detached' });
    await letterItem.getByText('Page 3 of 5', { exact: true }).waitFor();
    await keepPage.uncheck();
    await expect.poll(() => docs().find((d) => d.title === 'School letter')?.keptPages).toEqual([1, 2, 5]);
    await letterItem.getByText('3 pages in the bundle (pages 1–2, 5 of 5)').waitFor();
    await page.getByRole('button', { name: 'Hide preview: School letter', exact: true }).click();
  });

  it('adds a witness', async () => {
    const { page } = app;
    await openTab(app, 'Witnesses');
    await page.getByRole('button', { name: 'Add a witness' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Mrs Jane Obi');
    // A job longer than the app keeps is named at its field, before the service would refuse the witness.
    await page.getByLabel('Their job').fill('Class teacher '.repeat(15));
    await page.getByRole('button', { name: 'Save witness' }).click();
    await page
      .getByRole('link', { name: 'Their job can have at most 200 characters (this has 209)' })
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('record-witness-role');
    expect(app.bridge.services.witnesses.list(caseId)).toEqual([]);
    await page.getByLabel('Their job').fill('Class teacher');
    await page.getByRole('button', { name: 'Save witness' }).click();
    await page.getByRole('cell', { name: 'Mrs Jane Obi', exact: true }).waitFor();
    await app.screen('parent-09-witnesses');
    expect(app.bridge.services.witnesses.list(caseId)).toMatchObject([
      { name: 'Mrs Jane Obi', role: 'Class teacher', party: 'appellant', attending: true },
    ]);
  });

  it('builds the evidence bundle, verified, and the file has the pages and numbers the screen promised', async () => {
    const { page } = app;
    await openTab(app, 'Bundle');
    await page.getByTestId('index-preview').waitFor();
    await app.screen('parent-10-bundle-plan');
    // The screen starts from the shared defaults (shared/bundle/settings.ts): the plan the API makes without settings.
    const plan = app.bridge.services.bundle.plan(caseId, { numbering: 'continuous' });
    await buildBundle(app);
    await app.screen('parent-11-bundle-built');

    const [version] = app.bridge.services.bundle.versions(caseId);
    expect(version).toMatchObject({ version: 1, pageCount: plan.pageCount, available: true });
    expect(version.verification.ok).toBe(true);
    expect(await page.getByTestId('bundle-result').textContent()).toContain(`${plan.pageCount} pages`);
    // 2 + 19 + 11 + 3 (of the school letter's 5) document pages, plus cover and index.
    expect(pdfPages(version.path)).toBe(plan.pageCount);
    expect(plan.documents.map((d) => d.pageCount)).toEqual([2, 19, 11, 3]);
    expect(plan.pageCount).toBeGreaterThan(36);
    const text = pdfText(version.path);
    expect(plan.documents.at(-1)?.title).toBe('School letter (extract: pages 1–2, 5 of 5)');
    for (const title of ['Educational psychologist report', 'Speech and language report', 'School letter']) {
      expect(text).toContain(title);
    }
    const lastDoc = plan.documents.at(-1)!;
    expect(text).toContain(lastDoc.lastLabel);

    // The "Open" address serves exactly the recorded file, with the token; the preview renders it.
    const href = await page.getByRole('link', { name: 'Open the bundle' }).getAttribute('href');
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(Buffer.compare(await response.body(), readFileSync(version.path))).toBe(0);
    await expect
      .poll(() =>
        page
          .getByTestId('bundle-result')
          .getByTestId('pdf-preview-canvas')
          .getAttribute('data-rendered-page'),
      )
      .toBe('1');
  });

  it('gives the same bundle from `send-bundle build` as from the screen, for the same case', async () => {
    const { bundle } = app.bridge.services;
    const fromScreen = bundle.versionPlan(caseId, 1);
    const cli = await runCli([
      '--data-dir',
      app.dataDir,
      '--json',
      'build',
      String(caseId),
      '--date',
      fromScreen.compiledDate,
    ]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ caseId, version: 2 });
    const fromCli = bundle.versionPlan(caseId, 2);
    const shape = (p: typeof fromScreen) => ({
      numbering: p.numbering,
      dividers: p.dividers,
      pageCount: p.pageCount,
      // The cover names the version (1 from the screen, 2 from the CLI); every other page is the same.
      pages: p.pages.map((page) => (page.kind === 'cover' ? { ...page, fingerprint: 'cover' } : page)),
      sections: p.sections,
      documents: p.documents,
      index: p.index,
      bookmarks: p.bookmarks,
    });
    expect(shape(fromCli)).toEqual(shape(fromScreen));
    expect(fromCli.dividers).toBe(false);
  });

  it('writes the reasons-for-appeal letter, prefilled from the case, as DOCX and PDF', async () => {
    const { page } = app;
    await openTab(app, 'Letters');
    await app.screen('parent-12-letters');
    await page.getByLabel('Reasons for appeal').check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Reasons for appeal' }).waitFor();
    const reasons =
      'Zoë is two years behind in reading and the school cannot meet her needs without more help.';
    // Short guided pages. Trying to go on without a needed answer names it as the form does.
    let namedProblems: string[] = [];
    const seen = await throughLetterPages(app, async (p, n) => {
      if (n === 1) await app.screen('parent-13-letter-questions');
      if (await p.getByRole('textbox', { name: /Why do you think the decision is wrong\?/ }).count()) {
        await continueButton(p);
        namedProblems = await errorSummary(p);
        await app.screen('parent-13b-letter-needs-answers');
      }
      await fillIfShown(
        p,
        /what did the local authority decide\?/,
        'The local authority refused to carry out an EHC needs assessment.',
      );
      await fillIfShown(p, /Why do you think the decision is wrong\?/, reasons);
      await fillIfShown(
        p,
        /What do you want the tribunal to order/,
        'Order the local authority to carry out an EHC needs assessment.',
      );
    });
    // Facts entered once are reused: the child's name comes from the set-up.
    expect(seen).toContain('Zoë Anna Kowalczyk');
    expect(namedProblems.length).toBeGreaterThan(0);
    for (const problem of namedProblems) {
      expect(problem).toMatch(/^Enter /);
      expect(problem).not.toMatch(/[a-z][A-Z]/); // never an internal name like decisionSummary
    }
    await app.screen('parent-13c-letter-check-answers');
    expect(await page.locator('main').textContent()).toContain(reasons);
    await page.getByRole('button', { name: 'Make the letter' }).click();
    await page.getByTestId('letter-result').waitFor({ timeout: 60_000 });
    await expect
      .poll(() =>
        page
          .getByTestId('letter-result')
          .getByTestId('pdf-preview-canvas')
          .getAttribute('data-rendered-page'),
      )
      .toBe('1');
    await app.screen('parent-14-letter-made');

    const [letter] = app.bridge.services.letters.list(caseId);
    expect(letter.template).toBe('reasons-for-appeal');
    const pdf = letter.files.find((f) => f.format === 'pdf')!;
    const docx = letter.files.find((f) => f.format === 'docx')!;
    const text = pdfText(pdf.path).replace(/\s+/g, ' ');
    expect(text).toContain('Zoë Anna Kowalczyk');
    expect(text).toContain('Anytown Borough Council');
    expect(text).toContain('two years behind in reading');
    const xml = await (
      await JSZip.loadAsync(readFileSync(docx.path))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('two years behind in reading');
    // The Save links download the same files.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Save as PDF' }).click();
    const saved = await (await download).path();
    expect(Buffer.compare(readFileSync(saved), readFileSync(pdf.path))).toBe(0);
  });

  it('exports the case from its screen and imports it again as a copy, with progress', async () => {
    const { page } = app;
    await openTab(app, 'Overview');
    await page.getByRole('link', { name: 'Export this case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Export this case' }).waitFor();
    await page.getByRole('button', { name: 'Export the case' }).click();
    await page.getByTestId('export-result').waitFor({ timeout: 120_000 });
    await app.screen('parent-15-case-export');
    const fileName = await page.getByTestId('export-file-name').textContent();
    expect(fileName).toMatch(/case export [0-9-]+\.zip$/);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Save the export file' }).click();
    const saved = readFileSync(await (await download).path());
    expect(Buffer.compare(saved, readFileSync(join(app.dataDir, 'exports', fileName!)))).toBe(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your cases' }).click();
    await page.getByRole('link', { name: 'Import a case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import a case' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a case export file' }).click();
    await (await chooser).setFiles({ name: 'Zoe case.zip', mimeType: 'application/zip', buffer: saved });
    // The same case is already here: the screen asks before making a copy or replacing it.
    const conflict = page.getByTestId('import-conflict');
    await conflict.waitFor({ timeout: 120_000 });
    await conflict.getByLabel('Add it as a separate copy').check();
    await app.screen('parent-16-case-import-choice');
    await conflict.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
    await app.screen('parent-17-case-imported');
    const all = app.bridge.services.cases.list();
    expect(all).toHaveLength(2);
    const copy = all.find((c) => c.id !== caseId)!;
    expect(copy.childName).toBe('Zoë Anna Kowalczyk');
    expect(app.bridge.services.documents.list(copy.id).map((d) => d.title)).toEqual(
      docs().map((d) => d.title),
    );
    await page.getByRole('link', { name: /^Open “/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  it('visited every screen with no serious accessibility problems, no outside requests and no page errors', () => {
    expect(app.screensChecked.length).toBeGreaterThanOrEqual(12);
    expect(app.axeProblems).toEqual([]);
    expect(app.outgoing).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
