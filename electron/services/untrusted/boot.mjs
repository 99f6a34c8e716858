// Worker entry from the source tree: load TypeScript through tsx, then the worker itself (runner.ts).
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';

register();
await import(pathToFileURL(workerData.entry).href);
