/**
 * The two roles the longer journeys do not cover: a tribunal clerk, who lands on "Check a bundle", checks a
 * PDF that is not a hearing bundle and saves the report (PDF and JSON); and a social care commissioner,
 * whose case opens on the tribunal's recommendations and the 5-week reply, with only their own letter;
 * and an LA officer after the hearing, whose next dates come from the tribunal's order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLongDate } from '../../shared/dates';
import { startApp, type App } from './harness';
import { HAS_CHROMIUM } from './paths';
import { chooseRole, daysFromToday, fixture, openTab } from './steps';

describe.skipIf(!HAS_CHROMIUM)('each role starts at its own job', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a clerk lands on Check a bundle, checks a PDF that is not a bundle, sees the verdict first and saves the report', async () => {
    const { page } = app;
    await chooseRole(app, /I work for the tribunal/);
    await page.getByRole('heading', { level: 1, name: 'Check a bundle' }).waitFor();
    await app.screen('first-screen-clerk');

    const file = fixture('valid/pdflib-us_constitution.pdf', 'Bundle from the LA.pdf');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a PDF to check' }).click();
    await (await chooser).setFiles(file);
    const verdict = page.getByTestId('verdict-panel');
    await verdict.waitFor({ timeout: 120_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('not-a-bundle');
    expect(await verdict.getByRole('heading', { level: 2 }).textContent()).toBe(
      'This PDF does not look like a hearing bundle',
    );
    // The verdict comes before anything else the check found; the findings are grouped by kind.
    const order = await page
      .getByTestId('check-result')
      .evaluate((el) => [...el.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid')));
    expect(order.indexOf('verdict-panel')).toBeLessThan(order.indexOf('finding-groups'));
    const groups = page.getByTestId('finding-groups').locator(':scope > li');
    expect(await groups.count()).toBeGreaterThan(0);
    expect(await groups.first().textContent()).toMatch(/Not a hearing bundle.*1 finding/);
    await app.screen('checker-verdict');

    // The same result the checker service gives for the file.
    const same = await app.bridge.services.checker.check({
      file: { name: file.name, data: new Uint8Array(file.buffer) },
      rules: 'send',
    });
    expect(same.verdict.kind).toBe('not-a-bundle');
    expect(await verdict.textContent()).toContain(same.verdict.message);

    // The report, saved as PDF and as JSON: what the browser downloads is what the app wrote.
    const savePdf = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Save the report as PDF' }).click();
    const pdfDownload = await savePdf;
    expect(pdfDownload.suggestedFilename()).toMatch(/check.*\.pdf$/);
    const pdf = readFileSync(await pdfDownload.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const saveJson = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Save the report as JSON' }).click();
    const json = JSON.parse(readFileSync(await (await saveJson).path(), 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(json)).toContain('not-a-bundle');
    const reportName = decodeURIComponent(
      /report\/([0-9a-f]+)\/json/.exec(
        (await page.getByRole('link', { name: 'Save the report as JSON' }).getAttribute('href')) ?? '',
      )?.[1] ?? '',
    );
    const name = Buffer.from(reportName, 'hex').toString('utf8');
    expect(readFileSync(join(app.dataDir, 'reports', `${name}.pdf`)).equals(pdf)).toBe(true);
    await page.getByRole('button', { name: 'Print the report' }).waitFor();
  });

  it('a social care commissioner opens their case on the recommendations and the 5-week reply, with only their letter', async () => {
    const { page } = app;
    const { services } = app.bridge;
    const c = services.cases.create({
      title: 'Amir Khan – contents of the plan',
      role: 'social-care-commissioner',
      appealType: 'contents-of-plan',
      childName: 'Amir Khan',
      laName: 'Anytown Borough Council',
      tribunalRef: 'EH123/26/00099',
      registeredDate: daysFromToday(-160),
      hearingDate: daysFromToday(-20),
      extended: true,
      extendedSocialCare: true,
    });
    services.cases.saveParty(c.id, undefined, {
      kind: 'social-care-commissioner',
      name: 'Jo Green',
      organisation: 'Anytown Children’s Social Care',
    });
    services.recommendations.save(c.id, undefined, {
      area: 'social-care',
      text: 'The local authority should provide a weekly short break for Amir.',
      madeDate: daysFromToday(-6),
    });

    await page.getByRole('link', { name: 'Change who you are' }).click();
    await page.getByLabel(/I work for social care/).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
    await app.screen('first-screen-social-care-commissioner');
    await page.getByRole('link', { name: c.title }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const reply = services.deadlines
      .list(c.id)
      .deadlines.find((d) => d.kind === 'commissioner-response' && d.who === 'social-care-commissioner')!;
    await expect
      .poll(() => page.getByTestId('next-deadline').textContent())
      .toContain(formatLongDate(reply.due, { weekday: true }));
    await expect
      .poll(() => page.getByTestId('overview-recommendations').textContent())
      .toContain('reply due by');
    expect(await page.getByTestId('overview-letters').getByRole('link').allTextContents()).toEqual([
      "Social care commissioner's response to tribunal recommendations",
    ]);
    await app.screen('social-care-overview');
    await openTab(app, 'Letters');
    const offered = () =>
      page
        .locator('input[type="radio"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent ?? ''));
    await expect.poll(offered).toEqual(["Social care commissioner's response to tribunal recommendations"]);
    await app.screen('social-care-letters');
  });

  it('an LA officer after the hearing: nothing from before it is overdue, and the order gives the next date', async () => {
    const { page } = app;
    const { services } = app.bridge;
    const c = services.cases.create({
      title: 'Leo Brown – contents of the plan',
      role: 'la',
      appealType: 'contents-of-plan',
      childName: 'Leo Brown',
      laName: 'Anytown Borough Council',
      decisionDate: daysFromToday(-200),
      tribunalRef: 'EH123/26/00123',
      registeredDate: daysFromToday(-160),
      hearingDate: daysFromToday(-10),
    });
    // The LA's response was never marked done: once the hearing is held it is behind the case, not overdue.
    expect(services.deadlines.list(c.id).deadlines.find((d) => d.kind === 'la-response')?.status).toBe(
      'overtaken',
    );

    await page.getByRole('link', { name: 'Change who you are' }).click();
    await page.getByLabel(/I work for a local authority \(LA\)/).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
    await page.getByRole('link', { name: c.title }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await expect
      .poll(() => page.getByTestId('next-deadline').textContent())
      .toContain('Nothing is due from you');
    await page
      .getByTestId('record-decision')
      .getByRole('link', { name: 'record the tribunal’s decision' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Tribunal’s decision' }).waitFor();
    await app.screen('la-after-hearing-decision');

    const order = services.deadlines.saveOrder(c.id, undefined, {
      kind: 'amend-plan',
      orderDate: daysFromToday(-3),
    });
    const amended = services.deadlines
      .list(c.id)
      .deadlines.find((d) => d.id === `la-compliance:${order.id}:amended-plan`)!;
    await openTab(app, 'Overview');
    await expect
      .poll(() => page.getByTestId('next-deadline').textContent())
      .toContain(formatLongDate(amended.due, { weekday: true }));
    expect(await page.getByTestId('record-decision').count()).toBe(0);
    await app.screen('la-after-hearing-overview');
  });

  it("an LA officer's response with more witnesses than the tribunal allows is flagged before it is made", async () => {
    const { page } = app;
    const { services } = app.bridge;
    const c = services.cases.create({
      title: 'Ava Stone – contents of the plan',
      role: 'la',
      appealType: 'contents-of-plan',
      childName: 'Ava Stone',
      laName: 'Anytown Borough Council',
    });
    for (const name of ['Ms Cole', 'Mr Vance', 'Dr Ray', 'Mrs Imrie'])
      services.witnesses.save(c.id, undefined, { name, party: 'la' });
    await page.goto(`${app.bridge.origin}/#/case/${c.id}/letters/la-response/check`);
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
    await expect.poll(() => page.getByText('4 witnesses are listed; the usual limit is 3.').count()).toBe(1);
    expect(await page.getByText(/ask for it on form SEND7/).count()).toBe(1);
    await app.screen('la-response-too-many-witnesses');
  });

  it('visited every screen with no serious accessibility problems, no outside requests and no page or console errors', () => {
    expect(app.screensChecked.length).toBeGreaterThanOrEqual(5);
    expect(app.axeProblems).toEqual([]);
    expect(app.outgoing).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
