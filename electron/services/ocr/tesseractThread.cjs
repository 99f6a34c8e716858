/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded without a TypeScript loader */
/**
 * One recogniser thread: tesseract.js's own Node worker script, started with the network blocked (see
 * offlineGuard.cjs). tesseract.js starts this file as its `workerPath`.
 *
 * The model is unpacked in JavaScript (fflate) rather than by node:zlib: tesseract.js ends this thread
 * itself, with no way to wait until it is not making a zlib stream, and a thread ended part way through
 * making one aborts the whole process (../workers/zlibFence.cjs). It takes 0.03 s longer, once a thread.
 */
'use strict';

require('./offlineGuard.cjs').blockNetwork();
require('./unpackModel.cjs').unpackModelsInJavaScript();
require('tesseract.js/src/worker-script/node/index.js');
