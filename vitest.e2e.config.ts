import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built renderer in Debian's Chromium through the browser bridge, real services. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/pdfLib.ts', 'tests/setup/bundledWorkers.ts'],
    globalSetup: ['tests/setup/cli.ts', 'tests/e2e/globalSetup.ts'],
    testTimeout: 240_000,
    // expect.poll waits for the screen (a preview drawn, a list reordered), which on a loaded 2-core machine
    // can take longer than vitest's default of one second: a letter's preview missed it so with two test
    // files running at once. A poll still ends as soon as what it waits for is there.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    pool: 'forks',
    // One browser at a time: the build machines have 2 cores shared by everyone.
    fileParallelism: false,
  },
});
