/**
 * A host that starts an isolated process, has it answer once, and then exits without stopping it (as the
 * command line does), saying the process's pid and folder first:
 * tests/integration/electron/services/workers/isolatedProcess.test.ts.
 *   node --import tsx tests/helpers/exitingHost.ts
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
await new Promise((resolve) => {
  isolated.once('message', resolve);
  isolated.postMessage({ do: 'echo', value: 1 });
});
process.stdout.write(`${JSON.stringify({ pid: isolated.pid, folder: isolated.folder })}\n`);
isolated.unref();
