import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostFileFromPath, resolveHostFile } from '../../../../electron/host/files';
import { rendererFileFor } from '../../../../electron/host/static';
import { createAppProtocolHandler } from '../../../../electron/shell/protocols';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';

let root: string;
let renderer: string;
let t: ReturnType<typeof tempServices>;
let sha: string;
let bundleId: number;
let pdfBytes: Uint8Array;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'send-bundle-protocol-'));
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  t = tempServices();
  const c = t.services.cases.create({ title: 'P', role: 'parent', appealType: 'refusal-to-assess' });
  pdfBytes = await makeTextPdf('Report', 2);
  sha = (await seedDocument(t.ctx, c.id, 'B', pdfBytes, { title: 'Report' })).sha256;
  bundleId = (await t.services.bundle.build(c.id, { compiledDate: '2026-03-01' })).id;
  handle = createAppProtocolHandler({
    rendererDir: renderer,
    resolveFile: (file) => resolveHostFile(t.services, file),
  });
});

afterAll(() => {
  t.dispose();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// renderer files', () => {
  it('serves index.html with the CSP and assets with their types', async () => {
    for (const url of ['app://app/', 'app://app/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>app</title>');
    }
    const js = await get('app://app/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('refuses every way out of the renderer folder', async () => {
    const attempts = [
      'app://app/../secret.txt',
      'app://app/assets/../../secret.txt',
      'app://app/%2e%2e/secret.txt',
      'app://app/%2E%2E/secret.txt',
      'app://app/.%2e/secret.txt',
      'app://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://app/..%2fsecret.txt',
      'app://app/..%5csecret.txt',
      'app://app/assets%5c..%5c..%5csecret.txt',
      'app://app/..\\secret.txt',
      'app://app/%2fetc%2fpasswd',
      'app://app//etc/passwd',
      'app://app/C:%5cWindows%5cwin.ini',
      'app://app/index.html%00.js',
      'app://app/assets/link.txt',
      'app://app/assets/',
      'app://app/missing.js',
      'app://app/%E0%A4%A',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside the renderer');
    }
  });

  it('refuses other hosts, other schemes, credentials and methods that write', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    // A real Request refuses credentials; Electron's may not, so pass the bare shape.
    expect((await handle({ url: 'app://user:pw@app/index.html', method: 'GET' } as Request)).status).toBe(
      404,
    );
    expect((await get('https://app/index.html')).status).toBe(404);
    expect((await get('app://app/index.html', 'POST')).status).toBe(405);
    expect((await get('app://app/index.html', 'PUT')).status).toBe(405);
  });

  it('checks segments itself too, for paths it is given directly', () => {
    expect(rendererFileFor(renderer, '/index.html')).toMatch(/index\.html$/);
    expect(rendererFileFor(renderer, '/../secret.txt')).toBeNull();
    expect(rendererFileFor(renderer, '/assets/%2e%2e/%2e%2e/secret.txt')).toBeNull();
    expect(rendererFileFor(renderer, 'index.html')).toBeNull();
    expect(rendererFileFor(join(root, 'no-such-dir'), '/index.html')).toBeNull();
  });
});

describe('app:// document files', () => {
  it('serves a stored document by its hash, inline or as a download', async () => {
    const response = await get(`app://app/files/document/${sha}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^inline; filename="document-[0-9a-f]{8}\.pdf"$/,
    );
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdfBytes);
    const download = await get(`app://app/files/document/${sha}?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    const head = await get(`app://app/files/document/${sha}`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(pdfBytes.length));
  });

  it('serves a built bundle by its id, as a download when asked', async () => {
    const response = await get(`app://app/files/bundle/${bundleId}?download=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[A-Za-z0-9 ._-]+\.pdf"$/,
    );
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('refuses unknown hashes, names that are not hashes, and anything tacked on', async () => {
    const attempts = [
      `app://app/files/document/${'0'.repeat(64)}`,
      `app://app/files/document/${sha.toUpperCase()}`,
      `app://app/files/document/${sha.slice(0, 63)}`,
      `app://app/files/document/${sha}0`,
      `app://app/files/document/${sha}.pdf`,
      `app://app/files/document/${sha}/x`,
      `app://app/files/document/../../cases.sqlite`,
      `app://app/files/document/%2e%2e%2f%2e%2e%2fcases.sqlite`,
      `app://app/files/document/..%2f..%2fcases.sqlite`,
      `app://app/files/document/..%5c..%5ccases.sqlite`,
      'app://app/files/document/not-a-hash',
      'app://app/files/document/',
      'app://app/files/store/documents',
      'app://app/files/bundle/0',
      'app://app/files/bundle/99999',
      'app://app/files/bundle/1e3',
      'app://app/files/letter/1/exe',
      'app://app/files/',
    ];
    for (const url of attempts) expect((await get(url)).status, url).toBe(404);
  });

  it('parses only the exact host-file shapes', () => {
    expect(hostFileFromPath(`/files/document/${sha}`)).toEqual({ kind: 'document', sha256: sha });
    expect(hostFileFromPath('/files/bundle/12')).toEqual({ kind: 'bundle', id: 12 });
    expect(hostFileFromPath('/files/letter/3/docx')).toEqual({ kind: 'letter', id: 3, format: 'docx' });
    expect(hostFileFromPath('/files/letter/3/docx%00')).toBeNull();
    expect(hostFileFromPath('/files/bundle/%31')).toBeNull();
    expect(hostFileFromPath('/other/bundle/1')).toBeNull();
  });
});
