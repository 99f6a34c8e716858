// Runs a worker module from its TypeScript source: registers tsx in this thread first (a loader given to the
// parent process with --import does not reach worker threads on Node 20).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
