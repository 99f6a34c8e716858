/**
 * Text recognition works offline: the model and engine come from node_modules, and every thread that runs
 * tesseract.js has the network blocked, so a download it might try fails instead of leaving the machine.
 * (tests/unit/electron/shell/network.test.ts checks the built OCR threads for network code as well.)
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { recogniserThreadScript, tesseractFiles } from '../../../../../electron/services/ocr/files';
import { REPO_ROOT } from '../../../../helpers/repo';

const ROOT = REPO_ROOT;
const GUARD = join(ROOT, 'electron', 'services', 'ocr', 'offlineGuard.cjs');

describe('text recognition offline', () => {
  it('reads the English model and the engine from node_modules', () => {
    const { langPath, corePath } = tesseractFiles();
    for (const [path, pkg] of [
      [langPath, '@tesseract.js-data/eng'],
      [corePath, 'tesseract.js-core'],
    ] as const) {
      expect(relative(join(ROOT, 'node_modules', pkg), path).startsWith('..'), path).toBe(false);
    }
    expect(statSync(join(langPath, 'eng.traineddata.gz')).size).toBeGreaterThan(1_000_000);
    expect(existsSync(join(corePath, 'tesseract-core-simd-lstm.wasm'))).toBe(true);
  });

  it('runs the recogniser thread from the bundle beside the workers, or from its source', () => {
    const bundled = globalThis.__sendBundleWorkers;
    try {
      globalThis.__sendBundleWorkers = {
        dir: pathToFileURL(join(ROOT, 'dist', 'cli') + sep).href,
        ext: '.mjs',
      };
      expect(recogniserThreadScript()).toBe(join(ROOT, 'dist', 'cli', 'ocrRecogniser.mjs'));
      expect(existsSync(recogniserThreadScript())).toBe(true);
      globalThis.__sendBundleWorkers = undefined;
      expect(recogniserThreadScript().split(sep).slice(-3)).toEqual([
        'services',
        'ocr',
        'tesseractThread.cjs',
      ]);
    } finally {
      globalThis.__sendBundleWorkers = bundled;
    }
  });

  it('blocks every way out of a recogniser thread: fetch, http(s), sockets, TLS and DNS', async () => {
    const code = `
      const { parentPort } = require('node:worker_threads');
      require(${JSON.stringify(GUARD)}).blockNetwork();
      const tries = {
        fetch: () => fetch('https://example.org/eng.traineddata.gz'),
        http: () => require('http').get('http://example.org/'),
        https: () => require('https').request('https://example.org/'),
        net: () => require('net').connect(80, 'example.org'),
        socket: () => new (require('net').Socket)().connect(443, 'example.org'),
        tls: () => require('tls').connect(443, 'example.org'),
        dns: () => require('dns').lookup('example.org', () => {}),
        dnsPromises: () => require('dns').promises.lookup('example.org'),
      };
      (async () => {
        const results = {};
        for (const [name, attempt] of Object.entries(tries)) {
          try { await attempt(); results[name] = 'went out'; }
          catch (error) { results[name] = error.code; }
        }
        parentPort.postMessage(results);
      })();`;
    const results = await new Promise<Record<string, string>>((resolvePromise, reject) => {
      const worker = new Worker(code, { eval: true });
      worker.once('message', (m) => {
        resolvePromise(m);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    expect(results).toEqual({
      fetch: 'EOFFLINE',
      http: 'EOFFLINE',
      https: 'EOFFLINE',
      net: 'EOFFLINE',
      socket: 'EOFFLINE',
      tls: 'EOFFLINE',
      dns: 'EOFFLINE',
      dnsPromises: 'EOFFLINE',
    });
  });

  it('a recogniser told to download its model fails in its own thread instead of fetching', async () => {
    // In a thread of its own (ended afterwards with the recogniser threads it started), as the app runs it.
    const dir = mkdtempSync(join(tmpdir(), 'ocr-offline-'));
    const script = join(dir, 'try-download.mjs');
    const url = (path: string) => JSON.stringify(pathToFileURL(path).href);
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
       import { register } from ${url(join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs'))};
       register();
       const { createRecogniser } = await import(${url(join(ROOT, 'electron', 'services', 'ocr', 'recogniser.ts'))});
       const { tesseractFiles } = await import(${url(join(ROOT, 'electron', 'services', 'ocr', 'files.ts'))});
       const langPath = 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng/4.0.0_best_int';
       try {
         await createRecogniser(1, { ...tesseractFiles(), langPath });
         parentPort.postMessage('started');
       } catch (error) {
         parentPort.postMessage(error.message);
       }`,
    );
    const worker = new Worker(script);
    try {
      const outcome = await new Promise<string>((resolvePromise, reject) => {
        worker.once('message', resolvePromise);
        worker.once('error', reject);
      });
      expect(outcome).toMatch(
        /could not start.*tried to use the network \(fetch https:\/\/cdn\.jsdelivr\.net.*must work offline/,
      );
    } finally {
      await worker.terminate();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
