import type { Plugin } from 'esbuild';

/** See lazyPackagesLoad.mjs: packages pdf-lib imports, loaded when it first uses them. */
export const LAZY_PACKAGES: Record<string, string[]>;
export function lazyModuleSource(name: string, exports: string[]): string;
export function lazyPackagesPlugin(packages?: Record<string, string[]>): Plugin;
