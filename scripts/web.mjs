#!/usr/bin/env node
// npm run web [-- --port N --data-dir DIR --static-dir DIR]: build the renderer if it is missing, then run the
// browser bridge (electron/bridge/start.ts) in this process with the same arguments.
//
// The bridge runs from the prebuilt Node bundle (dist/cli/web-bridge.mjs, built with the command line by
// scripts/build-cli.mjs), as the desktop app runs its own bundle: rebuilt first when a source is newer, and
// from the TypeScript sources through tsx only where it cannot be built (no esbuild) or when
// SEND_BUNDLE_FROM_SOURCE=1. Through tsx every thread that reads a PDF compiles pdf.js again and keeps the
// result, about 300 MB a thread: a 150 MB scan then took the server past 1 GB.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBuildIsFresh, CLI_DIR } from './cliFresh.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  console.log('Building the app first (this happens once)...');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

async function fromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'electron', 'bridge', 'start.ts')).href);
}

const bundle = pathToFileURL(join(CLI_DIR, 'web-bridge.mjs')).href;
if (process.env.SEND_BUNDLE_FROM_SOURCE === '1') await fromSource();
else if (cliBuildIsFresh()) await import(bundle);
else {
  let built = false;
  try {
    const { buildCli } = await import('./build-cli.mjs');
    console.log('Preparing the app (after a change)...');
    await buildCli();
    built = true;
  } catch (error) {
    console.log(`Running from the sources (${error?.message ?? error}).`);
  }
  await (built ? import(bundle) : fromSource());
}
