import type { Plugin, PartialMessage } from 'esbuild';

/**
 * See pdfjsLoad.mjs: pdf.js's Flate streams inflated by zlib in one call, the array of a file read in
 * ranges taken from globalThis.__sendBundlePdfjsFileBuffer when it gives one, and its Response polyfill
 * applied when Response is first read.
 */
export function patchPdfjsWorker(source: string): { contents: string; warnings: PartialMessage[] };
/** See pdfjsLoad.mjs: pdf.js's main module, its Response polyfill applied when Response is first read. */
export function patchPdfjsMain(source: string): { contents: string; warnings: PartialMessage[] };
export function pdfjsLoadPlugin(): Plugin;
