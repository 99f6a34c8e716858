/**
 * The services start their worker threads and processes from the prebuilt bundle (dist/cli, brought up to
 * date with the sources before the tests by tests/setup/cli.ts), as the desktop app, the command line and the
 * browser bridge all do. From the sources (untrusted/boot.mjs) every thread compiles pdf.js and the
 * services again through tsx: about 0.2 s more for each reader thread and more for each worker process,
 * 116 s of a 472 s run. tests/integration/electron/services/workers/start.fromSources.test.ts runs each worker
 * from the sources too, as a checkout without esbuild would.
 *
 * A bundle older than the sources (a worker's code changed while `vitest` watches) is not used: the workers
 * then run from the sources, so a test never runs code older than what it tests.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliBuildIsFresh } from '../../scripts/cliFresh.mjs';
import { REPO_ROOT } from '../helpers/repo';

const BUNDLE = { dir: pathToFileURL(join(REPO_ROOT, 'dist', 'cli') + '/').href, ext: '.mjs' };

if (cliBuildIsFresh()) globalThis.__sendBundleWorkers ??= BUNDLE;
else {
  if (globalThis.__sendBundleWorkers === BUNDLE || globalThis.__sendBundleWorkers?.dir === BUNDLE.dir)
    globalThis.__sendBundleWorkers = undefined;
  console.warn(
    'The prebuilt bundle is older than the sources: these tests start their workers from the sources.',
  );
}
