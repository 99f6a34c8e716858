/**
 * An esbuild plugin that spares every process that loads @pdf-lib/fontkit most of its start-up (about 0.09 s
 * of it, in a command whose code is cached). fontkit's ES build does two costly things at module level:
 *
 * 1. It decompresses Brotli's 120 KB static dictionary (`dictionary.init(BrotliDecompressBuffer);`), for
 *    WOFF2 fonts. We only embed TrueType (DejaVu Sans), so the dictionary is never used: it becomes a getter
 *    that decompresses it the first time a WOFF2 font needs it.
 * 2. It inflates its Unicode and shaping tables (the character-property trie, the Arabic, Indic and
 *    Universal shapers' tries and state machines) with two inflaters written in JavaScript, `pako` and an
 *    inlined `tiny-inflate`: about 0.02 s. They are used, so they stay eager, but are inflated with Node's
 *    zlib: the same bytes come out (tests/unit/scripts/fontkitLoad.test.ts lays out text both ways). Only
 *    the module-level uses change; fontkit's WOFF reader keeps its own copy of tiny-inflate.
 *
 * Each change is made only where its statement is found exactly once; if fontkit's source changes, that
 * part is bundled unchanged and a warning says so.
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';

const CHANGES = [
  {
    what: 'its Brotli dictionary is decompressed at load as before',
    statement: 'dictionary.init(BrotliDecompressBuffer);',
    replacement:
      'Object.defineProperty(dictionary, "dictionary", { configurable: true, enumerable: true, get() {' +
      ' delete dictionary.dictionary; dictionary.init(BrotliDecompressBuffer); return dictionary.dictionary; } });',
  },
  {
    what: 'its Unicode tables are inflated by pako as before',
    statement: "import pako from 'pako';",
    // pako.inflate (zlib format) is all fontkit uses of pako.
    replacement:
      'const pako = { inflate: (data) => { const out = __fontkitInflate(data);' +
      ' return new Uint8Array(out.buffer, out.byteOffset, out.length); } };',
    zlib: true,
  },
  {
    what: 'its Unicode tries are inflated by tiny-inflate as before',
    statement: 'var tinyInflate = tinf_uncompress;',
    // tiny-inflate's contract: raw DEFLATE from `source` into `dest`, returning `dest`, or a copy of the part
    // written when that is shorter.
    replacement:
      'var tinyInflate = (source, dest) => { const out = __fontkitInflateRaw(source);' +
      ' const n = Math.min(out.length, dest.length); dest.set(out.subarray(0, n));' +
      ' return n < dest.length ? dest.slice(0, n) : dest; };',
    zlib: true,
  },
];

/** fontkit's ES build with the changes above; `warnings` name each one not made (fontkit changed). */
export function patchFontkitSource(source) {
  let contents = source;
  const warnings = [];
  let zlib = false;
  for (const change of CHANGES) {
    const first = contents.indexOf(change.statement);
    if (first === -1 || contents.indexOf(change.statement, first + 1) !== -1) {
      warnings.push({ text: `fontkit changed: ${change.what}.` });
      continue;
    }
    contents = contents.replace(change.statement, () => change.replacement);
    zlib ||= Boolean(change.zlib);
  }
  if (zlib)
    contents =
      "import { inflateSync as __fontkitInflate, inflateRawSync as __fontkitInflateRaw } from 'node:zlib';\n" +
      contents;
  return { contents, warnings };
}

export function fontkitLoadPlugin() {
  return {
    name: 'fontkit-load',
    setup(build) {
      const file = `${sep}@pdf-lib${sep}fontkit${sep}dist${sep}fontkit.es.js`;
      build.onLoad({ filter: /fontkit\.es\.js$/ }, async (args) => {
        if (!args.path.endsWith(file)) return undefined;
        const { contents, warnings } = patchFontkitSource(await readFile(args.path, 'utf8'));
        return { contents, loader: 'js', warnings };
      });
    },
  };
}
