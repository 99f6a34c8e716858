/**
 * "No code path makes a network request": the built main process, preload and renderer are searched.
 *  - main and preload import no networking module (http, https, net, tls, dns, undici...), and never call
 *    fetch, XMLHttpRequest, WebSocket, EventSource or Electron's `net`;
 *  - no bundle calls a network API with a literal remote address;
 *  - every http(s) address written anywhere in the bundles is on a reviewed list of harmless strings
 *    (XML namespaces, licence and documentation links inside libraries, the help pages the menu opens).
 * At run time the same promise is kept by the CSP (`connect-src 'self'`), by main.ts cancelling every
 * http/https/ws request in the window's session, and by the bridge end-to-end tests' outgoing-request guard.
 *
 * Text recognition runs in threads of its own (ocrWorker, ocrRecogniser) with tesseract.js, which can
 * download its model: those bundles are scanned too, and they block the network before anything else
 * (tests/unit/electron/services/ocr/files.test.ts shows a download attempt failing there).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_LINKS, TRUSTED_HELP_HOSTS } from '../../../../electron/shell/navigation';
import { REPO_ROOT } from '../../../helpers/repo';

const ROOT = REPO_ROOT;
let out: string;
const bundles: Record<string, string> = {};

/**
 * Hosts that appear in the bundles as plain strings and are never requested: XML/RDF/JSON-schema
 * namespaces the PDF and Word libraries write into files, and links in libraries' error messages.
 * Adding a host here needs a look at where it is used.
 */
const HARMLESS_HOSTS = new Set([
  // namespaces written into PDF metadata (XMP), Word files (docx), LibreOffice's settings and JSON schemas
  'schemas.microsoft.com',
  'openoffice.org',
  'schemas.openxmlformats.org',
  'purl.org',
  'purl.oclc.org',
  'www.w3.org',
  'ns.adobe.com',
  'www.aiim.org',
  'json-schema.org',
  'www.xfa.org',
  'www.apache.org',
  // links in libraries' error messages (React, jszip, docx, pdf.js)
  'react.dev',
  'reactjs.org',
  'developer.mozilla.org',
  'bugs.webkit.org',
  'github.com',
  'stuk.github.io',
  'answers.microsoft.com',
  // examples in zod's validation messages
  'example.com',
  'foo.bar',
]);

/**
 * tesseract.js's default download addresses for its model and engine, in the recogniser bundles only. Never
 * used: electron/services/ocr/files.ts always gives local paths, and the threads block the network.
 */
const OCR_UNUSED_DEFAULT_HOSTS = new Set(['cdn.jsdelivr.net']);
const OCR_BUNDLES = ['ocrWorker', 'ocrRecogniser'];
/**
 * The threads that read evidence files (scripts/esbuild.mjs WORKER_ENTRIES). The picture decoders'
 * loaders, made for web pages too, are bundled with their network calls made to throw
 * (scripts/wasmDecodersLoad.mjs).
 */
const FILE_READING_BUNDLES = ['untrustedWorker', 'pdfTextWorker', 'pdfScanWorker'];
/** The networking modules the offline guard (electron/services/ocr/offlineGuard.cjs) loads to disable them. */
const GUARD_MODULES = new Set(['net', 'tls', 'dns']);

const NETWORK_MODULES = /^(node:)?(http|https|http2|net|tls|dgram|dns|dns\/promises|undici|ws)$/;
// Calls and constructions, not feature checks such as `!global.importScripts` (a polyfill in jszip).
const NETWORK_CALLS =
  /\b(fetch|sendBeacon|importScripts)\s*\(|\bnew\s+(XMLHttpRequest|WebSocket|EventSource)\b/;
const LITERAL_REMOTE_CALL =
  /\b(fetch|WebSocket|EventSource|sendBeacon|importScripts|open|request|get|downloadURL|loadURL)\s*\(\s*(?:`[^`]*|'[^']*|"[^"]*)?\b(?:[A-Z]+["'`]\s*,\s*["'`])?(https?|wss?):\/\/(?!(127\.0\.0\.1|localhost)[:/])/;

/**
 * What a bundle imports, from the build's metafiles: the main process and the workers beside it are one
 * build (main.meta.json), so each output is told apart by its file name.
 */
function importsOf(name: string): string[] {
  const metaFile = name === 'preload' ? 'preload.meta.json' : 'main.meta.json';
  const meta = JSON.parse(readFileSync(join(out, 'electron', metaFile), 'utf8')) as {
    outputs: Record<string, { imports: { path: string }[] }>;
  };
  return Object.entries(meta.outputs)
    .filter(([file]) => file.endsWith(`/${name}.cjs`))
    .flatMap(([, o]) => o.imports.map((i) => i.path));
}

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'send-bundle-scan-'));
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts', 'build-electron.mjs'), '--outdir', join(out, 'electron'), '--metafile'],
    {
      cwd: ROOT,
    },
  );
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--outDir',
      join(out, 'renderer'),
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
  );
  // Comments (library docs full of `fetch(url)` examples) are not code: drop them, keep everything else.
  const code = (file: string) =>
    transformSync(readFileSync(file, 'utf8'), { minifyWhitespace: true, legalComments: 'none', loader: 'js' })
      .code;
  bundles.main = code(join(out, 'electron', 'main.cjs'));
  bundles.preload = code(join(out, 'electron', 'preload.cjs'));
  for (const name of [...OCR_BUNDLES, ...FILE_READING_BUNDLES])
    bundles[name] = code(join(out, 'electron', `${name}.cjs`));
  for (const file of files(join(out, 'renderer'), /\.(m?js|html)$/))
    bundles[`renderer/${file.slice(out.length + 10)}`] = readFileSync(file, 'utf8');
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('no network requests', () => {
  it('main and preload import no networking module', () => {
    for (const name of ['main', 'preload']) {
      const imports = importsOf(name);
      expect(imports.length, name).toBeGreaterThan(0);
      expect(
        imports.filter((p) => NETWORK_MODULES.test(p)),
        name,
      ).toEqual([]);
    }
  });

  it('main, preload and the file-reading threads never call a network API (pdf.js is loaded from node_modules and only ever given bytes)', () => {
    for (const name of ['main', 'preload', ...FILE_READING_BUNDLES]) {
      expect(NETWORK_CALLS.exec(bundles[name])?.[0], name).toBeUndefined();
      if (FILE_READING_BUNDLES.includes(name)) continue;
      expect(bundles[name], name).not.toMatch(
        /\bimport_electron\d*\.net\b|\{[^}]*\bnet\b[^}]*\}\s*=\s*require\("electron"\)/,
      );
    }
    expect(bundles.preload).not.toMatch(/(https?|wss?):\/\//);
  });

  it('the text recognition threads import no networking module but the ones the offline guard disables', () => {
    for (const name of OCR_BUNDLES) {
      const imports = importsOf(name);
      expect(imports.length, name).toBeGreaterThan(0);
      const network = imports.filter((p) => NETWORK_MODULES.test(p));
      expect(
        network.filter((p) => !GUARD_MODULES.has(p.replace(/^node:/, ''))),
        name,
      ).toEqual([]);
      // The guard is in the bundle, and tesseract.js's fallback downloader (node-fetch) is not.
      expect(bundles[name], name).toContain('it must work offline');
      expect(bundles[name], name).not.toMatch(/node-fetch\/lib|FetchError/);
      expect(
        imports.filter((p) => /node-fetch/.test(p)),
        name,
      ).toEqual([]);
    }
  });

  it('no bundle calls a network API with a literal remote address', () => {
    expect(Object.keys(bundles).some((k) => k.startsWith('renderer/'))).toBe(true);
    for (const [name, text] of Object.entries(bundles))
      expect(LITERAL_REMOTE_CALL.exec(text)?.[0], name).toBeUndefined();
    // The pattern does catch such a call.
    expect(LITERAL_REMOTE_CALL.test('fetch("https://tracker.example/x")')).toBe(true);
    expect(LITERAL_REMOTE_CALL.test("x.open('GET', 'https://tracker.example/x')")).toBe(true);
    expect(LITERAL_REMOTE_CALL.test('new WebSocket(`wss://tracker.example`)')).toBe(true);
    expect(LITERAL_REMOTE_CALL.test('fetch("http://127.0.0.1:3000/api")')).toBe(false);
  });

  it('every web address in the bundles is a reviewed, harmless string or an allow-listed help page', () => {
    const allowed = new Set<string>([...HARMLESS_HOSTS, ...TRUSTED_HELP_HOSTS]);
    const unknown: string[] = [];
    for (const [name, text] of Object.entries(bundles)) {
      for (const match of text.matchAll(/\b(?:https?|wss?):\/\/([A-Za-z0-9.-]+)/g)) {
        const host = match[1].toLowerCase();
        if (allowed.has(host) || (OCR_BUNDLES.includes(name) && OCR_UNUSED_DEFAULT_HOSTS.has(host))) continue;
        unknown.push(`${name}: ${match[0]}`);
      }
    }
    expect([...new Set(unknown)]).toEqual([]);
    // The menu's help links are in main, and only there.
    for (const url of Object.values(HELP_LINKS)) expect(bundles.main).toContain(url);
  });
});
