/**
 * A health commissioner's 5-week response: an extended contents-of-plan appeal set up by the integrated
 * care board's officer, the tribunal's health recommendation recorded with its reply due 5 weeks later,
 * and the response letter made from the case's facts, checked in the DOCX and PDF files.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLongDate } from '../../shared/dates';
import { startApp, type App } from './harness';
import { HAS_CHROMIUM } from './paths';
import {
  answerSetup,
  chooseRole,
  daysFromToday,
  fillDate,
  fillIfShown,
  makeLetter,
  openTab,
  pdfText,
  saveSetup,
  throughLetterPages,
} from './steps';

describe.skipIf(!HAS_CHROMIUM)(
  'a health commissioner answers the tribunal’s recommendation within 5 weeks',
  () => {
    let app: App;
    let caseId = 0;
    const madeDate = daysFromToday(-7);
    const recommendation =
      'The integrated care board should arrange weekly speech and language therapy for Leo, delivered in school.';

    beforeAll(async () => {
      app = await startApp();
    });
    afterAll(async () => {
      await app?.close();
    });

    const services = () => app.bridge.services;

    it('sets up the extended appeal as the health commissioner', async () => {
      await chooseRole(app, /I work for health/);
      await app.screen('first-screen-health-commissioner');
      await app.page.getByRole('link', { name: 'Start a new case' }).click();
      await answerSetup(
        app,
        {
          decision: /They wrote an EHC plan, but we disagree/,
          decisionDate: daysFromToday(-200),
          childName: 'Leo Nowak',
          organisation: 'NHS Anytown Integrated Care Board',
          yourName: 'Dr Helen Moss',
          yourJob: 'Designated Clinical Officer',
          appellantName: 'Ewa Nowak',
          laName: 'Anytown Borough Council',
          extended: ['Health'],
          tribunalRef: 'EH123/26/00077',
          registeredDate: daysFromToday(-150),
          hearingDate: daysFromToday(-14),
        },
        'commissioner-01',
      );
      await app.screen('commissioner-02-setup-review');
      caseId = await saveSetup(app);
      expect(services().cases.get(caseId)).toMatchObject({
        extended: true,
        extendedHealth: true,
        extendedSocialCare: false,
      });
      expect(services().cases.listParties(caseId)).toMatchObject([
        {
          kind: 'health-commissioner',
          name: 'Dr Helen Moss',
          roleTitle: 'Designated Clinical Officer',
          organisation: 'NHS Anytown Integrated Care Board',
        },
        { kind: 'appellant', name: 'Ewa Nowak' },
      ]);
    });

    it('records the recommendation; the reply is due 5 weeks after it', async () => {
      const { page } = app;
      await openTab(app, 'Recommendations');
      await page.getByRole('button', { name: 'Add a recommendation' }).click();
      await page.getByLabel('Health', { exact: true }).check();
      await page.getByLabel('What did the tribunal recommend?').fill(recommendation);
      await fillDate(page, 'Date of the recommendation', madeDate);
      await page.getByLabel('Who must reply?').fill('NHS Anytown Integrated Care Board');
      await page.getByLabel('What was decided?').selectOption({ label: 'We will follow it' });
      await page.getByRole('button', { name: 'Save recommendation' }).click();
      const due = page.getByTestId('reply-due');
      await due.waitFor();

      const deadline = services()
        .deadlines.list(caseId)
        .deadlines.find((d) => d.kind === 'commissioner-response')!;
      expect(deadline.who).toBe('health-commissioner');
      // 5 weeks from the recommendation (moved only if that day is not a working day).
      const fiveWeeks = new Date(`${madeDate}T12:00:00Z`);
      fiveWeeks.setUTCDate(fiveWeeks.getUTCDate() + 35);
      expect(deadline.due >= fiveWeeks.toISOString().slice(0, 10)).toBe(true);
      await expect.poll(() => due.textContent()).toContain(formatLongDate(deadline.due, { weekday: true }));
      await app.screen('commissioner-03-recommendations');

      // The commissioner's Overview leads with the 5-week reply, not the LA's bundle.
      await openTab(app, 'Overview');
      await expect
        .poll(() => page.getByTestId('next-deadline').textContent())
        .toContain(formatLongDate(deadline.due, { weekday: true }));
      expect(await page.getByTestId('next-deadline').textContent()).toContain(deadline.label);
      await page.getByTestId('overview-recommendations').waitFor();
      expect(await page.getByTestId('bundle-checklist').count()).toBe(0);
      // Its tabs put the recommendations and letters first.
      expect(
        await page.getByRole('navigation', { name: 'This case' }).getByRole('link').allTextContents(),
      ).toEqual([
        'Overview',
        'Recommendations',
        'Letters',
        'Case details',
        'Evidence',
        'Witnesses',
        'Bundle',
      ]);
      await app.screen('commissioner-03b-overview');
    });

    it('makes the response letter from the case’s facts, adding only a contact and the steps, as DOCX and PDF', async () => {
      const { page } = app;
      await openTab(app, 'Letters');
      await page.getByLabel("Health commissioner's response to tribunal recommendations").check();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Health commissioner/ }).waitFor();
      // Only what is not known from the case yet: a way to contact the officer, and the steps.
      const values = await throughLetterPages(app, async (p, n) => {
        if (n === 1) await app.screen('commissioner-04-letter-questions');
        await fillIfShown(
          p,
          /What email address can people use to contact the officer\?/,
          'helen.moss@nhs.example',
        );
        const steps = p.locator('[data-field="steps"]');
        if (await steps.count()) {
          // "We will follow it" was chosen: the steps are asked, the reasons for not following are not.
          expect(await p.getByText('Why will you not follow').count()).toBe(0);
          await steps.getByRole('button', { name: /Add one/ }).click();
          await steps
            .getByLabel('What will you do?')
            .fill('Commission 30 weekly sessions of speech and language therapy in school');
          await fillDate(steps, 'By what date?', daysFromToday(21));
          await app.screen('commissioner-04b-letter-recommendations');
        }
      });
      // Entered once in the set-up and the recommendation, reused here.
      for (const fact of [
        'NHS Anytown Integrated Care Board',
        'Dr Helen Moss',
        'Ewa Nowak',
        'Leo Nowak',
        'EH123/26/00077',
        recommendation,
      ]) {
        expect(values).toContain(fact);
      }
      await makeLetter(app);
      await app.screen('commissioner-05-letter-made');

      const [letter] = services().letters.list(caseId);
      expect(letter.template).toBe('health-commissioner-response');
      const pdf = pdfText(letter.files.find((f) => f.format === 'pdf')!.path).replace(/\s+/g, ' ');
      // The reply says when it is due: the 5-week date the deadlines service works out.
      const reply = services()
        .deadlines.list(caseId)
        .deadlines.find((d) => d.kind === 'commissioner-response')!;
      expect(pdf).toContain(`Our response is due by ${formatLongDate(reply.due)}`);
      expect(pdf).toContain('NHS Anytown Integrated Care Board');
      expect(pdf).toContain('Leo Nowak');
      expect(pdf).toContain('EH123/26/00077');
      expect(pdf).toContain('weekly speech and language therapy');
      expect(pdf).toContain('Commission 30 weekly sessions');
      expect(pdf).toContain(formatLongDate(daysFromToday(21)));
      const docxPath = letter.files.find((f) => f.format === 'docx')!.path;
      const xml = await (
        await JSZip.loadAsync(readFileSync(docxPath))
      )
        .file('word/document.xml')!
        .async('string');
      expect(xml).toContain('Commission 30 weekly sessions');

      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Save as Word (DOCX)' }).click();
      expect(Buffer.compare(readFileSync(await (await download).path()), readFileSync(docxPath))).toBe(0);
      // The email typed into the letter is saved with the commissioner, for the next letter.
      expect(
        services()
          .cases.listParties(caseId)
          .find((p) => p.kind === 'health-commissioner')?.email,
      ).toBe('helen.moss@nhs.example');
    });

    it('visited every screen with no serious accessibility problems, no outside requests and no page errors', () => {
      expect(app.axeProblems).toEqual([]);
      expect(app.outgoing).toEqual([]);
      expect(app.pageErrors).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    });
  },
);
