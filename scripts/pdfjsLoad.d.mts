import type { Plugin, PartialMessage } from 'esbuild';

/**
 * See pdfjsLoad.mjs: pdf.js's Flate streams inflated by zlib in one call, and the array of a file read in
 * ranges taken from globalThis.__sendBundlePdfjsFileBuffer when it gives one.
 */
export function patchPdfjsWorker(source: string): { contents: string; warnings: PartialMessage[] };
export function pdfjsLoadPlugin(): Plugin;
