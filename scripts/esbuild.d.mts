/** See esbuild.mjs: the one Node bundle configuration. */
import type { BuildOptions } from 'esbuild';

export const root: string;
export const NODE_EXTERNALS: string[];
export const WORKER_ENTRIES: Record<string, string>;
export function bundledPdfLibVersion(): string;
export function nodeBundleOptions(options: {
  format: 'cjs' | 'esm';
  outdir: string;
  up: string;
  entryPoints: Record<string, string>;
  splitting?: boolean;
  pdfjsWithCodeCache?: boolean;
}): BuildOptions & { metafile: true };
export function pdfjsBundleOptions(options: { outdir: string }): BuildOptions & { metafile: true };
export function withWorkers(entries: Record<string, string>): Record<string, string>;
