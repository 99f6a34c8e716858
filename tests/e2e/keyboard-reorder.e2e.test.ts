/**
 * Reordering evidence with the keyboard only: Tab to a document's Move down button, press Enter, then
 * Alt+Arrow keys. Each move is announced in the live region and saved (checked through the services).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTextPdf, seedDocument } from '../helpers/seed';
import { startApp, tabTo, type App } from './harness';
import { HAS_CHROMIUM } from './paths';

describe.skipIf(!HAS_CHROMIUM)('evidence order by keyboard only', () => {
  let app: App;
  let caseId: number;

  beforeAll(async () => {
    app = await startApp();
    const { services } = app.bridge;
    services.cases.setRole('parent');
    caseId = services.cases.create({
      title: 'Keyboard case',
      role: 'parent',
      appealType: 'refusal-to-assess',
      childName: 'Sam Taylor',
    }).id;
    for (const [title, pages] of [
      ['School report', 2],
      ['Speech therapy report', 3],
      ['Letter from the GP', 1],
    ] as const) {
      await seedDocument(services.ctx, caseId, 'C', await makeTextPdf(title, pages), { title });
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  const order = () =>
    app.bridge.services.documents
      .list(caseId)
      .filter((d) => d.section === 'C')
      .sort((a, b) => a.position - b.position)
      .map((d) => d.title);

  const announced = () => app.page.getByTestId('announcer').textContent();

  it('moves a document with Enter on Move down, then Alt+Arrow keys, and saves each move', async () => {
    const { page } = app;
    await page.goto(`${app.bridge.url}#/case/${caseId}/evidence`);
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    await app.screen('evidence-keyboard-before');

    await tabTo(
      page,
      'Move down: School report',
      (el) => el.action === 'move-down' && el.label === 'Move down: School report',
    );
    await page.keyboard.press('Enter');
    await expect.poll(order).toEqual(['Speech therapy report', 'School report', 'Letter from the GP']);
    await expect.poll(announced).toContain('Moved “School report” to position 2 of 3 in section C.');

    // Focus stays on the moved document, so the next key press moves it again.
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(order).toEqual(['Speech therapy report', 'Letter from the GP', 'School report']);
    await expect.poll(announced).toContain('to position 3 of 3');

    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(order).toEqual(['Speech therapy report', 'School report', 'Letter from the GP']);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(order).toEqual(['School report', 'Speech therapy report', 'Letter from the GP']);
    await expect.poll(announced).toContain('Moved “School report” to position 1 of 3 in section C.');
    const focused = await page.evaluate(
      () => document.activeElement?.closest('[data-doc-id]')?.textContent ?? '',
    );
    expect(focused).toContain('School report');

    // The screen shows the saved order after a reload.
    await page.reload();
    const items = page.locator('[data-section="C"] [data-testid="document-item"] .doc-title');
    await expect.poll(() => items.count()).toBe(3);
    const titles = await items.allTextContents();
    expect(titles.map((t) => t.replace(/^\d+ of \d+:\s*/, ''))).toEqual([
      'School report',
      'Speech therapy report',
      'Letter from the GP',
    ]);
    await app.screen('evidence-keyboard-after');
    expect(app.axeProblems).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
    expect(app.outgoing).toEqual([]);
  });
});
