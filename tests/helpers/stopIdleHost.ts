/**
 * A host that starts an isolated process, lets it go idle (unref: it no longer keeps the host running),
 * then stops it and waits for that, and says "stopped" once it has:
 * tests/integration/electron/services/workers/isolatedProcess.test.ts.
 *   node --import tsx tests/helpers/stopIdleHost.ts
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
isolated.unref();
await isolated.stop();
process.stdout.write('stopped\n');
