/** The S/MIME emails of tests/fixtures/smime (see its README.md). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo';

/** A fixture's bytes, as saved. */
export function smimeFixture(name: string): Buffer {
  return readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'smime', name));
}

/** The smime.p7m of a saved S/MIME email: its body, base64-decoded. */
export function p7mOf(name: string): Buffer {
  const text = smimeFixture(name).toString('latin1');
  return Buffer.from(text.slice(text.search(/\r?\n\r?\n/)), 'base64');
}
