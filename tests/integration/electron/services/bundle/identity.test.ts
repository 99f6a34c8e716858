/**
 * The bundle's fingerprint (docs/fingerprint.md): read from the pages' content, so the same case built in
 * two data folders gives the same one and one changed page changes it; printed on the cover and every
 * index page (pdftotext) and kept in the document information (pdfinfo).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentFingerprint } from '../../../../../electron/services/bundle/identity';
import { identityLine } from '../../../../../shared/bundle/identity';
import type { BundleVersion } from '../../../../../shared/bundle/types';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';

const HAVE_POPPLER = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
const HAVE_QPDF = spawnSync('qpdf', ['--version'], { stdio: 'ignore' }).error === undefined;

type Env = ReturnType<typeof tempServices>;
const envs: Env[] = [];
afterAll(() => envs.forEach((e) => e.dispose()));

/** Titles long enough, and documents enough, that the index runs to two pages. */
const DOCUMENTS = Array.from({ length: 46 }, (_, i) => ({
  section: i < 10 ? 'A' : i < 25 ? 'C' : 'D',
  title: `Document ${i + 1}: ${'a report on provision and needs '.repeat(i % 3 === 0 ? 3 : 1)}`.trim(),
  pages: 1 + (i % 3),
}));

/** Builds the case in a fresh data folder. `before` adds unrelated records first (other ids). */
async function buildCase(
  options: { before?: (e: Env) => Promise<void>; changed?: number } = {},
): Promise<{ env: Env; version: BundleVersion }> {
  const e = tempServices();
  envs.push(e);
  await options.before?.(e);
  const c = e.services.cases.create({
    title: 'Appeal for Zoë Kowalczyk',
    role: 'la',
    appealType: 'contents-of-plan',
    childName: 'Zoë Kowalczyk',
    laName: 'Northshire Council',
    tribunalRef: 'EH999/25/01234',
  });
  for (const [i, d] of DOCUMENTS.entries()) {
    const title = i === options.changed ? `${d.title} (second edition)` : d.title;
    await seedDocument(e.ctx, c.id, d.section, await makeTextPdf(title, d.pages), {
      title: d.title,
      date: '2025-09-01',
    });
  }
  const version = await e.services.bundle.build(c.id, { compiledDate: '2026-02-01' });
  return { env: e, version };
}

let first: { env: Env; version: BundleVersion };
let second: { env: Env; version: BundleVersion };
let changed: { env: Env; version: BundleVersion };
beforeAll(async () => {
  first = await buildCase();
  // Another data folder, where other cases and documents came first: every id differs.
  second = await buildCase({
    before: async (e) => {
      const other = e.services.cases.create({
        title: 'Another case',
        role: 'parent',
        appealType: 'refusal-to-assess',
      });
      for (let i = 0; i < 3; i++)
        await seedDocument(e.ctx, other.id, 'A', await makeTextPdf(`Other ${i}`, 1), { title: `Other ${i}` });
    },
  });
  // The same case with one page of one document changed (document 31, one page long).
  changed = await buildCase({ changed: 30 });
}, 120_000);

describe('bundle fingerprint', () => {
  it('is the same for the same case built in two data folders, whatever the ids', () => {
    expect(second.version.caseId).not.toBe(first.version.caseId);
    expect(first.version.fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(second.version.fingerprint).toBe(first.version.fingerprint);
    expect(first.version.verification.checks.find((c) => c.name === 'identity')?.ok).toBe(true);
  });

  it('changes when one page changes, and only that page reads differently', () => {
    expect(changed.version.fingerprint).not.toBe(first.version.fingerprint);
    const a = readContentFingerprint({ path: first.version.path });
    const b = readContentFingerprint({ path: changed.version.path });
    expect(a.fingerprint).toBe(first.version.fingerprint);
    expect(b.fingerprint).toBe(changed.version.fingerprint);
    const differing = a.pageDigests.flatMap((d, i) => (d === b.pageDigests[i] ? [] : [i]));
    expect(differing).toHaveLength(1);
    const plan = first.env.services.bundle.versionPlan(first.version.caseId, first.version.version);
    const page = plan.pages[differing[0]];
    expect(plan.documents.find((d) => d.documentId === page.documentId)?.title).toBe(DOCUMENTS[30].title);
  });

  it.skipIf(!HAVE_POPPLER)('is printed on the cover and every index page, and kept in the metadata', () => {
    const { version } = first;
    const plan = first.env.services.bundle.versionPlan(version.caseId, version.version);
    expect(plan.index.length).toBeGreaterThan(1);
    const line = identityLine(version.fingerprint!, version.version, version.pageCount);
    for (const page of [0, ...plan.index.map((p) => p.page)]) {
      const text = execFileSync(
        'pdftotext',
        ['-f', String(page + 1), '-l', String(page + 1), '-layout', version.path, '-'],
        {
          encoding: 'utf8',
        },
      );
      expect(text.replace(/\s+/g, ' ')).toContain(line);
    }
    // A document page does not carry it.
    const after = plan.index[plan.index.length - 1].page + 2;
    const docText = execFileSync('pdftotext', ['-f', String(after), '-l', String(after), version.path, '-'], {
      encoding: 'utf8',
    });
    expect(docText).not.toContain(version.fingerprint);
    const info = execFileSync('pdfinfo', ['-custom', version.path], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`BundleFingerprint:\\s*${version.fingerprint}`));
    expect(info).toMatch(/BundleContentDigest:\s*[0-9a-f]{64}/);
    expect(info).toContain(`Bundle ${version.fingerprint}`);
  });

  it.skipIf(!HAVE_QPDF)('survives a re-save by qpdf (object streams and all)', () => {
    const { version } = first;
    const out = `${first.env.dir}/resaved.pdf`;
    execFileSync('qpdf', ['--object-streams=generate', version.path, out]);
    expect(readContentFingerprint({ path: out }).fingerprint).toBe(version.fingerprint);
    execFileSync('qpdf', ['--check', out], { stdio: 'ignore' });
  });
});
