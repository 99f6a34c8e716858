/**
 * The prebuilt command (dist/cli, scripts/build-cli.mjs): built whole with its workers and the list of what
 * it was built from, and counted stale as soon as one of those files is newer than the build, which is
 * when cli/send-bundle.mjs builds it again before running.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli.mjs';
import { cliBuildIsFresh } from '../../../scripts/cliFresh.mjs';
import { REPO_ROOT } from '../../helpers/repo';

const ROOT = REPO_ROOT;
const dir = mkdtempSync(join(tmpdir(), 'cli-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the prebuilt send-bundle command', () => {
  it('is built with its workers and the list of its sources, and is fresh until a source changes', async () => {
    const out = join(dir, 'cli');
    await buildCli({ outdir: out });
    for (const file of [
      'send-bundle.cjs',
      'pdfjs.cjs',
      'untrustedWorker.cjs',
      'pdfTextWorker.cjs',
      'pdfScanWorker.cjs',
      'web-bridge.mjs',
      'untrustedWorker.mjs',
      'pdfTextWorker.mjs',
      'pdfScanWorker.mjs',
      'early.cjs',
      'inputs.json',
    ])
      expect(existsSync(join(out, file)), file).toBe(true);
    // Every file is pure ASCII, so V8 holds it as a one-byte string (scripts/asciiOutput.mjs).
    for (const file of readdirSync(out).filter((name) => /\.[cm]js$/.test(name)))
      expect(
        readFileSync(join(out, file)).every((byte) => byte < 0x80),
        file,
      ).toBe(true);
    const { builtAt, inputs } = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as {
      builtAt: number;
      inputs: string[];
    };
    expect(inputs).toEqual(
      expect.arrayContaining([
        'cli/main.ts',
        'cli/commands/build.ts',
        'electron/services/bundle/engine.ts',
        'electron/bridge/start.ts',
      ]),
    );
    expect(inputs.some((path) => path.includes('node_modules'))).toBe(false);
    // The command and its untrusted-file worker run with a code cache (cli/compileCache.cjs,
    // cli/cachedWorker.cjs), where a bundle has no import() of its own: their only import() calls are
    // the fallbacks of the loader's lent one, for pdf.js (pdfjs.ts) and Skia (documents/skia.ts; an
    // import() of its own failed there, and large photos were left unscaled).
    const importCalls = (code: string) =>
      [...code.matchAll(/(?<![\w$.])import\(([^)]*)\)/g)].filter((m) => {
        const line = code.slice(code.lastIndexOf('\n', m.index) + 1, m.index);
        return !line.trim().startsWith('//') && !line.endsWith('async ') && !line.endsWith('`await ');
      });
    const pdfjs = ['"pdfjs-dist/legacy/build/pdf.mjs"', '"pdfjs-dist/legacy/build/pdf.worker.mjs"'];
    const allowed: Record<string, string[]> = {
      'send-bundle.cjs': pdfjs,
      'untrustedWorker.cjs': [...pdfjs, '"@napi-rs/canvas"'],
    };
    for (const [file, specifiers] of Object.entries(allowed)) {
      const bundle = readFileSync(join(out, file), 'utf8');
      const calls = importCalls(bundle);
      expect(calls.map((m) => m[1]).sort(), file).toEqual([...specifiers].sort());
      for (const m of calls) expect(bundle.slice(m.index - 80, m.index)).toMatch(`lent ? lent(${m[1]}) : `);
    }
    // Its threads load pdf.js from pdfjs.cjs, with a code cache of its own, as every bundle's first lines say.
    for (const file of ['send-bundle.cjs', 'pdfTextWorker.cjs', 'untrustedWorker.cjs'])
      expect(readFileSync(join(out, file), 'utf8').split('\n').slice(0, 5).join('\n'), file).toContain(
        `globalThis.__sendBundlePdfjs ??= () => require(require('node:path').join(__dirname, "../..", 'cli', 'compileCache.cjs')).requirePdfjs(__dirname, "v8-cache");`,
      );
    // pdf.js's own import() calls, which also fail once its code comes from a cache, are two that never
    // run there: its worker's module (pdfjs.ts hands pdf.js the worker first), and the JavaScript stand-in
    // for its JPEG 2000 decoder, which it imports from `wasmUrl`, which the app never sets (the import
    // fails as it does from pdf.js's ES modules, and pdf.js leaves such a picture out).
    const pdfjsCalls = importCalls(readFileSync(join(out, 'pdfjs.cjs'), 'utf8'));
    expect(pdfjsCalls.map((m) => m[1].replace(/\/\*.*?\*\//g, '').trim())).toEqual([
      'this.workerSrc',
      'path',
    ]);
    expect(cliBuildIsFresh(out)).toBe(true);
    // A source saved after the build makes it stale.
    const source = join(ROOT, 'cli', 'commands', 'docs.ts');
    const { mtime } = await import('node:fs').then((fs) => fs.statSync(source));
    try {
      utimesSync(source, new Date(), new Date(builtAt + 5_000));
      expect(cliBuildIsFresh(out)).toBe(false);
    } finally {
      utimesSync(source, new Date(), mtime);
    }
    expect(cliBuildIsFresh(out)).toBe(true);
  });

  it('is stale when the list of its sources is missing or unreadable', () => {
    const out = join(dir, 'broken');
    expect(cliBuildIsFresh(out)).toBe(false);
    writeFileSync(join(dir, 'inputs.json'), 'not json');
    expect(cliBuildIsFresh(dir)).toBe(false);
  });
});
