/**
 * A host that starts an isolated process, sets it to work for ever, says its pid on stdout, and is then
 * killed outright (as an app that crashes, or a command ended with Ctrl-C):
 * tests/integration/electron/services/workers/isolatedProcess.test.ts.
 *   node --import tsx tests/helpers/orphanParent.ts
 */
import { fileURLToPath } from 'node:url';
import { IsolatedProcess } from '../../electron/services/workers/isolatedProcess';

const isolated = new IsolatedProcess(
  {
    entry: fileURLToPath(new URL('../../electron/services/untrusted/boot.mjs', import.meta.url)),
    data: { entry: fileURLToPath(new URL('./isolatedWorker.ts', import.meta.url)) },
  },
  { heapMb: 64 },
);
isolated.once('message', () => {
  process.stdout.write(`${isolated.pid}\n`, () => process.kill(process.pid, 'SIGKILL'));
});
isolated.postMessage({ do: 'busy-forever' });
