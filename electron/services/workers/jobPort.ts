/**
 * How a worker's module talks to whoever started it, the same whether it runs as a worker thread
 * (./start.ts startWorker: its parentPort) or as a process of its own (./isolatedProcess.ts: Node's IPC
 * channel, or in the Electron app a utility process's parentPort; large byte arrays by file,
 * ./bytesByFile.ts).
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { bytesFromFiles, bytesToFiles } from './bytesByFile';

/** Set in an isolated process's environment: the folder its large byte arrays go through. */
export const BYTES_FOLDER_ENV = 'SEND_BUNDLE_BYTES_FOLDER';
/** Set in an isolated process's environment: what a thread would have had as its workerData, as JSON. */
export const WORKER_DATA_ENV = 'SEND_BUNDLE_WORKER_DATA';

export interface JobPort {
  onMessage(listener: (message: unknown) => void): void;
  /** `transfer`: buffers a thread hands over without copying (a process sends large ones by file). */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

/** An Electron utility process's channel to the app (Electron's process.parentPort). */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function utilityParentPort(): UtilityParentPort | undefined {
  return (process as { parentPort?: UtilityParentPort }).parentPort;
}

/** True in the main thread of a process started by IsolatedProcess. */
export function inIsolatedProcess(): boolean {
  const channel = typeof process.send === 'function' || utilityParentPort() !== undefined;
  return !parentPort && channel && Boolean(process.env[BYTES_FOLDER_ENV]);
}

/** This thread's workerData, or what an isolated process was started with instead. */
export function startData(): unknown {
  if (parentPort) return workerData as unknown;
  const json = process.env[WORKER_DATA_ENV];
  return json ? (JSON.parse(json) as unknown) : null;
}

export function jobPort(): JobPort {
  const port = parentPort;
  if (port)
    return {
      onMessage: (listener) => port.on('message', listener),
      postMessage: (message, transfer = []) => port.postMessage(message, transfer),
    };
  const folder = process.env[BYTES_FOLDER_ENV];
  const utility = utilityParentPort();
  const send = process.send?.bind(process);
  if (!folder || (!utility && !send))
    throw new Error('This module runs only as a worker thread or an isolated process.');
  watchForOrphaning();
  if (utility)
    return {
      onMessage: (listener) => utility.on('message', (event) => listener(bytesFromFiles(event.data, folder))),
      postMessage: (message) => utility.postMessage(bytesToFiles(message, folder)),
    };
  // The app has gone (closed, or crashed): nothing is left to answer.
  process.once('disconnect', () => process.exit(0));
  return {
    onMessage: (listener) => process.on('message', (message) => listener(bytesFromFiles(message, folder))),
    postMessage: (message) => send!(bytesToFiles(message, folder)),
  };
}

/**
 * Ends this process, and the programs it started, once the process that started it has gone, even while
 * a parser keeps this one's event loop busy (where 'disconnect' is never heard): the app killed, or a
 * command ended with Ctrl-C, which does not reach a process in a group of its own. A thread of its own
 * looks every half second.
 */
function watchForOrphaning(): void {
  const watchdog = new Worker(
    `const { workerData: parent } = require('node:worker_threads');
    setInterval(() => {
      if (process.ppid === parent) return;
      try { process.kill(-process.pid, 'SIGKILL'); } catch { process.kill(process.pid, 'SIGKILL'); }
    }, 500);`,
    { eval: true, workerData: process.ppid },
  );
  watchdog.unref();
}
