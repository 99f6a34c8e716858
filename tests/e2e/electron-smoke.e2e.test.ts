/**
 * The desktop app itself, through Playwright's `_electron`: launch, create a case, import a file, build
 * a bundle, preview a document, and check the window's isolation. Runs where Electron's program is
 * installed (a developer laptop, CI with internet); on the build machines, where it cannot be downloaded,
 * it is skipped with the reason. Everything else about the shell is tested without Electron in
 * tests/unit/electron/ (shell/, ipc/, main.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PDFS, REPO_ROOT } from './paths';

function electronProgram(): string | null {
  try {
    const path = createRequire(join(REPO_ROOT, 'package.json'))('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const ELECTRON = electronProgram();
const SKIP_REASON =
  'Electron’s program is not installed here (the electron package is installed without its download on ' +
  'the build machines), so the desktop smoke test is skipped. Run "node node_modules/electron/install.js" ' +
  'on a machine with internet to run it.';
if (!ELECTRON) console.warn(`\n${SKIP_REASON}\n`);

describe.skipIf(!ELECTRON)('desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-electron.mjs')], { cwd: REPO_ROOT });
    if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html')))
      execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
        cwd: REPO_ROOT,
      });
    dataDir = mkdtempSync(join(tmpdir(), 'send-bundle-electron-'));
    app = await _electron.launch({
      executablePath: ELECTRON!,
      args: [REPO_ROOT, `--data-dir=${dataDir}`, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      cwd: REPO_ROOT,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens one window on app://app with the renderer and no Node in the page', async () => {
    expect(page.url()).toMatch(/^app:\/\/app\/index\.html/);
    await expect.poll(() => page.locator('#root').innerText(), { timeout: 20_000 }).not.toBe('');
    const isolation = await page.evaluate(() => ({
      api: typeof window.api === 'object' && typeof window.api?.fileUrl === 'function',
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(isolation).toEqual({ api: true, require: 'undefined', process: 'undefined' });
    // The window was made by main.ts with these settings (asserted without Electron in tests/unit/electron/main.test.ts);
    // here, the page itself shows the effect: no require, no process.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('creates a case, imports a PDF, builds a bundle and previews the document', async () => {
    const fixture = join(FIXTURE_PDFS, 'valid', 'pdflib-normal.pdf');
    const result = await page.evaluate(async (file) => {
      const api = window.api!;
      const call = async (name: string, input: unknown) => {
        const envelope = (await api.methods[name]({ input })) as {
          ok: boolean;
          value?: unknown;
          error?: unknown;
        };
        if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
        return envelope.value as Record<string, unknown>;
      };
      const created = await call('cases.create', {
        title: 'Smoke test',
        role: 'parent',
        appealType: 'refusal-to-assess',
      });
      const caseId = created.id as number;
      const imported = (await call('documents.import', {
        caseId,
        section: 'B',
        files: [{ name: 'normal.pdf', path: file }],
      })) as unknown as { status: string }[];
      const documents = (await call('documents.list', { caseId })) as unknown as { sha256: string }[];
      const bundle = await call('bundle.build', { caseId });
      const preview = await fetch(api.fileUrl({ kind: 'document', sha256: documents[0].sha256 }));
      const head = new Uint8Array(await preview.arrayBuffer()).slice(0, 5);
      const outside = await fetch('https://example.com/').then(
        () => 'reached',
        () => 'blocked',
      );
      return {
        imported: imported.map((i) => i.status),
        bundlePath: bundle.path as string,
        bundlePages: bundle.pageCount as number,
        preview: { status: preview.status, head: String.fromCharCode(...head) },
        outside,
        opened: window.open('https://evil.example/') === null,
      };
    }, fixture);
    expect(result.imported).toEqual(['imported']);
    expect(result.bundlePages).toBeGreaterThan(1);
    expect(readFileSync(result.bundlePath).subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.bundlePath.startsWith(dataDir)).toBe(true);
    expect(result.preview).toEqual({ status: 200, head: '%PDF-' });
    expect(result.outside).toBe('blocked');
    expect(result.opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
