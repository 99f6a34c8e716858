import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  browserWindowOptions,
  CONTENT_SECURITY_POLICY,
  webPreferences,
} from '../../../../electron/shell/windowOptions';
import { REPO_ROOT } from '../../../helpers/repo';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('main window options', () => {
  it('turns on every isolation setting and nothing that weakens it', () => {
    const prefs = webPreferences({ preload: '/app/preload.cjs', devTools: false });
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.devTools).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
    // Nothing else can sneak in (e.g. enableRemoteModule, contextIsolation overrides).
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('puts the window where it was, hidden until painted, no smaller than 800×600', () => {
    const options = browserWindowOptions({
      preload: '/p.cjs',
      state: { x: 5, y: 6, width: 1000, height: 700, maximized: false },
      devTools: true,
    });
    expect(options).toMatchObject({
      x: 5,
      y: 6,
      width: 1000,
      height: 700,
      minWidth: 800,
      minHeight: 600,
      show: false,
    });
    expect(options.webPreferences?.sandbox).toBe(true);
    const centred = browserWindowOptions({
      preload: '/p.cjs',
      state: { width: 1280, height: 800, maximized: false },
      devTools: false,
    });
    expect(centred).not.toHaveProperty('x');
    expect(APP_ENTRY_URL).toBe('app://app/index.html');
  });
});

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows only the app itself: no remote origins, no wildcards, no eval, no inline script', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    for (const [name, values] of csp) {
      for (const value of values) {
        expect(value, `${name} ${value}`).not.toMatch(/^(https?|wss?|ftp|file):/i);
        expect(value, `${name} ${value}`).not.toMatch(/\*/);
        expect(value, `${name} ${value}`).not.toMatch(
          /unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/,
        );
        expect(value, `${name} ${value}`).not.toMatch(/\.[a-z]{2,}$/i); // no host names
      }
    }
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    // Every fetch directive that could reach out is limited to self (plus data:/blob: for images only).
    for (const name of ['connect-src', 'worker-src', 'font-src', 'img-src', 'style-src']) {
      expect(csp.get(name)?.[0], name).toBe("'self'");
      for (const value of csp.get(name) ?? []) expect(["'self'", 'data:', 'blob:']).toContain(value);
    }
  });

  it('is the same policy the renderer page declares in its meta tag', () => {
    const html = readFileSync(join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});
