// Runs the prebuilt send-bundle command (dist/cli, as cli/send-bundle.mjs does) in this process, with its
// output discarded, and reports on stderr's last line its exit code, how long the process ran and its peak
// memory (worker threads included): how the benchmark measures a command's memory as users run it.
//   node scripts/bench/cli-run.mjs COMMAND ARGS...
const { main } = await import(new URL('../../dist/cli/send-bundle.mjs', import.meta.url).href);
const lines = [];
const code = await main(process.argv.slice(2), { out: () => {}, err: (line) => lines.push(line) });
if (code !== 0 && code !== 1) process.stderr.write(lines.join('\n') + '\n');
process.stderr.write(
  JSON.stringify({
    code,
    seconds: performance.now() / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
process.exitCode = code === 70 ? 70 : 0;
