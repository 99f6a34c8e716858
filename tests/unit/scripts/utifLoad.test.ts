/**
 * UTIF bundled with scripts/utifLoad.mjs has no XMLHttpRequest left (its replaceIMG, for web pages, throws
 * instead of downloading), and still decodes TIFFs. Bundled without it, the download is there: what the
 * change is for.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { patchUtif, utifLoadPlugin } from '../../../scripts/utifLoad.mjs';
import { bundlePackage, packageBundleDir } from '../../helpers/packageBundle';
import { REPO_ROOT } from '../../helpers/repo';
import { makeTiff } from '../../helpers/tiff';

const out = packageBundleDir('utif-load-test');
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('utifLoadPlugin', () => {
  it('takes the download out of the bundle, which still decodes a TIFF', async () => {
    const entry = "module.exports = require('utif2');";
    const plain = await bundlePackage(entry, join(out, 'plain.cjs'), []);
    const patched = await bundlePackage(entry, join(out, 'patched.cjs'), [utifLoadPlugin()]);
    expect(readFileSync(plain, 'utf8')).toMatch(/new XMLHttpRequest/);
    expect(readFileSync(patched, 'utf8')).not.toMatch(/XMLHttpRequest/);

    const UTIF = createRequire(import.meta.url)(patched) as typeof import('utif2');
    const tiff = makeTiff([{ width: 4, height: 2, kind: 'grey', pixel: () => [200, 200, 200] }]);
    const [page] = UTIF.decode(Buffer.from(tiff));
    UTIF.decodeImage(Buffer.from(tiff), page);
    expect([...UTIF.toRGBA8(page).subarray(0, 4)]).toEqual([200, 200, 200, 255]);
    // An <img> showing a TIFF, as a web page would have: it is not downloaded.
    const replaceIMG = UTIF.replaceIMG as unknown as (
      images: { getAttribute(name: string): string }[],
    ) => void;
    expect(() => replaceIMG([{ getAttribute: () => 'https://example.com/scan.tif' }])).toThrow(
      /downloads pictures/,
    );
  });

  it('leaves a changed UTIF as it is, with a warning', () => {
    const source = readFileSync(join(REPO_ROOT, 'node_modules', 'utif2', 'UTIF.js'), 'utf8');
    expect(patchUtif(source).warnings).toEqual([]);
    const changed = source.replace('var xhr = new XMLHttpRequest();', 'var xhr = new XMLHttpRequest( );');
    expect(patchUtif(changed)).toEqual({
      contents: changed,
      warnings: [{ text: expect.stringMatching(/utif2 changed/) }],
    });
  });
});
