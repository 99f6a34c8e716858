/**
 * The bundle screen warns of words hidden by a box in a document (a redaction that left them in the file)
 * before anything is built, and offers to take them out: pressed with the keyboard, the pages that hide
 * them become pictures of themselves, the warning goes, and the page is offered for text recognition. Words
 * marked for redaction and never redacted are warned of and the redactions applied the same way.
 */
import { makeMarkedPdf, makeRedactedPdf } from '../helpers/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, tabTo, type App } from './harness';
import { HAS_CHROMIUM } from './paths';

describe.skipIf(!HAS_CHROMIUM)('words hidden by a box, on the bundle screen', () => {
  let app: App;
  let caseId: number;

  beforeAll(async () => {
    app = await startApp();
    const { services } = app.bridge;
    services.cases.setRole('la');
    caseId = services.cases.create({
      title: 'Hidden words case',
      role: 'la',
      appealType: 'refusal-to-assess',
    }).id;
    await addRedacted('Social worker report', 'The child lives at 12 Acacia Avenue');
  });

  async function addRedacted(title: string, words: string) {
    const [outcome] = await app.bridge.services.documents.import({
      caseId,
      section: 'D',
      files: [{ name: `${title}.pdf`, data: new Uint8Array(await makeRedactedPdf(words)) }],
      title,
      ocr: false,
    });
    expect(outcome.status).toBe('imported');
  }

  afterAll(async () => {
    await app?.close();
  });

  const hiddenFinding = () => app.page.locator('[data-finding^="covered-text"]');

  it('warns of them by bundle page, without quoting them', async () => {
    const { page } = app;
    await page.goto(`${app.bridge.url}#/case/${caseId}/bundle`);
    await hiddenFinding().waitFor();
    const text = (await hiddenFinding().textContent()) ?? '';
    expect(text).toContain('"Social worker report"');
    expect(text).toContain('has words hidden by a box that are still in the file');
    expect(text).not.toContain('Acacia');
    await app.screen('bundle-hidden-words');
    expect(app.axeProblems).toEqual([]);
  });

  it('takes them out with the keyboard: the warning goes, and the page is offered for text recognition', async () => {
    const { page } = app;
    await tabTo(
      page,
      'Take out the hidden words',
      (el) => el.tag === 'button' && el.text.startsWith('Take out the hidden words'),
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => hiddenFinding().count(), { timeout: 30_000 }).toBe(0);
    await page.locator('[data-finding^="unsearchable-pages"]').waitFor();
    const [doc] = app.bridge.services.documents.list(caseId);
    expect(doc.coveredTextPages).toEqual([]);
    expect(doc.importNotes.join(' ')).toContain('Page 1 was turned into a picture of itself');
    await app.screen('bundle-hidden-words-taken-out');
    expect(app.axeProblems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('offers the same on the evidence screen, beside the document’s note', async () => {
    const { page } = app;
    await addRedacted('Health visitor notes', 'Seen at 3 Elm Road on Tuesday');
    await page.goto(`${app.bridge.url}#/case/${caseId}/evidence`);
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    const item = page.getByTestId('document-item').filter({ hasText: 'Health visitor notes' });
    // The heading shows before the list of documents has loaded: wait for the document's note.
    await item.getByTestId('import-note').first().waitFor();
    expect(await item.getByTestId('import-note').allTextContents()).toEqual([
      expect.stringContaining('Page 1 has words hidden by a box that are still in the file'),
    ]);
    await tabTo(
      page,
      'Take out the hidden words',
      (el) =>
        el.tag === 'button' &&
        el.text.startsWith('Take out the hidden words (page 1 of Health visitor notes)'),
    );
    await page.keyboard.press('Enter');
    await expect
      .poll(() => item.getByTestId('import-note').allTextContents(), { timeout: 30_000 })
      .toEqual([expect.stringContaining('Page 1 was turned into a picture of itself')]);
    expect(await item.getByRole('button', { name: /Take out the hidden words/ }).count()).toBe(0);
    await app.screen('evidence-hidden-words-taken-out');
    expect(app.axeProblems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('warns of words marked for redaction and never redacted, and applies the redactions by keyboard', async () => {
    const { page } = app;
    const [outcome] = await app.bridge.services.documents.import({
      caseId,
      section: 'D',
      files: [
        { name: 'marked.pdf', data: new Uint8Array(await makeMarkedPdf('Seen with her father, Tom Jones')) },
      ],
      title: 'School nurse notes',
      ocr: false,
    });
    expect(outcome.status).toBe('imported');
    await page.goto(`${app.bridge.url}#/case/${caseId}/bundle`);
    const marked = page.locator('[data-finding^="redaction-marks"]');
    await marked.waitFor();
    const text = (await marked.textContent()) ?? '';
    expect(text).toContain('"School nurse notes"');
    expect(text).toContain('marked for redaction that were never redacted');
    expect(text).not.toContain('Tom Jones');
    await app.screen('bundle-redaction-marks');
    expect(app.axeProblems).toEqual([]);
    await tabTo(
      page,
      'Apply the redactions',
      (el) => el.tag === 'button' && el.text.startsWith('Apply the redactions'),
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => marked.count(), { timeout: 30_000 }).toBe(0);
    const doc = app.bridge.services.documents.list(caseId).find((d) => d.title === 'School nurse notes')!;
    expect(doc.redactionMarkPages).toEqual([]);
    expect(doc.importNotes.join(' ')).toContain('to apply the redactions marked on them');
    expect(app.axeProblems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
