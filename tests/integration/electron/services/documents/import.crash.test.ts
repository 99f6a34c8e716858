/**
 * A crash mid-import: the CLI is importing many files in a child process and is killed with SIGKILL (no
 * chance to clean up). The database must pass its integrity check and hold no half-imported document;
 * the start-up clean-up must remove what the crash left in the store; importing again must finish the job.
 */
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServiceContext, openServiceContext } from '../../../../../electron/services/context';
import { createServices } from '../../../../../electron/services';
import { collectOrphanFiles } from '../../../../../electron/services/documents/garbage';
import { makeTextPdf } from '../../../../helpers/seed';
import { makePng } from '../../../../helpers/images';
import { spawnCli } from '../../../../helpers/cli';
import { documentProblems, storeFiles } from '../../../../helpers/importChecks';

const FILES = 40;

describe('killing an import with SIGKILL', () => {
  let dir: string;
  let files: string[];
  let caseId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'send-bundle-crash-'));
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    files = [];
    for (let i = 1; i <= FILES; i++) {
      // Mostly PDFs, with pictures in between so the kill can land in different stages of the pipeline.
      const name = i % 5 === 0 ? `photo-${i}.png` : `report-${i}.pdf`;
      const bytes = i % 5 === 0 ? makePng(400 + i, 300) : await makeTextPdf(`Report ${i}`, 25);
      writeFileSync(join(inbox, name), bytes);
      files.push(join(inbox, name));
    }
    const ctx = openServiceContext(join(dir, 'data'));
    caseId = createServices(ctx).cases.create({
      title: 'Crash',
      role: 'parent',
      appealType: 'contents-of-plan',
    }).id;
    closeServiceContext(ctx);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function countDocuments(): number {
    const db = new Database(join(dir, 'data', 'cases.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  /** Starts the import and kills it once `after` documents are recorded; returns how many there were. */
  async function importAndKill(after: number): Promise<number> {
    const child = spawnCli([
      '--data-dir',
      join(dir, 'data'),
      'import',
      String(caseId),
      ...files,
      '--section',
      'C',
    ]);
    const exited = once(child, 'exit');
    let killedAt = -1;
    for (let waited = 0; waited < 60_000; waited += 10) {
      if (child.exitCode !== null) break;
      const n = countDocuments();
      if (n >= after) {
        child.kill('SIGKILL');
        killedAt = n;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    return killedAt;
  }

  it('leaves a sound database with only whole documents, twice over, and a second run finishes', async () => {
    for (const after of [3, 12]) {
      const killedAt = await importAndKill(after);
      expect(killedAt).toBeGreaterThanOrEqual(after);
      const db = new Database(join(dir, 'data', 'cases.sqlite'));
      const ctx = openServiceContext(join(dir, 'data'));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const count = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
        expect(count).toBeGreaterThanOrEqual(killedAt);
        expect(count).toBeLessThan(FILES);
        // Every recorded document has its store file (matching its hash), its original, a page count.
        expect(documentProblems(db, ctx.store)).toEqual([]);

        // What the crash left in the store (a file written but not recorded, a temp file) goes at the next
        // start-up once it is old enough; here "old enough" is now. Nothing referenced goes.
        const referenced = new Set(
          (
            db.prepare('SELECT sha256, original_sha256, conversion FROM documents').all() as {
              sha256: string;
              original_sha256: string;
              conversion: string;
            }[]
          ).flatMap((r) =>
            r.conversion === 'none'
              ? [`documents/${r.sha256}.pdf`]
              : [`documents/${r.sha256}.pdf`, `originals/${r.original_sha256}`],
          ),
        );
        // The file reader, a process of its own, can outlive the killed command by its watchdog's half second
        // (more on a busy machine) and leave the temp folder of a job it had begun: a later start-up takes
        // that too.
        await expect
          .poll(
            () => {
              collectOrphanFiles(ctx, { minAgeMs: 0 });
              return storeFiles(ctx.store).sort();
            },
            { timeout: 10_000, interval: 250 },
          )
          .toEqual([...referenced].sort());
        expect(documentProblems(db, ctx.store)).toEqual([]);
      } finally {
        db.close();
        closeServiceContext(ctx);
      }
    }

    // Importing the same files again adds the rest; the ones already in are reported as duplicates.
    const ctx = openServiceContext(join(dir, 'data'));
    try {
      const before = countDocuments();
      const outcomes = await createServices(ctx).documents.import({
        caseId,
        section: 'C',
        files: files.map((path) => ({ name: path.split('/').pop() as string, path })),
      });
      expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(before);
      expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(FILES - before);
      expect(countDocuments()).toBe(FILES);
      expect(documentProblems(ctx.db, ctx.store)).toEqual([]);
    } finally {
      closeServiceContext(ctx);
    }
  }, 120_000);
});
