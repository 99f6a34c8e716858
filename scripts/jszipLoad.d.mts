import type { Plugin, PartialMessage } from 'esbuild';

/** See jszipLoad.mjs: jszip's Blob check, made when it is first asked for instead of at load. */
export function patchJszipSupport(source: string): { contents: string; warnings: PartialMessage[] };
export function jszipLoadPlugin(): Plugin;
