/**
 * An esbuild plugin that takes the network out of the three WebAssembly picture decoders import uses
 * (electron/services/documents/pictures.ts): libheif-js's libheif.js, @jsquash/webp's webp_dec.js and
 * @jsquash/avif's avif_dec.js, all made by Emscripten. Emscripten's loader can fetch its .wasm file and other files over the network when it
 * runs in a web page; in Node it reads files, and the app gives it the .wasm's bytes. No code in the main
 * process or its threads may make a network request (tests/unit/electron/shell/network.test.ts): here every
 * XMLHttpRequest and fetch in those files throws instead, and the placeholder web address webp_dec.js gives
 * itself in Node (as avif_dec.js does) is a file address (and libheif's own folder, which it does not need, is not looked up). If a decoder's source no longer has them where expected, it is bundled
 * unchanged and a warning says so.
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';

const OFFLINE =
  'const __sendBundleOffline = () => { throw new Error("This decoder may not use the network: SEND Bundle Builder works offline (scripts/wasmDecodersLoad.mjs)."); };\n';

/** The decoders' files, by the end of their paths. */
export const DECODER_FILES = [
  `${sep}libheif-js${sep}libheif-wasm${sep}libheif.js`,
  `${sep}@jsquash${sep}webp${sep}codec${sep}dec${sep}webp_dec.js`,
  `${sep}@jsquash${sep}avif${sep}codec${sep}dec${sep}avif_dec.js`,
];

/** A decoder's source with its network calls made to throw; `warnings` when there were none to change. */
export function patchDecoder(source) {
  let changed = 0;
  const contents = source
    .replace(/\bnew XMLHttpRequest\b/g, () => {
      changed++;
      return 'new (__sendBundleOffline())';
    })
    .replace(/(?<![.\w$])fetch\(/g, () => {
      changed++;
      return '__sendBundleOffline(';
    })
    .replace(/"https:\/\/localhost"/g, '"file:///"')
    // libheif's folder, for finding its .wasm (given to it instead): an ES module bundle (the benchmark's
    // and the soak test's) has no __dirname, and would fail there.
    .replace(/\b__dirname\+"\/"/g, '"./"');
  if (changed === 0)
    return {
      contents: source,
      warnings: [
        { text: 'A picture decoder changed: no network calls found (see scripts/wasmDecodersLoad.mjs).' },
      ],
    };
  return { contents: OFFLINE + contents, warnings: [] };
}

export function wasmDecodersLoadPlugin() {
  return {
    name: 'wasm-decoders-load',
    setup(build) {
      build.onLoad({ filter: /(libheif|webp_dec|avif_dec)\.js$/ }, async (args) => {
        if (!DECODER_FILES.some((file) => args.path.endsWith(file))) return undefined;
        const { contents, warnings } = patchDecoder(await readFile(args.path, 'utf8'));
        return { contents, loader: 'js', warnings };
      });
    },
  };
}
