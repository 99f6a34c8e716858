/**
 * Evidence pages go into the bundle without their active content, with their form values still showing,
 * their links and bookmarks pointing at the bundle's own pages; the checker finds active content in any
 * bundle that has it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDocument, PDFName, type PDFRef } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleVersion } from '../../../../../shared/bundle/types';
import { openPdfFile } from '../../../../../electron/services/pdf/read/pdfjsFile';
import { checkPdf } from '../../../../../electron/services/checker/check';
import { activeContentPdf, CHECKBOX_TEXT, FORM_VALUE } from '../../../../helpers/activePdf';
import { bundleOfOne, tempServices } from '../../../../helpers/context';
import { look } from '../../../../helpers/popplerLook';
import { HAS_PDFTOTEXT, HAS_QPDF, pdftotext } from '../../../../helpers/importChecks';
import { HELVETICA, rawPdf, textContent } from '../../../../helpers/rawPdf';
import { makeTextPdf } from '../../../../helpers/seed';

let t: ReturnType<typeof tempServices>;
let caseId: number;
let documentId: number;
let bundle: BundleVersion;
beforeAll(async () => {
  t = tempServices();
  caseId = t.services.cases.create({ title: 'Active', role: 'parent', appealType: 'refusal-to-assess' }).id;
  const [outcome] = await t.services.documents.import({
    caseId,
    section: 'C',
    files: [{ name: 'Evidence with scripts.pdf', data: activeContentPdf() }],
  });
  if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
  documentId = outcome.documentId;
  bundle = await t.services.bundle.build(caseId, { compiledDate: '2026-03-01' });
});
afterAll(() => t.dispose());

/** The bundle fully uncompressed and written out by qpdf, one object per block: what a person would search. */
function qdf(path: string): string {
  return execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], {
    maxBuffer: 256 * 1024 * 1024,
  }).toString('latin1');
}

describe('active content', () => {
  it('tells the user at import what bundles will leave out', () => {
    const doc = t.services.documents.get(documentId);
    expect(doc.importNotes.join(' ')).toMatch(/Left out of bundles: .*JavaScript.*Launch/);
    expect(doc.importNotes.join(' ')).toMatch(/the icons of files attached to its pages/);
    // The attached file itself is named, and not added: it is not a kind of file bundles hold.
    expect(doc.importNotes.join(' ')).toMatch(/“payload\.exe” is .*, which bundles cannot hold/);
    expect(doc.importNotes.join(' ')).toMatch(/form fields are shown as filled in/);
  });

  it.runIf(HAS_QPDF)('holds none of it in the bundle (qpdf --qdf output searched)', () => {
    const text = qdf(bundle.path);
    for (const name of [
      '/JavaScript',
      '/JS',
      '/Launch',
      '/AA',
      '/EmbeddedFile',
      '/EmbeddedFiles',
      '/FileAttachment',
      '/XFA',
      '/AcroForm',
      '/Widget',
      '/GoToR',
      '/SubmitForm',
    ])
      expect(text, name).not.toMatch(new RegExp(`${name.replace('/', '\\/')}(?![A-Za-z])`));
    expect(text).not.toContain('calc.exe');
    expect(text).not.toContain('cmd.exe');
    expect(text).not.toContain('payload.exe');
    // The only opening action is the bundle's own: show the cover at 100%.
    expect(text.match(/\/OpenAction/g)).toHaveLength(1);
    expect(text).toMatch(/\/OpenAction \[\s*\d+ 0 R\s*\/XYZ\s+null\s+null\s+1\s*\]/);
    // The web link stays.
    expect(text).toContain('/URI (https://www.gov.uk/');
  });

  it.runIf(HAS_PDFTOTEXT)('keeps the form values visible on the page', () => {
    const text = pdftotext(bundle.path);
    expect(text).toContain(FORM_VALUE);
    expect(text).toContain(CHECKBOX_TEXT);
  });

  it("points the document's own link at its page 2 in the bundle", async () => {
    const { doc, close } = await openPdfFile(bundle.path);
    try {
      const first = bundle.pageCount - 2; // cover, index, then the document's two pages
      const page = await doc.getPage(first + 1);
      const links = (await page.getAnnotations()).filter((a) => a.subtype === 'Link');
      const internal = links.filter((a) => Array.isArray(a.dest));
      expect(internal).toHaveLength(1);
      expect(await doc.getPageIndex(internal[0].dest[0])).toBe(first + 1);
      expect(links.filter((a) => a.url)).toHaveLength(1);
      page.cleanup();
    } finally {
      await close();
    }
  });

  it('reports nothing about a bundle the app built', async () => {
    const result = await checkPdf(new Uint8Array(readFileSync(bundle.path)), { rules: 'send' });
    expect(result.findings.filter((f) => f.code === 'active-content')).toEqual([]);
  });

  it('reports active content in a crafted bundle, with its page', async () => {
    const crafted = await PDFDocument.load(readFileSync(bundle.path), { updateMetadata: false });
    const { context } = crafted;
    const page = crafted.getPage(2);
    page.node.set(PDFName.of('AA'), context.obj({ O: { S: 'Launch', F: 'calc.exe' } }));
    const link = context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 0, 10, 10],
        A: context.obj({ S: 'JavaScript', JS: 'app.alert(1)' }),
      }),
    );
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (annots instanceof PDFArray) annots.push(link);
    else page.node.set(PDFName.of('Annots'), context.obj([link]));
    crafted.catalog.set(PDFName.of('OpenAction'), context.obj({ S: 'JavaScript', JS: 'this.print()' }));
    const result = await checkPdf(await crafted.save(), { rules: 'send', fileName: 'crafted.pdf' });
    const finding = result.findings.find((f) => f.code === 'active-content');
    expect(finding).toMatchObject({ severity: 'error', pages: [3] });
    expect(finding?.message).toMatch(/^Page 3 carries active content \(/);
    expect(finding?.details?.what).toEqual(expect.arrayContaining(['JavaScript', 'Launch']));
    expect(finding?.message).toMatch(/and so does the file as a whole/);
  });
});

/**
 * A link on the last page whose action's /Next is an array naming the same action twice, `levels` deep,
 * ending in a Launch: 2^levels paths through a few KB.
 */
async function withActionFanOut(pdf: Uint8Array, levels: number): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { context } = doc;
  let action: PDFRef = context.register(context.obj({ S: 'Launch', F: 'cmd.exe' }));
  for (let level = 0; level < levels; level++)
    action = context.register(context.obj({ S: 'Named', N: 'NextPage', Next: [action, action] }));
  const link = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], A: action }),
  );
  const page = doc.getPage(doc.getPageCount() - 1).node;
  const annots = page.lookup(PDFName.of('Annots'));
  if (annots instanceof PDFArray) annots.push(link);
  else page.set(PDFName.of('Annots'), context.obj([link]));
  return new Uint8Array(await doc.save({ useObjectStreams: false }));
}

describe('a chain of actions naming the same action twice at every level', () => {
  // 25 levels: 33 million paths, within both readers' depth limits; each action is read once.
  it('is read once at import and left out of the bundle', async () => {
    const started = Date.now();
    const data = await withActionFanOut(await makeTextPdf('Chained actions', 1), 25);
    const id = t.services.cases.create({
      title: 'Chain',
      role: 'parent',
      appealType: 'refusal-to-assess',
    }).id;
    const [outcome] = await t.services.documents.import({
      caseId: id,
      section: 'C',
      files: [{ name: 'Chained.pdf', data }],
    });
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    expect(t.services.documents.get(outcome.documentId).importNotes.join(' ')).toMatch(
      /Left out of bundles: .*Launch/,
    );
    const built = await t.services.bundle.build(id, { compiledDate: '2026-03-01' });
    expect(built.verification.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    if (HAS_QPDF) expect(qdf(built.path)).not.toMatch(/\/Launch|cmd\.exe/);
  });

  it('is read once by the checker, which finds the Launch at its end', async () => {
    const data = await withActionFanOut(new Uint8Array(readFileSync(bundle.path)), 25);
    const result = await checkPdf(data, { rules: 'send', fileName: 'chained.pdf' });
    const finding = result.findings.find((f) => f.code === 'active-content');
    expect(finding).toMatchObject({ severity: 'error', pages: [bundle.pageCount] });
    expect(finding?.details?.what).toEqual(['Launch']);
  });

  it('is reported when it runs deeper than the checker reads', async () => {
    const data = await withActionFanOut(new Uint8Array(readFileSync(bundle.path)), 40);
    const result = await checkPdf(data, { rules: 'send', fileName: 'chained.pdf' });
    const finding = result.findings.find((f) => f.code === 'active-content');
    expect(finding?.details?.what).toEqual(['a chain of actions too long to read to its end']);
  });
});

describe("the document's own bookmarks", () => {
  it('appear under its bundle bookmark and open the right bundle pages; the JavaScript one is left out', async () => {
    const { doc, close } = await openPdfFile(bundle.path);
    try {
      const outline = (await doc.getOutline()) ?? [];
      const section = outline.find((n) => n.title.startsWith('Section C'))!;
      const entry = section.items[0];
      expect(entry.title).toContain('Evidence with scripts');
      expect(entry.items.map((item: { title: string }) => item.title)).toEqual([
        'Introduction',
        'Second part',
      ]);
      const first = bundle.pageCount - 2;
      const targets = await Promise.all(
        entry.items.map(async (item: { dest: unknown }) =>
          doc.getPageIndex((item.dest as unknown[])[0] as never),
        ),
      );
      expect(targets).toEqual([first, first + 1]);
      // Closed under the document, so the panel still lists every document at a glance.
      expect(entry.count).toBeLessThan(0);
    } finally {
      await close();
    }
  });

  it('are dropped when the case says so', async () => {
    t.services.cases.update(caseId, { pageSettings: { sourceBookmarks: false } });
    const plain = await t.services.bundle.build(caseId, { compiledDate: '2026-03-01' });
    const { doc, close } = await openPdfFile(plain.path);
    try {
      const section = ((await doc.getOutline()) ?? []).find((n) => n.title.startsWith('Section C'))!;
      expect(section.items[0].items).toEqual([]);
    } finally {
      await close();
      t.services.cases.update(caseId, { pageSettings: { sourceBookmarks: true } });
    }
  });
});

describe('sound, video and 3D on a page', () => {
  it.runIf(HAS_PDFTOTEXT && HAS_QPDF)(
    'keep the picture a reader shows in their place; what plays is left out (veraPDF 6-3-2-t01-fail-q), as do links the bundle drops (6-3-2-t01-fail-b)',
    async () => {
      const poster = (words: string) => ({
        dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 200 40] /Resources << /Font << /F1 9 0 R >> >> >>',
        stream: `0.9 0.2 0.2 rg 0 0 200 40 re f 0 g BT /F1 12 Tf 4 14 Td (${words}) Tj ET`,
      });
      const pdf = rawPdf(
        [
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 9 0 R >> >> /Contents 4 0 R /Annots [5 0 R 6 0 R 7 0 R 13 0 R 14 0 R] >>',
          { dict: '<< >>', stream: textContent(['A report with a recording']) },
          '<< /Type /Annot /Subtype /Screen /Rect [72 600 272 640] /AP << /N 10 0 R >> /A << /S /Rendition /OP 0 /R << /S /MR /C << /S /MCD /D << /Type /Filespec /F (clip.mp4) >> >> >> >> >>',
          '<< /Type /Annot /Subtype /Sound /Rect [72 500 272 540] /AP << /N 11 0 R >> /Sound 8 0 R >>',
          '<< /Type /Annot /Subtype /Movie /Rect [72 400 272 440] /F 2 /AP << /N 12 0 R >> /Movie << /F (film.mov) >> >>',
          { dict: '<< /R 8000 >>', stream: 'not really a sound' },
          HELVETICA,
          poster('POSTER OF THE CLIP'),
          poster('SPEAKER ICON'),
          poster('HIDDEN MOVIE'),
          // Links the bundle cannot keep (none of somewhere to go; a program to start), drawn as buttons.
          '<< /Type /Annot /Subtype /Link /Rect [72 300 272 340] /Border [0 0 0] /AP << /N 15 0 R >> >>',
          '<< /Type /Annot /Subtype /Link /Rect [72 200 272 240] /Border [0 0 0] /AP << /N 16 0 R >> /A << /S /Launch /F (calc.exe) >> >>',
          poster('BUTTON GOING NOWHERE'),
          poster('BUTTON STARTING A PROGRAM'),
        ],
        '/Root 1 0 R',
      );
      const { outcome, bundle: built } = await bundleOfOne(t.services, 'recording.pdf', pdf);
      expect(outcome.notes.join(' ')).toMatch(
        /sound, video and 3D \(the picture a reader shows in their place is kept\)/,
      );
      const page = execFileSync('pdftotext', ['-f', '3', '-l', '3', built.path, '-'], { encoding: 'utf8' });
      expect(page).toContain('POSTER OF THE CLIP');
      expect(page).toContain('SPEAKER ICON');
      expect(page).not.toContain('HIDDEN MOVIE');
      expect(page).toContain('BUTTON GOING NOWHERE');
      expect(page).toContain('BUTTON STARTING A PROGRAM');
      const text = qdf(built.path);
      for (const kind of ['/Screen', '/Sound', '/Movie', '/Rendition', 'clip.mp4', 'film.mov', 'calc.exe'])
        expect(text, kind).not.toContain(kind);
    },
  );
});

describe('annotations under a form field', () => {
  it.runIf(HAS_PDFTOTEXT && HAS_QPDF)(
    'are drawn into the page with it, in the order readers draw them (pdf.js issue13003.pdf)',
    async () => {
      const drawing = (ops: string) => ({
        dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 200 100] /Resources << /Font << /F1 6 0 R >> >> >>',
        stream: ops,
      });
      const pdf = rawPdf(
        [
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          // Listed first: a comment's filled black box over where the field is, with its pop-up; a note
          // elsewhere on the page; then the field, which readers draw over the box.
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R /Annots [7 0 R 8 0 R 9 0 R 5 0 R] >>',
          { dict: '<< >>', stream: textContent(['A form with comments']) },
          '<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Sam) /Rect [100 500 300 600] /F 4 /AP << /N 10 0 R >> >>',
          HELVETICA,
          '<< /Type /Annot /Subtype /Square /Rect [50 450 350 650] /IC [0 0 0] /CA 0.5 /AP << /N 11 0 R >> /Popup 8 0 R /Contents (covered) >>',
          '<< /Type /Annot /Subtype /Popup /Rect [400 450 550 650] /Parent 7 0 R >>',
          '<< /Type /Annot /Subtype /Square /Rect [50 100 150 200] /AP << /N 12 0 R >> /Contents (elsewhere) >>',
          drawing('0.2 0.8 0.2 rg 0 0 200 100 re f 0 g BT /F1 14 Tf 10 40 Td (FIELD ANSWER) Tj ET'),
          drawing('0 g 0 0 200 100 re f'),
          drawing('1 0 0 RG 4 w 2 2 196 96 re S'),
        ],
        '/Root 1 0 R',
      );
      const { bundle: built } = await bundleOfOne(t.services, 'covered.pdf', pdf);
      // The field's green shows inside it, as in every reader, not the box listed before it.
      const [r, g, b] = look(readFileSync(built.path), 3, 120 / 595, 1 - 590 / 842).colour;
      expect(g).toBeGreaterThan(150);
      expect(r + b).toBeLessThan(200);
      // The box is drawn into the page with the field, its pop-up gone with it; the other comment stays.
      const doc = await PDFDocument.load(readFileSync(built.path), { updateMetadata: false });
      const annots = doc.getPage(2).node.Annots();
      expect(annots?.size()).toBe(1);
      expect(pdftotext(built.path)).toContain('FIELD ANSWER');
      // Drawn at the opacity readers give it (/CA).
      expect(qdf(built.path)).toMatch(/\/CA 0\.5\s+\/ca 0\.5/);
    },
  );
});
