// A worker's entry for the command line (a thread, or a process of its own): runs one of the command's
// bundled worker files (dist/cli/untrustedWorker.cjs) with a V8 code cache of its own, as cli/send-bundle.mjs runs the command
// (./compileCache.cjs). electron/services/workers/start.ts starts it where the command asked for it
// (cacheWorkerCode). The worker saves the cache once its first job is done (keepWorkerCompiledCode in
// electron/services/workers/codeCache.ts): a worker that is terminated runs no exit handler.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, as ./compileCache.cjs */
'use strict';
const threadData = require('node:worker_threads').workerData;

// In a process of its own (electron/services/workers/isolatedProcess.ts) it comes from the environment.
const workerData = threadData ?? JSON.parse(process.env.SEND_BUNDLE_WORKER_DATA ?? 'null');
const { requireWithCodeCache, saveCodeCaches } = require('./compileCache.cjs');

globalThis.__sendBundleSaveCodeCaches = saveCodeCaches;
const { file, cacheDir, profile } = workerData.codeCache;
requireWithCodeCache(file, { cacheDir, profile });
