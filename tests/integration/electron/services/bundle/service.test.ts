/**
 * The hearing bundle, built through the service from real PDFs and read back with independent readers:
 * pdf.js (links, labels, bookmarks, stamp positions and direction), qpdf and pdftotext.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { degrees, PDFDocument } from '@cantoo/pdf-lib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildFromPlan } from '../../../../../electron/services/bundle/service';
import { openPdfFile } from '../../../../../electron/services/pdf/read/pdfjsFile';
import { ApiError } from '../../../../../shared/api/errors';
import { blockingDocuments } from '../../../../../shared/bundle/buildFailure';
import type { BundlePlan } from '../../../../../shared/bundle/types';
import { FIXTURES, tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';

const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined;
const HAVE_QPDF = has('qpdf');
const HAVE_PDFTOTEXT = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;

type Env = ReturnType<typeof tempServices>;
let envs: Env[] = [];
afterEach(() => {
  envs.forEach((e) => e.dispose());
  envs = [];
});
function env(): Env {
  const e = tempServices();
  envs.push(e);
  return e;
}

async function rotatedFixture(name: string, angle: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(readFileSync(join(FIXTURES, name)), { updateMetadata: false });
  for (const page of doc.getPages()) page.setRotation(degrees(angle));
  return doc.save();
}

let sources: Record<string, Uint8Array>;
beforeAll(async () => {
  sources = {
    appeal: await makeTextPdf('Appeal form of Zoë Kowalczyk', 3),
    decision: await makeTextPdf('Decision letter', 2),
    rot90: await makeTextPdf('Rotated ninety', 1, { rotate: 90 }),
    rot180: await makeTextPdf('Rotated one-eighty', 1, { rotate: 180 }),
    rot270: await makeTextPdf('Rotated two-seventy', 2, { rotate: 270 }),
    a5landscape: await makeTextPdf('Small landscape note', 1, { size: [595, 420] }),
    tiny: await makeTextPdf('Tiny receipt', 1, { size: [200, 280] }),
    plan: await makeTextPdf('EHC plan', 12),
    report: await makeTextPdf('Educational psychologist report', 4),
    qpdf90: readFileSync(join(FIXTURES, 'structure', 'qpdf-annotations-rotated-90.pdf')),
    qpdf180: readFileSync(join(FIXTURES, 'structure', 'qpdf-annotations-rotated-180.pdf')),
    qpdf270: readFileSync(join(FIXTURES, 'structure', 'qpdf-annotations-rotated-270.pdf')),
    cropbox: readFileSync(join(FIXTURES, 'valid', 'pdflib-with_cropbox.pdf')),
    oddSize: readFileSync(join(FIXTURES, 'valid', 'pdflib-standard_fonts_demo.pdf')),
    constitution: readFileSync(join(FIXTURES, 'valid', 'pdflib-us_constitution.pdf')),
    cropRotated: await rotatedFixture('valid/pdflib-with_cropbox.pdf', 270),
  };
});

/** A contents-of-plan case with documents in sections A–D, including rotated, cropped and odd-sized pages. */
async function seedCase(e: Env) {
  const c = e.services.cases.create({
    title: 'Appeal for Zoë Kowalczyk',
    role: 'la',
    appealType: 'contents-of-plan',
    childName: 'Zoë Kowalczyk',
    laName: 'Northshire Council',
    tribunalRef: 'EH999/25/01234',
    hearingDate: '2026-03-20',
  });
  e.services.cases.saveParty(c.id, undefined, { kind: 'appellant', name: 'محمد الحسن' });
  const add = (
    section: string,
    key: string,
    title: string,
    extra: Parameters<typeof seedDocument>[4] = { title },
  ) => seedDocument(e.ctx, c.id, section, sources[key], { ...extra, title, date: '2025-09-01' });
  const docs = {
    appeal: await add('A', 'appeal', 'Appeal form (SEND35)', { title: '', kind: 'appeal-form' }),
    decision: await add('A', 'decision', 'Decision letter', { title: '', kind: 'decision-letter' }),
    qpdf90: await add('A', 'qpdf90', 'Annotated page (drawn rotated 90)'),
    plan: await add('B', 'plan', 'EHC plan', { title: '', kind: 'ehc-plan' }),
    rot90: await add('B', 'rot90', 'Page with /Rotate 90'),
    rot180: await add('B', 'rot180', 'Page with /Rotate 180'),
    rot270: await add('B', 'rot270', 'Pages with /Rotate 270'),
    cropbox: await add('C', 'cropbox', 'CV with a crop box'),
    cropRotated: await add('C', 'cropRotated', 'CV with a crop box, /Rotate 270'),
    oddSize: await add('C', 'oddSize', 'Odd-sized pages (650 × 700)'),
    a5: await add('C', 'a5landscape', 'A5 landscape note'),
    tiny: await add('C', 'tiny', 'Tiny receipt'),
    qpdf180: await add('D', 'qpdf180', 'Annotated page (drawn rotated 180)'),
    qpdf270: await add('D', 'qpdf270', 'Annotated page (drawn rotated 270)'),
    report: await add('D', 'report', 'Educational psychologist report', {
      title: '',
      kind: 'expert-report',
    }),
  };
  return { caseId: c.id, docs };
}

interface ReadBack {
  labels: string[];
  /** For each page: where its label was found (displayed coordinates) and whether it reads upright. */
  stamps: ({ x: number; y: number; width: number; height: number; upright: boolean } | null)[];
  text: string[];
  links: { page: number; target: number }[];
  outline: { title: string; target: number; depth: number }[];
}

/** Reads a bundle back with pdf.js, independently of the engine's own verification. */
async function readBack(path: string): Promise<ReadBack> {
  const { doc, close } = await openPdfFile(path);
  try {
    const labels = (await doc.getPageLabels()) ?? [];
    const stamps: ReadBack['stamps'] = [];
    const text: string[] = [];
    const links: ReadBack['links'] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = content.items.filter((it): it is Extract<typeof it, { str: string }> => 'str' in it);
      text.push(items.map((it) => it.str).join(' '));
      // The stamp is the lowest item showing the label (a divider also prints its name as a heading).
      const found = items
        .filter((it) => it.str === labels[i - 1])
        .map((it) => ({ it, at: viewport.convertToViewportPoint(it.transform[4], it.transform[5]) }))
        .sort((p, q) => q.at[1] - p.at[1])[0];
      if (!found) stamps.push(null);
      else {
        const item = found.it;
        const [x, y] = found.at;
        // The text's direction, through the viewport: upright text runs along +x as displayed.
        const [a, b, c, d] = viewport.transform;
        const dx = a * item.transform[0] + c * item.transform[1];
        const dy = b * item.transform[0] + d * item.transform[1];
        stamps.push({
          x,
          y,
          width: viewport.width,
          height: viewport.height,
          upright: dx > 0 && Math.abs(dy) < 1e-6,
        });
      }
      for (const annot of await page.getAnnotations()) {
        if (annot.subtype !== 'Link' || !Array.isArray(annot.dest)) continue;
        links.push({ page: i - 1, target: await doc.getPageIndex(annot.dest[0]) });
      }
      page.cleanup();
    }
    const outline: ReadBack['outline'] = [];
    const walk = async (nodes: { title: string; dest: unknown; items: unknown[] }[], depth: number) => {
      for (const n of nodes) {
        const dest = n.dest as [Parameters<typeof doc.getPageIndex>[0]];
        outline.push({ title: n.title, target: await doc.getPageIndex(dest[0]), depth });
        await walk(n.items as typeof nodes, depth + 1);
      }
    };
    await walk((await doc.getOutline()) ?? [], 0);
    return { labels, stamps, text, links, outline };
  } finally {
    await close();
  }
}

function expectStampsInBottomRight(back: ReadBack) {
  back.stamps.forEach((s, i) => {
    expect(s, `page ${i + 1} (${back.labels[i]}) has its stamp`).not.toBeNull();
    expect(s!.x, `page ${i + 1} stamp is on the right`).toBeGreaterThan(s!.width * 0.6);
    expect(s!.y, `page ${i + 1} stamp is at the bottom`).toBeGreaterThan(s!.height * 0.9);
    expect(s!.upright, `page ${i + 1} stamp reads upright`).toBe(true);
  });
}

describe('building a hearing bundle', () => {
  it('builds, verifies and records a bundle whose numbers, labels, links, bookmarks and stamps agree', async () => {
    const e = env();
    const { caseId, docs } = await seedCase(e);
    const progress: string[] = [];
    const version = await e.services.bundle.build(
      caseId,
      { numbering: 'section', dividers: true, compiledDate: '2026-03-01' },
      { onProgress: (p) => progress.push(p.message) },
    );
    expect(version).toMatchObject({ version: 1, numbering: 'section', issued: false, available: true });
    expect(version.verification.ok).toBe(true);
    expect(version.path).toBe(join(e.ctx.paths.bundles, String(caseId), 'v1.pdf'));
    expect(progress).toContain('Adding "EHC plan"');
    expect(progress[0]).toBe('Checking the documents are as they were added');
    const plan = e.services.bundle.versionPlan(caseId, 1);
    const back = await readBack(version.path);

    // Page labels read back equal the plan's numbers, section-prefixed.
    expect(back.labels).toEqual(plan.pages.map((p) => p.label));
    expect(back.labels.slice(0, 3)).toEqual(['i', 'ii', 'Section A']);
    expect(plan.documents.find((d) => d.documentId === docs.plan.id)).toMatchObject({
      firstLabel: 'B1',
      lastLabel: 'B12',
    });
    expect(back.labels[plan.documents.find((d) => d.documentId === docs.rot90.id)!.firstPage]).toBe('B13');

    // Every page shows its number bottom-right, upright as displayed, rotated and cropped pages included.
    expectStampsInBottomRight(back);

    // Every index row links to the first page of its document: that page carries the document's own text.
    const indexPages = new Set(plan.index.map((p) => p.page));
    const indexLinks = back.links.filter((l) => indexPages.has(l.page));
    const rows = plan.index.flatMap((p) => p.rows);
    expect(indexLinks).toHaveLength(rows.length);
    for (const d of plan.documents) {
      expect(indexLinks.some((l) => l.target === d.firstPage)).toBe(true);
      expect(back.labels[d.firstPage]).toBe(d.firstLabel);
    }
    const appealStart = plan.documents.find((d) => d.documentId === docs.appeal.id)!.firstPage;
    expect(back.text[appealStart]).toContain('Appeal form of Zoë Kowalczyk - page 1 of 3');
    const decisionStart = plan.documents.find((d) => d.documentId === docs.decision.id)!.firstPage;
    expect(back.text[decisionStart]).toContain('Decision letter - page 1 of 2');
    // The index prints each document's range next to its title.
    expect(back.text[1]).toContain('B1–B12');
    expect(back.text[1]).toContain('EHC plan');

    // Bookmarks: cover, index, one per section, one per document under it, each on the right page.
    const sections = back.outline.filter((o) => o.depth === 0 && o.title.startsWith('Section'));
    expect(sections.map((s) => s.title)).toEqual([
      'Section A: Appeal papers',
      'Section B: The EHC plan and working document',
      "Section C: Appellant's evidence",
      "Section D: Local authority's evidence",
    ]);
    expect(sections.map((s) => back.labels[s.target])).toEqual([
      'Section A',
      'Section B',
      'Section C',
      'Section D',
    ]);
    const children = back.outline.filter((o) => o.depth === 1);
    expect(children).toHaveLength(plan.documents.length);
    for (const d of plan.documents) {
      const mark = children.find((c) => c.title.startsWith(`${d.tab} ${d.title}`))!;
      expect(mark.target).toBe(d.firstPage);
    }

    // Non-Latin text in the generated pages stays text (the index subtitle and cover name the people).
    expect(back.text[0]).toContain('Zoë Kowalczyk');
    // Input text stays searchable.
    const constitutionFree = back.text.join(' ');
    expect(constitutionFree).toContain('Educational psychologist report - page 4 of 4');
  });

  it('numbers continuously when asked and records each build as a new version', async () => {
    const e = env();
    const { caseId } = await seedCase(e);
    const v1 = await e.services.bundle.build(caseId, { compiledDate: '2026-03-01' });
    const v2 = await e.services.bundle.build(caseId, { numbering: 'continuous', compiledDate: '2026-03-02' });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const back = await readBack(v2.path);
    const plan = e.services.bundle.versionPlan(caseId, 2);
    const docPages = plan.pages.map((p, i) => [p, i] as const).filter(([p]) => p.kind === 'document');
    expect(docPages.map(([p]) => p.label)).toEqual(docPages.map((_, i) => String(i + 1)));
    expect(back.labels).toEqual(plan.pages.map((p) => p.label));
    expectStampsInBottomRight(back);
    expect(e.services.bundle.versions(caseId).map((v) => v.version)).toEqual([1, 2]);
  });

  it.skipIf(!HAVE_QPDF || !HAVE_PDFTOTEXT)(
    'passes qpdf --check, and pdftotext finds the number on every page',
    async () => {
      const e = env();
      const { caseId } = await seedCase(e);
      const v = await e.services.bundle.build(caseId, { numbering: 'section', dividers: true });
      const check = spawnSync('qpdf', ['--check', v.path], { encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      const pages = execFileSync('pdftotext', ['-layout', v.path, '-'], { encoding: 'utf8' }).split('\f');
      const plan = e.services.bundle.versionPlan(caseId, 1);
      plan.pages.forEach((p, i) => {
        const words = pages[i].split(/\s+/);
        expect(words, `pdftotext page ${i + 1}`).toContain(p.label.split(' ').pop());
      });
    },
  );

  it('gives the same bytes for the same inputs (two separate data folders)', async () => {
    const shas: string[] = [];
    const bytes: Buffer[] = [];
    for (let i = 0; i < 2; i++) {
      const e = env();
      const { caseId } = await seedCase(e);
      const v = await e.services.bundle.build(caseId, { dividers: true, compiledDate: '2026-03-01' });
      shas.push(v.sha256);
      bytes.push(readFileSync(v.path));
    }
    expect(shas[0]).toBe(shas[1]);
    expect(Buffer.compare(bytes[0], bytes[1])).toBe(0);
    // Dates come from the compiled date, not the clock; the file ID is derived, not random.
    const text = bytes[0].toString('latin1');
    expect(text).toContain('/CreationDate (D:20260301000000Z)');
    expect(text).toMatch(/\/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]/);
  });

  it('embeds the Unicode font once', async () => {
    const e = env();
    const { caseId } = await seedCase(e);
    const v = await e.services.bundle.build(caseId, { dividers: true });
    const text = readFileSync(v.path).toString('latin1');
    expect(text.match(/\/FontName \/BUNDLE\+DejaVuSans/g)).toHaveLength(1);
    // Document information: title, subject and producer name the bundle.
    const info = await PDFDocument.load(readFileSync(v.path), { updateMetadata: false });
    expect(info.getTitle()).toBe('Hearing bundle: Appeal for Zoë Kowalczyk');
    expect(info.getSubject()).toContain('Contents of an EHC plan, EH999/25/01234. Bundle version 1');
    expect(info.getProducer()).toBe('SEND Bundle Builder (pdf-lib)');
    expect(text.match(/\/FontFile2/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('numbers a late insert 12a after a version is issued, leaves every other page alone, and reports the changed pages', async () => {
    const e = env();
    const { caseId, docs } = await seedCase(e);
    const v1 = await e.services.bundle.build(caseId, { numbering: 'continuous' });
    e.services.bundle.issue(caseId, 1);
    expect(e.services.bundle.versions(caseId)[0].issued).toBe(true);
    const plan1 = e.services.bundle.versionPlan(caseId, 1);
    // The EHC plan ends on page 18 (section A has 3 + 2 + 1 pages, the plan 12).
    const planDoc1 = plan1.documents.find((d) => d.documentId === docs.plan.id)!;
    expect(planDoc1.lastLabel).toBe('18');

    const late = await seedDocument(e.ctx, caseId, 'B', await makeTextPdf('Late amendment notice', 1), {
      title: 'Amendment notice (late)',
      date: '2026-03-05',
    });
    const order = e.services.documents
      .list(caseId)
      .filter((d) => d.section === 'B')
      .map((d) => d.id)
      .filter((id) => id !== late.id);
    order.splice(1, 0, late.id); // straight after the EHC plan
    e.services.documents.reorder(caseId, 'B', order);

    const preview = e.services.bundle.plan(caseId, { numbering: 'continuous' });
    expect(preview.documents.find((d) => d.documentId === late.id)).toMatchObject({
      firstLabel: '18a',
      lastLabel: '18a',
      lateInsert: true,
    });
    const v2 = await e.services.bundle.build(caseId, { numbering: 'continuous' });
    const back1 = await readBack(v1.path);
    const back2 = await readBack(v2.path);
    expect(back2.labels.length).toBe(back1.labels.length + 1);
    expect(back2.labels.filter((l) => !back1.labels.includes(l))).toEqual(['18a']);
    // Every page of version 1 keeps its number and its content in version 2.
    const plan2 = e.services.bundle.versionPlan(caseId, 2);
    for (const [i, page] of plan1.pages.entries()) {
      if (page.kind !== 'document') continue;
      const j = back2.labels.indexOf(page.label);
      expect(back2.text[j]).toBe(back1.text[i]);
      expect(plan2.pages[j].fingerprint).toBe(page.fingerprint);
    }
    const at = back2.labels.indexOf('18a');
    expect(back2.text[at]).toContain('Late amendment notice - page 1 of 1');
    expect(back2.stamps[at]).not.toBeNull();

    const diff = e.services.bundle.diff(caseId, 1, 2);
    expect(diff.added).toEqual(['18a']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual(['i', 'ii']);
    expect(diff.summary).toContain('new page 18a');

    // A full renumber, by choice, moves the later pages.
    const renumbered = e.services.bundle.plan(caseId, {
      numbering: 'continuous',
      lateInsertMode: 'renumber',
    });
    expect(renumbered.documents.find((d) => d.documentId === late.id)?.firstLabel).toBe('19');
  });

  it('puts in only the pages a document keeps, says it is an extract, and treats other pages as another document', async () => {
    const e = env();
    const { caseId, docs } = await seedCase(e);
    e.services.documents.update(docs.plan.id, { keptPages: [9, 2, 3, 4, 3] });
    expect(e.services.documents.get(docs.plan.id)).toMatchObject({ pageCount: 12, keptPages: [2, 3, 4, 9] });
    const v1 = await e.services.bundle.build(caseId, { numbering: 'continuous', compiledDate: '2026-03-01' });
    expect(v1.verification.ok, JSON.stringify(v1.verification)).toBe(true);
    const plan1 = e.services.bundle.versionPlan(caseId, 1);
    const planDoc = plan1.documents.find((d) => d.documentId === docs.plan.id)!;
    expect(planDoc).toMatchObject({
      title: 'EHC plan (extract: pages 2–4, 9 of 12)',
      pageCount: 4,
      keptPages: [2, 3, 4, 9],
      filePageCount: 12,
    });
    // The pages in the bundle are the document's pages 2, 3, 4 and 9, and know which they are.
    const back = await readBack(v1.path);
    const pages = [0, 1, 2, 3].map((i) => back.text[planDoc.firstPage + i]);
    expect(pages.map((t) => /EHC plan - page (\d+) of 12/.exec(t)?.[1])).toEqual(['2', '3', '4', '9']);
    expect(plan1.pages.slice(planDoc.firstPage, planDoc.firstPage + 4).map((p) => p.sourcePage)).toEqual([
      1, 2, 3, 8,
    ]);
    expect(back.labels.length).toBe(plan1.pageCount);
    expect(back.text[1]).toContain('EHC plan (extract: pages 2–4, 9 of 12)');

    // After the version is issued, other pages of the document are a changed document: not numbered as before.
    e.services.bundle.issue(caseId, 1);
    e.services.documents.update(docs.plan.id, { keptPages: [3, 4, 5, 9] });
    const preview = e.services.bundle.plan(caseId, { numbering: 'continuous' });
    const again = preview.documents.find((d) => d.documentId === docs.plan.id)!;
    expect(again.title).toBe('EHC plan (extract: pages 3–5, 9 of 12)');
    expect(again.lateInsert).toBe(true);
    expect(again.firstLabel).not.toBe(planDoc.firstLabel);

    // Every page again: the whole document, numbered as in the issued version once more.
    expect(e.services.documents.update(docs.plan.id, { keptPages: null }).keptPages).toBeNull();
    expect(
      e.services.documents.update(docs.plan.id, { keptPages: [...Array(12).keys()].map((i) => i + 1) })
        .keptPages,
    ).toBeNull();
    const whole = e.services.bundle.plan(caseId, { numbering: 'continuous' });
    expect(whole.documents.find((d) => d.documentId === docs.plan.id)).toMatchObject({
      title: 'EHC plan',
      pageCount: 12,
    });

    // A page the document does not have is refused, and nothing changes.
    expect(() => e.services.documents.update(docs.plan.id, { keptPages: [2, 13] })).toThrow(
      'The document has 12 pages: there is no page 13.',
    );
    expect(e.services.documents.get(docs.plan.id).keptPages).toBeNull();
  });

  it('refuses to record a bundle built from a corrupted plan, and leaves no file behind', async () => {
    const e = env();
    const { caseId, docs } = await seedCase(e);
    const good = e.services.bundle.plan(caseId, { numbering: 'section' });
    const corruptions: ((plan: BundlePlan) => void)[] = [
      // An index row whose link lands one page too far.
      (plan) => {
        const row = plan.index[0].rows.find((r) => r.documentId === docs.decision.id)!;
        row.target += 1;
      },
      // A page number changed after the index was laid out.
      (plan) => {
        plan.pages[plan.documents.find((d) => d.documentId === docs.report.id)!.firstPage].label = 'D99';
      },
      // A bookmark pointing at the wrong document.
      (plan) => {
        plan.bookmarks[2].children[0].page = plan.bookmarks[2].children[1].page;
      },
    ];
    for (const corrupt of corruptions) {
      const plan = structuredClone(good);
      corrupt(plan);
      const error = await buildFromPlan(e.ctx, plan).catch((x: unknown) => x);
      expect(error, `corruption ${corruptions.indexOf(corrupt) + 1}`).toBeInstanceOf(ApiError);
      expect((error as ApiError).message).toContain('failed its final check');
      const details = (error as ApiError).details as { ok: boolean; checks: { ok: boolean }[] };
      expect(details.ok).toBe(false);
    }
    expect(e.services.bundle.versions(caseId)).toEqual([]);
    const dir = join(e.ctx.paths.bundles, String(caseId));
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    // The same plan, uncorrupted, builds.
    expect((await buildFromPlan(e.ctx, good)).verification.ok).toBe(true);
  });

  it('names a document the engine cannot read, its stored file the one added, so it can be left out', async () => {
    const e = env();
    const { caseId, docs } = await seedCase(e);
    const plan = e.services.bundle.plan(caseId, { numbering: 'section' });
    // A stored file that is what its name says, which import would never have taken: not a PDF.
    const { sha256 } = e.ctx.store.putPdf(new Uint8Array(Buffer.from('not a PDF at all')));
    const entry = plan.documents.find((d) => d.documentId === docs.report.id)!;
    entry.sha256 = sha256;
    const error = await buildFromPlan(e.ctx, plan).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain(
      `The bundle could not be made because of document ${entry.tab}, “${entry.title}”`,
    );
    expect(blockingDocuments((error as ApiError).details)).toEqual([
      { documentId: docs.report.id, tab: entry.tab, title: entry.title },
    ]);
    expect(e.services.bundle.versions(caseId)).toEqual([]);
  });

  it('stops when cancelled and saves nothing', async () => {
    const e = env();
    const { caseId } = await seedCase(e);
    const controller = new AbortController();
    const error = await e.services.bundle
      .build(
        caseId,
        {},
        {
          signal: controller.signal,
          // Part way through writing the documents (not while they are checked first).
          onProgress: (p) => p.message.startsWith('Adding') && p.done === 2 && controller.abort(),
        },
      )
      .catch((x: unknown) => x);
    expect((error as ApiError).code).toBe('cancelled');
    expect(e.services.bundle.versions(caseId)).toEqual([]);
    expect(readdirSync(join(e.ctx.paths.bundles, String(caseId)))).toEqual([]);
  });

  it('refuses a case without documents with a plain message', async () => {
    const e = env();
    const c = e.services.cases.create({ title: 'Empty', role: 'parent', appealType: 'refusal-to-assess' });
    await expect(e.services.bundle.build(c.id)).rejects.toThrow('There are no documents in this case');
  });
});
