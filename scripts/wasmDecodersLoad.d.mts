import type { Plugin, PartialMessage } from 'esbuild';

/** See wasmDecodersLoad.mjs: the picture decoders' network calls made to throw. */
export const DECODER_FILES: string[];
export function patchDecoder(source: string): { contents: string; warnings: PartialMessage[] };
export function wasmDecodersLoadPlugin(): Plugin;
