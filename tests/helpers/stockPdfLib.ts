/**
 * For the pdf-lib patch groups that change what pdf-lib reads on purpose (electron/services/pdf/
 * pdfLibPatches.ts): every shared fixture's objects must still read as stock pdf-lib reads them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { expect, it } from 'vitest';
import { setPatchGroupForTest, type PatchGroup } from '../../electron/services/pdf/pdfLibPatches';
import { FIXTURES } from './context';

/** The sound, structural and malformed fixtures under 2 MB, by their path under the fixtures folder. */
function fixtureFiles(): string[] {
  return ['valid', 'structure', 'malformed'].flatMap((dir) => {
    const folder = join(FIXTURES, dir);
    return existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => name.endsWith('.pdf') && statSync(join(folder, name)).size < 2_000_000)
          .map((name) => join(dir, name))
      : [];
  });
}

/** Each object of `bytes` as pdf-lib reads it, by reference; or the error that stopped it. */
async function objectsAsRead(bytes: Uint8Array): Promise<Map<string, string> | string> {
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return new Map(doc.context.enumerateIndirectObjects().map(([ref, object]) => [ref.tag, String(object)]));
  } catch (error) {
    return String(error);
  }
}

/** A test for each fixture: its objects the same with `group` on as without (the caller puts it back). */
export function itReadsEveryFixtureAsStock(group: PatchGroup): void {
  it.each(fixtureFiles())('%s: every object as stock pdf-lib reads it', async (file) => {
    const bytes = readFileSync(join(FIXTURES, file));
    const patched = await objectsAsRead(bytes);
    setPatchGroupForTest(group, false);
    const stock = await objectsAsRead(bytes);
    expect(patched).toEqual(stock);
  });
}
