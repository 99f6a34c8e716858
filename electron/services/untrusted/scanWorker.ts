/**
 * A short-lived worker thread: reads one PDF from disk, checks it against the PDF limits, answers, and a
 * moment later ends by itself (its heap, with the file's bytes, goes with it). It is not terminated from
 * outside: ending a thread while V8 still compiles its hot code in the background can bring the whole
 * process down (a Node assertion in NodePlatform::ForIsolate), so it waits until that work is done.
 */
import '../workers/fenceThisThread';
import { parentPort } from 'node:worker_threads';
import { collectGarbage } from '../workers/collectGarbage';
import { scanFile } from './limitsScan';

const SETTLE_MS = 200;
const port = parentPort!;
port.once('message', (request: { path: string }) => {
  void scanFile(request.path).then((reply) => {
    // What the scan read (its blocks, each stream it unpacked) is garbage now: freed before answering, so
    // that the work which starts on the answer (the checker, pdf.js) does not add to it.
    collectGarbage();
    port.postMessage(reply);
    setTimeout(() => port.close(), SETTLE_MS);
  });
});
