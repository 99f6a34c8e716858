/**
 * The services start their worker threads and processes from the prebuilt bundle (dist/cli, brought up to
 * date with the sources before the tests by tests/setup/cli.ts), as the desktop app, the command line and the
 * browser bridge all do. From the sources (untrusted/boot.mjs) every thread compiles pdf.js and the
 * services again through tsx: about 0.2 s more for each reader thread and more for each worker process,
 * 116 s of a 472 s run. tests/integration/electron/services/workers/start.fromSources.test.ts runs each worker
 * from the sources too, as a checkout without esbuild would.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/repo';

globalThis.__sendBundleWorkers ??= {
  dir: pathToFileURL(join(REPO_ROOT, 'dist', 'cli') + '/').href,
  ext: '.mjs',
};
