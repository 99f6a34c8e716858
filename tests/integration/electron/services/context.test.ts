/**
 * A data folder that is copied, restored or moved keeps working (stored paths are relative to it), an
 * export that would lose a recorded file refuses and names it, and a build killed with SIGKILL at
 * several moments leaves no temp file after the next start (past the housekeeping age guard).
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  renameSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../../electron/services';
import { closeServiceContext, openServiceContext } from '../../../../electron/services/context';
import { openDatabase } from '../../../../electron/db/connection';
import { bundlePathInFolder, migrate } from '../../../../electron/db/migrations';
import { resolveHostFile } from '../../../../electron/host/files';
import { openHost } from '../../../../electron/host/open';
import { closeIdleWorkers } from '../../../../electron/services/untrusted/runner';
import { TEMP_NAME } from '../../../../electron/store/atomicFile';
import { CLI, runCli } from '../../../helpers/cli';
import { makeTextPdf } from '../../../helpers/seed';

const scratch = mkdtempSync(join(tmpdir(), 'send-bundle-folder-'));
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await closeIdleWorkers();
});

async function seedCase(dir: string, pages: number, build: boolean) {
  const ctx = openServiceContext(dir, { clock: () => new Date('2026-03-01T10:00:00Z') });
  try {
    const services = createServices(ctx);
    const c = services.cases.create({ title: 'Moving', role: 'parent', appealType: 'refusal-to-issue' });
    const file = join(scratch, `report-${pages}.pdf`);
    writeFileSync(file, await makeTextPdf('Report', pages));
    const [outcome] = await services.documents.import({
      caseId: c.id,
      section: 'C',
      files: [{ name: 'report.pdf', path: file }],
    });
    expect(outcome.status).toBe('imported');
    if (build) {
      await services.bundle.build(c.id, { compiledDate: '2026-03-02' });
      await services.bundle.build(c.id, { compiledDate: '2026-03-03' });
    }
    return c.id;
  } finally {
    closeServiceContext(ctx);
  }
}

function tempFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (TEMP_NAME.test(name)) found.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

describe('a data folder moved or deleted while the app has it open', () => {
  it('refuses every call, saying so, where saves would have looked done and been lost; works again once put back', async () => {
    const dir = join(scratch, 'open-folder');
    const away = join(scratch, 'open-folder-away');
    const host = openHost(dir);
    try {
      const create = (title: string) =>
        host.router.call('cases.create', { title, role: 'parent', appealType: 'refusal-to-issue' });
      expect(await create('First')).toMatchObject({ ok: true });

      renameSync(dir, away);
      for (const result of [await create('Second'), await host.router.call('cases.list', {})]) {
        expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
        if (!result.ok)
          expect(result.error.message).toBe(
            `The case folder (${dir}) is no longer where it was: it may have been moved, renamed or deleted, or the memory stick or network drive it is on was disconnected. Nothing more can be saved to it, and what was just done may not have been saved. Put the folder back (or reconnect the drive), then close the app and open it again.`,
          );
      }
      // Put back: the same database file, so the calls go on.
      renameSync(away, dir);
      expect(await create('Third')).toMatchObject({ ok: true });

      // Deleted (SQLite would go on writing to the deleted file), then another folder made in its place.
      rmSync(dir, { recursive: true, force: true });
      expect(await create('Fourth')).toMatchObject({ ok: false, error: { code: 'refused' } });
      mkdirSync(dir);
      writeFileSync(join(dir, 'cases.sqlite'), '');
      expect(await create('Fifth')).toMatchObject({ ok: false, error: { code: 'refused' } });
    } finally {
      host.close();
    }
  });
});

describe('a moved data folder keeps its bundles', () => {
  it('copy elsewhere, delete the original: every version available, exported and previewed', async () => {
    const original = join(scratch, 'original');
    const caseId = await seedCase(original, 3, true);
    const moved = join(scratch, 'moved', 'SEND data');
    mkdirSync(join(scratch, 'moved'));
    cpSync(original, moved, { recursive: true });
    rmSync(original, { recursive: true, force: true });

    const ctx = openServiceContext(moved);
    try {
      const services = createServices(ctx);
      const versions = services.bundle.versions(caseId);
      expect(versions.map((v) => [v.version, v.available])).toEqual([
        [1, true],
        [2, true],
      ]);
      for (const v of versions) {
        expect(v.path.startsWith(moved)).toBe(true);
        const preview = resolveHostFile(services, { kind: 'bundle', id: v.id });
        expect(preview?.path).toBe(v.path);
        expect(preview?.size).toBe(v.sizeBytes);
      }
      const out = join(scratch, 'moved-export.zip');
      const exported = await services.archive.exportTo(caseId, out);
      expect(exported.bundles).toBe(2);
      const zip = await JSZip.loadAsync(readFileSync(out));
      expect(
        Object.keys(zip.files)
          .filter((n) => n.startsWith('files/bundles/'))
          .sort(),
      ).toEqual([`files/bundles/${caseId}/v1.pdf`, `files/bundles/${caseId}/v2.pdf`]);

      // A recorded file gone missing: the export refuses and names it, instead of leaving it out.
      rmSync(versions[0].path);
      await expect(services.archive.exportTo(caseId, join(scratch, 'incomplete.zip'))).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringContaining(`bundle version 1 (bundles/${caseId}/v1.pdf)`),
      });
      expect(existsSync(join(scratch, 'incomplete.zip'))).toBe(false);
      expect(tempFilesUnder(scratch)).toEqual([]);
    } finally {
      closeServiceContext(ctx);
    }
  });

  it('the migration rewrites absolute bundle paths recorded by earlier versions', () => {
    expect(bundlePathInFolder('/home/sam/.config/SEND Bundle Builder/bundles/3/v2.pdf')).toBe('3/v2.pdf');
    expect(bundlePathInFolder('C:\\Users\\Sam\\AppData\\Roaming\\SEND\\bundles\\4\\v1.pdf')).toBe('4/v1.pdf');
    expect(bundlePathInFolder('5/v1.pdf')).toBe('5/v1.pdf');

    const dir = mkdtempSync(join(scratch, 'legacy-'));
    const file = join(dir, 'cases.sqlite');
    const old = new Database(file);
    migrate(old, 5);
    old
      .prepare(
        "INSERT INTO cases (id, title, role, appeal_type, created_at, updated_at) VALUES (1, 'Old', 'parent', 'refusal-to-issue', 'x', 'x')",
      )
      .run();
    old
      .prepare(
        `INSERT INTO bundles (case_id, version, created_at, compiled_date, page_count, sha256, path, rule_pack,
           numbering, plan, compliance_summary, verification)
         VALUES (1, 1, 'x', '2026-01-01', 1, 'x', '/somewhere/else/bundles/1/v1.pdf', 'send', 'continuous', '{}', '{}', '{}')`,
      )
      .run();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT path FROM bundles').get()).toEqual({ path: '1/v1.pdf' });
    db.close();
  });
});

describe('kill -9 during a build', () => {
  it('at several moments: the next start leaves no temp files and a sound database', async () => {
    const data = join(scratch, 'killed');
    await seedCase(data, 400, false);
    const outside = join(scratch, 'outside');
    mkdirSync(outside);
    const outFile = join(outside, 'bundle.pdf');

    /** Starts a build and kills it with SIGKILL once `when` sees the moment it waits for. */
    const buildAndKill = async (when: () => boolean, extraDelayMs = 0): Promise<boolean> => {
      const child = spawn(process.execPath, [CLI, '--data-dir', data, 'build', '1', '--out', outFile], {
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let killed = false;
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline && child.exitCode === null) {
        if (when()) {
          if (extraDelayMs) await new Promise((r) => setTimeout(r, extraDelayMs));
          killed = child.kill('SIGKILL');
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await exited;
      return killed;
    };
    const bundleTemp = () => tempFilesUnder(join(data, 'bundles')).length > 0;
    const outTemp = () => tempFilesUnder(outside).length > 0;

    const moments: [string, () => boolean, number][] = [
      ['as the bundle file is started', bundleTemp, 0],
      ['part-way through writing or checking it', bundleTemp, 400],
      ['while copying it to --out', outTemp, 0],
    ];
    const killedAt: string[] = [];
    for (const [label, when, delay] of moments) if (await buildAndKill(when, delay)) killedAt.push(label);
    expect(killedAt.length).toBeGreaterThanOrEqual(2);
    const left = [...tempFilesUnder(data), ...tempFilesUnder(outside)];
    expect(left.length).toBeGreaterThan(0);

    // Past the age guard (another process could still be writing a fresh one), the next start removes them.
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    for (const path of left) utimesSync(path, hourAgo, hourAgo);
    for (const note of existsSync(join(data, 'temp-journal')) ? readdirSync(join(data, 'temp-journal')) : [])
      utimesSync(join(data, 'temp-journal', note), hourAgo, hourAgo);
    const next = await runCli(['--data-dir', data, 'case', 'list']);
    expect(next.code, next.stderr).toBe(0);
    expect([...tempFilesUnder(data), ...tempFilesUnder(outside)]).toEqual([]);

    const db = new Database(join(data, 'cases.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const row of db.prepare('SELECT path FROM bundles').all() as { path: string }[])
        expect(existsSync(join(data, 'bundles', row.path)), row.path).toBe(true);
    } finally {
      db.close();
    }
  }, 240_000);
});
