// Worker entry from the source tree (a thread, or a process of its own): load TypeScript through tsx, then the worker itself (runner.ts).
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { workerData as threadData } from 'node:worker_threads';
import { builtInsPdfjsReplaces, putBackBuiltIns } from '../pdf/builtIns.mjs';
import { loadCanvasWithoutSystemFonts } from '../pdf/canvasFonts.mjs';

// A thread's workerData, or in a process of its own (workers/isolatedProcess.ts) the same from its environment.
const workerData = threadData ?? JSON.parse(process.env.SEND_BUNDLE_WORKER_DATA ?? 'null');

// pdf.js (for a worker that reads with it) is loaded before tsx's hooks are: through them its modules took
// 1.5 s to load in each thread (tsx rewrites their dynamic imports), against 0.2 s. pdf/pdfjs.ts's own
// import of it later finds these modules loaded. The built-ins it replaces are put back at once, as there.
if (workerData.preloadPdfjs) {
  loadCanvasWithoutSystemFonts();
  const builtIns = builtInsPdfjsReplaces();
  await import('pdfjs-dist/legacy/build/pdf.mjs');
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  putBackBuiltIns(builtIns);
}
register();
await import(pathToFileURL(workerData.entry).href);
