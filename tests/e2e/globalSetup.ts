/**
 * Builds the renderer once before the end-to-end tests (vite, about two seconds), so they always test
 * the current code. Skipped, with the reason printed, where Debian's Chromium is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, REPO_ROOT } from './paths';

export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    console.warn(
      `\nSkipping the end-to-end tests: ${CHROMIUM_PATH} is not installed. ` +
        'Install it with "sudo bash scripts/install-system-deps.sh" (CI does).\n',
    );
    return;
  }
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (built.status !== 0) throw new Error('Building the renderer for the end-to-end tests failed.');
}
