import type { Plugin, PartialMessage } from 'esbuild';

/** See pdfjsLoad.mjs: pdf.js's Flate streams inflated by zlib in one call instead of DecompressionStream. */
export function patchPdfjsWorker(source: string): { contents: string; warnings: PartialMessage[] };
export function pdfjsLoadPlugin(): Plugin;
