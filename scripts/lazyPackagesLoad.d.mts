import type { Plugin } from 'esbuild';

/** See lazyPackagesLoad.mjs: packages pdf-lib imports, loaded when it first uses them. */
/** Exports read (getters), or `factories`: exports pdf-lib calls as it loads. */
export type LazyExports = string[] | { getters?: string[]; factories?: string[] };
export const LAZY_PACKAGES: Record<string, LazyExports>;
export function lazyModuleSource(name: string, exports: string[], factories?: string[]): string;
export function lazyPackagesPlugin(packages?: Record<string, LazyExports>): Plugin;
