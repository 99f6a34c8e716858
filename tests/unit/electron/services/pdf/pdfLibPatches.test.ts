/**
 * The fence around the app's pdf-lib patches (electron/services/pdf/pdfLibPatches.ts): pinned to one
 * version, refused on any other, installed by every host at start, with a name cache that stays bounded.
 * That the patched library writes the same bytes as the stock one is tests/unit/electron/services/bundle/streamWriter.test.ts's
 * and pdfLibPatches.names.test.ts's job.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  installPdfLibPatches,
  isPatchGroupInstalled,
  loadedPdfLibVersion,
  NAME_CACHE_LIMIT,
  nameCacheSize,
  PDF_LIB_VERSION,
  PdfLibVersionError,
  setPatchGroupForTest,
} from '../../../../../electron/services/pdf/pdfLibPatches';
import { startBridge } from '../../../../../electron/bridge/server';
import { openHost } from '../../../../../electron/host/open';
import { main as cliMain } from '../../../../../cli/main';
import { REPO_ROOT } from '../../../../helpers/repo';

const REPO = REPO_ROOT;
const read = (path: string) => readFileSync(join(REPO, path), 'utf8');

const takeOut = () => {
  setPatchGroupForTest('write', false);
  setPatchGroupForTest('parse', false);
};
const installed = () => isPatchGroupInstalled('write') && isPatchGroupInstalled('parse');

afterEach(() => installPdfLibPatches());

describe('pdf-lib patches', () => {
  it('are written for the exact version package.json pins and node_modules holds', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@cantoo/pdf-lib']).toBe(PDF_LIB_VERSION);
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages['node_modules/@cantoo/pdf-lib']?.version).toBe(PDF_LIB_VERSION);
    expect(loadedPdfLibVersion()).toBe(PDF_LIB_VERSION);
  });

  it('refuse to install on any other version, and change nothing', () => {
    takeOut();
    expect(() => installPdfLibPatches('2.12.0')).toThrow(PdfLibVersionError);
    expect(() => installPdfLibPatches('2.12.0')).toThrow(/2\.12\.0 is installed.*written for 2\.11\.1/);
    expect(isPatchGroupInstalled('write')).toBe(false);
    expect(isPatchGroupInstalled('parse')).toBe(false);
  });

  it('are in place before any test runs (the vitest setup installs them, as each host does)', () => {
    expect(installed()).toBe(true);
  });

  it('are installed when a CLI command starts, and not for --help (which loads next to nothing)', async () => {
    takeOut();
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await cliMain(['--help'], io)).toBe(0);
    expect(installed()).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-patches-'));
    try {
      expect(await cliMain(['--data-dir', join(dir, 'data'), 'case', 'list'], io)).toBe(0);
      expect(installed()).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are installed when the browser bridge starts', async () => {
    takeOut();
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-patches-'));
    const bridge = await startBridge({ dataDir: join(dir, 'data'), staticDir: dir, log: () => {} });
    try {
      expect(installed()).toBe(true);
    } finally {
      await bridge.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are installed when a host opens (the Electron main process and the bridge both open through openHost)', () => {
    takeOut();
    const dir = mkdtempSync(join(tmpdir(), 'send-bundle-patches-'));
    const host = openHost(join(dir, 'data'));
    try {
      expect(installed()).toBe(true);
    } finally {
      host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are installed at start by the Electron main process and the benchmarks (which cannot run here)', () => {
    // Electron cannot run on these machines and the bench takes minutes: their entries are read instead.
    const mainSource = read('electron/main.ts');
    const start = mainSource.indexOf('function start(): void {');
    expect(start).toBeGreaterThan(0);
    expect(mainSource.indexOf('openHost(', start)).toBeGreaterThan(start);
    expect(mainSource).not.toMatch(/openServiceContext\(/);
    expect(read('scripts/bench.ts')).toMatch(/installPdfLibPatches\(\);\s+if \(values\.child\)/);
    expect(read('scripts/bench/check.ts')).toMatch(/installPdfLibPatches\(\);\s+const path = resolve/);
    expect(read('scripts/esbuild.mjs')).toContain('__PDF_LIB_VERSION__');
  });

  it('keep a bounded cache of parsed names, and parse every name right past the bound', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const many = NAME_CACHE_LIMIT + 500;
    const entries: Record<string, number> = {};
    for (let i = 0; i < many; i++) entries[`Name${i}`] = i;
    const dictRef = doc.context.register(doc.context.obj(entries));
    doc.catalog.set(PDFName.of('ManyNames'), dictRef);
    doc.addPage();
    const bytes = await doc.save({ useObjectStreams: false });

    const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(nameCacheSize()).toBeGreaterThan(0);
    expect(nameCacheSize()).toBeLessThanOrEqual(NAME_CACHE_LIMIT);
    const dict = loaded.catalog.lookup(PDFName.of('ManyNames'), PDFDict);
    expect(dict.keys()).toHaveLength(many);
    expect(dict.get(PDFName.of(`Name${many - 1}`))?.toString()).toBe(String(many - 1));
    expect(dict.get(PDFName.of('Name0'))?.toString()).toBe('0');
  });
});
