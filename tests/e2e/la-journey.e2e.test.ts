/**
 * An LA officer's contents-of-plan appeal to a full hearing bundle: every section filled from real PDFs
 * (one of them owner-password protected), version 1 sent, then a late document
 * added as a late insert (numbered around the sent pages) in version 2, and the changed pages listed.
 * Checked in the services and in the PDF files (pdfinfo, pdftotext).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tabTo, type App } from './harness';
import { HAS_CHROMIUM } from './paths';
import { addDays, formatLongDate } from '../../shared/dates';
import { isOpenDeadline } from '../../shared/deadlines';
import {
  addFiles,
  answerSetup,
  buildBundle,
  chooseRole,
  daysFromToday,
  errorSummary,
  fillDate,
  fixture,
  openTab,
  pdfPages,
  pdfText,
  saveSetup,
} from './steps';

describe.skipIf(!HAS_CHROMIUM)(
  'an LA officer prepares the hearing bundle for a contents-of-plan appeal',
  () => {
    let app: App;
    let caseId = 0;

    beforeAll(async () => {
      app = await startApp();
    });
    afterAll(async () => {
      await app?.close();
    });

    const services = () => app.bridge.services;

    it('sets up the case as the local authority', async () => {
      const { page } = app;
      await chooseRole(app, /I work for a local authority \(LA\)/);
      await app.screen('first-screen-la');
      await page.getByRole('link', { name: 'Start a new case' }).click();
      await answerSetup(
        app,
        {
          decision: /They wrote an EHC plan, but we disagree/,
          decisionDate: daysFromToday(-60),
          mediationDate: daysFromToday(-45),
          childName: 'Mohammed Al-Hassan',
          yourName: 'Sam Patel',
          yourJob: 'SEND Case Officer',
          appellantName: 'Fatima Al-Hassan',
          laName: 'Anytown Borough Council',
          extended: [],
          tribunalRef: 'EH123/26/00042',
          registeredDate: daysFromToday(-30),
          hearingDate: daysFromToday(50),
        },
        'la-01',
      );
      await app.screen('la-02-setup-review');
      caseId = await saveSetup(app);
      expect(services().cases.get(caseId)).toMatchObject({
        role: 'la',
        appealType: 'contents-of-plan',
        tribunalRef: 'EH123/26/00042',
        hearingDate: daysFromToday(50),
        extended: false,
      });
      expect(services().cases.listParties(caseId)).toMatchObject([
        {
          kind: 'la',
          name: 'Sam Patel',
          roleTitle: 'SEND Case Officer',
          organisation: 'Anytown Borough Council',
        },
        { kind: 'appellant', name: 'Fatima Al-Hassan' },
      ]);

      // The cases list shows the case with its next deadline, from the deadlines service.
      await page.getByRole('link', { name: 'Your cases' }).click();
      const row = page.getByRole('row').filter({ hasText: 'Mohammed Al-Hassan' });
      const next = services()
        .deadlines.list(caseId)
        .deadlines.filter(isOpenDeadline)
        .sort((a, b) => a.due.localeCompare(b.due))[0];
      await expect.poll(() => row.textContent()).toContain(next.label);
      await app.screen('la-02b-cases-list');
      await row.getByRole('link', { name: /Mohammed Al-Hassan/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    });

    it('fills every section of the bundle', async () => {
      await openTab(app, 'Evidence');
      const added = [
        ...(await addFiles(app, 'A', 'Appeal form', [
          fixture('valid/pdflib-with_annots.pdf', 'Appeal form SEND35.pdf'),
        ])),
        ...(await addFiles(app, 'A', 'Decision letter', [
          fixture('valid/pdflib-normal.pdf', 'Decision letter.pdf'),
        ])),
        ...(await addFiles(app, 'A', 'Mediation certificate', [
          fixture('valid/pdflib-with_comments.pdf', 'Mediation certificate.pdf'),
        ])),
        ...(await addFiles(app, 'A', 'The tribunal’s registration letter', [
          fixture('valid/pdflib-with_signature.pdf', 'Registration letter and directions.pdf'),
        ])),
        ...(await addFiles(app, 'A', "LA's response", [
          fixture('valid/pdflib-dod_character.pdf', 'Response to the appeal.pdf'),
        ])),
        ...(await addFiles(app, 'B', 'EHC plan', [
          fixture('valid/pdflib-us_constitution.pdf', 'Final EHC plan.pdf'),
        ])),
        ...(await addFiles(app, 'B', 'Working document', [
          fixture('valid/pdflib-with_cropbox.pdf', 'Working document.pdf'),
        ])),
        ...(await addFiles(app, 'C', 'Other document', [
          fixture('structure/qpdf-11-pages-with-labels.pdf', 'Parent evidence.pdf'),
        ])),
        ...(await addFiles(app, 'D', 'Report from a professional', [
          fixture('valid/pdflib-standard_fonts_demo.pdf', 'Educational psychologist advice.pdf'),
          fixture('encrypted/qpdf-V4-aes.pdf', 'Therapy advice.pdf'),
        ])),
      ];
      expect(added.map((o) => o.status)).toEqual(Array(10).fill('imported'));
      await app.screen('la-03-evidence');
      const docs = services().documents.list(caseId);
      expect(docs.map((d) => `${d.section}:${d.title}:${d.pageCount}`)).toEqual([
        'A:Appeal form SEND35:2',
        'A:Decision letter:2',
        'A:Mediation certificate:1',
        'A:Registration letter and directions:1',
        'A:Response to the appeal:1',
        'B:Final EHC plan:19',
        'B:Working document:2',
        'C:Parent evidence:11',
        'D:Educational psychologist advice:5',
        'D:Therapy advice:30',
      ]);
      // The owner-password file was unlocked into a clean copy.
      expect(docs.find((d) => d.title === 'Therapy advice')?.conversion).toBe('decrypted');

      await openTab(app, 'Overview');
      const checklist = app.page.getByTestId('bundle-checklist').locator('li');
      await expect.poll(() => checklist.count()).toBeGreaterThan(0);
      const items = await checklist.evaluateAll((lis) => lis.map((li) => li.className));
      expect(items.every((c) => c === 'ok')).toBe(true);
      await app.screen('la-04-overview');
    });

    it('builds version 1, and marks it as sent', async () => {
      const { page } = app;
      await openTab(app, 'Bundle');
      // Numbering is a case setting: try by section, then settle on one run of numbers.
      await page.getByText('How the bundle is set out').click();
      await page.getByLabel('Numbers by section: A1, A2… B1, B2…').check();
      await expect.poll(() => services().cases.get(caseId).numbering).toBe('section');
      await expect.poll(() => page.getByTestId('index-preview').textContent()).toContain('B1–B19');
      await page.getByLabel('One run of numbers: 1, 2, 3…').check();
      await expect.poll(() => services().cases.get(caseId).numbering).toBe('continuous');
      await expect.poll(() => page.getByTestId('index-preview').textContent()).toContain('Final EHC plan');
      await app.screen('la-05-bundle-plan');
      await buildBundle(app);
      const [v1] = services().bundle.versions(caseId);
      expect(v1).toMatchObject({ version: 1, numbering: 'continuous', issued: false });
      expect(v1.verification.ok).toBe(true);
      expect(pdfPages(v1.path)).toBe(v1.pageCount);
      const plan1 = services().bundle.versionPlan(caseId, 1);
      // 10 documents, 74 pages of them.
      expect(plan1.documents.reduce((n, d) => n + d.pageCount, 0)).toBe(74);
      const text1 = pdfText(v1.path);
      expect(text1).toContain('EH123/26/00042');
      expect(text1).toContain('Fatima Al-Hassan');
      expect(text1).toContain(plan1.documents.find((d) => d.title === 'Therapy advice')!.lastLabel);

      // "Mark as sent" asks first, and can be undone until a later version is built.
      const issued = () => services().bundle.versions(caseId)[0].issued;
      // Done by keyboard: after each step the focus is on what comes next, never lost.
      const focused = () =>
        page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim());
      await page.getByRole('button', { name: 'Mark as sent version 1' }).focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByTestId('confirm-sent');
      await confirm.waitFor();
      await expect.poll(focused).toBe('Mark version 1 as sent?');
      expect(issued()).toBe(false);
      await app.screen('la-05b-bundle-confirm-sent');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Yes, version 1 has been sent');
      await page.keyboard.press('Enter');
      await expect.poll(issued).toBe(true);
      await expect.poll(focused).toBe('Undo “sent” for version 1');
      await page.keyboard.press('Enter');
      await expect.poll(issued).toBe(false);
      await expect.poll(focused).toBe('Mark as sent version 1');
      await page.getByRole('button', { name: 'Mark as sent version 1' }).click();
      await page.getByRole('button', { name: 'Yes, version 1 has been sent' }).click();
      await expect.poll(issued).toBe(true);
    });

    it('adds a late document and builds version 2 with it as a late insert, listing the changed pages', async () => {
      const { page } = app;
      await openTab(app, 'Evidence');
      const late = await addFiles(app, 'C', 'Letters and emails', [
        fixture('structure/pdflib-with_update_sections.pdf', 'Letter from the GP.pdf'),
      ]);
      expect(late.map((o) => o.status)).toEqual(['imported']);
      // Added after version 1 was sent: the screen offers it as late evidence while its details are checked.
      const panel = page.getByTestId('confirm-details');
      await panel.getByTestId('late-evidence-offer').waitFor();
      expect(await panel.getByRole('heading').textContent()).toContain('Letter from the GP.pdf');
      expect(await panel.getByLabel('This is late evidence').isChecked()).toBe(true);
      await fillDate(panel, 'Date of the document', daysFromToday(-2));
      await panel.getByLabel('Who wrote it?').fill('Dr Okafor');
      await app.screen('la-05c-evidence-late-offer');
      await panel.getByRole('button', { name: /^Save/ }).click();
      await expect
        .poll(
          () =>
            services()
              .documents.list(caseId)
              .find((d) => d.title === 'Letter from the GP')?.author,
        )
        .toBe('Dr Okafor');
      expect(
        services()
          .documents.list(caseId)
          .find((d) => d.title === 'Letter from the GP'),
      ).toMatchObject({
        late: true,
        section: 'C',
      });

      await openTab(app, 'Bundle');
      await page.getByLabel('As late inserts, for example 12a, 12b').waitFor();
      await expect.poll(() => page.getByTestId('index-preview').textContent()).toContain('Late insert');
      await app.screen('la-06-bundle-late-insert-plan');
      // Those who hold version 1 are sent only the new and changed pages, with instructions.
      await page.getByLabel('Also make a supplementary pack').check();
      await buildBundle(app);
      await page.getByTestId('supplement-result').waitFor();

      const versions = services().bundle.versions(caseId);
      const v1 = versions.find((v) => v.version === 1)!;
      const v2 = versions.find((v) => v.version === 2)!;
      expect(v2.verification.ok).toBe(true);
      expect(v2.lateInsertMode).toBe('sub-number');
      const plan1 = services().bundle.versionPlan(caseId, 1);
      const plan2 = services().bundle.versionPlan(caseId, 2);
      const inserted = plan2.documents.find((d) => d.title === 'Letter from the GP')!;
      expect(inserted.lateInsert).toBe(true);
      // Section C ends before section D's first page: the late pages take that number with a letter.
      expect(inserted.firstLabel).toMatch(/^\d+a$/);
      // Every document of the sent version keeps its page numbers.
      for (const d of plan1.documents) {
        const again = plan2.documents.find((x) => x.documentId === d.documentId)!;
        expect([again.firstLabel, again.lastLabel]).toEqual([d.firstLabel, d.lastLabel]);
      }
      expect(pdfPages(v2.path)).toBe(v2.pageCount);
      expect(v2.pageCount).toBeGreaterThan(v1.pageCount);
      expect(pdfText(v2.path)).toContain(inserted.firstLabel);
      const pack = v2.files.find((f) => f.kind === 'supplement')!;
      expect(pack.details.kind === 'supplement' && pack.details.labels).toContain(inserted.firstLabel);
      expect(pdfText(pack.path)).toContain('Supplementary pack');
      // The index in the file says which documents came late.
      expect(pdfText(v2.path)).toMatch(/Letter from the GP\s+\(late insert\)/);

      // Which pages changed between the versions: the screen shows what the diff service works out.
      await page.getByLabel('From', { exact: true }).selectOption({ label: 'Version 1' });
      await page.getByLabel('To', { exact: true }).selectOption({ label: 'Version 2' });
      await page.getByRole('button', { name: 'Compare' }).click();
      const diff = services().bundle.diff(caseId, 1, 2);
      expect(diff.added).toContain(inserted.firstLabel);
      expect(diff.removed).toEqual([]);
      await expect
        .poll(() => page.getByTestId('bundle-diff').textContent())
        .toContain(`New page ${inserted.firstLabel}`);
      await app.screen('la-07-bundle-versions');

      // Sending by email in parts, by keyboard: the part size (kept as the case's), then the split.
      await expect.poll(() => page.getByTestId('parts-size').textContent()).toContain('Version 2 is');
      await page.getByLabel('Largest part').selectOption({ label: 'County Court (10 MB an email)' });
      await expect.poll(() => services().cases.get(caseId).partSizeMb).toBe(10);
      await tabTo(page, 'the split button', (el) => el.text === 'Split version 2 into parts under 10 MB');
      await page.keyboard.press('Enter');
      await page.getByTestId('parts-result').waitFor();
      const parts = services()
        .bundle.versions(caseId)
        .find((v) => v.version === 2)!
        .files.filter((f) => f.kind === 'part');
      expect(parts.length).toBeGreaterThanOrEqual(1);
      for (const part of parts) expect(part.sizeBytes).toBeLessThanOrEqual(10 * 1024 * 1024);
      const first = parts[0].details.kind === 'part' ? parts[0].details : null;
      expect(first?.coverLine).toMatch(/^Part 1 of \d+ · pages /);
      await expect.poll(() => page.getByTestId('parts-result').textContent()).toContain(first!.coverLine);
      await expect.poll(() => page.getByTestId('parts-result').textContent()).toContain('Email subject:');
      expect(pdfText(parts[0].path)).toContain(first!.coverLine);
      await app.screen('la-08-bundle-parts');
    });

    it('records the tribunal’s order and sees the LA’s time to comply, or the date the tribunal set', async () => {
      const { page } = app;
      await openTab(app, 'Tribunal’s decision');
      await expect.poll(() => page.getByText('No decision recorded yet.').count()).toBe(1);
      await page.getByRole('button', { name: 'Add a decision' }).click();
      await page.getByRole('button', { name: 'Save decision' }).click();
      expect(await errorSummary(page)).toEqual(['Choose what was decided', 'Enter the date']);

      const what = page.getByLabel('What was decided?');
      // An unopposed appeal runs from the LA's notice; an order from the order: the date question says which.
      await what.selectOption({
        label: 'Unopposed appeal about the contents of the plan (or a refusal to amend)',
      });
      await page
        .getByRole('group', { name: 'Date the LA told the tribunal it would not oppose the appeal' })
        .waitFor();
      await what.selectOption({ label: 'Order to change only the school or college named in section I' });
      await expect.poll(() => page.getByText(/^School only: 2 weeks\./).count()).toBe(1);
      const orderDate = daysFromToday(-3);
      await fillDate(page, 'Date of the tribunal’s order', orderDate);
      await page.getByRole('button', { name: 'Save decision' }).click();

      const card = page.getByRole('region', {
        name: 'Order to change only the school or college named in section I',
      });
      const step = () => {
        const order = services().deadlines.listOrders(caseId)[0];
        return services()
          .deadlines.list(caseId)
          .deadlines.find((d) => d.id === `la-compliance:${order.id}:amended-plan`)!;
      };
      // The card is drawn once the order is saved: only then is it in the case.
      await card.waitFor();
      expect(step()).toMatchObject({ basis: 'rule', due: addDays(orderDate, 14) });
      const row = card
        .getByRole('row')
        .filter({ hasText: 'LA issues the plan naming the new school or college' });
      await expect.poll(() => row.textContent()).toContain(formatLongDate(step().due, { weekday: true }));
      await app.screen('la-09-tribunal-decision');

      // The tribunal directed another date: it replaces the 2 weeks.
      await card.getByText('The tribunal set its own date for a step').click();
      const directed = daysFromToday(20);
      await fillDate(card, 'The date the tribunal set', directed);
      await card.getByRole('button', { name: 'Save the date' }).click();
      await expect.poll(() => step().basis).toBe('tribunal');
      expect(step().due).toBe(directed);
      await expect.poll(() => row.textContent()).toContain(formatLongDate(directed, { weekday: true }));
      await app.screen('la-10-tribunal-decision-directed');

      await row.getByRole('button', { name: /^Mark as done/ }).click();
      await expect.poll(() => step().status).toBe('done');
      await expect.poll(() => row.textContent()).toContain('Done on');
    });

    it('visited every screen with no serious accessibility problems, no outside requests and no page errors', () => {
      expect(app.axeProblems).toEqual([]);
      expect(app.outgoing).toEqual([]);
      expect(app.pageErrors).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    });
  },
);
