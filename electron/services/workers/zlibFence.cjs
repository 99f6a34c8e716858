/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: tested in threads started without a TypeScript loader */
/**
 * Ending a worker thread without taking the process down with it.
 *
 * Node aborts the whole process, not just the thread, when a thread is ended between the two native steps
 * of making a zlib stream: lib/zlib.js calls `new binding.Zlib()` and then `handle.init()`, and a handle
 * left half made is destroyed when the ended thread's environment is freed, which fails an assertion
 * (node_zlib.cc, "close before init"). Every inflate and deflate makes one, so ending a thread part way
 * through reading a PDF (a time limit, a cancel, a reader closed while it works) could abort the app or the
 * command line. Seen in CI; a thread inflating in a loop, ended at random moments, aborts the process
 * within a few hundred endings (tests/unit/electron/services/workers/zlibFence.test.ts).
 *
 * So each thread the services start gets a fence: two integers it shares with the thread that started it.
 * In the thread, making a zlib or Brotli stream holds the fence for the few microseconds it takes
 * (fenceZlibInThisThread); stopWorker marks the thread as stopping, waits until the fence is free, and
 * only then ends it. A thread marked as stopping that goes to make another stream waits to be ended.
 */
'use strict';

const HELD = 0;
const STOPPING = 1;
/** Set by the thread once its zlib is fenced (fenceZlibInThisThread). */
const FENCED = 2;

/** How long stopWorker waits for a thread to leave the fence before ending it anyway (it has died there). */
const LONGEST_WAIT_MS = 2_000;
/** The same at the process's exit, where nothing can be waited for but a busy loop. */
const LONGEST_WAIT_AT_EXIT_MS = 200;

// Kept on the worker and the process rather than in this module: the command line starts some threads from
// a bundle of its own (cli/early.ts), with its own copy of this module, and another copy stops them.
const FENCE_OF_WORKER = Symbol.for('send-bundle-builder.zlibFence');
const LIVE_FENCES = Symbol.for('send-bundle-builder.liveZlibFences');

function newZlibFence() {
  return new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
}

function isZlibFence(value) {
  return value instanceof Int32Array && value.length === 3 && value.buffer instanceof SharedArrayBuffer;
}

/**
 * Remembers the fence handed to `worker` (in its workerData), for stopWorker, and for the process's exit,
 * which ends every thread still running: the threads are held out of the fence first there too.
 */
function rememberZlibFence(worker, fence) {
  worker[FENCE_OF_WORKER] = fence;
  let live = globalThis[LIVE_FENCES];
  if (!live) {
    live = globalThis[LIVE_FENCES] = new Set();
    process.once('exit', () => holdOutOfFences(live, LONGEST_WAIT_AT_EXIT_MS));
  }
  live.add(fence);
  worker.once('exit', () => live.delete(fence));
  return worker;
}

/** The fence handed to `worker`, or undefined for a thread started otherwise. */
function zlibFenceOf(worker) {
  return worker[FENCE_OF_WORKER];
}

/** True once the thread given `fence` has fenced its zlib. */
function isFenced(fence) {
  return Atomics.load(fence, FENCED) === 1;
}

function holdOutOfFences(fences, waitMs) {
  for (const fence of fences) Atomics.store(fence, STOPPING, 1);
  const giveUpAt = Date.now() + waitMs;
  for (const fence of fences) while (Atomics.load(fence, HELD) > 0 && Date.now() < giveUpAt);
}

/** Ends `worker` (as worker.terminate() does) once it is not making a zlib stream. */
async function stopWorker(worker) {
  const fence = zlibFenceOf(worker);
  if (fence) {
    Atomics.store(fence, STOPPING, 1);
    const giveUpAt = Date.now() + LONGEST_WAIT_MS;
    while (Atomics.load(fence, HELD) > 0 && Date.now() < giveUpAt)
      await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return worker.terminate();
}

function waitToBeEnded(fence) {
  for (;;) Atomics.wait(fence, STOPPING, 1);
}

function enter(fence) {
  if (Atomics.load(fence, STOPPING) === 1) waitToBeEnded(fence);
  Atomics.add(fence, HELD, 1);
  // stopWorker may have marked the thread between the check above and taking the fence: it then waits
  // for the fence, so let go of it and wait to be ended.
  if (Atomics.load(fence, STOPPING) === 1) {
    Atomics.sub(fence, HELD, 1);
    waitToBeEnded(fence);
  }
}

function leave(fence) {
  Atomics.sub(fence, HELD, 1);
}

/** The stream classes node:zlib exports; those this Node lacks (zstd before Node 22.15) are skipped. */
const STREAM_CLASSES = [
  'Deflate',
  'Inflate',
  'Gzip',
  'Gunzip',
  'DeflateRaw',
  'InflateRaw',
  'Unzip',
  'BrotliCompress',
  'BrotliDecompress',
  'ZstdCompress',
  'ZstdDecompress',
];

function asBuffer(input) {
  if (typeof input === 'string') return Buffer.from(input);
  if (ArrayBuffer.isView(input)) return input;
  if (input instanceof ArrayBuffer || input instanceof SharedArrayBuffer) return Buffer.from(input);
  return input; // not something zlib takes: zlib's own check says so
}

/** Puts `value` in place of `object[key]`, keeping the property's flags (some of zlib's are read-only). */
function replace(object, key, value) {
  const { enumerable, writable, configurable } = Object.getOwnPropertyDescriptor(object, key);
  Object.defineProperty(object, key, { value, enumerable, writable, configurable });
}

let fenced = null;

/**
 * In a worker thread: every zlib and Brotli stream made through node:zlib (its classes, create* functions,
 * one-call functions; pdf.js's and fontkit's inflates and web DecompressionStream go through these) is
 * made inside `fence`. The one-call functions (inflateSync…) hold it only while the stream is made, not
 * while it works. Once per thread; a second call with another fence is refused.
 */
function fenceZlibInThisThread(fence) {
  if (!isZlibFence(fence)) throw new TypeError('fenceZlibInThisThread needs a fence from newZlibFence');
  if (fenced) {
    if (fenced !== fence) throw new Error('This thread has a zlib fence already.');
    return;
  }
  fenced = fence;
  const zlib = require('node:zlib');
  for (const name of STREAM_CLASSES) {
    const Unfenced = zlib[name];
    if (typeof Unfenced !== 'function') continue;
    const Fenced = {
      [name]: class extends Unfenced {
        constructor(...args) {
          enter(fence);
          try {
            super(...args);
          } finally {
            leave(fence);
          }
        }
      },
    }[name];
    replace(zlib, name, Fenced);
    replace(zlib, `create${name}`, (options) => new Fenced(options));

    const lower = name[0].toLowerCase() + name.slice(1);
    const unfencedSync = zlib[`${lower}Sync`];
    const processChunk = Unfenced.prototype._processChunk;
    if (typeof unfencedSync === 'function')
      replace(
        zlib,
        `${lower}Sync`,
        typeof processChunk === 'function'
          ? // As zlib's own one-call function does (zlibBufferSync), with the stream made in the fence.
            function oneCallSync(buffer, options) {
              const engine = new Fenced(options);
              const output = engine._processChunk(asBuffer(buffer), engine._finishFlushFlag);
              return options && options.info ? { buffer: output, engine } : output;
            }
          : function oneCallSync(buffer, options) {
              enter(fence);
              try {
                return unfencedSync(buffer, options);
              } finally {
                leave(fence);
              }
            },
      );
    const unfencedAsync = zlib[lower];
    if (typeof unfencedAsync === 'function')
      // The callback form makes its stream before it returns, and does its work after.
      replace(zlib, lower, function oneCall(...args) {
        enter(fence);
        try {
          return unfencedAsync(...args);
        } finally {
          leave(fence);
        }
      });
  }
  // Modules that imported these by name (`import { inflateSync } from 'node:zlib'`) see the fenced ones.
  require('node:module').syncBuiltinESMExports();
  Atomics.store(fence, FENCED, 1);
}

module.exports = {
  newZlibFence,
  isZlibFence,
  rememberZlibFence,
  zlibFenceOf,
  isFenced,
  stopWorker,
  fenceZlibInThisThread,
};
