/**
 * A worker entry for tests/integration/electron/services/workers/start.test.ts: loads pdf.js as the services
 * do and says whether the built-ins pdf.js replaces are the native ones again. Not a test file.
 */
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { pdfjs } from '../../electron/services/pdf/pdfjs';

// core-js makes its functions print as native through this realm's Function.prototype.toString: another
// realm's shows them as they are.
const toString = runInNewContext('Function.prototype.toString') as (this: unknown) => string;
const isNative = (value: unknown) =>
  typeof value === 'function' && /\[native code\]/.test(toString.call(value));

await pdfjs();
parentPort!.postMessage({
  push: isNative(Array.prototype.push),
  stringify: isNative(JSON.stringify),
  parse: isNative(JSON.parse),
});
