/**
 * Imported first by every worker thread's entry: fences the thread's zlib with the fence startWorker handed
 * it (zlibFence.cjs), so that stopping the thread can never abort the process.
 */
import { workerData } from 'node:worker_threads';
import { fenceZlibInThisThread, isZlibFence } from './zlibFence.cjs';

const fence: unknown = (workerData as { zlibFence?: unknown } | null)?.zlibFence;
if (isZlibFence(fence)) fenceZlibInThisThread(fence);
