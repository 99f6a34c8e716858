/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded without a TypeScript loader */
/**
 * tesseract.js unpacks its gzipped model with node:zlib's gunzipSync, taken when its worker script loads
 * (tesseract.js/src/worker-script/node/gunzip.js). In a recogniser thread (./tesseractThread.cjs) this puts
 * a JavaScript gunzip in its place first, so that no zlib stream is made there at all.
 */
'use strict';

const { gunzipSync } = require('fflate');

function gunzipInJavaScript(data) {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const unpacked = gunzipSync(bytes);
  return Buffer.from(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength);
}

function unpackModelsInJavaScript() {
  const zlib = require('node:zlib');
  const { enumerable, writable, configurable } = Object.getOwnPropertyDescriptor(zlib, 'gunzipSync');
  Object.defineProperty(zlib, 'gunzipSync', {
    value: gunzipInJavaScript,
    enumerable,
    writable,
    configurable,
  });
}

module.exports = { unpackModelsInJavaScript, gunzipInJavaScript };
