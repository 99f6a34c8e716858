/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded without a TypeScript loader */
/**
 * Text recognition must work offline: nothing it runs may reach the network. blockNetwork() makes every
 * way out of this thread fail loudly (fetch, http/https, raw sockets, TLS, DNS), so a library that would
 * quietly download something (tesseract.js fetches its language data when it is not given a local
 * folder) stops with an error instead. Plain CommonJS: the recogniser's own threads load it before
 * tesseract.js, without a TypeScript loader.
 */
'use strict';

const OFFLINE = 'EOFFLINE';

function refusal(what) {
  const error = new Error(`Text recognition tried to use the network (${what}); it must work offline.`);
  error.code = OFFLINE;
  return error;
}

function refuseSync(what) {
  return function refused() {
    throw refusal(what);
  };
}

let installed = false;

function blockNetwork() {
  if (installed) return;
  installed = true;
  globalThis.fetch = function fetch(input) {
    return Promise.reject(refusal(`fetch ${String(input && input.url ? input.url : input)}`));
  };
  for (const name of ['http', 'https']) {
    const mod = require(name);
    mod.request = refuseSync(`${name}.request`);
    mod.get = refuseSync(`${name}.get`);
  }
  const net = require('net');
  net.connect = refuseSync('net.connect');
  net.createConnection = refuseSync('net.createConnection');
  net.Socket.prototype.connect = refuseSync('socket.connect');
  require('tls').connect = refuseSync('tls.connect');
  const dns = require('dns');
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'])
    dns[name] = refuseSync(`dns.${name}`);
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'])
    dns.promises[name] = () => Promise.reject(refusal(`dns.promises.${name}`));
}

module.exports = { blockNetwork, OFFLINE };
