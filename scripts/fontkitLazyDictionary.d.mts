import type { Plugin } from 'esbuild';

/** See fontkitLazyDictionary.mjs: fontkit's WOFF2-only Brotli dictionary is decompressed on first use, not at load. */
export function fontkitLazyDictionaryPlugin(): Plugin;
