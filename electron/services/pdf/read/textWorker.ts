/**
 * The worker thread behind PageTextReader: loads pdf.js at once, then answers text requests (pdf.js) and
 * page digest requests (the app's own reader) in turn.
 */
import '../../workers/fenceThisThread';
import { parentPort } from 'node:worker_threads';
import { keepPdfjsCompiledCode, pdfjs } from '../pdfjs';
import {
  answerDigestRequest,
  answerTextRequest,
  answerWrittenRequest,
  PDFJS_LOADING_ARG,
  type ReaderRequest,
} from './text';

const port = parentPort!;
// When pdf.js loads (PdfjsLoading): at once by default, while page digests are answered; before anything
// else for a reader warmed up ahead of need (pdf.js loads as two modules, each an import() that yields, and
// digests asked for meanwhile would otherwise run first: pdf.js would finish loading only when they stop);
// or when text is first asked for, for a reader of page digests only.
const loading = (process.argv.find((arg) => arg.startsWith(PDFJS_LOADING_ARG)) ?? '').slice(
  PDFJS_LOADING_ARG.length,
);
const ready = loading === 'when-asked' ? null : pdfjs();
ready?.catch(() => {}); // A failure to load is met by the first text request (below).
let queue: Promise<void> = (loading === 'first' && ready ? ready : Promise.resolve()).then(
  () => undefined,
  () => undefined,
);
port.on('message', (request: ReaderRequest) => {
  queue = queue
    .then(async () => {
      if ('written' in request) return answerWrittenRequest(request, (reply) => port.postMessage(reply));
      if ('digest' in request) return answerDigestRequest(request, (reply) => port.postMessage(reply));
      await pdfjs();
      await answerTextRequest(request, (reply) => {
        // Before the last reply, after which this thread may be terminated (once: later calls do nothing).
        if ('done' in reply || 'error' in reply) keepPdfjsCompiledCode();
        port.postMessage(reply);
      });
    })
    .catch(() => {
      // Unforeseen (pdf.js would not load): the thread stops, and PageTextReader answers what it was asked
      // in its own thread instead.
      process.exit(1);
    });
});
