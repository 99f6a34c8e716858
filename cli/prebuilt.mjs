// Loads the prebuilt send-bundle command (dist/cli, built by scripts/build-cli.mjs) as a user's command runs:
// first the threads the command will want (dist/cli/early.cjs, cli/early.ts), then the command itself,
// it and its untrusted-file worker compiled with their code caches (./compileCache.cjs). Run by
// cli/send-bundle.mjs, and by the benchmark (scripts/bench/cli-run.mjs), so that what the benchmark times
// starts as users' commands do. The caller has set the command's V8 flags (./v8Flags.mjs) first.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CLI_DIR, CODE_CACHE_DIR } from '../scripts/cliFresh.mjs';
import { cacheWorkerCode, commandProfile, requireWithCodeCache } from './compileCache.cjs';

/** The prebuilt command's exports (`main`), for the command line `args` (process.argv.slice(2)). */
export function loadPrebuilt(args) {
  const profile = commandProfile(args);
  const cacheDir = join(CLI_DIR, CODE_CACHE_DIR);
  cacheWorkerCode({ cacheDir, profile });
  startEarlyThreads(profile, args);
  return requireWithCodeCache(join(CLI_DIR, 'send-bundle.cjs'), { cacheDir, profile });
}

// The threads a build, a check or a comparison will want start while this thread loads the command, which
// otherwise leaves the second core idle (cli/early.ts). Not waited for: a command that stops first (a usage
// mistake) exits without waiting for their work (ending them costs it about 0.1-0.2 s), and a build
// without dist/cli/early.cjs (an older one) runs without them.
function startEarlyThreads(profile, args) {
  if (profile !== 'build' && profile !== 'check' && profile !== 'compare') return;
  try {
    createRequire(import.meta.url)(join(CLI_DIR, 'early.cjs')).startEarlyThreads(profile, args);
  } catch {
    // Each service starts its own threads as it would have.
  }
}
