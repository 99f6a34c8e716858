import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
/** The shared third-party PDFs, beside the repository. */
export const FIXTURE_PDFS = resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'pdfs');
export const STATIC_DIR = join(REPO_ROOT, 'dist', 'renderer');
export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'e2e');
