/** A short-lived worker thread: reads one PDF from disk, checks it against the PDF limits, and answers. */
import { parentPort } from 'node:worker_threads';
import { scanFile } from './limitsScan';

const port = parentPort!;
port.once('message', (request: { path: string }) => {
  void scanFile(request.path).then((reply) => port.postMessage(reply));
});
