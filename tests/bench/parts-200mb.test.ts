/**
 * Delivery parts at the size the issue names (run by `npm run bench`, vitest.bench.config.ts: about a minute
 * of both cores, too long for every CI run; tests/integration/electron/services/bundle/deliveryParts.test.ts checks the same at 4 MB on
 * every run): a bundle of about 200 MB of scans (128 scanned pages of about 1.5 MB each, in documents of 8
 * to 12 pages and one of 30 pages, larger than a part on its own, and two typed documents), split under
 * the default 20 MB. Every part is under the limit; page numbers run on across
 * the parts; each part passes the checker as a part of a bundle; together they hold every page of the
 * bundle once (each part's pages are the bundle's, by their content digests). The scans are generated once
 * (tests/helpers/bigScans.ts) and the bundle built once for all the cases.
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PART_SIZE_MB, type BundleFileInfo, type PartDetails } from '../../shared/bundle/delivery';
import type { BundleVersion } from '../../shared/bundle/types';
import { checkFile } from '../../electron/services/checker/service';
import { PdfFile } from '../../electron/services/pdf/read';
import { PageDigester } from '../../electron/services/pdf/read/digest';
import { closeIdleWorkers } from '../../electron/services/untrusted/runner';
import { bigScannedPdf } from '../helpers/bigScans';
import { tempServices } from '../helpers/context';
import { buildPartsBundle } from '../helpers/partsBundle';

const MB = 1024 * 1024;
const LIMIT = DEFAULT_PART_SIZE_MB * MB;
/**
 * Pages of each scanned document: 128 in all, about 200 MB. A 12-page one (about 18 MB) fits in a part; the
 * 30-page one (about 45 MB) cannot, and is the only one split.
 */
const SCANNED = [12, 8, 11, 30, 10, 12, 11, 10, 12, 12];
const env = tempServices();
let version: BundleVersion;
let parts: BundleFileInfo[];

/** Each page's content digest (the fingerprint's: what the page shows, whatever file it is in). */
function pageDigests(path: string): string[] {
  const file = PdfFile.open({ path });
  try {
    const digester = new PageDigester(file.reader);
    return file.pages.map((page) => digester.page(page));
  } finally {
    file.close();
  }
}

beforeAll(async () => {
  ({ version, parts } = await buildPartsBundle(env, {
    hearingDate: '2026-06-15',
    ehcPlanPages: 4,
    scans: SCANNED.map((pages, i) => ({
      section: i < 5 ? 'C' : 'D',
      pdf: () => bigScannedPdf(i + 1, pages),
    })),
    letter: { title: 'Letter from the school', pages: 2 },
    numbering: 'section',
  }));
}, 900_000);

afterAll(async () => {
  await closeIdleWorkers();
  env.dispose();
});

describe('delivery parts of a bundle of about 200 MB of scans', () => {
  it('keeps every part under the 20 MB limit, splitting only the document larger than a part', () => {
    const size = statSync(version.path).size;
    expect(size).toBeGreaterThan(190 * MB);
    expect(size).toBeLessThan(260 * MB);
    expect(parts.length).toBeGreaterThanOrEqual(Math.ceil(size / LIMIT));
    for (const p of parts) {
      expect(p.sizeBytes).toBeLessThanOrEqual(LIMIT);
      expect(statSync(p.path).size).toBe(p.sizeBytes);
    }
    const split = parts.flatMap((p) => (p.details as PartDetails).documents.filter((d) => d.split));
    expect(new Set(split.map((d) => d.title))).toEqual(new Set(['Scanned report 4']));
  });

  it('runs the page numbers on across the parts, each part starting where the one before ended', () => {
    const plan = env.services.bundle.versionPlan(version.caseId, version.version);
    const labels = plan.pages.map((p) => p.label);
    let next = 0;
    for (const [i, p] of parts.entries()) {
      const d = p.details as PartDetails;
      expect(d.part).toBe(i + 1);
      expect(d.firstLabel).toBe(labels[next]);
      next += d.bundlePages;
      expect(d.lastLabel).toBe(labels[next - 1]);
      expect(d.coverLine).toBe(
        `Part ${i + 1} of ${parts.length} · pages ${d.firstLabel}–${d.lastLabel} of ${plan.pageCount}`,
      );
    }
    expect(next).toBe(labels.length);
  });

  it('holds every page of the bundle once: the parts’ pages are the bundle’s, in order', () => {
    const bundle = pageDigests(version.path);
    const held = parts.flatMap((p) => {
      const d = p.details as PartDetails;
      // Each part starts with its own cover sheet, then the bundle's pages.
      return pageDigests(p.path).slice(p.pageCount - d.bundlePages);
    });
    expect(held).toEqual(bundle);
  });

  it('passes the checker as a part of a bundle, every part', async () => {
    for (const [i, p] of parts.entries()) {
      const result = await checkFile({ file: { name: `part${i + 1}.pdf`, path: p.path }, rules: 'send' });
      expect(result.summary.partOf).toMatchObject({ part: i + 1, parts: parts.length });
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });
});
