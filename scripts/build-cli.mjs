#!/usr/bin/env node
// Builds the `send-bundle` command into dist/cli/ (run by `npm install` through the prepare script, and by
// cli/send-bundle.mjs itself when the sources are newer than the build), so a command starts without
// compiling TypeScript. Uses the one Node bundle configuration (scripts/esbuild.mjs).
//   cli/main.ts -> dist/cli/send-bundle.cjs (one CommonJS file, run with a code cache: cli/compileCache.cjs),
//     with its workers beside it, and cli/early.ts -> dist/cli/early.cjs (the threads a command starts first)
//   cli/pdfjs.mjs -> dist/cli/pdfjs.cjs: pdf.js as one CommonJS file, which the command's threads load with
//     a code cache of its own
//   electron/bridge/start.ts -> dist/cli/web-bridge.mjs: the browser version's server (scripts/web.mjs)
//   dist/cli/inputs.json: the source files it was built from, for the freshness check (cliFresh.mjs)
// Every file is pure ASCII (scripts/asciiOutput.mjs).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_DIR, CODE_CACHE_DIR } from './cliFresh.mjs';
import { asciiOnly } from './asciiOutput.mjs';
import { nodeBundleOptions, pdfjsBundleOptions, root, withWorkers } from './esbuild.mjs';

export { CLI_DIR };

/**
 * Builds into a folder of its own, then moves each file into dist/cli (a rename replaces a file whole), the
 * list of inputs last: a command started meanwhile sees the old build or the new, and two builds at once
 * (tests start many commands) each finish whole. Files an earlier build left are removed.
 */
export async function buildCli({ outdir = CLI_DIR } = {}) {
  const started = Date.now();
  const staging = `${outdir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const { build } = await import('esbuild');
    const [command, bridge] = await Promise.all([
      // One CommonJS file, so cli/compileCache.cjs can run it with V8's code cache; its workers beside it.
      build(
        nodeBundleOptions({
          format: 'cjs',
          outdir: staging,
          up: '../..',
          entryPoints: withWorkers({
            'send-bundle': join(root, 'cli', 'main.ts'),
            early: join(root, 'cli', 'early.ts'),
          }),
          pdfjsWithCodeCache: true,
        }),
      ),
      build(
        nodeBundleOptions({
          format: 'esm',
          outdir: staging,
          up: '../..',
          splitting: true,
          entryPoints: withWorkers({ 'web-bridge': join(root, 'electron', 'bridge', 'start.ts') }),
        }),
      ),
      build(pdfjsBundleOptions({ outdir: staging })),
    ]);
    // Pure ASCII, so that V8 holds each file as a one-byte string (scripts/asciiOutput.mjs).
    for (const name of readdirSync(staging).filter((file) => /\.[cm]js$/.test(file))) {
      const path = join(staging, name);
      const source = readFileSync(path, 'utf8');
      const ascii = asciiOnly(source);
      if (ascii.unsafe)
        console.warn(
          `${name} keeps its non-ASCII characters (so it loads a little slower): line ${ascii.unsafe.line} has one ` +
            `in code with a template (${ascii.unsafe.text}). Write it as a \\u escape in the source.`,
        );
      else if (ascii.code !== source) writeFileSync(path, ascii.code);
    }
    // Our own files it was built from, and what decides the packages bundled: any of them newer than the
    // build means it is out of date.
    const inputs = [
      ...new Set([...Object.keys(command.metafile.inputs), ...Object.keys(bridge.metafile.inputs)]),
    ]
      // Modules a plugin makes, not files ("lazy-package:html-entities": scripts/lazyPackagesLoad.mjs).
      .filter((path) => !/^[a-z-]+:/.test(path))
      .map((path) => relative(root, resolve(root, path)).split(sep).join('/'))
      .filter((path) => !path.startsWith('node_modules/') && !path.includes('/node_modules/'));
    inputs.push(
      'package.json',
      'package-lock.json',
      'scripts/esbuild.mjs',
      'scripts/build-cli.mjs',
      'scripts/asciiOutput.mjs',
      'scripts/fontkitLoad.mjs',
      'scripts/jszipLoad.mjs',
      'scripts/lazyPackagesLoad.mjs',
      'scripts/pdfjsFixes.mjs',
      'scripts/pdfjsLoad.mjs',
      'scripts/utifLoad.mjs',
      'scripts/wasmDecodersLoad.mjs',
      'cli/compileCache.cjs',
      'cli/pdfjs.mjs',
    );
    writeFileSync(join(staging, 'inputs.json'), JSON.stringify({ builtAt: started, inputs }) + '\n');
    mkdirSync(outdir, { recursive: true });
    const files = readdirSync(staging).filter((name) => name !== 'inputs.json');
    for (const name of [...files, 'inputs.json']) renameSync(join(staging, name), join(outdir, name));
    const kept = new Set([...files, 'inputs.json']);
    // Code caches of the bundle this replaces (cli/compileCache.cjs would not use them: each names the
    // source it was made from).
    rmSync(join(outdir, CODE_CACHE_DIR), { recursive: true, force: true });
    for (const name of readdirSync(outdir)) {
      const path = join(outdir, name);
      // Left by an earlier build (not one running now): chunks of code no longer used.
      if (!kept.has(name) && statSync(path).mtimeMs < started - 60_000) rmSync(path, { force: true });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --if-possible (npm's prepare step): an install without development tools has no esbuild; the command
  // then runs from its sources (cli/send-bundle.mjs), so that is not a reason to fail the install.
  const ifPossible = process.argv.includes('--if-possible');
  buildCli().then(
    (outdir) => console.log(`Built the send-bundle command into ${relative(root, outdir)}`),
    (error) => {
      if (ifPossible && error?.code === 'ERR_MODULE_NOT_FOUND') {
        console.log('esbuild is not installed: send-bundle will run from its TypeScript sources.');
        return;
      }
      console.error(error.message ?? error);
      process.exit(1);
    },
  );
}
