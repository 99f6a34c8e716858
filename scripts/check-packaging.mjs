#!/usr/bin/env node
// npm run check:packaging: runs electron-builder for real, offline, as far as it goes without Electron's
// download: a Linux unpacked build (--dir) from a stand-in Electron folder, then checks the layout —
// app.asar holds main.cjs, preload.cjs, the renderer, package.json and the fonts; better-sqlite3's
// compiled module is unpacked beside it; the guide, fonts and icon are in resources/. It does not
// rebuild native modules for Electron (that needs Electron's headers from the internet: npm run dist).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const work = mkdtempSync(join(tmpdir(), 'send-bundle-packaging-'));
const fakeElectron = join(work, 'electron-dist');
const output = join(work, 'release');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed.`);
}

try {
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html')))
    run(process.execPath, [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
    ]);
  run(process.execPath, [join(root, 'scripts', 'build-electron.mjs')]);

  // A stand-in for Electron's unpacked folder: a program file carrying the fuse sentinel electron-builder
  // looks for (the fuses are flipped in it as they would be in the real one).
  mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
  writeFileSync(
    join(fakeElectron, 'electron'),
    '#!/bin/sh\necho stand-in\n' + 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\x01\x09101010101',
  );
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  writeFileSync(join(fakeElectron, 'LICENSE'), '');
  writeFileSync(join(fakeElectron, 'LICENSES.chromium.html'), '');

  const electronVersion = require('electron/package.json').version;
  run(process.execPath, [
    join(root, 'node_modules', 'electron-builder', 'cli.js'),
    '--linux',
    '--dir',
    '--config',
    'electron-builder.yml',
    `-c.electronDist=${fakeElectron}`,
    `-c.electronVersion=${electronVersion}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${output}`,
  ]);

  const resources = join(output, 'linux-unpacked', 'resources');
  const asar = require('@electron/asar');
  const inside = new Set(asar.listPackage(join(resources, 'app.asar')).map((p) => p.replace(/\\/g, '/')));
  const problems = [];
  for (const path of [
    '/package.json',
    '/dist/electron/main.cjs',
    '/dist/electron/preload.cjs',
    '/dist/electron/untrustedWorker.cjs',
    '/dist/electron/pdfScanWorker.cjs',
    '/dist/renderer/index.html',
    '/resources/fonts/DejaVuSans.ttf',
    '/resources/fonts/DroidSansFallback.ttf',
    '/resources/fonts/NotoSansBengali-Regular.ttf',
    '/resources/fonts/NotoSansArabic-Regular.ttf',
    '/node_modules/pdfjs-dist/legacy/build/pdf.mjs',
    '/node_modules/libheif-js/libheif-wasm/libheif.wasm',
    '/node_modules/@jsquash/webp/codec/dec/webp_dec.wasm',
    '/node_modules/@jsquash/avif/codec/dec/avif_dec.wasm',
  ])
    if (!inside.has(path)) problems.push(`app.asar is missing ${path}`);
  for (const path of [
    '/node_modules/zod/package.json',
    '/node_modules/tsx/package.json',
    '/node_modules/react/package.json',
  ])
    if (inside.has(path)) problems.push(`app.asar should not hold ${path} (bundled or not needed)`);
  for (const path of [
    'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'app.asar.unpacked/resources/fonts/DejaVuSans.ttf',
    'guide/index.html',
    'fonts/DejaVuSans.ttf',
    'icons/icon.png',
  ])
    if (!existsSync(join(resources, path))) problems.push(`resources/${path} is missing`);
  if (problems.length) {
    console.error(`Packaging check failed:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(
      `Packaging check passed: ${inside.size} entries in app.asar, layout as expected (${output}).`,
    );
  }
} finally {
  if (!process.env.KEEP_PACKAGING_OUTPUT) rmSync(work, { recursive: true, force: true });
}
