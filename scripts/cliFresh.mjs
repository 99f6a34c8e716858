// Is the prebuilt command (dist/cli, scripts/build-cli.mjs) up to date? Kept apart from the build so that
// checking, on every start of `send-bundle`, loads nothing but node:fs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(root, 'dist', 'cli');
/** The folder in CLI_DIR where the command's code caches are kept (cli/compileCache.cjs). */
export const CODE_CACHE_DIR = 'v8-cache';

/** Whether dist/cli holds a build at least as new as every file it was built from. */
export function cliBuildIsFresh(outdir = CLI_DIR) {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(join(outdir, 'inputs.json'), 'utf8'));
    // The command, the pdf.js it loads, and the browser version's bridge (scripts/web.mjs), built together.
    if (!['send-bundle.cjs', 'pdfjs.cjs', 'web-bridge.mjs'].every((name) => existsSync(join(outdir, name))))
      return false;
    return inputs.every((path) => {
      try {
        return statSync(join(root, path)).mtimeMs <= builtAt;
      } catch {
        return path === 'package-lock.json'; // a checkout without a lock file
      }
    });
  } catch {
    return false;
  }
}
