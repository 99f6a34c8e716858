/**
 * The command line runs some worker threads' bundled files with a V8 code cache (cli/cachedWorker.cjs,
 * cli/compileCache.cjs). Such a worker keeps the code it has compiled once its first job is done, before it
 * answers: after the answer it may be terminated, and a terminated thread runs no exit handler. Elsewhere
 * (the app, the tests, a worker from the sources) there is nothing to keep and this does nothing.
 */
declare global {
  // Set by cli/cachedWorker.cjs in a worker it started.
  var __sendBundleSaveCodeCaches: (() => void) | undefined;
}

export function keepWorkerCompiledCode(): void {
  const save = globalThis.__sendBundleSaveCodeCaches;
  globalThis.__sendBundleSaveCodeCaches = undefined;
  save?.();
}
