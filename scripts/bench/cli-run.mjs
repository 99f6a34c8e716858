// Runs the prebuilt send-bundle command (dist/cli, as cli/send-bundle.mjs does: its V8 settings, and its code
// cache) in this process, with its output discarded, and reports on stderr's last line its exit code, how
// long the process ran and its peak memory (worker threads included): how the benchmark measures a
// command's memory as users run it.
//   node scripts/bench/cli-run.mjs COMMAND ARGS...
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { cacheWorkerCode, commandProfile, requireWithCodeCache } from '../../cli/compileCache.cjs';
import { CLI_V8_FLAGS } from '../../cli/v8Flags.mjs';
import { CLI_DIR, CODE_CACHE_DIR } from '../cliFresh.mjs';

for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
const args = process.argv.slice(2);
const codeCache = { cacheDir: join(CLI_DIR, CODE_CACHE_DIR), profile: commandProfile(args) };
cacheWorkerCode(codeCache);
const { main } = requireWithCodeCache(join(CLI_DIR, 'send-bundle.cjs'), codeCache);
const lines = [];
const code = await main(args, { out: () => {}, err: (line) => lines.push(line) });
if (code !== 0 && code !== 1) process.stderr.write(lines.join('\n') + '\n');
process.stderr.write(
  JSON.stringify({
    code,
    seconds: performance.now() / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
process.exitCode = code === 70 ? 70 : 0;
