/**
 * The picture decoders bundled with scripts/wasmDecodersLoad.mjs have no network call left (Emscripten's
 * loaders for web pages throw instead), and still decode an HEIC photo, a WebP and an AVIF picture. Bundled without
 * it, the calls are there: what the change is for.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { patchDecoder, wasmDecodersLoadPlugin } from '../../../scripts/wasmDecodersLoad.mjs';
import { bundlePackage, packageBundleDir } from '../../helpers/packageBundle';
import { avifFile, heicFile, webpFile, type PicturePixels } from '../../helpers/pictures';
import { REPO_ROOT } from '../../helpers/repo';

const out = packageBundleDir('wasm-decoders-load-test');
afterAll(() => rmSync(out, { recursive: true, force: true }));

const NETWORK = /new XMLHttpRequest|(?<![.\w$])fetch\(|https:\/\/localhost/;
const wasm = (path: string) => readFileSync(join(REPO_ROOT, 'node_modules', path));
const GREEN: PicturePixels = { width: 16, height: 8, pixel: () => [20, 160, 40] };

type Rgba = { data: Uint8ClampedArray; width: number; height: number };

describe('wasmDecodersLoadPlugin', () => {
  it('takes the network calls out of libheif, which still decodes an HEIC photo', async () => {
    const entry = "module.exports = require('libheif-js/libheif-wasm/libheif.js');";
    const plain = await bundlePackage(entry, join(out, 'heif-plain.cjs'), []);
    const patched = await bundlePackage(entry, join(out, 'heif-patched.cjs'), [wasmDecodersLoadPlugin()]);
    expect(readFileSync(plain, 'utf8')).toMatch(NETWORK);
    expect(readFileSync(patched, 'utf8')).not.toMatch(NETWORK);
    // No __dirname: ES module bundles (the benchmark's, the soak test's) have none.
    expect(readFileSync(plain, 'utf8')).toMatch(/__dirname\s*\+\s*"\/"/);
    expect(readFileSync(patched, 'utf8')).not.toMatch(/__dirname\s*\+\s*"\/"/);

    const factory = createRequire(import.meta.url)(patched) as (options: object) => {
      HeifDecoder: new () => {
        decode(
          bytes: Uint8Array,
        ): { get_width(): number; display(t: Rgba, done: (r: unknown) => void): void }[];
      };
    };
    const libheif = factory({ wasmBinary: wasm('libheif-js/libheif-wasm/libheif.wasm') });
    const [image] = new libheif.HeifDecoder().decode(heicFile(GREEN));
    const target = { data: new Uint8ClampedArray(16 * 8 * 4), width: 16, height: 8 };
    expect(await new Promise((resolve) => image.display(target, resolve))).toBeTruthy();
    expect(Math.abs(target.data[1] - 160)).toBeLessThan(12);
  });

  const squooshDecoders = [
    {
      name: 'WebP',
      loader: '@jsquash/webp/codec/dec/webp_dec',
      picture: () => webpFile(GREEN, { lossless: true }),
      options: [],
    },
    {
      name: 'AVIF',
      loader: '@jsquash/avif/codec/dec/avif_dec',
      picture: () => avifFile(GREEN, { lossless: true }),
      // Eight bits a channel.
      options: [8],
    },
  ];
  for (const { name, loader, picture, options } of squooshDecoders)
    it(`takes the network calls out of the ${name} decoder, which still decodes`, async () => {
      const entry = `module.exports = require('${loader}.js');`;
      const plain = await bundlePackage(entry, join(out, `${name}-plain.cjs`), []);
      const patched = await bundlePackage(entry, join(out, `${name}-patched.cjs`), [
        wasmDecodersLoadPlugin(),
      ]);
      expect(readFileSync(plain, 'utf8')).toMatch(NETWORK);
      expect(readFileSync(patched, 'utf8')).not.toMatch(NETWORK);

      const { default: factory } = createRequire(import.meta.url)(patched) as {
        default: (
          options: object,
        ) => Promise<{ decode(bytes: Uint8Array, ...options: number[]): Rgba | null }>;
      };
      const decoder = await factory({ noInitialRun: true, wasmBinary: wasm(`${loader}.wasm`) });
      const decoded = decoder.decode(picture(), ...options);
      expect(decoded && [decoded.width, decoded.height, ...decoded.data.subarray(0, 4)]).toEqual([
        16, 8, 20, 160, 40, 255,
      ]);
    });

  it('makes a network call throw, and leaves a changed decoder as it is, with a warning', () => {
    const { contents } = patchDecoder('const r = new XMLHttpRequest; r.open("GET", u);');
    expect(() => runInNewContext(contents)).toThrow(/works offline/);
    expect(patchDecoder('var x = 1;')).toEqual({
      contents: 'var x = 1;',
      warnings: [{ text: expect.stringMatching(/decoder changed/) }],
    });
  });
});
