/** The checker through its service, the API router, the report files and the command line. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../../cli/main';
import { createHandlers } from '../../../../../electron/ipc/handlers';
import { createRouter } from '../../../../../electron/ipc/router';
import { openWithPdfjs, readPageText } from '../../../../../electron/services/pdf/pdfjs';
import { runUntrusted } from '../../../../../electron/services/untrusted/runner';
import type { CheckReportResult, CheckResult } from '../../../../../shared/domain/checker';
import { runCli } from '../../../../helpers/cli';
import { FIXTURES, tempServices } from '../../../../helpers/context';
import { buildEngineBundle, removeNumber, type BuiltBundle } from '../../../../helpers/checkerBundles';

let bundle: BuiltBundle;
let broken: Uint8Array;
let dir: string;
let goodPath: string;
let brokenPath: string;

beforeAll(async () => {
  bundle = await buildEngineBundle();
  broken = await removeNumber(bundle.bytes, 10);
  dir = mkdtempSync(join(tmpdir(), 'checker-service-'));
  goodPath = join(dir, 'good bundle.pdf');
  brokenPath = join(dir, 'broken.pdf');
  writeFileSync(goodPath, bundle.bytes);
  writeFileSync(brokenPath, broken);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checker service and API', () => {
  it('checks a file by path or by bytes, with the same result', async () => {
    const t = tempServices();
    try {
      const byPath = await t.services.checker.check({
        file: { name: 'broken.pdf', path: brokenPath },
        rules: 'send',
      });
      const byBytes = await t.services.checker.check({
        file: { name: 'broken.pdf', data: broken },
        rules: 'send',
      });
      expect(byPath.findings).toEqual(byBytes.findings);
      expect(byPath.findings.map((f) => [f.code, f.pages])).toEqual([['page-number-missing', [10]]]);
    } finally {
      t.dispose();
    }
  });

  it('goes through the router: validation, progress, and a plain refusal for a missing file', async () => {
    const t = tempServices();
    try {
      const router = createRouter(createHandlers(t.services), () => {});
      const progress: number[] = [];
      const ok = await router.call(
        'checker.check',
        { file: { name: 'good bundle.pdf', path: goodPath }, rules: 'send', appealType: 'contents-of-plan' },
        { onProgress: (e) => progress.push(e.done) },
      );
      expect(ok.ok).toBe(true);
      const result = (ok as { value: CheckResult }).value;
      expect(result.findings).toEqual([]);
      expect(result.verdict).toEqual({
        kind: 'no-errors',
        message: 'No errors found (0 warnings, 0 notes).',
        reasons: [],
      });
      expect(result.summary.appealType).toBe('contents-of-plan');
      expect(progress.at(-1)).toBe(bundle.pageCount);

      const bad = await router.call('checker.check', {
        file: { name: 'x.pdf', path: goodPath },
        rules: 'scotland',
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

      const missing = await router.call('checker.check', {
        file: { name: 'nowhere.pdf', path: join(dir, 'nowhere.pdf') },
        rules: 'send',
      });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect((missing as { error: { message: string } }).error.message).toContain('nowhere.pdf');
    } finally {
      t.dispose();
    }
  });

  it('stops when cancelled', async () => {
    const t = tempServices();
    try {
      const controller = new AbortController();
      controller.abort();
      await expect(
        t.services.checker.check(
          { file: { name: 'b.pdf', data: bundle.bytes }, rules: 'send' },
          { signal: controller.signal },
        ),
      ).rejects.toMatchObject({ code: 'cancelled' });
    } finally {
      t.dispose();
    }
  });

  it('stops when cancelled while the limits of a file on disk are scanned', async () => {
    const t = tempServices();
    try {
      const controller = new AbortController();
      const checking = t.services.checker.check(
        { file: { name: 'good bundle.pdf', path: goodPath }, rules: 'send' },
        { signal: controller.signal },
      );
      controller.abort();
      await expect(checking).rejects.toMatchObject({ code: 'cancelled' });
    } finally {
      t.dispose();
    }
  });

  it('the worker takes the limits its caller scanned for a file on disk, and refuses by them', async () => {
    // The service scans a file's limits while the worker starts and hands the result over: the worker
    // refuses by that answer (here one made up: the file itself is a good bundle) without scanning again.
    await expect(
      runUntrusted('checker.check', {
        file: { name: 'good bundle.pdf', path: goodPath },
        rules: 'send',
        appealType: null,
        scanned: { pages: 12345 },
      }),
    ).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/has 12,345 pages/) });
    const within = await runUntrusted('checker.check', {
      file: { name: 'good bundle.pdf', path: goodPath },
      rules: 'send',
      appealType: null,
      scanned: null,
    });
    expect(within.findings).toEqual([]);
  });

  it('takes the limits scan the command line started early for the same file, once', async () => {
    // cli/early.ts starts the scan before the command's code loads; the service takes its answer (here one
    // made up, on a good bundle) instead of scanning again, only for the file it was started for.
    const t = tempServices();
    const check = (path: string) =>
      t.services.checker.check({ file: { name: 'bundle.pdf', path }, rules: 'send' });
    try {
      globalThis.__sendBundleEarlyLimitsScan = { path: goodPath, over: Promise.resolve({ pages: 12345 }) };
      await expect(check(goodPath)).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringMatching(/has 12,345 pages/),
      });
      expect(globalThis.__sendBundleEarlyLimitsScan).toBeUndefined();
      expect((await check(goodPath)).findings).toEqual([]);
      globalThis.__sendBundleEarlyLimitsScan = { path: brokenPath, over: Promise.resolve({ pages: 12345 }) };
      expect((await check(goodPath)).findings).toEqual([]);
      expect(globalThis.__sendBundleEarlyLimitsScan).toBeUndefined();
    } finally {
      globalThis.__sendBundleEarlyLimitsScan = undefined;
      t.dispose();
    }
  });

  it('writes the check report (PDF and JSON) to the reports folder, findings listed by page', async () => {
    const t = tempServices();
    try {
      const router = createRouter(createHandlers(t.services), () => {});
      const reply = await router.call('checker.report', {
        file: { name: 'broken.pdf', data: broken },
        rules: 'send',
      });
      expect(reply.ok).toBe(true);
      const report = (reply as { value: CheckReportResult }).value;
      expect(dirname(report.pdfPath)).toBe(t.ctx.paths.reports);
      expect(report.pdfPath).toMatch(/broken-check-20260301-100000\.pdf$/);
      const json = JSON.parse(readFileSync(report.jsonPath, 'utf8'));
      expect(json.findings).toEqual(report.result.findings);
      expect(json.report).toMatchObject({ checkedAt: '2026-03-01T10:00:00.000Z' });
      expect(json.report.verdict).toMatch(/^Not ready to send: 1 error/);

      const doc = await openWithPdfjs(new Uint8Array(readFileSync(report.pdfPath)));
      try {
        const text = (
          await Promise.all(Array.from({ length: doc.numPages }, (_, i) => readPageText(doc, i + 1)))
        )
          .map((p) => p.text)
          .join(' ');
        expect(text).toContain('Bundle check report');
        expect(text).toContain('Page 10');
        expect(text).toContain('page-number-missing');
        expect(text).toContain('has no bundle page number');
        expect((await doc.getMetadata()).info).toMatchObject({ Title: 'Bundle check report: broken.pdf' });
      } finally {
        await doc.destroy();
      }
    } finally {
      t.dispose();
    }
  });
});

describe('send-bundle check', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
  }

  it('exits 0 for a good bundle', async () => {
    const c = io();
    expect(await main(['check', goodPath], c.io)).toBe(0);
    expect(c.out.at(-1)).toMatch(/^No errors found/);
  });

  it("sets the report's words in the fonts they need: a file named in Bengali, Urdu and Chinese", async () => {
    // The report was set in DejaVu Sans alone: a clerk's report on a bundle named in Bengali showed boxes.
    const t = tempServices();
    try {
      const name = 'আমার ছেলে میرا بیٹا 王小明.pdf';
      const report = await t.services.checker.report({ file: { name, data: broken }, rules: 'send' });
      const fonts = execFileSync('pdffonts', [report.pdfPath], { encoding: 'utf8' });
      for (const font of ['DejaVuSans', 'NotoSansBengali', 'NotoSansArabic', 'DroidSansFallback'])
        expect(fonts).toContain(font);
      // poppler reads the name back as written (its marks around a right-to-left run, and where it puts the
      // spaces beside one, left out here).
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', report.pdfPath, '-'], { encoding: 'utf8' });
      const lines = text.split('\n').map((line) => line.replace(/[\u202a-\u202e\s]/g, ''));
      expect(lines).toContain(name.replace(/\s/g, ''));
      expect(text).toContain('page-number-missing');
      expect(text).not.toContain('\ufffd');
    } finally {
      t.dispose();
    }
  });

  it('exits 1 with stable finding codes in JSON when there are errors, and writes the report', async () => {
    const c = io();
    const reportPath = join(dir, 'report.pdf');
    expect(await main(['check', brokenPath, '--json', '--rules', 'send', '--report', reportPath], c.io)).toBe(
      1,
    );
    const parsed = JSON.parse(c.out.join('\n'));
    expect(parsed.findings).toEqual([
      expect.objectContaining({ code: 'page-number-missing', severity: 'error', pages: [10] }),
    ]);
    expect(parsed.report.pdfPath).toBe(reportPath);
    expect(existsSync(reportPath)).toBe(true);
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
  });

  it('exits 1 with one not-a-bundle finding for a long PDF that is not a bundle', async () => {
    const manual = join(FIXTURES, 'structure/pdflib-linearized_with_object_streams.pdf');
    const text = io();
    expect(await main(['check', manual], text.io)).toBe(1);
    expect(text.out.filter((l) => /^(ERROR|WARNING|NOTE)/.test(l))).toEqual([
      expect.stringMatching(
        /^ERROR {3}not-a-bundle \(whole file\): .* does not look like a hearing bundle, because /,
      ),
    ]);
    expect(text.out.at(-1)).toMatch(/^This does not look like a hearing bundle, because /);
    const json = io();
    expect(await main(['check', manual, '--json'], json.io)).toBe(1);
    const parsed = JSON.parse(json.out.join('\n'));
    expect(parsed.findings.map((f: { code: string }) => f.code)).toEqual(['not-a-bundle']);
    expect(parsed.verdict).toMatchObject({ kind: 'not-a-bundle' });
    expect(parsed.verdict.reasons.length).toBeGreaterThan(0);
  });

  it('exits 1 for a file that is not there, naming it', async () => {
    const c = io();
    expect(await main(['check', join(dir, 'missing.pdf')], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain('missing.pdf');
  });

  // A pipe waits for a writer when it is opened: the check (and the limits scan the command starts before
  // it loads) must refuse it by what it is, and the process must end.
  it.skipIf(process.platform === 'win32')(
    'refuses a pipe or a device at once, and ends',
    async () => {
      const pipe = join(dir, 'bundle-pipe.pdf');
      execFileSync('mkfifo', [pipe]);
      for (const path of [pipe, '/dev/zero']) {
        const run = await runCli(['check', path], { timeoutMs: 20_000 });
        expect(run.code, `${path}: ${run.stderr}`).toBe(1);
        expect(run.stderr).toMatch(/is not a file but a device or a pipe, so it cannot be checked/);
      }
    },
    30_000,
  );

  it('exits 2 for usage mistakes', async () => {
    for (const args of [
      ['check'],
      ['check', goodPath, '--rules', 'wales'],
      ['check', goodPath, '--report', 'x.txt'],
      ['check', 'a.pdf', 'b.pdf'],
    ]) {
      const c = io();
      expect(await main(args, c.io), args.join(' ')).toBe(2);
    }
  });
});
