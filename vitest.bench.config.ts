import { defineConfig } from 'vitest/config';

/**
 * Tests at full size, too slow for every CI run (a minute or more of both cores each): `npm run bench` runs
 * them as a step and fails loudly when one fails. `npx vitest run -c vitest.bench.config.ts` runs them alone.
 */
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/pdfLib.ts'],
    globalSetup: ['tests/setup/cli.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
