/**
 * Issue #10's promise, tested over a corpus: a document import accepts never makes a bundle fail.
 *
 * Every shared fixture PDF and every generated damaged variant (tests/helpers/damage.ts: truncations, byte
 * flips near startxref, in streams and in inline images, broken page boxes and form bounding boxes,
 * control characters in titles and names, unusual page trees, an attachment-only encryption, a form
 * chain too deep to copy) is imported into a case of its own. Each accepted file is then built alone, with
 * the default page settings and (except truncated and byte-flipped copies) again with every page setting
 * the other way, and each build must pass the engine's own verification. Each refused file must be named in its message. The figures are printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../../../../shared/text/controls';
import { FIXTURES, tempServices } from '../../../../helpers/context';
import { HAS_PDFINFO, HAS_QPDF } from '../../../../helpers/importChecks';
import {
  attachmentOnlyEncryptedPdf,
  damagedVariants,
  deepTreePdf,
  directPagesPdf,
  formChainPdf,
  parentLoopPdf,
  untidyTreePdf,
  untypedCatalogPdf,
  untypedPagesPdf,
  untypedTreeAndBrokenObjectPdf,
  untypedTreeAndGarbledPagePdf,
  userUnitPdf,
  type Variant,
} from '../../../../helpers/damage';

const fixtures: Variant[] = ['encrypted', 'malformed', 'structure', 'valid'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((name) => name.toLowerCase().endsWith('.pdf'))
    .map((name) => ({
      id: `${dir}/${name}`,
      name,
      bytes: new Uint8Array(readFileSync(join(FIXTURES, dir, name))),
    })),
);

const structures: Variant[] = [
  { id: 'pages as direct objects', name: 'direct-pages.pdf', bytes: directPagesPdf() },
  { id: 'page tree 400 deep', name: 'deep-400.pdf', bytes: deepTreePdf(400) },
  { id: 'page tree with nulls and a wrong count', name: 'untidy-tree.pdf', bytes: untidyTreePdf() },
  { id: 'pages with no type, or a garbled one', name: 'untyped-pages.pdf', bytes: untypedPagesPdf() },
  { id: 'a catalog with no type', name: 'untyped-catalog.pdf', bytes: untypedCatalogPdf('') },
  {
    id: 'a catalog whose type is garbled',
    name: 'garbled-catalog.pdf',
    bytes: untypedCatalogPdf('/Type /Cbtalog '),
  },
  {
    id: 'a garbled page tree and a broken object the catalog points at',
    name: 'garbled-tree-broken-object.pdf',
    bytes: untypedTreeAndBrokenObjectPdf(),
  },
  {
    id: 'a garbled page tree and a page with a byte no reader knows',
    name: 'garbled-tree-garbled-page.pdf',
    bytes: untypedTreeAndGarbledPagePdf(),
  },
  { id: 'user unit 10', name: 'user-unit-10.pdf', bytes: userUnitPdf(10) },
  { id: 'user unit 0.5', name: 'user-unit-half.pdf', bytes: userUnitPdf(0.5) },
  {
    id: 'only the attachment encrypted',
    name: 'encrypted-attachment.pdf',
    bytes: attachmentOnlyEncryptedPdf(),
  },
  { id: 'form chain 1500 deep', name: 'form-chain.pdf', bytes: formChainPdf(1500) },
  { id: 'a page whose parent loops', name: 'parent-loop.pdf', bytes: parentLoopPdf() },
];

/** Which of qpdf and poppler (where installed) open the file and find pages in it. */
function openedByIndependentReaders(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    const opened: string[] = [];
    if (HAS_QPDF) {
      const pages = spawnSync('qpdf', ['--show-npages', file], { encoding: 'utf8' });
      if (pages.status !== 2 && Number(pages.stdout.trim()) > 0) opened.push('qpdf');
    }
    if (HAS_PDFINFO) {
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
      if (info.status === 0 && /^Pages:\s+[1-9]/m.test(info.stdout)) opened.push('poppler');
    }
    return opened;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const variants = await damagedVariants();
const corpus = [...fixtures, ...variants, ...structures];

const figures = { accepted: 0, repaired: 0, rasterised: 0, refused: 0, builds: 0, verified: 0 };
let t: ReturnType<typeof tempServices>;
beforeAll(() => {
  t = tempServices();
});
afterAll(() => {
  t.dispose();
  console.log(
    `Import corpus: ${corpus.length} files (${fixtures.length} fixtures, ${variants.length + structures.length} generated): ` +
      `${figures.accepted} accepted as they were, ${figures.repaired} repaired, ${figures.rasterised} with pages made into pictures, ` +
      `${figures.refused} refused; ${figures.verified} of ${figures.builds} builds verified.`,
  );
});

describe('import corpus: every accepted file builds and verifies alone', () => {
  it('has at least 200 generated variants', () => {
    expect(variants.length + structures.length).toBeGreaterThanOrEqual(200);
  });

  // Generous: the largest fixture (206 pages) is imported and built twice, on a machine doing other work.
  it.each(corpus.map((v) => [v.id, v] as const))('%s', { timeout: 240_000 }, async (_id, variant) => {
    const c = t.services.cases.create({ title: 'Corpus', role: 'parent', appealType: 'contents-of-plan' });
    const [outcome] = await t.services.documents.import({
      caseId: c.id,
      section: 'C',
      files: [{ name: variant.name, data: variant.bytes }],
    });
    if (outcome.status === 'refused') {
      figures.refused++;
      expect(outcome.reason).toContain(`"${escapeControls(variant.name)}"`);
      expect(t.services.documents.list(c.id)).toEqual([]);
      // Readable means imported: nothing refused is a file qpdf or poppler can open.
      expect(openedByIndependentReaders(variant.bytes)).toEqual([]);
      return;
    }
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    if (outcome.notes.some((note) => /turned into (a picture|pictures)/.test(note))) figures.rasterised++;
    else if (outcome.conversion === 'none') figures.accepted++;
    else figures.repaired++;

    figures.builds++;
    const version = await t.services.bundle.build(c.id, { compiledDate: '2026-03-01' });
    if (version.verification.ok) figures.verified++;
    expect(version.verification.ok).toBe(true);
    expect(version.pageCount).toBe(outcome.pageCount + 2);
    // The same document with every page setting the other way (the pre-flight tries the defaults), for the
    // fixtures and the page-geometry and structure variants. Truncated and byte-flipped copies of the same
    // few bases are built once, to keep the corpus within CI's time; so is the 206-page fixture, which
    // alone would take a fifth of it.
    if (outcome.pageCount > 100 || /^(truncate|flip) /.test(variant.id)) return;
    figures.builds++;
    const other = await t.services.bundle.build(c.id, {
      compiledDate: '2026-03-01',
      normalisePages: false,
      landscapePages: 'rotate',
      sourceBookmarks: false,
    });
    if (other.verification.ok) figures.verified++;
    expect(other.verification.ok).toBe(true);
  });
});
