/**
 * The browser bridge over real HTTP: the token on every API call and file URL, 127.0.0.1 only, the same
 * CSP as the renderer's meta tag, store files only by known hash, static files only inside the app, and
 * the renderer's own client (renderer/api.ts) calling, streaming progress and cancelling through it.
 */
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../../electron/bridge/server';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/host/csp';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { BRIDGE_TOKEN_HEADER } from '../../../../shared/api/bridgePaths';
import { ApiError } from '../../../../shared/api/errors';
import { decodeWire, encodeWire } from '../../../../shared/api/wire';
import { call, createBridgeHost, setHost } from '../../../../renderer/api';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';
import { REPO_ROOT } from '../../../helpers/repo';

const REPO = REPO_ROOT;

describe('browser bridge', () => {
  let bridge: Bridge;
  let dir: string;
  let staticDir: string;
  let releaseSlowCall: (() => void) | null = null;
  const slowCallAborted: boolean[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'send-bundle-bridge-'));
    staticDir = join(dir, 'static');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    bridge = await startBridge({
      dataDir: join(dir, 'data'),
      staticDir,
      log: () => {},
      // cases.export made slow and cancellable, to test the bridge's progress and cancel plumbing.
      handlers: (services) => ({
        ...createHandlers(services),
        'cases.export': (_input, op) =>
          new Promise((resolve, reject) => {
            op.onProgress({ message: 'Step one', done: 1, total: 3 });
            op.signal.addEventListener('abort', () => {
              slowCallAborted.push(true);
              reject(new ApiError('cancelled', 'Stopped. Nothing was saved.'));
            });
            releaseSlowCall = () => resolve({ path: '/nowhere.zip', bytes: 0 } as never);
          }),
      }),
    });
  });

  afterAll(async () => {
    setHost(null);
    await bridge?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${bridge.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: encodeWire(body),
    });
  const withToken = () => ({ [BRIDGE_TOKEN_HEADER]: bridge.token });

  it('listens on 127.0.0.1 and prints an address with the token', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.url).toBe(`${bridge.origin}/?token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses API calls without the token, or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { [BRIDGE_TOKEN_HEADER]: 'wrong' },
      { [BRIDGE_TOKEN_HEADER]: `${bridge.token}x` },
    ];
    for (const headers of attempts) {
      const res = await post('/api/call/app.info', { input: {} }, headers);
      expect(res.status).toBe(401);
      const body = decodeWire(await res.text()) as { ok: boolean; error: { code: string } };
      expect(body).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect((await post('/api/cancel', { operationId: 'x' }, headers)).status).toBe(401);
      const events = await fetch(`${bridge.origin}/api/events`, { headers });
      expect(events.status).toBe(401);
    }
    const ok = await post('/api/call/app.info', { input: {} }, withToken());
    expect(ok.status).toBe(200);
    expect(decodeWire(await ok.text())).toMatchObject({ ok: true, value: { role: null } });
  });

  it('answers every call with an envelope from the router: validation and unknown methods included', async () => {
    const bad = decodeWire(
      await (await post('/api/call/cases.get', { input: { caseId: -1 } }, withToken())).text(),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = decodeWire(
      await (await post('/api/call/nothing.here', { input: {} }, withToken())).text(),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('refuses requests naming another host (DNS rebinding) or from another origin', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: bridge.port, path: '/', headers: { host: `evil.example:${bridge.port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
    const cross = await post(
      '/api/call/app.info',
      { input: {} },
      { ...withToken(), origin: 'http://evil.example' },
    );
    expect(cross.status).toBe(403);
  });

  it('serves the app with the renderer CSP as a header, equal to the meta tag in renderer/index.html', async () => {
    const res = await fetch(`${bridge.origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = readFileSync(join(REPO, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
    expect((await fetch(`${bridge.origin}/assets/app.js`)).status).toBe(200);
  });

  it('never serves a file outside the app folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await fetch(`${bridge.origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('not for the browser');
    }
  });

  it('serves stored documents only by a known content hash, and only with the token', async () => {
    const { services } = bridge;
    const c = services.cases.create({ title: 'Files', role: 'parent', appealType: 'refusal-to-assess' });
    const doc = await seedDocument(services.ctx, c.id, 'C', await makeTextPdf('Report', 2), {
      title: 'Report',
    });
    const url = `${bridge.origin}/files/document/${doc.sha256}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?token=wrong`)).status).toBe(401);
    const ok = await fetch(`${url}?token=${bridge.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await ok.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const download = await fetch(`${url}?token=${bridge.token}&download=1`);
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="document-[0-9a-f]{8}\.pdf"$/,
    );
    for (const bad of [
      `document/${'0'.repeat(64)}`,
      `document/${doc.sha256.slice(0, 10)}`,
      `document/..%2f..%2fcases.sqlite`,
      'bundle/abc',
      'letter/1/exe',
    ]) {
      expect((await fetch(`${bridge.origin}/files/${bad}?token=${bridge.token}`)).status, bad).toBe(404);
    }
  });

  it('is what renderer/api.ts talks to: typed calls, errors as ApiError, progress events and cancel', async () => {
    setHost(createBridgeHost({ baseUrl: bridge.origin, token: bridge.token }));
    const created = await call('cases.create', {
      title: 'Via the client',
      role: 'la',
      appealType: 'contents-of-plan',
    });
    expect(created).toMatchObject({ title: 'Via the client', appealType: 'contents-of-plan' });
    await expect(call('cases.get', { caseId: 99999 })).rejects.toMatchObject({ code: 'not-found' });

    // Progress arrives over the event stream while the call runs; the call finishes when released.
    const events: string[] = [];
    const finished = call(
      'cases.export',
      { caseId: created.id },
      { onProgress: (p) => events.push(p.message) },
    );
    await expect.poll(() => events).toEqual(['Step one']);
    releaseSlowCall?.();
    await expect(finished).resolves.toMatchObject({ bytes: 0 });

    // Cancelling from the client aborts the service's signal on the server.
    const controller = new AbortController();
    const cancelled = call(
      'cases.export',
      { caseId: created.id },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(slowCallAborted).toEqual([true]);
  });

  it('tells the client plainly when the bridge is not there', async () => {
    const host = createBridgeHost({ baseUrl: 'http://127.0.0.1:1', token: 'x' });
    setHost(host);
    await expect(call('app.info', {})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('not answering'),
    });
    expect(host.fileUrl({ kind: 'letter', id: 3, format: 'docx' }, { download: true })).toBe(
      'http://127.0.0.1:1/files/letter/3/docx?token=x&download=1',
    );
  });
});
