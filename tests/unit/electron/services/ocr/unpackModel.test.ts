/**
 * A recogniser thread unpacks the model without node:zlib (unpackModel.cjs): tesseract.js ends its threads
 * itself, and a thread ended while making a zlib stream aborts the process (workers/zlibFence.cjs).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tesseractFiles } from '../../../../../electron/services/ocr/files';

const MODULE = fileURLToPath(
  new URL('../../../../../electron/services/ocr/unpackModel.cjs', import.meta.url),
);

describe('unpackModelsInJavaScript', () => {
  it("gives tesseract.js's worker script a JavaScript gunzip that unpacks the model as zlib does", async () => {
    const model = join(tesseractFiles().langPath, 'eng.traineddata.gz');
    const code = `
const { parentPort, workerData } = require('node:worker_threads');
require(${JSON.stringify(MODULE)}).unpackModelsInJavaScript();
const gunzip = require('tesseract.js/src/worker-script/node/gunzip.js');
const unpacked = gunzip(require('node:fs').readFileSync(workerData.model));
parentPort.postMessage({
  name: gunzip.name,
  isBuffer: Buffer.isBuffer(unpacked),
  length: unpacked.length,
  sha256: require('node:crypto').createHash('sha256').update(unpacked).digest('hex'),
});`;
    const worker = new Worker(code, { eval: true, workerData: { model } });
    const answer = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const native = gunzipSync(readFileSync(model));
    expect(answer).toEqual({
      name: 'gunzipInJavaScript',
      isBuffer: true,
      length: native.length,
      sha256: createHash('sha256').update(native).digest('hex'),
    });
  });
});
