/**
 * A parent's disability discrimination claim, set up on the screens: a different proceeding from an appeal
 * (claimant, responsible body, conduct), so every screen it passes through, with the help beside each
 * question, must speak of it in a claim's words and never an appeal's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { HAS_CHROMIUM } from './paths';
import { chooseRole, continueButton, daysFromToday, fillDate, openTab, saveSetup } from './steps';

/** An appeal's words: a claim's screens must not use them. */
const APPEAL_WORDS = /\bappeal|appellant|local authority|\bLA\b|decision|mediation/i;

describe.skipIf(!HAS_CHROMIUM)('a parent makes a disability discrimination claim', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The screen's words, with the navigation every screen shares left out. */
  const mainText = () => app.page.locator('main').innerText();

  it('is set up, reviewed and opened in a claim’s words, each question with its help', async () => {
    const { page } = app;
    await chooseRole(app, /I am a parent, or a young person, and I am appealing or making a claim/);
    await page.getByRole('link', { name: 'Start a new case' }).click();
    await page.getByLabel(/A school treated a disabled child unfairly/).check();
    await continueButton(page);

    /** On each question: its words and its help are a claim's; then its answer, and on. */
    const question = async (name: string, answer: () => Promise<void>) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText(name).first().waitFor();
      expect(await mainText(), name).not.toMatch(APPEAL_WORDS);
      await answer();
      await continueButton(page);
    };
    await question('On what date did the treatment you are complaining about happen?', async () => {
      expect(await page.getByRole('complementary', { name: 'Help with this question' }).innerText()).toMatch(
        /6 months.*end of that period/s,
      );
      await app.screen('claim-conduct-date');
      await fillDate(
        page,
        'On what date did the treatment you are complaining about happen?',
        daysFromToday(-60),
      );
    });
    await question('If it went on over a period, until when?', () =>
      fillDate(page, /If it went on over a period, until when\?/, daysFromToday(-30)),
    );
    await question('Was the dispute referred for conciliation?', async () => {});
    await question('What is the name of the child or young person?', () =>
      page.getByLabel('What is the name of the child or young person?').fill('Sam Taylor'),
    );
    await question('What is your name?', () => page.getByLabel('What is your name?').fill('Alex Taylor'));
    await question('Who is the responsible body for the school?', () =>
      page.getByLabel('Who is the responsible body for the school?').fill('Hilltop Academy Trust'),
    );
    await question('Has the tribunal registered the claim?', async () => {});
    await question('When is the hearing?', async () => {});

    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
    await app.screen('claim-review');
    const review = await mainText();
    expect(review).not.toMatch(APPEAL_WORDS);
    expect(review).toMatch(/Responsible body\s+Hilltop Academy Trust/);
    await saveSetup(app);

    // The case's own screens.
    await app.screen('claim-overview');
    expect(await mainText()).not.toMatch(APPEAL_WORDS);
    expect(await mainText()).toContain('The responsible body (for the school) is Hilltop Academy Trust.');
    await openTab(app, 'Evidence');
    await app.screen('claim-evidence');
    expect(await mainText()).not.toMatch(APPEAL_WORDS);
    const kinds = await page.getByLabel('What kind of documents are they?').locator('option').allInnerTexts();
    expect(kinds).toContain('Claim form');
    expect(kinds).toContain("Responsible body's response");
    expect(kinds).not.toContain('Mediation certificate');
    await openTab(app, 'Bundle');
    await app.screen('claim-bundle');
    expect(await mainText()).not.toMatch(APPEAL_WORDS);
  });

  it('is checked against a claim’s rules, with no appeal’s kinds of case to choose from', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Check a bundle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check a bundle' }).waitFor();
    const appealKinds = page.getByLabel('What is the appeal about?');
    expect(await appealKinds.locator('option').allInnerTexts()).not.toContain(
      'Disability discrimination claim',
    );
    await page.getByLabel('A disability discrimination claim').check();
    await expect.poll(() => appealKinds.count()).toBe(0);
    await app.screen('claim-checker');
  });

  it('met accessibility checks on every screen, with no network requests and no errors', () => {
    expect(app.screensChecked.length).toBeGreaterThanOrEqual(5);
    expect(app.axeProblems).toEqual([]);
    expect(app.outgoing).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
