/**
 * jszip's Blob check made on first use (scripts/jszipLoad.mjs): jszip built with it loads without detaching
 * an ArrayBuffer (which would invalidate V8's ArrayBufferDetaching protector in that thread), still says
 * Blobs work when asked, and zips and unzips as before. Built without it, loading jszip does invalidate the
 * protector: what the change is for.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jszipLoadPlugin, patchJszipSupport } from '../../../scripts/jszipLoad.mjs';
import { bundlePackage, packageBundleDir } from '../../helpers/packageBundle';
import { REPO_ROOT } from '../../helpers/repo';

const SUPPORT = join(REPO_ROOT, 'node_modules', 'jszip', 'lib', 'support.js');
const out = packageBundleDir('jszip-load-test');
afterAll(() => rmSync(out, { recursive: true, force: true }));

const INVALIDATED = 'Invalidating protector cell ArrayBufferDetaching';

/** jszip bundled (with or without the plugin), then loaded, asked about Blobs and used, in a new process. */
async function run(name: string, plugins: import('esbuild').Plugin[]): Promise<string[]> {
  const bundle = await bundlePackage("module.exports = require('jszip');", join(out, `${name}.cjs`), plugins);
  const script = join(out, `${name}.run.cjs`);
  writeFileSync(
    script,
    `const say = (line) => require('node:fs').writeSync(1, line + '\\n');
const JSZip = require(${JSON.stringify(bundle)});
say('loaded');
say('blob ' + JSZip.support.blob);
(async () => {
  const zip = new JSZip();
  zip.file('a.txt', 'Bundle page A1');
  const bytes = await zip.generateAsync({ type: 'nodebuffer' });
  say('unzipped ' + (await (await JSZip.loadAsync(bytes)).file('a.txt').async('string')));
})();
`,
  );
  const child = spawnSync(process.execPath, ['--trace-protector-invalidation', script], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return child.stdout.trim().split('\n');
}

describe("jszip's Blob check", () => {
  it('is made on first use in the jszip installed, with no warning', () => {
    const { contents, warnings } = patchJszipSupport(readFileSync(SUPPORT, 'utf8'));
    expect(warnings).toEqual([]);
    expect(contents).toContain('Object.defineProperty(exports, "blob"');
    expect(contents.indexOf('new Blob(')).toBeGreaterThan(contents.indexOf('get() {'));
  });

  it('is left as it is, with a warning, in a jszip that no longer has it', () => {
    const source = readFileSync(SUPPORT, 'utf8').replace(
      'type: "application/zip"',
      'type: "application/x-zip"',
    );
    const { contents, warnings } = patchJszipSupport(source);
    expect(contents).toBe(source);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].text).toContain('jszip changed');
  });

  it('no longer detaches an ArrayBuffer when jszip loads, and jszip works as before', async () => {
    const patched = await run('patched', [jszipLoadPlugin()]);
    expect(patched).toEqual(['loaded', INVALIDATED, 'blob true', 'unzipped Bundle page A1']);
    // Without the change, loading jszip alone invalidates the protector.
    const unpatched = await run('unpatched', []);
    expect(unpatched).toEqual([INVALIDATED, 'loaded', 'blob true', 'unzipped Bundle page A1']);
  }, 30_000);
});
