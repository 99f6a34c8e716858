import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The import corpus (about 290 imports and 340 builds) is the longest file. Started last, it ran alone on
 * one core after every other file had finished (for ten minutes, before builds kept their reader's thread
 * for the next one: about a minute now); started first, it runs beside them.
 */
const LONGEST = ['tests/integration/electron/services/documents/import.corpus.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isLong = (file: TestSpecification) => LONGEST.some((name) => file.moduleId.endsWith(name));
    return [...sorted.filter(isLong), ...sorted.filter((file) => !isLong(file))];
  }
}

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/pdfLib.ts', 'tests/setup/bundledWorkers.ts'],
    globalSetup: ['tests/setup/cli.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves one of the build machine's 2 cores idle (it keeps one for itself, which
    // does next to nothing): most of these tests are single-threaded, so two run side by side.
    maxWorkers: 2,
    // Each worker keeps its modules from one test file to the next instead of loading pdf-lib, pdf.js, the
    // services and their fonts again for every file: on a slow machine that was 250 s of a 700 s run (now
    // under 500 s). Files must leave nothing behind: those that take pdf-lib's patches out put them back
    // (afterEach), spies are restored, and there are no module mocks. Checked in a shuffled order too.
    isolate: false,
    sequence: { sequencer: LongestFirst },
  },
});
