/**
 * A package bundled for Node as the app's bundles are (esbuild, CommonJS, the packages' ES builds first),
 * with or without one of scripts/esbuild.mjs's plugins: for tests of what a plugin changes in a package.
 */
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { REPO_ROOT } from './repo';

/** Bundles `contents` (resolved from the repository) into `outfile`; returns `outfile`. */
export async function bundlePackage(contents: string, outfile: string, plugins: Plugin[]): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    stdin: { contents, resolveDir: REPO_ROOT },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    mainFields: ['module', 'main'],
    plugins,
    logLevel: 'error',
  });
  return outfile;
}

/** A scratch folder for such bundles, under node_modules/.cache (where packages resolve from). */
export function packageBundleDir(name: string): string {
  return join(REPO_ROOT, 'node_modules', '.cache', `${name}-${process.pid}`);
}
