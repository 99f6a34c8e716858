#!/usr/bin/env node
// npm start: build the app, then run it in Electron. Where Electron's program is not installed (it is
// downloaded separately from the npm package), try to download it once; if that is not possible (no
// internet, or a locked-down machine), explain, and run the same app in the browser instead
// (scripts/web.mjs), so `npm start` always gives a working app.
// Options are passed on: npm start -- --data-dir DIR
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const require = createRequire(join(root, 'package.json'));

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

/** The Electron program's path if it is installed: require('electron') throws or names a missing file otherwise. */
export function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function build() {
  console.log('Building the app...');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!run(process.execPath, [vite, 'build', '--logLevel', 'warn'])) process.exit(1);
  if (!run(process.execPath, [join(root, 'scripts', 'build-electron.mjs')])) process.exit(1);
}

function passOn(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startBrowserVersion(reason) {
  console.log(
    [
      '',
      'SEND Bundle Builder cannot open as a desktop app on this computer:',
      `  ${reason}`,
      '',
      'Starting the same app in your web browser instead. It works the same way and keeps your cases in',
      'the same kind of folder; it only listens to this computer (127.0.0.1), never to the network.',
      'To use the desktop app, install the packaged version (see docs/desktop.md), or run "npm start"',
      'again on a computer with an internet connection so Electron can be downloaded once.',
      '',
    ].join('\n'),
  );
  passOn(
    spawn(process.execPath, [join(root, 'scripts', 'web.mjs'), ...args], { cwd: root, stdio: 'inherit' }),
  );
}

function main() {
  build();
  let binary = electronBinary();
  if (!binary) {
    const installer = join(root, 'node_modules', 'electron', 'install.js');
    if (!existsSync(installer)) {
      startBrowserVersion('the electron package is not installed (run "npm install").');
      return;
    }
    console.log('Downloading Electron (once, about 100 MB)...');
    // The package install skips this download on build machines (ELECTRON_SKIP_BINARY_DOWNLOAD); force it here.
    const env = { ...process.env };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    // Its errors come as a stack trace: the first line says what went wrong, and is what the user sees.
    const download = spawnSync(process.execPath, [installer], {
      cwd: join(root, 'node_modules', 'electron'),
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      timeout: 10 * 60 * 1000,
    });
    binary = electronBinary();
    if (!binary) {
      const why = (download.stderr ?? '').split('\n').find((line) => line.trim() !== '');
      startBrowserVersion(
        'Electron could not be downloaded (no internet connection, or downloads are blocked)' +
          (why ? `:\n  ${why.trim().slice(0, 200)}` : '.'),
      );
      return;
    }
  }
  const dataArgs = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--data-dir' && args[i + 1]) dataArgs.push(`--data-dir=${args[++i]}`);
    else dataArgs.push(args[i]);
  }
  passOn(spawn(binary, [root, ...dataArgs], { cwd: root, stdio: 'inherit' }));
}

if (process.argv[1] && join(process.argv[1]) === fileURLToPath(import.meta.url)) main();
