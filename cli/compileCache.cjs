// Runs a CommonJS bundle (dist/cli/send-bundle.cjs, dist/cli/pdfjs.cjs) with a V8 code cache, so a command does not compile
// the same 5 MB of JavaScript again on every start. Node 22 has this built in (module.enableCompileCache);
// Node 20, which the app supports, does not, so this does what it does for one file.
//
// The first run of each command (its `profile`) saves, as it exits, the compiled code of every function it
// ran; later runs of that command load it instead of parsing and compiling. On the 1,000-page bench, a
// verified `send-bundle build` spends about 0.1 s less in compiling; docs/performance.md has the figures.
//
// A cache is only ever used for the exact bytes it was made from: its name carries the SHA-256 of the
// bundle's source and the Node version (V8 itself checks only the source's length, its own version and
// its flags, and refuses a cache that does not match those), and the file its own SHA-256. A cache that
// cannot be read, is damaged or that V8 refuses is ignored and made again; one that cannot be written (a
// read-only install) is not kept. It is written to a temporary name and renamed, so commands run at once
// never read half a file.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: the command's loader, and its threads' */
'use strict';
const { createHash } = require('node:crypto');
const {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { createRequire } = require('node:module');
const { basename, dirname, join, resolve } = require('node:path');
const vm = require('node:vm');
const { threadId } = require('node:worker_threads');

const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/**
 * `file`'s bytes, read into one buffer between the wrapper's two halves: `wrapped` is the script to compile,
 * `bytes` the file's own. The script is made as one string: wrapper + source + wrapper, joined as strings,
 * made V8 copy the whole source again (a second string of 6 MB) before compiling.
 */
function readWrapped(file) {
  const start = Buffer.from(WRAPPER[0]);
  const end = Buffer.from(WRAPPER[1]);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafeSlow(start.length + size + end.length);
    start.copy(buffer, 0);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buffer, start.length + got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    end.copy(buffer, start.length + got);
    return {
      bytes: buffer.subarray(start.length, start.length + got),
      wrapped: buffer.toString('utf8', 0, start.length + got + end.length),
    };
  } finally {
    closeSync(fd);
  }
}

/** Node's own options, which V8 never sees: what is left of a process's start options are V8's flags. */
const NODE_OPTION =
  /^(-[a-z]$|--(eval|print|input-type|import|require|loader|experimental-|no-experimental-|conditions|enable-source-maps|inspect|cpu-prof|heap-prof|no-warnings|trace-warnings|title|env-file))/;

/**
 * The V8 flags this process was started with (`process.execArgv`, less Node's own options and their values).
 * V8 refuses a cache made under other flags, and pdf.js is loaded both by the command's threads (started
 * with none) and by its untrusted-file worker's process (started with a heap limit): with one cache between
 * them, each refused and replaced the other's, so a build after a check, or a check after a build, compiled
 * pdf.js again. Each set of flags keeps a cache of its own.
 */
function startFlags() {
  const flags = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (NODE_OPTION.test(arg)) {
      // An option written as two words ("-e CODE", "--require FILE") takes the next one with it.
      if (!arg.includes('=') && i + 1 < args.length && !args[i + 1].startsWith('-')) i++;
      continue;
    }
    if (arg.startsWith('--')) flags.push(arg);
  }
  return flags;
}

/**
 * The cache file for `file`'s bytes, for runs of `profile` in processes started with the V8 flags `flags`
 * (this process's unless told).
 */
function codeCachePath(file, bytes, { cacheDir, profile, flags = startFlags() }) {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const safeProfile = profile.replace(/[^a-z0-9-]/gi, '_');
  const flagsKey = flags.length
    ? `.flags-${createHash('sha256')
        .update([...flags].sort().join('\n'))
        .digest('hex')
        .slice(0, 8)}`
    : '';
  return join(
    cacheDir,
    `${basename(file)}.${safeProfile}${flagsKey}.${process.version}.${process.arch}.${hash}.v8`,
  );
}

/** Caches still to be saved: each is a function that saves one (once). */
const unsaved = new Set();

/**
 * Loads `file` (a CommonJS bundle) as require() would, compiled with the code cache of `profile` in
 * `cacheDir` when there is a good one, and saves one if there was none: when the process exits, or
 * earlier with saveCodeCaches() (a worker thread that is terminated never reaches an exit handler).
 * Returns its module.exports. `onCache` is told what happened ('used', 'none', 'rejected'), for tests.
 */
function requireWithCodeCache(path, { cacheDir, profile, onCache }) {
  const file = resolve(path);
  const { bytes, wrapped } = readWrapped(file);
  const cachePath = codeCachePath(file, bytes, { cacheDir, profile });
  const saved = readCodeCache(cachePath);
  // A script compiled here has no import() of its own (Node 20 keeps the callback for it only until the code
  // comes from a cache, and marks the one it has as experimental), so the bundle imports ES module packages
  // (pdf.js) by name through this module's (electron/services/pdf/pdfjs.ts, `__sendBundleImport`).
  globalThis.__sendBundleImport ??= (specifier) => import(specifier);
  const script = new vm.Script(wrapped, {
    filename: file,
    cachedData: saved === 'damaged' ? undefined : saved,
  });
  const state =
    saved === undefined ? 'none' : saved === 'damaged' || script.cachedDataRejected ? 'rejected' : 'used';
  onCache?.(state);
  if (state !== 'used') {
    const save = () => {
      if (!unsaved.delete(save)) return;
      saveCodeCache(script, cachePath);
    };
    unsaved.add(save);
    process.once('exit', save);
  }
  const module = { exports: {}, id: file, filename: file, loaded: false };
  const compiled = script.runInThisContext();
  compiled.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}

/**
 * Saves now the caches that this thread's loads could not use, with the code compiled so far. For a worker
 * thread, once it has done its first piece of work: it may be terminated, and then runs no exit handler.
 */
function saveCodeCaches() {
  for (const save of [...unsaved]) save();
}

/**
 * Has the worker threads the command starts from here on (electron/services/workers/start.ts) load their
 * bundled file with a code cache too, kept in `cacheDir` for the command's `profile` (the worker's name is
 * added). For cli/send-bundle.mjs, before it starts any thread: a worker's bundle is as big as the
 * command's (4 MB for the untrusted-file worker), and compiling it took each check 0.2 s of CPU while its
 * other threads were starting.
 */
function cacheWorkerCode({ cacheDir, profile }) {
  globalThis.__sendBundleWorkerCodeCache = { loader: join(__dirname, 'cachedWorker.cjs'), cacheDir, profile };
}

/**
 * pdf.js (its main module and its worker, as pdf.js runs it in Node: in the same thread) from the one
 * CommonJS file scripts/build-cli.mjs makes of them in `cliDir`, with its own code cache (in
 * `cliDir`/`cacheDirName`): loading pdf.js
 * from its ES modules compiles 3 MB of JavaScript in every thread that reads text. Returns what
 * electron/services/pdf/pdfjs.ts needs: the library, the worker's message handler, and a way to save the
 * cache now (a worker thread's exit handler never runs when the thread is terminated).
 */
function requirePdfjs(cliDir, cacheDirName) {
  const loaded = requireWithCodeCache(join(cliDir, 'pdfjs.cjs'), {
    cacheDir: join(cliDir, cacheDirName),
    profile: 'pdfjs',
  });
  return {
    lib: loaded.lib,
    WorkerMessageHandler: loaded.WorkerMessageHandler,
    saveCodeCache: saveCodeCaches,
  };
}

/**
 * A cache file is MAGIC, the SHA-256 of what follows, then V8's data. V8 checks its data's length and
 * version but not its bytes, and reading damaged data could crash every later run; a file that does not
 * hash to what it says is not handed to V8.
 */
const MAGIC = Buffer.from('SBV8');
const HEADER = MAGIC.length + 32;

/** The cached data saved at `cachePath`, 'damaged', or undefined when there is none. */
function readCodeCache(cachePath) {
  let file;
  try {
    file = readFileSync(cachePath);
  } catch {
    return undefined;
  }
  const data = file.subarray(HEADER);
  const intact =
    file.length > HEADER &&
    file.subarray(0, MAGIC.length).equals(MAGIC) &&
    file.subarray(MAGIC.length, HEADER).equals(createHash('sha256').update(data).digest());
  return intact ? data : 'damaged';
}

function saveCodeCache(script, cachePath) {
  // Threads of one process may save the same cache at once (pdf.js's): each writes a file of its own.
  const temporary = `${cachePath}.${process.pid}.${threadId}.tmp`;
  try {
    mkdirSync(dirname(cachePath), { recursive: true });
    const data = script.createCachedData();
    writeFileSync(temporary, Buffer.concat([MAGIC, createHash('sha256').update(data).digest(), data]));
    renameSync(temporary, cachePath);
  } catch {
    // Not kept (a read-only install, a full disk): the next run compiles as this one did.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/**
 * What a command line's cache is kept for: its command (the first word that is not an option or the
 * data folder), or 'other'. Each command runs different code, so each has its own cache.
 */
function commandProfile(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--data-dir') i++;
    else if (!arg.startsWith('-')) return /^[a-z][a-z-]{0,30}$/.test(arg) ? arg : 'other';
  }
  return 'other';
}

module.exports = {
  cacheWorkerCode,
  codeCachePath,
  commandProfile,
  requirePdfjs,
  requireWithCodeCache,
  saveCodeCaches,
};
