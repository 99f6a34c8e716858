/**
 * fontkit's start-up changes (scripts/fontkitLoad.mjs): made where fontkit's source has each statement once,
 * with a warning where it does not; and fontkit built with them lays out text exactly as fontkit built
 * without them (the Unicode and shaping tables inflated by Node's zlib are the same bytes).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fontkitLoadPlugin, patchFontkitSource } from '../../../scripts/fontkitLoad.mjs';
import { bundlePackage, packageBundleDir } from '../../helpers/packageBundle';
import { REPO_ROOT } from '../../helpers/repo';

const FONTKIT = join(REPO_ROOT, 'node_modules', '@pdf-lib', 'fontkit', 'dist', 'fontkit.es.js');
const out = packageBundleDir('fontkit-load-test');
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Fontkit {
  create(data: Buffer): {
    layout(text: string): {
      glyphs: { id: number }[];
      positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
      script: string;
    };
  };
}

async function built(name: string, plugins: import('esbuild').Plugin[]): Promise<Fontkit> {
  const file = await bundlePackage(
    "export { default } from '@pdf-lib/fontkit';",
    join(out, `${name}.cjs`),
    plugins,
  );
  return (createRequire(file)(file) as { default: Fontkit }).default;
}

describe("fontkit's start-up changes", () => {
  it('are each made once in the fontkit installed, with no warning', () => {
    const { contents, warnings } = patchFontkitSource(readFileSync(FONTKIT, 'utf8'));
    expect(warnings).toEqual([]);
    expect(contents).not.toContain('dictionary.init(BrotliDecompressBuffer);\n');
    expect(contents).not.toContain("import pako from 'pako';");
    expect(contents).not.toContain('var tinyInflate = tinf_uncompress;');
    expect(
      contents.startsWith(
        "import { inflateSync as __fontkitInflate, inflateRawSync as __fontkitInflateRaw } from 'node:zlib';",
      ),
    ).toBe(true);
  });

  it('leave a part unchanged, and say so, where fontkit no longer has its statement once', () => {
    const source = readFileSync(FONTKIT, 'utf8').replace(
      'var tinyInflate = tinf_uncompress;',
      'var tinyInflate = tinf_uncompress; var tinyInflate = tinf_uncompress;',
    );
    const { contents, warnings } = patchFontkitSource(source);
    expect(warnings).toEqual([
      { text: 'fontkit changed: its Unicode tries are inflated by tiny-inflate as before.' },
    ]);
    expect(contents).toContain('var tinyInflate = tinf_uncompress; var tinyInflate = tinf_uncompress;');
    expect(contents).not.toContain("import pako from 'pako';");
  });

  it('lay out text exactly as fontkit does without them', async () => {
    mkdirSync(out, { recursive: true });
    const stock = await built('stock', []);
    const changed = await built('changed', [fontkitLoadPlugin()]);
    const dejaVu = readFileSync(join(REPO_ROOT, 'resources', 'fonts', 'DejaVuSans.ttf'));
    // Latin with accents and ligatures, Arabic (its shaper), Devanagari (the Indic shaper), Tibetan (the
    // Universal shaper), Hebrew, Greek, Cyrillic and digits: every table the changes touch is used.
    const texts = [
      'Zoë Kowalczyk — office ﬁle, naïve café',
      'محمد الحسن',
      'हिन्दी भाषा',
      'བོད་ཡིག',
      'עברית 123',
      'Ελληνικά Кириллица',
    ];
    const layout = (fontkit: Fontkit) => {
      const font = fontkit.create(dejaVu);
      return texts.map((text) => {
        const run = font.layout(text);
        return {
          script: run.script,
          glyphs: run.glyphs.map((g) => g.id),
          positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
        };
      });
    };
    const expected = layout(stock);
    expect(expected[1].script).toBe('arab');
    expect(layout(changed)).toEqual(expected);
  }, 60_000);
});
