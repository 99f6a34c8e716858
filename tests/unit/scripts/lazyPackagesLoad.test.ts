/**
 * html-entities and node-html-better-parser loaded when pdf-lib first uses them (scripts/lazyPackagesLoad.mjs):
 * pdf-lib bundled with the plugin loads without building html-entities' tables, and builds them when it
 * reads an XFA form's scripts, which it still reads as before. Bundled without it, pdf-lib builds them as it
 * loads: what the change is for. And culori, which pdf-lib calls as it loads for a converter it uses only to
 * read CSS colours (in SVG): loaded when a colour is first read, the colour read as before.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyModuleSource, lazyPackagesPlugin } from '../../../scripts/lazyPackagesLoad.mjs';
import { bundlePackage, packageBundleDir } from '../../helpers/packageBundle';
import { REPO_ROOT } from '../../helpers/repo';

const out = packageBundleDir('lazy-packages-test');
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Says so on stdout when html-entities builds its named references (either of its copies). */
const announceEntities: Plugin = {
  name: 'announce-html-entities',
  setup(build) {
    build.onLoad({ filter: /named-references\.js$/ }, async (args) => {
      if (!args.path.includes(`${sep}html-entities${sep}`)) return undefined;
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      return {
        contents: `require('node:fs').writeSync(1, 'html-entities builds its tables\\n');\n${source}`,
        loader: 'js',
      };
    });
  },
};

/** pdf-lib bundled with `plugins` and loaded in a new process (as `lib`), which then runs `then`; what it said. */
async function runWith(name: string, plugins: Plugin[], then: string): Promise<string[]> {
  const bundle = await bundlePackage(
    "module.exports = require('@cantoo/pdf-lib');",
    join(out, `${name}.cjs`),
    plugins,
  );
  const script = join(out, `${name}.run.cjs`);
  writeFileSync(
    script,
    `const say = (line) => require('node:fs').writeSync(1, line + '\\n');
const lib = require(${JSON.stringify(bundle)});
say('pdf-lib loaded');
${then}
`,
  );
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return child.stdout.trim().split('\n');
}

/** pdf-lib asked for an XFA form's scripts. */
const READ_XFA = `(async () => {
  const { PDFDocument, PDFName, PDFString } = lib;
  const doc = await PDFDocument.create();
  doc.addPage();
  const form = doc.getForm();
  const template = '<template><subform><field name="total"><event name="click"><script>app.alert(&quot;Fees &amp; costs&quot;)</script></event></field></subform></template>';
  const packet = doc.context.register(doc.context.stream(template));
  form.acroForm.dict.set(PDFName.of('XFA'), doc.context.obj([PDFString.of('template'), packet]));
  say('saved ' + ((await doc.save()).length > 0));
  say('scripts ' + JSON.stringify(form.getXFAJavaScripts().map((s) => [s.field, s.event, s.script])));
})();`;

const run = (name: string, plugins: Plugin[]) => runWith(name, plugins, READ_XFA);

const SCRIPTS = 'scripts [["total","click","app.alert(\\"Fees & costs\\")"]]';

describe('html-entities and node-html-better-parser loaded when pdf-lib uses them', () => {
  it('are not loaded with pdf-lib, and read an XFA form as before when it asks', async () => {
    const lines = await run('lazy', [lazyPackagesPlugin(), announceEntities]);
    expect(lines).toEqual(['pdf-lib loaded', 'saved true', 'html-entities builds its tables', SCRIPTS]);
  });

  it('are loaded with pdf-lib without the plugin', async () => {
    const lines = await run('eager', [announceEntities]);
    expect(lines.indexOf('html-entities builds its tables')).toBeLessThan(lines.indexOf('pdf-lib loaded'));
    expect(lines.at(-1)).toBe(SCRIPTS);
  });

  it('loads a package once, on the first read of one of its exports', () => {
    let loads = 0;
    const module = { exports: {} as Record<string, unknown> };
    const fakeRequire = (name: string) => {
      loads++;
      return { encode: (s: string) => `${name}:${s}`, Kind: { ELEMENT: 1 } };
    };
    const wrapped = `(function (module, require) {\n${lazyModuleSource('entities', ['encode', 'Kind'])}\n})`;
    (runInThisContext(wrapped) as (m: typeof module, r: typeof fakeRequire) => void)(module, fakeRequire);
    expect(Object.keys(module.exports)).toEqual(['encode', 'Kind']);
    expect(loads).toBe(0);
    expect((module.exports.encode as (s: string) => string)('a')).toBe('entities:a');
    expect((module.exports.Kind as { ELEMENT: number }).ELEMENT).toBe(1);
    expect(loads).toBe(1);
  });

  it('makes a factory pdf-lib calls as it loads give a function that loads the package when first called', () => {
    let loads = 0;
    const module = { exports: {} as Record<string, unknown> };
    const fakeRequire = () => {
      loads++;
      return { converter: (mode: string) => (colour: string) => `${mode}(${colour})` };
    };
    const wrapped = `(function (module, require) {\n${lazyModuleSource('culori', [], ['converter'])}\n})`;
    (runInThisContext(wrapped) as (m: typeof module, r: typeof fakeRequire) => void)(module, fakeRequire);
    const toRgb = (module.exports.converter as (mode: string) => (colour: string) => string)('rgb');
    expect(loads).toBe(0);
    expect(toRgb('red')).toBe('rgb(red)');
    expect(toRgb('blue')).toBe('rgb(blue)');
    expect(loads).toBe(1);
  });

  it('loads culori when pdf-lib first reads a CSS colour, not with pdf-lib', async () => {
    const RED = 'red {"type":"RGB","red":1,"green":0,"blue":0}';
    const announceCulori: Plugin = {
      name: 'announce-culori',
      setup(build) {
        // Its ES modules (what pdf-lib imports) or its CommonJS build (what require() is given).
        build.onLoad({ filter: /(index\.js|culori\.cjs)$/ }, async (args) => {
          const entries = [
            `${sep}culori${sep}src${sep}index.js`,
            `${sep}culori${sep}bundled${sep}culori.cjs`,
          ];
          if (!entries.some((entry) => args.path.endsWith(entry))) return undefined;
          const { readFile } = await import('node:fs/promises');
          const source = await readFile(args.path, 'utf8');
          return { contents: `require('node:fs').writeSync(1, 'culori loads\\n');\n${source}`, loader: 'js' };
        });
      },
    };
    const readRed = "say('red ' + JSON.stringify(lib.colorString('#ff0000').rgb));";
    const lines = (name: string, plugins: Plugin[]) => runWith(name, plugins, readRed);
    expect(await lines('culori-lazy', [lazyPackagesPlugin(), announceCulori])).toEqual([
      'pdf-lib loaded',
      'culori loads',
      RED,
    ]);
    expect(await lines('culori-eager', [announceCulori])).toEqual(['culori loads', 'pdf-lib loaded', RED]);
  });

  it('bundles a package as it loads, with a warning, when it no longer exports a name pdf-lib reads', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      stdin: { contents: "module.exports = require('@cantoo/pdf-lib');", resolveDir: REPO_ROOT },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      mainFields: ['module', 'main'],
      plugins: [lazyPackagesPlugin({ 'html-entities': ['encode', 'escapeEverything'] })],
      logLevel: 'silent',
    });
    expect(result.warnings.map((w) => w.text)).toEqual([
      'html-entities changed: it no longer exports escapeEverything; bundled as it loads (see scripts/lazyPackagesLoad.mjs).',
    ]);
    expect(result.outputFiles[0].text).not.toContain('Object.defineProperty(module2.exports, "encode"');
  });
});
