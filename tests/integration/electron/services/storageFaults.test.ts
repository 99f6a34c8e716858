/**
 * Storage faults become refusals (exit 1, plain words, nothing changed): a read-only data folder (a
 * read-only bind mount), a full disk (a small tmpfs), a garbage cases.sqlite and one from a newer version.
 * Mounting needs root (as on the build machines and in CI); where it is not allowed those tests skip and
 * say why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
} from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../../electron/services';
import { closeServiceContext, openServiceContext } from '../../../../electron/services/context';
import { resolveHostFile } from '../../../../electron/host/files';
import { openFailureReason, openHost } from '../../../../electron/host/open';
import { closeIdleWorkers } from '../../../../electron/services/untrusted/runner';
import { TEMP_NAME } from '../../../../electron/store/atomicFile';
import { main } from '../../../../cli/main';
import { runCli } from '../../../helpers/cli';
import { makeTextPdf } from '../../../helpers/seed';

const scratch = mkdtempSync(join(tmpdir(), 'send-bundle-storage-'));
const mounts: string[] = [];

function tryMount(args: string[]): string | null {
  const result = spawnSync('mount', args, { encoding: 'utf8' });
  return result.status === 0 ? null : (result.stderr || result.error?.message || 'mount failed').trim();
}

afterAll(async () => {
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  rmSync(scratch, { recursive: true, force: true });
  await closeIdleWorkers();
});

/** The CLI in this process (a child process costs seconds each here); one test per kind still spawns it. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every temp file of the atomic writer under `dir`. */
function tempFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (TEMP_NAME.test(name) || d.endsWith(join('store', 'tmp'))) found.push(path);
    }
  };
  walk(dir);
  return found;
}

/** A PDF of about `kb` kilobytes that does not compress: one page showing a picture of noise. */
async function noisyPdf(kb: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const side = Math.ceil(Math.sqrt((kb * 1024) / 3));
  const raw = randomBytes(side * side * 3);
  const image = doc.context.flateStream(raw, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: side,
    Height: side,
    ColorSpace: 'DeviceRGB',
    BitsPerComponent: 8,
  });
  const ref = doc.context.register(image);
  const page = doc.addPage([595, 842]);
  const name = page.node.newXObject('Noise', ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(400, 0, 0, 400, 100, 300),
    drawObject(name),
    popGraphicsState(),
  );
  return doc.save();
}

/** A data folder with one case, one document and one built bundle, made in-process. */
async function seedFolder(dir: string, documentKb = 0): Promise<void> {
  const ctx = openServiceContext(dir);
  try {
    const services = createServices(ctx);
    const c = services.cases.create({ title: 'Stick', role: 'parent', appealType: 'refusal-to-issue' });
    const file = join(scratch, `seed-${randomBytes(4).toString('hex')}.pdf`);
    writeFileSync(file, documentKb ? await noisyPdf(documentKb) : await makeTextPdf('Report', 2));
    const [outcome] = await services.documents.import({
      caseId: c.id,
      section: 'C',
      files: [{ name: 'report.pdf', path: file }],
    });
    expect(outcome.status).toBe('imported');
    if (!documentKb) await services.bundle.build(c.id, { compiledDate: '2026-03-02' });
  } finally {
    closeServiceContext(ctx);
  }
}

describe('a read-only data folder opens read-only', () => {
  const source = join(scratch, 'ro-source');
  const mounted = join(scratch, 'ro');
  let skip: string | null = null;

  beforeAll(async () => {
    await seedFolder(source);
    mkdirSync(mounted);
    skip = tryMount(['--bind', source, mounted]) ?? tryMount(['-o', 'remount,bind,ro', mounted]);
    if (!skip) mounts.push(mounted);
    if (!skip) {
      try {
        writeFileSync(join(mounted, 'probe'), 'x');
        skip = 'the bind mount is not read-only';
      } catch {
        // Read-only, as wanted.
      }
    }
  }, 120_000);

  it('lists, shows, exports and checks; import and build refuse clearly', async (test) => {
    if (skip) test.skip(`cannot make a read-only bind mount here (${skip})`);
    const before = sha(join(source, 'cases.sqlite'));
    const list = await cli(['--data-dir', mounted, 'case', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('Stick');
    const show = await cli(['--data-dir', mounted, 'case', 'show', '1']);
    expect(show.code, show.stderr).toBe(0);
    const docs = await cli(['--data-dir', mounted, 'docs', '1']);
    expect(docs.code, docs.stderr).toBe(0);
    expect(docs.stdout).toContain('report');
    const out = join(scratch, 'ro-export.zip');
    const exported = await cli(['--data-dir', mounted, 'case', 'export', '1', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const check = await cli(['check', join(mounted, 'bundles', '1', 'v1.pdf')]);
    expect(check.code, check.stderr).toBe(0);

    const file = join(scratch, 'new.pdf');
    writeFileSync(file, await makeTextPdf('New', 1));
    const imported = await cli(['--data-dir', mounted, 'import', '1', file, '--section', 'C']);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/can only be read, not changed/);
    const built = await runCli(['--data-dir', mounted, 'build', '1']);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/can only be read, not changed/);
    for (const result of [imported, built]) expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(sha(join(source, 'cases.sqlite'))).toBe(before);

    // The app's side: versions available, previews resolve, writes refused through the router.
    const ctx = openServiceContext(mounted);
    try {
      expect(ctx.readOnly).toBe(true);
      const services = createServices(ctx);
      const [version] = services.bundle.versions(1);
      expect(version.available).toBe(true);
      expect(resolveHostFile(services, { kind: 'bundle', id: version.id })?.size).toBeGreaterThan(0);
      const doc = services.documents.list(1)[0];
      expect(resolveHostFile(services, { kind: 'document', sha256: doc.sha256 })).not.toBeNull();
      expect(() =>
        services.cases.create({ title: 'X', role: 'parent', appealType: 'refusal-to-issue' }),
      ).toThrow();
    } finally {
      closeServiceContext(ctx);
    }
  });
});

describe('a full disk', () => {
  const disk = join(scratch, 'disk');
  let skip: string | null = null;

  beforeAll(async () => {
    mkdirSync(disk);
    skip = tryMount(['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', disk]);
    if (!skip) mounts.push(disk);
  });

  function fill(leaveBytes: number): void {
    const free = Number(
      execFileSync('df', ['-B1', '--output=avail', disk], { encoding: 'utf8' }).split('\n')[1],
    );
    const filler = join(disk, `filler-${randomBytes(3).toString('hex')}`);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - leaveBytes)));
  }

  it('build and import: exit 1, a plain message, nothing recorded, no temp file left', async (test) => {
    if (skip) test.skip(`cannot mount a small tmpfs here (${skip})`);
    const data = join(disk, 'data');
    await seedFolder(data, 1200);
    const rows = () => {
      const db = new Database(join(data, 'cases.sqlite'), { readonly: true });
      try {
        return {
          documents: (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n,
          bundles: (db.prepare('SELECT COUNT(*) AS n FROM bundles').get() as { n: number }).n,
        };
      } finally {
        db.close();
      }
    };
    expect(rows()).toEqual({ documents: 1, bundles: 0 });
    fill(400 * 1024);

    const built = await runCli(['--data-dir', data, 'build', '1']);
    expect(built.code, built.stderr).toBe(1);
    expect(built.stderr).toMatch(/The disk is full, so nothing was saved/);
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect(rows()).toEqual({ documents: 1, bundles: 0 });
    expect(tempFiles(data)).toEqual([]);

    const big = join(scratch, 'big.pdf');
    writeFileSync(big, await noisyPdf(900));
    const imported = await cli(['--data-dir', data, 'import', '1', big, '--section', 'C']);
    expect(imported.code, imported.stdout + imported.stderr).toBe(1);
    expect(imported.stderr + imported.stdout).toMatch(/The disk is full/);
    expect(rows()).toEqual({ documents: 1, bundles: 0 });
    expect(tempFiles(data)).toEqual([]);
  });
});

describe('a full disk under a copy, a new data folder or the demo', () => {
  const disk = join(scratch, 'disk2');
  let skip: string | null = null;

  beforeAll(async () => {
    mkdirSync(disk);
    skip = tryMount(['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk]);
    if (!skip) mounts.push(disk);
  });

  /** Fills the disk to `leaveBytes` free; returns a function that frees it again. */
  function fill(leaveBytes: number): () => void {
    const free = Number(
      execFileSync('df', ['-B1', '--output=avail', disk], { encoding: 'utf8' }).split('\n')[1],
    );
    const filler = join(disk, `filler-${randomBytes(3).toString('hex')}`);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - leaveBytes)));
    return () => rmSync(filler);
  }

  it('build --out onto it: exit 1, the disk named full, the version not kept, no temp file left on either disk', async (test) => {
    if (skip) test.skip(`cannot mount a small tmpfs here (${skip})`);
    const data = join(scratch, 'copy-data');
    await seedFolder(data);
    const free = fill(4096);
    try {
      const out = join(disk, 'copies');
      mkdirSync(out);
      const built = await cli(['--data-dir', data, 'build', '1', '--out', join(out, 'bundle.pdf')]);
      expect(built.code, built.stdout + built.stderr).toBe(1);
      expect(built.stderr).toMatch(/The disk is full, so nothing was saved/);
      expect(readdirSync(out)).toEqual([]);
      expect(tempFiles(data)).toEqual([]);
      expect(readdirSync(join(data, 'bundles', '1'))).toEqual(['v1.pdf']);
    } finally {
      free();
    }
  });

  it('a new data folder on it: the disk named full, not a disk error (SQLite says SQLITE_IOERR_SHMSIZE)', async (test) => {
    if (skip) test.skip(`cannot mount a small tmpfs here (${skip})`);
    const free = fill(20_000);
    try {
      const listed = await cli(['--data-dir', join(disk, 'fresh'), 'case', 'list']);
      expect(listed.code, listed.stdout + listed.stderr).toBe(1);
      expect(listed.stderr).toMatch(/The disk is full, so nothing was saved/);
      // The app's start (the Electron shell's dialog, npm run web) says the same.
      const started = (() => {
        try {
          openHost(join(disk, 'fresh2')).close();
          return null;
        } catch (error) {
          return error;
        }
      })();
      expect(started).not.toBeNull();
      expect(openFailureReason(started, join(disk, 'fresh2'))).toMatch(
        /^The disk is full, so nothing was saved/,
      );
    } finally {
      free();
    }
  });

  it('the demo into it: exit 1, the disk named full, and its folder left empty to run it again', async (test) => {
    if (skip) test.skip(`cannot mount a small tmpfs here (${skip})`);
    const out = join(disk, 'demo');
    mkdirSync(out);
    const free = fill(300_000);
    try {
      for (let run = 0; run < 2; run++) {
        const demo = await cli(['demo', '--out', out]);
        expect(demo.code, demo.stdout + demo.stderr).toBe(1);
        // The second run too: not "is not empty".
        expect(demo.stderr).toMatch(/The disk is full, so nothing was saved/);
        expect(readdirSync(out)).toEqual([]);
      }
    } finally {
      free();
    }
  });

  it("the demo into it with a data folder of the user's: the half-made sample case is archived, not left among theirs", async (test) => {
    if (skip) test.skip(`cannot mount a small tmpfs here (${skip})`);
    const data = join(scratch, 'demo-data');
    await seedFolder(data);
    const out = join(disk, 'demo-own');
    mkdirSync(out);
    const free = fill(100_000);
    try {
      const demo = await cli(['--data-dir', data, 'demo', '--out', out]);
      expect(demo.code, demo.stdout + demo.stderr).toBe(1);
      expect(demo.stderr).toMatch(/The disk is full, so nothing was saved/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      free();
    }
    const ctx = openServiceContext(data);
    try {
      const cases = createServices(ctx).cases.list({ includeArchived: true });
      expect(cases.map((c) => [c.title, c.archived])).toEqual([
        ['Stick', false],
        [expect.any(String), true],
      ]);
    } finally {
      closeServiceContext(ctx);
    }
  });
});

describe('a damaged or newer database is refused and left untouched', () => {
  it.each([
    [
      'garbage',
      (file: string) => writeFileSync(file, randomBytes(64 * 1024)),
      /not a case database, or it is damaged/,
    ],
    [
      'newer',
      (file: string) => {
        const db = new Database(file);
        db.exec('CREATE TABLE future (x)');
        db.pragma('user_version = 999');
        db.close();
      },
      /saved by a newer version of SEND Bundle Builder/,
    ],
  ])('%s cases.sqlite', async (_kind, make, message) => {
    const data = mkdtempSync(join(scratch, 'db-'));
    const file = join(data, 'cases.sqlite');
    make(file);
    const before = sha(file);
    const list = await (_kind === 'garbage' ? runCli : cli)(['--data-dir', data, 'case', 'list']);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(message);
    expect(list.stderr).not.toMatch(/\n\s+at /);
    expect(sha(file)).toBe(before);
    expect(readdirSync(data).filter((n) => n.startsWith('cases.sqlite'))).toEqual(['cases.sqlite']);
  });
});
