/**
 * The mouse ways on the Evidence screen: dropping files from the computer onto the drop area (read as
 * bytes in the page, imported with their results listed: PDFs, saved emails from a mail program and from
 * Outlook, an iPhone photo), and dragging a document to a new place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipOf } from '../helpers/hostile';
import { heicFile } from '../helpers/pictures';
import { REPO_ROOT } from '../helpers/repo';
import { makeTextPdf, seedDocument } from '../helpers/seed';
import { startApp, type App } from './harness';
import { FIXTURE_PDFS, HAS_CHROMIUM } from './paths';

describe.skipIf(!HAS_CHROMIUM)('evidence by drag and drop', () => {
  let app: App;
  let caseId = 0;

  beforeAll(async () => {
    app = await startApp();
    const { services } = app.bridge;
    services.cases.setRole('parent');
    caseId = services.cases.create({ title: 'Drag case', role: 'parent', appealType: 'refusal-to-issue' }).id;
    for (const title of ['First', 'Second', 'Third']) {
      await seedDocument(services.ctx, caseId, 'C', await makeTextPdf(title, 1), { title });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Drops `files` on the Evidence screen's drop area; waits for `results` results, and returns them. */
  async function dropFiles(files: { name: string; bytes: Uint8Array; type: string }[], results: number) {
    const { page } = app;
    const dataTransfer = await page.evaluateHandle(
      (list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
        return dt;
      },
      files.map((f) => ({ ...f, bytes: [...f.bytes] })),
    );
    const zone = page.getByTestId('drop-zone');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
    const outcomes = page.getByTestId('import-outcomes').locator('li');
    await expect.poll(() => outcomes.count(), { timeout: 60_000 }).toBe(results);
    return outcomes;
  }

  const order = () =>
    app.bridge.services.documents
      .list(caseId)
      .filter((d) => d.section === 'C')
      .sort((a, b) => a.position - b.position)
      .map((d) => d.title);

  it('imports files dropped on the drop area, with a result for each', async () => {
    const { page } = app;
    await page.goto(`${app.bridge.url}#/case/${caseId}/evidence`);
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    const outcomes = await dropFiles(
      [
        {
          name: 'Annotated report.pdf',
          bytes: readFileSync(join(FIXTURE_PDFS, 'valid/pdflib-with_annots.pdf')),
          type: 'application/pdf',
        },
        {
          name: 'Locked file.pdf',
          bytes: readFileSync(join(FIXTURE_PDFS, 'encrypted/pdflib-encrypted_new.pdf')),
          type: 'application/pdf',
        },
      ],
      2,
    );
    const statuses = await outcomes.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')));
    expect(statuses).toEqual(['imported', 'refused']);
    expect(await outcomes.nth(1).textContent()).toContain('Locked file.pdf');
    // What import had to do to the file is said with its result, and stays with the document.
    const note = 'Its form field is shown as filled in, and can no longer be changed in the bundle.';
    expect(await outcomes.nth(0).locator('.outcome-note').allTextContents()).toEqual([note]);
    await app.screen('evidence-drop-files');
    expect(order()).toEqual(['First', 'Second', 'Third', 'Annotated report']);
    await expect
      .poll(() =>
        page
          .locator('[data-testid="document-item"]')
          .filter({ hasText: 'Annotated report' })
          .getByTestId('import-note')
          .allTextContents(),
      )
      .toEqual([note]);
    expect(
      app.bridge.services.documents.list(caseId).find((d) => d.title === 'Annotated report')?.pageCount,
    ).toBe(2);
  });

  it('moves a document by dragging it onto another', async () => {
    const { page } = app;
    const item = (title: string) =>
      page.locator('[data-section="C"] [data-testid="document-item"]').filter({ hasText: title });
    await item('Third').locator('.drag-handle').dragTo(item('First'));
    await expect.poll(order).toEqual(['Third', 'First', 'Second', 'Annotated report']);
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toContain('Moved “Third” to position 1 of 4');

    // Leaving a document out of the bundle keeps it in the case.
    await page.getByLabel('In the bundle: Second').uncheck();
    await expect
      .poll(() => app.bridge.services.documents.list(caseId).find((d) => d.title === 'Second')?.included)
      .toBe(false);
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toContain('now left out of the bundle');
    const plan = app.bridge.services.bundle.plan(caseId, {});
    expect(plan.documents.map((d) => d.title)).toEqual(['Third', 'First', 'Annotated report']);
    await app.screen('evidence-left-out');
    expect(app.axeProblems).toEqual([]);
    expect(app.outgoing).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('shows a name written right to left apart from the page count after it', async () => {
    const { page } = app;
    const { services } = app.bridge;
    const first = services.documents.list(caseId).find((d) => d.title === 'First')!;
    services.documents.update(first.id, { author: 'محمد الحسين' });
    await page.goto(`${app.bridge.url}#/case/${caseId}/evidence`);
    const meta = page.getByTestId('document-item').filter({ hasText: 'First' }).locator('.doc-meta');
    await expect.poll(() => meta.textContent()).toContain('محمد الحسين');
    /** Where a piece of the line's text is drawn, from left to right. */
    const drawn = (text: string) =>
      meta.evaluate((line, wanted) => {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(wanted);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          const box = range.getBoundingClientRect();
          return { left: box.left, right: box.right };
        }
        throw new Error(`"${wanted}" is not on the line`);
      }, text);
    // The name, then "· 1 page": without isolation the 1 was drawn to the left of the name.
    expect((await drawn('1 page')).left).toBeGreaterThan((await drawn('محمد الحسين')).right);
    services.documents.update(first.id, { author: null });
  });

  it('adds a saved email and the file attached to it, each with its result and notes', async () => {
    const { page } = app;
    const emailCase = app.bridge.services.cases.create({
      title: 'Email case',
      role: 'parent',
      appealType: 'refusal-to-assess',
    }).id;
    await page.goto(`${app.bridge.url}#/case/${emailCase}/evidence`);
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    const letter = Buffer.from(await makeTextPdf('Decision letter', 2)).toString('base64');
    const eml = [
      'From: SEN Team <sen@council.example.org>',
      'To: Parent <parent@example.net>',
      'Subject: Our decision',
      'Date: Mon, 2 Nov 2026 09:14:00 +0000',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'The decision letter is attached.',
      '--b',
      'Content-Type: application/pdf; name="decision letter.pdf"',
      'Content-Disposition: attachment; filename="decision letter.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      letter,
      '--b--',
      '',
    ].join('\r\n');
    const outcomes = await dropFiles(
      [{ name: 'decision.eml', bytes: new Uint8Array(Buffer.from(eml)), type: 'message/rfc822' }],
      2,
    );
    expect(await outcomes.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')))).toEqual([
      'imported',
      'imported',
    ]);
    expect(await outcomes.nth(1).textContent()).toContain('decision letter.pdf (attached to decision.eml)');
    expect(await outcomes.nth(0).locator('.outcome-note').allTextContents()).toEqual([
      'It is an email: its message (who it is from and to, when, the subject and the text) is the document.',
      'It has a file attached to it (“decision letter.pdf”). Attached files do not go into bundles, so it was taken out and added as a document of its own, after it.',
    ]);
    await app.screen('evidence-email-added');
    expect(
      app.bridge.services.documents.list(emailCase).map((d) => [d.title, d.conversion, d.pageCount]),
    ).toEqual([
      ['decision', 'email', 1],
      ['decision letter', 'none', 2],
    ]);
    expect(app.axeProblems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('opens a zip archive of files dropped on it: its line, then each of its files', async () => {
    const { page } = app;
    const zipCase = app.bridge.services.cases.create({
      title: 'Zip case',
      role: 'parent',
      appealType: 'refusal-to-assess',
    }).id;
    await page.goto(`${app.bridge.url}#/case/${zipCase}/evidence`);
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    const archive = zipOf([
      { name: 'Reports/School report.pdf', data: await makeTextPdf('School report', 1) },
      { name: 'Reports/Speech therapy.pdf', data: await makeTextPdf('Speech therapy', 1) },
    ]);
    const outcomes = await dropFiles([{ name: 'Reports.zip', bytes: archive, type: 'application/zip' }], 3);
    expect(await outcomes.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')))).toEqual([
      'unpacked',
      'imported',
      'imported',
    ]);
    expect(await outcomes.nth(0).textContent()).toContain(
      'Opened: “Reports.zip” is a zip archive: its files follow.',
    );
    expect(await outcomes.nth(2).textContent()).toContain('Speech therapy.pdf (in Reports.zip)');
    expect(app.bridge.services.documents.list(zipCase).map((d) => d.title)).toEqual([
      'School report',
      'Speech therapy',
    ]);
    expect(app.axeProblems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('adds an iPhone photo (HEIC) and an email dragged out of Outlook with the files attached to it', async () => {
    const { page } = app;
    const photoCase = app.bridge.services.cases.create({
      title: 'Photo case',
      role: 'la',
      appealType: 'contents-of-plan',
    }).id;
    await page.goto(`${app.bridge.url}#/case/${photoCase}/evidence`);
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    const outcomes = await dropFiles(
      [
        {
          name: 'IMG_0042.HEIC',
          bytes: heicFile({ width: 120, height: 90, pixel: (x) => (x < 60 ? [200, 0, 0] : [0, 0, 200]) }),
          type: 'image/heic',
        },
        {
          name: 'Scans from school.msg',
          bytes: readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'outlook', 'attachmentFiles.msg')),
          type: 'application/vnd.ms-outlook',
        },
      ],
      5,
    );
    expect(await outcomes.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')))).toEqual([
      'imported',
      'imported',
      'imported',
      'imported',
      'imported',
    ]);
    expect(await outcomes.nth(4).textContent()).toContain('tif.tif (attached to Scans from school.msg)');
    // Their details are asked for in the order they were added: the photo first, then the email, then its files.
    const details = page.getByTestId('confirm-details');
    await expect.poll(() => details.getByRole('heading').first().textContent()).toContain('IMG_0042.HEIC');
    await details.getByRole('button', { name: /^Save/ }).click();
    await expect
      .poll(() => details.getByRole('heading').first().textContent())
      .toContain('Scans from school.msg');
    await app.screen('evidence-photo-and-outlook-email');
    expect(
      app.bridge.services.documents.list(photoCase).map((d) => [d.title, d.conversion, d.pageCount]),
    ).toEqual([
      ['IMG_0042', 'image', 1],
      ['Scans from school', 'email', 1],
      ['jpg', 'image', 1],
      ['png', 'image', 1],
      ['tif', 'image', 1],
    ]);
    expect(app.axeProblems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
