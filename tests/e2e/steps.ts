/**
 * What a user does on the screens, as small steps the journeys share. Each step works the real UI (labels
 * and buttons a person sees); the journeys check the results through the services and the files.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { App } from './harness';
import { FIXTURE_PDFS } from './paths';

/** A shared fixture PDF, given to the file chooser under a name a user's file would have. */
export function fixture(relativePath: string, name: string) {
  return { name, mimeType: 'application/pdf', buffer: readFileSync(join(FIXTURE_PDFS, relativePath)) };
}

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

export function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** An ISO date `days` from today (the app's clock is the real one in these tests). */
export function daysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "31/03/2026" from "2026-03-31": how people in the UK write a date. */
export function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Types a date into a GOV.UK date input (Day, Month, Year boxes) the way a person in the UK writes it:
 * the whole date in the Day box, which the screen splits into the three boxes.
 */
export async function fillDate(scope: Page | Locator, question: string | RegExp, iso: string): Promise<void> {
  const group = scope.getByRole('group', { name: question });
  const day = group.getByLabel('Day', { exact: true });
  await day.fill('');
  await day.pressSequentially(iso ? ukDate(iso) : '');
  if (iso)
    await expect.poll(() => group.getByLabel('Year', { exact: true }).inputValue()).toBe(iso.slice(0, 4));
}

export async function continueButton(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

export async function chooseRole(app: App, label: RegExp): Promise<void> {
  const { page } = app;
  await page.goto(app.bridge.url);
  await page.getByRole('heading', { level: 1, name: 'Who are you?' }).waitFor();
  await app.screen('01-who-are-you');
  await page.getByLabel(label).check();
  await continueButton(page);
  await page.locator('h1').first().waitFor();
}

export interface SetupAnswers {
  decision: RegExp;
  decisionDate: string;
  mediationDate?: string;
  childName: string;
  /** Commissioners: their organisation (asked with their name). */
  organisation?: string;
  yourName?: string;
  yourJob?: string;
  /** Asked of LA and clerk users only. */
  appellantName?: string;
  laName: string;
  /** Labels to tick on the health and social care question, when it is asked. */
  extended?: ('Health' | 'Social care')[];
  tribunalRef?: string;
  registeredDate?: string;
  hearingDate?: string;
}

/** The guided set-up, one question per screen, ending on the review screen (not saved yet). */
export async function answerSetup(app: App, a: SetupAnswers, screenPrefix: string): Promise<void> {
  const { page } = app;
  const heading = (name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
  await heading('The decision');
  await app.screen(`${screenPrefix}-setup-question`);
  await page.getByLabel(a.decision).check();
  await continueButton(page);
  await fillDate(page, 'What date is on the decision letter?', a.decisionDate);
  await continueButton(page);
  await heading('Mediation');
  await page.getByLabel('Yes', { exact: true }).check();
  await continueButton(page);
  await fillDate(page, 'What date is on the mediation certificate?', a.mediationDate ?? a.decisionDate);
  await continueButton(page);
  await heading('The people');
  await page.getByLabel('What is the name of the child or young person?').fill(a.childName);
  await continueButton(page);
  if (a.yourName !== undefined) {
    await page.getByLabel('What is your name?').fill(a.yourName);
    if (a.yourJob !== undefined) await page.getByLabel('What is your job title?').fill(a.yourJob);
    if (a.organisation !== undefined)
      await page.getByLabel('What is your organisation called?').fill(a.organisation);
    await continueButton(page);
  }
  if (a.appellantName !== undefined) {
    await page.getByLabel('Who is making the appeal?').fill(a.appellantName);
    await continueButton(page);
  }
  await page.getByLabel(/Which local authority \(LA\)/).fill(a.laName);
  await continueButton(page);
  if (a.extended) {
    await heading('Health and social care');
    for (const label of a.extended) await page.getByLabel(label, { exact: true }).check();
    await continueButton(page);
  }
  await heading('Tribunal dates');
  if (a.tribunalRef) await page.getByLabel('Has the tribunal registered the appeal?').fill(a.tribunalRef);
  if (a.registeredDate) await fillDate(page, /Date the appeal was registered/, a.registeredDate);
  await continueButton(page);
  if (a.hearingDate) await fillDate(page, 'When is the hearing?', a.hearingDate);
  await continueButton(page);
  await heading('Check your answers');
}

export async function saveSetup(app: App): Promise<number> {
  const { page } = app;
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  const id = Number(/#\/case\/(\d+)/.exec(page.url())?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

export async function openTab(app: App, name: string): Promise<void> {
  await app.page
    .getByRole('navigation', { name: 'This case' })
    .getByRole('link', { name, exact: true })
    .click();
  await app.page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Adds files on the Evidence screen and waits until each has its result line. */
export async function addFiles(
  app: App,
  section: string,
  kind: string,
  files: ReturnType<typeof fixture>[],
): Promise<{ status: string; text: string }[]> {
  const { page } = app;
  await page.getByLabel('Which part of the bundle are they for?').selectOption({ value: section });
  await page.getByLabel('What kind of documents are they?').selectOption({ label: kind });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose files' }).click();
  await (await chooser).setFiles(files);
  const outcomes = page.getByTestId('import-outcomes').locator('li');
  await expect.poll(() => outcomes.count(), { timeout: 120_000 }).toBe(files.length);
  await page.getByRole('button', { name: 'Choose files' }).and(page.locator(':enabled')).waitFor();
  return outcomes.evaluateAll((items) =>
    items.map((li) => ({ status: li.getAttribute('data-status') ?? '', text: li.textContent ?? '' })),
  );
}

/** Opens a document's Details on the Evidence screen and changes what is given. */
export async function editDocument(
  app: App,
  currentTitle: string,
  details: { title?: string; date?: string; author?: string; kind?: string; late?: boolean },
): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: `Details: ${currentTitle}`, exact: true }).click();
  const form = page.getByRole('form', { name: `Details of ${currentTitle}` });
  if (details.title !== undefined) await form.getByLabel('Title').fill(details.title);
  if (details.date !== undefined) await fillDate(form, 'Date of the document', details.date);
  if (details.author !== undefined) await form.getByLabel('Who wrote it?').fill(details.author);
  if (details.kind !== undefined)
    await form.getByLabel('Kind of document').selectOption({ label: details.kind });
  if (details.late !== undefined) await form.getByLabel('This is late evidence').setChecked(details.late);
  await form.getByRole('button', { name: 'Save details' }).click();
  await form.waitFor({ state: 'detached' });
}

/** Builds the bundle on the Bundle screen and waits for the verified result. */
export async function buildBundle(app: App): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: 'Build the bundle' }).click();
  await page.getByTestId('bundle-result').waitFor({ timeout: 180_000 });
}

/** Presses "Make the letter" and waits for the letter, or fails with the message the screen shows. */
export async function makeLetter(app: App): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: 'Make the letter' }).click();
  const result = page.getByTestId('letter-result');
  const refused = page.getByText('The letter cannot be made yet');
  await result.or(refused).first().waitFor({ timeout: 60_000 });
  if (await refused.isVisible()) {
    throw new Error(`The letter was refused: ${await page.locator('[role="alert"]').first().textContent()}`);
  }
}

/** Waits until the answers typed on this screen are saved as a draft (so a refresh keeps them). */
export async function draftSaved(page: Page): Promise<void> {
  await page.locator('form[data-draft="saved"]').waitFor();
}

/** The messages in the error summary at the top of the form ("There is a problem"). */
export async function errorSummary(page: Page): Promise<string[]> {
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  return summary.getByRole('link').allTextContents();
}

/**
 * Goes through a letter's guided pages until "Check your answers": on each page `fill` answers what is
 * there (it gets the page's number, from 1), then Continue. Returns every text box's value seen on the way.
 */
export async function throughLetterPages(
  app: App,
  fill: (page: Page, pageNumber: number) => Promise<void> = async () => {},
): Promise<string[]> {
  const { page } = app;
  const seen: string[] = [];
  const check = page.getByRole('heading', { level: 1, name: 'Check your answers' });
  for (let n = 1; n <= 12; n++) {
    const caption = page.locator('.caption');
    await caption.waitFor();
    const before = await caption.textContent();
    expect(before).toContain(`page ${n} of`);
    seen.push(
      ...(await page
        .locator('main input[type="text"], main textarea')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))),
    );
    await fill(page, n);
    await continueButton(page);
    await expect
      .poll(async () => (await check.isVisible()) || (await caption.textContent()) !== before)
      .toBe(true);
    if (await check.isVisible()) return seen;
  }
  throw new Error('The letter had more pages than expected.');
}

/** Fills a text question when it is on this page. */
export async function fillIfShown(page: Page, label: string | RegExp, value: string): Promise<boolean> {
  const field = page.getByRole('textbox', { name: label });
  if ((await field.count()) === 0) return false;
  await field.fill(value);
  return true;
}
