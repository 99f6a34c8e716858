/**
 * The host layer (electron/host/) under both transports: the app:// protocol and the browser bridge give
 * the same answer for the same path, and the operations they share keep ids, progress and cancel.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../electron/bridge/server';
import { resolveHostFile } from '../../../electron/host/files';
import { createOperations } from '../../../electron/host/operations';
import { createAppProtocolHandler } from '../../../electron/shell/protocols';
import type { Router } from '../../../electron/ipc/router';
import type { ProgressMessage } from '../../../shared/api/host';
import { makeTextPdf, seedDocument } from '../../helpers/seed';

let dir: string;
let bridge: Bridge;
let protocol: (request: Request) => Promise<Response>;
let sha: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'send-bundle-host-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'style.css'), 'body{}');
  bridge = await startBridge({ dataDir: join(dir, 'data'), staticDir: renderer, log: () => {} });
  const { services } = bridge;
  protocol = createAppProtocolHandler({
    rendererDir: renderer,
    resolveFile: (file) => resolveHostFile(services, file),
  });
  const c = services.cases.create({ title: 'Host', role: 'parent', appealType: 'refusal-to-assess' });
  sha = (await seedDocument(services.ctx, c.id, 'C', await makeTextPdf('Report', 1), { title: 'Report' }))
    .sha256;
});

afterAll(async () => {
  await bridge?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one host layer, two transports', () => {
  it('answers every path the same over app:// and over the bridge', async () => {
    const paths = [
      '/',
      '/index.html',
      '/assets/app.js',
      '/assets/style.css',
      '/assets/missing.js',
      '/assets/',
      '/%2e%2e/secret.txt',
      `/files/document/${sha}`,
      `/files/document/${sha}?download=1`,
      `/files/document/${'0'.repeat(64)}`,
      '/files/bundle/99999',
      '/files/letter/1/exe',
    ];
    const compared = ['content-type', 'content-disposition', 'cache-control', 'content-security-policy'];
    for (const path of paths) {
      const viaProtocol = await protocol(new Request(`app://app${path}`));
      const separator = path.includes('?') ? '&' : '?';
      const viaBridge = await fetch(`${bridge.origin}${path}${separator}token=${bridge.token}`);
      expect(viaBridge.status, path).toBe(viaProtocol.status);
      for (const header of compared) {
        expect(viaBridge.headers.get(header), `${path} ${header}`).toBe(viaProtocol.headers.get(header));
      }
      expect(Buffer.from(await viaBridge.arrayBuffer()), path).toEqual(
        Buffer.from(await viaProtocol.arrayBuffer()),
      );
    }
  });
});

describe('host operations', () => {
  /** A router whose one call reports progress and waits until released or aborted. */
  function slowRouter() {
    let release: () => void = () => {};
    const router: Router = {
      call: (_name, input, op = {}) =>
        new Promise((resolve) => {
          op.onProgress?.({ message: `working on ${String(input)}`, done: 0, total: 1 });
          op.signal?.addEventListener('abort', () =>
            resolve({ ok: false, error: { code: 'cancelled', message: 'Stopped.' } }),
          );
          release = () => resolve({ ok: true, value: input });
        }),
    };
    return { router, release: () => release() };
  }

  it('sends progress only for an operation id it accepts, and cancels by that id', async () => {
    const { router, release } = slowRouter();
    const operations = createOperations(router);
    const sent: ProgressMessage[] = [];
    const first = operations.call('x', { input: 'a', operationId: 'op-1' }, { emit: (m) => sent.push(m) });
    expect(sent).toEqual([{ operationId: 'op-1', progress: { message: 'working on a', done: 0, total: 1 } }]);
    expect(operations.cancel('op-1')).toBe(true);
    await expect(first).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(operations.cancel('op-1')).toBe(false);
    expect(operations.cancel({ not: 'an id' })).toBe(false);

    const noId = operations.call(
      'x',
      { input: 'b', operationId: 'x'.repeat(101) },
      { emit: (m) => sent.push(m) },
    );
    release();
    await expect(noId).resolves.toEqual({ ok: true, value: 'b' });
    expect(sent).toHaveLength(1);
  });

  it("stops a call when the transport's own signal aborts (a dropped connection)", async () => {
    const { router } = slowRouter();
    const operations = createOperations(router);
    const dropped = new AbortController();
    const call = operations.call('x', { input: 'c' }, { emit: () => {}, signal: dropped.signal });
    dropped.abort();
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});
