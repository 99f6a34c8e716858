/**
 * Tests mirror the source tree (issue #16): a test of `shared/bundle/plan.ts` is
 * `tests/unit/shared/bundle/plan.test.ts`, a second file about one aspect of it
 * `plan.<aspect>.test.ts`, and a test of a whole folder sits beside that folder's mirror
 * (`tests/unit/shared/dates.test.ts` for `shared/dates/`). Tests of the test helpers mirror
 * `tests/helpers/` under `helpers/`. The few tests about the whole repository are listed below.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repo';

const KINDS = ['unit', 'integration'];

/** Tests about the repository as a whole, which mirror no one file or folder. */
const WHOLE_REPOSITORY = new Set([
  'tests/unit/import-cycles.test.ts', // import circles in renderer/ and shared/
  'tests/unit/test-layout.test.ts', // this file
]);

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The source file or folder a test file mirrors, or null when there is none. */
function mirrored(testPath: string): string | null {
  const [, , ...rest] = testPath.split('/');
  const name = rest.pop()!.replace(/\.test\.ts$/, '');
  const folder = rest[0] === 'helpers' ? join(REPO_ROOT, 'tests', ...rest) : join(REPO_ROOT, ...rest);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return null;
  const entries = readdirSync(folder);
  // `plan.names` mirrors `plan.ts`; `eslint.config` mirrors `eslint.config.js`: longest name first.
  const parts = name.split('.');
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join('.');
    const found = entries.find(
      (entry) =>
        entry === candidate ||
        (entry.startsWith(`${candidate}.`) && !entry.slice(candidate.length + 1).includes('.')),
    );
    if (found) return relative(REPO_ROOT, join(folder, found));
  }
  return null;
}

describe('tests mirror the source tree', () => {
  it('finds the source of a test, and none for a test of nothing (the check itself works)', () => {
    expect(mirrored('tests/unit/shared/bundle/plan.test.ts')).toBe(join('shared', 'bundle', 'plan.ts'));
    expect(mirrored('tests/unit/shared/dates.test.ts')).toBe(join('shared', 'dates'));
    expect(mirrored('tests/unit/electron/services/pdf/pdfLibPatches.names.test.ts')).toBe(
      join('electron', 'services', 'pdf', 'pdfLibPatches.ts'),
    );
    expect(mirrored('tests/unit/eslint.config.walls.test.ts')).toBe('eslint.config.js');
    expect(mirrored('tests/unit/helpers/seed.test.ts')).toBe(join('tests', 'helpers', 'seed.ts'));
    expect(mirrored('tests/unit/shared/bundle/nothing.test.ts')).toBeNull();
    expect(mirrored('tests/unit/shared/nowhere/plan.test.ts')).toBeNull();
    expect(mirrored('tests/unit/bundle-plan.test.ts')).toBeNull();
  });

  it('has every unit and integration test beside the mirror of its source file or folder', () => {
    const stray = KINDS.flatMap((kind) => testFiles(join(REPO_ROOT, 'tests', kind)))
      .map((path) => relative(REPO_ROOT, path).split(sep).join('/'))
      .filter((path) => !WHOLE_REPOSITORY.has(path) && mirrored(path) === null);
    expect(stray, 'test files that mirror no source file or folder').toEqual([]);
  });
});
