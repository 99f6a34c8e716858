// Runs the prebuilt send-bundle command in this process as cli/send-bundle.mjs does (its V8 settings, the
// threads it starts first, its code caches: cli/prebuilt.mjs), with its output discarded, and reports on
// stderr's last line its exit code, how long the process ran and its peak memory: worker threads
// included, and the peak of the untrusted-file worker's own process added (electron/services/workers/
// isolatedProcess.ts; an upper bound of the two at once), with that process's CPU seconds (the command
// ends it without waiting for it, so the system adds its time to no one's): how the benchmark times a
// command and measures its memory as users run it.
//   node scripts/bench/cli-run.mjs COMMAND ARGS...
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { loadPrebuilt } from '../../cli/prebuilt.mjs';
import { CLI_V8_FLAGS } from '../../cli/v8Flags.mjs';

for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
const args = process.argv.slice(2);
const { main } = loadPrebuilt(args);
const lines = [];
const code = await main(args, { out: () => {}, err: (line) => lines.push(line) });
if (code !== 0 && code !== 1) process.stderr.write(lines.join('\n') + '\n');
// Set by the command's untrusted-file runner (electron/services/untrusted/runner.ts, isolatedPeakRssMB).
const workerPeakRssMB = (globalThis.__sendBundleIsolatedPeakRssKb ?? 0) / 1024;
const workerCpuSeconds = globalThis.__sendBundleIsolatedCpuSeconds ?? 0;
process.stderr.write(
  JSON.stringify({
    code,
    seconds: performance.now() / 1000,
    peakRssMB: hostPeakRssKb() / 1024 + workerPeakRssMB,
    workerPeakRssMB,
    workerCpuSeconds,
  }) + '\n',
);
process.exitCode = code === 70 ? 70 : 0;

/**
 * This process's peak memory in KB: VmHWM on Linux, as electron/services/workers/peakRss.ts (getrusage's
 * maxRSS carries over the benchmark's own peak from when it started this process).
 */
function hostPeakRssKb() {
  try {
    const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}
