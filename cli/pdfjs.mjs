// What dist/cli/pdfjs.cjs holds (scripts/esbuild.mjs, pdfjsBundleOptions): pdf.js, and the worker pdf.js
// runs in the same thread in Node, as one CommonJS file, so that cli/compileCache.cjs can run it with a
// V8 code cache (electron/services/pdf/pdfjs.ts loads it through globalThis.__sendBundlePdfjs).
export * as lib from 'pdfjs-dist/legacy/build/pdf.mjs';
export { WorkerMessageHandler } from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
