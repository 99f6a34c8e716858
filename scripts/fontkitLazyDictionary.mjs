/**
 * An esbuild plugin that spares every process that loads @pdf-lib/fontkit about 70 ms of start-up.
 *
 * fontkit's ES build carries a Brotli decoder for WOFF2 fonts, and on load it decompresses Brotli's
 * 120 KB static dictionary (`dictionary.init(BrotliDecompressBuffer);` at module level), whether or not a
 * WOFF2 font is ever read. We only embed TrueType (DejaVu Sans), so the dictionary is never used. The plugin
 * turns that one statement into a getter that decompresses the dictionary the first time a WOFF2 font
 * needs it: same results, paid only by whoever uses it. If fontkit's source ever changes so that the
 * statement is not found exactly once, the module is bundled unchanged (and a warning says so).
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';

const STATEMENT = 'dictionary.init(BrotliDecompressBuffer);';
const LAZY =
  'Object.defineProperty(dictionary, "dictionary", { configurable: true, enumerable: true, get() {' +
  ' delete dictionary.dictionary; dictionary.init(BrotliDecompressBuffer); return dictionary.dictionary; } });';

export function fontkitLazyDictionaryPlugin() {
  return {
    name: 'fontkit-lazy-brotli-dictionary',
    setup(build) {
      const file = `${sep}@pdf-lib${sep}fontkit${sep}dist${sep}fontkit.es.js`;
      build.onLoad({ filter: /fontkit\.es\.js$/ }, async (args) => {
        if (!args.path.endsWith(file)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const first = source.indexOf(STATEMENT);
        if (first === -1 || source.indexOf(STATEMENT, first + 1) !== -1) {
          return {
            contents: source,
            loader: 'js',
            warnings: [{ text: 'fontkit changed: its Brotli dictionary is decompressed at load as before.' }],
          };
        }
        return { contents: source.replace(STATEMENT, LAZY), loader: 'js' };
      });
    },
  };
}
