import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/pdfLib.ts'],
    globalSetup: ['tests/setup/cli.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves one of the build machine's 2 cores idle (it keeps one for itself, which
    // does next to nothing): most of these tests are single-threaded, so two run side by side.
    maxWorkers: 2,
  },
});
