import type { Plugin, PartialMessage } from 'esbuild';

/** See utifLoad.mjs: UTIF's download of pictures for web pages, taken out. */
export function patchUtif(source: string): { contents: string; warnings: PartialMessage[] };
export function utifLoadPlugin(): Plugin;
