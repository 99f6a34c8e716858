/**
 * Delivery parts (electron/services/bundle/deliveryParts.ts; at full size, about 200 MB of scans, in
 * tests/bench/parts-200mb.test.ts, run by `npm run bench`): a bundle of scans (noise pictures, which do
 * not compress: about 4 MB) split into parts under 2 MB. Every part is under the limit and was verified
 * (its pages are the bundle's, with their numbers and bookmarks); page numbers run on across the parts;
 * together they hold every page of the bundle once; part 1 says which part holds each document.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleFileInfo, PartDetails } from '../../../../../shared/bundle/delivery';
import type { BundleVersion } from '../../../../../shared/bundle/types';
import { checkFile } from '../../../../../electron/services/checker/service';
import { closeIdleWorkers } from '../../../../../electron/services/untrusted/runner';
import { tempServices } from '../../../../helpers/context';
import { bigScannedPdf } from '../../../../helpers/bigScans';
import { makePng } from '../../../../helpers/images';
import { buildPartsBundle } from '../../../../helpers/partsBundle';
import { seedDocument } from '../../../../helpers/seed';

const HAVE_POPPLER = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const LIMIT_MB = 2;
const env = tempServices();
let version: BundleVersion;
let parts: BundleFileInfo[];

async function scans(seed: number, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  let state = seed;
  const noise = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 24;
  };
  for (let p = 0; p < pages; p++) {
    const image = await doc.embedPng(makePng(320, 320, () => [noise(), noise(), noise()]));
    doc.addPage([595.28, 841.89]).drawImage(image, { x: 40, y: 200, width: 500, height: 500 });
  }
  return doc.save();
}

beforeAll(async () => {
  ({ version, parts } = await buildPartsBundle(env, {
    ehcPlanPages: 3,
    scans: [1, 2, 3].map((i) => ({ section: 'D', pdf: () => scans(i, i === 2 ? 7 : 3) })),
    letter: { title: 'Letter', pages: 1 },
    numbering: 'continuous',
    sizeMb: LIMIT_MB,
  }));
}, 180_000);

afterAll(async () => {
  await closeIdleWorkers();
  env.dispose();
});

describe('delivery parts', () => {
  it('keeps every part under the limit, and was verified page by page', () => {
    expect(statSync(version.path).size).toBeGreaterThan(1.8 * LIMIT_MB * 1024 * 1024);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) {
      expect(p.sizeBytes).toBeLessThanOrEqual(LIMIT_MB * 1024 * 1024);
      expect(statSync(p.path).size).toBe(p.sizeBytes);
      expect(p.available).toBe(true);
    }
    // Each part was written to its temp file as it was made: none is left behind.
    expect(readdirSync(dirname(parts[0].path)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // The 7-page scanned report (over 2 MB) is the only document split by pages.
    const split = parts.flatMap((p) => (p.details as PartDetails).documents.filter((d) => d.split));
    expect(new Set(split.map((d) => d.title))).toEqual(new Set(['Scanned report 2']));
  });

  it('runs the page numbers on across the parts, holding every page once, each with its cover line', () => {
    const plan = env.services.bundle.versionPlan(version.caseId, version.version);
    const details = parts.map((p) => p.details as PartDetails);
    const held = details.flatMap((d) => {
      const first = plan.pages.findIndex((p) => p.label === d.firstLabel);
      return plan.pages.slice(first, first + d.bundlePages).map((p) => p.label);
    });
    expect(held).toEqual(plan.pages.map((p) => p.label));
    details.forEach((d, i) => {
      expect(d.coverLine).toBe(
        `Part ${i + 1} of ${parts.length} · ${d.firstLabel === d.lastLabel ? `page ${d.firstLabel}` : `pages ${d.firstLabel}–${d.lastLabel}`} of ${plan.pageCount}`,
      );
      expect(d.emailSubject).toContain('EH999/25/01234');
      expect(d.emailSubject).toContain(`part ${i + 1} of ${parts.length}`);
    });
  });

  it('passes the checker as a part of a bundle, each part', async () => {
    for (const [i, p] of parts.entries()) {
      const result = await checkFile({ file: { name: `part${i + 1}.pdf`, path: p.path }, rules: 'send' });
      expect(result.summary.partOf).toMatchObject({ part: i + 1, parts: parts.length });
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });

  it.skipIf(!HAVE_POPPLER)(
    'prints the cover line and the bundle numbers, and part 1 says where each document is',
    () => {
      const first = execFileSync('pdftotext', ['-layout', parts[0].path, '-'], { encoding: 'utf8' });
      expect(first).toContain((parts[0].details as PartDetails).coverLine);
      expect(first).toContain('Which part holds each document');
      expect(first).toMatch(/Scanned report 3: pages \d+–\d+, part \d/);
      const labels = execFileSync('pdfinfo', ['-l', '1', parts[1].path], { encoding: 'utf8' });
      expect(labels).toMatch(/Pages:\s+\d+/);
    },
  );

  it.skipIf(!HAVE_POPPLER)(
    'are listed by the covering letter, each with its email subject line',
    async () => {
      const prefill = env.services.letters.prefill(version.caseId, 'bundle-covering-letter').fields;
      expect(prefill.sending).toBe('parts');
      const lines = prefill.parts as string[];
      expect(lines).toHaveLength(parts.length);
      lines.forEach((line, i) => {
        const d = parts[i].details as PartDetails;
        expect(line).toContain(d.coverLine);
        expect(line).toContain(`email subject “${d.emailSubject}”`);
      });
      expect(prefill.emailSubject).toBe(
        `EH999/25/01234 | Sam Example | Hearing bundle, version 1, in ${parts.length} parts`,
      );
      const letter = await env.services.letters.render(
        version.caseId,
        'bundle-covering-letter',
        {
          laName: 'Northshire Council',
          officerName: 'Ada Lovelace',
          officerEmail: 'ada@northshire.example',
          appellantName: 'Jo Example',
        },
        ['pdf'],
        { usePrefill: true },
      );
      const text = execFileSync('pdftotext', [letter.files[0].path, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain(`it is sent in ${parts.length} parts, one email each`);
      for (const p of parts) expect(text).toContain((p.details as PartDetails).coverLine);
      expect(text).toContain(`in ${parts.length} parts`);
      expect(text).toContain('Hearing bundle part 2 of');
    },
  );

  it('refuses a page larger than a part on its own, leaving no part and no temp file behind', async () => {
    const c = env.services.cases.create({
      title: 'One big scan',
      role: 'la',
      appealType: 'contents-of-plan',
    });
    await seedDocument(env.ctx, c.id, 'D', bigScannedPdf(7, 1), { title: 'A big colour scan' });
    const built = await env.services.bundle.build(c.id, {
      numbering: 'continuous',
      compiledDate: '2026-02-01',
    });
    await expect(env.services.bundle.parts(c.id, built.version, { sizeMb: 1 })).rejects.toThrow(
      `A single page of version ${built.version} is larger than 1 MB on its own, so it cannot be sent in parts of that size.`,
    );
    expect(env.services.bundle.versions(c.id)[0].files).toEqual([]);
    expect(readdirSync(dirname(built.path)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
