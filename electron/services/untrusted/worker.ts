/**
 * The untrusted-file worker: runs one job at a time from runner.ts and answers with its result, its
 * error, or progress. It runs as a process of its own (workers/isolatedProcess.ts), or in tests and
 * tools as a thread; results that hold large byte arrays hand them over without copying, or by file.
 */
import '../workers/fenceThisThread';
import { installPdfLibPatches } from '../pdf/pdfLibPatches';
import { PageTextReader } from '../pdf/read/text';
import { JOBS, type WorkerReply, type WorkerRequest } from './jobs';
import { WARM_TEXT_READER_ARG } from './runner';
import { toWire } from './wireErrors';
import { keepWorkerCompiledCode } from '../workers/codeCache';
import { jobPort } from '../workers/jobPort';
import { peakRssKb } from '../workers/peakRss';

const port = jobPort();

// A host of its own: the same pdf-lib as the build's, so what import accepts the build reads alike.
installPdfLibPatches();

// Started for a check: pdf.js loads in its reader's thread while the file's limits are scanned.
if (process.argv.includes(WARM_TEXT_READER_ARG)) PageTextReader.warmUp();

const running = new Map<number, AbortController>();

/** What this process has used so far, sent with each answer (a process of its own is not counted in its parent's). */
function usage(): { peakRssKb: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  return { peakRssKb: peakRssKb(), cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function buffersIn(value: unknown, found: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (depth > 3 || value === null || typeof value !== 'object') return found;
  if (value instanceof Uint8Array) {
    const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    if (whole && value.buffer instanceof ArrayBuffer && !found.includes(value.buffer))
      found.push(value.buffer);
    return found;
  }
  for (const v of Object.values(value)) buffersIn(v, found, depth + 1);
  return found;
}

port.onMessage((message) => {
  const request = message as WorkerRequest;
  if (request.type === 'cancel') {
    running.get(request.id)?.abort(new Error('Stopped.'));
    return;
  }
  const { id, name, input } = request;
  const controller = new AbortController();
  running.set(id, controller);
  const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const job = JOBS[name] as (input: unknown, job: unknown) => Promise<unknown>;
  job(input, {
    signal: controller.signal,
    progress: (event: { message: string; done: number; total: number }) =>
      reply({ type: 'progress', id, event }),
  })
    .then(
      (value) => {
        keepWorkerCompiledCode();
        reply({ type: 'result', id, value, ...usage() }, buffersIn(value));
      },
      (error: unknown) => {
        keepWorkerCompiledCode();
        reply({ type: 'error', id, error: toWire(error), ...usage() });
      },
    )
    .finally(() => running.delete(id));
});
