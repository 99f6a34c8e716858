/** See zlibFence.cjs. */
import type { Worker } from 'node:worker_threads';

export type ZlibFence = Int32Array;
export declare function newZlibFence(): ZlibFence;
export declare function isZlibFence(value: unknown): value is ZlibFence;
export declare function rememberZlibFence<W extends Worker>(worker: W, fence: ZlibFence): W;
export declare function zlibFenceOf(worker: Worker): ZlibFence | undefined;
export declare function isFenced(fence: ZlibFence): boolean;
export declare function stopWorker(worker: Worker): Promise<number>;
export declare function fenceZlibInThisThread(fence: ZlibFence): void;
