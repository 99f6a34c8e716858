/**
 * Runs the real bundled main process (scripts/build-electron.mjs output) under Node with a fake 'electron'
 * module (tests/helpers/fake-electron.cjs), and checks what it asked Electron to do: the window's
 * security settings, the app:// protocol, IPC sender checks, navigation, permissions and downloads.
 * No Electron binary needed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/repo';

const ROOT = REPO_ROOT;
let dir: string;
let report: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'send-bundle-main-'));
  const appRoot = join(dir, 'app');
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts', 'build-electron.mjs'), '--outdir', join(appRoot, 'dist', 'electron')],
    {
      cwd: ROOT,
    },
  );
  mkdirSync(join(appRoot, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>test</title>');
  const output = execFileSync(
    process.execPath,
    [
      '-r',
      join(ROOT, 'tests', 'helpers', 'fake-electron.cjs'),
      join(appRoot, 'dist', 'electron', 'main.cjs'),
    ],
    {
      cwd: dir,
      env: {
        ...process.env,
        FAKE_ELECTRON_APP_ROOT: appRoot,
        FAKE_ELECTRON_USER_DATA: join(dir, 'user-data'),
        NODE_PATH: join(ROOT, 'node_modules'),
      },
      timeout: 60_000,
    },
  ).toString();
  const line = output.split('\n').find((l) => l.startsWith('REPORT '));
  if (!line) throw new Error(`The main process printed no report:\n${output}`);
  report = JSON.parse(line.slice('REPORT '.length));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const called = (name: string) => report.calls.filter((c: { name: string }) => c.name === name);

describe('the bundled main process (fake Electron)', () => {
  it('starts without a problem dialog, with the single-instance lock and a sandbox for every renderer', () => {
    expect(report.probeError).toBeUndefined();
    expect(called('showMessageBox')).toEqual([]);
    expect(called('requestSingleInstanceLock')).toHaveLength(1);
    expect(called('enableSandbox')).toHaveLength(1);
  });

  it('creates the window with every security setting on, loading app://app/index.html', () => {
    const prefs = report.windowOptions.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.preload).toMatch(/dist[/\\]electron[/\\]preload\.cjs$/);
    expect(called('loadURL').map((c: { detail: string }) => c.detail)).toEqual(['app://app/index.html']);
    expect(called('registerSchemesAsPrivileged')[0].detail[0]).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, bypassCSP: false },
    });
  });

  it('serves the renderer with the CSP header and refuses traversal, unknown hashes and other hosts', () => {
    expect(report.protocol.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(report.protocol.index.csp).toContain("default-src 'self'");
    expect(report.protocol.traversal.status).toBe(404);
    expect(report.protocol.unknownDocument.status).toBe(404);
    expect(report.protocol.otherHost.status).toBe(404);
  });

  it('answers IPC only from the window’s top frame on app://, with envelopes for malformed calls', () => {
    expect(report.ipc.channels).toContain('api:cases.export');
    expect(report.ipc.trusted).toMatchObject({ ok: true, value: { title: 'Smoke' } });
    for (const untrusted of ['fromFrame', 'otherWindow', 'remotePage'])
      expect(report.ipc[untrusted], untrusted).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(report.ipc.malformed).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    // Only the trusted call created a case.
    expect(report.ipc.list.value).toHaveLength(1);
  });

  it('denies permissions, blocks the network, navigation away, new windows and foreign downloads', () => {
    expect(report.permission).toBe(false);
    expect(report.permissionCheck).toBe(false);
    expect(report.blockedUrls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    expect(report.navigations['https://evil.example/']).toBe(true);
    expect(report.navigations['file:///etc/passwd']).toBe(true);
    expect(report.navigations['app://app/index.html']).toBe(false);
    // A trusted help page is not loaded in the window but opened in the system browser.
    expect(report.navigations['https://www.gov.uk/special-educational-needs-disability-tribunal']).toBe(true);
    expect(called('openExternal').map((c: { detail: string }) => c.detail)).toEqual([
      'https://www.gov.uk/special-educational-needs-disability-tribunal',
    ]);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.download.cancelled).toBe(true);
  });

  it('builds the menu for the open case and switches screens through the preload channel', () => {
    expect(report.menuLabels).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(report.importEvidenceEnabled).toBe(true);
    expect(report.sent).toEqual([{ channel: 'shell:navigate', args: ['#/case/1/evidence'] }]);
  });

  it('keeps data, the log and the window state under userData', () => {
    const userData = join(dir, 'user-data');
    expect(existsSync(join(userData, 'cases.sqlite'))).toBe(true);
    expect(readFileSync(join(userData, 'logs', 'main.log'), 'utf8')).toMatch(
      /Blocked navigation to https:\/\/evil\.example/,
    );
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 10,
      y: 20,
      width: 1200,
      height: 700,
      maximized: false,
    });
  });
});
