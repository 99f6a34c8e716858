#!/usr/bin/env node
// Entry for the `send-bundle` command. Runs the prebuilt command (dist/cli/send-bundle.cjs, built by
// `npm install`'s prepare step with scripts/build-cli.mjs, with a code cache: ./compileCache.cjs) when it
// is at least as new as the sources it was built from.
// When a source is newer (someone is changing the code), it is built again first (once, a few seconds),
// so what runs is always what the sources say; where it cannot be built (no esbuild), the TypeScript
// sources run through tsx instead. SEND_BUNDLE_FROM_SOURCE=1 runs the sources through tsx always.
import { setFlagsFromString } from 'node:v8';
import { CLI_V8_FLAGS } from './v8Flags.mjs';

for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
// The untrusted-file worker, a process of its own, runs with them too (electron/services/workers/isolatedProcess.ts).
globalThis.__sendBundleV8Flags = CLI_V8_FLAGS;

const fromSource = async () => {
  const { register } = await import('tsx/esm/api');
  register();
  return import('./main.ts');
};

async function load() {
  if (process.env.SEND_BUNDLE_FROM_SOURCE === '1') return fromSource();
  const { cliBuildIsFresh } = await import('../scripts/cliFresh.mjs');
  // The prebuilt command, with the code V8 compiled for this command when it last ran, after the threads it
  // will want have been started (./prebuilt.mjs).
  const prebuilt = async () => (await import('./prebuilt.mjs')).loadPrebuilt(process.argv.slice(2));
  if (cliBuildIsFresh()) return prebuilt();
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    if (process.stderr.isTTY) process.stderr.write('Preparing the send-bundle command (after a change)...\n');
    await buildCli();
    return prebuilt();
  } catch {
    // No esbuild (an install without development tools) or the build failed: run the sources.
    return fromSource();
  }
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
