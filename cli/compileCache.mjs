// Runs a CommonJS bundle (dist/cli/send-bundle.cjs) with a V8 code cache, so a command does not compile
// the same 5 MB of JavaScript again on every start. Node 22 has this built in (module.enableCompileCache);
// Node 20, which the app supports, does not, so this does what it does for one file.
//
// The first run of each command (its `profile`) saves, as it exits, the compiled code of every function it
// ran; later runs of that command load it instead of parsing and compiling. On the 1,000-page bench, a
// verified `send-bundle build` spends about 0.1 s less in compiling; docs/performance.md has the figures.
//
// A cache is only ever used for the exact bytes it was made from: its name carries the SHA-256 of the
// bundle's source and the Node version (V8 itself checks only the source's length, its own version and
// its flags, and refuses a cache that does not match those). A cache that cannot be read, or that V8
// refuses, is ignored and made again; one that cannot be written (a read-only install) is not kept. It is
// written to a temporary name and renamed, so commands run at once never read half a file.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import vm from 'node:vm';

const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/** The cache file for `file`'s bytes, for runs of `profile`. */
export function codeCachePath(file, bytes, { cacheDir, profile }) {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const safeProfile = profile.replace(/[^a-z0-9-]/gi, '_');
  return join(cacheDir, `${basename(file)}.${safeProfile}.${process.version}.${process.arch}.${hash}.v8`);
}

/**
 * Loads `file` (a CommonJS bundle) as require() would, compiled with the code cache of `profile` in
 * `cacheDir` when there is a good one, and saves one when the process exits if there was none. Returns
 * its module.exports. `onCache` is told what happened ('used', 'none', 'rejected'), for tests.
 */
export function requireWithCodeCache(path, { cacheDir, profile, onCache }) {
  const file = resolve(path);
  const bytes = readFileSync(file);
  const cachePath = codeCachePath(file, bytes, { cacheDir, profile });
  const source = bytes.toString('utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  quietDefaultLoaderWarning();
  // In Node 20 a script's import() fails once its code comes from a cache (the callback below is lost with
  // it), so the bundle imports ES module packages (pdf.js) by name through this module's own import()
  // (electron/services/pdf/pdfjs.ts).
  globalThis.__sendBundleImport ??= (specifier) => import(specifier);
  const script = new vm.Script(WRAPPER[0] + source + WRAPPER[1], {
    filename: file,
    cachedData,
    // import() of pdf.js and other ES modules, resolved from the bundle's folder as Node does for a file.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const state = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  onCache?.(state);
  if (state !== 'used') process.once('exit', () => saveCodeCache(script, cachePath));
  const module = { exports: {}, id: file, filename: file, loaded: false };
  const compiled = script.runInThisContext();
  compiled.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}

/**
 * Node 20 marks import() from a vm.Script through its default loader as experimental and prints a warning
 * the first time a command imports an ES module (pdf.js): not something a user should see on every run.
 * Only that warning is dropped.
 */
function quietDefaultLoaderWarning() {
  const emitWarning = process.emitWarning;
  if (emitWarning.quietsDefaultLoader) return;
  const filtered = function (warning, ...rest) {
    const text = typeof warning === 'string' ? warning : warning?.message;
    if (typeof text === 'string' && text.includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
    return emitWarning.call(process, warning, ...rest);
  };
  filtered.quietsDefaultLoader = true;
  process.emitWarning = filtered;
}

function saveCodeCache(script, cachePath) {
  const temporary = `${cachePath}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cachePath), { recursive: true });
    writeFileSync(temporary, script.createCachedData());
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
export function commandProfile(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--data-dir') i++;
    else if (!arg.startsWith('-')) return /^[a-z][a-z-]{0,30}$/.test(arg) ? arg : 'other';
  }
  return 'other';
}
