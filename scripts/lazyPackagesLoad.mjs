/**
 * An esbuild plugin that loads packages pdf-lib imports only when they are first used, instead of
 * with pdf-lib in every process that loads it. @cantoo/pdf-lib imports html-entities (to write XMP
 * metadata and form values as XML) and node-html-better-parser (to read XFA forms, which requires
 * html-entities again, its CommonJS copy), and html-entities builds its tables of 2,000 named references
 * as it loads, twice: about 0.02 s of every command's start, and of every untrusted-file worker's. The
 * app never asks pdf-lib for either (it writes no XMP and reads no XFA through it).
 *
 * Each import of them from pdf-lib becomes a module whose exports are getters that load the package on
 * first read. The names are checked against the installed package's exports as the bundle is built; a
 * name it no longer exports is a warning, and the package is then bundled as before.
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';

/**
 * The packages made lazy, and the exports pdf-lib's imports may read; `factories`: exports pdf-lib calls as it
 * loads, for a function it keeps (culori's `converter('rgb')`, which pdf-lib uses only to read a colour
 * written as CSS, in SVG: culori registers its thirty colour spaces as it loads, in every process that loads
 * pdf-lib: 0.002 s of a build's start from its code cache, 0.024 s in one check's profile). Each such call
 * gets a function that loads the package when it is first called.
 */
export const LAZY_PACKAGES = {
  'html-entities': ['encode', 'decode', 'decodeEntity'],
  'node-html-better-parser': ['parse', 'NodeType'],
  culori: { factories: ['converter'] },
};

/** An entry of LAZY_PACKAGES as its two lists. */
function namesOf(entry) {
  return Array.isArray(entry) ? { getters: entry, factories: [] } : { getters: [], factories: [], ...entry };
}

const NAMESPACE = 'lazy-package';
const IMPORTER = `${sep}node_modules${sep}@cantoo${sep}pdf-lib${sep}`;

/**
 * The CommonJS module standing in for `name`: `exports` as getters over require(name), made once; and
 * `factories` as functions whose result loads the package when it is first called.
 */
export function lazyModuleSource(name, exports, factories = []) {
  return [
    'let loaded;',
    `const load = () => (loaded ??= require(${JSON.stringify(name)}));`,
    ...exports.map(
      (key) =>
        `Object.defineProperty(module.exports, ${JSON.stringify(key)}, { enumerable: true, get: () => load()[${JSON.stringify(key)}] });`,
    ),
    ...factories.map(
      (key) =>
        `Object.defineProperty(module.exports, ${JSON.stringify(key)}, { enumerable: true, value: (...given) => { let made; return (...args) => (made ??= load()[${JSON.stringify(key)}](...given))(...args); } });`,
    ),
  ].join('\n');
}

/** `packages`: the packages to load lazily and the exports pdf-lib may read (tests give others). */
export function lazyPackagesPlugin(packages = LAZY_PACKAGES) {
  return {
    name: 'lazy-packages',
    setup(build) {
      const filter = new RegExp(`^(${Object.keys(packages).join('|')})$`);
      build.onResolve({ filter }, (args) => {
        if (args.namespace === NAMESPACE || !args.importer.includes(IMPORTER)) return undefined;
        return { path: args.path, namespace: NAMESPACE, pluginData: { resolveDir: args.resolveDir } };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const { getters, factories } = namesOf(packages[args.path]);
        const installed = createRequire(`${args.pluginData.resolveDir}${sep}`)(args.path);
        const missing = [...getters, ...factories].filter((key) => !(key in installed));
        if (missing.length)
          return {
            contents: `module.exports = require(${JSON.stringify(args.path)});`,
            resolveDir: args.pluginData.resolveDir,
            loader: 'js',
            warnings: [
              {
                text: `${args.path} changed: it no longer exports ${missing.join(', ')}; bundled as it loads (see scripts/lazyPackagesLoad.mjs).`,
              },
            ],
          };
        return {
          contents: lazyModuleSource(args.path, getters, factories),
          resolveDir: args.pluginData.resolveDir,
          loader: 'js',
        };
      });
    },
  };
}
