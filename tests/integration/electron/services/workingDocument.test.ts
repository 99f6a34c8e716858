/**
 * The working document (#19): the key's Word styles on the right runs, the key table, footnotes with the
 * bundle references, no tracked changes or comments, read back to the same proposals; the PDF for section B.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentFromText,
  versionChanges,
  type RenderedWorkingDocument,
  type WorkingDocumentContent,
} from '../../../../shared/workingDocument/model';
import { renderWorkingDocumentDocx } from '../../../../electron/services/workingDocument/docx';
import { renderWorkingDocumentPdf } from '../../../../electron/services/workingDocument/pdf';
import { readWorkingDocumentDocx } from '../../../../electron/services/workingDocument/read';
import { tempServices } from '../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../helpers/seed';
import { docxBomb } from '../../../helpers/hostile';

const PLAN_EXTRACT = `Section B: Special educational needs
Sam has difficulties with speech sound production and expressive language.
Sam finds it hard to manage changes to routine.
Section F: Special educational provision
Sam will receive speech and language therapy once a term from a qualified therapist.
Sam will have access to a quiet space when needed.`;

function sample(): WorkingDocumentContent {
  const content = contentFromText(PLAN_EXTRACT, 'Working document');
  const [b, f] = content.sections;
  // Parent proposes an addition with evidence; the LA proposes a deletion; one change agreed.
  b.paragraphs[0].proposals.push({
    id: 'a1',
    status: 'parent',
    insert: 'Sam has a diagnosis of developmental language disorder.',
    refs: [{ text: 'EP report, Dr Smith, 28/02/2026, p.1, para 5', documentId: 7, pageFrom: 1, pageTo: 3 }],
  });
  b.paragraphs[1].proposals.push({
    id: 'a2',
    status: 'la',
    delete: 'changes to routine',
    insert: 'unplanned changes',
    refs: [],
  });
  f.paragraphs[0].proposals.push({
    id: 'a3',
    status: 'agreed',
    delete: 'once a term',
    insert: 'for 45 minutes each week',
    refs: [{ text: 'SALT report, J Jones, 10/01/2026, p.4', documentId: 8, pageFrom: 4 }],
  });
  f.paragraphs[1].proposals.push({ id: 'a4', status: 'parent', delete: 'when needed', refs: [] });
  f.paragraphs[1].proposals.push({
    id: 'a5',
    status: 'la',
    insert: 'The school will review this each term.',
    refs: [],
  });
  return content;
}

describe('working document DOCX and PDF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const doc: RenderedWorkingDocument = {
    ...sample(),
    childName: 'Sam Smith',
    tribunalRef: 'EH123/26/00001',
    version: 3,
    date: '2026-05-01',
    bundlePages: { '7:1-3': 'D12–D14', '8:4-4': 'D20' },
  };
  let docx: Uint8Array;
  let documentXml: string;
  let zip: JSZip;

  beforeAll(async () => {
    docx = await renderWorkingDocumentDocx(doc);
    writeFileSync(join(dir, 'wd.docx'), docx);
    zip = await JSZip.loadAsync(docx);
    documentXml = await zip.file('word/document.xml')!.async('string');
  });

  const runsWith = (style: string) =>
    [
      ...documentXml.matchAll(
        /<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:rStyle w:val="([^"]+)"\/>[\s\S]*?<w:t[^>]*>([^<]*)<\/w:t>/g,
      ),
    ]
      .filter((m) => m[1] === style)
      .map((m) => m[2].trim());

  it('puts the key’s named character styles on the right runs', async () => {
    const styles = await zip.file('word/styles.xml')!.async('string');
    for (const [id, name, props] of [
      ['WDParentAmendment', 'WD Parent amendment', /<w:b\/>/],
      ['WDParentDeletion', 'WD Parent deletion', /<w:strike\/>/],
      ['WDLAAmendment', 'WD LA amendment', /<w:i\/>/],
      ['WDLADeletion', 'WD LA deletion', /<w:strike\/>/],
      ['WDAgreedAmendment', 'WD Agreed amendment', /<w:u w:val="single"\/>/],
      ['WDAgreedDeletion', 'WD Agreed deletion', /<w:strike\/>/],
    ] as const) {
      const style = new RegExp(`<w:style w:type="character" w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(
        styles,
      )?.[0];
      expect(style, id).toBeDefined();
      expect(style).toContain(`<w:name w:val="${name}"/>`);
      expect(style).toMatch(props);
    }
    expect(runsWith('WDParentAmendment')).toContain(
      'Sam has a diagnosis of developmental language disorder.',
    );
    expect(runsWith('WDLADeletion')).toContain('changes to routine');
    expect(runsWith('WDLAAmendment')).toEqual(
      expect.arrayContaining(['unplanned changes', 'The school will review this each term.']),
    );
    expect(runsWith('WDAgreedDeletion')).toContain('once a term');
    expect(runsWith('WDAgreedAmendment')).toContain('for 45 minutes each week');
    expect(runsWith('WDParentDeletion')).toContain('when needed');
  });

  it('has the key table on page 1, before the first section', () => {
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(documentXml)?.[0] ?? '';
    expect(documentXml.indexOf('<w:tbl>')).toBeLessThan(documentXml.indexOf('Section B'));
    for (const words of [
      'Normal type',
      'Underlined type',
      'Bold strikethrough',
      'Italic strikethrough',
      "Local authority's proposed deletions",
    ])
      expect(table.replace(/&apos;/g, "'")).toContain(words);
    expect(table).toContain('<w:rStyle w:val="WDParentDeletion"/>');
  });

  it('has footnotes with the bundle references, and the version and date in the header', async () => {
    const footnotes = await zip.file('word/footnotes.xml')!.async('string');
    expect(footnotes).toContain('EP report, Dr Smith, 28/02/2026, p.1, para 5 (bundle D12–D14)');
    expect(footnotes).toContain('SALT report, J Jones, 10/01/2026, p.4 (bundle D20)');
    expect((documentXml.match(/<w:footnoteReference /g) ?? []).length).toBe(2);
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /word\/header\d*\.xml/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    );
    expect(headers.join('')).toContain('Version 3 · 1 May 2026');
  });

  it('has no tracked changes or comments', async () => {
    const all = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.xml'))
        .map((n) => zip.file(n)!.async('string')),
    );
    const xml = all.join('\n');
    expect(xml).not.toMatch(/<w:(ins|del|moveFrom|moveTo)\b/);
    expect(xml).not.toMatch(/<w:comment(Reference|RangeStart)?\b/);
    expect(xml).not.toMatch(/<w:trackRevisions/);
    expect(Object.keys(zip.files).some((n) => /comments/i.test(n))).toBe(false);
  });

  it('reads back to the same sections, paragraphs and proposals', async () => {
    const back = readWorkingDocumentDocx(docx);
    const shape = (c: WorkingDocumentContent) =>
      c.sections.map((s) => ({
        heading: s.heading,
        paragraphs: s.paragraphs.map((p) => ({
          original: p.original,
          proposals: p.proposals.map((q) => ({
            status: q.status,
            delete: q.delete,
            insert: q.insert,
            refs: q.refs.map((r) => r.text),
          })),
        })),
      }));
    expect(shape(back)).toEqual(shape(doc));
    expect(back.title).toBe('Working document');
  });

  it('converts with LibreOffice where it is installed', (ctx) => {
    const soffice = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], {
      encoding: 'utf8',
    }).stdout.trim();
    if (!soffice) ctx.skip();
    execFileSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'wd.docx')], {
      timeout: 120_000,
    });
    expect(execFileSync('pdftotext', [join(dir, 'wd.pdf'), '-'], { encoding: 'utf8' })).toContain(
      'Section F',
    );
  });

  it('makes a PDF with the key, footnotes and the header, and counts its pages', async () => {
    const { bytes, pageCount } = await renderWorkingDocumentPdf(doc);
    const file = join(dir, 'wd-own.pdf');
    writeFileSync(file, bytes);
    expect(pageCount).toBe(1);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const words of [
      'Working document',
      'Version 3 · 1 May 2026',
      'Italic strikethrough',
      'Section F',
      'D12–D14',
      'Page 1 of 1',
    ])
      expect(text).toContain(words);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans-Oblique/);
    // Long documents break onto more pages, each footnote with its reference.
    const long = {
      ...doc,
      sections: [...doc.sections, ...Array.from({ length: 12 }, () => doc.sections[1])],
    };
    const more = await renderWorkingDocumentPdf(long);
    expect(more.pageCount).toBeGreaterThan(1);
    writeFileSync(join(dir, 'wd-long.pdf'), more.bytes);
    expect(
      Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'wd-long.pdf')], { encoding: 'utf8' }))![1],
      ),
    ).toBe(more.pageCount);
    expect(readFileSync(join(dir, 'wd-long.pdf')).length).toBeGreaterThan(1000);
  });

  it('prints names, words and emoji DejaVu Sans has not from the fallback fonts, italic ones slanted', async () => {
    const content = sample();
    content.sections[0].paragraphs[0].proposals.push({
      id: 'u1',
      status: 'la',
      insert: 'وہ اردو بولتا ہے',
      refs: [],
    });
    content.sections[1].paragraphs[0].original += ' 👍';
    const { bytes } = await renderWorkingDocumentPdf({ ...doc, ...content, childName: '王小明 (Sam)' });
    const file = join(dir, 'wd-fallback.pdf');
    writeFileSync(file, bytes);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/WDBKA\+DroidSansFallback/);
    expect(fonts).toMatch(/WDBLA\+NotoSansArabic/);
    expect(fonts).toMatch(/WDBMA\+NotoEmoji/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e]/g, '');
    expect(text).toContain('王小明 (Sam)');
    // The Urdu wraps onto a second line; poppler gives each line's words.
    expect(text).toContain('وہ اردو بولتا');
    expect(text).toMatch(/^ہے$/m);
    expect(text).toContain('👍');
    // The Urdu is the LA's (italic): drawn slanted, with a text matrix that leans it.
    const content0 = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], {
      encoding: 'latin1',
    });
    expect(content0).toMatch(/1 0 0\.21\d* 1 [\d.]+ [\d.]+ Tm/);
  });

  it('lists what changed since the last version', () => {
    const before = sample();
    const after = sample();
    after.sections[0].paragraphs[1].proposals[0].status = 'agreed';
    after.sections[1].paragraphs[1].proposals.pop();
    after.sections[1].paragraphs[0].proposals.push({
      id: 'a6',
      status: 'parent',
      insert: 'Delivered in school.',
      refs: [],
    });
    const changes = versionChanges(before, after).map((c) => `${c.where}: ${c.what}`);
    expect(changes).toEqual([
      "Section B: Special educational needs, paragraph 2: Agreed: LA's proposal to delete “changes to routine”, add “unplanned changes”.",
      "Section F: Special educational provision, paragraph 1: New parent's proposal to add “Delivered in school.”.",
      "Section F: Special educational provision, paragraph 2: Withdrawn: LA's proposal to add “The school will review this each term.”.",
    ]);
  });
});

describe('working document versions', () => {
  it('numbers and dates versions, lists changes, puts the PDF in section B, and refreshes bundle pages when the bundle shifts', async () => {
    const e = tempServices();
    try {
      const c = e.services.cases.create({
        title: 'Sam',
        role: 'la',
        appealType: 'contents-of-plan',
        decisionDate: '2026-01-10',
        childName: 'Sam Smith',
      });
      const report = await seedDocument(e.ctx, c.id, 'D', await makeTextPdf('EP report', 4), {
        title: 'EP report',
        kind: 'expert-report',
        date: '2026-02-28',
      });
      const content = sample();
      content.sections[0].paragraphs[0].proposals[0].refs = [
        { text: 'EP report, Dr Smith, 28/02/2026, p.2', documentId: report.id, pageFrom: 2, pageTo: 3 },
      ];
      const meter = await e.services.workingDocument.measure(c.id, content);
      expect(meter).toEqual({ pageCount: 1, limit: 25, problems: [], notes: [] });
      // Words its fonts cannot print are noted (the PDF is the copy in the bundle); the version can still be made.
      const typed = structuredClone(content);
      typed.sections[0].paragraphs[0].original += ' 言語療法 ខស';
      expect((await e.services.workingDocument.measure(c.id, typed)).notes).toEqual([
        'The PDF (the copy in the bundle) shows “ខ” and “ស” as empty boxes: its font has no such letters. Leave them out, or write them in another alphabet.',
      ]);

      const v1 = await e.services.workingDocument.saveVersion(c.id, content, '2026-04-01');
      expect(v1).toMatchObject({
        version: 1,
        date: '2026-04-01',
        pageCount: 1,
        changes: [{ what: 'First version.' }],
      });
      const docs = e.services.documents.list(c.id);
      expect(docs.filter((d) => d.section === 'B')).toEqual([
        expect.objectContaining({
          id: v1.documentId,
          kind: 'working-document',
          title: 'Working document (version 1, 2026-04-01)',
        }),
      ]);

      const first = await e.services.bundle.build(c.id, { compiledDate: '2026-04-02' });
      const refPages = (v: number) =>
        e.services.bundle
          .versionPlan(c.id, v)
          .pages.filter((p) => p.documentId === report.id)
          .map((p) => p.label);
      // A document added before the report shifts its pages in the next bundle.
      await seedDocument(e.ctx, c.id, 'A', await makeTextPdf('Appeal form', 3), {
        title: 'Appeal form',
        kind: 'appeal-form',
      });
      const second = await e.services.bundle.build(c.id, { compiledDate: '2026-04-03' });
      expect(refPages(second.version)).not.toEqual(refPages(first.version));

      content.sections[0].paragraphs[1].proposals[0].status = 'agreed';
      const v2 = await e.services.workingDocument.saveVersion(c.id, content, '2026-04-04');
      expect(v2.version).toBe(2);
      expect(v2.changes.map((x) => x.what)).toEqual([expect.stringMatching(/^Agreed: LA's proposal/)]);
      const footnotes = await (
        await JSZip.loadAsync(readFileSync(v2.docxPath))
      )
        .file('word/footnotes.xml')!
        .async('string');
      const [, from, to] = refPages(second.version);
      expect(footnotes).toContain(`EP report, Dr Smith, 28/02/2026, p.2 (bundle ${from}–${to})`);
      // Only the new version is in section B; the old one can be put back (Undo).
      expect(
        e.services.documents
          .list(c.id)
          .filter((d) => d.kind === 'working-document')
          .map((d) => d.id),
      ).toEqual([v2.documentId]);
      expect(e.services.workingDocument.versions(c.id).map((v) => v.version)).toEqual([1, 2]);
      expect(
        e.services.workingDocument.content(c.id, 1)?.content.sections[0].paragraphs[1].proposals[0].status,
      ).toBe('la');

      content.sections[1].paragraphs[1].proposals[0].delete = 'not in the plan';
      await expect(e.services.workingDocument.saveVersion(c.id, content)).rejects.toThrow(
        /“not in the plan”, are not in the paragraph/,
      );
    } finally {
      e.dispose();
    }
  });
});

describe('a working document marked up by hand', () => {
  const docx = async (parts: Record<string, string>) => {
    const zip = new JSZip();
    for (const [name, text] of Object.entries(parts)) zip.file(name, text);
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  };

  /** A working document marked up by hand: its text, styles, footnotes and title, under Word's names. */
  const handMade: Record<string, string> = {
    'word/document.xml': [
      '<w:document xmlns:w="x"><w:body>',
      '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Working document</w:t></w:r></w:p>',
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Key table text</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Section F: provision</w:t></w:r></w:p>',
      '<w:p w:rsidR="00AB"><w:r><w:t xml:space="preserve">Alex will have </w:t></w:r><w:r><w:rPr><w:strike/></w:rPr><w:t>some</w:t></w:r><w:r><w:rPr><w:b/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve"> 20 hours of</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r><w:r><w:tab/><w:t>support &amp; help</w:t><w:br/></w:r></w:p>',
      '<w:p/>',
      '<w:p><w:r><w:rPr><w:i/><w:strike w:val="false"/></w:rPr><w:t>Italic only</w:t></w:r><w:r><w:rPr><w:dstrike/></w:rPr><w:t>gone</w:t></w:r></w:p>',
      '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Section I: placement</w:t></w:r></w:p>',
      '<w:p><w:r><w:rPr><w:rStyle w:val="MyStyle"/></w:rPr><w:t>Styled by name</w:t></w:r></w:p>',
      '</w:body></w:document>',
    ].join('\n'),
    'word/styles.xml':
      '<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:rPr><w:b/></w:rPr></w:style><w:style w:type="character" w:styleId="MyStyle"><w:name w:val="My style"/><w:rPr><w:strike/></w:rPr></w:style></w:styles>',
    'word/footnotes.xml':
      '<w:footnotes xmlns:w="x"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>B12-B14 EP report</w:t></w:r></w:p></w:footnote></w:footnotes>',
    'docProps/core.xml': '<cp:coreProperties><dc:title>Hand made</dc:title></cp:coreProperties>',
  };

  it('is read from its direct formatting, styles, footnotes, tabs and breaks, tables and the title left out', async () => {
    const content = readWorkingDocumentDocx(await docx(handMade));
    // What the reader made of it before its regular expressions were replaced (session 41), the same.
    expect(content).toEqual({
      title: 'Hand made',
      sections: [
        {
          heading: 'Section F: provision',
          paragraphs: [
            {
              id: 'p1',
              original: 'Alex will have some\tsupport & help ',
              proposals: [
                {
                  id: 'p1-r1',
                  status: 'agreed',
                  insert: '20 hours of',
                  refs: [{ text: 'B12-B14 EP report' }],
                },
              ],
            },
            {
              id: 'p2',
              original: 'gone',
              proposals: [{ id: 'p2-r1', status: 'la', insert: 'Italic only', refs: [] }],
            },
          ],
        },
        {
          heading: 'Section I: placement',
          paragraphs: [{ id: 'p3', original: 'Styled by name', proposals: [] }],
        },
      ],
    });
  });

  it('is read from the parts its relationships name, as Word for the web names them', async () => {
    const relationship = (type: string, target: string) =>
      `<Relationship Id="r${type}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const renamed = await docx({
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship('officeDocument', '/word/document2.xml')}</Relationships>`,
      'word/_rels/document2.xml.rels': `<Relationships>${relationship('styles', 'styles2.xml')}${relationship('footnotes', '/word/notes.xml')}</Relationships>`,
      'word/document2.xml': handMade['word/document.xml'],
      'word/styles2.xml': handMade['word/styles.xml'],
      'word/notes.xml': handMade['word/footnotes.xml'],
      'docProps/core.xml': handMade['docProps/core.xml'],
    });
    // Refused as having no document part before.
    expect(readWorkingDocumentDocx(renamed)).toEqual(readWorkingDocumentDocx(await docx(handMade)));
  });

  // Lazy regular expressions read it: 5 s for 300 KB of "<w:p>" (an 832-byte .docx), growing with the square.
  it('is read at once when its closing tags are missing', async () => {
    const started = performance.now();
    for (const xml of ['<w:p>', '<w:p><w:r>', '<w:p><w:r><w:rPr><w:b', '<w:t>']) {
      const body = `<w:document><w:body><w:p><w:r><w:t>Words</w:t></w:r></w:p>${xml.repeat(60_000)}</w:body></w:document>`;
      try {
        readWorkingDocumentDocx(await docx({ 'word/document.xml': body, 'word/styles.xml': body }));
      } catch {
        // Refused or read: either, at once.
      }
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('a .docx read for a working document', () => {
  const docx = async (parts: Record<string, string>) => {
    const zip = new JSZip();
    for (const [name, text] of Object.entries(parts)) zip.file(name, text);
    return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  };
  const plain = (words: string) =>
    docx({
      'word/document.xml': `<w:document><w:body><w:p><w:r><w:t>${words}</w:t></w:r></w:p></w:body></w:document>`,
    });
  let env: ReturnType<typeof tempServices>;
  beforeAll(() => {
    env = tempServices();
  });
  afterAll(() => env.dispose());

  it('is read from a file on disk or from bytes, in the untrusted-file worker', async () => {
    const bytes = await plain('Sam will have a quiet space.');
    const path = join(env.dir, 'plan.docx');
    writeFileSync(path, bytes);
    const expected = {
      title: 'Working document',
      sections: [
        {
          heading: 'The plan',
          paragraphs: [{ id: 'p1', original: 'Sam will have a quiet space.', proposals: [] }],
        },
      ],
    };
    await expect(env.services.workingDocument.importDocx({ name: 'plan.docx', path })).resolves.toEqual(
      expected,
    );
    await expect(
      env.services.workingDocument.importDocx({ name: 'plan.docx', data: bytes }),
    ).resolves.toEqual(expected);
  });

  it('says what is wrong with a file that is missing, not a .docx, or damaged', async () => {
    const missing = join(env.dir, 'gone.docx');
    await expect(
      env.services.workingDocument.importDocx({ name: 'gone.docx', path: missing }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('could not be found') });
    await expect(
      env.services.workingDocument.importDocx({
        name: 'plan.doc',
        data: new TextEncoder().encode('not a zip'),
      }),
    ).rejects.toMatchObject({
      code: 'refused',
      message: 'This file is not a Word document (.docx) that can be read.',
    });
    const cut = await plain('Words');
    await expect(
      env.services.workingDocument.importDocx({ name: 'cut.docx', data: cut.slice(0, cut.length - 30) }),
    ).rejects.toMatchObject({ code: 'refused' });
  });

  // JSZip unpacked the text whole, in the main process, however large: 200 MB of it was read (and a
  // gigabyte's took the main process's memory with it).
  it('is refused when its text would unpack to more than a working document holds', async () => {
    const bomb = new Uint8Array(await docxBomb(200 * 1024 * 1024));
    await expect(
      env.services.workingDocument.importDocx({ name: 'bomb.docx', data: bomb }),
    ).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('text would unpack to 200 MB, more than the 64 MB'),
    });
  });

  it('is refused when its text unpacks to more than its archive says', async () => {
    const bomb = new Uint8Array(await docxBomb(100 * 1024 * 1024, 1024));
    await expect(
      env.services.workingDocument.importDocx({ name: 'liar.docx', data: bomb }),
    ).rejects.toMatchObject({
      code: 'refused',
      message: 'This Word document could not be read: its text is damaged in the archive.',
    });
  });

  // String.fromCodePoint threw a RangeError for a reference past Unicode's last character.
  it('reads a character reference past Unicode as the replacement character', async () => {
    const content = readWorkingDocumentDocx(await plain('Sam &#x110000;&#1114112; &#x263A;'));
    expect(content.sections[0].paragraphs[0].original).toBe('Sam \ufffd\ufffd \u263a');
  });
});
