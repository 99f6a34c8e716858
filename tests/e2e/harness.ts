/**
 * The end-to-end harness: a browser bridge over a fresh temporary data folder (real services), Debian's
 * Chromium through playwright-core, a guard that fails on any request leaving 127.0.0.1, and `screen()`,
 * which runs axe on the current screen and saves a screenshot under test-results/e2e/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { CHROMIUM_PATH, SCREENSHOTS, STATIC_DIR } from './paths';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface AxeProblem {
  screen: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

export interface App {
  bridge: Bridge;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dataDir: string;
  /** Every request the page tried to make to anywhere but the bridge. */
  outgoing: string[];
  /** Uncaught errors in the page. */
  pageErrors: string[];
  /** Errors written to the browser's console (a failed request, a React warning), with the screen's address. */
  consoleErrors: string[];
  /** Serious or critical axe violations, per screen checked. */
  axeProblems: AxeProblem[];
  screensChecked: string[];
  /** axe + screenshot of what is on screen now. */
  screen(name: string): Promise<void>;
  close(): Promise<void>;
}

function isLocal(url: string, origin: string): boolean {
  return url.startsWith(`${origin}/`) || url === origin || url.startsWith('data:') || url.startsWith('blob:');
}

export async function startApp(options: { viewport?: { width: number; height: number } } = {}): Promise<App> {
  const dataDir = mkdtempSync(join(tmpdir(), 'send-bundle-e2e-'));
  const bridge = await startBridge({ dataDir, staticDir: STATIC_DIR, log: () => {} });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 720 },
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const outgoing: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const axeProblems: AxeProblem[] = [];
  const screensChecked: string[] = [];
  // Anything not for the bridge is recorded and never reaches the network.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url, bridge.origin)) return route.continue();
    outgoing.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    if (!isLocal(request.url(), bridge.origin) && !outgoing.includes(request.url()))
      outgoing.push(request.url());
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error')
      consoleErrors.push(`${page.url().replace(/^.*#/, '#')}: ${message.text()}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    bridge,
    browser,
    context,
    page,
    dataDir,
    outgoing,
    pageErrors,
    consoleErrors,
    axeProblems,
    screensChecked,
    async screen(name) {
      // Let pending renders and fonts settle before judging the screen.
      await page.waitForLoadState('networkidle').catch(() => {});
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      // An empty run would hide problems: axe must have checked something on every screen.
      if (results.passes.length === 0) throw new Error(`axe checked nothing on the screen "${name}".`);
      for (const v of results.violations) {
        if (v.impact === 'serious' || v.impact === 'critical') {
          axeProblems.push({
            screen: name,
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map((n) => String(n.target)),
          });
        }
      }
      screensChecked.push(name);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close().catch(() => {});
      await bridge.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Presses Tab until `predicate` holds for the focused element (keyboard-only navigation). */
export async function tabTo(
  page: Page,
  describe: string,
  predicate: (el: { text: string; label: string | null; tag: string; action: string | null }) => boolean,
  maxPresses = 200,
): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        text: (a?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        label: a?.getAttribute('aria-label') ?? null,
        tag: a?.tagName.toLowerCase() ?? '',
        action: a?.getAttribute('data-action') ?? null,
      };
    });
    if (predicate(el)) return;
  }
  throw new Error(`Could not reach "${describe}" with the Tab key.`);
}
