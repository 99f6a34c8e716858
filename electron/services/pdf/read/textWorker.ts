/** The worker thread behind PageTextReader: loads pdf.js at once, then answers text requests in turn. */
import { parentPort } from 'node:worker_threads';
import { pdfjs } from '../pdfjs';
import { answerTextRequest, type TextRequest } from './text';

const port = parentPort!;
const ready = pdfjs();
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: TextRequest) => {
  queue = queue.then(async () => {
    await ready;
    await answerTextRequest(request, (reply) => port.postMessage(reply));
  });
});
