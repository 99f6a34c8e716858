/**
 * Ending a thread part way through making a zlib stream aborts the process (node_zlib.cc, "close before
 * init"); zlibFence.cjs makes stopWorker wait until the thread is out of that step. The threads here run
 * plain CommonJS (no TypeScript loader), so that a hundred of them start in a few seconds.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  isFenced,
  newZlibFence,
  rememberZlibFence,
  stopWorker,
  zlibFenceOf,
  type ZlibFence,
} from '../../../../../electron/services/workers/zlibFence.cjs';

const FENCE_MODULE = fileURLToPath(
  new URL('../../../../../electron/services/workers/zlibFence.cjs', import.meta.url),
);
const HELD = 0;
const STOPPING = 1;

/** Code for a thread that fences its zlib with workerData.zlibFence, then runs `body`. */
function threadCode(body: string): string {
  return `
const { workerData, parentPort } = require('node:worker_threads');
require(${JSON.stringify(FENCE_MODULE)}).fenceZlibInThisThread(workerData.zlibFence);
${body}`;
}

function startThread(body: string, data: object = {}): { worker: Worker; fence: ZlibFence } {
  const fence = newZlibFence();
  const worker = rememberZlibFence(
    new Worker(threadCode(body), { eval: true, workerData: { ...data, zlibFence: fence } }),
    fence,
  );
  return { worker, fence };
}

function firstMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('zlibFence', () => {
  it('lets a process end threads inflating in a loop, at any moment, without aborting', () => {
    // Without the fence this aborted the process after 10 to 111 endings (7 runs on a 2-core machine).
    const endings = 150;
    const driver = `
const { Worker } = require('node:worker_threads');
const fences = require(${JSON.stringify(FENCE_MODULE)});
const code = ${JSON.stringify(
      threadCode(`
const zlib = require('node:zlib');
const packed = zlib.deflateSync(Buffer.alloc(100));
const raw = zlib.deflateRawSync(Buffer.alloc(100));
const brotli = zlib.brotliCompressSync(Buffer.alloc(100));
parentPort.postMessage('inflating');
for (;;) { zlib.inflateSync(packed); zlib.inflateRawSync(raw); zlib.brotliDecompressSync(brotli); }`),
    )};
(async () => {
  for (let n = 0; n < ${endings}; n++) {
    const zlibFence = fences.newZlibFence();
    const worker = fences.rememberZlibFence(new Worker(code, { eval: true, workerData: { zlibFence } }), zlibFence);
    await new Promise((resolve) => worker.once('message', resolve));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    await fences.stopWorker(worker);
  }
  console.log('ended ' + ${endings});
})();`;
    const run = spawnSync(process.execPath, ['-e', driver], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).not.toMatch(/close before init/);
    expect({ status: run.status, signal: run.signal, stdout: run.stdout.trim() }).toEqual({
      status: 0,
      signal: null,
      stdout: `ended ${endings}`,
    });
  }, 150_000);

  it('gives what node:zlib gives, for every way of calling it, and lets go of the fence', async () => {
    const sent = 'The local authority must respond within 30 working days. '.repeat(200);
    const { worker, fence } = startThread(
      `
const zlib = require('node:zlib');
const text = Buffer.from(workerData.text);
(async () => {
  const named = await import('node:zlib');
  const streamed = await new Promise((resolve, reject) => {
    const parts = [];
    const inflate = zlib.createInflate();
    inflate.on('data', (part) => parts.push(part)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
    inflate.end(zlib.deflateSync(text));
  });
  const called = await new Promise((resolve, reject) =>
    zlib.gunzip(zlib.gzipSync(text), (error, result) => (error ? reject(error) : resolve(result))));
  const web = Buffer.from(await new Response(new Blob([zlib.deflateSync(text)]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
  const codeOf = (f) => { try { f(); return null; } catch (error) { return error.code; } };
  parentPort.postMessage({
    deflated: zlib.deflateSync(text, { level: 9 }),
    inflated: zlib.inflateSync(zlib.deflateSync(text)),
    raw: zlib.inflateRawSync(zlib.deflateRawSync(text)),
    unzipped: zlib.unzipSync(zlib.gzipSync(text)),
    brotli: zlib.brotliDecompressSync(zlib.brotliCompressSync(text)),
    fromString: zlib.inflateSync(zlib.deflateSync('abc')),
    cutShort: zlib.inflateSync(zlib.deflateSync(text).subarray(0, 60), { finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    info: zlib.inflateSync(zlib.deflateSync(text), { info: true }).engine instanceof zlib.Inflate,
    tooBig: codeOf(() => zlib.inflateSync(zlib.deflateSync(text), { maxOutputLength: 100 })),
    damaged: codeOf(() => zlib.inflateSync(Buffer.from('not zlib at all'))),
    streamed,
    called,
    web,
    namedImportFenced: named.inflateSync === zlib.inflateSync && named.inflateSync.name === 'oneCallSync',
  });
})();`,
      { text: sent },
    );
    const answer = await firstMessage<Record<string, unknown>>(worker);
    await stopWorker(worker);
    const text = Buffer.from(sent);
    const bytes = (value: unknown) => Buffer.from(value as Uint8Array);
    expect(bytes(answer.deflated).equals(zlib.deflateSync(text, { level: 9 }))).toBe(true);
    for (const key of ['inflated', 'raw', 'unzipped', 'brotli', 'streamed', 'called', 'web'])
      expect(bytes(answer[key]).equals(text), key).toBe(true);
    expect(bytes(answer.fromString).toString()).toBe('abc');
    const cutShort = zlib.inflateSync(zlib.deflateSync(text).subarray(0, 60), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
    expect(bytes(answer.cutShort).equals(cutShort)).toBe(true);
    expect(answer).toMatchObject({
      info: true,
      tooBig: 'ERR_BUFFER_TOO_LARGE',
      damaged: 'Z_DATA_ERROR',
      namedImportFenced: true,
    });
    expect(isFenced(fence)).toBe(true);
    expect(Atomics.load(fence, HELD)).toBe(0);
  });

  it('waits for a thread that holds the fence before ending it', async () => {
    const { worker, fence } = startThread(`parentPort.postMessage('ready'); setInterval(() => {}, 1000);`);
    await firstMessage(worker);
    expect(isFenced(fence)).toBe(true);
    expect(zlibFenceOf(worker)).toBe(fence);
    let exited = false;
    worker.once('exit', () => (exited = true));
    Atomics.add(fence, HELD, 1); // as the thread does while it makes a stream
    const stopped = stopWorker(worker);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(exited).toBe(false);
    expect(Atomics.load(fence, STOPPING)).toBe(1);
    Atomics.sub(fence, HELD, 1);
    await stopped;
    await new Promise((resolve) => setImmediate(resolve));
    expect(exited).toBe(true);
  });

  it('makes a thread that is being stopped wait to be ended instead of making a stream', async () => {
    const { worker, fence } = startThread(`
parentPort.on('message', () => {
  parentPort.postMessage('making');
  require('node:zlib').inflateSync(require('node:zlib').deflateSync('x'));
  parentPort.postMessage('made');
});
parentPort.postMessage('ready');`);
    await firstMessage(worker);
    const said: string[] = [];
    worker.on('message', (message: string) => said.push(message));
    Atomics.store(fence, STOPPING, 1);
    worker.postMessage('go');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(said).toEqual(['making']);
    expect(Atomics.load(fence, HELD)).toBe(0);
    await stopWorker(worker);
  });

  it('leaves node:zlib as it is in the process that starts the threads', () => {
    expect(zlib.inflateSync.name).not.toBe('oneCallSync');
  });
});
