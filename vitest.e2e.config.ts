import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built renderer in Debian's Chromium through the browser bridge, real services. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/pdfLib.ts', 'tests/setup/bundledWorkers.ts'],
    globalSetup: ['tests/setup/cli.ts', 'tests/e2e/globalSetup.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One browser at a time: the build machines have 2 cores shared by everyone.
    fileParallelism: false,
  },
});
