/**
 * pdf.js as the command line builds it (scripts/pdfjsLoad.mjs):
 * - its Flate streams inflated by zlib in one call: it reads the same text as without the change, from a
 *   good Flate stream and from one whose checksum is wrong (which zlib refuses and pdf.js's own decoder
 *   reads), without making a DecompressionStream; built without it, it makes one for each Flate stream;
 * - a file read in ranges held in the array globalThis.__sendBundlePdfjsFileBuffer gives, when it gives one;
 * - its Response polyfill applied when Response is first read, so loading it does not load Node's fetch;
 * - Skia loaded when pdf.js first draws: reading text does not load it, and a page is still drawn.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfjsBundleOptions } from '../../../scripts/esbuild.mjs';
import { patchPdfjsMain, patchPdfjsWorker } from '../../../scripts/pdfjsLoad.mjs';
import { packageBundleDir } from '../../helpers/packageBundle';
import { REPO_ROOT } from '../../helpers/repo';

const WORKER = join(REPO_ROOT, 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.worker.mjs');
const MAIN = join(REPO_ROOT, 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs');
/** pdf.js 5.6's polyfill, which reads Response as the module loads. */
const EAGER_POLYFILL = 'if (typeof Response.prototype.bytes !== "function") {';
const out = packageBundleDir('pdfjs-load-test');
afterAll(() => rmSync(out, { recursive: true, force: true }));

let good: string;
let badChecksum: string;

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 200]).drawText('Bundle page A1', { x: 20, y: 100, size: 14, font });
  const bytes = await doc.save({ useObjectStreams: false });
  good = join(out, 'good.pdf');
  writeFileSync(good, bytes);
  // The same file with the content stream's Adler-32 checksum (the last 4 bytes of its zlib data) changed.
  const text = Buffer.from(bytes).toString('latin1');
  const filter = text.indexOf('/FlateDecode');
  expect(filter).toBeGreaterThan(-1);
  const end = text.indexOf('\nendstream', text.indexOf('stream\n', filter));
  const damaged = Buffer.from(bytes);
  damaged[end - 1] ^= 0xff;
  const data = damaged.subarray(text.indexOf('stream\n', filter) + 'stream\n'.length, end);
  expect(() => inflateSync(data)).toThrow(/incorrect data check/);
  badChecksum = join(out, 'bad-checksum.pdf');
  writeFileSync(badChecksum, damaged);
});

/**
 * pdf.js bundled as dist/cli/pdfjs.cjs is (with or without the plugin), reading each file's text; built
 * and run once for each.
 */
const runs = new Map<boolean, Promise<string[]>>();
function run(withPlugin: boolean): Promise<string[]> {
  let output = runs.get(withPlugin);
  if (!output) runs.set(withPlugin, (output = buildAndRun(withPlugin ? 'patched' : 'unpatched', withPlugin)));
  return output;
}

async function buildAndRun(name: string, withPlugin: boolean): Promise<string[]> {
  const { build } = await import('esbuild');
  const dir = join(out, name);
  const options = pdfjsBundleOptions({ outdir: dir });
  await build({ ...options, logLevel: 'error', ...(withPlugin ? {} : { plugins: [] }) });
  const script = join(dir, 'run.cjs');
  writeFileSync(
    script,
    `const say = (line) => require('node:fs').writeSync(1, line + '\\n');
let made = 0;
const Native = globalThis.DecompressionStream;
globalThis.DecompressionStream = class extends Native {
  constructor(format) { super(format); made++; }
};
const given = [];
globalThis.__sendBundlePdfjsFileBuffer = (length) => {
  const buffer = new Uint8Array(length + 10).subarray(0, length);
  given.push(buffer);
  return buffer;
};
const { lib, WorkerMessageHandler } = require('./pdfjs.cjs');
// Node defines Response with a getter that loads its fetch implementation (undici) when first read.
const responseUnread = typeof Object.getOwnPropertyDescriptor(globalThis, 'Response')?.get === 'function';
const undiciLoaded = process.moduleLoadList.some((name) => name.includes('undici'));
const skiaLoaded = () => Object.keys(require.cache).some((name) => name.includes('@napi-rs'));
globalThis.pdfjsWorker = { WorkerMessageHandler };
const options = { isEvalSupported: false, useSystemFonts: false, verbosity: 0 };
const text = async (doc) => {
  const content = await (await doc.getPage(1)).getTextContent();
  say(content.items.map((item) => item.str).join(''));
  await doc.destroy();
};
(async () => {
  for (const file of ${JSON.stringify([good, badChecksum])}) {
    const data = new Uint8Array(require('node:fs').readFileSync(file));
    await text(await lib.getDocument({ data, ...options }).promise);
  }
  say('DecompressionStreams ' + made);
  // The good file again, read in ranges as the command reads a file on disk.
  const data = new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(good)}));
  const range = new lib.PDFDataRangeTransport(data.length, data.subarray(0, 1024));
  range.requestDataRange = (begin, end) => setImmediate(() => range.onDataRange(begin, data.slice(begin, end)));
  await text(await lib.getDocument({ range, length: data.length, rangeChunkSize: 1024, disableAutoFetch: true, disableStream: true, ...options }).promise);
  say('takes ' + Boolean(globalThis.__sendBundlePdfjsTakesFileBuffer) + ', given ' + given.length + ', filled ' + given.some((b) => b.some((x) => x !== 0)));
  const bytes = await new Response('ab').bytes();
  say('Response unread ' + responseUnread + ', undici ' + undiciLoaded + ', bytes ' + bytes.constructor.name + ' ' + bytes.join(','));
  // Drawing a page loads Skia, for the DOMMatrix, ImageData and Path2D pdf.js draws with.
  const beforeDrawing = skiaLoaded();
  const drawn = await lib.getDocument({ data: new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(good)})), ...options }).promise;
  const page = await drawn.getPage(1);
  const viewport = page.getViewport({ scale: 1 });
  const canvasAndContext = drawn.canvasFactory.create(viewport.width, viewport.height);
  await page.render({ canvasContext: canvasAndContext.context, canvas: canvasAndContext.canvas, viewport }).promise;
  const pixels = canvasAndContext.context.getImageData(0, 0, viewport.width, viewport.height).data;
  say('Skia before drawing ' + beforeDrawing + ', after ' + skiaLoaded() + ', ' + [DOMMatrix, ImageData, Path2D].map((c) => typeof c).join(',') + ', inked ' + pixels.some((v, i) => i % 4 !== 3 && v < 128));
})();
`,
  );
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return child.stdout.trim().split('\n');
}

describe('pdf.js as the command line bundles it: Flate streams and files read in ranges', () => {
  it('are inflated by zlib in the pdf.js installed, with no warning', () => {
    const { contents, warnings } = patchPdfjsWorker(readFileSync(WORKER, 'utf8'));
    expect(warnings).toEqual([]);
    const method = contents.indexOf('async asyncGetBytesFromDecompressionStream(name) {');
    const inflate = contents.indexOf('inflateSync(bytes)', method);
    expect(inflate).toBeGreaterThan(method);
    expect(inflate).toBeLessThan(contents.indexOf('new DecompressionStream(name)', method));
    expect(contents.startsWith('globalThis.__sendBundlePdfjsTakesFileBuffer = true;\n')).toBe(true);
    expect(contents).toContain(
      'super(globalThis.__sendBundlePdfjsFileBuffer?.(length) ?? new Uint8Array(length)',
    );
    expect(contents).not.toContain(EAGER_POLYFILL);
  });

  it('are left as they are, with a warning, in a pdf.js that no longer has the method', () => {
    const source = readFileSync(WORKER, 'utf8').replace(
      'async asyncGetBytesFromDecompressionStream(name) {',
      'async asyncGetBytesFromStream(name) {',
    );
    const { contents, warnings } = patchPdfjsWorker(source);
    expect(contents).not.toContain('inflateSync');
    expect(contents).toContain('__sendBundlePdfjsFileBuffer?.(length)');
    expect(warnings.map((w) => w.text)).toEqual([
      'pdf.js changed: Flate streams still go through DecompressionStream (see scripts/pdfjsLoad.mjs).',
    ]);
  });

  it('with no change found, pdf.js is bundled as it is, with a warning for each', () => {
    const source = readFileSync(WORKER, 'utf8')
      .replace('async asyncGetBytesFromDecompressionStream(name) {', 'async asyncGetBytesFromStream(name) {')
      .replace('constructor(length, chunkSize, manager) {', 'constructor(length, chunkSize, manager, more) {')
      .replace(EAGER_POLYFILL, '');
    const { contents, warnings } = patchPdfjsWorker(source);
    expect(contents).toBe(source);
    expect(warnings).toHaveLength(3);
    expect(warnings[1].text).toContain('a file read in ranges is still held in an array of its own');
    expect(warnings[2].text).toContain("Node's fetch still loads with it");
  });

  it("in pdf.js's main module, the Response polyfill waits for Response to be read, or is left with a warning", () => {
    const source = readFileSync(MAIN, 'utf8');
    const patched = patchPdfjsMain(source);
    expect(patched.warnings).toEqual([]);
    expect(patched.contents).not.toContain(EAGER_POLYFILL);
    expect(patched.contents).toContain('Object.getOwnPropertyDescriptor(globalThis, "Response")');
    const changed = patchPdfjsMain(source.replace(EAGER_POLYFILL, ''));
    expect(changed.contents).not.toBe(source.replace(EAGER_POLYFILL, ''));
    expect(changed.warnings.map((w) => w.text)).toEqual([
      "pdf.js changed: Node's fetch still loads with it (see scripts/pdfjsLoad.mjs).",
    ]);
  });

  it("in pdf.js's main module, Skia waits to be used, in all three places or in none, with a warning", () => {
    const source = readFileSync(MAIN, 'utf8');
    const patched = patchPdfjsMain(source);
    expect(patched.contents).not.toContain('const SCALE_MATRIX = new DOMMatrix();');
    expect(patched.contents).toContain('const SCALE_MATRIX = (scaleMatrix ??= new DOMMatrix());');
    // The DOMMatrix made as the module loads, gone from this pdf.js: Skia is left loading as before.
    const changed = patchPdfjsMain(
      source.replace('const SCALE_MATRIX = new DOMMatrix();', 'const SCALE_MATRIX = makeMatrix();'),
    );
    expect(changed.contents).toContain('canvas = require("@napi-rs/canvas");');
    expect(changed.contents).not.toContain('scaleMatrix');
    expect(changed.warnings.map((w) => w.text)).toEqual([
      'pdf.js changed: Skia still loads with it (see scripts/pdfjsLoad.mjs).',
    ]);
  });

  it('give the same text as before, a damaged one too, without a DecompressionStream', async () => {
    const patched = await run(true);
    expect(patched.slice(0, 3)).toEqual(['Bundle page A1', 'Bundle page A1', 'DecompressionStreams 0']);
    // Without the change, each Flate stream (two here) goes through a DecompressionStream.
    const unpatched = await run(false);
    expect(unpatched.slice(0, 2)).toEqual(['Bundle page A1', 'Bundle page A1']);
    expect(unpatched[2]).toMatch(/^DecompressionStreams [1-9]/);
  }, 60_000);

  it('read in ranges are held in the array given for them, and read as before', async () => {
    const patched = await run(true);
    expect(patched.slice(3, 5)).toEqual(['Bundle page A1', 'takes true, given 1, filled true']);
    const unpatched = await run(false);
    expect(unpatched.slice(3, 5)).toEqual(['Bundle page A1', 'takes false, given 0, filled false']);
  }, 60_000);

  it('read text without loading Skia, and load it to draw a page, which they draw as before', async () => {
    expect((await run(true))[6]).toBe(
      'Skia before drawing false, after true, function,function,function, inked true',
    );
    expect((await run(false))[6]).toBe(
      'Skia before drawing true, after true, function,function,function, inked true',
    );
  }, 60_000);

  it("load without reading Response, so Node's fetch is not loaded with them, and still polyfill it when read", async () => {
    // Response.prototype.bytes is pdf.js's polyfill where Node lacks it (Node 20), Node's own elsewhere.
    expect((await run(true))[5]).toBe('Response unread true, undici false, bytes Uint8Array 97,98');
    expect((await run(false))[5]).toBe('Response unread false, undici true, bytes Uint8Array 97,98');
  }, 60_000);
});
