import type { Plugin, PartialMessage } from 'esbuild';

/** See fontkitLoad.mjs: fontkit's start-up work, made lazy or done with Node's zlib. */
export function patchFontkitSource(source: string): { contents: string; warnings: PartialMessage[] };
export function fontkitLoadPlugin(): Plugin;
