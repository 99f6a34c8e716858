/**
 * The prebuilt command (dist/cli, scripts/build-cli.mjs): built whole with its workers and the list of what
 * it was built from, and counted stale as soon as one of those files is newer than the build, which is
 * when cli/send-bundle.mjs builds it again before running.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
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
      'untrustedWorker.cjs',
      'pdfTextWorker.cjs',
      'pdfScanWorker.cjs',
      'web-bridge.mjs',
      'untrustedWorker.mjs',
      'pdfTextWorker.mjs',
      'pdfScanWorker.mjs',
      'inputs.json',
    ])
      expect(existsSync(join(out, file)), file).toBe(true);
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
    // The command runs with a code cache (cli/compileCache.mjs), where the bundle has no import() of its
    // own: its only import() calls are pdfjs.ts's, each the fallback of the loader's lent one.
    const command = readFileSync(join(out, 'send-bundle.cjs'), 'utf8');
    const calls = [...command.matchAll(/(?<![\w$.])import\(([^)]*)\)/g)].filter((m) => {
      const line = command.slice(command.lastIndexOf('\n', m.index) + 1, m.index);
      return !line.trim().startsWith('//') && !line.endsWith('async ');
    });
    expect(calls.map((m) => m[1])).toEqual([
      '"pdfjs-dist/legacy/build/pdf.mjs"',
      '"pdfjs-dist/legacy/build/pdf.worker.mjs"',
    ]);
    for (const m of calls) expect(command.slice(m.index - 80, m.index)).toMatch(`lent ? lent(${m[1]}) : `);
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
