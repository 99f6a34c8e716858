/**
 * The command's code cache (cli/compileCache.mjs): a CommonJS bundle runs the same with or without it, a
 * cache is saved by a first run and used by the next, and a cache is never used for other bytes than those
 * it was made from, even bytes of the same length (V8 itself would only compare lengths).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCachePath, commandProfile } from '../../../cli/compileCache.mjs';
import { REPO_ROOT } from '../../helpers/repo';

const dir = mkdtempSync(join(tmpdir(), 'compile-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOADER = pathToFileURL(join(REPO_ROOT, 'cli', 'compileCache.mjs')).href;

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

/** Runs `file` through the loader in a new process: what the cache did, and what the bundle answered. */
function run(file: string, cacheDir: string, profile = 'build'): { state: string; answer: string } {
  const script = `
    import { requireWithCodeCache } from ${JSON.stringify(LOADER)};
    let state = '';
    const exported = requireWithCodeCache(${JSON.stringify(file)}, {
      cacheDir: ${JSON.stringify(cacheDir)},
      profile: ${JSON.stringify(profile)},
      onCache: (s) => { state = s; },
    });
    const later = await exported.later();
    process.stdout.write(JSON.stringify({ state, answer: exported.answer() + ':' + later }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { state: string; answer: string };
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
    const cachePath = codeCachePath(file, readFileSync(file), { cacheDir, profile: 'build' });
    writeFileSync(cachePath, damage(readFileSync(cachePath)));
    expect(run(file, cacheDir)).toEqual({ state: 'rejected', answer: 'three:2997:a/b:function' });
    expect(run(file, cacheDir).state).toBe('used');
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
});
