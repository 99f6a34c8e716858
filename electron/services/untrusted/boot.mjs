// Worker entry from the source tree: load TypeScript through tsx, then the worker itself (runner.ts).
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { builtInsPdfjsReplaces, putBackBuiltIns } from '../pdf/builtIns.mjs';

// pdf.js (for a worker that reads with it) is loaded before tsx's hooks are: through them its modules took
// 1.5 s to load in each thread (tsx rewrites their dynamic imports), against 0.2 s. pdf/pdfjs.ts's own
// import of it later finds these modules loaded. The built-ins it replaces are put back at once, as there.
if (workerData.preloadPdfjs) {
  const builtIns = builtInsPdfjsReplaces();
  await import('pdfjs-dist/legacy/build/pdf.mjs');
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  putBackBuiltIns(builtIns);
}
register();
await import(pathToFileURL(workerData.entry).href);
