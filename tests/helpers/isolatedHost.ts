/**
 * A host that starts an isolated process and has it answer once, then, as `how` says:
 * - `stop-idle`: lets it go idle (unref: it no longer keeps the host running), stops it, waits for that, and
 *   says "stopped" once it has;
 * - `exit`: says the process's pid and folder and exits without stopping it (as the command line does).
 * For tests/integration/electron/services/workers/isolatedProcess.test.ts:
 *   node --import tsx tests/helpers/isolatedHost.ts stop-idle|exit
 */
import { fileURLToPath } from 'node:url';
import { IsolatedProcess } from '../../electron/services/workers/isolatedProcess';

const how = process.argv[2];
const isolated = new IsolatedProcess(
  {
    entry: fileURLToPath(new URL('../../electron/services/untrusted/boot.mjs', import.meta.url)),
    data: { entry: fileURLToPath(new URL('./isolatedWorker.ts', import.meta.url)) },
  },
  { heapMb: 64 },
);
await new Promise((resolve) => {
  isolated.once('message', resolve);
  isolated.postMessage({ do: 'echo', value: 1 });
});
if (how === 'exit')
  process.stdout.write(`${JSON.stringify({ pid: isolated.pid, folder: isolated.folder })}\n`);
isolated.unref();
if (how === 'stop-idle') {
  await isolated.stop();
  process.stdout.write('stopped\n');
}
