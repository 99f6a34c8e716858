/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded without a TypeScript loader */
/**
 * One recogniser thread: tesseract.js's own Node worker script, started with the network blocked (see
 * offlineGuard.cjs). tesseract.js starts this file as its `workerPath`.
 */
'use strict';

require('./offlineGuard.cjs').blockNetwork();
require('tesseract.js/src/worker-script/node/index.js');
