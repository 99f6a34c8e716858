/**
 * The command's code cache (cli/compileCache.cjs): a CommonJS bundle runs the same with or without it, a
 * cache is saved by a first run and used by the next, and a cache is never used for other bytes than those
 * it was made from, even bytes of the same length (V8 itself would only compare lengths).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { codeCachePath, commandProfile } from '../../../cli/compileCache.cjs';
import { CLI_V8_FLAGS } from '../../../cli/v8Flags.mjs';
import { pdfjsBundleOptions } from '../../../scripts/esbuild.mjs';
import { REPO_ROOT } from '../../helpers/repo';

const dir = mkdtempSync(join(tmpdir(), 'compile-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOADER = pathToFileURL(join(REPO_ROOT, 'cli', 'compileCache.cjs')).href;

/** A small CommonJS bundle: what it computes shows which source ran, and it uses require and import(). */
function bundle(answer: string): string {
  return [
    "const { join } = require('node:path');",
    'function work(n) { let total = 0; for (let i = 0; i < n; i++) total += i % 7; return total; }',
    `exports.answer = () => '${answer}' + ':' + work(1000) + ':' + join('a', 'b');`,
    // As pdf.js is imported (electron/services/pdf/pdfjs.ts): through the loader's import().
    "exports.later = () => globalThis.__sendBundleImport('node:os').then((os) => typeof os.tmpdir);",
  ].join('\n');
}

/**
 * Runs `file` through the loader in a new process: what the cache did, and what the bundle answered.
 * `flags`: V8 flags set first, as the command sets its own; `thenFlags`: set after the bundle has run;
 * `startFlags`: V8 flags the process is started with (as the untrusted-file worker's process is).
 */
function run(
  file: string,
  cacheDir: string,
  profile = 'build',
  {
    flags = [] as readonly string[],
    thenFlags = [] as readonly string[],
    startFlags = [] as readonly string[],
  } = {},
): { state: string; answer: string } {
  const script = `
    import { setFlagsFromString } from 'node:v8';
    import { requireWithCodeCache } from ${JSON.stringify(LOADER)};
    for (const flag of ${JSON.stringify(flags)}) setFlagsFromString(flag);
    let state = '';
    const exported = requireWithCodeCache(${JSON.stringify(file)}, {
      cacheDir: ${JSON.stringify(cacheDir)},
      profile: ${JSON.stringify(profile)},
      onCache: (s) => { state = s; },
    });
    const later = await exported.later();
    process.stdout.write(JSON.stringify({ state, answer: exported.answer() + ':' + later }));
    for (const flag of ${JSON.stringify(thenFlags)}) setFlagsFromString(flag);
  `;
  const result = spawnSync(process.execPath, [...startFlags, '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { state: string; answer: string };
}

/**
 * Runs `code` (CommonJS) in a worker thread of a new process; the thread posts one message and waits, and is
 * then terminated, so it runs no exit handler (as the command's reader thread). Returns the message.
 */
function inTerminatedThread<T>(code: string): T {
  const script = `
    import { Worker } from 'node:worker_threads';
    const worker = new Worker(${JSON.stringify(code + '\nsetInterval(() => {}, 1000);')}, { eval: true, execArgv: [] });
    worker.once('message', async (message) => {
      await worker.terminate();
      process.stdout.write(JSON.stringify(message));
    });
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as T;
}

describe('the code cache of the send-bundle command', () => {
  it('is saved by a first run and used by the next, with the same results', () => {
    const file = join(dir, 'first.cjs');
    const cacheDir = join(dir, 'cache-first');
    writeFileSync(file, bundle('one'));
    expect(run(file, cacheDir)).toEqual({ state: 'none', answer: 'one:2997:a/b:function' });
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(run(file, cacheDir)).toEqual({ state: 'used', answer: 'one:2997:a/b:function' });
    // Another command keeps a cache of its own.
    expect(run(file, cacheDir, 'check').state).toBe('none');
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('is not used for a changed bundle, even one of the same length', () => {
    const file = join(dir, 'changed.cjs');
    const cacheDir = join(dir, 'cache-changed');
    writeFileSync(file, bundle('one'));
    run(file, cacheDir);
    expect(run(file, cacheDir).state).toBe('used');
    writeFileSync(file, bundle('two'));
    expect(readFileSync(file).length).toBe(Buffer.byteLength(bundle('one')));
    expect(run(file, cacheDir)).toEqual({ state: 'none', answer: 'two:2997:a/b:function' });
    expect(run(file, cacheDir)).toEqual({ state: 'used', answer: 'two:2997:a/b:function' });
  });

  // Damaged: not a cache at all, or one bit of V8's data changed (V8 would take that one: only its own
  // length and version are checked).
  it.each([
    ['not a cache', () => Buffer.from('not a cache at all')],
    [
      'one bit changed',
      (cache: Buffer) => {
        cache[cache.length - 100] ^= 0x01;
        return cache;
      },
    ],
  ])('ignores a damaged cache (%s), runs the bundle and saves a good one', (name, damage) => {
    const file = join(dir, `damaged-${name.replaceAll(' ', '-')}.cjs`);
    const cacheDir = join(dir, `cache-${name.replaceAll(' ', '-')}`);
    writeFileSync(file, bundle('three'));
    run(file, cacheDir);
    const cachePath = codeCachePath(file, readFileSync(file), { cacheDir, profile: 'build', flags: [] });
    writeFileSync(cachePath, damage(readFileSync(cachePath)));
    expect(run(file, cacheDir)).toEqual({ state: 'rejected', answer: 'three:2997:a/b:function' });
    expect(run(file, cacheDir).state).toBe('used');
  });

  // V8 refuses a cache whose flags differ from the running ones. A worker thread that lets go of a whole PDF
  // sets --expose-gc for the process (electron/services/workers/collectGarbage.ts), part way through a
  // command and after the command has loaded, so the command sets it at its start.
  it('is used by the next run although a thread set a flag part way through (the command sets it first)', () => {
    const file = join(dir, 'flags.cjs');
    writeFileSync(file, bundle('six'));
    const asCommand = { flags: CLI_V8_FLAGS, thenFlags: ['--expose-gc'] };
    expect(run(file, join(dir, 'cache-flags'), 'check', asCommand).state).toBe('none');
    expect(run(file, join(dir, 'cache-flags'), 'check', asCommand)).toEqual({
      state: 'used',
      answer: 'six:2997:a/b:function',
    });
    // Without the flag set first, the cache saved at exit is refused by every next run.
    const late = { flags: [], thenFlags: ['--expose-gc'] };
    expect(run(file, join(dir, 'cache-late-flag'), 'check', late).state).toBe('none');
    expect(run(file, join(dir, 'cache-late-flag'), 'check', late).state).toBe('rejected');
  });

  // pdf.js is loaded by the command's reader thread (flags set as the command starts) and by its untrusted-file
  // worker's process (started with them and a heap limit): with one cache, each refused the other's and saved
  // its own over it, so a build after a check (or a check after a build) compiled pdf.js again.
  it('keeps a cache for each set of V8 flags a process was started with', () => {
    const file = join(dir, 'start-flags.cjs');
    const cacheDir = join(dir, 'cache-start-flags');
    writeFileSync(file, bundle('seven'));
    const thread = { flags: CLI_V8_FLAGS };
    const worker = { startFlags: [...CLI_V8_FLAGS, '--max-old-space-size=512'] };
    expect(run(file, cacheDir, 'pdfjs', thread).state).toBe('none');
    expect(run(file, cacheDir, 'pdfjs', worker).state).toBe('none');
    expect(readdirSync(cacheDir)).toHaveLength(2);
    expect(run(file, cacheDir, 'pdfjs', thread)).toEqual({
      state: 'used',
      answer: 'seven:2997:a/b:function',
    });
    expect(run(file, cacheDir, 'pdfjs', worker)).toEqual({
      state: 'used',
      answer: 'seven:2997:a/b:function',
    });
    expect(run(file, cacheDir, 'pdfjs', thread).state).toBe('used');
    // Node's own options are not V8's flags: the same cache.
    expect(run(file, cacheDir, 'pdfjs', { ...thread, startFlags: ['--no-warnings'] }).state).toBe('used');
  });

  it('has every flag the services set while a command runs among the flags the command sets first', () => {
    const sources = ['electron', 'shared', 'cli'].flatMap((top) =>
      readdirSync(join(REPO_ROOT, top), { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.(ts|tsx|mjs|cjs)$/.test(name) && !name.includes('node_modules'))
        .map((name) => join(REPO_ROOT, top, name)),
    );
    const setAtRunTime = sources.flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/setFlagsFromString\(\s*(['"`])(.*?)\1/g)].map((m) => m[2]),
    );
    expect(setAtRunTime).toContain('--expose-gc');
    for (const flag of setAtRunTime) expect(CLI_V8_FLAGS).toContain(flag);
  });

  it('gives the bundle no import() of its own, cached or not, so a use of it fails on the first run', () => {
    const file = join(dir, 'own-import.cjs');
    writeFileSync(file, "exports.own = () => import('node:os');");
    const script = `
      import { requireWithCodeCache } from ${JSON.stringify(LOADER)};
      const exported = requireWithCodeCache(${JSON.stringify(file)}, { cacheDir: ${JSON.stringify(join(dir, 'cache-own'))}, profile: 'build' });
      try { await exported.own(); process.stdout.write('imported'); } catch (error) { process.stdout.write(error.code); }
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stdout).toBe('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING');
  });

  it('runs the same where the cache cannot be written', () => {
    const file = join(dir, 'unwritable.cjs');
    // A folder that cannot be made, whoever runs the test: its parent is a file.
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const cacheDir = join(blocker, 'cache');
    writeFileSync(file, bundle('four'));
    expect(run(file, cacheDir)).toEqual({ state: 'none', answer: 'four:2997:a/b:function' });
    expect(run(file, cacheDir).state).toBe('none');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a cache for each command, named by its first word', () => {
    expect(commandProfile(['build', '1', '--dividers'])).toBe('build');
    expect(commandProfile(['--data-dir', 'check', 'build', '2'])).toBe('build');
    expect(commandProfile(['--json', 'check', 'file.pdf'])).toBe('check');
    expect(commandProfile(['--help'])).toBe('other');
    expect(commandProfile([])).toBe('other');
    expect(commandProfile(['../evil/../../name'])).toBe('other');
  });

  it('saves a cache when asked, for a thread that is terminated and never runs its exit handlers', () => {
    const file = join(dir, 'thread.cjs');
    const cacheDir = join(dir, 'cache-thread');
    writeFileSync(file, bundle('five'));
    // A worker thread loads the bundle, saves (or not), says what it answered and is terminated.
    const inThread = (save: boolean) =>
      inTerminatedThread<{ state: string; answer: string }>(`
        const { parentPort } = require('node:worker_threads');
        const { requireWithCodeCache, saveCodeCaches } = require(${JSON.stringify(join(REPO_ROOT, 'cli', 'compileCache.cjs'))});
        let state = '';
        const exported = requireWithCodeCache(${JSON.stringify(file)}, {
          cacheDir: ${JSON.stringify(cacheDir)}, profile: 'thread', onCache: (s) => { state = s; },
        });
        const answer = exported.answer();
        if (${save}) saveCodeCaches();
        parentPort.postMessage({ state, answer });
      `);
    expect(inThread(false)).toEqual({ state: 'none', answer: 'five:2997:a/b' });
    // Terminated: its exit handler did not run, so nothing was kept.
    expect(inThread(false).state).toBe('none');
    expect(inThread(true).state).toBe('none');
    expect(inThread(true)).toEqual({ state: 'used', answer: 'five:2997:a/b' });
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe("pdf.js with a code cache (the command line's dist/cli/pdfjs.cjs)", () => {
  it('reads text, and a thread keeps its cache for the next run', async () => {
    // Inside the checkout, as dist/cli is: pdf.js loads packages (its canvas) from node_modules.
    const cliDir = join(REPO_ROOT, 'node_modules', '.cache', `pdfjs-cache-test-${process.pid}`);
    rmSync(cliDir, { recursive: true, force: true });
    mkdirSync(cliDir, { recursive: true });
    onTestFinished(() => rmSync(cliDir, { recursive: true, force: true }));
    const { build } = await import('esbuild');
    await build({ ...pdfjsBundleOptions({ outdir: cliDir }), logLevel: 'error' });
    const pdf = join(REPO_ROOT, '..', 'shared', 'fixtures', 'pdfs', 'valid', 'pdflib-us_constitution.pdf');
    // In a worker thread, as the command's text reader: pdf.js from the file, the first page's first words,
    // then the cache saved as the reader saves it, and the thread terminated.
    const run = () =>
      inTerminatedThread<{ pages: number; words: string }>(`
        const { parentPort } = require('node:worker_threads');
        const { readFileSync } = require('node:fs');
        const { requirePdfjs } = require(${JSON.stringify(join(REPO_ROOT, 'cli', 'compileCache.cjs'))});
        (async () => {
          const { lib, WorkerMessageHandler, saveCodeCache } = requirePdfjs(${JSON.stringify(cliDir)}, 'v8-cache');
          globalThis.pdfjsWorker = { WorkerMessageHandler };
          const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(${JSON.stringify(pdf)})), verbosity: 0, isEvalSupported: false }).promise;
          const text = await (await doc.getPage(1)).getTextContent();
          const words = text.items.map((item) => item.str).join(' ').slice(0, 60);
          saveCodeCache();
          parentPort.postMessage({ pages: doc.numPages, words });
        })();
      `);
    const first = run();
    expect(first.pages).toBe(19);
    expect(first.words).toMatch(/CONSTITUTION/);
    const caches = readdirSync(join(cliDir, 'v8-cache'));
    expect(caches).toHaveLength(1);
    expect(caches[0]).toMatch(/^pdfjs\.cjs\.pdfjs\..*\.v8$/);
    const saved = statSync(join(cliDir, 'v8-cache', caches[0])).mtimeMs;
    // The next run uses it (a cache that was not used would be saved again), with the same text.
    expect(run()).toEqual(first);
    expect(statSync(join(cliDir, 'v8-cache', caches[0])).mtimeMs).toBe(saved);
  }, 60_000);
});
