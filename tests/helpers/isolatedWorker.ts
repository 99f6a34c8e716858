/**
 * A worker for the isolated-process tests (tests/integration/electron/services/workers/isolatedProcess.test.ts):
 * it does what each message asks, misbehaving on request as a parser might on a hostile file.
 */
import { spawn } from 'node:child_process';
import { jobPort } from '../../electron/services/workers/jobPort';

export type IsolatedWorkerRequest =
  | { do: 'echo'; value: unknown }
  | { do: 'fill-heap' }
  | { do: 'crash' }
  | { do: 'start-helper' }
  | { do: 'forge-file-name' }
  | { do: 'busy-forever' };

const port = jobPort();
const kept: unknown[] = [];

port.onMessage((message) => {
  const request = message as IsolatedWorkerRequest;
  if (request.do === 'echo') port.postMessage({ echoed: request.value });
  else if (request.do === 'fill-heap') for (;;) kept.push({ filler: new Array(1000).fill(kept.length) });
  else if (request.do === 'crash') process.kill(process.pid, 'SIGSEGV');
  else if (request.do === 'start-helper') {
    // A helper program as qpdf or LibreOffice would be, that would run on for a long time.
    const helper = spawn('sleep', ['600'], { stdio: 'ignore' });
    port.postMessage({ helperPid: helper.pid });
  } else if (request.do === 'busy-forever') {
    port.postMessage({ busy: process.pid });
    // As a parser caught in a loop by a hostile file: the event loop never turns again.
    setImmediate(() => {
      for (;;);
    });
  } else if (request.do === 'forge-file-name') process.send?.({ __sendBundleBytesFile: '../../etc/passwd' });
});
