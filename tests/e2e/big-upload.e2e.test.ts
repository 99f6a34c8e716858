/**
 * The browser version with a big scan: a generated scanned PDF of at least 150 MB is uploaded (streamed to
 * disk, never JSON or base64) and imported while the harness samples the server's memory (the bridge runs
 * in a process of its own here, so its RSS is its own); Stop works mid-upload and keeps nothing; a file
 * over the limit gets the size message before anything is sent.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_TOKEN_HEADER, BRIDGE_UPLOAD_PATH } from '../../shared/api/bridgePaths';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { writeScanPdfFile } from '../helpers/scanPdf';
import { CHROMIUM_ARGS } from './harness';
import { CHROMIUM_PATH, HAS_CHROMIUM, REPO_ROOT, STATIC_DIR } from './paths';

const MB = 1024 * 1024;
const HAS_PDFTOPPM = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * A scanned PDF: `pages` pages, each one full-page JPEG of a noisy page rendered at 300 dpi (noise does
 * not compress, as real scans barely do), written piece by piece.
 */
async function writeScannedPdf(path: string, work: string, minBytes: number): Promise<number> {
  const { PDFDocument } = await import('@cantoo/pdf-lib');
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont('Helvetica');
  for (let y = 40; y < 800; y += 9)
    page.drawText(
      Array.from({ length: 110 }, () => String.fromCharCode(33 + Math.floor(Math.random() * 90))).join(''),
      { x: 20, y, size: 8, font },
    );
  const source = join(work, 'page.pdf');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(source, await doc.save());
  execFileSync('pdftoppm', [
    '-jpeg',
    '-jpegopt',
    'quality=95',
    '-r',
    '300',
    '-singlefile',
    source,
    join(work, 'page'),
  ]);
  const jpeg = readFileSync(join(work, 'page.jpg'));
  const width = jpeg.readUInt16BE(jpeg.indexOf(Buffer.from([0xff, 0xc0])) + 7);
  const height = jpeg.readUInt16BE(jpeg.indexOf(Buffer.from([0xff, 0xc0])) + 5);
  const pages = Math.ceil(minBytes / jpeg.length);

  writeScanPdfFile(path, pages, () => ({
    width: 595,
    height: 842,
    image: { width, height, filter: 'DCTDecode', data: jpeg },
  }));
  return pages;
}

/**
 * The bridge in a process of its own, started as `npm run web` starts it (scripts/web.mjs: the prebuilt
 * bundle, rebuilt first if a source is newer), so the harness reads the memory of what users run.
 */
async function startBridgeProcess(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string; origin: string; token: string }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'web.mjs'), '--data-dir', dataDir, '--static-dir', STATIC_DIR],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`The bridge stopped (exit ${code}): ${out}`)));
  });
  const parsed = new URL(url);
  return { child, url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '' };
}

/** Resident memory of a process, and its peak so far (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

describe.skipIf(!HAS_CHROMIUM || !HAS_PDFTOPPM || !existsSync('/proc/self/status'))(
  'a big scan in the browser version',
  () => {
    const work = mkdtempSync(join(tmpdir(), 'send-bundle-big-'));
    const dataDir = join(work, 'data');
    const scan = join(work, 'scan.pdf');
    const tooBig = join(work, 'too big.pdf');
    let pages = 0;
    let bridge: Awaited<ReturnType<typeof startBridgeProcess>>;
    let browser: Browser;
    let page: Page;
    let caseId = 0;
    const uploads: string[] = [];

    const api = async (name: string, input: unknown) => {
      const response = await fetch(`${bridge.origin}/api/call/${name}`, {
        method: 'POST',
        headers: { [BRIDGE_TOKEN_HEADER]: bridge.token, 'content-type': 'application/json' },
        body: encodeWire({ input }),
      });
      const envelope = decodeWire(await response.text()) as { ok: boolean; value?: unknown; error?: unknown };
      if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
      return envelope.value;
    };
    const uploadsLeft = () =>
      readdirSync(join(dataDir, 'store', 'tmp')).filter((n) => n.startsWith('upload-'));

    beforeAll(async () => {
      pages = await writeScannedPdf(scan, work, 150 * MB);
      // Over the 200 MB limit without writing 200 MB: a sparse file.
      const fd = openSync(tooBig, 'w');
      ftruncateSync(fd, 201 * MB);
      closeSync(fd);
      bridge = await startBridgeProcess(dataDir);
      await api('settings.setRole', { role: 'parent' });
      caseId = (
        (await api('cases.create', {
          title: 'Big scan',
          role: 'parent',
          appealType: 'refusal-to-issue',
        })) as { id: number }
      ).id;
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
      page = await browser.newPage();
      page.on('request', (request) => {
        if (request.url().includes(BRIDGE_UPLOAD_PATH)) uploads.push(request.url());
      });
      await page.goto(`${bridge.url}#/case/${caseId}/evidence`);
      await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      bridge?.child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    });

    const choose = async (path: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Choose files' }).click();
      await (await chooser).setFiles(path);
    };
    const lastOutcome = async () => {
      const outcomes = page.getByTestId('import-outcomes').locator('li');
      await outcomes.first().waitFor({ timeout: 240_000 });
      await page
        .getByRole('button', { name: 'Choose files' })
        .and(page.locator(':enabled'))
        .waitFor({ timeout: 240_000 });
      return outcomes
        .last()
        .evaluate((li) => ({ status: li.getAttribute('data-status'), text: li.textContent ?? '' }));
    };

    it('an over-limit file gets the size message before anything is sent', async () => {
      await choose(tooBig);
      const outcome = await lastOutcome();
      expect(outcome.status).toBe('refused');
      expect(outcome.text).toMatch(/"too big\.pdf" is 201 MB, more than the 200 MB limit for one file/);
      expect(uploads).toEqual([]);
    });

    it('Stop works mid-upload, and nothing of the file is kept', async () => {
      // A slow link (40 MB/s up) so the upload is still going when Stop is pressed.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 40 * MB,
      });
      await choose(scan);
      await page
        .getByText(/Sending scan\.pdf/)
        .first()
        .waitFor({ timeout: 120_000 });
      await page.getByRole('button', { name: 'Stop adding files' }).click();
      const outcome = await lastOutcome();
      expect(outcome.status).toBe('cancelled');
      expect(uploads.length).toBe(1);
      expect(await api('documents.list', { caseId })).toEqual([]);
      await expect.poll(uploadsLeft, { timeout: 10_000 }).toEqual([]);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    });

    it(`imports a generated scanned PDF of at least 150 MB with the server under 1 GB`, async () => {
      const pid = bridge.child.pid!;
      let highest = memoryOf(pid).rss;
      const sampler = setInterval(() => {
        try {
          highest = Math.max(highest, memoryOf(pid).rss);
        } catch {
          // The process is gone: the test fails below.
        }
      }, 100);
      try {
        await choose(scan);
        const outcome = await lastOutcome();
        expect(outcome.text).toContain(`${pages} pages`);
        expect(outcome.status).toBe('imported');
      } finally {
        clearInterval(sampler);
      }
      const { peak } = memoryOf(pid);
      console.log(
        `big upload: ${Math.round(readFileSync(scan).length / MB)} MB, ${pages} pages; server RSS highest sampled ${Math.round(highest / MB)} MB, peak (VmHWM) ${Math.round(peak / MB)} MB`,
      );
      expect(Math.max(highest, peak)).toBeLessThan(1024 * MB);
      expect(uploadsLeft()).toEqual([]);
      const [doc] = (await api('documents.list', { caseId })) as { pageCount: number }[];
      expect(doc.pageCount).toBe(pages);
    });

    it('a bad percent-escape is a 400, not a 500', async () => {
      const response = await fetch(`${bridge.origin}/api/call/%E0%A4%A`, {
        method: 'POST',
        headers: { [BRIDGE_TOKEN_HEADER]: bridge.token },
        body: '{}',
      });
      expect(response.status).toBe(400);
    });

    it('a path on the server is refused: the browser sends bytes only', async () => {
      const response = await fetch(`${bridge.origin}/api/call/documents.import`, {
        method: 'POST',
        headers: { [BRIDGE_TOKEN_HEADER]: bridge.token, 'content-type': 'application/json' },
        body: encodeWire({ input: { caseId, section: 'C', files: [{ name: 'x.pdf', path: scan }] } }),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/never a place on this computer/);
    });
  },
);
