/**
 * The worker thread behind PageTextReader: loads pdf.js at once, then answers text requests (pdf.js) and
 * page digest requests (the app's own reader) in turn.
 */
import { parentPort } from 'node:worker_threads';
import { pdfjs } from '../pdfjs';
import {
  answerDigestRequest,
  answerTextRequest,
  answerWrittenRequest,
  DIGESTS_FIRST,
  type ReaderRequest,
} from './text';

const port = parentPort!;
// pdf.js loads at once, and everything waits for it (its two modules, each an import() that yields): a page
// digest asked for meanwhile would otherwise run first, and pdf.js would finish loading only when the
// digests stop, just before its first text request, the last thing a verified build waits for. A reader
// started for page digests only (DIGESTS_FIRST) loads it when text is first asked for.
const ready = process.argv.includes(DIGESTS_FIRST) ? null : pdfjs();
let queue: Promise<void> = (ready ?? Promise.resolve()).then(
  () => undefined,
  () => undefined,
);
port.on('message', (request: ReaderRequest) => {
  queue = queue
    .then(async () => {
      if ('written' in request) return answerWrittenRequest(request, (reply) => port.postMessage(reply));
      if ('digest' in request) return answerDigestRequest(request, (reply) => port.postMessage(reply));
      await pdfjs();
      await answerTextRequest(request, (reply) => port.postMessage(reply));
    })
    .catch(() => {
      // Unforeseen (pdf.js would not load): the thread stops, and PageTextReader answers what it was asked
      // in its own thread instead.
      process.exit(1);
    });
});
