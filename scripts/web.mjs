#!/usr/bin/env node
// npm run web [-- --port N --data-dir DIR]: build the renderer if it is missing, then start the browser
// bridge (electron/bridge/start.ts, run through tsx) with the same arguments.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  console.log('Building the app first (this happens once)...');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'electron', 'bridge', 'start.ts'), ...args],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
