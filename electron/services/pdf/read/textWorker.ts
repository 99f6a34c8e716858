/**
 * The worker thread behind PageTextReader: loads pdf.js at once, then answers text requests (pdf.js) and
 * page digest requests (the app's own reader) in turn.
 */
import { parentPort } from 'node:worker_threads';
import { pdfjs } from '../pdfjs';
import { answerDigestRequest, answerTextRequest, answerWrittenRequest, type ReaderRequest } from './text';

const port = parentPort!;
const ready = pdfjs();
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: ReaderRequest) => {
  queue = queue.then(async () => {
    if ('written' in request) return answerWrittenRequest(request, (reply) => port.postMessage(reply));
    if ('digest' in request) return answerDigestRequest(request, (reply) => port.postMessage(reply));
    await ready;
    await answerTextRequest(request, (reply) => port.postMessage(reply));
  });
});
